from decimal import Decimal

import pytest
from django.urls import reverse

from applications.models import AuditEvent, Round
from scoring.models import Assessment, Assignment, Criterion, ModeratedScore, Score
from scoring.setup import criteria as rules
from tests.factories.accounts import sign_in_client
from tests.setup_helpers import add_criteria, make_assessors, submitted_bids

pytestmark = pytest.mark.django_db

LEVELS = "No evidence\nPoor\nPartial\nSatisfactory\nGood\nStrong"


def formset_data(rows, initial=0):
    """POST data for the criteria formset: rows are dicts of field values."""
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        values = {
            "guidance": "",
            "scale_min": "0",
            "scale_max": "5",
            "levels_text": LEVELS,
            "minimum": "",
            "ORDER": str(i + 1),
        } | row
        for key, value in values.items():
            if value is not None:
                data[f"form-{i}-{key}"] = value
    return data


def test_weights_must_total_100_with_an_exact_message():
    assert rules.weights_error([30, 20, 20, 15, 10]) == (
        "The weights must total 100%. They total 95%."
    )
    assert rules.weights_error([Decimal("12.5"), Decimal("87.5")]) is None
    assert rules.weights_error([Decimal("33.33")] * 3) == (
        "The weights must total 100%. They total 99.99%."
    )


def test_staff_add_criteria_with_a_weights_error_on_the_way(client, staff_user, open_round):
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_criteria_edit", args=[open_round.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert 'Total of the weights: <strong data-weights-total aria-live="polite">0%' in (
        page.content.decode()
    )
    rows = [
        {"name": "Strength of partnership", "weight": "60", "minimum": "3"},
        {"name": "Place and geography", "weight": "30"},
    ]
    response = client.post(url, formset_data(rows))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "<li>The weights must total 100%. They total 90%.</li>" in html
    assert 'data-weights-total aria-live="polite">90%' in html
    assert Criterion.objects.filter(round=open_round).count() == 0

    rows[1]["weight"] = "40"
    response = client.post(url, formset_data(rows))
    assert response.status_code == 302
    saved = list(Criterion.objects.filter(round=open_round))
    assert [(c.name, c.weight, c.minimum, c.position) for c in saved] == [
        ("Strength of partnership", Decimal("60.00"), Decimal("3.0"), 1),
        ("Place and geography", Decimal("40.00"), None, 2),
    ]
    assert saved[0].levels[3] == {"score": 3, "descriptor": "Satisfactory"}
    event = AuditEvent.objects.get(action="criteria.changed")
    assert event.actor == staff_user
    assert event.round == open_round
    assert event.old == []
    assert event.new == [
        {"name": "Strength of partnership", "weight": "60", "minimum": "3", "scale": "0-5"},
        {"name": "Place and geography", "weight": "40", "minimum": None, "scale": "0-5"},
    ]
    listing = client.get(reverse("scoring:setup_criteria", args=[open_round.slug]))
    assert "<strong>100%</strong>" in listing.content.decode()


def test_edit_reorder_and_remove(client, staff_user, open_round):
    made = add_criteria(open_round)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_criteria_edit", args=[open_round.slug])
    rows = []
    for c in made:
        rows.append(
            {
                "id": str(c.pk),
                "name": c.name,
                "weight": str(c.weight),
                "minimum": "" if c.minimum is None else str(c.minimum),
                "guidance": c.guidance,
            }
        )
    # Remove "Outcomes and public value" (15), give its weight to "Place and geography",
    # and move "Deliverability" to the top.
    rows[4]["DELETE"] = "on"
    rows[1]["weight"] = "35"
    rows[3]["ORDER"] = "0"
    response = client.post(url, formset_data(rows, initial=5))
    assert response.status_code == 302
    assert [(c.name, c.weight) for c in Criterion.objects.filter(round=open_round)] == [
        ("Deliverability within the programme", Decimal("15.00")),
        ("Strength of partnership", Decimal("30.00")),
        ("Place and geography", Decimal("35.00")),
        ("Ambition and clarity of the challenge", Decimal("20.00")),
    ]


def test_bad_scale_and_descriptors_get_clear_messages(client, staff_user, open_round):
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_criteria_edit", args=[open_round.slug])
    rows = [
        {"name": "A", "weight": "50", "scale_max": "4"},
        {"name": "B", "weight": "fifty"},
        {"name": "", "weight": "", "minimum": "7", "guidance": "Something"},
    ]
    html = client.post(url, formset_data(rows)).content.decode()
    assert "Enter one description for each score from 0 to 4 (5 lines); you entered 6" in html
    assert "Weight must be a number, like 20" in html
    assert "Enter a name for the criterion" in html
    assert "Enter a weight" in html
    assert "Minimum score must be between 0 and 5" in html
    assert Criterion.objects.count() == 0


def test_duplicate_names_are_refused(client, staff_user, open_round):
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_criteria_edit", args=[open_round.slug])
    rows = [{"name": "Same", "weight": "50"}, {"name": "same", "weight": "50"}]
    html = client.post(url, formset_data(rows)).content.decode()
    assert "<li>Each criterion must have a different name</li>" in html


def _start_scoring(round_, applicant, make_user):
    """Two assessments: one in progress with 3 scores, one submitted with 5."""
    made = add_criteria(round_)
    bid = submitted_bids(round_, applicant, 1)[0]
    first, second = make_assessors(make_user, 2)
    a1 = Assessment.objects.create(
        assignment=Assignment.objects.create(bid=bid, assessor=first),
        status=Assessment.Status.IN_PROGRESS,
    )
    a2 = Assessment.objects.create(
        assignment=Assignment.objects.create(bid=bid, assessor=second),
        status=Assessment.Status.SUBMITTED,
        recommendation=Assessment.Recommendation.FUND,
    )
    for c in made[:3]:
        Score.objects.create(assessment=a1, criterion=c, score=3, justification="Fine")
    for c in made:
        Score.objects.create(assessment=a2, criterion=c, score=4, justification="Good")
    Score.objects.create(assessment=a1, criterion=made[4], score=None, justification="")
    return made, bid, (a1, a2)


def test_criteria_lock_once_scoring_starts(client, staff_user, open_round, applicant, make_user):
    made, _, _ = _start_scoring(open_round, applicant, make_user)
    assert rules.scoring_started(open_round) is True
    assert rules.scoring_counts(open_round) == (8, 2)
    rows = [{n: getattr(c, n) for n in rules.FIELDS} | {"id": c.pk} for c in made]
    with pytest.raises(rules.CriteriaError) as error:
        rules.save_criteria(open_round, rows, staff_user)
    assert str(error.value) == (
        "Scoring has started, so the criteria and weights are locked. "
        "Reset the scores to change them."
    )
    sign_in_client(client, staff_user)
    edit = client.get(reverse("scoring:setup_criteria_edit", args=[open_round.slug]))
    assert edit.status_code == 302
    page = client.get(reverse("scoring:setup_criteria", args=[open_round.slug])).content.decode()
    assert "Scoring has started, so the criteria and weights are locked." in page
    assert "Reset 8 scores from 2 assessments and unlock the criteria" in page
    assert "Change the criteria" not in page


def test_a_single_assessment_in_progress_locks_the_criteria(open_round, applicant, make_user):
    add_criteria(open_round)
    bid = submitted_bids(open_round, applicant, 1)[0]
    (assessor,) = make_assessors(make_user, 1)
    assignment = Assignment.objects.create(bid=bid, assessor=assessor)
    assessment = Assessment.objects.create(assignment=assignment)
    assert rules.scoring_started(open_round) is False
    assessment.status = Assessment.Status.IN_PROGRESS
    assessment.save()
    assert rules.scoring_started(open_round) is True


def test_reset_scores_unlocks_the_criteria(client, staff_user, open_round, applicant, make_user):
    made, bid, (a1, a2) = _start_scoring(open_round, applicant, make_user)
    ModeratedScore.objects.create(
        bid=bid, criterion=made[0], score=4, rationale="Agreed", moderated_by=staff_user
    )
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_criteria_reset", args=[open_round.slug])
    page = client.get(url).content.decode()
    assert "Reset 8 scores from 2 assessments and unlock the criteria" in page
    # Without the confirmation box ticked, nothing happens.
    response = client.post(url, {"scores": "8", "assessments": "2"})
    assert "Confirm that you want to reset the scores" in response.content.decode()
    assert Score.objects.count() == 9
    # Numbers that no longer match what is there: confirm again.
    response = client.post(url, {"scores": "7", "assessments": "2", "confirm": "on"})
    assert response.status_code == 302
    assert Score.objects.count() == 9
    response = client.post(url, {"scores": "8", "assessments": "2", "confirm": "on"})
    assert response.status_code == 302
    assert response.url == reverse("scoring:setup_criteria", args=[open_round.slug])
    assert Score.objects.count() == 0
    assert ModeratedScore.objects.count() == 0
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert (a2.status, a2.recommendation, a2.submitted_at) == ("not_started", "", None)
    assert a1.status == "not_started"
    assert rules.scoring_started(open_round) is False
    assert Score.history.filter(history_type="-").count() == 9
    event = AuditEvent.objects.get(action="criteria.scores_reset")
    assert (event.actor, event.old, event.new) == (
        staff_user,
        {"scores": 8, "assessments": 2},
        {"scores": 0, "assessments": 0},
    )
    edit = client.get(reverse("scoring:setup_criteria_edit", args=[open_round.slug]))
    assert edit.status_code == 200


def test_copy_criteria_from_an_earlier_round(client, staff_user, open_round):
    earlier = Round.objects.get(number=1)
    add_criteria(earlier, weights=[40, 15, 15, 15, 15])
    Criterion.objects.create(round=open_round, name="Old", weight=100)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_criteria_copy", args=[open_round.slug])
    page = client.get(url).content.decode()
    assert "This replaces the 1 criterion this round has now." in page
    response = client.post(url, {"source": earlier.pk})
    assert response.status_code == 302
    copied = list(Criterion.objects.filter(round=open_round))
    assert [(c.name, c.weight, c.minimum) for c in copied] == [
        ("Strength of partnership", Decimal("40.00"), Decimal("3.0")),
        ("Place and geography", Decimal("15.00"), None),
        ("Ambition and clarity of the challenge", Decimal("15.00"), None),
        ("Deliverability within the programme", Decimal("15.00"), None),
        ("Outcomes and public value", Decimal("15.00"), None),
    ]
    assert Criterion.objects.filter(round=earlier).count() == 5
    copied_event = AuditEvent.objects.get(action="criteria.copied")
    assert copied_event.new == {"from": str(earlier), "criteria": 5}
    changed = AuditEvent.objects.get(action="criteria.changed", round=open_round)
    assert changed.old == [{"name": "Old", "weight": "100", "minimum": None, "scale": "0-5"}]


def test_copy_refused_when_locked(staff_user, open_round, applicant, make_user):
    _start_scoring(open_round, applicant, make_user)
    earlier = Round.objects.get(number=1)
    add_criteria(earlier)
    with pytest.raises(rules.CriteriaError):
        rules.copy_criteria(earlier, open_round, staff_user)
    assert Criterion.objects.filter(round=open_round).count() == 5


@pytest.mark.parametrize(
    "name",
    ["setup_criteria", "setup_criteria_edit", "setup_criteria_copy", "setup_screening"],
)
def test_only_staff_see_the_set_up_pages(client, applicant, assessor, open_round, name):
    url = reverse(f"scoring:{name}", args=[open_round.slug])
    assert client.get(url).status_code == 302
    for user in (applicant, assessor):
        sign_in_client(client, user)
        assert client.get(url).status_code == 403


def test_admin_warns_when_weights_do_not_total_100_and_respects_the_lock(
    client, make_user, open_round, applicant
):
    import json

    admin_user = make_user("admin@local.gov.uk", [], "Ada Admin", is_staff=True, is_superuser=True)
    sign_in_client(client, admin_user)
    response = client.post(
        "/admin/scoring/criterion/add/",
        {
            "round": open_round.pk,
            "position": "9",
            "name": "Added in the admin",
            "guidance": "",
            "weight": "30",
            "scale_min": "0",
            "scale_max": "5",
            "levels": json.dumps([{"score": i, "descriptor": str(i)} for i in range(6)]),
            "minimum": "",
        },
        follow=True,
    )
    assert "The weights must total 100%. They total 30%." in response.content.decode()
    criterion = Criterion.objects.get(round=open_round, name="Added in the admin")
    change_url = f"/admin/scoring/criterion/{criterion.pk}/change/"
    assert 'name="name"' in client.get(change_url).content.decode()
    _start_scoring(open_round, applicant, make_user)
    page = client.get(change_url).content.decode()
    assert 'name="name"' not in page  # read only once scoring has started
