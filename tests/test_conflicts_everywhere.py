"""Issue 12: a conflict hides the bid everywhere (reproductions 3 and 4), and conflicts
follow the organisation through a merge (reproduction 2)."""

import pytest
from django.urls import reverse

from accounts import permissions
from applications.models import AuditEvent, BidPartner, Organisation
from applications.organisations import find_or_create_other
from applications.samples import sample_answers
from scoring.models import Assignment, Decision, SelectionPin
from scoring.select import selection
from scoring.setup import conflicts, interests
from tests.factories.accounts import applicant_for, make_user, sign_in_client
from tests.factories.applications import make_bid
from tests.factories.scoring import assign, mark_eligible, partner_organisation
from tests.factories.selection import small_round
from tests.figure_helpers import csv_rows, pdf_text, ranking_figures

pytestmark = pytest.mark.django_db


SIZE_3 = {
    "size_min": 3,
    "size_max": None,
    "max_per_region": None,
    "min_regions": None,
    "max_overlap": None,
    "quality_threshold": 60,
    "tie_breaks": [],
    "calibrate": False,
}


def url(name, round_, **kwargs):
    return reverse(f"scoring:{name}", kwargs={"round_slug": round_.slug, **kwargs})


@pytest.fixture
def panel(open_round, applicant, chair, staff_user):
    """The six bids of small_round and a second chair in conflict with Leeds (LP2-0002)."""
    _, _, bids = small_round(open_round, applicant)
    conflicted = make_user("conflicted.chair@local.gov.uk", permissions.PANEL_CHAIR, "Carl C")
    interests.update_interests(conflicted, organisations=[partner_organisation(bids["Leeds"])])
    assert conflicts.conflicted_bid_ids(conflicted, [b.pk for b in bids.values()]) == {
        bids["Leeds"].pk
    }
    return open_round, bids, conflicted


def test_a_chairs_conflict_hides_the_bid_from_every_selection_page(client, panel, chair):
    round_, bids, conflicted = panel
    sign_in_client(client, chair)
    figures, _, chair_page = ranking_figures(client, round_)
    assert "LP2-0002" in figures and "LP2-0002" in csv_rows(client, round_)
    assert "LP2-0002" in pdf_text(client, round_)
    assert "Ranked bids: 4" in chair_page

    sign_in_client(client, conflicted)
    figures, _, page = ranking_figures(client, round_)
    assert sorted(figures) == ["LP2-0001", "LP2-0003", "LP2-0004", "LP2-0005", "LP2-0006"]
    assert "LP2-0002" not in page and "Leeds" not in page
    assert "Ranked bids: 3" in page  # the count leaves it out too
    assert "LP2-0002" not in client.get(url("select_proposal", round_)).content.decode()
    assert sorted(csv_rows(client, round_)) == sorted(figures)
    report = pdf_text(client, round_)
    assert "LP2-0002" not in report and "Leeds" not in report
    assert "(5 eligible bids, 14 submitted assessments)" in report


def test_a_conflicted_chair_can_neither_open_nor_touch_the_bid(client, panel, chair):
    round_, bids, conflicted = panel
    leeds = bids["Leeds"]
    sign_in_client(client, conflicted)
    pages = [
        url("select_decide", round_, bid_pk=leeds.pk),
        url("select_pin", round_, bid_pk=leeds.pk),
        url("select_region", round_, bid_pk=leeds.pk),
        reverse("scoring:moderate_bid", kwargs={"bid_pk": leeds.pk}),
    ]
    # Reproduction 4: the same answer everywhere, as if the bid did not exist.
    assert [client.get(page).status_code for page in pages] == [404, 404, 404, 404]
    posted = client.post(pages[1], {"pinned": "out", "reason": "Not for us"})
    assert posted.status_code == 404
    assert client.post(pages[0], {"outcome": "reject", "feedback": "No"}).status_code == 404
    assert not SelectionPin.objects.exists()
    assert not Decision.objects.filter(bid=leeds).exists()
    # Accepting the proposed cohort decides only the bids that exist for them.
    selection.save_settings(chair, round_, SIZE_3)
    assert "LP2-0002" in selection.for_round(round_).proposal.selected
    response = client.post(url("select_accept_proposed", round_), follow=True)
    assert response.status_code == 200
    assert sorted(Decision.objects.values_list("bid__reference", flat=True)) == [
        "LP2-0001",
        "LP2-0003",
    ]
    assert "Accept recorded for 2 proposed bids" in response.content.decode()
    # The moderation dashboard leaves it out as well.
    dashboard = client.get(reverse("scoring:moderation")).content.decode()
    assert "LP2-0002" not in dashboard and "LP2-0001" in dashboard
    # Another chair sees and decides it.
    sign_in_client(client, chair)
    assert client.get(pages[0]).status_code == 200


def test_staff_see_who_is_in_conflict_on_the_ranking(client, panel, staff_user, chair):
    round_, bids, _ = panel
    sign_in_client(client, staff_user)
    page = client.get(
        reverse("scoring:setup_bid_assignment", args=[round_.slug, bids["Leeds"].pk])
    ).content.decode()
    assert (
        '<p class="govuk-body" id="in-conflict">Carl C: they do not see this bid in assessment '
        "or selection.</p>"
    ) in page
    _, texts, _ = ranking_figures(client, round_)
    assert "In conflict: Carl C" in texts["LP2-0002"]
    assert "In conflict" not in texts["LP2-0001"]
    sign_in_client(client, chair)
    _, texts, _ = ranking_figures(client, round_)
    assert "In conflict" not in texts["LP2-0002"]


# --- Reproduction 2: merging organisations keeps conflicts -------------------------------


@pytest.fixture
def liverpool(open_round):
    """Liverpool's bid, whose partner "Liverpool City Region Health Trust" was typed in,
    and a registry organisation that is no partner of it."""
    lead = applicant_for("Liverpool")
    typed = find_or_create_other("Liverpool City Region Health Trust", lead)
    answers = sample_answers("Liverpool", open_round)
    answers["partners"]["partners"].append(
        {
            "organisation_id": typed.pk,
            "name": typed.name,
            "kind": "other",
            "sponsor_name": "Dana Director",
            "sponsor_role": "Director of strategy",
            "contact_email": "dana@trust.example.org",
            "is_lead": False,
        }
    )
    bid = mark_eligible([make_bid(open_round, lead, "Liverpool", submitted=True, answers=answers)])[
        0
    ]
    assert BidPartner.objects.filter(bid=bid, organisation=typed).exists()
    registry = (
        Organisation.objects.filter(from_registry=True, merged_into__isnull=True)
        .exclude(bid_partnerships__bid=bid)
        .order_by("name")
        .first()
    )
    return bid, typed, registry


def merge_through_the_page(client, staff_user, duplicate, keep):
    sign_in_client(client, staff_user)
    merge = reverse("applications:staff_organisation_merge", kwargs={"pk": duplicate.pk})
    return client.post(merge, {"q": keep.name, "keep": keep.pk}, follow=True)


def test_a_merge_keeps_the_assessors_conflict(client, liverpool, staff_user, assessor):
    bid, typed, registry = liverpool
    interests.update_interests(assessor, organisations=[typed])
    assert conflicts.is_conflicted(assessor, bid)
    response = merge_through_the_page(client, staff_user, typed, registry)
    assert f"{typed.name} merged into {registry.name}" in response.content.decode()
    # Every reference moved: the bid's partner and the assessor's recorded organisation.
    assert BidPartner.objects.filter(bid=bid, organisation=registry).exists()
    assert not BidPartner.objects.filter(organisation=typed).exists()
    assert list(assessor.assessor_profile.organisations.all()) == [registry]
    assert conflicts.is_conflicted(assessor, bid)
    assert (bid.pk, assessor.pk) in conflicts.conflict_pairs([bid.pk], [assessor.pk])
    assert not assessor.has_perm("scoring.score_bid", bid)
    # Their interests page shows the organisation it now is.
    sign_in_client(client, assessor)
    page = client.get(reverse("scoring:interests")).content.decode()
    assert registry.name in page and typed.name not in page
    event = AuditEvent.objects.get(action="organisation.merged")
    assert event.new["moved"] == {
        "bid partners": 1,
        "assessor profiles (organisations)": 1,
    }


def test_an_assignment_that_becomes_a_conflict_is_removed_and_reported(
    client, liverpool, staff_user, assessor
):
    bid, typed, registry = liverpool
    interests.update_interests(assessor, organisations=[registry])
    assign(bid, assessor, staff=staff_user)
    response = merge_through_the_page(client, staff_user, typed, registry)
    page = response.content.decode()
    assert (
        f"{bid} was taken from Sam Assessor: {registry.name}, one of their organisations, "
        "is a partner of it"
    ) in page
    assert not Assignment.objects.filter(bid=bid, assessor=assessor).exists()
    removed = AuditEvent.objects.get(action="assignment.removed", bid=bid)
    assert removed.old["assessor"] == "Sam Assessor"
    merged = AuditEvent.objects.get(action="organisation.merged")
    assert merged.note.startswith(f"{bid} was taken from Sam Assessor")
    sign_in_client(client, assessor)
    assert client.get(reverse("scoring:score", kwargs={"bid_pk": bid.pk})).status_code == 404
