import re
from collections import Counter

import pytest
from django.core import mail
from django.urls import reverse

from accounts import permissions
from applications.models import AuditEvent, Bid, Organisation
from scoring.models import Assessment, Assignment, ConflictDeclaration, Score
from scoring.setup import assignment, interests, screening
from tests.factories.accounts import sign_in_client
from tests.factories.emails import delivered
from tests.setup_helpers import (
    add_criteria,
    give_organisations,
    make_assessors,
    mark_eligible,
    partner_organisation,
    submitted_bids,
)

pytestmark = pytest.mark.django_db


def refs_in(message):
    return sorted(re.findall(r"^- (LP2-\d{4}):", message.body, re.MULTILINE))


def pairs(round_):
    return set(Assignment.objects.filter(bid__round=round_).values_list("bid_id", "assessor_id"))


def loads(assessors):
    counts = Counter(Assignment.objects.values_list("assessor_id", flat=True))
    return [counts[a.pk] for a in assessors]


def six_bids_five_assessors(open_round, applicant, staff_user, make_user):
    bids = mark_eligible(submitted_bids(open_round, applicant, 6), staff_user)
    assessors = make_assessors(make_user, 5)
    # Assessor 0 works for a partner of the first bid.
    give_organisations(assessors[0], partner_organisation(bids[0]))
    return bids, assessors


@pytest.fixture
def setup(open_round, applicant, staff_user, make_user):
    return six_bids_five_assessors(open_round, applicant, staff_user, make_user)


@pytest.fixture
def setup_emailed(open_round, applicant, staff_user, make_user):
    """`setup` for the tests that count assignment emails: the six submission
    confirmations of the set-up are sent first (by the product's sender)."""
    with delivered() as sent:
        made = six_bids_five_assessors(open_round, applicant, staff_user, make_user)
    assert sent == [("submission_confirmation", applicant.email)] * 6
    return made


def test_automatic_assignment_respects_conflicts_and_spreads_the_load(
    open_round, staff_user, setup
):
    bids, assessors = setup
    result = assignment.auto_assign(open_round, staff_user)
    assert len(result.created) == 18
    assert result.shortfalls == []
    made = pairs(open_round)
    assert (bids[0].pk, assessors[0].pk) not in made
    assert all(Assignment.objects.filter(bid=b).count() == 3 for b in bids)
    assert sorted(loads(assessors)) == [3, 3, 4, 4, 4]
    assert not Assignment.objects.filter(manual=True).exists()
    assert Assignment.objects.filter(notified_at__isnull=True).count() == 0
    assert AuditEvent.objects.filter(action="assignment.added").count() == 18
    summary = AuditEvent.objects.get(action="assignment.automatic")
    assert (summary.actor, summary.new) == (staff_user, {"added": 18, "short": 0})
    assert Assignment.history.filter(history_type="+").count() == 18


def test_one_email_per_assessor_listing_exactly_their_new_bids(
    open_round, staff_user, applicant, setup_emailed, django_capture_on_commit_callbacks
):
    bids, assessors = setup_emailed
    with django_capture_on_commit_callbacks(execute=True):
        result = assignment.auto_assign(open_round, staff_user)
    assert result.emails_sent == 5
    assert len(mail.outbox) == 5
    by_email = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_email) == sorted(a.email for a in assessors)
    for assessor in assessors:
        mine = sorted(
            Assignment.objects.filter(assessor=assessor).values_list("bid__reference", flat=True)
        )
        message = by_email[assessor.email]
        assert refs_in(message) == mine
        count = len(mine)
        assert message.subject == f"You have {count} new bids to assess for Leading Places"
        assert f"You have {count} new bids to assess for Leading Places:" in message.body

    # A new eligible bid later: only its three assessors are emailed, about it alone.
    mail.outbox.clear()
    with delivered() as sent:
        (late,) = mark_eligible(submitted_bids(open_round, applicant, 1), staff_user)
    assert sent == [("submission_confirmation", applicant.email)]
    with django_capture_on_commit_callbacks(execute=True):
        result = assignment.auto_assign(open_round, staff_user)
    assert len(result.created) == 3
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert refs_in(message) == [late.reference]
        assert message.subject == "You have 1 new bid to assess for Leading Places"
    # The three least-loaded assessors took it: the spread stays at most one.
    assert sorted(loads(assessors)) == [4, 4, 4, 4, 5]


def test_running_twice_adds_nothing(open_round, staff_user, setup):
    assignment.auto_assign(open_round, staff_user)
    before = pairs(open_round)
    mail.outbox.clear()
    again = assignment.auto_assign(open_round, staff_user)
    assert again.created == []
    assert again.emails_sent == 0
    assert mail.outbox == []
    assert pairs(open_round) == before


def test_manual_assignments_are_kept_and_counted(open_round, staff_user, setup):
    bids, assessors = setup
    for bid in bids[:3]:
        assignment.assign_by_hand(bid, assessors[4], staff_user)
    assignment.auto_assign(open_round, staff_user)
    for bid in bids[:3]:
        kept = Assignment.objects.get(bid=bid, assessor=assessors[4])
        assert kept.manual is True
    assert all(Assignment.objects.filter(bid=b).count() == 3 for b in bids)
    assert max(loads(assessors)) - min(loads(assessors)) <= 1


def test_only_eligible_submitted_bids_are_assigned(open_round, staff_user, applicant, setup):
    bids, _ = setup
    pending = submitted_bids(open_round, applicant, 1)[0]
    ineligible = submitted_bids(open_round, applicant, 1)[0]
    screening.screen(ineligible, Bid.Screening.INELIGIBLE, "Outside England", staff_user)
    assignment.auto_assign(open_round, staff_user)
    assert not Assignment.objects.filter(bid__in=[pending, ineligible]).exists()
    with pytest.raises(assignment.AssignmentError) as error:
        assignment.assign_by_hand(pending, setup[1][1], staff_user)
    assert str(error.value) == f"Screen {pending} as eligible before assigning assessors"


def test_bids_that_cannot_be_fully_assigned_are_listed_with_the_reason(
    client, open_round, staff_user, setup
):
    bids, assessors = setup
    organisation = partner_organisation(bids[1])
    for assessor in assessors[:3]:
        give_organisations(assessor, organisation)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_assignment", args=[open_round.slug])
    page = client.get(url).content.decode()
    assert "Assigning automatically will make <strong>17</strong> new assignments" in page
    assert f">{bids[1].reference}</a>: only 2 assessors without a conflict</li>" in page
    response = client.post(url)
    assert response.status_code == 302
    assert Assignment.objects.count() == 17
    page = client.get(url).content.decode()
    assert "17 assignments made; 5 assessors emailed" in page
    assert "Every bid has all the assessors it can have." in page
    assert f">{bids[1].reference}</a>: only 2 assessors without a conflict</li>" in page
    assert "2 of 3" in page
    client.post(url)
    assert "No new assignments were needed" in client.get(url).content.decode()


def test_assigning_a_conflicted_assessor_by_hand_is_refused(client, open_round, staff_user, setup):
    bids, assessors = setup
    organisation = partner_organisation(bids[0])
    with pytest.raises(assignment.AssignmentError) as error:
        assignment.assign_by_hand(bids[0], assessors[0], staff_user)
    expected = (
        f"Assessor assessor 00 cannot assess {bids[0]} because of a conflict: "
        f"{organisation.name} is a partner of {bids[0]} and one of Assessor assessor 00's "
        "organisations"
    )
    assert str(error.value) == expected
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_bid_assignment", args=[open_round.slug, bids[0].pk])
    page = client.get(url).content.decode()
    assert "Assessor assessor 00 (0 bids) – conflict of interest" in page
    response = client.post(url, {"assessor": assessors[0].pk})
    assert response.status_code == 200
    assert expected.replace("'", "&#x27;") in response.content.decode()
    assert not Assignment.objects.exists()

    # A declared conflict is named too.
    ConflictDeclaration.objects.create(assessor=assessors[1], bid=bids[0], reason="My sister")
    response = client.post(url, {"assessor": assessors[1].pk})
    assert (
        f"Assessor assessor 01 cannot assess {bids[0]} because of a conflict: "
        f"Assessor assessor 01 declared a conflict with {bids[0]}: My sister"
    ) in response.content.decode()


def test_hand_assignment_and_unassignment(
    client, open_round, staff_user, setup_emailed, django_capture_on_commit_callbacks
):
    bids, assessors = setup_emailed
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_bid_assignment", args=[open_round.slug, bids[2].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"assessor": assessors[3].pk})
    assert response.status_code == 302
    made = Assignment.objects.get(bid=bids[2], assessor=assessors[3])
    assert (made.manual, made.assigned_by) == (True, staff_user)
    assert [m.to for m in mail.outbox] == [[assessors[3].email]]
    assert refs_in(mail.outbox[0]) == [bids[2].reference]
    response = client.post(url, {"assessor": assessors[3].pk})
    assert "Select a valid choice." in response.content.decode()
    response = client.post(url, {})
    assert "Select an assessor" in response.content.decode()

    unassign = reverse("scoring:setup_unassign", args=[open_round.slug, bids[2].pk, made.pk])
    response = client.post(unassign)
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=made.pk).exists()
    history = client.get(url).content.decode()
    assert "Assessor assessor 03 assigned by hand" in history
    assert "Assessor assessor 03 unassigned: Unassigned by hand" in history


def test_unassigning_a_submitted_assessment_needs_confirmation(
    client, open_round, staff_user, setup
):
    bids, assessors = setup
    made = assignment.assign_by_hand(bids[2], assessors[3], staff_user, notify=False)
    (criterion, *_) = add_criteria(open_round)
    assessment = Assessment.objects.create(assignment=made, status=Assessment.Status.SUBMITTED)
    Score.objects.create(assessment=assessment, criterion=criterion, score=4, justification="x")
    with pytest.raises(assignment.NeedsConfirmation):
        assignment.unassign(made, staff_user)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_unassign", args=[open_round.slug, bids[2].pk, made.pk])
    response = client.post(url)
    assert response.status_code == 200
    assert "has submitted their assessment of" in response.content.decode()
    assert Assignment.objects.filter(pk=made.pk).exists()
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=made.pk).exists()
    event = AuditEvent.objects.get(action="assignment.removed")
    assert event.old == {
        "assessor": "Assessor assessor 03",
        "manual": True,
        "assessment": "Submitted",
        "scores": 1,
    }
    assert Assessment.history.filter(history_type="-").count() == 1
    assert Score.history.filter(history_type="-").count() == 1


def test_declare_conflict_takes_the_bid_and_reassigns_it(
    open_round, staff_user, setup_emailed, django_capture_on_commit_callbacks
):
    bids, assessors = setup_emailed
    with django_capture_on_commit_callbacks(execute=True):
        assignment.auto_assign(open_round, staff_user)
    mail.outbox.clear()
    bid = bids[3]
    leaving = Assignment.objects.filter(bid=bid).order_by("assessor__full_name")[0]
    Assessment.objects.create(assignment=leaving, status=Assessment.Status.IN_PROGRESS)
    others_before = set(Assignment.objects.filter(bid=bid).values_list("assessor_id", flat=True))
    with pytest.raises(assignment.AssignmentError) as error:
        assignment.declare_conflict(leaving.assessor, bid, "   ")
    assert str(error.value) == "Enter the reason for the conflict"
    with django_capture_on_commit_callbacks(execute=True):
        result = assignment.declare_conflict(leaving.assessor, bid, "I advised this partnership")
    assert result.removed is True
    assert len(result.replacements) == 1
    now = set(Assignment.objects.filter(bid=bid).values_list("assessor_id", flat=True))
    assert len(now) == 3
    assert leaving.assessor_id not in now
    (newcomer,) = now - others_before
    assert ConflictDeclaration.objects.get(assessor=leaving.assessor, bid=bid).reason == (
        "I advised this partnership"
    )
    assert Assessment.history.filter(history_type="-").count() == 1
    # The newcomer was one of the least loaded and is emailed about this bid alone.
    assert [m.to for m in mail.outbox] == [
        [Assignment.objects.get(bid=bid, assessor_id=newcomer).assessor.email]
    ]
    assert refs_in(mail.outbox[0]) == [bid.reference]
    assert max(loads(assessors)) - min(loads(assessors)) <= 1
    actions = list(AuditEvent.objects.filter(bid=bid).order_by("pk").values_list("action", "note"))[
        -3:
    ]
    assert actions == [
        ("conflict.declared", ""),
        ("assignment.removed", "The assessor declared a conflict"),
        ("assignment.added", "Reassigned after an assessor declared a conflict"),
    ]
    with pytest.raises(assignment.AssignmentError):
        assignment.declare_conflict(leaving.assessor, bid, "Again")
    # Automatic assignment never gives it back.
    assignment.auto_assign(open_round, staff_user)
    assert not Assignment.objects.filter(bid=bid, assessor=leaving.assessor).exists()


def test_declare_conflict_pages(client, open_round, staff_user, setup):
    bids, assessors = setup
    assignment.auto_assign(open_round, staff_user)
    mine = Assignment.objects.filter(assessor=assessors[2]).order_by("bid__reference")[0]
    url = reverse("scoring:declare_conflict", args=[mine.bid_id])
    sign_in_client(client, assessors[2])
    interests_page = client.get(reverse("scoring:interests")).content.decode()
    assert f'Declare a conflict<span class="govuk-visually-hidden"> with {mine.bid.reference}' in (
        interests_page
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert "Enter the reason for the conflict" in response.content.decode()
    response = client.post(url, {"reason": "Former employer"})
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=mine.pk).exists()
    # Now conflicted: the page is gone for them.
    assert client.get(url).status_code == 404
    # An assessor not assigned to a bid, and one in conflict through an organisation, get 404.
    unassigned = Bid.objects.exclude(assignments__assessor=assessors[1]).first()
    sign_in_client(client, assessors[1])
    assert client.get(reverse("scoring:declare_conflict", args=[unassigned.pk])).status_code == 404
    sign_in_client(client, assessors[0])
    assert client.get(reverse("scoring:declare_conflict", args=[bids[0].pk])).status_code == 404


def test_conflicted_assessor_cannot_view_the_bid(open_round, staff_user, chair, setup):
    bids, assessors = setup
    assignment.auto_assign(open_round, staff_user)
    assert assessors[0].has_perm("scoring.score_bid", bids[0]) is False
    give_organisations(chair, partner_organisation(bids[1]))
    assert chair.has_perm("scoring.see_bid_moderation", bids[1]) is False
    assert chair.has_perm("scoring.decide", bids[1]) is False
    assert chair.has_perm("scoring.see_bid_moderation", bids[2]) is True
    assert staff_user.has_perm("scoring.see_bid_moderation", bids[0]) is True
    other = Assignment.objects.filter(bid=bids[0]).first().assessor
    assert other.has_perm("scoring.score_bid", bids[0]) is True
    outsider = next(
        a for a in assessors if not Assignment.objects.filter(bid=bids[1], assessor=a).exists()
    )
    assert outsider.has_perm("scoring.score_bid", bids[1]) is False


def test_interests_page(client, assessor):
    sign_in_client(client, assessor)
    url = reverse("scoring:interests")
    page = client.get(url).content.decode()
    assert '<datalist id="registry-organisations">' in page
    assert '<option value="The University of Sheffield">' in page
    response = client.post(url, {"action": "add", "add-organisation": "Nowhere at all"})
    assert (
        "Enter the name of an organisation in the registry and choose it from the list"
        in response.content.decode()
    )
    response = client.post(url, {"action": "add", "add-organisation": "university of sheffield"})
    assert response.status_code == 302
    sheffield = Organisation.objects.get(ukprn="10007157")
    assert list(assessor.assessor_profile.organisations.all()) == [sheffield]
    page = client.get(url).content.decode()
    assert "The University of Sheffield added to your organisations" in page
    client.post(url, {"action": "other", "other-other_interests": "Trustee of a charity"})
    assessor.assessor_profile.refresh_from_db()
    assert assessor.assessor_profile.other_interests == "Trustee of a charity"
    client.post(url, {"action": "remove", "organisation": sheffield.pk})
    assert list(assessor.assessor_profile.organisations.all()) == []
    events = list(
        AuditEvent.objects.filter(action="assessor.interests_changed")
        .order_by("pk")
        .values_list("old", "new")
    )
    assert events == [
        (
            {"organisations": [], "other_interests": ""},
            {"organisations": ["The University of Sheffield"], "other_interests": ""},
        ),
        (
            {"organisations": ["The University of Sheffield"], "other_interests": ""},
            {
                "organisations": ["The University of Sheffield"],
                "other_interests": "Trustee of a charity",
            },
        ),
        (
            {
                "organisations": ["The University of Sheffield"],
                "other_interests": "Trustee of a charity",
            },
            {"organisations": [], "other_interests": "Trustee of a charity"},
        ),
    ]


def test_interests_page_is_for_assessors_and_chairs(client, applicant, staff_user, chair):
    url = reverse("scoring:interests")
    for user in (applicant, staff_user):
        sign_in_client(client, user)
        assert client.get(url).status_code == 403
    sign_in_client(client, chair)
    assert client.get(url).status_code == 200


def test_a_new_organisation_in_conflict_takes_assigned_bids_away(
    open_round, staff_user, setup, django_capture_on_commit_callbacks
):
    bids, assessors = setup
    assignment.auto_assign(open_round, staff_user)
    mine = Assignment.objects.filter(assessor=assessors[2]).order_by("bid__reference")[0]
    organisation = partner_organisation(mine.bid)
    with django_capture_on_commit_callbacks(execute=True):
        taken = interests.update_interests(assessors[2], organisations=[organisation])
    conflicted = {
        b.pk for b in Bid.objects.filter(partners__organisation=organisation, round=open_round)
    }
    assert {b.pk for b in taken} == conflicted & {
        x.bid_id for x in Assignment.history.filter(assessor_id=assessors[2].pk)
    }
    assert not Assignment.objects.filter(assessor=assessors[2], bid_id__in=conflicted).exists()
    for bid_id in {b.pk for b in taken}:
        assert Assignment.objects.filter(bid_id=bid_id).count() == 3


@pytest.mark.parametrize("size", [3, 30])
def test_assignment_page_queries_do_not_grow(
    client, open_round, staff_user, applicant, make_user, size, django_assert_max_num_queries
):
    mark_eligible(submitted_bids(open_round, applicant, size), staff_user)
    assessors = make_assessors(make_user, 6)
    give_organisations(assessors[0], Organisation.objects.get(ukprn="10007157"))
    assignment.auto_assign(open_round, staff_user, notify=False)
    first = Assignment.objects.first()
    Assessment.objects.create(assignment=first, status=Assessment.Status.SUBMITTED)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_assignment", args=[open_round.slug])
    with django_assert_max_num_queries(12):  # + 1: the session's two-factor device
        response = client.get(url)
    html = response.content.decode()
    assert html.count("3 of 3") == size
    assert "Submitted</strong>" in html


@pytest.mark.parametrize("size", [3, 30])
def test_bid_assignment_page_queries_do_not_grow(
    client, open_round, staff_user, applicant, make_user, size, django_assert_max_num_queries
):
    bids = mark_eligible(submitted_bids(open_round, applicant, 2), staff_user)
    make_assessors(make_user, size)
    assignment.auto_assign(open_round, staff_user, notify=False)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_bid_assignment", args=[open_round.slug, bids[0].pk])
    with django_assert_max_num_queries(13):  # + 1 for the session's two-factor device
        response = client.get(url)
    assert response.content.decode().count("assigned automatically") == 3


def test_the_open_round_warning_is_on_the_staff_pages(client, open_round, staff_user):
    sign_in_client(client, staff_user)
    warning = "Applications are still open: applicants can still change or withdraw their bids"
    for name in ("setup_round", "setup_criteria", "setup_screening", "setup_assignment"):
        page = client.get(reverse(f"scoring:{name}", args=[open_round.slug])).content.decode()
        assert warning in page, name
    assert warning in client.get(reverse("scoring:setup")).content.decode()


def test_nav_and_home_links(client, staff_user, assessor):
    sign_in_client(client, staff_user)
    home = client.get(reverse("accounts:home")).content.decode()
    assert 'href="/assess/setup/">Set up assessment</a>' in home
    sign_in_client(client, assessor)
    home = client.get(reverse("accounts:home")).content.decode()
    assert 'href="/assess/interests/">Your interests</a>' in home
    assert permissions.ASSESSOR


def test_demo_data_is_loaded_once(open_round, applicant):
    import io

    from applications.demo import load_demo_users
    from scoring import demo
    from scoring.models import Criterion

    load_demo_users()
    bids = submitted_bids(open_round, applicant, 4)
    out = io.StringIO()
    demo.load(open_round, out)
    assert [
        (c.name, int(c.weight), c.minimum) for c in Criterion.objects.filter(round=open_round)
    ] == [
        ("Strength of partnership", 30, 3),
        ("Place and geography", 20, None),
        ("Ambition and clarity of the challenge", 20, None),
        ("Deliverability within the programme", 15, None),
        ("Outcomes and public value", 15, None),
    ]
    assert all(Bid.objects.get(pk=b.pk).screening == "eligible" for b in bids)
    assert Assignment.objects.count() == 12
    assert out.getvalue() == "Assessment: 5 criteria, 6 assessors, 12 new assignments"
    demo.load(open_round, io.StringIO())
    assert Criterion.objects.filter(round=open_round).count() == 5
    assert Assignment.objects.count() == 12
    # Sam Assessor works for the University of Sheffield: never given the Sheffield bid.
    sheffield = bids[0]
    assert not Assignment.objects.filter(
        bid=sheffield, assessor__email="assessor@example.com"
    ).exists()
