"""Scoring: the queue, drafts and submission, locking, stale saves, independence and
conflicts, through the views and the functions that own each change."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import permissions
from scoring.assess import assessments
from scoring.models import Assessment, ConflictDeclaration, Score
from tests.assess_helpers import (
    JUSTIFICATION,
    SHORT,
    assign,
    eligible_bid,
    form_data,
    make_criteria,
    make_person,
    submitted_assessment,
)
from tests.factories.accounts import sign_in_client
from tests.factories.scoring import screen_ineligible

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(open_round, applicant, assessor):
    criteria = make_criteria(open_round)
    bid = eligible_bid(open_round, applicant, "Sheffield")
    (assignment,) = assign(bid, assessor)
    return {"round": open_round, "criteria": criteria, "bid": bid, "assignment": assignment}


def score_url(bid):
    return reverse("scoring:score", kwargs={"bid_pk": bid.pk})


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- Queue -----------------------------------------------------------------------------


def test_queue_lists_assigned_eligible_bids_with_status(client, setup, applicant, assessor):
    other = eligible_bid(setup["round"], applicant, "Leeds")
    ineligible = eligible_bid(setup["round"], applicant, "Hull")
    (other_assignment,) = assign(other, assessor)
    assign(ineligible, assessor)
    screen_ineligible(ineligible)  # screening it out takes its assignment away
    submitted_assessment(other_assignment, setup["criteria"], [3, 3, 3, 3, 3])
    sign_in_client(client, assessor)
    page = text(client.get(reverse("scoring:queue")))
    assert "You have submitted 1 of 2 assessments." in page
    assert 'Score<span class="govuk-visually-hidden"> bid</span> LP2-0001' in page
    assert 'View<span class="govuk-visually-hidden"> bid</span> LP2-0002' in page
    assert "LP2-0003" not in page  # ineligible
    assert "Not started" in page and "Submitted" in page
    assert "Yorkshire and The Humber" in page
    assert "Economic growth" in page and "Public service reform" in page


def test_queue_hides_conflicted_bids(client, setup, assessor):
    ConflictDeclaration.objects.create(assessor=assessor, bid=setup["bid"], reason="My employer")
    sign_in_client(client, assessor)
    page = text(client.get(reverse("scoring:queue")))
    assert "LP2-0001" not in page
    assert "No bids have been assigned to you yet" in page


def test_queue_needs_the_assessor_role(client, applicant):
    sign_in_client(client, applicant)
    assert client.get(reverse("scoring:queue")).status_code == 403


@pytest.mark.parametrize("size", [2, 8])
def test_queue_query_count_is_fixed(
    client, setup, applicant, assessor, size, django_assert_num_queries
):
    for _ in range(size):
        bid = eligible_bid(setup["round"], applicant, "Leeds")
        (assignment,) = assign(bid, assessor)
        submitted_assessment(assignment, setup["criteria"], [3, 3, 3, 3, 3])
    sign_in_client(client, assessor)
    # Issue 14: paginated in the database (counts, the page, the returned assessments).
    with django_assert_num_queries(8):
        response = client.get(reverse("scoring:queue"))
    assert text(response).count('class="govuk-tag govuk-tag--') == size + 1


# --- Score form ------------------------------------------------------------------------


def test_score_page_shows_answers_criteria_and_descriptors(client, setup, assessor):
    sign_in_client(client, assessor)
    response = client.get(score_url(setup["bid"]))
    page = text(response)
    assert response.status_code == 200
    assert "A shared priority challenge for Sheffield" in page  # the bid's answers
    assert "Strength of partnership" in page and "Weight 30%." in page
    assert "A bid scoring below 3 here cannot be selected." in page
    # the guidance of Place and geography (scoring.demo.CRITERIA)
    assert "Whether the place is coherent and the bid shows an understanding" in page
    assert "3 – Satisfactory" in page and "0 – No evidence" in page
    assert 'name="version" value="0"' in page
    assert "Fund with reservations" in page


def test_draft_saves_partial_answers_without_word_errors(client, setup, assessor):
    criteria = setup["criteria"]
    sign_in_client(client, assessor)
    data = form_data(
        criteria, [4, None, None, None, None], justification=SHORT, recommendation="", save="1"
    )
    response = client.post(score_url(setup["bid"]), data)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.status == "in_progress"
    assert assessment.version == 1
    assert assessment.submitted_at is None
    saved = {s.criterion_id: (s.score, s.justification) for s in assessment.scores.all()}
    assert saved[criteria[0].pk] == (4, SHORT)
    assert saved[criteria[1].pk] == (None, SHORT)
    page = text(client.get(score_url(setup["bid"])))
    assert "Your draft has been saved at" in page
    assert 'name="version" value="1"' in page
    assert SHORT in page
    # simple-history records the change with who made it.
    record = Score.history.filter(criterion=criteria[0]).first()
    assert (record.score, record.history_user) == (4, assessor)
    assert Assessment.history.first().history_user == assessor


def test_submit_needs_thirty_words_and_keeps_the_text(client, setup, assessor):
    criteria = setup["criteria"]
    sign_in_client(client, assessor)
    words = " ".join(["word"] * 12)
    data = form_data(criteria, [4, 4, 4, 4, 4], submit="1")
    data[f"justification_{criteria[0].pk}"] = words
    response = client.post(score_url(setup["bid"]), data)
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    message = "Justification for Strength of partnership must be at least 30 words (you have 12)"
    assert page.count(message) == 2  # in the summary and beside the field
    assert f'href="#id_justification_{criteria[0].pk}"' in page
    assert words in page
    assert JUSTIFICATION in page
    assert not Assessment.objects.exists()


def test_submit_needs_every_score_and_a_recommendation(client, setup, assessor):
    criteria = setup["criteria"]
    sign_in_client(client, assessor)
    data = form_data(criteria, [4, None, 4, 4, 4], recommendation="", submit="1")
    data[f"justification_{criteria[2].pk}"] = ""
    page = text(client.post(score_url(setup["bid"]), data))
    assert "Select a score for Place and geography" in page
    assert "Enter a justification for Ambition and clarity of the challenge" in page
    assert "Select an overall recommendation" in page
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("bad", ["6", "-1", "three"])
def test_scores_outside_the_scale_are_refused(client, setup, assessor, bad):
    criteria = setup["criteria"]
    sign_in_client(client, assessor)
    data = form_data(criteria, [bad, 3, 3, 3, 3], save="1")
    page = text(client.post(score_url(setup["bid"]), data))
    assert "Score for Strength of partnership must be a whole number from 0 to 5" in page
    assert JUSTIFICATION in page
    assert not Assessment.objects.exists()


def test_scale_is_also_checked_by_the_function(setup, assessor):
    entries = {setup["criteria"][0].pk: assessments.Entry(9, "")}
    with pytest.raises(ValidationError) as error:
        assessments.save_draft(assessor, setup["assignment"], entries)
    assert error.value.message_dict == {
        f"score_{setup['criteria'][0].pk}": [
            "Score for Strength of partnership must be a whole number from 0 to 5"
        ]
    }


def test_submit_locks_the_assessment(client, setup, assessor):
    criteria = setup["criteria"]
    sign_in_client(client, assessor)
    response = client.post(
        score_url(setup["bid"]), form_data(criteria, [4, 3, 5, 2, 4], submit="1")
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.status == "submitted"
    assert assessment.submitted_at is not None
    assert assessment.recommendation == "fund"
    page = text(client.get(score_url(setup["bid"])))
    assert "Your assessment of LP2-0001 has been submitted" in page
    assert "Your assessment is locked." in page
    assert "Submit assessment" not in page
    # A later post (an old tab) is refused and the typed text shown again, not saved.
    response = client.post(
        score_url(setup["bid"]),
        form_data(criteria, [1, 1, 1, 1, 1], justification="Changed my mind " * 10, save="1"),
    )
    assert response.status_code == 409
    page = text(response)
    assert "You have already submitted this assessment, so it cannot be changed." in page
    assert "Changed my mind" in page
    assert sorted(Score.objects.values_list("score", flat=True)) == [2, 3, 4, 4, 5]
    with pytest.raises(assessments.AssessmentLocked):
        assessments.save_draft(assessor, setup["assignment"], {}, version=assessment.version)


def test_stale_save_from_another_tab_is_refused_and_text_kept(client, setup, assessor):
    criteria = setup["criteria"]
    sign_in_client(client, assessor)
    first = form_data(
        criteria,
        [4, None, None, None, None],
        justification="First tab text",
        recommendation="",
        save="1",
    )
    assert client.post(score_url(setup["bid"]), first).status_code == 302
    second = form_data(
        criteria,
        [2, None, None, None, None],
        justification="Second tab text",
        recommendation="",
        save="1",
    )  # loaded at version 0
    response = client.post(score_url(setup["bid"]), second)
    page = text(response)
    assert response.status_code == 409
    assert "This assessment was saved in another tab or window at" in page
    assert "Saved now in the other tab or window" in page
    assert "First tab text" in page  # what is saved now
    assert "Second tab text" in page  # what the user typed, still in the boxes
    assert 'name="version" value="1"' in page
    assert Score.objects.get(criterion=criteria[0]).justification == "First tab text"
    # Saving again from that page (now at version 1) replaces it knowingly.
    second["version"] = 1
    assert client.post(score_url(setup["bid"]), second).status_code == 302
    assert Score.objects.get(criterion=criteria[0]).justification == "Second tab text"


def test_posting_for_a_bid_not_assigned_is_404(client, setup, applicant, make_user):
    other = make_person("other.assessor@uni.ac.uk")
    sign_in_client(client, other)
    url = score_url(setup["bid"])
    assert client.get(url).status_code == 404
    response = client.post(url, form_data(setup["criteria"], [3] * 5, submit="1"))
    assert response.status_code == 404
    assert not Assessment.objects.exists()
    with pytest.raises(PermissionDenied):
        assessments.save_draft(other, setup["assignment"], {})


def test_ineligible_bid_cannot_be_scored(client, setup, assessor):
    screen_ineligible(setup["bid"])
    sign_in_client(client, assessor)
    assert client.get(score_url(setup["bid"])).status_code == 404


# --- Independence ----------------------------------------------------------------------


@pytest.fixture
def panel(setup, assessor):
    """Two other assessors have submitted; ours has not."""
    others = [make_person(f"a{i}@uni.ac.uk", name=f"Other Assessor {i}") for i in (1, 2)]
    assignments = assign(setup["bid"], *others)
    submitted_assessment(
        assignments[0],
        setup["criteria"],
        [1, 2, 3, 4, 5],
        justification="Unique words of assessor one " * 6,
    )
    submitted_assessment(assignments[1], setup["criteria"], [5, 4, 3, 2, 1], "do_not_fund")
    return others


def test_others_scores_are_hidden_until_own_submission(client, setup, panel, assessor):
    sign_in_client(client, assessor)
    page = text(client.get(score_url(setup["bid"])))
    assert "Other Assessor 1" not in page
    assert "Unique words of assessor one" not in page
    assert "Scores side by side" not in page
    # Nor through moderation pages (an assessor is not a chair: 403).
    bid_url = reverse("scoring:moderate_bid", kwargs={"bid_pk": setup["bid"].pk})
    assert client.get(bid_url).status_code == 403
    client.post(score_url(setup["bid"]), form_data(setup["criteria"], [3] * 5, submit="1"))
    page = text(client.get(score_url(setup["bid"])))
    assert "Scores side by side" in page
    assert "Other Assessor 1" in page and "Other Assessor 2" in page
    assert "Unique words of assessor one" in page
    assert "Fund" in page and "Do not fund" in page
    assert 'type="radio"' not in page  # read-only


def test_a_chair_assessing_the_bid_sees_no_scores_until_submitting(client, setup, panel):
    chair_assessor = make_person(
        "chair.assessor@local.gov.uk", permissions.PANEL_CHAIR, permissions.ASSESSOR
    )
    (assignment,) = assign(setup["bid"], chair_assessor)
    sign_in_client(client, chair_assessor)
    bid_url = reverse("scoring:moderate_bid", kwargs={"bid_pk": setup["bid"].pk})
    assert client.get(bid_url).status_code == 404
    dashboard = text(client.get(reverse("scoring:moderation")))
    assert "scores are hidden until you submit your own" in dashboard
    assert "govuk-tag--red" not in dashboard
    submitted_assessment(assignment, setup["criteria"], [3] * 5)
    assert client.get(bid_url).status_code == 200


# --- Conflicts -------------------------------------------------------------------------


def test_a_conflicted_assessor_gets_404_everywhere(client, setup, panel, assessor):
    permissions.add_role(assessor, permissions.PANEL_CHAIR)
    ConflictDeclaration.objects.create(assessor=assessor, bid=setup["bid"], reason="Governor")
    sign_in_client(client, assessor)
    bid = setup["bid"]
    criterion = setup["criteria"][0]
    assessment = Assessment.objects.filter(assignment__bid=bid).first()
    urls = [
        score_url(bid),
        reverse("scoring:moderate_bid", kwargs={"bid_pk": bid.pk}),
        reverse(
            "scoring:moderate_criterion", kwargs={"bid_pk": bid.pk, "criterion_pk": criterion.pk}
        ),
        reverse(
            "scoring:return_assessment",
            kwargs={"bid_pk": bid.pk, "assessment_pk": assessment.pk},
        ),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"score": "3", "rationale": "x", "comment": "x"}).status_code == 404
        ), url
    assert "LP2-0001" not in text(client.get(reverse("scoring:queue")))
    assert "LP2-0001" not in text(client.get(reverse("scoring:moderation")))
    assert not bid.moderated_scores.exists()
