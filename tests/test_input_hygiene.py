"""Issue 12, reproductions 7-9: NUL in any field, formset management data, Cache-Control on
signed-in pages, and a section save without its version."""

import json
import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from applications.answers import STEP_NAMES
from applications.models import BidSection
from core.middleware import clean_data
from tests.factories.accounts import sign_in_client
from tests.factories.applications import make_bid, post_step, section, step_url, version_of

pytestmark = pytest.mark.django_db

NUL = "\x00"


def field_names(html):
    """The names of every field in the page's main form (inputs, text areas, selects)."""
    form = html[html.index('<form method="post" novalidate>') :]
    form = form[: form.index("</form>")]
    names = re.findall(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"', form)
    return sorted(set(names) - {"csrfmiddlewaretoken", "section_version", "action"})


def test_clean_data_removes_nul_from_names_and_values():
    data = QueryDict(mutable=True)
    data.setlist("title", ["A\x00B", "C"])
    data.setlist("bad\x00name", ["x"])
    cleaned = clean_data(data)
    assert cleaned.getlist("title") == ["AB", "C"]
    assert cleaned.getlist("badname") == ["x"]
    assert "bad\x00name" not in cleaned
    clean = QueryDict("a=1")
    assert clean_data(clean) is clean  # nothing to do, nothing copied


@pytest.mark.parametrize("step", STEP_NAMES)
@pytest.mark.parametrize("action", ["continue", "later"])
def test_nul_in_every_field_of_every_question_page_is_no_500(
    client, open_round, applicant, step, action
):
    bid = make_bid(open_round, applicant)
    sign_in_client(client, applicant)
    page = client.get(step_url(bid, step))
    assert page.status_code == 200
    names = field_names(page.content.decode())
    assert names, step
    data = dict.fromkeys(names, f"Text{NUL}with a NUL")
    data.update(action=action, section_version=version_of(bid, step))
    response = client.post(step_url(bid, step), data)
    assert response.status_code in (200, 302), (step, response.status_code)
    stored = json.dumps(section(bid, step).data)
    assert "\\u0000" not in stored
    if "_draft" in section(bid, step).data:  # the raw input is kept, without the NUL
        draft = section(bid, step).data["_draft"]
        assert draft[names[-1]] == ["Textwith a NUL"]


def test_nul_in_a_search_is_no_500(client, staff_user, open_round):
    sign_in_client(client, staff_user)
    for url in ["/apply/staff/bids/", "/apply/staff/organisations/", "/outbox/"]:
        response = client.get(url, {"q": f"Shef{NUL}field", "status": NUL}, follow=True)
        assert response.status_code in (200, 404), url


def test_nul_in_the_sign_in_and_sign_up_forms_is_no_500(client):
    response = client.post("/account/sign-in/", {"email": f"a{NUL}@b.com", "password": NUL})
    assert response.status_code == 200
    response = client.post(
        "/account/sign-up/",
        {"full_name": f"Jo{NUL}", "email": f"jo{NUL}@x.gov.uk", "password1": NUL},
    )
    assert response.status_code == 200


def criteria_post(total):
    return {
        "form-TOTAL_FORMS": str(total),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-name": "Strength of the partnership",
        "form-0-weight": "100",
    }


def test_huge_formset_management_data_is_refused_with_a_message(client, staff_user, open_round):
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_criteria_edit", args=[open_round.slug])
    response = client.post(url, criteria_post(9223372036854775808))
    html = response.content.decode()
    assert response.status_code == 200
    assert "A round can have at most 20 criteria" in html
    # At most the absolute maximum of forms is built and shown (the issue saw 10 MB).
    assert len(set(re.findall(r'name="form-(\d+)-name"', html))) <= 20
    assert len(html) < 400_000
    assert not open_round.criteria.exists()


def test_huge_rows_management_data_on_a_question_page(client, open_round, applicant):
    bid = make_bid(open_round, applicant)
    sign_in_client(client, applicant)
    html = client.get(step_url(bid, "partners")).content.decode()
    data = dict.fromkeys(field_names(html), "")
    data.update({"partners-rows": "9223372036854775808", "action": "continue"})
    data["section_version"] = version_of(bid, "partners")
    response = client.post(step_url(bid, "partners"), data)
    assert response.status_code == 200  # the page again, with its messages
    rows = set(re.findall(r'name="partners-p(\d+)_name"', response.content.decode()))
    assert 1 <= len(rows) <= 10


def test_signed_in_pages_are_private_and_not_stored(client, applicant, open_round):
    anonymous = client.get("/")
    assert "private" not in anonymous.get("Cache-Control", "")
    sign_in_client(client, applicant)
    for url in ["/", "/apply/", "/account/", "/accessibility/"]:
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", url


def test_a_section_save_without_its_version_is_refused_and_the_input_kept(
    client, open_round, applicant
):
    bid = make_bid(open_round, applicant)
    sign_in_client(client, applicant)
    before = section(bid, "challenge")
    data = {"challenge-title": "A title typed in another tab", "action": "continue"}
    response = client.post(step_url(bid, "challenge"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your answers have not been saved: we could not check whether someone else" in html
    assert 'value="A title typed in another tab"' in html
    assert f'name="section_version" value="{before.version}"' in html
    after = BidSection.objects.get(pk=before.pk)
    assert (after.version, after.data) == (before.version, before.data)
    # Saving again from the page (which now carries the version) works.
    saved = post_step(client, bid, "challenge", {"title": "A title"}, action="later")
    assert saved.status_code == 302
    assert section(bid, "challenge").version == before.version + 1
