"""Demo data for `make run`: round 2's criteria, a pool of assessors with their
organisations, screening of the submitted demo bids and automatic assignment."""

from django.db import transaction

from accounts import permissions
from accounts.models import User
from applications.models import Bid, Organisation
from scoring.models import AssessorProfile, Criterion
from scoring.setup import assignment, screening

CRITERIA = [
    (
        "Strength of partnership",
        30,
        3,
        "How well established the partnership between the council and the universities is: "
        "years of joint working, a senior leadership group, a formal agreement, joint "
        "initiatives and the resources each partner commits. Round 2 looks for evidence of "
        "the strength of existing partnerships, not intentions.",
    ),
    (
        "Place and geography",
        20,
        None,
        "Whether the place is coherent and the bid shows an understanding of its area's "
        "geography: which districts it covers, why, and how the challenge plays out across "
        "them. Round 2 gives closer consideration to area geography.",
    ),
    (
        "Ambition and clarity of the challenge",
        20,
        None,
        "Whether the shared priority challenge is clearly defined, ambitious and matters to "
        "the people of the place, and whether the approach follows from it.",
    ),
    (
        "Deliverability within the programme",
        15,
        None,
        "Whether the plan, milestones, decision-making and risks are realistic for the "
        "length of the programme and the support it offers.",
    ),
    (
        "Outcomes and public value",
        15,
        None,
        "Whether the bid sets out clear expected outcomes by the end of the programme, how "
        "they will be measured, and the public value they bring.",
    ),
]

# email, name, organisations (UKPRNs or ONS codes)
ASSESSORS = [
    ("assessor@example.com", "Sam Assessor", ["10007157"]),
    ("priya.shah@example.com", "Priya Shah", ["10007795"]),
    ("tom.okafor@example.com", "Tom Okafor", ["E08000012"]),
    ("helen.wright@example.com", "Helen Wright", []),
    ("david.nguyen@example.com", "David Nguyen", ["10007154"]),
    ("fiona.mcleod@example.com", "Fiona McLeod", []),
]


@transaction.atomic
def load(round_, stdout):
    if not Criterion.objects.filter(round=round_).exists():
        for position, (name, weight, minimum, guidance) in enumerate(CRITERIA, start=1):
            Criterion.objects.create(
                round=round_,
                position=position,
                name=name,
                weight=weight,
                minimum=minimum,
                guidance=guidance,
            )
    for email, name, codes in ASSESSORS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=name)
            user.set_unusable_password()
            user.save()
        permissions.add_role(user, permissions.ASSESSOR)
        profile, made = AssessorProfile.objects.get_or_create(user=user)
        if made and codes:
            profile.organisations.set(
                Organisation.objects.filter(ons_code__in=codes)
                | Organisation.objects.filter(ukprn__in=codes)
            )
    staff = User.objects.filter(email="staff@example.com").first()
    if staff is None:
        return
    pending = (
        Bid.objects.for_round(round_)
        .with_submitted_version()
        .filter(screening=Bid.Screening.PENDING)
    )
    for bid in pending:
        screening.screen(bid, Bid.Screening.ELIGIBLE, "Meets the eligibility rules", staff)
    result = assignment.auto_assign(round_, staff, notify=False)
    stdout.write(
        f"Assessment: {len(CRITERIA)} criteria, {len(ASSESSORS)} assessors, "
        f"{len(result.created)} new assignments"
    )
