import csv
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from applications.models import Bid
from applications.staff_export import HEADER, MAX_PARTNERS, PARTNER_FIELDS
from tests.factories.accounts import sign_in_client
from tests.factories.applications import make_bid, redrafted, resubmitted, section
from tests.staff_helpers import references, round_bids_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    sign_in_client(client, staff_user)
    return client


def list_url(round_, **params):
    url = reverse("applications:staff_bids", kwargs={"slug": round_.slug})
    return url + ("?" + urlencode(params, doseq=True) if params else "")


def csv_url(round_, **params):
    url = reverse("applications:staff_bids_csv", kwargs={"slug": round_.slug})
    return url + ("?" + urlencode(params, doseq=True) if params else "")


def listed(client, round_, **params):
    response = client.get(list_url(round_, **params))
    assert response.status_code == 200
    return references(response)


ALL = ["LP2-0001", "LP2-0002", "LP2-0003", "LP2-0004", "LP2-0005"]


def test_default_list_shows_submitted_and_withdrawn_bids(staff_client, open_round, round_bids):
    response = staff_client.get(list_url(open_round))
    assert references(response) == ALL
    assert "Showing 1 to 5 of 5 bids" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": ["draft"]}, ["Draft"]),
        ({"status": ["withdrawn"]}, ["LP2-0005"]),
        (
            {"status": ["submitted", "draft"]},
            ["LP2-0001", "LP2-0002", "LP2-0003", "LP2-0004", "Draft"],
        ),
        ({"region": ["E12000001"]}, ["LP2-0003"]),
        ({"region": ["E12000008", "E12000009"]}, ["LP2-0004", "LP2-0005"]),
        ({"theme": ["health_and_wellbeing"]}, ["LP2-0002", "LP2-0005"]),
        ({"organisation_type": ["other"]}, ["LP2-0002"]),
        ({"organisation_type": ["county_council"]}, ["LP2-0004"]),
        ({"overlap": "yes"}, ["LP2-0003"]),
        ({"overlap": "no"}, ["LP2-0001", "LP2-0002", "LP2-0004", "LP2-0005"]),
        ({"q": "lp2-0004"}, ["LP2-0004"]),
        ({"q": "Tyne"}, ["LP2-0003"]),
        ({"q": "University of Kent"}, ["LP2-0004"]),
        ({"q": "Health Trust"}, ["LP2-0002"]),
        ({"q": "Leeds", "status": ["draft"]}, ["Draft"]),
        ({"q": "Nowhere"}, []),
        ({"theme": ["economic_growth"], "overlap": "no"}, ["LP2-0001"]),
    ],
)
def test_filters_and_search(staff_client, open_round, round_bids, params, expected):
    assert listed(staff_client, open_round, **params) == expected


def test_no_match_says_so(staff_client, open_round, round_bids):
    response = staff_client.get(list_url(open_round, q="Nowhere"))
    assert "No bids match these filters" in response.content.decode()
    assert "Clear filters" in response.content.decode()


def test_bad_filter_values_get_a_message_not_a_500(staff_client, open_round, round_bids):
    response = staff_client.get(list_url(open_round, region="E99999999", overlap="maybe"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_region_0">Select a region from the list</a>' in page
    assert '<a href="#id_overlap_0">Select whether the bid overlaps an earlier cohort</a>' in page
    assert references(response) == ALL  # the bad filters are ignored


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-reference", ["LP2-0005", "LP2-0004", "LP2-0003", "LP2-0002", "LP2-0001"]),
        ("place", ["LP2-0004", "LP2-0002", "LP2-0005", "LP2-0001", "LP2-0003"]),
        ("lead", ["LP2-0004", "LP2-0002", "LP2-0003", "LP2-0005", "LP2-0001"]),
        ("region", ["LP2-0003", "LP2-0002", "LP2-0004", "LP2-0005", "LP2-0001"]),
        ("-theme", ["LP2-0004", "LP2-0002", "LP2-0005", "LP2-0001", "LP2-0003"]),
        ("-submitted", ["LP2-0005", "LP2-0004", "LP2-0003", "LP2-0002", "LP2-0001"]),
        ("nonsense", ALL),
    ],
)
def test_sorting(staff_client, open_round, round_bids, sort, expected):
    assert listed(staff_client, open_round, sort=sort) == expected


def test_sort_links_are_accessible(staff_client, open_round, round_bids):
    page = staff_client.get(list_url(open_round, sort="place", theme="economic_growth")).content
    page = page.decode()
    assert (
        '<th scope="col" class="govuk-table__header" aria-sort="ascending"><a class="govuk-link '
        'lp-sort-link" href="?sort=-place&amp;theme=economic_growth">Place<span '
        'class="govuk-visually-hidden"> (sort descending)</span><span class="lp-sort-icon" '
        'aria-hidden="true"></span></a></th>'
    ) in page
    assert (
        '<th scope="col" class="govuk-table__header" aria-sort="none"><a class="govuk-link '
        'lp-sort-link" href="?sort=reference&amp;theme=economic_growth">Reference<span '
        'class="govuk-visually-hidden"> (sort ascending)</span><span class="lp-sort-icon" '
        'aria-hidden="true"></span></a></th>'
    ) in page


def test_pagination(staff_client, open_round, round_bids, monkeypatch):
    from applications import staff_bids

    monkeypatch.setattr(staff_bids, "PER_PAGE", 2)
    first = staff_client.get(list_url(open_round, sort="-reference"))
    assert references(first) == ["LP2-0005", "LP2-0004"]
    page = first.content.decode()
    assert "Showing 1 to 2 of 5 bids" in page
    assert 'aria-label="Page 1" aria-current="page">1</a>' in page
    assert 'href="?sort=-reference&amp;page=2" rel="next"' in page
    third = staff_client.get(list_url(open_round, sort="-reference", page=3))
    assert references(third) == ["LP2-0001"]
    assert "Showing 5 to 5 of 5 bids" in third.content.decode()
    beyond = staff_client.get(list_url(open_round, sort="-reference", page=99))
    assert references(beyond) == ["LP2-0001"]
    garbage = staff_client.get(list_url(open_round, page="x"))
    assert references(garbage) == ["LP2-0001", "LP2-0002"]


def test_counts_use_thousands_separators(staff_client, open_round, round_bids, monkeypatch):
    from applications import staff_bids

    monkeypatch.setattr(staff_bids, "PER_PAGE", 1)
    page = staff_client.get(list_url(open_round, page=5)).content.decode()
    assert "Showing 5 to 5 of 5 bids" in page
    assert '<li class="govuk-pagination__item govuk-pagination__item--ellipsis">' in page


@pytest.mark.parametrize("size", [3, 40])
def test_list_uses_a_fixed_number_of_queries(
    staff_client, open_round, applicant, size, django_assert_max_num_queries
):
    places = ["Sheffield", "Kent", "Tyneside", "Liverpool"]
    for index in range(size):
        make_bid(open_round, applicant, places[index % 4], submitted=True)
    staff_client.get(list_url(open_round))  # warm the session
    with django_assert_max_num_queries(9):
        response = staff_client.get(list_url(open_round, theme="economic_growth", sort="lead"))
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        response = staff_client.get(list_url(open_round))
    assert len(references(response)) == min(size, 50)


def test_staff_round_link_redirects_to_the_latest_round(staff_client, open_round):
    response = staff_client.get(reverse("applications:staff_bids_current"))
    assert response.status_code == 302
    assert response["Location"] == list_url(open_round)


@pytest.mark.parametrize("who", ["applicant", "assessor", "chair"])
def test_only_programme_staff_see_bids(client, open_round, round_bids, request, who):
    sign_in_client(client, request.getfixturevalue(who))
    bid = round_bids["Kent"]
    for url in [
        list_url(open_round),
        csv_url(open_round),
        reverse("applications:staff_bid", kwargs={"pk": bid.pk}),
        reverse("applications:staff_bids_current"),
        reverse("applications:staff_organisations"),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Kent" not in response.content


def test_anonymous_users_are_sent_to_sign_in(client, open_round):
    response = client.get(list_url(open_round))
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/apply/staff/rounds/round-2/bids/"


def test_unknown_round_or_bid_is_404(staff_client, open_round):
    assert staff_client.get("/apply/staff/rounds/round-9/bids/").status_code == 404
    assert staff_client.get("/apply/staff/bids/999999/").status_code == 404


# CSV ------------------------------------------------------------------------------------


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_header_is_stable(staff_client, open_round, round_bids):
    rows = read_csv(staff_client.get(csv_url(open_round)))
    partner_columns = [
        f"Partner {i} {field}" for i in range(1, MAX_PARTNERS + 1) for field in PARTNER_FIELDS
    ]
    expected = [
        "Reference",
        "Status",
        "Submitted version",
        "First submitted",
        "Last submitted",
        "Withdrawn",
        "Withdrawal reason",
        "Area in England",
        "Includes a council and a higher education institution",
        "Senior leaders agreed",
        "Lead contact name",
        "Lead contact role",
        "Lead contact email",
        "Lead contact phone",
        "Lead organisation",
        "Number of partners",
        *partner_columns,
        "Place name",
        "Local authority districts",
        "District ONS codes",
        "Regions",
        "Overlaps an earlier cohort",
        "Years working together",
        "Joint senior leadership group",
        "Leadership group since",
        "Form of agreement",
        "Joint initiatives in the last five years",
        "Description of joint initiatives",
        "Total cash committed (£)",
        "Total staff days committed",
        "How decisions will be made",
        "Theme",
        "Other theme",
        "Title",
        "Summary",
        "Proposed approach",
        "Expected outcomes",
        "How success will be measured",
        "Milestones",
        "Support wanted",
        "Other support",
        "Main risks",
        "Information is accurate",
        "Authority to apply for all partners",
        "Data protection notice accepted",
    ]
    assert rows[0] == expected == HEADER
    assert partner_columns[:3] == ["Partner 1 name", "Partner 1 type", "Partner 1 identifier"]
    assert [row[0] for row in rows[1:]] == ALL


def test_csv_row_is_exact_and_formula_safe(staff_client, open_round, round_bids):
    response = staff_client.get(csv_url(open_round, region="E12000008"))
    assert response["Content-Disposition"].startswith('attachment; filename="round-2-bids-')
    header, row = read_csv(response)
    start = open_round.programme_starts_on
    from datetime import timedelta

    from django.utils import timezone

    from core.dates import LONDON

    submitted = timezone.localtime(round_bids["Kent"].submitted_at, LONDON).strftime(
        "%Y-%m-%d %H:%M"
    )
    words = (
        "Our partnership brings the council and the universities together to work on one "
        "shared priority for the people of the place, building on several years of joint "
        "working, a senior leadership group that meets every quarter and a shared evidence base."
    )
    expected = {
        "Reference": "LP2-0004",
        "Status": "Submitted",
        "Submitted version": "1",
        "First submitted": submitted,
        "Last submitted": submitted,
        "Withdrawn": "",
        "Withdrawal reason": "",
        "Area in England": "Yes",
        "Includes a council and a higher education institution": "Yes",
        "Senior leaders agreed": "Yes",
        "Lead contact name": "Lead officer for Kent",
        "Lead contact role": "Head of policy",
        "Lead contact email": "lead@kent.example.gov.uk",
        "Lead contact phone": "0114 000 0000",
        "Lead organisation": "Kent",
        "Number of partners": "2",
        "Partner 1 name": "Kent",
        "Partner 1 type": "County council",
        "Partner 1 identifier": "E10000016",
        "Partner 1 senior sponsor": "Sponsor 1 of Kent",
        "Partner 1 senior sponsor role": "Chief executive",
        "Partner 1 contact email": "partnerships@kent.example.org",
        "Partner 1 cash committed (£)": "10000",
        "Partner 1 staff days committed": "20",
        "Partner 2 name": "University of Kent",
        "Partner 2 type": "Higher education institution",
        "Partner 2 identifier": "UKPRN 10007150",
        "Partner 2 senior sponsor": "Sponsor 2 of Kent",
        "Partner 2 senior sponsor role": "Vice-chancellor",
        "Partner 2 contact email": "partnerships@universityofkent.example.org",
        "Partner 2 cash committed (£)": "10000",
        "Partner 2 staff days committed": "20",
        **{
            f"Partner {i} {field}": ""
            for i in range(3, MAX_PARTNERS + 1)
            for field in PARTNER_FIELDS
        },
        "Place name": "Kent",
        "Local authority districts": "Canterbury; Maidstone",
        "District ONS codes": "E07000106; E07000110",
        "Regions": "South East",
        "Overlaps an earlier cohort": "No",
        "Years working together": "6",
        "Joint senior leadership group": "Yes",
        "Leadership group since": "2021",
        "Form of agreement": "Memorandum of understanding",
        "Joint initiatives in the last five years": "3",
        "Description of joint initiatives": "A civic university agreement, a joint skills "
        "board and a shared data observatory.",
        "Total cash committed (£)": "20000",
        "Total staff days committed": "40",
        "How decisions will be made": "A joint senior leadership group decides by consensus; "
        "the challenge team reports to it every month.",
        "Theme": "Public service reform",
        "Other theme": "",
        "Title": "A shared priority challenge for Kent",
        "Summary": "'=cmd|' /C calc'!A0",
        "Proposed approach": words + " " + words,
        "Expected outcomes": words,
        "How success will be measured": "Quarterly indicators agreed by the leadership group.",
        "Milestones": f"{start + timedelta(days=30)}: Leadership group agrees the challenge; "
        f"{start + timedelta(days=120)}: Immersion event; "
        f"{start + timedelta(days=300)}: Peer challenge and report",
        "Support wanted": "Facilitation of action learning; Peer challenge",
        "Other support": "",
        "Main risks": "Diary pressures on senior leaders; changes in political leadership.",
        "Information is accurate": "Yes",
        "Authority to apply for all partners": "Yes",
        "Data protection notice accepted": "Yes",
    }
    assert list(expected) == header
    assert dict(zip(header, row, strict=True)) == expected


def test_csv_uses_the_latest_submission_and_draft_sections(staff_client, open_round, round_bids):
    resubmitted(round_bids["Kent"], "challenge", title="Second thoughts")
    rows = read_csv(staff_client.get(csv_url(open_round, status=["submitted", "draft"])))
    header = rows[0]
    by_place = {
        row[header.index("Place name")]: dict(zip(header, row, strict=True)) for row in rows[1:]
    }
    assert by_place["Kent"]["Title"] == "Second thoughts"
    assert by_place["Kent"]["Submitted version"] == "2"
    assert by_place["Leeds"]["Reference"] == ""
    assert by_place["Leeds"]["Status"] == "Draft"
    assert by_place["Leeds"]["Submitted version"] == ""
    assert by_place["Leeds"]["Title"] == "A shared priority challenge for Leeds"
    assert sorted(by_place) == ["Kent", "Leeds", "Liverpool", "Sheffield", "Tyneside"]
    assert by_place["Tyneside"]["Overlaps an earlier cohort"] == "Yes"
    assert by_place["Liverpool"]["Partner 4 type"] == "Other anchor institution"
    assert by_place["Liverpool"]["Partner 4 identifier"] == ""


def test_csv_of_a_withdrawn_bid(staff_client, open_round, round_bids):
    header, row = read_csv(staff_client.get(csv_url(open_round, status="withdrawn")))
    values = dict(zip(header, row, strict=True))
    assert values["Status"] == "Withdrawn"
    assert values["Withdrawal reason"] == "The council's leadership changed."
    assert values["Withdrawn"] != ""


@pytest.mark.parametrize("size", [3, 40])
def test_csv_uses_a_fixed_number_of_queries(
    staff_client, open_round, applicant, size, django_assert_max_num_queries
):
    for index in range(size):
        make_bid(open_round, applicant, ["Kent", "Leeds"][index % 2], submitted=index % 3 != 0)
    staff_client.get(list_url(open_round))
    with django_assert_max_num_queries(11):
        response = staff_client.get(csv_url(open_round, status=["submitted", "draft"]))
    assert len(read_csv(response)) == size + 1


# Detail page -----------------------------------------------------------------------------


def test_detail_page_shows_everything(staff_client, open_round, round_bids):
    from applications import audit

    bid = round_bids["Tyneside"]
    audit.record(
        "bid.submitted",
        bid.created_by,
        bid=bid,
        old={"status": "draft"},
        new={"status": "submitted", "reference": "LP2-0003"},
    )
    response = staff_client.get(reverse("applications:staff_bid", kwargs={"pk": bid.pk}))
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">LP2-0003: Tyneside</h1>' in page
    assert '<td class="govuk-table__cell">E08000022</td>' in page  # North Tyneside's ONS code
    assert '<td class="govuk-table__cell">UKPRN 10007799</td>' in page
    # The map: this bid's districts, one of them also in round 1's Newcastle pilot.
    assert 'fill="#d4351c" stroke="#ffffff" stroke-width="1" data-code="E08000021">' in page
    assert 'fill="#1d70b8" stroke="#ffffff" stroke-width="1" data-code="E08000022">' in page
    assert 'fill="#b1b4b6" stroke="#ffffff" stroke-width="1" data-code="E08000037">' in page
    assert (
        '<td class="govuk-table__cell">Newcastle upon Tyne <span class="lp-secondary">'
        'E08000021</span></td>\n          <td class="govuk-table__cell">North East</td>\n'
        '          <td class="govuk-table__cell">Yes</td>'
    ) in page
    assert "These are the answers of version 1" in page
    assert "Expected outcomes by the end of the programme" in page
    assert "Lee Lead" in page
    assert "Lead applicant" in page
    assert "Bid submitted" in page
    assert "status: draft" in page
    assert "status: submitted, reference: LP2-0003" in page


def test_detail_of_withdrawn_and_draft_bids(staff_client, open_round, round_bids):
    withdrawn = staff_client.get(
        reverse("applications:staff_bid", kwargs={"pk": round_bids["Plymouth"].pk})
    ).content.decode()
    assert "Reason: The council&#x27;s leadership changed." in withdrawn
    draft = staff_client.get(
        reverse("applications:staff_bid", kwargs={"pk": round_bids["Leeds"].pk})
    ).content.decode()
    assert "This bid has not been submitted. These are its current draft answers." in draft
    assert "Not submitted yet." in draft


def test_detail_escapes_user_text(staff_client, open_round, applicant):
    from applications.samples import sample_answers

    answers = sample_answers("Kent", open_round)
    answers["challenge"]["title"] = "<script>alert(1)</script>"
    bid = make_bid(open_round, applicant, "Kent", submitted=True, answers=answers)
    page = staff_client.get(reverse("applications:staff_bid", kwargs={"pk": bid.pk})).content
    assert b"<script>alert(1)</script>" not in page
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_detail_uses_the_latest_submitted_version(staff_client, open_round, round_bids):
    kent = round_bids["Kent"]
    resubmitted(kent, "challenge", title="Second thoughts")
    # then reopened and the title changed back in the draft, not submitted
    redrafted(kent, "challenge", title="A shared priority challenge for Kent")
    page = staff_client.get(reverse("applications:staff_bid", kwargs={"pk": kent.pk})).content
    page = page.decode()
    assert "These are the answers of version 2" in page
    assert "Second thoughts" in page
    # The draft holds the change, but the bid's title (lists, exports, ranking) stays that
    # of its latest submitted version until the draft is submitted again.
    assert section(kent, "challenge").data["title"] == "A shared priority challenge for Kent"
    assert Bid.objects.get(pk=kent.pk).title == "Second thoughts"


def test_staff_see_the_bids_link_in_the_menu_and_home(staff_client, client, applicant):
    page = staff_client.get(reverse("accounts:home")).content.decode()
    assert '<a class="govuk-service-navigation__link" href="/apply/staff/bids/">Bids</a>' in page
    assert '<a class="govuk-link" href="/apply/staff/bids/">View, filter and download bids</a>' in (
        page
    )
    assert "/apply/staff/organisations/" in page
    sign_in_client(client, applicant)
    page = client.get(reverse("accounts:home")).content.decode()
    assert "/apply/staff/" not in page
