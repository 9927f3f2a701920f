"""Validation of each question page: the exact messages users see."""

import datetime as dt

import pytest
from django.utils.datastructures import MultiValueDict

from applications import forms
from applications.models import Organisation
from tests.apply_helpers import (
    CHALLENGE,
    DECLARATIONS,
    partner_fields,
    plan_fields,
    sheffield_partners,
    start,
    strength_fields,
)


def bound(form_class, fields, bid=None, user=None, **kwargs):
    data = MultiValueDict()
    for name, value in fields.items():
        data.setlist(f"{form_class.step}-{name}", value if isinstance(value, list) else [value])
    return form_class(data=data, prefix=form_class.step, bid=bid, user=user, **kwargs)


def errors(form):
    """Every error on the page, keyed by the input's name without the step prefix (rows'
    inputs too, e.g. "p0_name")."""
    form.is_valid()
    found = {name: list(messages) for name, messages in form.errors.items()}
    for row in form.row_forms:
        for name, messages in row.errors.items():
            found[row.add_prefix(name).removeprefix(f"{form.prefix}-")] = list(messages)
    return found


@pytest.fixture
def bid(open_round, applicant):
    return start(open_round, applicant)


def test_eligibility_requires_each_answer():
    assert errors(bound(forms.EligibilityForm, {})) == {
        "in_england": ["Select yes if the partnership's area is in England"],
        "has_council_and_hei": [
            "Select yes if the partnership includes a council and a higher education institution"
        ],
        "leaders_agreed": ["Select yes if the senior leaders have agreed to take part"],
    }


def test_eligibility_no_is_valid_but_not_complete():
    form = bound(
        forms.EligibilityForm,
        {"in_england": "yes", "has_council_and_hei": "no", "leaders_agreed": "yes"},
    )
    assert form.is_valid()
    answers = form.to_answers()
    assert answers == {"in_england": True, "has_council_and_hei": False, "leaders_agreed": True}
    assert form.is_complete(answers) is False
    assert [r[0] for r in forms.ineligible_reasons(answers)] == [
        "Your partnership does not include both a council and a higher education institution."
    ]


def test_partners_valid_resolves_registry(bid, applicant):
    form = bound(forms.PartnersForm, sheffield_partners(), bid=bid, user=applicant)
    assert form.is_valid(), form.errors
    answers = form.to_answers()
    council = Organisation.objects.get(ons_code="E08000019")
    assert answers["lead_contact"] == {
        "name": "Jo Officer",
        "role": "Head of policy",
        "email": "jo.officer@sheffield.gov.uk",
        "phone": "0114 273 4567",
    }
    assert answers["partners"][0] == {
        "organisation_id": council.pk,
        "name": "Sheffield",
        "kind": "council",
        "sponsor_name": "Kate Josephs",
        "sponsor_role": "Chief executive",
        "contact_email": "ceo@sheffield.gov.uk",
        "is_lead": True,
    }
    assert answers["partners"][1]["kind"] == "hei"
    assert answers["partners"][1]["is_lead"] is False


def test_partners_needs_two_and_the_lead(bid):
    fields = partner_fields([])
    fields.pop("lead_name")
    assert errors(bound(forms.PartnersForm, fields, bid=bid)) == {
        "lead_name": ["Enter the lead contact's full name"],
        "p0_name": ["Enter the name of the lead organisation"],
        "p1_name": ["Add at least 2 partner organisations, including the lead organisation"],
    }


def test_partners_row_details_and_unknown_names(bid):
    fields = partner_fields(
        [
            ("Sheffield", "", "", "", "not-an-email"),
            ("Nowhere University", "hei", "A Person", "VC", "vc@example.ac.uk"),
            ("Mystery Trust", "", "B Person", "CEO", "ceo@example.nhs.uk"),
        ]
    )
    assert errors(bound(forms.PartnersForm, fields, bid=bid)) == {
        "p0_sponsor_name": ["Enter the senior sponsor's name for the lead organisation"],
        "p0_sponsor_role": ["Enter the senior sponsor's role for the lead organisation"],
        "p0_email": [
            "Enter a contact email address for the lead organisation in the correct format, "
            "like name@example.gov.uk"
        ],
        "p1_name": [
            "Select partner 2 from the list of councils and universities, or change its type "
            "to other anchor institution"
        ],
        "p2_kind": ["Select the type of partner 3"],
    }


def test_partners_duplicates_and_mix(bid, applicant):
    rows = [
        ("Sheffield", "", "A", "Leader", "a@sheffield.gov.uk"),
        ("sheffield", "", "B", "Leader", "b@sheffield.gov.uk"),
    ]
    assert errors(bound(forms.PartnersForm, partner_fields(rows), bid=bid)) == {
        "p1_name": [
            "Partner 2 is the same organisation as the lead organisation. Remove one of them"
        ]
    }
    rows = [
        ("Sheffield", "", "A", "Leader", "a@sheffield.gov.uk"),
        ("Rotherham", "", "B", "Leader", "b@rotherham.gov.uk"),
    ]
    assert errors(bound(forms.PartnersForm, partner_fields(rows), bid=bid)) == {
        "__all__": ["Add at least one higher education institution to the partnership"]
    }
    rows = [
        ("The University of Sheffield", "", "A", "VC", "a@sheffield.ac.uk"),
        ("South Yorkshire Hospitals Trust", "other", "B", "CEO", "b@nhs.example.uk"),
    ]
    assert errors(bound(forms.PartnersForm, partner_fields(rows), bid=bid)) == {
        "__all__": ["Add at least one council to the partnership"]
    }


def test_partners_other_anchor_is_created_once(bid, applicant):
    rows = [
        ("Sheffield", "", "A", "Leader", "a@sheffield.gov.uk"),
        ("The University of Sheffield", "", "B", "VC", "b@sheffield.ac.uk"),
        ("  South Yorkshire   Hospitals Trust ", "other", "C", "CEO", "c@nhs.example.uk"),
    ]
    form = bound(forms.PartnersForm, partner_fields(rows), bid=bid, user=applicant)
    assert form.is_valid(), form.errors
    answers = form.to_answers()
    trust = Organisation.objects.get(name="South Yorkshire Hospitals Trust")
    assert trust.kind == "other" and trust.from_registry is False and trust.created_by == applicant
    assert answers["partners"][2]["organisation_id"] == trust.pk
    again = bound(forms.PartnersForm, partner_fields(rows), bid=bid, user=applicant)
    assert again.is_valid()
    assert again.to_answers()["partners"][2]["organisation_id"] == trust.pk
    assert Organisation.objects.filter(name__iexact="South Yorkshire Hospitals Trust").count() == 1


def test_partners_remove_row_moves_later_rows_up():
    data = bound(
        forms.PartnersForm,
        partner_fields(
            [
                ("A", "", "", "", ""),
                ("B", "", "", "", ""),
                ("C", "", "", "", ""),
            ]
        ),
    ).data
    removed = forms.PartnersForm.with_row_removed(data, "partners", 1)
    assert removed["partners-rows"] == "2"
    assert removed["partners-p1_name"] == "C"
    assert "partners-p2_name" not in removed
    added = forms.PartnersForm.with_row_added(removed, "partners")
    assert added["partners-rows"] == "3"


def test_geography(bid):
    assert errors(bound(forms.GeographyForm, {}, bid=bid)) == {
        "place_name": ["Enter the name of the place"],
        "districts": ["Select at least one local authority area"],
    }
    assert errors(
        bound(forms.GeographyForm, {"place_name": "X", "districts": ["E99999999"]}, bid=bid)
    ) == {"districts": ["Select local authority areas from the list"]}
    form = bound(
        forms.GeographyForm,
        {"place_name": "Tyneside", "districts": ["E08000022", "E08000021"]},
        bid=bid,
    )
    assert form.is_valid()
    assert form.to_answers() == {
        "place_name": "Tyneside",
        "district_codes": ["E08000021", "E08000022"],
    }
    # Newcastle and North Tyneside: Newcastle was covered by a round 1 pilot.
    assert "E08000021" in form.earlier_codes


def test_strength(bid):
    partners = ["Sheffield", "The University of Sheffield"]
    fields = strength_fields()
    form = bound(forms.StrengthForm, fields, bid=bid, partners=partners)
    assert form.is_valid(), form.errors
    assert form.to_answers()["resources"] == [
        {"partner": "Sheffield", "cash_pounds": 10000, "staff_days": 20},
        {"partner": "The University of Sheffield", "cash_pounds": 10000, "staff_days": 20},
    ]
    fields.update(
        {
            "years_working_together": "-1",
            "leadership_group_since": "",
            "joint_initiatives": "",
            "r0_cash": "-5",
            "r1_cash": "99999999999",
            "r1_days": "2.5",
        }
    )
    assert errors(bound(forms.StrengthForm, fields, bid=bid, partners=partners)) == {
        "years_working_together": ["Years the partners have worked together must be 0 or more"],
        "leadership_group_since": ["Enter the year the leadership group was set up"],
        "joint_initiatives": ["Describe the joint initiatives"],
        "r0_cash": ["Cash committed by Sheffield must be £0 or more"],
        "r1_cash": ["Cash committed by The University of Sheffield must be £10,000,000 or less"],
        "r1_days": [
            "Staff days committed by The University of Sheffield must be a whole number, like 20"
        ],
    }
    assert errors(bound(forms.StrengthForm, strength_fields(0), bid=bid, partners=[])) == {
        "__all__": [
            "Add your partner organisations before you record the resources each of them commits"
        ]
    }


def test_challenge_word_limits():
    fields = dict(CHALLENGE)
    fields.update(
        {
            "summary": "word " * 251,
            "approach": "word " * 501,
            "outcomes": "word " * 301,
            "theme": "other",
        }
    )
    assert errors(bound(forms.ChallengeForm, fields)) == {
        "theme_other": ["Enter the theme of the priority challenge"],
        "summary": ["Summary must be 250 words or fewer"],
        "approach": ["Proposed approach must be 500 words or fewer"],
        "outcomes": ["Expected outcomes must be 300 words or fewer"],
    }
    fields.update({"summary": "word " * 250, "approach": "word " * 500, "outcomes": "w " * 300})
    fields["theme_other"] = "Housing"
    assert errors(bound(forms.ChallengeForm, fields)) == {}


def test_plan_milestones(bid, open_round):
    start_on = open_round.programme_starts_on
    end_on = open_round.programme_ends_on
    fields = plan_fields(
        open_round,
        [
            start_on - dt.timedelta(days=1),
            start_on + dt.timedelta(days=50),
            start_on + dt.timedelta(days=10),
            end_on + dt.timedelta(days=1),
            "30 2 2027",
        ],
    )
    fields["m1_description"] = ""
    fields["support"] = ["other"]
    day = f"{start_on.day} {start_on:%B %Y}"
    end = f"{end_on.day} {end_on:%B %Y}"
    assert errors(bound(forms.PlanForm, fields, bid=bid)) == {
        "m0_date": [f"Milestone 1 must be on or after {day}, when the programme starts"],
        "m1_description": ["Enter a description of milestone 2"],
        "m2_date": ["The date of milestone 3 must be the same as or after the date of milestone 2"],
        "m3_date": [f"Milestone 4 must be on or before {end}, when the programme ends"],
        "m4_date": ["The date of milestone 5 must be a real date"],
        "support_other": ["Describe the other support you want"],
    }
    empty = {"rows": "3", "support": [], "risks": ""}
    assert errors(bound(forms.PlanForm, empty, bid=bid)) == {
        "m0_date": ["Add at least one milestone"],
        "support": ["Select the support you want"],
        "risks": ["Describe the main risks"],
    }


def test_declarations():
    assert errors(bound(forms.DeclarationsForm, {})) == {
        "accurate": ["Confirm that the information is accurate"],
        "authority": ["Confirm that you have the authority to apply on behalf of all the partners"],
        "data_protection": ["Confirm that you have read the data protection notice"],
    }
    assert errors(bound(forms.DeclarationsForm, DECLARATIONS)) == {}


def test_rows_are_bounded_whatever_the_page_posts():
    partners = bound(forms.PartnersForm, {"rows": "5000"})
    assert len(partners.row_forms) == 10
    assert partners.formset.absolute_max == 10
    assert partners.formset.can_add_row is False
    assert bound(forms.PartnersForm, {"rows": "1"}).formset.row_count == 2
    assert bound(forms.PartnersForm, {"rows": "many"}).formset.row_count == 3
    plan = bound(forms.PlanForm, {"rows": "5000"})
    assert len(plan.row_forms) == 12
    assert plan.formset.absolute_max == 12
    added = forms.PartnersForm.with_row_added(partners.data, "partners")
    assert added["partners-rows"] == "10"
    assert [row.add_prefix("name") for row in bound(forms.PartnersForm, {}).row_forms] == [
        "partners-p0_name",
        "partners-p1_name",
        "partners-p2_name",
    ]


def test_strength_has_one_resource_row_per_partner(bid):
    partners = ["Sheffield", "The University of Sheffield"]
    form = bound(forms.StrengthForm, strength_fields(), bid=bid, partners=partners)
    assert [(row.partner, row.add_prefix("cash")) for row in form.row_forms] == [
        ("Sheffield", "strength-r0_cash"),
        ("The University of Sheffield", "strength-r1_cash"),
    ]
    assert bound(forms.StrengthForm, strength_fields(0), bid=bid, partners=[]).row_forms == []
    assert forms.StrengthForm.has_addable_rows() is False
