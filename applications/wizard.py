"""The bid's question pages: a django-formtools NamedUrlWizardView whose storage is the
database (BidSection rows), so answers survive sign-out, expired sessions and other
browsers.

Each section is a named step at /apply/<bid>/section/<step>/, reachable from the task
list in any order once eligibility is complete. Every POST stores the step through
applications.bids.save_section:

- valid input: the cleaned answers (the answers.py schema); the section is complete
  (eligibility only when every answer is "yes");
- invalid input: the raw input is kept in the section's `_draft` key beside the last
  valid answers, the section is "In progress", and the page shows the error summary with
  the user's text (now and on their next visit, from any browser);
- "Add another" / "Remove": the rows change and the page is shown again, without errors.

The page carries the section's version in a hidden field; if someone else saved the
section in between, nothing is overwritten and the page shows their answers above the
user's own text (optimistic concurrency).
"""

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.views.generic import View
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from applications import bids, forms, progress
from applications import rules as access
from applications.answers import SECTION_TITLES, regions_of, summarise
from applications.models import Bid
from core.access import require
from core.refusals import refusal_message

STRUCTURAL_ACTIONS = ("add_row", "remove_row_")


def load_bid(pk):
    """The bid of an applicant's page; who may open it is `applications.work_on_bid`."""
    return get_object_or_404(Bid.objects.select_related("round"), pk=pk)


class BidSectionStorage(BaseStorage):
    """formtools storage backed by the bid's BidSection rows.

    `get_step_data` answers the raw input of a section that was saved with errors (its
    `_draft`), which the wizard binds to the form; valid answers come back as the form's
    initial data (`answers`). Writing goes through applications.bids.save_section.
    """

    def __init__(self, prefix, request=None, file_storage=None, *, bid):
        super().__init__(prefix, request, file_storage)
        self.bid = bid
        self.init_data()
        self.sections = bids.sections_of(bid)

    def section(self, step):
        return self.sections.get(step)

    def answers(self, step):
        section = self.section(step)
        return progress.clean_data(section.data) if section else {}

    def draft(self, step):
        section = self.section(step)
        return section.data.get("_draft") if section else None

    def show_errors(self, step):
        section = self.section(step)
        return bool(section and section.data.get("_show_errors"))

    def version(self, step):
        section = self.section(step)
        return section.version if section else 0

    def get_step_data(self, step):
        draft = self.draft(step)
        return MultiValueDict(draft) if draft is not None else None

    def set_step_data(self, step, cleaned_data):
        raise NotImplementedError("Sections are saved with applications.bids.save_section")

    def store(self, section):
        self.sections[section.step] = section


class BidWizard(NamedUrlWizardView):
    form_list = forms.STEP_FORMS

    @classmethod
    def as_bid_view(cls):
        return require("applications.work_on_bid", load_bid)(
            cls.as_view(url_name="applications:bid_step")
        )

    def get_prefix(self, request, *args, **kwargs):
        return "bid"

    def get_step_url(self, step):
        return reverse(self.url_name, kwargs={"pk": self.bid.pk, "step": step})

    def get_template_names(self):
        return [f"applications/steps/{self.steps.current}.html"]

    def overview_url(self):
        return reverse("applications:bid_overview", args=[self.bid.pk])

    def dispatch(self, request, bid, **kwargs):
        self.bid = bid
        step = kwargs.get("step")
        if step not in self.form_list:
            raise Http404("No such section")
        self.prefix = self.get_prefix(request)
        self.storage = BidSectionStorage(self.prefix, request, bid=self.bid)
        self.storage.current_step = step
        self.steps = StepsHelper(self)
        self.now = timezone.now()
        if not access.may_edit(request.user, self.bid, self.now):
            if not self.bid.round.is_open(self.now):
                messages.info(request, bids.deadline_message(self.bid.round))
            elif self.bid.status == self.bid.Status.SUBMITTED:
                messages.info(
                    request,
                    "This application has been submitted. Reopen it if you need to change it.",
                )
            else:
                messages.info(request, "This application can no longer be changed.")
            return redirect(self.overview_url())
        if not progress.can_start(step, self.storage.sections):
            messages.error(
                request,
                f"Complete the eligibility questions before you start ‘{SECTION_TITLES[step]}’.",
            )
            return redirect(self.overview_url())
        return View.dispatch(self, request, **kwargs)

    # Forms ------------------------------------------------------------------------------

    def partner_names(self):
        partners = self.storage.answers("partners").get("partners") or []
        return [p.get("name", "") for p in partners]

    def requested_rows(self, step):
        """How many rows a page with "Add another" shows: the saved answers' rows, or
        more when the page asked for them (`?rows=`), or the page's default."""
        form_class = self.form_list[step]
        if not form_class.has_addable_rows():
            return None
        saved = form_class.rows_for_answers(self.storage.answers(step)) or 0
        try:
            asked = int(self.request.GET.get("rows", 0))
        except ValueError:
            asked = 0
        return max(saved, asked, form_class.rows_class.default_rows)

    def get_form_kwargs(self, step=None):
        step = step or self.steps.current
        kwargs = {"bid": self.bid, "user": self.request.user, "rows": self.requested_rows(step)}
        if step == "strength":
            kwargs["partners"] = self.partner_names()
        return kwargs

    def get_form_initial(self, step):
        form_class = self.form_list[step]
        answers = self.storage.answers(step)
        if step == "strength":
            return form_class.initial_from_answers(answers, self.partner_names())
        return form_class.initial_from_answers(answers)

    def form_for_display(self):
        step = self.steps.current
        data = self.storage.get_step_data(step)
        if data is None:
            return self.get_form()
        form = self.get_form(data=data)
        if not self.storage.show_errors(step):
            form.suppress_errors()
        return form

    # Requests ---------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        return self.render(self.form_for_display())

    def post(self, request, *args, **kwargs):
        step = self.steps.current
        form_class = self.form_list[step]
        prefix = self.get_form_prefix(step)
        action = request.POST.get("action", "continue")
        data = request.POST.copy()
        structural = action.startswith(STRUCTURAL_ACTIONS) and form_class.has_addable_rows()
        if structural and action == "add_row":
            data = form_class.with_row_added(data, prefix)
        elif structural:
            try:
                index = int(action.removeprefix("remove_row_"))
            except ValueError:
                index = -1
            data = form_class.with_row_removed(data, prefix, index)
        form = self.get_form(data=data)
        try:
            expected = int(request.POST["section_version"])
        except (KeyError, ValueError):
            # Without the version the page was loaded at, a save could silently replace a
            # colleague's answers: refused, with the person's input kept in the form.
            return self.render_version_missing(form)
        valid = form.is_valid()
        try:
            if valid:
                answers = form.to_answers()
                section = bids.save_section(
                    self.bid,
                    request.user,
                    step,
                    answers=answers,
                    complete=form.is_complete(answers),
                    expected_version=expected,
                )
            else:
                draft = {key: data.getlist(key) for key in data if key.startswith(prefix + "-")}
                section = bids.save_section(
                    self.bid,
                    request.user,
                    step,
                    draft=draft,
                    show_errors=not structural,
                    expected_version=expected,
                )
        except bids.EditConflict as conflict:
            return self.render_conflict(form, conflict.section)
        except bids.ActionRefused as refused:
            refusal_message(request, refused)
            return redirect(self.overview_url())
        self.storage.store(section)
        return_to_check = request.GET.get("return") == "check"

        if structural:
            query = QueryDict(mutable=True)
            query["rows"] = data.get(f"{prefix}-rows", "")
            if return_to_check:
                query["return"] = "check"
            anchor = "rows" if action != "add_row" else f"row-{query['rows']}"
            return redirect(f"{self.get_step_url(step)}?{query.urlencode()}#{anchor}")
        if action == "later":
            text = "Your answers have been saved. You can come back to them at any time."
            if not valid:
                text = (
                    "Your answers have been saved, but some need correcting before "
                    f"‘{SECTION_TITLES[step]}’ is complete."
                )
            messages.success(request, text)
            return redirect(self.overview_url())
        if not valid:
            return self.render(form)
        if step == "eligibility" and not section.is_complete:
            return redirect("applications:bid_ineligible", pk=self.bid.pk)
        if return_to_check:
            return redirect("applications:bid_check", pk=self.bid.pk)
        next_step = self.get_next_step()
        if next_step is None:
            return redirect("applications:bid_check", pk=self.bid.pk)
        return redirect(self.get_step_url(next_step))

    def render_conflict(self, form, section):
        """Someone else saved the section since this user loaded it: show their answers
        and keep this user's text in the form; save again to replace theirs."""
        self.storage.store(section)
        form.suppress_errors()
        step = self.steps.current
        theirs = summarise({step: progress.clean_data(section.data)})
        theirs = next(s for s in theirs if s.step == step)
        response = self.render(form, conflict=section, conflict_rows=theirs.rows)
        response.status_code = 409
        return response

    def render_version_missing(self, form):
        form.suppress_errors()
        response = self.render(form, version_missing=True)
        response.status_code = 400
        return response

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context.update(
            {
                "bid": self.bid,
                "step": step,
                "step_title": SECTION_TITLES[step],
                "section_version": self.storage.version(step),
                "return_to_check": self.request.GET.get("return") == "check",
                "has_errors": form.has_errors(),
            }
        )
        if step == "partners":
            context["registry_options"] = forms.registry_options()
        if step == "geography":
            context.update(self.geography_context(form))
        return context

    def geography_context(self, form):
        selected = form["districts"].value() or []
        selected = [code for code in selected if code in form.district_regions]
        lookup = {
            code: (name, form.district_regions[code])
            for code, name in form.fields["districts"].choices
            if code in set(selected)
        }
        return {
            "selected_regions": regions_of(selected, lookup),
            "earlier_overlap": sorted(
                lookup[code][0] for code in selected if code in form.earlier_codes
            ),
        }
