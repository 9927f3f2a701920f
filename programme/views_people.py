"""The partnership space's people and meetings: the senior leadership group's members and
meetings and the challenge team, each added, changed and removed through the one function
in programme.leadership or programme.team. Removing asks first (a page with the button);
nothing changes on a GET."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from core.dates import format_date
from core.refusals import Refused, posted, refusal_message, submit
from programme import forms, leadership, team
from programme.access import require
from programme.domain import today
from programme.models import LeadershipMember, TeamMember
from programme.views_space import _space, load_meeting, load_member


def _member_of(item):
    return item.member


def load_leader(pk, person):
    return get_object_or_404(
        LeadershipMember.objects.select_related("member__cohort__round", "organisation"),
        pk=person,
        member_id=pk,
    )


def load_team_member(pk, person):
    return get_object_or_404(
        TeamMember.objects.select_related("member__cohort__round"), pk=person, member_id=pk
    )


def _form_page(request, member, form, heading, button):
    return render(
        request,
        "programme/form.html",
        {"member": member, "form": form, "heading": heading, "button": button},
    )


def _confirm_remove(request, item, *, what, remove, done, heading, lines=()):
    """GET: the question with a warning button; POST: remove through `remove`."""
    member = item.member
    if request.method == "POST":
        try:
            remove(item, request.user)
        except Refused as refusal:
            refusal_message(request, refusal)
        else:
            messages.success(request, done)
        return _space(member)
    return render(
        request,
        "programme/confirm_remove.html",
        {"member": member, "heading": heading, "what": what, "lines": lines},
    )


def _saved(request, changed, message):
    if changed:
        messages.success(request, message)
    else:
        messages.info(request, "Nothing changed")


# The senior leadership group's members


def _leader_form(request, member, **kwargs):
    return forms.LeaderForm(
        posted(request), organisations=member.organisations.order_by("name"), **kwargs
    )


def _leader_details(form, data):
    return {
        "name": data["name"],
        "role": data["role"],
        "organisation": form.organisation_object(),
        "organisation_name": data.get("organisation_other", ""),
    }


@require("programme.edit_space", load_member)
def add_leader(request, member):
    form = _leader_form(request, member)

    def action(data):
        leadership.add_leader(member, request.user, **_leader_details(form, data))

    if submit(request, form, action):
        messages.success(request, f"{form.cleaned_data['name']} added to the leadership group")
        return _space(member)
    return _form_page(
        request, member, form, "Add a member of the senior leadership group", "Add member"
    )


@require("programme.edit_space", load_leader, about=_member_of)
def change_leader(request, leader):
    member = leader.member
    initial = {"name": leader.name, "role": leader.role}
    if leader.organisation_id:
        initial["organisation"] = str(leader.organisation_id)
    elif leader.organisation_name:
        initial.update(organisation="other", organisation_other=leader.organisation_name)
    form = _leader_form(request, member, initial=initial)
    changed = {}

    def action(data):
        changed["fields"] = leadership.change_leader(
            leader, request.user, **_leader_details(form, data)
        )

    if submit(request, form, action):
        _saved(request, changed["fields"], f"{form.cleaned_data['name']}'s details changed")
        return _space(member)
    return _form_page(
        request, member, form, "Change a member of the senior leadership group", "Save changes"
    )


@require("programme.edit_space", load_leader, about=_member_of)
def remove_leader(request, leader):
    return _confirm_remove(
        request,
        leader,
        what=f"Remove {leader.name}",
        heading=f"Are you sure you want to remove {leader.name} from the senior leadership group?",
        lines=[f"{leader.role}, {leader.organisation_label}".rstrip(", ")],
        remove=leadership.remove_leader,
        done=f"{leader.name} removed from the leadership group",
    )


# The senior leadership group's meetings


def _meeting_details(data):
    return {"held_on": data["held_on"], "agreed": data["agreed"], "shared": data["shared"]}


@require("programme.edit_space", load_member)
def record_meeting(request, member):
    form = forms.MeetingForm(posted(request), initial={"held_on": today()})

    def action(data):
        leadership.record_meeting(member, request.user, **_meeting_details(data))

    if submit(request, form, action):
        messages.success(request, "Leadership group meeting recorded")
        return _space(member)
    return _form_page(
        request, member, form, "Record a meeting of the senior leadership group", "Record meeting"
    )


@require("programme.edit_space", load_meeting, about=_member_of)
def change_meeting(request, meeting):
    member = meeting.member
    form = forms.MeetingForm(
        posted(request),
        initial={"held_on": meeting.held_on, "agreed": meeting.agreed, "shared": meeting.shared},
    )
    changed = {}

    def action(data):
        changed["fields"] = leadership.change_meeting(
            meeting, request.user, **_meeting_details(data)
        )

    if submit(request, form, action):
        _saved(request, changed["fields"], "Leadership group meeting changed")
        return _space(member)
    return _form_page(
        request, member, form, "Change a meeting of the senior leadership group", "Save changes"
    )


@require("programme.edit_space", load_meeting, about=_member_of)
def remove_meeting(request, meeting):
    held_on = format_date(meeting.held_on, weekday=False)
    return _confirm_remove(
        request,
        meeting,
        what=f"Remove the meeting on {held_on}",
        heading=f"Are you sure you want to remove the leadership group meeting on {held_on}?",
        lines=[f"What was agreed: {meeting.agreed}"],
        remove=leadership.remove_meeting,
        done=f"The meeting on {held_on} removed",
    )


# The challenge team


def _team_details(data):
    return {
        "name": data["name"],
        "role": data["role"],
        "organisation_name": data["organisation_name"],
        "email": data["email"],
        "lead_contact": data["lead_contact"],
    }


@require("programme.edit_space", load_member)
def add_team_member(request, member):
    form = forms.TeamMemberForm(posted(request))

    def action(data):
        team.add_team_member(member, request.user, **_team_details(data))

    if submit(request, form, action):
        messages.success(request, f"{form.cleaned_data['name']} added to the challenge team")
        return _space(member)
    return _form_page(request, member, form, "Add a member of the challenge team", "Add member")


@require("programme.edit_space", load_team_member, about=_member_of)
def change_team_member(request, person):
    member = person.member
    form = forms.TeamMemberForm(
        posted(request),
        initial={
            "name": person.name,
            "role": person.role,
            "organisation_name": person.organisation_name,
            "email": person.email,
            "lead_contact": person.is_lead_contact,
        },
    )
    changed = {}

    def action(data):
        changed["fields"] = team.change_team_member(person, request.user, **_team_details(data))

    if submit(request, form, action):
        _saved(request, changed["fields"], f"{form.cleaned_data['name']}'s details changed")
        return _space(member)
    return _form_page(
        request, member, form, "Change a member of the challenge team", "Save changes"
    )


@require("programme.edit_space", load_team_member, about=_member_of)
def remove_team_member(request, person):
    lines = [person.role]
    if person.is_lead_contact:
        lines.append(
            "They are the lead contact: the partnership will have none until you choose another."
        )
    return _confirm_remove(
        request,
        person,
        what=f"Remove {person.name}",
        heading=f"Are you sure you want to remove {person.name} from the challenge team?",
        lines=lines,
        remove=team.remove_team_member,
        done=f"{person.name} removed from the challenge team",
    )


@require("programme.edit_space", load_team_member, about=_member_of)
@require_POST
def make_lead_contact(request, person):
    try:
        team.make_lead_contact(person, request.user)
    except Refused as refusal:
        refusal_message(request, refusal)
    else:
        messages.success(request, f"{person.name} is now the lead contact")
    return _space(person.member)
