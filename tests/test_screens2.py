"""Issue 15, the rest: GOV.UK date input, councils and institutions found by what applicants
type (and partners shown by the name they write), the screening page's rows, assignment
only to assessors with recorded interests, the release page's warning and preview, and
demo people who hold work signing in."""

import csv
import datetime as dt
import io
import json
import shutil
import subprocess

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications import bids as bid_actions
from applications import demo
from applications.forms import PartnersForm
from applications.models import Bid, BidPartner, Organisation
from applications.organisations import council_key, find, search
from cohorts import building, offers, release
from cohorts.forms import ReleaseForm
from cohorts.models import Cohort, Offer
from core.dates import format_datetime
from scoring.models import Assignment
from scoring.setup import assignment, interests
from tests.cohort_helpers import applicant_for, in_days
from tests.factories.accounts import sign_in_client
from tests.factories.applications import (
    date_fields,
    make_bid,
    partner_fields,
    post_step,
    step_url,
)
from tests.factories.emails import delivered
from tests.factories.scoring import (
    assessed,
    criteria_for,
    make_assessors,
    mark_eligible,
    panel_assessors,
)
from tests.factories.selection import FOURS, decide

pytestmark = pytest.mark.django_db


# --- Dates -------------------------------------------------------------------------------


def release_errors(typed):
    form = ReleaseForm(date_fields("reply_by", typed) if typed else {})
    assert not form.is_valid()
    return form.errors["reply_by"]


def test_date_input_messages_are_govuk_ones():
    assert release_errors("") == ["Enter the date offers must be accepted by"]
    assert release_errors("31 2 2027") == ["The reply-by date must be a real date"]
    assert release_errors("3 13 2027") == ["The reply-by date must be a real date"]
    assert release_errors("0 3 2027") == ["The reply-by date must be a real date"]
    assert release_errors("3 x 2027") == ["The reply-by date must be a real date"]
    assert release_errors("3 4 27") == [
        "The reply-by date must include a year with 4 numbers, like 2027"
    ]
    form = ReleaseForm({"reply_by_day": "3"})
    assert not form.is_valid()
    assert form.errors["reply_by"] == ["The reply-by date must include a month and year"]
    form = ReleaseForm({"reply_by_month": "3", "reply_by_year": "2027"})
    assert not form.is_valid()
    assert form.errors["reply_by"] == ["The reply-by date must include a day"]


def test_date_input_accepts_numbers_and_month_names():
    for typed in ("29 2 2028", " 29 02 2028 ", "29 Feb 2028", "29 february 2028"):
        form = ReleaseForm(date_fields("reply_by", typed))
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["reply_by"] == dt.date(2028, 2, 29)


def test_date_input_highlights_only_the_boxes_in_error_and_the_summary_links_to_the_first():
    form = ReleaseForm({"reply_by_day": "3", "reply_by_year": "2027"})
    html = form.as_div()
    assert (
        'class="govuk-input govuk-date-input__input govuk-input--width-2" '
        'id="id_reply_by_day" name="reply_by_day" type="text" inputmode="numeric" value="3"'
    ) in html
    assert (
        'class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" '
        'id="id_reply_by_month" name="reply_by_month"'
    ) in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    assert (
        '<div id="id_reply_by-hint" class="govuk-hint">Offers lapse at 12pm (UK time) on this '
        "day. For example, 27 3 2027</div>"
    ) in html
    from core.forms import error_list

    assert error_list(form) == [("id_reply_by_month", "The reply-by date must include a month")]
    whole = ReleaseForm(date_fields("reply_by", "31 2 2027"))
    whole.is_valid()
    assert whole.as_div().count("govuk-input--error") == 3
    assert error_list(whole) == [("id_reply_by_day", "The reply-by date must be a real date")]


def accepted_bid(open_round, chair, staff_user):
    """A Sheffield bid the panel accepts (decision not yet released)."""
    bid = make_bid(open_round, applicant_for("Sheffield"), "Sheffield", submitted=True)
    (bid,) = mark_eligible([bid], staff_user)
    assessed(bid, criteria_for(open_round), panel_assessors(3), [FOURS] * 3)
    decide(chair, bid, "accept")
    return bid


def test_release_page_shows_the_date_error_with_status_200(client, open_round, chair, staff_user):
    accepted_bid(open_round, chair, staff_user)
    sign_in_client(client, staff_user)
    response = client.post(
        reverse("cohorts:release", args=[open_round.slug]), date_fields("reply_by", "31 2 2027")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert '<a href="#id_reply_by_day">The reply-by date must be a real date</a>' in page
    assert 'value="31"' in page and 'value="2027"' in page  # what was typed is kept


def test_no_native_date_pickers_are_left(client, open_round, chair, staff_user):
    accepted_bid(open_round, chair, staff_user)
    sign_in_client(client, staff_user)
    page = client.get(reverse("cohorts:manage_round", args=[open_round.slug])).content.decode()
    assert 'type="date"' not in page
    assert page.count('class="govuk-date-input"') == 1


# --- Councils and institutions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Sheffield City Council", "E08000019"),
        ("London Borough of Camden", "E09000007"),
        ("Cornwall Council", "E06000052"),
        ("Royal Borough of Greenwich", "E09000011"),
        ("Leeds City Council", "E08000035"),
        ("Bristol City Council", "E06000023"),
        ("Durham County Council", "E06000047"),
        ("Kent County Council", "E10000016"),
        ("St Helens Council", "E08000013"),
        ("sheffield", "E08000019"),
        ("University of Sheffield", "10007157"),
        ("The University of Sheffield", "10007157"),
        ("Sheffield Hallam", "10005790"),
    ],
)
def test_what_applicants_type_finds_the_organisation(typed, code):
    found = find(typed)
    assert [o.ons_code or o.ukprn for o in found] == [code]


def test_council_words_are_set_aside_around_the_place():
    assert council_key("Sheffield City Council") == "sheffield"
    assert council_key("Bristol, City of") == "bristol"
    assert council_key("Royal Borough of Kensington and Chelsea") == "kensington and chelsea"
    assert council_key("City of London Corporation") == council_key("City of London")
    # No source gives "Hull City Council" as Kingston upon Hull's name: it is not guessed.
    assert find("Hull City Council") == []
    # An other name two institutions share picks neither; the institution of that name wins.
    assert [o.name for o in find("University of London")] == ["University of London"]


def test_search_finds_a_council_by_what_people_call_it():
    assert [o.name for o in search("Leeds City Council")] == ["Leeds"]
    assert [o.name for o in search("London Borough of Camden")] == ["Camden"]


def typed_partners():
    return partner_fields(
        [
            (
                "Sheffield City Council",
                "",
                "Kate Josephs",
                "Chief executive",
                "ceo@sheffield.gov.uk",
            ),
            ("University of Sheffield", "", "Koen Lamberts", "Vice-chancellor", "vc@shef.ac.uk"),
        ]
    )


def test_partners_page_keeps_a_council_as_written_and_the_registry_institution(
    client, open_round, applicant
):
    bid = make_bid(open_round, applicant, "Sheffield")
    sign_in_client(client, applicant)
    response = post_step(client, bid, "partners", typed_partners())
    assert response.status_code == 302
    council = Organisation.objects.get(ons_code="E08000019")
    university = Organisation.objects.get(ukprn="10007157")
    partners = bid.sections.get(step="partners").data["partners"]
    assert [(p["organisation_id"], p["name"], p["kind"]) for p in partners] == [
        (council.pk, "Sheffield City Council", "council"),
        (university.pk, "The University of Sheffield", "hei"),
    ]
    assert list(
        BidPartner.objects.filter(bid=bid).order_by("position").values_list("organisation", "name")
    ) == [(council.pk, "Sheffield City Council"), (university.pk, "The University of Sheffield")]
    # The page shows the name as written when it is opened again (editable).
    page = client.get(step_url(bid, "partners")).content.decode()
    assert 'name="partners-p0_name" value="Sheffield City Council"' in page


def test_partnership_error_sits_beside_the_list_and_the_summary_links_to_it(
    client, open_round, applicant
):
    bid = make_bid(open_round, applicant, "Sheffield")
    sign_in_client(client, applicant)
    fields = partner_fields(
        [
            (
                "Sheffield City Council",
                "",
                "Kate Josephs",
                "Chief executive",
                "ceo@sheffield.gov.uk",
            ),
            ("Rotherham", "", "A Person", "Chief executive", "ceo@rotherham.gov.uk"),
        ]
    )
    response = post_step(client, bid, "partners", fields)
    assert response.status_code == 200
    page = response.content.decode()
    message = "Add at least one higher education institution to the partnership"
    assert f'<li><a href="#partner-organisations">{message}</a></li>' in page
    assert (
        '<div class="govuk-form-group govuk-form-group--error" id="partner-organisations" '
        'tabindex="-1">\n<p class="govuk-error-message" id="partner-organisations-error">'
        f'<span class="govuk-visually-hidden">Error:</span> {message}</p>'
    ) in page
    # The error is inside the list: before partner 1, after the list's introduction.
    assert page.index("partner-organisations-error") < page.index('id="row-1"')


def test_the_form_matches_names_in_one_query(open_round, applicant, django_assert_num_queries):
    data = {f"partners-{k}": v for k, v in typed_partners().items()}
    form = PartnersForm(data=data, prefix="partners", user=applicant)
    with django_assert_num_queries(1):
        assert form.is_valid(), form.errors


def test_interests_page_accepts_the_council_of_its_hint(client, make_user):
    (assessor,) = make_assessors(make_user, 1, prefix="leeds")
    sign_in_client(client, assessor)
    url = reverse("scoring:interests")
    page = client.get(url).content.decode()
    assert "for example University of Leeds or Leeds City Council" in page
    response = client.post(url, {"action": "add", "add-organisation": "Leeds City Council"})
    assert response.status_code == 302
    assert [o.ons_code for o in assessor.assessor_profile.organisations.all()] == ["E08000035"]


def accepted_member(open_round, applicant, chair, staff_user, client):
    """A Sheffield bid whose partners were typed as applicants write them, through to the
    cohort: submitted, screened, assessed, accepted, offered, accepted and added."""
    bid = make_bid(open_round, applicant, "Sheffield")
    sign_in_client(client, applicant)
    assert post_step(client, bid, "partners", typed_partners()).status_code == 302
    bid_actions.submit(bid, applicant)
    (bid,) = mark_eligible([Bid.objects.get(pk=bid.pk)], staff_user)
    assessed(bid, criteria_for(open_round), panel_assessors(3), [FOURS] * 3)
    decide(chair, bid, "accept")
    release.release_decisions(open_round, staff_user, reply_by=in_days(14))
    offers.respond(Offer.objects.get(bid=bid), applicant, accept=True)
    (member,) = building.add_accepted(open_round, staff_user)
    return bid, member


def pdf_text(content):
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is needed"
    done = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def test_the_name_as_written_is_on_the_bid_pdf_announcement_and_open_data(
    client, open_round, applicant, chair, staff_user
):
    bid, member = accepted_member(open_round, applicant, chair, staff_user, client)
    council = Organisation.objects.get(ons_code="E08000019")
    assert member.organisation_names[str(council.pk)] == "Sheffield City Council"

    sign_in_client(client, staff_user)
    page = client.get(reverse("applications:staff_bid", args=[bid.pk])).content.decode()
    assert (
        '<td class="govuk-table__cell">Sheffield City Council '
        '<strong class="govuk-tag govuk-tag--blue">Lead</strong></td>\n'
        '      <td class="govuk-table__cell">Council</td>\n'
        '      <td class="govuk-table__cell">E08000019</td>'
    ) in page
    pdf = client.get(reverse("applications:submission_pdf", args=[bid.pk, 1])).content
    text = pdf_text(pdf)
    assert "Sheffield City Council (lead) E08000019" in text
    assert "The University of Sheffield UKPRN 10007157" in text

    # Published a minute ago (as test_cohort_public does: scheduling refuses the past).
    Cohort.objects.filter(pk=member.cohort_id).update(
        publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.logout()
    public = client.get(reverse("cohorts:cohort", args=[open_round.slug])).content.decode()
    assert (
        '<li>Sheffield City Council <span class="govuk-hint govuk-!-display-inline">'
        "(E08000019)</span></li>"
    ) in public
    announcement = pdf_text(client.get(reverse("cohorts:pdf", args=[open_round.slug])).content)
    assert "Sheffield City Council (E08000019)" in announcement
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(reverse("cohorts:csv", args=[open_round.slug])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    organisations = {key: rows[0][key] for key in ("organisations", "organisation_codes")}
    assert organisations == {
        "organisations": "Sheffield City Council; The University of Sheffield",
        "organisation_codes": "E08000019; UKPRN 10007157",
    }
    data = json.loads(client.get(reverse("cohorts:json", args=[open_round.slug])).content)
    assert data["partnerships"][0]["organisations"][0] == {
        "name": "Sheffield City Council",
        "registry_name": "Sheffield",
        "kind": "council",
        "ons_code": "E08000019",
        "ukprn": None,
    }


# --- Staff and panel pages ---------------------------------------------------------------


def test_screening_page_shows_the_lead_contact_partners_and_areas(
    client, open_round, applicant, staff_user
):
    bid = make_bid(open_round, applicant, "Sheffield", submitted=True)
    sign_in_client(client, staff_user)
    page = client.get(
        reverse("scoring:setup_screen_bid", args=[open_round.slug, bid.pk])
    ).content.decode()
    assert (
        '<dd class="govuk-summary-list__value">Lead officer for Sheffield<br>Head of policy<br>'
        "lead@sheffield.example.gov.uk<br>0114 000 0000</dd>"
    ) in page
    assert (
        '<dd class="govuk-summary-list__value">Sheffield (Council)<br>Senior sponsor: Sponsor 1 '
        "of Sheffield, Chief executive<br>Contact: partnerships@sheffield.example.org</dd>"
    ) in page
    assert (
        '<dt class="govuk-summary-list__key">Local authority areas</dt>\n'
        '    <dd class="govuk-summary-list__value">Sheffield</dd>' in page
    )


def test_assignment_skips_assessors_without_recorded_interests(
    client, open_round, applicant, staff_user, make_user
):
    bids = mark_eligible(
        [make_bid(open_round, applicant, p, submitted=True) for p in ("Sheffield", "Leeds")],
        staff_user,
    )
    recorded = make_assessors(make_user, 3, prefix="recorded")
    (unrecorded,) = make_assessors(make_user, 1, prefix="unrecorded", recorded=False)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_assignment", args=[open_round.slug])
    page = client.get(url).content.decode()
    reason = (
        "has not recorded their interests yet, so conflicts with their organisations cannot "
        "be checked: they are given no bids automatically"
    )
    assert f"<li>Assessor unrecorded 00 {reason}.</li>" in page
    response = client.post(url, follow=True)
    assert sorted(Assignment.objects.values_list("assessor__email", flat=True)) == sorted(
        [a.email for a in recorded] * 2
    )
    assert not Assignment.objects.filter(assessor=unrecorded).exists()
    assert (
        "1 assessor was given no bids because they have not recorded their interests: "
        "Assessor unrecorded 00"
    ) in response.content.decode()
    # Once recorded, the next run gives them work.
    interests.update_interests(unrecorded, organisations=[])
    result = assignment.auto_assign(open_round, staff_user, notify=False)
    assert result.skipped == []
    assert len(bids) == 2


def test_release_page_warns_while_applications_are_open(client, open_round, staff_user):
    sign_in_client(client, staff_user)
    page = client.get(reverse("cohorts:manage_round", args=[open_round.slug])).content.decode()
    assert (
        '<span class="govuk-visually-hidden">Warning</span>Applications are still open until '
        f"{format_datetime(open_round.closes_at)}. Partnerships can still submit, change or "
        "withdraw their bids, and a bid submitted after you release has no decision. Release "
        "the decisions after applications close.</strong>"
    ) in page
    open_round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    open_round.opens_at = open_round.closes_at - dt.timedelta(days=30)
    open_round.save(update_fields=["opens_at", "closes_at"])
    page = client.get(reverse("cohorts:manage_round", args=[open_round.slug])).content.decode()
    assert "Applications are still open" not in page


def test_offer_preview_shows_a_sample_reply_by_date(client, open_round, chair, staff_user):
    accepted_bid(open_round, chair, staff_user)
    sign_in_client(client, staff_user)
    page = client.get(
        reverse("cohorts:preview_template", args=[open_round.slug, "offer"])
    ).content.decode()
    sample = format_datetime(offers.reply_by_for(timezone.now()))
    assert f"Accept or decline the offer by {sample}:" in page
    assert "the reply-by date you choose when you release" not in page
    assert (
        f"The reply-by date in this preview, {sample}, is an example: the one the release "
        "form suggests."
    ) in page


# --- Demo people -------------------------------------------------------------------------


def test_every_demo_person_who_holds_work_can_sign_in_and_reset(
    client, call, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True  # load_demo runs only on a development or demo machine
    out = io.StringIO()
    with delivered():  # the demo's own emails (submission confirmations) are sent first
        call("load_demo", stdout=out)
    text = out.getvalue()
    from accounts.models import User

    holders = (
        User.objects.filter(assignments__isnull=False).distinct()
        | User.objects.filter(bid_memberships__isnull=False).distinct()
    )
    assert holders.count() == 19  # 12 bid leads, 6 assessors, the demo applicant
    assert [u.email for u in holders if not u.has_usable_password()] == []
    for user in holders:
        assert f" {user.email} " in text
    assert "Other demo people who hold work (new passwords each time too):" in text
    assert "(works on LP2-0001 (Leeds))" in text
    assert "priya.shah@example.com" in text and "(6 bids to assess)" in text
    # Password reset sends them a link (it sent nothing while they had no password).
    mail.outbox = []
    # The email goes through the outbox: its sender starts when the request's change commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_reset"), {"email": "priya.shah@example.com"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["priya.shah@example.com"]]
    assert "/account/password-reset/" in mail.outbox[0].body
    assert demo.passwords_for_people_with_work()  # new passwords each run
