"""Issue 14: the stored selection's key changes with every kind of input, changed through the
product's own functions, so the ranking page shows the change on the very next request; and
the page's tables are paginated, filtered and sorted in the database."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from applications import denormalise
from applications.models import Bid, Region
from scoring.models import SelectionInputChange, StoredSelection
from scoring.select import inputs, selection
from scoring.setup import interests
from tests.factories.accounts import sign_in_client
from tests.factories.bulk import bulk_round
from tests.factories.scoring import (
    assign,
    partner_organisation,
    screen_ineligible,
    submitted_assessment,
)
from tests.factories.selection import FOURS, decide, small_round

pytestmark = pytest.mark.django_db


def table(html, name):
    return html.split(f'id="{name}"')[1].split("</table>")[0]


def refs(response, name="ranking"):
    body = table(response.content.decode(), name)
    return re.findall(
        r'<th scope="row" class="govuk-table__header[^"]*">(?:<span[^>]*>)?([A-Z0-9-]+)', body
    )


def row(response, reference, name="ranking"):
    body = table(response.content.decode(), name)
    return body.split(f">{reference}<", 1)[1].split("</tr>")[0]


@pytest.fixture
def ranking(client, open_round, applicant, chair):
    criteria, assessors, bids = small_round(open_round, applicant)
    sign_in_client(client, chair)
    url = reverse("scoring:select_ranking", kwargs={"round_slug": open_round.slug})

    def get(**query):
        return client.get(url, query)

    assert refs(get()) == ["LP2-0001", "LP2-0002", "LP2-0003", "LP2-0004"]
    assert refs(get(), "excluded") == ["LP2-0005", "LP2-0006"]
    get.criteria, get.assessors, get.bids, get.round = criteria, assessors, bids, open_round
    return get


def stored_count(round_):
    return StoredSelection.objects.filter(round=round_).count()


def test_the_same_inputs_reuse_the_stored_selection(ranking):
    before = stored_count(ranking.round)
    fingerprint = inputs.fingerprint()
    ranking()
    ranking(sort="reference")
    assert stored_count(ranking.round) == before
    assert inputs.fingerprint() == fingerprint


def test_a_pin_is_shown_on_the_next_request(ranking, chair):
    selection.set_pin(chair, ranking.bids["Birmingham"], "in", "A new kind of partnership")
    assert "Pinned in" in row(ranking(), "LP2-0004")


def test_a_region_override_is_shown_on_the_next_request(ranking, chair):
    london = Region.objects.get(name="London")
    selection.set_region(chair, ranking.bids["Leeds"], london, "The partnership works from London")
    assert "Set by the chair: The partnership works from London" in row(ranking(), "LP2-0002")
    assert refs(ranking(region="London")) == ["LP2-0002"]


def test_changed_settings_are_used_on_the_next_request(ranking, chair):
    values = dict.fromkeys(selection.SETTINGS_FIELDS)
    values.update(size_min=1, quality_threshold=Decimal("70"), tie_breaks=[], calibrate=False)
    selection.save_settings(chair, ranking.round, values)
    response = ranking()
    assert refs(response) == ["LP2-0001", "LP2-0002", "LP2-0003"]
    assert refs(response, "excluded") == ["LP2-0005", "LP2-0004", "LP2-0006"]


def test_a_bid_screened_out_leaves_the_ranking_on_the_next_request(ranking):
    screen_ineligible(ranking.bids["Leeds"])
    assert refs(ranking()) == ["LP2-0001", "LP2-0003", "LP2-0004"]


def test_a_new_assessment_completes_a_bid_on_the_next_request(ranking, make_user):
    from accounts import permissions

    fourth = make_user("assessor4@uni.ac.uk", permissions.ASSESSOR, "Assessor 4")
    interests.update_interests(fourth, organisations=[])
    [made] = assign(ranking.bids["Hull"], fourth)
    submitted_assessment(made, ranking.criteria, FOURS)
    response = ranking()
    assert "LP2-0006" in refs(response)  # Hull, 80.0%, now fully assessed
    assert refs(response, "excluded") == ["LP2-0005"]


def test_an_assessor_in_conflict_stops_counting_on_the_next_request(ranking):
    # Assessor 1 now works for one of Leeds's partners: their assessment no longer counts.
    interests.update_interests(
        ranking.assessors[0], organisations=[partner_organisation(ranking.bids["Leeds"])]
    )
    response = ranking()
    assert "LP2-0002" not in refs(response)
    assert "2 of 3 assessments submitted" in row(response, "LP2-0002", "excluded")


def test_a_changed_place_name_is_shown_on_the_next_request(ranking):
    bid = ranking.bids["Leeds"]
    answers = {s.step: s.data for s in bid.sections.all()}
    answers["geography"] = {**answers["geography"], "place_name": "Leeds City Region"}
    denormalise.refresh_from_answers(bid, answers)
    assert "Leeds City Region" in row(ranking(), "LP2-0002")


def test_bids_added_in_bulk_are_shown_on_the_next_request(ranking):
    # bulk_create sends no signals: the fingerprint's largest ids catch the new rows.
    last = SelectionInputChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    bulk_round(ranking.round, 2)
    bulk = ("applications.Bid", "scoring.Assessment", "scoring.Score")
    assert not SelectionInputChange.objects.filter(pk__gt=last, what__in=bulk).exists()
    assert {"BLK-0000", "BLK-0001"} <= set(refs(ranking()))


def test_a_decision_changes_no_input(ranking, chair):
    fingerprint = inputs.fingerprint()
    decide(chair, ranking.bids["Birmingham"], "reserve", "Close to the line.", reserve_position=1)
    assert inputs.fingerprint() == fingerprint
    assert "Reserve list, position 1" in row(ranking(), "LP2-0004")


def test_signing_in_changes_no_input(client, ranking, chair):
    fingerprint = inputs.fingerprint()
    sign_in_client(client, chair)
    assert inputs.fingerprint() == fingerprint


def test_the_tables_are_paginated_filtered_and_sorted_in_the_database(client, open_round, chair):
    bulk_round(open_round, 60)
    sign_in_client(client, chair)
    url = reverse("scoring:select_ranking", kwargs={"round_slug": open_round.slug})
    first = client.get(url)
    ranked = refs(first)
    assert len(ranked) == 50
    assert "Ranked bids: 60, showing 1 to 50" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(refs(second)) == 10
    assert set(ranked).isdisjoint(refs(second))
    by_reference = client.get(url, {"sort": "reference", "page": 2})
    assert refs(by_reference) == [f"BLK-{i:04d}" for i in range(50, 60)]
    lowest = client.get(url, {"sort": "total_asc"})
    totals = [
        Decimal(t)
        for t in re.findall(r"lp-nowrap\">(\d+\.\d)%", table(lowest.content.decode(), "ranking"))
    ]
    assert len(totals) == 50 and totals == sorted(totals)
    assert Bid.objects.filter(round=open_round).count() == 60


def chart_total(response, criterion):
    body = response.content.decode().split(f"Scores given for {criterion}</caption>")[1]
    body = body.split("</table>")[0]
    return sum(int(n) for n in re.findall(r"govuk-table__cell--numeric\">(\d+)<", body))


def test_a_viewer_in_conflict_sees_the_stored_rows_without_the_bid(client, ranking, chair):
    from accounts import permissions
    from tests.factories.accounts import make_user

    conflicted = make_user("conflicted.chair@local.gov.uk", permissions.PANEL_CHAIR, "Carl C")
    interests.update_interests(
        conflicted, organisations=[partner_organisation(ranking.bids["Leeds"])]
    )
    chairs_page = ranking()
    assert "tied with LP2-0002 on 80.0%" in row(chairs_page, "LP2-0003")
    assert chart_total(chairs_page, "Strength of partnership") == 17
    stored = stored_count(ranking.round)
    sign_in_client(client, conflicted)
    theirs = ranking()
    assert stored_count(ranking.round) == stored  # the same stored selection, seen by them
    assert refs(theirs) == ["LP2-0001", "LP2-0003", "LP2-0004"]
    assert "LP2-0002" not in theirs.content.decode()
    assert "tied with another bid on 80.0%" in row(theirs, "LP2-0003")
    # Leeds's three assessments are taken out of the charts: 14 of the 17.
    assert chart_total(theirs, "Strength of partnership") == 14
