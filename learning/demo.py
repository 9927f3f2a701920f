"""Demo data for `make run`: round 1's learning loaded from the seeds (key challenges,
Appendix A's lessons and next steps) and its programme report published, plus an
illustrative peer review at the national learning event in which the demo applicant's
Gloucestershire writes a review, and the evaluation opened. Everything demo-only says
"Demo data". Running it again changes nothing."""

from accounts.models import User
from cohorts.models import Cohort
from learning import peer_review, publishing, reviews
from learning.evaluation import open_evaluations
from learning.models import PeerReview, Report
from learning.pilots import load_round_one_learning
from programme.models import Event, EventKind

DEMO = "Demo data: illustrative, not from the pilot's records."


def load_step(round_two, stdout):
    """load_demo's step: the learning belongs to round 1's cohort, whatever round_two is."""
    load(stdout)


def load(stdout):
    cohort = load_round_one_learning()
    staff = User.objects.filter(email="staff@example.com").first()
    applicant = User.objects.filter(email="applicant@example.com").first()
    if staff is None or applicant is None:
        return
    report = Report.objects.get(cohort=cohort)
    if not report.is_published:
        publishing.publish(cohort, staff)
    event = Event.objects.filter(cohort=cohort, kind=EventKind.NATIONAL).first()
    if event is not None and not PeerReview.objects.filter(event=event).exists():
        review = peer_review.open_review(event, staff, peers_each=2)
        for member in review.members.all():
            peer_review.save_pitch(
                review, member, staff, pitch=f"{member.challenge_summary} {DEMO}"
            )
        glos = review.members.get(partnership_name="Gloucestershire")
        pair = review.pairs.filter(reviewer=glos).select_related("reviewed").first()
        if pair is not None:
            reviews.save_review(
                pair,
                applicant,
                strengths=f"A clear link between the partners and the community. {DEMO}",
                challenge="What will be different for residents by March? " + DEMO,
                support="Gloucestershire can share how it ran its vision workshops. " + DEMO,
                submit=True,
            )
    open_evaluations(Cohort.objects.get(pk=cohort.pk), staff)
    stdout.write(
        "Learning demo: round 1's report published (/reports/round-1/); a peer review at the "
        "national learning event; the end-of-programme evaluation open"
    )
