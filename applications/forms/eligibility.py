"""Section 1, eligibility: three yes/no questions, and why a "no" stops the application."""

from applications.forms.base import SectionForm
from applications.forms.fields import yes_no, yes_no_field


class EligibilityForm(SectionForm):
    step = "eligibility"

    in_england = yes_no_field(
        "Is the partnership's area in England?",
        "Select yes if the partnership's area is in England",
    )
    has_council_and_hei = yes_no_field(
        "Does the partnership include at least one council and at least one higher "
        "education institution?",
        "Select yes if the partnership includes a council and a higher education institution",
    )
    leaders_agreed = yes_no_field(
        "Have the senior leaders agreed to take part?",
        "Select yes if the senior leaders have agreed to take part",
        hint="The council leader or chief executive, and the vice-chancellor of the university.",
    )

    @classmethod
    def initial_from_answers(cls, data):
        return {key: yes_no(value) for key, value in (data or {}).items()}

    def is_complete(self, answers):
        return all(answers.get(name) is True for name in self.base_fields)


def ineligible_reasons(answers):
    """The "no" answers, as (question, why, what to do)."""
    reasons = []
    if answers.get("in_england") is False:
        reasons.append(
            (
                "Your partnership's area is not in England.",
                "Leading Places supports partnerships in England only. Councils and "
                "universities in Scotland, Wales and Northern Ireland can contact their own "
                "local government associations about similar programmes.",
            )
        )
    if answers.get("has_council_and_hei") is False:
        reasons.append(
            (
                "Your partnership does not include both a council and a higher education "
                "institution.",
                "A partnership must include at least one council and at least one university "
                "or other higher education institution. Talk to your local partners, then "
                "come back and change your answer.",
            )
        )
    if answers.get("leaders_agreed") is False:
        reasons.append(
            (
                "Your senior leaders have not yet agreed to take part.",
                "The council leader or chief executive and the vice-chancellor must agree to "
                "take part. You can save your application and come back when they have agreed.",
            )
        )
    return reasons
