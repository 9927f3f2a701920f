"""A partnership's lessons learnt and next steps, and its end-of-programme evaluation."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from core.refusals import posted, submit
from learning import evaluation as evaluation_domain
from learning import forms
from learning import lessons as lessons_domain
from learning.models import Evaluation, Lessons
from learning.views_common import load_member
from programme.access import require
from programme.domain import today


@require("learning.see_lessons", load_member)
def lessons(request, member):
    record = Lessons.objects.filter(member=member).prefetch_related("key_challenges").first()
    editable = record is None or not record.is_locked
    form = None
    if editable and request.user.has_perm("learning.edit_lessons", member):
        initial = (
            {
                "learnt": record.learnt,
                "next_steps": record.next_steps,
                "recorded_on": record.recorded_on,
            }
            if record
            else {"recorded_on": today()}
        )
        form = forms.LessonsForm(posted(request), initial=initial)
        if submit(
            request,
            form,
            lambda d: lessons_domain.save_lessons(
                member,
                request.user,
                learnt=d["learnt"],
                next_steps=d["next_steps"],
                recorded_on=d["recorded_on"],
            ),
        ):
            messages.success(request, "Lessons learnt and next steps saved")
            return redirect("learning:lessons", pk=member.pk)
    elif request.method == "POST":
        form = forms.LessonsForm(posted(request))
        form.is_valid()
        form.add_error(
            None, "Programme staff have locked the lessons learnt and next steps for the report"
        )
    context = {"member": member, "record": record, "form": form, "editable": editable}
    if form is not None:
        return render(request, "learning/lessons.html", context)
    return render(request, "learning/lessons.html", context)


def _load_evaluation(pk):
    member = load_member(pk)
    found = Evaluation.objects.filter(member=member).select_related("member__cohort__round").first()
    if found is None:
        raise Http404
    return found


@require("learning.see_evaluation", lambda pk: _load_evaluation(pk).member)
def evaluation(request, member):
    record = _load_evaluation(member.pk)
    items = list(record.items.order_by("position", "pk"))
    form = None
    if not record.is_submitted and request.user.has_perm("learning.edit_evaluation", member):
        form = forms.EvaluationForm(
            posted(request),
            items=items,
            initial={"overall": record.overall, "after_programme": record.after_programme},
        )
        submitting = request.POST.get("action") == "submit"
        if submit(
            request,
            form,
            lambda d: evaluation_domain.save_evaluation(
                record,
                request.user,
                answers=form.answers(),
                overall=d["overall"],
                after_programme=d["after_programme"],
                submit=submitting,
            ),
        ):
            messages.success(
                request,
                "Evaluation submitted"
                if submitting
                else "Evaluation saved: you can come back to it",
            )
            return redirect("learning:evaluation", pk=member.pk)
    context = {"member": member, "record": record, "items": items, "form": form}
    if form is not None:
        return render(request, "learning/evaluation.html", context)
    return render(request, "learning/evaluation.html", context)
