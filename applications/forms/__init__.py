"""The applicant's forms: the question pages of a bid (one form per wizard step), and the
team and withdrawal pages.

What lives where:

- `fields.py`: field helpers (yes/no radios, word-limited text, whole numbers) and their
  messages;
- `base.py`: `SectionForm`, the base of every question page;
- `rows.py`: repeating rows (partners, milestones, resources) as Django formsets whose
  inputs keep the pages' names, with "Add another" / "Remove" working without JavaScript;
- one module per section, in order: `eligibility.py`, `partners.py`, `geography.py`,
  `strength.py`, `challenge.py`, `plan.py`, `declarations.py`;
- `team.py` (inviting a colleague) and `withdrawal.py` (withdrawing the application).

Each section form turns its cleaned data into the section's answers in the schema of
applications/answers.py (`to_answers`) and back into initial values
(`initial_from_answers`). The wizard (applications/wizard.py) takes `STEP_FORMS`.
"""

from applications.forms.challenge import ChallengeForm
from applications.forms.declarations import DeclarationsForm
from applications.forms.eligibility import EligibilityForm, ineligible_reasons
from applications.forms.fields import count_words
from applications.forms.geography import GeographyForm
from applications.forms.partners import PartnersForm, registry_options
from applications.forms.plan import PlanForm
from applications.forms.strength import StrengthForm
from applications.forms.team import InviteForm
from applications.forms.withdrawal import WithdrawForm

STEP_FORMS = [
    ("eligibility", EligibilityForm),
    ("partners", PartnersForm),
    ("geography", GeographyForm),
    ("strength", StrengthForm),
    ("challenge", ChallengeForm),
    ("plan", PlanForm),
    ("declarations", DeclarationsForm),
]

__all__ = [
    "STEP_FORMS",
    "ChallengeForm",
    "DeclarationsForm",
    "EligibilityForm",
    "GeographyForm",
    "InviteForm",
    "PartnersForm",
    "PlanForm",
    "StrengthForm",
    "WithdrawForm",
    "count_words",
    "ineligible_reasons",
    "registry_options",
]
