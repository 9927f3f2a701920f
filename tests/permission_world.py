"""The world the permission matrix runs in (tests/test_permission_matrix.py): a round with a
released, announced cohort, and one person of each kind around one bid (Sheffield's),
all made through the product's own functions.

The people: anonymous (None), the bid's lead applicant, another applicant, an invited
colleague (collaborator), an assessor of the bid (submitted), an assessor and a panel
chair in conflict with it (one of their organisations is its partner), a panel chair,
programme staff and a superuser (made as createsuperuser makes one: no groups).
"""

import datetime as dt
from dataclasses import dataclass

from accounts import permissions
from accounts.forms import InvitationForm
from accounts.models import User
from applications import bids, organisations
from cohorts.models import EmailKind
from learning import evaluation, lessons, peer_review, themes
from notifications.models import OutboxMessage
from programme import leadership, team
from programme.models import Milestone
from reminders.models import ReminderKind
from scoring.models import Assessment, Assignment, Criterion
from scoring.setup import interests
from tests.cohort_helpers import applicant_for
from tests.factories.accounts import make_user
from tests.factories.applications import add_colleague
from tests.factories.scoring import panel_assessors, partner_organisation
from tests.programme_helpers import announced_cohort, make_event

KINDS = (
    "anonymous",
    "applicant",
    "other_applicant",
    "collaborator",
    "assessor",
    "conflicted_assessor",
    "chair",
    "conflicted_chair",
    "staff",
    "superuser",
)


@dataclass
class World:
    people: dict
    args: dict  # URL argument name -> value, for the URL names that take it


def build(round_, chair, staff):
    members = announced_cohort(round_, chair, staff)
    sheffield = members["Sheffield"]
    bid = sheffield.bid
    lead = applicant_for("Sheffield")
    organisation = partner_organisation(bid)
    conflicted_assessor = make_user(
        "conflicted.assessor@uni.ac.uk", permissions.ASSESSOR, "Connie Conflicted"
    )
    interests.update_interests(conflicted_assessor, organisations=[organisation])
    conflicted_chair = make_user(
        "conflicted.chair@local.gov.uk", permissions.PANEL_CHAIR, "Carl Conflicted"
    )
    interests.update_interests(conflicted_chair, organisations=[organisation])
    assessor = panel_assessors(1)[0]
    people = {
        "anonymous": None,
        "applicant": lead,
        "other_applicant": make_user("other@council.gov.uk", permissions.APPLICANT, "Olive"),
        "collaborator": add_colleague(bid, "colleague@sheffield.example.gov.uk"),
        "assessor": assessor,
        "conflicted_assessor": conflicted_assessor,
        "chair": chair,
        "conflicted_chair": conflicted_chair,
        "staff": staff,
        "superuser": User.objects.create_superuser("root@local.gov.uk", "a-long-password-1"),
    }
    form = InvitationForm({"email": "new.assessor@uni.ac.uk", "role": permissions.ASSESSOR})
    assert form.is_valid(), form.errors
    staff_invitation = form.save(invited_by=staff)
    bid_invitation = bids.invite(bid, lead, "pending@sheffield.example.gov.uk")
    typed_in = organisations.find_or_create_other("Sheffield Typed-In College", lead)
    assignment = Assignment.objects.get(bid=bid, assessor=assessor)
    event = make_event(sheffield.cohort, staff, [sheffield])
    cohort = sheffield.cohort
    conference = make_event(
        cohort, staff, list(members.values()), kind="peer_challenge", title="Peer review"
    )
    review = peer_review.open_review(conference, staff)
    review_pair = review.pairs.filter(reviewed=sheffield).order_by("pk").first()
    theme = themes.add_theme(cohort, staff, name="Inclusive growth")
    evaluation.open_evaluations(cohort, staff)
    lessons.save_lessons(
        sheffield, lead, learnt="Trust", next_steps="Objectives", recorded_on=dt.date.today()
    )
    meeting = leadership.record_meeting(sheffield, lead, held_on=dt.date.today(), agreed="Met")
    leader = leadership.add_leader(sheffield, lead, name="Lee Leader", role="Leader")
    team_member = team.add_team_member(sheffield, lead, name="Tam Team", role="Analyst")
    args = {
        "pk": bid.pk,
        "bid_pk": bid.pk,
        "bid_id": bid.pk,
        "step": "partners",
        "version": 1,
        "slug": round_.slug,
        "round_slug": round_.slug,
        "assignment_id": assignment.pk,
        "criterion_pk": Criterion.objects.filter(round=round_).first().pk,
        "assessment_pk": Assessment.objects.get(assignment=assignment).pk,
        "uidb64": "MQ",
        "token": "not-a-token",
        "person": 1,
        "meeting": meeting.pk,
        "milestone": Milestone.objects.filter(member=sheffield).first().pk,
        "member": sheffield.pk,
        # Per URL name: the other objects a pk or token stands for.
        "accounts:accept_invitation": {"token": staff_invitation.token},
        "applications:bid_invitation": {"token": bid_invitation.token},
        "applications:staff_organisation_reviewed": {"pk": typed_in.pk},
        "applications:staff_organisation_merge": {"pk": typed_in.pk},
        "cohorts:offer": {"pk": bid.offer.pk},
        "cohorts:edit_note": {"pk": sheffield.pk},
        "cohorts:edit_template": {"kind": EmailKind.values[0]},
        "cohorts:preview_template": {"kind": EmailKind.values[0]},
        "reminders:edit_template": {"kind": ReminderKind.values[0]},
        "notifications:message": {"pk": OutboxMessage.objects.order_by("pk").first().pk},
        "theme": theme.pk,
        "programme:change_leader": {"person": leader.pk},
        "programme:remove_leader": {"person": leader.pk},
        "programme:change_team_member": {"person": team_member.pk},
        "programme:remove_team_member": {"person": team_member.pk},
        "programme:make_lead_contact": {"person": team_member.pk},
    }
    # The `pk` of programme and learning pages, by the start of their route.
    routes = {
        "programme/peer-reviews/reviews/": review_pair.pk,
        "programme/peer-reviews/": review.pk,
        "programme/events/": event.pk,
        "programme/partnerships/": sheffield.pk,
    }
    args["pk by route"] = routes
    return World(people, args)
