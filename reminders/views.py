from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from applications.models import Round
from core.access import require
from core.refusals import Refused, refusal_to_form
from reminders import deadlines, forms
from reminders.models import DeadlineChange, ReminderKind


def _page(request, round_, *, deadline_form=None, schedule_form=None):
    hours = deadlines.hours_for(round_)
    deadline_form = deadline_form or forms.DeadlineForm()
    schedule_form = schedule_form or forms.ScheduleForm(
        initial={"days_before": ", ".join(str(h // 24) for h in hours)}
    )
    context = {
        "round": round_,
        "now": timezone.now(),
        "reminders": [deadlines.time_left(h) for h in hours],
        "templates": deadlines.templates_for(round_),
        "changes": DeadlineChange.objects.filter(round=round_).select_related("changed_by")[:20],
        "deadline_form": deadline_form,
        "schedule_form": schedule_form,
        "all_forms": [deadline_form, schedule_form],
    }
    return render(request, "reminders/round.html", context)


@require("reminders.manage_reminders")
def round_page(request, slug):
    return _page(request, get_object_or_404(Round, slug=slug))


@require("reminders.manage_reminders")
@require_POST
def move_deadline(request, slug):
    round_ = get_object_or_404(Round, slug=slug)
    form = forms.DeadlineForm(request.POST)
    if form.is_valid():
        try:
            change = deadlines.move_deadline(round_, request.user, form.closes_at())
        except Refused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(
                request,
                f"Deadline changed. {change.notices} email{'s' if change.notices != 1 else ''} "
                "to teams with a draft are being sent",
            )
            return redirect("reminders:round", slug=round_.slug)
    return _page(request, round_, deadline_form=form)


@require("reminders.manage_reminders")
@require_POST
def change_schedule(request, slug):
    round_ = get_object_or_404(Round, slug=slug)
    form = forms.ScheduleForm(request.POST)
    if form.is_valid():
        try:
            deadlines.set_schedule(
                round_, request.user, [d * 24 for d in form.cleaned_data["days_before"]]
            )
        except Refused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, "Reminder times saved")
            return redirect("reminders:round", slug=round_.slug)
    return _page(request, round_, schedule_form=form)


@require("reminders.manage_reminders")
def edit_template(request, slug, kind):
    round_ = get_object_or_404(Round, slug=slug)
    if kind not in ReminderKind.values:
        raise Http404
    template = deadlines.template_for(round_, kind)
    form = forms.ReminderTemplateForm(
        request.POST if request.method == "POST" else None, instance=template
    )
    if request.method == "POST" and form.is_valid():
        saved = deadlines.save_template(
            deadlines.template_for(round_, kind),
            request.user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, f"{saved.get_kind_display()} email saved")
        return redirect("reminders:round", slug=round_.slug)
    return render(
        request,
        "notifications/edit_template.html",
        {
            "round": round_,
            "template": template,
            "form": form,
            "placeholders": deadlines.PLACEHOLDERS[ReminderKind(kind)],
            "back_url": reverse("reminders:round", args=[round_.slug]),
            "save_label": "Save",
        },
    )
