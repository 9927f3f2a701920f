"""The base of the question pages' forms (one per wizard step)."""

from django import forms
from django.forms.utils import ErrorDict

ROW_INITIAL = "row_initial"


class SectionForm(forms.Form):
    """One section of a bid. Subclasses set `step` and turn their cleaned data into the
    section's answers (`to_answers`, in the schema of applications/answers.py) and back
    (`initial_from_answers`).

    A page with repeating rows sets `rows_class` (see applications/forms/rows.py): the form
    then has `formset`, validated with the form; `initial_from_answers` gives the rows'
    initial values under ROW_INITIAL.
    """

    step = ""
    use_required_attribute = False
    rows_class = None

    def __init__(self, *args, bid=None, user=None, rows=None, row_kwargs=None, **kwargs):
        self.bid = bid
        self.user = user
        super().__init__(*args, **kwargs)
        self.initial = dict(self.initial)
        row_initial = self.initial.pop(ROW_INITIAL, None)
        self.formset = None
        if self.rows_class is not None:
            self.formset = self.rows_class(
                self.data if self.is_bound else None,
                prefix=self.prefix,
                rows=rows,
                initial=row_initial,
                auto_id=self.auto_id,
                **(row_kwargs or {}),
            )

    @classmethod
    def initial_from_answers(cls, data):
        return dict(data or {})

    @classmethod
    def has_addable_rows(cls):
        return cls.rows_class is not None and cls.rows_class.addable

    @classmethod
    def rows_for_answers(cls, data):
        """How many rows the saved answers fill (None for a page without added rows)."""
        if not cls.has_addable_rows():
            return None
        return len(cls.initial_from_answers(data).get(ROW_INITIAL) or [])

    @classmethod
    def with_row_added(cls, data, prefix):
        return cls.rows_class.with_row_added(data, prefix)

    @classmethod
    def with_row_removed(cls, data, prefix, index):
        return cls.rows_class.with_row_removed(data, prefix, index)

    @property
    def row_forms(self):
        return list(self.formset) if self.formset is not None else []

    def full_clean(self):
        if self.formset is not None and self.is_bound:
            self.formset.full_clean()  # the rows first: the section's clean() reads them
        super().full_clean()

    def is_valid(self):
        valid = super().is_valid()
        if self.formset is not None:
            return valid and self.formset.is_valid()
        return valid

    def has_errors(self):
        """Errors anywhere on the page: the section's fields or its rows."""
        return bool(self.errors) or any(row.errors for row in self.row_forms)

    def summary_forms(self):
        """What the error summary lists, in page order: the section's fields, then its rows."""
        return [self] if self.formset is None else [self, self.formset]

    def to_answers(self):
        return dict(self.cleaned_data)

    def is_complete(self, answers):
        return True

    def require(self, name, message):
        """Add `message` to the field unless it already has an error."""
        if name not in self.errors:
            self.add_error(name, message)

    def suppress_errors(self):
        """Show the bound values without validating them (after "Add another")."""
        self._errors = ErrorDict()
        if self.formset is not None:
            self.formset.suppress_errors()
        return self
