"""Ranking and selection pages: loader, ranking page, constraints, decisions, exports."""

import re

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import AuditEvent
from scoring.models import Decision, SelectionSettings
from scoring.rules.inputs import ConstraintError
from scoring.select import data as selection_data
from scoring.select import decisions, selection
from tests.factories.accounts import sign_in_client
from tests.factories.scoring import screen_ineligible
from tests.select_helpers import bulk_round, small_round

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def row_refs(page, table_id):
    """The references heading each row of a table, in order."""
    table = page.split(f'id="{table_id}"')[1].split("</table>")[0]
    return re.findall(
        r'<th scope="row" class="govuk-table__header[^"]*">(?:<span[^>]*>)?(LP2-\d{4})', table
    )


@pytest.fixture
def small(open_round, applicant):
    criteria, assessors, bids = small_round(open_round, applicant)
    return open_round, bids


def url(name, round_, **kwargs):
    return reverse(f"scoring:{name}", kwargs={"round_slug": round_.slug, **kwargs})


# --- Loader ------------------------------------------------------------------------------


def test_loader_reads_plain_inputs(small):
    round_, bids = small
    data = selection_data.load(round_)
    assert [b.reference for b in data.bids] == [
        "LP2-0001",
        "LP2-0002",
        "LP2-0003",
        "LP2-0004",
        "LP2-0005",
        "LP2-0006",
    ]
    liverpool = data.bids[2]
    assert liverpool.region == "North West"
    assert liverpool.districts == frozenset({"E08000012"})
    assert sorted(tuple(a.scores.values()) for a in liverpool.assessments) == [
        (3, 4, 4, 4, 4),
        (4, 4, 4, 4, 4),
        (5, 4, 4, 4, 4),
    ]
    assert data.rules().quota == 3
    assert data.rules().quality_threshold == 60.0
    assert data.constraints().size_min == 8


def test_loader_query_count_is_fixed(open_round):
    bulk_round(open_round, 3)
    with CaptureQueriesContext(connection) as small_run:
        assert len(selection_data.load(open_round).bids) == 3
    bulk_round(open_round, 27, start=3)
    with CaptureQueriesContext(connection) as large_run:
        assert len(selection_data.load(open_round).bids) == 30
    assert len(small_run) == len(large_run) == 13  # issue 11: + 2 for conflicted assessors


# --- Ranking page ------------------------------------------------------------------------


def test_ranking_page_order_rules_and_excluded(client, small, chair):
    round_, _ = small
    sign_in_client(client, chair)
    response = client.get(url("select_ranking", round_))
    assert response.status_code == 200
    page = text(response)
    assert row_refs(page, "ranking") == ["LP2-0001", "LP2-0002", "LP2-0003", "LP2-0004"]
    assert "Rank 1: 100.0%; no other bid has the same total" in page
    assert (
        "Rank 2: 80.0%, tied with LP2-0003 on 80.0%; placed higher on a smaller spread "
        "between assessors (0.0 against 12.0 points)" in page
    )
    assert (
        "Rank 3: 80.0%, tied with LP2-0002 on 80.0%; placed lower on a larger spread "
        "between assessors (12.0 against 0.0 points)" in page
    )
    assert "Rank 4: 60.0%; no other bid has the same total" in page
    assert row_refs(page, "excluded") == ["LP2-0005", "LP2-0006"]
    assert "Below the minimum for Strength of partnership (2.0 of 3)" in page
    assert "2 of 3 assessments submitted" in page
    rules = page.split("How ties are broken")[1].split("</ol>")[0]
    assert re.findall(r"<li>(.*?)</li>", rules) == [
        "Higher Strength of partnership score",
        "Smaller spread between assessors&#x27; totals",
        "Earlier first submission",
        "Reference, in alphabetical order",
    ]
    assert 'role="img"' in page and "Scores given for Place and geography" in page


def test_ranking_filters_and_sorting(client, small, chair):
    round_, _ = small
    sign_in_client(client, chair)
    page = text(client.get(url("select_ranking", round_), {"region": "Yorkshire and The Humber"}))
    assert row_refs(page, "ranking") == ["LP2-0001", "LP2-0002"]
    page = text(client.get(url("select_ranking", round_), {"sort": "total_asc"}))
    assert row_refs(page, "ranking") == ["LP2-0004", "LP2-0002", "LP2-0003", "LP2-0001"]
    page = text(client.get(url("select_ranking", round_), {"status": "incomplete"}))
    assert row_refs(page, "excluded") == ["LP2-0006"]


@pytest.mark.parametrize("n", [3, 60])
def test_ranking_page_query_count_is_fixed(client, open_round, chair, staff_user, n):
    bulk_round(open_round, n)
    # Session, user, two-factor device, groups, round; the inputs' fingerprint, the stored
    # selection's summary; the filter's regions; the bids the viewer is in conflict with (2);
    # the count and one page of each table; the decisions of the rows shown; for staff + 2
    # for who is in conflict with each bid shown.
    for person, expected in ((chair, 15), (staff_user, 17)):
        sign_in_client(client, person)
        client.get(url("select_ranking", open_round))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url("select_ranking", open_round))
        assert response.status_code == 200
        assert len(captured) == expected


# --- Constraints -------------------------------------------------------------------------


def constraints_post(**changes):
    data = {
        "size_min": "3",
        "size_max": "",
        "max_per_region": "",
        "min_regions": "",
        "max_overlap": "",
        "quality_threshold": "60",
        "calibrate": "no",
        "tie_break_1": "spread_asc",
        "tie_break_2": "",
        "tie_break_3": "",
    }
    data.update(changes)
    return data


def test_constraints_save_and_audit(client, small, chair):
    round_, _ = small
    sign_in_client(client, chair)
    response = client.post(url("select_constraints", round_), constraints_post(max_per_region="1"))
    assert response.status_code == 302
    settings = SelectionSettings.objects.get(round=round_)
    assert (settings.size_min, settings.max_per_region, settings.tie_breaks) == (
        3,
        1,
        [["spread_asc"]],
    )
    event = AuditEvent.objects.get(action="selection.settings_changed")
    assert event.old is None
    assert event.new["max_per_region"] == 1
    page = text(client.get(url("select_proposal", round_)))
    assert row_refs(page, "proposed") == ["LP2-0001", "LP2-0003", "LP2-0004"]
    assert (
        "Not proposed: Yorkshire and The Humber already has 1 proposed bid with a higher score "
        "(100.0%); this bid scores 80.0%" in page
    )


def test_constraints_threshold_out_of_range(client, small, chair):
    round_, _ = small
    sign_in_client(client, chair)
    response = client.post(
        url("select_constraints", round_), constraints_post(quality_threshold="120")
    )
    assert response.status_code == 200
    page = text(response)
    assert (
        '<a href="#id_quality_threshold">Enter a quality threshold between 0% and 100%</a>' in page
    )
    assert not SelectionSettings.objects.exists()


def test_constraints_contradiction_names_the_constraint(client, open_round, chair):
    regions = [
        "East Midlands",
        "London",
        "North East",
        "North West",
        "South East",
        "South West",
    ]
    bulk_round(open_round, 12, regions=regions)
    sign_in_client(client, chair)
    response = client.post(
        url("select_constraints", open_round), constraints_post(size_min="8", max_per_region="1")
    )
    assert response.status_code == 200
    assert (
        '<a href="#id_max_per_region">No cohort of 8 is possible with at most 1 bid per region: '
        "only 6 regions have eligible bids. Any one of these changes makes a cohort possible: "
        "allowing 2 bids per region; a cohort size of 6.</a>" in text(response)
    )
    assert not SelectionSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="selection.settings_changed").exists()


def test_pin_that_breaks_the_constraints_is_refused(small, chair):
    round_, bids = small
    selection.save_settings(chair, round_, {**_values(), "size_min": 3, "max_per_region": 1})
    with pytest.raises(ConstraintError) as error:
        selection.set_pin(chair, bids["Nottingham"], "in", "Local priority")
    assert error.value.message == (
        "LP2-0005 cannot be pinned in: below the minimum for Strength of partnership (2.0 of 3)"
    )
    selection.set_pin(chair, bids["Leeds"], "in", "Panel view")
    proposal = selection.for_round(round_).proposal
    assert proposal.selected == ("LP2-0002", "LP2-0003", "LP2-0004")
    assert AuditEvent.objects.get(action="selection.pin_changed").new == {
        "pinned": "in",
        "reason": "Panel view",
    }


def _values(**changes):
    values = {
        "size_min": 3,
        "size_max": None,
        "max_per_region": None,
        "min_regions": None,
        "max_overlap": None,
        "quality_threshold": 60,
        "tie_breaks": [],
        "calibrate": False,
    }
    values.update(changes)
    return values


def test_region_override_is_audited_and_used(small, chair):
    round_, bids = small
    from applications.models import Region

    london = Region.objects.get(name="London")
    selection.set_region(chair, bids["Leeds"], london, "The partnership works from London")
    info = selection_data.load(round_).info["LP2-0002"]
    assert (info.region, info.region_reason) == (
        "London",
        "Set by the chair: The partnership works from London",
    )
    assert AuditEvent.objects.get(action="selection.region_changed").new == {
        "region": "London",
        "reason": "The partnership works from London",
    }


# --- Decisions ---------------------------------------------------------------------------


def test_feedback_required_for_reject_and_reserve(small, chair):
    _, bids = small
    for outcome in ("reject", "reserve"):
        with pytest.raises(decisions.ValidationError) as error:
            decisions.record_decision(chair, bids["Leeds"], outcome, "  ")
        assert error.value.message_dict == {"feedback": ["Enter feedback for the applicant"]}
    assert not Decision.objects.exists()


def test_decisions_refused_on_ineligible_and_unassessed_bids(small, chair):
    round_, bids = small
    screen_ineligible(bids["Leeds"])
    with pytest.raises(decisions.ValidationError) as error:
        decisions.record_decision(chair, bids["Leeds"], "accept")
    assert error.value.messages == [
        "LP2-0002 cannot have a decision: it has not been screened eligible"
    ]
    with pytest.raises(decisions.ValidationError) as error:
        decisions.record_decision(chair, bids["Hull"], "reject", "Not enough evidence")
    assert error.value.messages == [
        "LP2-0006 cannot have a decision until it is fully assessed: 2 of 3 assessments submitted"
    ]
    with pytest.raises(decisions.ValidationError) as error:
        decisions.record_decision(chair, bids["Nottingham"], "accept")
    assert error.value.message_dict == {
        "outcome": [
            "LP2-0005 cannot be accepted: below the minimum for Strength of partnership (2.0 of 3)"
        ]
    }
    decisions.record_decision(chair, bids["Nottingham"], "reject", "Below the minimum")
    assert Decision.objects.get().outcome == "reject"


def test_reserve_list_stays_contiguous_and_audited(small, chair):
    _, bids = small
    decisions.record_decision(chair, bids["Leeds"], "reserve", "Strong bid")
    decisions.record_decision(chair, bids["Liverpool"], "reserve", "Strong bid", 1)
    decisions.record_decision(chair, bids["Birmingham"], "reserve", "Close to the line")

    def positions():
        return list(
            Decision.objects.order_by(
                F("reserve_position").asc(nulls_first=True), "bid__reference"
            ).values_list("bid__reference", "reserve_position")
        )

    assert positions() == [("LP2-0003", 1), ("LP2-0002", 2), ("LP2-0004", 3)]
    decisions.record_decision(chair, bids["Liverpool"], "accept")
    assert positions()[-2:] == [("LP2-0002", 1), ("LP2-0004", 2)]
    assert Decision.objects.get(bid=bids["Liverpool"]).reserve_position is None
    with pytest.raises(decisions.ValidationError) as error:
        decisions.record_decision(chair, bids["Sheffield"], "reserve", "Reserve", 4)
    assert error.value.message_dict == {
        "reserve_position": ["Enter a reserve position between 1 and 3"]
    }
    event = (
        AuditEvent.objects.filter(action="decision.recorded", bid=bids["Liverpool"])
        .order_by("pk")
        .last()
    )
    assert event.old == {"outcome": "reserve", "reserve_position": 1, "feedback": "Strong bid"}
    assert event.new == {"outcome": "accept", "reserve_position": None, "feedback": ""}
    moved = AuditEvent.objects.filter(action="decision.reserve_moved", bid=bids["Leeds"]).order_by(
        "pk"
    )
    assert [(e.old["reserve_position"], e.new["reserve_position"]) for e in moved] == [
        (1, 2),
        (2, 1),
    ]


def test_released_decision_changes_only_after_reopening(small, chair, staff_user):
    from django.utils import timezone

    _, bids = small
    decision = decisions.record_decision(chair, bids["Leeds"], "accept")
    Decision.objects.filter(pk=decision.pk).update(
        released_at=timezone.now(), released_by=staff_user
    )
    with pytest.raises(decisions.ValidationError) as error:
        decisions.record_decision(chair, bids["Leeds"], "reject", "Changed our mind")
    assert error.value.messages == [
        "LP2-0002's decision has been released to the applicant. Programme staff must reopen "
        "it before it can change."
    ]
    with pytest.raises(decisions.PermissionDenied):
        decisions.reopen_decision(chair, Decision.objects.get(), "Mistake")
    decisions.reopen_decision(staff_user, Decision.objects.get(), "The panel made a mistake")
    event = AuditEvent.objects.get(action="decision.reopened")
    assert (event.note, event.new["released_at"]) == ("The panel made a mistake", None)
    decisions.record_decision(chair, bids["Leeds"], "reject", "Changed our mind")
    assert Decision.objects.get().outcome == "reject"
    assert list(
        Decision.history.filter(bid=bids["Leeds"])
        .order_by("history_id")
        .values_list("outcome", "history_user__email")
    ) == [
        ("accept", "chair@local.gov.uk"),
        ("accept", "staff@local.gov.uk"),
        ("reject", "chair@local.gov.uk"),
    ]


def test_accept_the_proposed_cohort(client, small, chair):
    round_, bids = small
    selection.save_settings(chair, round_, _values(size_min=3))
    decisions.record_decision(chair, bids["Leeds"], "reserve", "Reserve")
    sign_in_client(client, chair)
    response = client.post(url("select_accept_proposed", round_), follow=True)
    assert sorted(Decision.objects.values_list("bid__reference", "outcome")) == [
        ("LP2-0001", "accept"),
        ("LP2-0002", "reserve"),
        ("LP2-0003", "accept"),
    ]
    assert "Accept recorded for 2 proposed bids; LP2-0002 already had a decision" in text(response)


def test_decision_page_shows_errors(client, small, chair):
    round_, bids = small
    sign_in_client(client, chair)
    response = client.post(
        url("select_decide", round_, bid_pk=bids["Leeds"].pk), {"outcome": "reject", "feedback": ""}
    )
    assert response.status_code == 200
    assert '<a href="#id_feedback">Enter feedback for the applicant</a>' in text(response)
    response = client.post(
        url("select_decide", round_, bid_pk=bids["Leeds"].pk),
        {"outcome": "reject", "feedback": "<b>Not</b> this time", "next": "ranking"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("select_ranking", round_)


# --- Exports and permissions -------------------------------------------------------------


def test_csv_header_and_row(client, small, chair):
    round_, bids = small
    decisions.record_decision(chair, bids["Sheffield"], "accept")
    sign_in_client(client, chair)
    response = client.get(url("select_csv", round_))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Rank,Raw rank,Reference,Bid,Region,Theme,Strength of partnership (30%),"
        "Place and geography (20%),Ambition and clarity of the challenge (20%),"
        "Deliverability within the programme (15%),Outcomes and public value (15%),"
        "Spread (points),Raw total,Calibrated total,Status,Reason listed separately,"
        "Proposed,Explanation,Marginal,Decision,Reserve position"
    )
    assert lines[1] == (
        "1,,LP2-0001,Sheffield,Yorkshire and The Humber,Economic growth,5.0,5.0,5.0,5.0,5.0,"
        "0.0,100.0%,,Ranked,,No,Not proposed: no cohort could be proposed. No cohort of 8 is "
        "possible: only 4 of the 6 bids screened eligible can be proposed; the other 2 cannot: "
        "LP2-0005 (below the minimum for Strength of partnership (2.0 of 3)) and LP2-0006 "
        "(2 of 3 assessments submitted). This change makes a cohort possible: a cohort size "
        "of 4.,,Accept,"
    )


def test_pdf_report(client, small, chair):
    round_, _ = small
    sign_in_client(client, chair)
    response = client.get(url("select_pdf", round_))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pages_are_for_chairs_and_staff(client, small, applicant, assessor, staff_user):
    round_, bids = small
    chair_only = [
        url("select_constraints", round_),
        url("select_decide", round_, bid_pk=bids["Leeds"].pk),
        url("select_pin", round_, bid_pk=bids["Leeds"].pk),
        url("select_region", round_, bid_pk=bids["Leeds"].pk),
    ]
    viewing = [
        url("select_ranking", round_),
        url("select_proposal", round_),
        url("select_csv", round_),
    ]
    for user in (applicant, assessor):
        sign_in_client(client, user)
        for address in chair_only + viewing:
            assert client.get(address).status_code == 403, address
        assert client.post(url("select_accept_proposed", round_)).status_code == 403
    sign_in_client(client, staff_user)
    for address in viewing:
        assert client.get(address).status_code == 200, address
    for address in chair_only:
        assert client.get(address).status_code == 403, address
    assert client.post(url("select_accept_proposed", round_)).status_code == 403
    assert not Decision.objects.exists()


def test_menu_and_home_links(client, chair, open_round):
    sign_in_client(client, chair)
    page = text(client.get(reverse("accounts:home")))
    assert "Ranking and selection" in page
    assert reverse("scoring:select_home") in page


def test_staff_reopen_decision_page(client, small, chair, staff_user):
    from django.utils import timezone

    round_, bids = small
    decision = decisions.record_decision(chair, bids["Leeds"], "accept")
    Decision.objects.filter(pk=decision.pk).update(released_at=timezone.now())
    sign_in_client(client, chair)
    page = text(client.get(url("select_proposal", round_)))
    assert "Accept (released)" in page
    assert url("select_decide", round_, bid_pk=bids["Leeds"].pk) not in page
    assert client.get(url("select_reopen", round_, bid_pk=bids["Leeds"].pk)).status_code == 403
    sign_in_client(client, staff_user)
    address = url("select_reopen", round_, bid_pk=bids["Leeds"].pk)
    assert address in text(client.get(url("select_proposal", round_)))
    response = client.post(address, {"reason": ""})
    assert '<a href="#id_reason">Enter a reason for reopening the decision</a>' in text(response)
    response = client.post(address, {"reason": "Wrong bid accepted"}, follow=True)
    assert "The decision on LP2-0002 is reopened: the chair can change it" in text(response)
    assert Decision.objects.get().released_at is None
    assert client.get(address).status_code == 404
