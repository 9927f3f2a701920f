"""The challenge team: its members and roles, and its lead contact (the one address event
emails go to besides the bid's team). Each change is one function here: it checks the
permission, runs in a transaction and writes the audit record."""

from django.db import transaction

from core.refusals import Refused
from programme.domain import apply_changes, check, record
from programme.models import TeamMember


def _text(value):
    return (value or "").replace("\x00", "").strip()


def _values(*, name, role, organisation_name, email, lead_contact):
    name, role, email = _text(name), _text(role), _text(email).lower()
    if not name:
        raise Refused("Enter the name of the member of the challenge team", field="name")
    if not role:
        raise Refused("Enter their role in the challenge team", field="role")
    if lead_contact and not email:
        raise Refused("Enter an email address for the lead contact", field="email")
    return {
        "name": name[:150],
        "role": role[:150],
        "organisation_name": _text(organisation_name)[:200],
        "email": email,
        "is_lead_contact": bool(lead_contact),
    }


def _audit(person):
    return {
        "name": person.name,
        "role": person.role,
        "organisation": person.organisation_name,
        "email": person.email,
        "lead_contact": person.is_lead_contact,
    }


def _clear_lead_contact(member, keep=None):
    others = TeamMember.objects.filter(member=member, is_lead_contact=True)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    others.update(is_lead_contact=False)


@transaction.atomic
def add_team_member(
    member, actor, *, name, role, organisation_name="", email="", lead_contact=False
):
    check(actor, "programme.edit_space", member)
    values = _values(
        name=name,
        role=role,
        organisation_name=organisation_name,
        email=email,
        lead_contact=lead_contact,
    )
    if lead_contact:
        _clear_lead_contact(member)
    person = TeamMember.objects.create(member=member, **values)
    record("team_member_added", actor, member, new=_audit(person))
    return person


@transaction.atomic
def change_team_member(
    person, actor, *, name, role, organisation_name="", email="", lead_contact=False
):
    """Correct a member's details, or make them (or stop them being) the lead contact.
    Returns the names of the fields that changed (none: nothing is written)."""
    member, given = person.member, person
    check(actor, "programme.edit_space", member)
    person = TeamMember.objects.select_for_update().get(pk=person.pk)
    values = _values(
        name=name,
        role=role,
        organisation_name=organisation_name,
        email=email,
        lead_contact=lead_contact,
    )
    old = _audit(person)
    # One lead contact a partnership: whoever had it loses it first.
    lead_moves = values["is_lead_contact"] and not person.is_lead_contact
    changed = apply_changes(
        person,
        given,
        values,
        before_save=(lambda: _clear_lead_contact(member, keep=person)) if lead_moves else None,
    )
    if not changed:
        return []
    record("team_member_changed", actor, member, old=old, new=_audit(person))
    return changed


@transaction.atomic
def make_lead_contact(person, actor):
    check(actor, "programme.edit_space", person.member)
    if not person.email:
        raise Refused(f"Add an email address for {person.name} before making them lead contact")
    _clear_lead_contact(person.member, keep=person)
    TeamMember.objects.filter(pk=person.pk).update(is_lead_contact=True)
    record("lead_contact_set", actor, person.member, new={"name": person.name})


@transaction.atomic
def remove_team_member(person, actor):
    check(actor, "programme.edit_space", person.member)
    person = TeamMember.objects.select_for_update().get(pk=person.pk)
    record("team_member_removed", actor, person.member, old=_audit(person))
    person.delete()
