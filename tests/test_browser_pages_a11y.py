"""Every main page, per role, on the demo data: it loads and axe-core finds no serious or
critical problem. Complements the journey tests, which check the pages they walk through."""

import io

import pytest

from accounts.models import User
from applications import demo
from applications.models import Bid
from scoring.models import Assignment
from tests.browser import assert_accessible, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _load_demo(round_):
    import applications.demo_bids
    import cohorts.demo
    import scoring.demo
    import scoring.demo_scores

    demo.load_demo_users()
    out = io.StringIO()
    for module in (applications.demo_bids, scoring.demo, scoring.demo_scores, cohorts.demo):
        module.load(round_, out)
    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save()


def _check(page, base, paths):
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert_accessible(page)


def test_every_main_page_is_accessible(page, live_server, open_round):
    _load_demo(open_round)
    base = live_server.url
    bid = Bid.objects.filter(round=open_round, status=Bid.Status.SUBMITTED).order_by("pk")[0]
    slug = open_round.slug

    _check(
        page,
        base,
        [
            "/",
            "/cohorts/",
            "/cohorts/round-1/",
            "/account/sign-up/",
            "/account/password-reset/",
            "/accessibility/",
            "/privacy/",
        ],
    )

    sign_in(page, base, "applicant@example.com")
    draft = Bid.objects.get(collaborators__user__email="applicant@example.com")
    _check(
        page,
        base,
        [
            "/apply/",
            f"/apply/{draft.pk}/",
            f"/apply/{draft.pk}/team/",
            f"/apply/{draft.pk}/section/geography/",
            f"/apply/{draft.pk}/section/partners/",
            f"/apply/{draft.pk}/section/strength/",
            f"/apply/{draft.pk}/section/plan/",
            "/account/",
        ],
    )
    page.context.clear_cookies()

    sign_in(page, base, "assessor@example.com")
    mine = Assignment.objects.filter(assessor__email="assessor@example.com").first()
    _check(
        page,
        base,
        [
            "/assess/",
            f"/assess/bids/{mine.bid_id}/",
            "/assess/interests/",
            f"/assess/interests/conflict/{mine.bid_id}/",
        ],
    )
    page.context.clear_cookies()

    sign_in(page, base, "chair@example.com")
    _check(page, base, ["/assess/moderation/", f"/assess/moderation/bids/{bid.pk}/"])
    page.context.clear_cookies()

    sign_in(page, base, "staff@example.com")
    _check(
        page,
        base,
        [
            "/apply/staff/bids/",
            f"/apply/staff/bids/{bid.pk}/",
            "/apply/staff/organisations/",
            f"/assess/setup/{slug}/",
            f"/assess/setup/{slug}/criteria/",
            f"/assess/setup/{slug}/criteria/copy/",
            f"/assess/setup/{slug}/criteria/reset/",
            f"/assess/setup/{slug}/screening/",
            f"/assess/setup/{slug}/screening/{bid.pk}/",
            f"/assess/setup/{slug}/assignment/",
            "/cohorts/manage/",
            f"/cohorts/manage/{slug}/",
            f"/cohorts/manage/{slug}/emails/offer/",
            f"/cohorts/manage/{slug}/cohort/",
            "/account/invitations/",
        ],
    )
