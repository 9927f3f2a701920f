"""The applicant journey through the views: permissions, save and return, concurrency,
submission (deadline, idempotency, references), reopen, withdraw, team, PDF, dashboard."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from applications import bids
from applications.models import AuditEvent, Bid, BidCollaborator, BidSubmission
from tests.apply_helpers import (
    CHALLENGE,
    ELIGIBLE,
    fill_all,
    post_step,
    section,
    sheffield_partners,
    start,
    step_url,
)
from tests.factories.accounts import sign_in_client
from tests.factories.applications import make_bid


def url(name, bid, *args):
    return reverse(f"applications:{name}", args=[bid.pk, *args])


@pytest.fixture
def bid(open_round, applicant):
    return start(open_round, applicant)


@pytest.fixture
def signed_in(client, applicant):
    sign_in_client(client, applicant)
    return client


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_another_user_gets_404_everywhere(client, open_round, applicant, make_user):
    bid = make_bid(open_round, applicant, submitted=True)
    draft = start(open_round, applicant)
    sign_in_client(client, make_user("other@council.gov.uk"))
    for target in [
        url("bid_overview", draft),
        url("bid_step", draft, "eligibility"),
        url("bid_check", draft),
        url("bid_team", draft),
        url("bid_confirmation", bid),
        url("bid_reopen", bid),
        url("bid_withdraw", bid),
        url("submission_pdf", bid, 1),
    ]:
        assert client.get(target).status_code == 404, target
    response = post_step(client, draft, "eligibility", ELIGIBLE)
    assert response.status_code == 404
    assert client.post(url("bid_submit", draft), {}).status_code == 404
    assert client.post(url("bid_withdraw", bid), {"reason": "x"}).status_code == 404
    assert section(draft, "eligibility") is None
    assert Bid.objects.get(pk=bid.pk).status == Bid.Status.SUBMITTED


def test_staff_can_download_pdf_but_not_edit(client, open_round, applicant, staff_user):
    bid = make_bid(open_round, applicant, submitted=True)
    sign_in_client(client, staff_user)
    response = client.get(url("submission_pdf", bid, 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="LP2-0001-version-1.pdf"'
    assert client.get(url("bid_overview", bid)).status_code == 404
    assert client.get(url("submission_pdf", bid, 2)).status_code == 404


def test_steps_out_of_order_and_unknown(signed_in, bid):
    response = post_step(signed_in, bid, "geography", {"place_name": "X"})
    assert response.status_code == 302
    assert response["Location"] == url("bid_overview", bid)
    assert section(bid, "geography") is None
    response = signed_in.get(step_url(bid, "geography"), follow=True)
    assert messages_of(response)[-1:] == [
        "Complete the eligibility questions before you start ‘Geography’."
    ]
    assert signed_in.get(step_url(bid, "nonsense")).status_code == 404
    with pytest.raises(bids.ActionRefused):
        bids.save_section(bid, bid.created_by, "geography", answers={"place_name": "X"})


def test_eligibility_no_shows_why(signed_in, bid):
    response = post_step(signed_in, bid, "eligibility", {**ELIGIBLE, "in_england": "no"})
    assert response["Location"] == url("bid_ineligible", bid)
    page = signed_in.get(response["Location"]).content.decode()
    assert "Your partnership&#x27;s area is not in England." in page
    assert section(bid, "eligibility").is_complete is False
    overview = signed_in.get(url("bid_overview", bid)).content.decode()
    assert overview.count("Cannot start yet") == 7


def test_save_and_come_back_later_keeps_invalid_text(signed_in, client, bid, applicant):
    post_step(signed_in, bid, "eligibility", ELIGIBLE)
    fields = sheffield_partners()
    fields["lead_email"] = "jo at sheffield"
    fields["p1_sponsor_name"] = "Koen <b>Lamberts</b>"
    response = post_step(signed_in, bid, "partners", fields, action="later")
    assert response["Location"] == url("bid_overview", bid)
    saved = section(bid, "partners")
    assert saved.is_complete is False
    assert saved.data["_draft"]["partners-lead_email"] == ["jo at sheffield"]
    # Another browser: a fresh sign-in sees the same text and the error.
    client.logout()
    sign_in_client(client, applicant)
    overview = client.get(url("bid_overview", bid)).content.decode()
    assert re.search(r"Partners</a>\s*</div>\s*<div[^>]*><strong[^>]*>In progress", overview)
    assert "Last saved: ‘Partners’" in overview
    page = client.get(step_url(bid, "partners")).content.decode()
    assert "There is a problem" in page
    assert "Enter the lead contact&#x27;s email address in the correct format" in page
    assert 'value="jo at sheffield"' in page
    assert 'value="Koen &lt;b&gt;Lamberts&lt;/b&gt;"' in page
    # Correcting it completes the section and drops the draft.
    fields["lead_email"] = "jo@sheffield.gov.uk"
    response = post_step(client, bid, "partners", fields)
    assert response["Location"] == step_url(bid, "geography")
    saved = section(bid, "partners")
    assert saved.is_complete is True and "_draft" not in saved.data
    assert saved.data["lead_contact"]["email"] == "jo@sheffield.gov.uk"


def test_save_and_continue_with_errors_rerenders(signed_in, bid):
    post_step(signed_in, bid, "eligibility", ELIGIBLE)
    response = post_step(signed_in, bid, "geography", {"place_name": "Sheffield"})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<a href="#id_geography-districts_0">Select at least one local authority area</a>' in page
    )
    assert 'value="Sheffield"' in page
    assert f'name="section_version" value="{section(bid, "geography").version}"' in page


def test_add_and_remove_partner_rows_without_javascript(signed_in, bid):
    post_step(signed_in, bid, "eligibility", ELIGIBLE)
    fields = sheffield_partners()
    response = post_step(signed_in, bid, "partners", fields, action="add_row")
    assert response["Location"] == step_url(bid, "partners", "?rows=3#row-3")
    page = signed_in.get(response["Location"]).content.decode()
    assert "Partner 3" in page and "There is a problem" not in page
    fields.update({"rows": "3", "p2_name": "Half typed"})
    response = post_step(signed_in, bid, "partners", fields, action="add_row")
    page = signed_in.get(response["Location"]).content.decode()
    assert "Partner 4" in page and 'value="Half typed"' in page
    assert "There is a problem" not in page
    fields.update({"rows": "4"})
    response = post_step(signed_in, bid, "partners", fields, action="remove_row_2")
    page = signed_in.get(response["Location"]).content.decode()
    assert "Half typed" not in page and "Partner 4" not in page


def test_concurrent_edit_is_not_overwritten(client, bid, applicant, make_user):
    colleague = make_user("colleague@sheffield.ac.uk", name="Cam Colleague")
    BidCollaborator.objects.create(bid=bid, user=colleague)
    sign_in_client(client, applicant)
    post_step(client, bid, "eligibility", ELIGIBLE)
    post_step(client, bid, "geography", {"place_name": "Sheffield", "districts": ["E08000019"]})
    loaded = section(bid, "geography").version
    other = client.__class__()
    sign_in_client(other, colleague)
    post_step(
        other,
        bid,
        "geography",
        {"place_name": "Sheffield City Region", "districts": ["E08000019", "E08000018"]},
        version=loaded,
    )
    response = post_step(
        client,
        bid,
        "geography",
        {"place_name": "Greater Sheffield", "districts": ["E08000019"]},
        version=loaded,
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Cam Colleague changed this section at" in page
    assert "Sheffield City Region" in page  # their answers
    assert 'value="Greater Sheffield"' in page  # this user's text
    assert section(bid, "geography").data["place_name"] == "Sheffield City Region"
    # Saving again from that page (with the new version) replaces theirs.
    response = post_step(
        client, bid, "geography", {"place_name": "Greater Sheffield", "districts": ["E08000019"]}
    )
    assert response.status_code == 302
    assert section(bid, "geography").data["place_name"] == "Greater Sheffield"


def test_check_answers_change_link_returns_to_check(signed_in, bid, open_round):
    post_step(signed_in, bid, "eligibility", ELIGIBLE)
    page = signed_in.get(url("bid_check", bid)).content.decode()
    assert "Not provided" in page
    assert "Submit application" not in page
    fill_all(signed_in, bid, open_round)
    page = signed_in.get(url("bid_check", bid)).content.decode()
    assert "Submit application" in page
    change = step_url(bid, "challenge", "?return=check")
    assert f'href="{change}">Change<span class="govuk-visually-hidden"> title</span>' in page
    response = post_step(
        signed_in,
        bid,
        "challenge",
        {**CHALLENGE, "title": "Better jobs"},
        query="?return=check",
    )
    assert response["Location"] == url("bid_check", bid)
    assert "Better jobs" in signed_in.get(url("bid_check", bid)).content.decode()


def test_submit_at_the_deadline(open_round, applicant):
    closes = open_round.closes_at
    early = make_bid(open_round, applicant)
    late = make_bid(open_round, applicant)
    submission, created = bids.submit(early, applicant, now=closes - dt.timedelta(seconds=1))
    assert created and submission.version == 1
    with pytest.raises(bids.ActionRefused) as refused:
        bids.submit(late, applicant, now=closes + dt.timedelta(seconds=1))
    assert refused.value.message.startswith("The deadline for applications was 12pm on Friday")
    assert refused.value.message.endswith(
        "Your application has not been submitted; it is saved as a draft."
    )
    with pytest.raises(bids.ActionRefused):
        bids.submit(late, applicant, now=closes)
    late.refresh_from_db()
    assert late.status == Bid.Status.DRAFT and late.reference is None
    assert not late.submissions.exists()


def test_late_submit_through_the_view(signed_in, open_round, applicant):
    bid = make_bid(open_round, applicant)
    type(open_round).objects.filter(pk=open_round.pk).update(
        closes_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    )
    response = signed_in.post(url("bid_submit", bid), {"submission_version": "1"}, follow=True)
    assert messages_of(response)[0].startswith("The deadline for applications was")
    assert Bid.objects.get(pk=bid.pk).status == Bid.Status.DRAFT
    # After the deadline the question pages are read-only.
    response = signed_in.get(step_url(bid, "challenge"))
    assert response["Location"] == url("bid_overview", bid)
    assert post_step(signed_in, bid, "challenge", {"title": "x"}).status_code == 302
    assert section(bid, "challenge").data["title"] != "x"


def test_double_submit_makes_one_submission_and_one_email(
    signed_in, open_round, applicant, make_user, django_capture_on_commit_callbacks, mailoutbox
):
    bid = make_bid(open_round, applicant)
    BidCollaborator.objects.create(bid=bid, user=make_user("colleague@sheffield.ac.uk"))
    with django_capture_on_commit_callbacks(execute=True):
        first = signed_in.post(url("bid_submit", bid), {"submission_version": "1"})
        second = signed_in.post(url("bid_submit", bid), {"submission_version": "1"})
    assert first["Location"] == second["Location"] == url("bid_confirmation", bid)
    assert BidSubmission.objects.filter(bid=bid).count() == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.subject == "Leading Places: application LP2-0001 submitted"
    assert sorted(email.to) == ["applicant@council.gov.uk", "colleague@sheffield.ac.uk"]
    name, content, mimetype = email.attachments[0]
    assert name == "LP2-0001-version-1.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(bid=bid, action="bid.submitted").count() == 1
    page = signed_in.get(url("bid_confirmation", bid)).content.decode()
    assert "LP2-0001" in page and "govuk-panel--confirmation" in page


def test_references_are_unique_and_never_reused(open_round, applicant):
    first, second, third = (make_bid(open_round, applicant) for _ in range(3))
    bids.submit(first, applicant)
    bids.submit(second, applicant)
    bids.withdraw(first, applicant, "Merged with another bid")
    bids.reopen(second, applicant)
    bids.submit(second, applicant)
    bids.submit(third, applicant)
    refs = dict(Bid.objects.filter(round=open_round).values_list("pk", "reference"))
    assert [refs[first.pk], refs[second.pk], refs[third.pk]] == ["LP2-0001", "LP2-0002", "LP2-0003"]


def test_reopen_and_resubmit_keeps_each_version(signed_in, open_round, applicant):
    bid = make_bid(open_round, applicant)
    bids.submit(bid, applicant)
    response = signed_in.post(url("bid_reopen", bid))
    assert response["Location"] == url("bid_overview", bid)
    bid.refresh_from_db()
    assert bid.status == Bid.Status.DRAFT and bid.reference == "LP2-0001"
    fields = dict(CHALLENGE, title="Version two")
    assert post_step(signed_in, bid, "challenge", fields).status_code == 302
    response = signed_in.post(url("bid_submit", bid), {"submission_version": "2"})
    assert response["Location"] == url("bid_confirmation", bid)
    versions = list(bid.submissions.order_by("version").values_list("version", "answers"))
    assert [v for v, _ in versions] == [1, 2]
    assert versions[0][1]["challenge"]["title"] == "A shared priority challenge for Sheffield"
    assert versions[1][1]["challenge"]["title"] == "Version two"
    # A stale submit form (version 2 again) does not make a third version.
    response = signed_in.post(url("bid_submit", bid), {"submission_version": "2"})
    assert bid.submissions.count() == 2


def test_withdraw(signed_in, open_round, applicant, make_user):
    bid = make_bid(open_round, applicant)
    bids.submit(bid, applicant)
    response = signed_in.post(url("bid_withdraw", bid), {"reason": ""})
    assert response.status_code == 200
    assert "Enter why you are withdrawing the application" in response.content.decode()
    response = signed_in.post(url("bid_withdraw", bid), {"reason": "Our VC has left"})
    assert response["Location"] == url("bid_withdrawn", bid)
    bid.refresh_from_db()
    assert bid.status == Bid.Status.WITHDRAWN and bid.withdrawal_reason == "Our VC has left"
    event = AuditEvent.objects.get(bid=bid, action="bid.withdrawn")
    assert event.old == {"status": "submitted"} and event.note == "Our VC has left"
    with pytest.raises(bids.ActionRefused):
        bids.submit(bid, applicant)
    editor = make_user("editor@sheffield.ac.uk")
    other = make_bid(open_round, applicant)
    BidCollaborator.objects.create(bid=other, user=editor)
    with pytest.raises(bids.ActionRefused):
        bids.withdraw(other, editor, "not mine to withdraw")


def test_team_invitation(
    client, bid, applicant, make_user, django_capture_on_commit_callbacks, mailoutbox
):
    sign_in_client(client, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("bid_team", bid), {"email": "Uni.Colleague@Sheffield.ac.uk"})
    assert response["Location"] == url("bid_team", bid)
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/apply/invitations/\S+/)", mailoutbox[0].body).group(1)
    response = client.post(url("bid_team", bid), {"email": "applicant@council.gov.uk"})
    assert "applicant@council.gov.uk is already working on this application." in (
        response.content.decode()
    )
    client.logout()
    assert "sign in" in client.get(link).content.decode()
    stranger = make_user("stranger@example.com")
    sign_in_client(client, stranger)
    response = client.get(link)
    assert response.status_code == 403
    assert "This invitation was sent to uni.colleague@sheffield.ac.uk" in response.content.decode()
    colleague = make_user("uni.colleague@sheffield.ac.uk", name="Uni Colleague")
    sign_in_client(client, colleague)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response["Location"] == url("bid_overview", bid)
    assert BidCollaborator.objects.get(bid=bid, user=colleague).role == "editor"
    assert client.get(url("bid_overview", bid)).status_code == 200
    # An editor cannot invite.
    assert client.post(url("bid_team", bid), {"email": "x@example.com"}).status_code == 404
    # Used once only.
    sign_in_client(client, stranger)
    assert client.get(link).status_code == 403


def test_expired_invitation(bid, applicant, make_user):
    invitation = bids.invite(bid, applicant, "late@example.ac.uk")
    late = make_user("late@example.ac.uk")
    with pytest.raises(bids.ActionRefused) as refused:
        bids.accept_invitation(invitation, late, now=invitation.expires_at)
    assert refused.value.message == (
        "This invitation has expired. Ask the lead applicant to invite you again."
    )


def test_pdf_holds_the_submitted_answers(open_round, applicant):
    from applications.pdf import bid_pdf

    bid = make_bid(open_round, applicant, place="Tyneside")
    submission, _ = bids.submit(bid, applicant)
    # A later draft change is not in the PDF of version 1.
    bids.reopen(bid, applicant)
    challenge = section(bid, "challenge")
    challenge.data = {**challenge.data, "title": "Changed after submitting"}
    challenge.save()
    pdf = bid_pdf(submission)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        text = " ".join(text.split())
        assert "Application LP2-0001: Tyneside" in text
        assert "A shared priority challenge for Tyneside" in text
        assert "Changed after submitting" not in text
        assert "Newcastle upon Tyne" in text


def test_dashboard_query_count_is_fixed(client, open_round, applicant, django_assert_num_queries):
    sign_in_client(client, applicant)
    for size in (3, 30):
        while Bid.objects.filter(collaborators__user=applicant).count() < size:
            make_bid(open_round, applicant, submitted=True)
        with django_assert_num_queries(9):
            response = client.get(reverse("applications:dashboard"))
        assert response.status_code == 200
        assert response.content.decode().count("View, change or withdraw") == min(size, 25)


def test_start_a_bid_from_the_dashboard(signed_in, open_round, applicant):
    page = signed_in.get(reverse("applications:dashboard")).content.decode()
    assert "Start a new application" in page
    response = signed_in.post(reverse("applications:start_bid"))
    bid = Bid.objects.get(created_by=applicant)
    assert response["Location"] == url("bid_overview", bid)
    assert BidCollaborator.objects.get(bid=bid).role == "lead"
    page = signed_in.get(url("bid_overview", bid)).content.decode()
    assert page.count("Cannot start yet") == 7
    assert page.count("Not started") == 1
