"""Creating the next round from this one: it copies exactly what the preview lists, its
dates are a year on, nothing is half-created when it is refused, and this cohort's
districts count as an earlier cohort for the new round's overlap checks."""

import datetime as dt

import pytest
from django.urls import reverse

from applications.denormalise import earlier_cohort_district_ids
from applications.models import Bid, District, Round
from applications.samples import make_bid, sample_answers
from cohorts.models import Cohort, CohortMember, EmailTemplate
from learning import next_round
from learning.models import RoundCopy
from reminders.models import ReminderSchedule, ReminderTemplate
from scoring.models import Criterion, SelectionSettings
from scoring.select.data import earlier_district_codes
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields
from tests.factories.scoring import criteria_for

pytestmark = pytest.mark.django_db


def form_data(values):
    """What a person posts on the next-round page for these values: dates in GOV.UK's day,
    month and year boxes."""
    data = {}
    for key, value in values.items():
        data.update(date_fields(key, value) if hasattr(value, "isoformat") else {key: value})
    return data


@pytest.fixture
def source(open_round, staff_user):
    """The open round 2 with criteria, selection settings naming a criterion in its
    tie-break rules, an edited decision email and a reminder template and schedule."""
    criteria = criteria_for(open_round, staff_user)
    SelectionSettings.objects.update_or_create(
        round=open_round,
        defaults={
            "size_min": 6,
            "size_max": 8,
            "max_per_region": 2,
            "max_overlap": 1,
            "tie_breaks": [["criterion_desc", criteria[1].pk], ["spread_asc"]],
        },
    )
    EmailTemplate.objects.update_or_create(
        round=open_round, kind="offer", defaults={"subject": "Your place", "body": "Dear {name}"}
    )
    ReminderTemplate.objects.update_or_create(
        round=open_round,
        kind="deadline_reminder",
        defaults={"subject": "Reminder", "body": "Closes {deadline}"},
    )
    ReminderSchedule.objects.update_or_create(round=open_round, defaults={"hours_before": [72, 24]})
    return open_round


def test_the_new_round_has_exactly_what_the_preview_listed(source, staff_user):
    values = next_round.defaults(source)
    preview = next_round.items(next_round.plan(source, values))
    new = next_round.create(source, staff_user, values)
    assert next_round.copied(new) == preview
    assert RoundCopy.objects.get(round=new).copied == preview
    # The preview is the whole of it, and what it says is right:
    assert preview["round"]["number"] == 3 and new.slug == "round-3"
    assert [c["name"] for c in preview["criteria"]] == [
        c.name for c in Criterion.objects.filter(round=source).order_by("position")
    ]
    assert sum(c["weight"] for c in preview["criteria"]) == 100
    new_criteria = list(Criterion.objects.filter(round=new).order_by("position"))
    settings = SelectionSettings.objects.get(round=new)
    assert settings.tie_breaks == [["criterion_desc", new_criteria[1].pk], ["spread_asc"]]
    assert preview["selection"]["tie_breaks"] == [
        f"Higher {new_criteria[1].name} score",
        "Smaller spread between assessors' totals",
    ]
    assert preview["decision_emails"] == [
        {"kind": "offer", "subject": "Your place", "body": "Dear {name}"}
    ]
    assert preview["reminder_hours"] == [72, 24]
    assert new.opens_at == source.opens_at.replace(year=source.opens_at.year + 1)
    assert new.programme_ends_on == source.programme_ends_on.replace(
        year=source.programme_ends_on.year + 1
    )
    assert Bid.objects.filter(round=new).count() == 0


def test_dates_overlapping_the_open_round_are_refused_and_nothing_is_made(
    client, source, staff_user, chair
):
    from tests.programme_helpers import announced_cohort

    announced_cohort(source, chair, staff_user, places=["Sheffield"])
    rounds, criteria = Round.objects.count(), Criterion.objects.count()
    sign_in_client(client, staff_user)
    url = reverse("learning:next_round", args=[source.slug])
    page = client.get(url).content.decode()
    assert "Preview: what is copied" in page
    values = next_round.defaults(source)
    data = form_data(values)
    data.update(date_fields("opens_on", dt.date.today()))
    fingerprint = next_round.fingerprint(
        next_round.plan(source, {**values, "opens_on": dt.date.today()})
    )
    response = client.post(url, {**data, "action": "create", "fingerprint": fingerprint})
    assert response.status_code == 200
    assert f"The new round&#x27;s dates overlap {source.name}" in response.content.decode()
    assert (Round.objects.count(), Criterion.objects.count()) == (rounds, criteria)
    assert not RoundCopy.objects.exists()
    # A preview that changed since it was shown is refused too.
    data = form_data(values)
    response = client.post(url, {**data, "action": "create", "fingerprint": "stale"})
    assert response.status_code == 200
    assert "changed since the preview was shown" in response.content.decode()
    assert Round.objects.count() == rounds
    response = client.post(
        url,
        {
            **data,
            "action": "create",
            "fingerprint": next_round.fingerprint(next_round.plan(source, values)),
        },
    )
    assert response.status_code == 302
    new = Round.objects.get(number=3)
    assert response["Location"] == reverse("learning:round_learnt", args=[new.slug])
    page = client.get(response["Location"]).content.decode()
    assert "What" in page and 'id="round-criteria"' in page


def test_the_new_round_sees_this_cohort_as_earlier(client, staff_user):
    from learning.pilots import load_round_one_learning
    from programme.pilots import load_round_one_programme

    load_round_one_programme()
    load_round_one_learning()
    round_one = Round.objects.get(number=1)
    values = next_round.defaults(round_one)
    # Round 1's dates a year on (2017) do not overlap anything.
    new = next_round.create(round_one, staff_user, values)
    pilots = set(
        CohortMember.districts.through.objects.filter(
            cohortmember__cohort__round=round_one
        ).values_list("district_id", flat=True)
    )
    assert pilots <= earlier_cohort_district_ids(new)
    assert "E06000023" in earlier_district_codes(new)  # Bristol, for the selection's limit
    answers = sample_answers("Sheffield", new)
    answers["geography"]["district_codes"] = ["E06000023"]
    bid = make_bid(new, staff_user, "Sheffield", answers=answers)
    assert bid.overlaps_earlier_cohort is True
    sign_in_client(client, staff_user)
    page = client.get(reverse("learning:round_learnt", args=[new.slug])).content.decode()
    assert f"including {len(pilots)} of the {len(pilots)} of" in page
    assert "Clear objectives and scope: 5 partnerships" in page
    # The round's criteria page (where staff set the criteria up) shows the same beside them.
    criteria_url = reverse("scoring:setup_criteria", args=[new.slug])
    criteria_page = client.get(criteria_url).content.decode()
    cohort_name = Cohort.objects.get(round=round_one).name
    assert f'<h2 class="govuk-heading-m" id="learnt-heading">What {cohort_name} learnt' in (
        criteria_page
    )
    assert "Clear objectives and scope: 5 partnerships" in criteria_page
    # A round made from scratch has no such panel.
    other = client.get(reverse("scoring:setup_criteria", args=[round_one.slug])).content.decode()
    assert "learnt-heading" not in other


def test_a_later_change_to_a_cohort_updates_the_flag_of_later_bids(open_round, staff_user):
    bid = make_bid(open_round, staff_user, "Sheffield")
    assert bid.overlaps_earlier_cohort is False
    pilot = Cohort.objects.get(round__number=1).members.get(partnership_name="Bristol")
    sheffield = District.objects.get(code="E08000019")
    pilot.districts.add(sheffield)  # the path cohorts.building takes for a new member
    bid.refresh_from_db()
    assert bid.overlaps_earlier_cohort is True
    pilot.districts.remove(sheffield)
    bid.refresh_from_db()
    assert bid.overlaps_earlier_cohort is False
