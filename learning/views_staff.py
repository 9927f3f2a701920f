"""Programme staff's pages: a cohort's learning and evaluation, key challenges, locking
lessons, opening the evaluation, the report (edit, publish), and creating the next round."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from applications.models import Round
from core.refusals import Refused, posted, refusal_message, submit
from learning import evaluation, forms, lessons, next_round, pages_staff, publishing, themes
from learning.models import KeyChallenge, Lessons, Report
from learning.views_common import load_cohort, load_member, staff_only


def _cohort_page(cohort, anchor=""):
    response = redirect("learning:cohort", slug=cohort.round.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@staff_only(load_cohort)
def cohort(request, cohort):
    return render(request, "learning/cohort.html", pages_staff.cohort_page(cohort))


@staff_only(load_cohort)
def add_theme(request, cohort):
    form = forms.ThemeForm(posted(request))
    if submit(
        request,
        form,
        lambda d: themes.add_theme(
            cohort, request.user, name=d["name"], description=d["description"]
        ),
    ):
        messages.success(request, f"Key challenge added: {form.cleaned_data['name']}")
        return _cohort_page(cohort, "key-challenges")
    return render(
        request,
        "learning/form.html",
        {
            "cohort": cohort,
            "form": form,
            "heading": "Add a key challenge of collaborative working",
            "button": "Add key challenge",
        },
    )


@staff_only(
    lambda slug, theme: get_object_or_404(
        KeyChallenge.objects.select_related("cohort__round"), pk=theme, cohort__round__slug=slug
    ),
)
@require_POST
def remove_theme(request, theme):
    themes.remove_theme(theme, request.user)
    messages.success(request, f"Key challenge removed: {theme.name}")
    return _cohort_page(theme.cohort, "key-challenges")


def _load_lessons(pk):
    member = load_member(pk)
    return get_object_or_404(
        Lessons.objects.select_related("member__cohort__round").prefetch_related("key_challenges"),
        member=member,
    )


@staff_only(_load_lessons)
def tag_lessons(request, record):
    cohort = record.member.cohort
    form = forms.TagForm(
        posted(request),
        themes=list(KeyChallenge.objects.filter(cohort=cohort)),
        initial={"key_challenges": [str(t.pk) for t in record.key_challenges.all()]},
    )
    if submit(request, form, lambda d: themes.tag_lessons(record, request.user, form.chosen())):
        messages.success(request, f"Key challenges saved for {record.member.partnership_name}")
        return _cohort_page(cohort, "lessons")
    return render(
        request,
        "learning/tag.html",
        {
            "form": form,
            "cohort": cohort,
            "heading": f"Key challenges in {record.member.partnership_name}'s lessons",
            "lessons": record,
        },
    )


@staff_only(_load_lessons)
@require_POST
def lock_lessons(request, record):
    if request.POST.get("unlock"):
        lessons.unlock(record, request.user)
        messages.success(request, f"{record.member.partnership_name} can change its lessons again")
    else:
        lessons.lock(record, request.user)
        messages.success(
            request, f"Lessons of {record.member.partnership_name} locked for the report"
        )
    return _cohort_page(record.member.cohort, "lessons")


@staff_only(load_cohort)
@require_POST
def lock_all(request, cohort):
    count = lessons.lock_all(cohort, request.user)
    messages.success(
        request, f"{count} partnership{'s' if count != 1 else ''}' lessons locked for the report"
    )
    return _cohort_page(cohort, "lessons")


@staff_only(load_cohort)
@require_POST
def open_evaluation(request, cohort):
    opened = evaluation.open_evaluations(cohort, request.user)
    count = len(opened)
    noun = "partnership" if count == 1 else "partnerships"
    messages.success(
        request,
        f"Evaluation opened for {count} {noun}; their teams are emailed"
        if count
        else "Every partnership already has its evaluation",
    )
    return _cohort_page(cohort, "evaluation")


@staff_only(load_cohort)
def report(request, cohort):
    """The report's title and introduction, the warning about missing lessons, publishing."""
    action = request.POST.get("action") if request.method == "POST" else None
    existing = Report.objects.filter(cohort=cohort).first()
    form = forms.ReportForm(
        request.POST if action == "save" else None,
        initial={
            "title": existing.title if existing else publishing.default_title(cohort),
            "introduction": existing.introduction if existing else cohort.introduction,
        },
    )
    publish_form = forms.PublishForm(request.POST if action == "publish" else None)
    if action == "save" and submit(
        request,
        form,
        lambda d: publishing.save_report(
            cohort, request.user, title=d["title"], introduction=d["introduction"]
        ),
    ):
        messages.success(request, "Report saved")
        return redirect("learning:report", slug=cohort.round.slug)
    if action == "publish" and submit(
        request,
        publish_form,
        lambda d: publishing.publish(
            cohort,
            request.user,
            confirmed_missing=publish_form.confirmed(request.POST.get("missing")),
        ),
    ):
        messages.success(request, "Report published")
        return redirect("learning:report", slug=cohort.round.slug)
    missing = publishing.missing_lessons(cohort)
    return render(
        request,
        "learning/report_edit.html",
        {
            "cohort": cohort,
            "report": existing,
            "form": form,
            "publish_form": publish_form,
            "all_forms": [form, publish_form],
            "has_errors": bool(form.errors or publish_form.errors),
            "missing": missing,
            "missing_ids": ",".join(str(m.pk) for m in missing),
        },
    )


@staff_only(load_cohort)
@require_POST
def unpublish(request, cohort):
    try:
        publishing.unpublish(cohort, request.user)
        messages.success(request, "Report unpublished: the public page is gone")
    except Refused as refusal:
        refusal_message(request, refusal)
    return redirect("learning:report", slug=cohort.round.slug)


@staff_only(load_cohort)
def create_next_round(request, cohort):
    """One page: the new round's name and dates, and a preview of exactly what is copied."""
    source = cohort.round
    required = [f for m, f, _ in next_round.DATE_FIELDS if getattr(source, m) is not None]
    form = forms.NextRoundForm(
        posted(request), initial=next_round.defaults(source), required_dates=required
    )
    values = (
        form.cleaned_data
        if request.method == "POST" and form.is_valid()
        else {**next_round.defaults(source)}
    )
    plan = next_round.plan(source, values)
    fingerprint = next_round.fingerprint(plan)
    if request.method == "POST" and form.is_valid() and request.POST.get("action") == "create":
        done = submit(
            request,
            form,
            lambda d: next_round.create(
                source, request.user, d, expected=request.POST.get("fingerprint") or None
            ),
        )
        if done:
            messages.success(request, f"{done.name} created from {source.name}")
            return redirect("learning:round_learnt", slug=done.slug)
    return render(
        request,
        "learning/next_round.html",
        {
            "cohort": cohort,
            "source": source,
            "form": form,
            "preview": next_round.items(plan),
            "fingerprint": fingerprint,
            "learnt": pages_staff.learnt_from(cohort),
        },
    )


@staff_only(lambda slug: get_object_or_404(Round, slug=slug))
def round_learnt(request, round_):
    """The new round's set-up page: its criteria beside what the earlier cohort learnt."""
    return render(request, "learning/round_learnt.html", pages_staff.round_learnt(round_))
