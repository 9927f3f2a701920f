"""Repeating rows on a question page (partners, milestones, resources) as Django formsets.

Each row is a small form; `rows_formset()` makes the formset of a page's rows. The rows keep
the names the pages have always posted, so drafts saved before a change still load and the
no-JavaScript buttons keep working:

- a row's inputs are `<step>-<letter><index>_<field>`, e.g. `partners-p0_name`;
- the number of rows is the page's hidden `<step>-rows` field (not a management form);
- "Add another" and "Remove" post the page; the view rewrites the posted data with
  `with_row_added` / `with_row_removed` and shows the page again.

Every row is validated (a blank row is valid: its fields are optional); the section form
decides what a blank or half-filled row means, because its rules span rows (duplicates,
date order, the lead organisation).
"""

from django import forms
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)
from django.forms.utils import ErrorDict, ErrorList
from django.utils.functional import cached_property

COUNT_FIELD = "rows"


class RowForm(forms.Form):
    """One row. Its inputs are named `<formset prefix>_<field>` (the formset prefix ends in
    the row's letter and index), and it knows its position for its messages."""

    use_required_attribute = False

    def __init__(self, *args, index, **kwargs):
        self.index = index
        self.number = index + 1
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name):
        return f"{self.prefix}_{field_name}" if self.prefix else field_name

    def is_blank(self):
        """Nothing typed in any of the row's inputs."""
        for name, field in self.fields.items():
            value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            values = value if isinstance(value, list | tuple) else [value]
            if any(str(v if v is not None else "").strip() for v in values):
                return False
        return True

    def require(self, name, message):
        """Add `message` to the field unless it already has an error."""
        if name not in self.errors:
            self.add_error(name, message)


class RowFormSet(forms.BaseFormSet):
    """A page's rows. `letter` starts each row's names; `addable` rows have "Add another"
    and "Remove" buttons, between `min_num` and `max_num` of them; other rows are one per
    item the page is given (`rows`)."""

    letter = "r"
    addable = True
    default_rows = 1

    def __init__(self, data=None, *, prefix=None, rows=None, **kwargs):
        self.section_prefix = prefix or ""
        self.requested_rows = rows
        super().__init__(data, prefix=prefix, **kwargs)

    # Names ------------------------------------------------------------------------------

    @classmethod
    def input_name(cls, prefix, index, field):
        name = f"{cls.letter}{index}_{field}"
        return f"{prefix}-{name}" if prefix else name

    @staticmethod
    def count_name(prefix):
        return f"{prefix}-{COUNT_FIELD}" if prefix else COUNT_FIELD

    def add_prefix(self, index):
        name = f"{self.letter}{index}"
        return f"{self.section_prefix}-{name}" if self.section_prefix else name

    # How many rows ----------------------------------------------------------------------

    @classmethod
    def _posted_count(cls, data, prefix):
        try:
            return int(data.get(cls.count_name(prefix)) or cls.default_rows)
        except ValueError:
            return cls.default_rows

    @cached_property
    def row_count(self):
        if not self.addable:
            return max(self.min_num, min(self.max_num, self.requested_rows or 0))
        value = None
        if self.is_bound:
            value = self.data.get(self.count_name(self.section_prefix))
        if value in (None, ""):
            value = self.requested_rows or self.default_rows
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = self.default_rows
        return max(self.min_num, min(self.max_num, value))

    def total_form_count(self):
        return self.row_count

    def initial_form_count(self):
        # Every row is validated; the section form decides what a blank row means.
        return self.row_count

    @cached_property
    def management_form(self):
        """The count comes from the page's hidden `rows` field, so this is always valid."""
        form = ManagementForm(
            {
                f"{self.prefix}-{TOTAL_FORM_COUNT}": self.row_count,
                f"{self.prefix}-{INITIAL_FORM_COUNT}": self.row_count,
                f"{self.prefix}-{MIN_NUM_FORM_COUNT}": self.min_num,
                f"{self.prefix}-{MAX_NUM_FORM_COUNT}": self.max_num,
            },
            auto_id=self.auto_id,
            prefix=self.prefix,
            renderer=self.renderer,
        )
        form.full_clean()
        return form

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "index": index}

    @property
    def can_add_row(self):
        return self.addable and self.row_count < self.max_num

    def suppress_errors(self):
        """Show the rows' values without their errors (after "Add another")."""
        self._errors = []
        self._non_form_errors = ErrorList()
        for row in self.forms:
            row._errors = ErrorDict()

    # "Add another" and "Remove" without JavaScript --------------------------------------

    @classmethod
    def with_row_added(cls, data, prefix):
        data = data.copy()
        rows = cls._posted_count(data, prefix)
        data[cls.count_name(prefix)] = str(min(cls.max_num, rows + 1))
        return data

    @classmethod
    def with_row_removed(cls, data, prefix, index):
        """The posted data with row `index` taken out and later rows moved up."""
        data = data.copy()
        rows = cls._posted_count(data, prefix)
        if not 0 <= index < rows:
            return data
        suffixes = {
            name: getattr(field.widget, "widgets_names", None) or [""]
            for name, field in cls.form.base_fields.items()
        }  # a date's boxes are posted as <name>_day, <name>_month and <name>_year

        def names(position):
            return [
                cls.input_name(prefix, position, field) + suffix
                for field, field_suffixes in suffixes.items()
                for suffix in field_suffixes
            ]

        for position in range(index, rows - 1):
            for target, source in zip(names(position), names(position + 1), strict=True):
                data.setlist(target, data.getlist(source))
        for name in names(rows - 1):
            data.pop(name, None)
        data[cls.count_name(prefix)] = str(max(cls.min_num, rows - 1))
        return data


def rows_formset(form, *, letter, min_rows, max_rows, default_rows=1, addable=True, base=None):
    """The formset class of a page's rows of `form` (a RowForm): `absolute_max` is
    `max_rows`, so no request can make the server build more rows than the page allows."""
    base = base or RowFormSet
    formset = forms.formset_factory(
        form,
        formset=base,
        extra=0,
        min_num=min_rows,
        max_num=max_rows,
        absolute_max=max_rows,
    )
    formset.letter = letter
    formset.addable = addable
    formset.default_rows = default_rows
    return formset
