"""The partnership space: thin views over programme.pages and the domain modules."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from cohorts.models import CohortMember
from core.refusals import posted, submit
from programme import challenge, forms, milestones, pages
from programme.access import require
from programme.domain import today
from programme.models import LeadershipMeeting, Milestone


def load_member(pk):
    return get_object_or_404(CohortMember.objects.select_related("cohort__round"), pk=pk)


def _space(member):
    return redirect("programme:space", pk=member.pk)


@require("programme.see_space", load_member)
def space(request, member):
    private = request.user.has_perm("programme.read_private_notes", member)
    return render(request, "programme/space.html", pages.space(member, private=private))


def load_meeting(pk, meeting):
    return get_object_or_404(
        LeadershipMeeting.objects.select_related("member__cohort__round"), pk=meeting, member_id=pk
    )


@require("programme.read_note", load_meeting)
def meeting(request, meeting):
    return render(request, "programme/meeting.html", {"meeting": meeting, "member": meeting.member})


@require("programme.edit_space", load_member)
def reshape(request, member):
    current = challenge.current(member)
    events = list(member.cohort.events.filter(cancelled_at__isnull=True).order_by("starts_at"))
    initial = {}
    if current:
        initial = {"theme": current.theme, "title": current.title, "summary": current.summary}
    form = forms.ReshapeForm(posted(request), initial=initial, events=events)

    def action(data):
        challenge.reshape(
            member,
            request.user,
            theme=data["theme"],
            title=data["title"],
            summary=data["summary"],
            reason=data["reason"],
            after_event=form.event_object(),
        )

    if submit(request, form, action):
        messages.success(request, "Priority challenge reshaped: the earlier version is kept")
        return redirect("programme:space", pk=member.pk)
    return render(
        request,
        "programme/form.html",
        {
            "member": member,
            "form": form,
            "heading": "Reshape the priority challenge",
            "button": "Save the reshaped challenge",
            "current": current,
        },
    )


@require("programme.edit_space", load_member)
def add_milestone(request, member):
    form = forms.MilestoneForm(posted(request))

    def action(data):
        milestones.add_milestone(
            member, request.user, due_on=data["due_on"], description=data["description"]
        )

    if submit(request, form, action):
        messages.success(request, "Milestone added")
        return _space(member)
    return render(
        request,
        "programme/form.html",
        {"member": member, "form": form, "heading": "Add a milestone", "button": "Add milestone"},
    )


def load_milestone(pk, milestone):
    return get_object_or_404(
        Milestone.objects.select_related("member__cohort__round"), pk=milestone, member_id=pk
    )


@require("programme.edit_space", lambda pk, milestone: load_milestone(pk, milestone).member)
def update_milestone(request, member):
    item = load_milestone(member.pk, request.resolver_match.kwargs["milestone"])
    form = forms.MilestoneUpdateForm(
        posted(request), initial={"status": item.status, "on": today()}
    )

    def action(data):
        milestones.update_milestone(
            item,
            request.user,
            status=data["status"],
            on=data["on"],
            note=data["note"],
            shared=data["shared"],
        )

    if submit(request, form, action):
        messages.success(request, f"Milestone updated: {item.get_status_display().lower()}")
        return _space(member)
    return render(
        request,
        "programme/form.html",
        {
            "member": member,
            "form": form,
            "heading": "Update a milestone",
            "milestone": item,
            "button": "Save update",
        },
    )
