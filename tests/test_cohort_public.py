import datetime as dt
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from applications.constants import Theme
from applications.models import AuditEvent, District, Organisation, Region
from cohorts import building, offers, outbox, release
from cohorts.models import Cohort, CohortMember, Offer
from cohorts.rules import is_published
from core.dates import LONDON, format_datetime
from tests.cohort_helpers import STANDARD, applicant_for, decided_bids, in_days
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(open_round, staff_user, chair):
    """Round 2's cohort: Sheffield and Leeds accepted and added."""
    bids = decided_bids(open_round, chair, STANDARD)
    release.release_decisions(open_round, staff_user, reply_by=in_days(14))
    outbox.queue(open_round, actor=staff_user)
    for place in ("Sheffield", "Leeds"):
        offers.respond(Offer.objects.get(bid=bids[place]), applicant_for(place), accept=True)
    added = building.add_accepted(open_round, staff_user)
    assert [m.partnership_name for m in added] == ["Sheffield", "Leeds"]
    cohort = Cohort.objects.get(round=open_round)
    building.update_details(
        cohort,
        staff_user,
        name="Leading Places round 2 partnerships",
        starts_on=dt.date(2027, 6, 1),
        introduction="Eight partnerships <and> their challenges.",
    )
    cohort.refresh_from_db()
    return cohort


def test_members_copy_the_latest_submitted_answers(built, staff_user):
    member = built.members.get(partnership_name="Sheffield")
    assert member.place_name == "Sheffield"
    assert member.theme == Theme.ECONOMIC_GROWTH
    assert member.challenge_title == "A shared priority challenge for Sheffield"
    assert member.challenge_summary.startswith("Our partnership brings the council")
    assert member.region.name == "Yorkshire and The Humber"
    assert sorted(member.organisations.values_list("name", flat=True)) == [
        "Sheffield",
        "Sheffield Hallam University",
        "The University of Sheffield",
    ]
    assert list(member.districts.values_list("code", flat=True)) == ["E08000019"]
    # Adding again adds nobody twice.
    assert building.add_accepted(built.round, staff_user) == []
    building.set_note(member, staff_user, "Chief executive changes in June")
    member.refresh_from_db()
    assert member.note == "Chief executive changes in June"
    assert AuditEvent.objects.filter(action="cohort.note_changed").count() == 1


def test_publishing_an_empty_cohort_is_refused(open_round, staff_user):
    cohort = building.cohort_for(open_round)
    with pytest.raises(building.CohortError) as error:
        building.schedule(cohort, staff_user, in_days(1))
    assert error.value.message == (
        "You cannot publish a cohort with no members: add the accepted partnerships first"
    )
    cohort.refresh_from_db()
    assert cohort.publish_at is None


def test_scheduling_in_the_past_is_refused(built, staff_user, client):
    sign_in_client(client, staff_user)
    yesterday = timezone.localtime(in_days(-1), LONDON)
    response = client.post(
        f"/cohorts/manage/{built.round.slug}/cohort/schedule/",
        {**date_fields("publish_on", yesterday.date()), "publish_time": "10:00"},
    )
    assert response.status_code == 200
    assert "The publication time must be in the future" in response.content.decode()
    built.refresh_from_db()
    assert built.publish_at is None


def test_embargo_by_the_clock(built, staff_user):
    ten_am = dt.datetime(2030, 5, 10, 10, 0, tzinfo=LONDON)
    building.schedule(built, staff_user, ten_am, now=ten_am - dt.timedelta(days=2))
    built.refresh_from_db()
    anonymous = AnonymousUser()
    assert is_published(built, ten_am - dt.timedelta(seconds=1)) is False
    assert is_published(built, ten_am) is True
    # Before its time: staff see a preview, nobody else.
    assert anonymous.has_perm("cohorts.see_cohort", built) is False
    assert staff_user.has_perm("cohorts.see_cohort", built) is True


URLS = ["", "announcement.pdf", "cohort.csv", "cohort.json"]


def test_public_pages_404_before_publication_except_for_staff(built, staff_user, client):
    Cohort.objects.filter(pk=built.pk).update(publish_at=timezone.now() + dt.timedelta(hours=1))
    for suffix in URLS:
        assert client.get(f"/cohorts/round-2/{suffix}").status_code == 404, suffix
    applicant = applicant_for("Sheffield")
    sign_in_client(client, applicant)
    assert client.get("/cohorts/round-2/").status_code == 404
    assert "round 2" not in client.get("/cohorts/").content.decode()

    sign_in_client(client, staff_user)
    page = client.get("/cohorts/round-2/")
    assert page.status_code == 200
    publish_at = Cohort.objects.get(pk=built.pk).publish_at
    assert f"Preview: not published until {format_datetime(publish_at)}" in page.content.decode()
    assert page["Cache-Control"] == "no-store"


def test_public_pages_open_at_publication(built, client):
    Cohort.objects.filter(pk=built.pk).update(publish_at=timezone.now() - dt.timedelta(seconds=1))
    page = client.get("/cohorts/round-2/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Preview" not in text
    assert "Eight partnerships &lt;and&gt; their challenges." in text
    assert "A shared priority challenge for Leeds" in text
    assert "Sheffield Hallam University" in text
    hexagon = 'fill="{}" stroke="#ffffff" stroke-width="1" data-code="{}"'
    assert hexagon.format("#1d70b8", "E08000019") in text  # this cohort
    assert hexagon.format("#b1b4b6", "E08000021") in text  # round 1's Newcastle
    assert hexagon.format("#f3f2f1", "E08000025") in text  # Birmingham: in no cohort
    pdf = client.get("/cohorts/round-2/announcement.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    listing = client.get("/cohorts/").content.decode()
    assert "Leading Places round 2 partnerships" in listing
    assert "Leading Places pilot partnerships 2016–17" in listing


def test_csv_content(built, client):
    Cohort.objects.filter(pk=built.pk).update(publish_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/cohorts/round-2/cohort.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="leading-places-round-2-cohort.csv"'
    )
    assert response.content.decode("utf-8") == (
        "\ufeffpartnership,place,region,region_code,theme,title,organisations,"
        "organisation_codes,districts,district_codes\r\n"
        "Sheffield,Sheffield,Yorkshire and The Humber,E12000003,Economic growth,"
        "A shared priority challenge for Sheffield,"
        "Sheffield; Sheffield Hallam University; The University of Sheffield,"
        "E08000019; UKPRN 10005790; UKPRN 10007157,Sheffield,E08000019\r\n"
        "Leeds,Leeds,Yorkshire and The Humber,E12000003,Public service reform,"
        "A shared priority challenge for Leeds,"
        "Leeds; Leeds Beckett University; University of Leeds,"
        "E08000035; UKPRN 10003861; UKPRN 10007795,Leeds,E08000035\r\n"
    )


def test_json_content(built, client):
    publish_at = timezone.now() - dt.timedelta(seconds=1)
    Cohort.objects.filter(pk=built.pk).update(publish_at=publish_at)
    data = json.loads(client.get("/cohorts/round-2/cohort.json").content)
    assert data["cohort"] == "Leading Places round 2 partnerships"
    assert data["round"] == 2
    assert data["starts_on"] == "2027-06-01"
    assert data["published_at"] == publish_at.isoformat()
    assert data["partnerships"][1] == {
        "partnership": "Leeds",
        "place": "Leeds",
        "region": {"name": "Yorkshire and The Humber", "code": "E12000003"},
        "theme": "Public service reform",
        "theme_code": "public_service_reform",
        "title": "A shared priority challenge for Leeds",
        "summary": data["partnerships"][1]["summary"],
        "organisations": [
            {
                "name": "Leeds",
                "registry_name": "Leeds",
                "kind": "council",
                "ons_code": "E08000035",
                "ukprn": None,
            },
            {
                "name": "Leeds Beckett University",
                "registry_name": "Leeds Beckett University",
                "kind": "hei",
                "ons_code": None,
                "ukprn": "10003861",
            },
            {
                "name": "University of Leeds",
                "registry_name": "University of Leeds",
                "kind": "hei",
                "ons_code": None,
                "ukprn": "10007795",
            },
        ],
        "districts": [{"name": "Leeds", "code": "E08000035"}],
    }
    assert data["partnerships"][1]["summary"].startswith("Our partnership brings")
    assert [p["partnership"] for p in data["partnerships"]] == ["Sheffield", "Leeds"]


def make_members(round_, count):
    cohort = Cohort.objects.create(
        round=round_, name="Round 2", publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    region = Region.objects.first()
    districts = list(District.objects.order_by("code")[:count])
    organisations = list(Organisation.objects.order_by("pk")[: count * 2])
    for index in range(count):
        member = CohortMember.objects.create(
            cohort=cohort,
            partnership_name=f"Partnership {index:03d}",
            place_name=f"Place {index}",
            theme=Theme.ECONOMIC_GROWTH,
            challenge_title=f"Challenge {index}",
            region=region,
            position=index,
        )
        member.districts.set([districts[index % len(districts)]])
        member.organisations.set(organisations[index * 2 : index * 2 + 2])
    return cohort


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("suffix", ["", "cohort.csv", "cohort.json"])
def test_public_page_queries_do_not_grow(
    open_round, client, django_assert_num_queries, count, suffix
):
    make_members(open_round, count)
    with django_assert_num_queries(5 if suffix == "" else 4):
        response = client.get(f"/cohorts/round-2/{suffix}")
    assert response.status_code == 200
    if suffix == "":
        assert response.content.decode().count('class="govuk-summary-card"') == count


@pytest.mark.parametrize("count", [3, 30])
def test_staff_cohort_page_queries_do_not_grow(
    open_round, client, staff_user, django_assert_num_queries, count
):
    make_members(open_round, count)
    sign_in_client(client, staff_user)
    with django_assert_num_queries(9):
        assert client.get("/cohorts/manage/round-2/cohort/").status_code == 200


def test_round_one_pilots_are_published(client):
    page = client.get("/cohorts/round-1/")
    assert page.status_code == 200
    assert page.content.decode().count('class="govuk-summary-card"') == 6
