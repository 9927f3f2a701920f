"""Lessons learnt and next steps, and the end-of-programme evaluation: carried over from
the bid, a rating needs evidence, submitted once; the summary by theme and region; the
report's warning about partnerships without lessons; the report page's query count."""

import datetime as dt

import pytest
from django.urls import reverse

from applications.samples import WORDS
from learning import evaluation, lessons, publishing, themes
from learning.evaluation import ItemAnswer
from learning.items import from_answers, split
from learning.models import Evaluation, Lessons, Report
from learning.pilots import load_round_one_learning
from learning.summary import summarise
from notifications.models import OutboxMessage
from programme.pilots import load_round_one_programme
from tests.factories.accounts import applicant_for, sign_in_client
from tests.factories.applications import date_fields
from tests.programme_helpers import announced_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_of_two(open_round, chair, staff_user):
    members = announced_cohort(open_round, chair, staff_user, places=["Sheffield", "Leeds"])
    return members, members["Sheffield"].cohort


def test_items_are_one_per_line_without_list_markers():
    assert split("- More jobs\n* Better health\n\n1. A shared plan\n(b) Trust") == [
        "More jobs",
        "Better health",
        "A shared plan",
        "Trust",
    ]
    assert split("One paragraph, with - a dash inside.") == ["One paragraph, with - a dash inside."]
    answers = {"challenge": {"outcomes": "More jobs\nBetter health", "measures": "Quarterly."}}
    assert [(i.kind, i.text) for i in from_answers(answers)] == [
        ("outcome", "More jobs"),
        ("outcome", "Better health"),
        ("measure", "Quarterly."),
    ]
    assert [(i.kind, i.text) for i in from_answers(None, "The pilot's challenge")] == [
        ("challenge", "The pilot's challenge")
    ]


def test_opening_carries_over_the_bid_and_emails_each_team_once(cohort_of_two, staff_user):
    members, cohort = cohort_of_two
    opened = evaluation.open_evaluations(cohort, staff_user)
    assert len(opened) == 2
    assert evaluation.open_evaluations(cohort, staff_user) == []
    record = Evaluation.objects.get(member=members["Sheffield"])
    assert [(i.kind, i.text) for i in record.items.order_by("position")] == [
        ("outcome", WORDS),
        ("measure", "Quarterly indicators agreed by the leadership group."),
    ]
    assert sorted(
        OutboxMessage.objects.filter(kind="learning_evaluation_opened").values_list(
            "to_email", flat=True
        )
    ) == ["lead@leeds.example.gov.uk", "lead@sheffield.example.gov.uk"]


def evaluation_post(record, ratings, action="submit", **extra):
    data = {"action": action, "overall": "Good progress.", "after_programme": "Keep meeting."}
    for item, (rating, evidence) in zip(record.items.order_by("position"), ratings, strict=True):
        data[f"item-{item.pk}-rating"] = rating
        data[f"item-{item.pk}-evidence"] = evidence
    data.update(extra)
    return data


def test_a_rating_without_evidence_is_refused_beside_it_and_nothing_is_saved(
    client, cohort_of_two, staff_user
):
    members, cohort = cohort_of_two
    evaluation.open_evaluations(cohort, staff_user)
    record = Evaluation.objects.get(member=members["Sheffield"])
    outcome, measure = record.items.order_by("position")
    sign_in_client(client, applicant_for("Sheffield"))
    url = reverse("learning:evaluation", args=[members["Sheffield"].pk])
    response = client.post(
        url, evaluation_post(record, [("achieved", "A jobs board met."), ("partly", "")])
    )
    assert response.status_code == 200
    assert f'href="#id_item-{measure.pk}-evidence">Give the evidence for the rating of' in (
        response.content.decode()
    )
    assert "A jobs board met." in response.content.decode()
    outcome.refresh_from_db()
    assert (outcome.rating, outcome.evidence) == ("", "")
    response = client.post(
        url,
        evaluation_post(record, [("achieved", "A jobs board met."), ("partly", "Two of four.")]),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.is_submitted
    assert list(record.items.order_by("position").values_list("rating", flat=True)) == [
        "achieved",
        "partly",
    ]
    with pytest.raises(evaluation.Refused, match="submitted"):
        evaluation.save_evaluation(
            record, staff_user, answers={}, overall="", after_programme="", submit=False
        )
    sign_in_client(client, applicant_for("Leeds"))
    assert client.get(url).status_code == 404  # another partnership's evaluation


def test_a_draft_may_leave_items_unrated_but_submitting_needs_every_rating(
    cohort_of_two, staff_user
):
    members, cohort = cohort_of_two
    evaluation.open_evaluations(cohort, staff_user)
    record = Evaluation.objects.get(member=members["Leeds"])
    lead = applicant_for("Leeds")
    first, second = record.items.order_by("position")
    answers = {
        first.pk: ItemAnswer("not_yet", "The board has not met."),
        second.pk: ItemAnswer("", ""),
    }
    evaluation.save_evaluation(
        record, lead, answers=answers, overall="", after_programme="", submit=False
    )
    with pytest.raises(evaluation.Refused, match="Rate the progress") as refused:
        evaluation.save_evaluation(
            record, lead, answers=answers, overall="x", after_programme="y", submit=True
        )
    assert refused.value.field == f"item-{second.pk}-rating"
    first.refresh_from_db()
    assert first.rating == "not_yet"


def test_summary_by_theme_and_region_is_exact():
    rows = [
        ("Sheffield", "Economic growth", "Yorkshire and The Humber", "achieved"),
        ("Sheffield", "Economic growth", "Yorkshire and The Humber", "partly"),
        ("Leeds", "Public service reform", "Yorkshire and The Humber", "achieved"),
        ("Leeds", "Public service reform", "Yorkshire and The Humber", "no_longer_relevant"),
        ("Bristol", "Economic growth", "South West", "not_yet"),
    ]
    result = summarise(rows, partnerships=4)
    assert result.total.cells == [2, 1, 1, 1]
    assert [(line.label, line.partnerships, line.cells) for line in result.by_theme] == [
        ("Economic growth", 2, [1, 1, 1, 0]),
        ("Public service reform", 1, [1, 0, 0, 1]),
    ]
    assert [(line.label, line.partnerships, line.cells) for line in result.by_region] == [
        ("South West", 1, [0, 0, 1, 0]),
        ("Yorkshire and The Humber", 2, [2, 1, 0, 1]),
    ]
    assert result.sentence == (
        "3 of 4 partnerships evaluated their progress: 2 of 5 expected outcomes and measures of "
        "success achieved, 1 partly."
    )


def test_lessons_are_dated_editable_until_locked(client, cohort_of_two, staff_user):
    members, cohort = cohort_of_two
    sheffield = members["Sheffield"]
    lead = applicant_for("Sheffield")
    sign_in_client(client, lead)
    url = reverse("learning:lessons", args=[sheffield.pk])
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    data = {
        "learnt": "Trust takes time.",
        "next_steps": "Agree objectives.",
        **date_fields("recorded_on", tomorrow),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The date of the lessons must be today or in the past" in response.content.decode()
    assert not Lessons.objects.exists()
    response = client.post(url, {**data, **date_fields("recorded_on", dt.date.today())})
    assert response.status_code == 302
    record = Lessons.objects.get(member=sheffield)
    lessons.lock(record, staff_user)
    response = client.post(
        url, {**data, "learnt": "Changed", **date_fields("recorded_on", dt.date.today())}
    )
    assert response.status_code == 200
    assert "locked the lessons learnt and next steps" in response.content.decode()
    record.refresh_from_db()
    assert record.learnt == "Trust takes time."
    sign_in_client(client, applicant_for("Leeds"))
    assert client.get(url).status_code == 404
    lessons.unlock(record, staff_user)
    lessons.save_lessons(
        sheffield,
        lead,
        learnt="Changed",
        next_steps="Agree objectives.",
        recorded_on=dt.date.today(),
    )
    assert Lessons.objects.get(member=sheffield).learnt == "Changed"


def test_publishing_warns_and_lists_partnerships_without_lessons(client, cohort_of_two, staff_user):
    members, cohort = cohort_of_two
    lessons.save_lessons(
        members["Sheffield"],
        applicant_for("Sheffield"),
        learnt="Trust takes time.",
        next_steps="Agree objectives.",
        recorded_on=dt.date.today(),
    )
    sign_in_client(client, staff_user)
    url = reverse("learning:report", args=[cohort.round.slug])
    leeds = members["Leeds"]
    response = client.post(url, {"action": "publish", "missing": str(leeds.pk)})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f"1 partnership has no lessons learnt and next steps yet: {leeds.partnership_name}." in page
    )
    assert not Report.objects.filter(published_at__isnull=False).exists()
    assert not Lessons.objects.get(member=members["Sheffield"]).is_locked
    public = reverse("learning:public_report", args=[cohort.round.slug])
    client.logout()
    assert client.get(public).status_code == 404
    sign_in_client(client, staff_user)
    response = client.post(
        url, {"action": "publish", "missing": str(leeds.pk), "publish_without": "on"}
    )
    assert response.status_code == 302
    assert Lessons.objects.get(member=members["Sheffield"]).is_locked
    client.logout()
    page = client.get(public).content.decode()
    assert "Trust takes time." in page
    assert client.get(public + "report.pdf").status_code == 200


def test_confirming_an_old_list_is_not_enough(cohort_of_two, staff_user):
    members, cohort = cohort_of_two
    with pytest.raises(publishing.Refused, match="2 partnerships have no lessons"):
        publishing.publish(cohort, staff_user, confirmed_missing=[members["Leeds"].pk])


def test_key_challenge_counts_partnerships_across_lessons_and_reviews(cohort_of_two, staff_user):
    members, cohort = cohort_of_two
    trust = themes.add_theme(cohort, staff_user, name="Trust")
    themes.add_theme(cohort, staff_user, name="Shared language")
    with pytest.raises(themes.Refused, match="already a key challenge"):
        themes.add_theme(cohort, staff_user, name="trust")
    for place in ("Sheffield", "Leeds"):
        record = lessons.save_lessons(
            members[place],
            applicant_for(place),
            learnt="L",
            next_steps="N",
            recorded_on=dt.date.today(),
        )
        themes.tag_lessons(record, staff_user, [trust])
    assert [(t.name, t.partnerships, t.lesson_count) for t in themes.counts(cohort)] == [
        ("Trust", 2, 2),
        ("Shared language", 0, 0),
    ]


@pytest.mark.parametrize("size", ["two", "six"])
def test_the_report_page_runs_the_same_queries_at_two_sizes(
    client, open_round, chair, staff_user, size, django_assert_num_queries
):
    if size == "six":
        load_round_one_programme()
        load_round_one_learning()
        slug = "round-1"
        cohort = Report.objects.get(cohort__round__slug=slug).cohort
    else:
        members = announced_cohort(open_round, chair, staff_user, places=["Sheffield", "Leeds"])
        cohort = members["Sheffield"].cohort
        for place, member in members.items():
            lessons.save_lessons(
                member,
                applicant_for(place),
                learnt="L",
                next_steps="N",
                recorded_on=dt.date.today(),
            )
        evaluation.open_evaluations(cohort, staff_user)
        slug = cohort.round.slug
    publishing.publish(cohort, staff_user)
    url = reverse("learning:public_report", args=[slug])
    client.get(url)
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


def test_the_next_rounds_criteria_page_shows_the_evaluation_by_theme_and_region(
    client, cohort_of_two, staff_user
):
    from learning import next_round

    members, cohort = cohort_of_two
    evaluation.open_evaluations(cohort, staff_user)
    record = Evaluation.objects.get(member=members["Sheffield"])
    first, second = record.items.order_by("position")
    evaluation.save_evaluation(
        record,
        applicant_for("Sheffield"),
        answers={
            first.pk: ItemAnswer("achieved", "A jobs board met."),
            second.pk: ItemAnswer("partly", "Two of four."),
        },
        overall="Good progress.",
        after_programme="Keep meeting.",
        submit=True,
    )
    values = next_round.defaults(cohort.round)
    new = next_round.create(cohort.round, staff_user, values)
    sign_in_client(client, staff_user)
    page = client.get(reverse("scoring:setup_criteria", args=[new.slug])).content.decode()
    evaluation_line = page.split('id="learnt-evaluation">')[1].split("</p>")[0]
    assert evaluation_line == (
        "1 of 2 partnerships evaluated their progress: 1 of 2 expected outcomes and measures "
        "of success achieved, 1 partly."
    )
    by_theme = page.split('id="learnt-by-theme">')[1].split("</ul>")[0]
    assert by_theme == "<li>Economic growth: 1 of 2 achieved</li>"
    by_region = page.split('id="learnt-by-region">')[1].split("</ul>")[0]
    assert by_region == "<li>Yorkshire and The Humber: 1 of 2 achieved</li>"
