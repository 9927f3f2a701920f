"""The partnership space: thin views over programme.pages and the domain modules."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cohorts.models import CohortMember
from core.refusals import Refused, refusal_message, refusal_to_form
from programme import challenge, forms, leadership, milestones, pages, team
from programme.access import require
from programme.domain import today
from programme.models import LeadershipMeeting, LeadershipMember, Milestone, TeamMember


def load_member(pk):
    return get_object_or_404(CohortMember.objects.select_related("cohort__round"), pk=pk)


def _posted(request):
    return request.POST if request.method == "POST" else None


def submit(request, form, action):
    """Run `action(cleaned_data)` for a valid POST; a refusal goes beside its field.
    Returns True when the change was made."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except Refused as refusal:
        refusal_to_form(form, refusal)
        return False
    return True


def _render(request, template, context, form):
    # Form errors re-render the page with its error summary (200), as every form does.
    return render(request, template, context)


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
def add_leader(request, member):
    form = forms.LeaderForm(_posted(request), organisations=member.organisations.order_by("name"))

    def action(data):
        leadership.add_leader(
            member,
            request.user,
            name=data["name"],
            role=data["role"],
            organisation=form.organisation_object(),
            organisation_name=data.get("organisation_other", ""),
        )

    if submit(request, form, action):
        messages.success(request, f"{form.cleaned_data['name']} added to the leadership group")
        return _space(member)
    return _render(
        request,
        "programme/form.html",
        {
            "member": member,
            "form": form,
            "heading": "Add a member of the senior leadership group",
            "button": "Add member",
        },
        form,
    )


@require("programme.edit_space", load_member)
def record_meeting(request, member):
    form = forms.MeetingForm(_posted(request), initial={"held_on": today()})

    def action(data):
        leadership.record_meeting(
            member,
            request.user,
            held_on=data["held_on"],
            agreed=data["agreed"],
            shared=data["shared"],
        )

    if submit(request, form, action):
        messages.success(request, "Leadership group meeting recorded")
        return _space(member)
    return _render(
        request,
        "programme/form.html",
        {
            "member": member,
            "form": form,
            "heading": "Record a meeting of the senior leadership group",
            "button": "Record meeting",
        },
        form,
    )


@require("programme.edit_space", load_member)
def add_team_member(request, member):
    form = forms.TeamMemberForm(_posted(request))

    def action(data):
        team.add_team_member(
            member,
            request.user,
            name=data["name"],
            role=data["role"],
            organisation_name=data["organisation_name"],
            email=data["email"],
            lead_contact=data["lead_contact"],
        )

    if submit(request, form, action):
        messages.success(request, f"{form.cleaned_data['name']} added to the challenge team")
        return _space(member)
    return _render(
        request,
        "programme/form.html",
        {
            "member": member,
            "form": form,
            "heading": "Add a member of the challenge team",
            "button": "Add member",
        },
        form,
    )


def _remove(request, member, model, pk, action, label):
    person = get_object_or_404(model, pk=pk, member=member)
    try:
        action(person, request.user)
    except Refused as refusal:
        refusal_message(request, refusal)
    else:
        messages.success(request, f"{person.name} {label}")
    return _space(member)


@require("programme.edit_space", lambda pk, person: load_member(pk))
@require_POST
def remove_leader(request, member):
    return _remove(
        request,
        member,
        LeadershipMember,
        request.resolver_match.kwargs["person"],
        leadership.remove_leader,
        "removed from the leadership group",
    )


@require("programme.edit_space", lambda pk, person: load_member(pk))
@require_POST
def remove_team_member(request, member):
    return _remove(
        request,
        member,
        TeamMember,
        request.resolver_match.kwargs["person"],
        team.remove_team_member,
        "removed from the challenge team",
    )


@require("programme.edit_space", lambda pk, person: load_member(pk))
@require_POST
def make_lead_contact(request, member):
    return _remove(
        request,
        member,
        TeamMember,
        request.resolver_match.kwargs["person"],
        team.make_lead_contact,
        "is now the lead contact",
    )


@require("programme.edit_space", load_member)
def reshape(request, member):
    current = challenge.current(member)
    events = list(member.cohort.events.filter(cancelled_at__isnull=True).order_by("starts_at"))
    initial = {}
    if current:
        initial = {"theme": current.theme, "title": current.title, "summary": current.summary}
    form = forms.ReshapeForm(_posted(request), initial=initial, events=events)

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
    return _render(
        request,
        "programme/form.html",
        {
            "member": member,
            "form": form,
            "heading": "Reshape the priority challenge",
            "button": "Save the reshaped challenge",
            "current": current,
        },
        form,
    )


@require("programme.edit_space", load_member)
def add_milestone(request, member):
    form = forms.MilestoneForm(_posted(request))

    def action(data):
        milestones.add_milestone(
            member, request.user, due_on=data["due_on"], description=data["description"]
        )

    if submit(request, form, action):
        messages.success(request, "Milestone added")
        return _space(member)
    return _render(
        request,
        "programme/form.html",
        {"member": member, "form": form, "heading": "Add a milestone", "button": "Add milestone"},
        form,
    )


def load_milestone(pk, milestone):
    return get_object_or_404(
        Milestone.objects.select_related("member__cohort__round"), pk=milestone, member_id=pk
    )


@require("programme.edit_space", lambda pk, milestone: load_milestone(pk, milestone).member)
def update_milestone(request, member):
    item = load_milestone(member.pk, request.resolver_match.kwargs["milestone"])
    form = forms.MilestoneUpdateForm(
        _posted(request), initial={"status": item.status, "on": today()}
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
    return _render(
        request,
        "programme/form.html",
        {
            "member": member,
            "form": form,
            "heading": "Update a milestone",
            "milestone": item,
            "button": "Save update",
        },
        form,
    )
