"""Every state change of a bid, one function each: start, save a section, invite and accept
colleagues, submit, reopen, withdraw.

Each function checks who may do it (applications.rules), runs in one transaction
with the bid row locked, and writes the audit record. Views and commands call these; they
never change a bid themselves. `now` may be passed (tests, deadlines); it defaults to the
server's clock.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from applications import audit, emails, progress
from applications import rules as access
from applications.answers import STEP_NAMES
from applications.denormalise import refresh_from_answers
from applications.models import (
    Bid,
    BidCollaborator,
    BidInvitation,
    BidSection,
    BidSubmission,
    Round,
)
from core.dates import format_datetime
from core.refusals import Refused
from core.text import clean_text


class ActionRefused(Refused):
    """A change to a bid is not allowed now; the message says why, for the user."""


class EditConflict(Exception):
    """Someone else saved the section after the user loaded it."""

    def __init__(self, section):
        super().__init__(f"{section.step} changed (version {section.version})")
        self.section = section


def _now(now):
    return now or timezone.now()


def sections_of(bid):
    """{step: BidSection} for the bid, in one query."""
    return {s.step: s for s in bid.sections.select_related("updated_by")}


def _locked(bid):
    return Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)


def deadline_message(round_):
    return (
        f"The deadline for applications was {format_datetime(round_.closes_at)}. "
        "You can no longer change or submit this application."
    )


@transaction.atomic
def start_bid(round_, user, now=None):
    now = _now(now)
    if not access.may_start(user, round_, now):
        raise ActionRefused(
            "Applications are not open at the moment."
            if not round_.is_open(now)
            else "You cannot start an application."
        )
    bid = Bid.objects.create(round=round_, created_by=user, created_at=now, updated_at=now)
    BidCollaborator.objects.create(bid=bid, user=user, role=BidCollaborator.Role.LEAD, added_at=now)
    audit.record("bid.started", user, bid=bid, new={"status": bid.status})
    return bid


@transaction.atomic
def save_section(
    bid,
    user,
    step,
    *,
    answers=None,
    complete=False,
    draft=None,
    show_errors=False,
    expected_version=None,
    now=None,
):
    """Store one section. With `answers` (cleaned, in the answers.py schema) the section
    holds exactly those; otherwise `draft` (the raw input, {name: [values]}) is kept in
    `_draft` beside the last cleaned answers and the section is in progress.

    `expected_version` is the version the user loaded: if someone saved since, nothing is
    written and EditConflict is raised.
    """
    now = _now(now)
    if step not in STEP_NAMES:
        raise ActionRefused("There is no such section.")
    locked = _locked(bid)
    if not access.may_edit(user, locked, now):
        if not locked.round.is_open(now):
            raise ActionRefused(deadline_message(locked.round))
        raise ActionRefused("This application cannot be changed now.")
    sections = {s.step: s for s in BidSection.objects.filter(bid=locked)}
    if not progress.can_start(step, sections):
        raise ActionRefused("Complete the eligibility questions before this section.")
    section = BidSection.objects.select_for_update().filter(
        bid=locked, step=step
    ).first() or BidSection(bid=locked, step=step)
    if expected_version is not None and section.version != expected_version:
        raise EditConflict(section)
    old = {"version": section.version, "complete": section.is_complete}
    if answers is not None:
        section.data = answers
        section.is_complete = bool(complete)
    else:
        # The raw input goes into jsonb, which refuses NUL: core.middleware removes it from
        # every request; this keeps a draft from elsewhere (a command, a test) safe too.
        draft = {
            clean_text(key): [clean_text(value) for value in values]
            for key, values in (draft or {}).items()
        }
        section.data = {
            **progress.clean_data(section.data),
            "_draft": draft,
            "_show_errors": bool(show_errors),
        }
        section.is_complete = False
    section.version += 1
    section.updated_by = user
    section.updated_at = now
    section.save()
    Bid.objects.filter(pk=locked.pk).update(updated_at=now)
    bid.updated_at = now
    sections[step] = section
    if locked.first_submitted_at is None:
        # Once submitted, the bid's region, districts and names are those of its latest
        # submitted version (what is screened, assessed and ranked): a reopened draft's
        # changes count only when it is submitted again.
        refresh_from_answers(locked, progress.answers_of(sections))
    audit.record(
        "bid.section_saved",
        user,
        bid=locked,
        subject=step,
        old=old,
        new={"version": section.version, "complete": section.is_complete},
    )
    return section


@transaction.atomic
def invite(bid, user, email, now=None):
    """Invite a colleague to edit the bid; returns the invitation. Email is sent after
    the transaction commits."""
    now = _now(now)
    locked = _locked(bid)
    if not access.may_invite(user, locked, now):
        raise ActionRefused(
            "Only the lead applicant can invite colleagues, before the deadline.", field="email"
        )
    email = email.strip().lower()
    if locked.collaborators.filter(user__email__iexact=email).exists():
        raise ActionRefused(f"{email} is already working on this application.", field="email")
    invitation = BidInvitation.objects.create(
        bid=locked,
        email=email,
        token=secrets.token_urlsafe(32),
        invited_by=user,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit.record("bid.colleague_invited", user, bid=locked, new={"email": email})
    emails.queue_bid_invitation(invitation)
    return invitation


def invitation_problem(invitation, user, now=None):
    """Why the user cannot accept the invitation, or "" if they can."""
    now = _now(now)
    if invitation.accepted_at is not None:
        return "This invitation has already been used."
    if now >= invitation.expires_at:
        return "This invitation has expired. Ask the lead applicant to invite you again."
    if user.email.lower() != invitation.email.lower():
        return (
            f"This invitation was sent to {invitation.email}. Sign in with that email "
            "address to accept it."
        )
    return ""


@transaction.atomic
def accept_invitation(invitation, user, now=None):
    now = _now(now)
    invitation = BidInvitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation, user, now)
    if problem:
        raise ActionRefused(problem)
    collaborator, created = BidCollaborator.objects.get_or_create(
        bid=invitation.bid,
        user=user,
        defaults={"role": BidCollaborator.Role.EDITOR, "added_at": now},
    )
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    audit.record("bid.colleague_joined", user, bid=invitation.bid, new={"email": user.email})
    return collaborator


@transaction.atomic
def submit(bid, user, now=None, expected_version=None):
    """Submit the bid; returns (submission, created).

    Idempotent: the bid row is locked, and a bid that is already submitted (a double click,
    a repeated POST) or a stale form (`expected_version` is not the next version) makes no
    new submission and no email; the latest submission is returned with created=False.
    Refused (ActionRefused) after the deadline by the server's clock, or when a section is
    not complete. The reference is allocated under a lock on the round, once per bid.
    """
    now = _now(now)
    locked = _locked(bid)
    if not user.has_perm("applications.work_on_bid", locked):
        raise ActionRefused("You cannot submit this application.")
    latest = locked.submissions.order_by("-version").first()
    next_version = (latest.version if latest else 0) + 1
    if locked.status == Bid.Status.SUBMITTED or (
        expected_version is not None and expected_version != next_version and latest
    ):
        if latest is None:  # pragma: no cover - a submitted bid always has a submission
            raise ActionRefused("This application has already been submitted.")
        return latest, False
    if locked.status == Bid.Status.WITHDRAWN:
        raise ActionRefused("This application has been withdrawn and cannot be submitted.")
    if not locked.round.is_open(now):
        raise ActionRefused(
            f"The deadline for applications was {format_datetime(locked.round.closes_at)}. "
            "Your application has not been submitted; it is saved as a draft."
        )
    sections = {s.step: s for s in locked.sections.all()}
    if not progress.all_complete(sections):
        raise ActionRefused("Complete every section before you submit the application.")
    if not locked.reference:
        round_ = Round.objects.select_for_update().get(pk=locked.round_id)
        number = round_.next_reference_number
        Round.objects.filter(pk=round_.pk).update(next_reference_number=number + 1)
        locked.reference = f"{round_.reference_prefix}-{number:04d}"
    answers = progress.answers_of(sections)
    if locked.first_submitted_at is not None:
        refresh_from_answers(locked, answers)  # a resubmission: its answers now stand
    submission = BidSubmission.objects.create(
        bid=locked, version=next_version, submitted_at=now, submitted_by=user, answers=answers
    )
    old_status = locked.status
    locked.status = Bid.Status.SUBMITTED
    locked.submitted_at = now
    locked.first_submitted_at = locked.first_submitted_at or now
    locked.updated_at = now
    locked.save(
        update_fields=["reference", "status", "submitted_at", "first_submitted_at", "updated_at"]
    )
    audit.record(
        "bid.submitted",
        user,
        bid=locked,
        old={"status": old_status},
        new={"status": locked.status, "reference": locked.reference, "version": next_version},
    )
    emails.queue_submission_confirmation(submission)
    return submission, True


@transaction.atomic
def reopen(bid, user, now=None):
    """Turn a submitted bid back into a draft so it can be changed and submitted again.
    Its reference and earlier submissions are kept."""
    now = _now(now)
    locked = _locked(bid)
    if not access.may_reopen(user, locked, now):
        if not locked.round.is_open(now):
            raise ActionRefused(deadline_message(locked.round))
        raise ActionRefused("Only a submitted application can be reopened.")
    locked.status = Bid.Status.DRAFT
    locked.updated_at = now
    locked.save(update_fields=["status", "updated_at"])
    audit.record(
        "bid.reopened", user, bid=locked, old={"status": "submitted"}, new={"status": "draft"}
    )
    return locked


@transaction.atomic
def withdraw(bid, user, reason, now=None):
    now = _now(now)
    reason = (reason or "").strip()
    locked = _locked(bid)
    if not access.may_withdraw(user, locked, now):
        if not locked.round.is_open(now):
            raise ActionRefused(deadline_message(locked.round))
        raise ActionRefused("Only the lead applicant can withdraw this application.")
    if not reason:
        raise ActionRefused("Enter why you are withdrawing the application")
    old_status = locked.status
    locked.status = Bid.Status.WITHDRAWN
    locked.withdrawn_at = now
    locked.withdrawal_reason = reason
    locked.updated_at = now
    locked.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    audit.record(
        "bid.withdrawn",
        user,
        bid=locked,
        old={"status": old_status},
        new={"status": locked.status},
        note=reason,
    )
    return locked
