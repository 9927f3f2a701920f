"""The challenge team: its members and roles, and its lead contact."""

from django.db import transaction

from core.refusals import Refused
from programme.domain import check, record
from programme.models import TeamMember


def _text(value):
    return (value or "").replace("\x00", "").strip()


@transaction.atomic
def add_team_member(
    member, actor, *, name, role, organisation_name="", email="", lead_contact=False
):
    check(actor, "programme.edit_space", member)
    name, role = _text(name), _text(role)
    if not name:
        raise Refused("Enter the name of the member of the challenge team", field="name")
    if not role:
        raise Refused("Enter their role in the challenge team", field="role")
    if lead_contact and not _text(email):
        raise Refused("Enter an email address for the lead contact", field="email")
    if lead_contact:
        TeamMember.objects.filter(member=member, is_lead_contact=True).update(is_lead_contact=False)
    person = TeamMember.objects.create(
        member=member,
        name=name,
        role=role,
        organisation_name=_text(organisation_name),
        email=_text(email).lower(),
        is_lead_contact=lead_contact,
    )
    record("team_member_added", actor, member, new={"name": name, "lead_contact": lead_contact})
    return person


@transaction.atomic
def make_lead_contact(person, actor):
    check(actor, "programme.edit_space", person.member)
    if not person.email:
        raise Refused(f"Add an email address for {person.name} before making them lead contact")
    TeamMember.objects.filter(member=person.member, is_lead_contact=True).update(
        is_lead_contact=False
    )
    TeamMember.objects.filter(pk=person.pk).update(is_lead_contact=True)
    record("lead_contact_set", actor, person.member, new={"name": person.name})


@transaction.atomic
def remove_team_member(person, actor):
    check(actor, "programme.edit_space", person.member)
    record("team_member_removed", actor, person.member, old={"name": person.name})
    person.delete()
