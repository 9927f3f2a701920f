"""The question pages of a bid: one form per section (wizard step).

Each form turns its cleaned data into the section's answers in the schema documented in
applications/answers.py (`to_answers`), and back into initial values
(`initial_from_answers`). Repeating groups (partners, milestones) are numbered rows of
plain fields with a hidden `rows` count, so "Add another" and "Remove" work without
JavaScript: the view adds or removes a row and re-renders.
"""

import datetime as dt
import re
from functools import reduce
from operator import or_

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.forms.utils import ErrorDict

from applications.answers import AGREEMENT_CHOICES, SUPPORT_CHOICES
from applications.constants import COUNCIL_KINDS, OrganisationKind, Theme
from applications.models import District, Organisation
from applications.organisations import find_or_create_other
from core.dates import format_date
from core.forms import GovUKDateInput

YES_NO_CHOICES = [("yes", "Yes"), ("no", "No")]
EMAIL_FORMAT = "in the correct format, like name@example.gov.uk"
WORD_COUNT_TEMPLATE = "applications/fields/word_count.html"


def count_words(text):
    return len(re.findall(r"\S+", text or ""))


def _yes_no(value):
    if value is None:
        return None
    return "yes" if value else "no"


def yes_no_field(label, required_message, hint="", legend_size="m"):
    field = forms.TypedChoiceField(
        label=label,
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        help_text=hint,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )
    field.govuk = {"inline": True, "legend_size": legend_size}
    return field


class WordLimitedField(forms.CharField):
    """A textarea with a word limit checked on the server; the page shows the GOV.UK
    character count (in words) as a progressive enhancement."""

    def __init__(self, *, max_words, limit_name, required_message="", **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        kwargs.setdefault("required", bool(required_message))
        super().__init__(
            template_name=WORD_COUNT_TEMPLATE,
            error_messages={"required": required_message} if required_message else None,
            **kwargs,
        )
        self.max_words = max_words
        self.limit_message = f"{limit_name} must be {max_words} words or fewer"
        self.govuk = {"max_words": max_words}

    def validate(self, value):
        super().validate(value)
        if value and count_words(value) > self.max_words:
            raise forms.ValidationError(self.limit_message, code="max_words")


class WholeNumberField(forms.IntegerField):
    """A whole number in a text input (GOV.UK advice: not type=number); tolerates "£",
    commas and spaces ("£12,000")."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "spellcheck": "false"}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


def whole_number(label, *, name, minimum, maximum, example, required_message="", unit=""):
    """A WholeNumberField with messages that name the field."""
    low = f"{unit}{minimum:,}"
    high = f"{unit}{maximum:,}"
    field = WholeNumberField(
        label=label,
        required=bool(required_message),
        min_value=minimum,
        max_value=maximum,
        error_messages={
            "required": required_message,
            "invalid": f"{name} must be a whole number, like {example}",
            "min_value": f"{name} must be {low} or more",
            "max_value": f"{name} must be {high} or {'less' if unit else 'fewer'}",
        },
    )
    field.govuk = {"width": 5}
    return field


class SectionForm(forms.Form):
    """Base of the section forms."""

    step = ""
    use_required_attribute = False

    def __init__(self, *args, bid=None, user=None, rows=None, **kwargs):
        self.bid = bid
        self.user = user
        self.requested_rows = rows
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_from_answers(cls, data):
        return dict(data or {})

    @classmethod
    def rows_for_answers(cls, data):
        return None

    def to_answers(self):
        return dict(self.cleaned_data)

    def is_complete(self, answers):
        return True

    def require(self, name, message):
        """Add `message` to the field unless it already has an error."""
        if name not in self.errors:
            self.add_error(name, message)

    def suppress_errors(self):
        """Show the bound values without validating them (after "Add another")."""
        self._errors = ErrorDict()
        return self


class RowsMixin:
    """Numbered rows of fields: `<row_prefix><index>_<suffix>`, with a hidden `rows` count."""

    row_prefix = "r"
    row_fields = ()
    min_rows = 1
    max_rows = 10
    default_rows = 3

    def _count_rows(self):
        value = None
        if self.is_bound:
            value = self.data.get(self.add_prefix("rows"))
        if value in (None, ""):
            value = self.requested_rows or self.default_rows
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = self.default_rows
        return max(self.min_rows, min(self.max_rows, value))

    @classmethod
    def row_name(cls, index, suffix):
        return f"{cls.row_prefix}{index}_{suffix}"

    def row_value(self, index, suffix):
        return self.cleaned_data.get(self.row_name(index, suffix))

    def row_is_blank(self, index):
        return not any(
            str(self.data.get(self.add_prefix(self.row_name(index, s)), "")).strip()
            for s in self.row_fields
        )

    def bound_rows(self):
        """[(number, [bound fields])] for the template."""
        return [
            (index + 1, index, [self[self.row_name(index, s)] for s in self.row_fields])
            for index in range(self.row_count)
        ]

    @classmethod
    def with_row_added(cls, data, prefix):
        data = data.copy()
        try:
            rows = int(data.get(f"{prefix}-rows") or cls.default_rows)
        except ValueError:
            rows = cls.default_rows
        data[f"{prefix}-rows"] = str(min(cls.max_rows, rows + 1))
        return data

    @classmethod
    def with_row_removed(cls, data, prefix, index):
        """The posted data with row `index` taken out and later rows moved up."""
        data = data.copy()
        try:
            rows = int(data.get(f"{prefix}-rows") or cls.default_rows)
        except ValueError:
            rows = cls.default_rows
        if not 0 <= index < rows:
            return data
        for position in range(index, rows - 1):
            for suffix in cls.row_fields:
                data.setlist(
                    f"{prefix}-{cls.row_name(position, suffix)}",
                    data.getlist(f"{prefix}-{cls.row_name(position + 1, suffix)}"),
                )
        for suffix in cls.row_fields:
            data.pop(f"{prefix}-{cls.row_name(rows - 1, suffix)}", None)
        data[f"{prefix}-rows"] = str(max(cls.min_rows, rows - 1))
        return data


# 1. Eligibility ------------------------------------------------------------------------


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
        return {key: _yes_no(value) for key, value in (data or {}).items()}

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


# 2. Partners ---------------------------------------------------------------------------

KIND_CHOICES = [("", "Select a type"), *OrganisationKind.choices]


def partner_label(index):
    return "the lead organisation" if index == 0 else f"partner {index + 1}"


def registry_options():
    """(name, kind label) of every organisation applicants can pick, for the datalist."""
    kinds = dict(OrganisationKind.choices)
    return [
        (name, kinds.get(kind, ""))
        for name, kind in Organisation.objects.filter(
            from_registry=True, closed=False, merged_into__isnull=True
        )
        .order_by("name")
        .values_list("name", "kind")
    ]


def _normalise(name):
    return " ".join((name or "").split())


class PartnersForm(RowsMixin, SectionForm):
    step = "partners"
    row_prefix = "p"
    row_fields = ("name", "kind", "sponsor_name", "sponsor_role", "email")
    min_rows = 2
    max_rows = 10
    default_rows = 3

    lead_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={
            "required": "Enter the lead contact's full name",
            "max_length": "The lead contact's full name must be 150 characters or fewer",
        },
    )
    lead_role = forms.CharField(
        label="Job title",
        max_length=150,
        error_messages={
            "required": "Enter the lead contact's job title",
            "max_length": "The lead contact's job title must be 150 characters or fewer",
        },
    )
    lead_email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the lead contact's email address",
            "invalid": f"Enter the lead contact's email address {EMAIL_FORMAT}",
        },
    )
    lead_phone = forms.RegexField(
        label="Telephone number (optional)",
        regex=r"^[0-9 +()\-]{6,30}$",
        required=False,
        error_messages={"invalid": "Enter a telephone number, like 01632 960 001"},
    )
    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["lead_phone"].widget.attrs.update({"autocomplete": "tel"})
        self.row_count = self._count_rows()
        self.initial["rows"] = self.row_count
        for index in range(self.row_count):
            label = partner_label(index)
            name = forms.CharField(
                label="Organisation name",
                required=False,
                max_length=200,
                help_text="Start typing to pick from our list of councils and universities",
                error_messages={
                    "max_length": f"The name of {label} must be 200 characters or fewer"
                },
                widget=forms.TextInput(
                    attrs={"list": "registry-organisations", "autocomplete": "off"}
                ),
            )
            kind = forms.ChoiceField(
                label="Type of organisation", required=False, choices=KIND_CHOICES
            )
            sponsor_name = forms.CharField(
                label="Senior sponsor's full name",
                required=False,
                max_length=150,
                error_messages={
                    "max_length": f"The senior sponsor's name for {label} must be 150 "
                    "characters or fewer"
                },
            )
            sponsor_role = forms.CharField(
                label="Senior sponsor's role",
                required=False,
                max_length=150,
                help_text="For example, leader of the council or vice-chancellor",
                error_messages={
                    "max_length": f"The senior sponsor's role for {label} must be 150 "
                    "characters or fewer"
                },
            )
            email = forms.EmailField(
                label="Contact email address",
                required=False,
                error_messages={
                    "invalid": f"Enter a contact email address for {label} {EMAIL_FORMAT}"
                },
            )
            for suffix, field in zip(
                self.row_fields, (name, kind, sponsor_name, sponsor_role, email), strict=True
            ):
                self.fields[self.row_name(index, suffix)] = field
            self.fields[self.row_name(index, "name")].govuk = {"width": 30}
            self.fields[self.row_name(index, "email")].govuk = {"width": 20}

    @classmethod
    def rows_for_answers(cls, data):
        return len((data or {}).get("partners") or [])

    @classmethod
    def initial_from_answers(cls, data):
        data = data or {}
        contact = data.get("lead_contact") or {}
        initial = {
            "lead_name": contact.get("name", ""),
            "lead_role": contact.get("role", ""),
            "lead_email": contact.get("email", ""),
            "lead_phone": contact.get("phone", ""),
        }
        partners = sorted(data.get("partners") or [], key=lambda p: not p.get("is_lead"))
        for index, partner in enumerate(partners):
            initial[cls.row_name(index, "name")] = partner.get("name", "")
            initial[cls.row_name(index, "kind")] = partner.get("kind", "")
            initial[cls.row_name(index, "sponsor_name")] = partner.get("sponsor_name", "")
            initial[cls.row_name(index, "sponsor_role")] = partner.get("sponsor_role", "")
            initial[cls.row_name(index, "email")] = partner.get("contact_email", "")
        return initial

    def _resolve(self, names):
        """{lower-cased name: [Organisation]} for the typed names, in one query."""
        names = [n for n in names if n]
        if not names:
            return {}
        found = {}
        query = reduce(or_, (Q(name__iexact=n) for n in names))
        for org in Organisation.objects.filter(query, merged_into__isnull=True).order_by(
            "-from_registry", "pk"
        ):
            found.setdefault(org.name.lower(), []).append(org)
        return found

    def clean(self):
        cleaned = super().clean()
        filled = [i for i in range(self.row_count) if not self.row_is_blank(i)]
        names = {i: _normalise(cleaned.get(self.row_name(i, "name"))) for i in filled}
        registry = self._resolve(list(names.values()))
        self.partners = []
        seen = {}
        if 0 not in filled:
            self.add_error(self.row_name(0, "name"), "Enter the name of the lead organisation")
        for index in filled:
            label = partner_label(index)
            name = names[index]
            kind = cleaned.get(self.row_name(index, "kind")) or ""
            if not name:
                if self.row_name(index, "name") not in self.errors:
                    self.add_error(
                        self.row_name(index, "name"),
                        "Enter the name of the lead organisation"
                        if index == 0
                        else f"Enter the name of partner {index + 1}",
                    )
                continue
            candidates = registry.get(name.lower(), [])
            org = next((o for o in candidates if o.kind == kind), None) or next(
                iter(candidates), None
            )
            if org is None and not kind:
                self.add_error(self.row_name(index, "kind"), f"Select the type of {label}")
            elif org is None and kind != OrganisationKind.OTHER:
                self.add_error(
                    self.row_name(index, "name"),
                    f"Select {label} from the list of councils and universities, or change "  # noqa: S608
                    "its type to other anchor institution",
                )
            for suffix, message in (
                ("sponsor_name", f"Enter the senior sponsor's name for {label}"),
                ("sponsor_role", f"Enter the senior sponsor's role for {label}"),
                ("email", f"Enter a contact email address for {label}"),
            ):
                field_name = self.row_name(index, suffix)
                if not cleaned.get(field_name) and field_name not in self.errors:
                    self.add_error(field_name, message)
            key = org.pk if org is not None else name.lower()
            if key in seen:
                first = seen[key]
                self.add_error(
                    self.row_name(index, "name"),
                    f"Partner {index + 1} is the same organisation as {partner_label(first)}. "
                    "Remove one of them",
                )
            else:
                seen[key] = index
            self.partners.append(
                {
                    "index": index,
                    "org": org,
                    "name": org.name if org else name,
                    "kind": org.kind if org else kind,
                    "sponsor_name": cleaned.get(self.row_name(index, "sponsor_name")) or "",
                    "sponsor_role": cleaned.get(self.row_name(index, "sponsor_role")) or "",
                    "contact_email": (cleaned.get(self.row_name(index, "email")) or "").lower(),
                }
            )
        if len(filled) < 2:
            self.add_error(
                self.row_name(1, "name"),
                "Add at least 2 partner organisations, including the lead organisation",
            )
        elif not self.errors:
            kinds = {p["kind"] for p in self.partners}
            if not kinds & set(COUNCIL_KINDS):
                self.add_error(None, "Add at least one council to the partnership")
            if OrganisationKind.HIGHER_EDUCATION not in kinds:
                self.add_error(
                    None, "Add at least one higher education institution to the partnership"
                )
        return cleaned

    def to_answers(self):
        partners = []
        for partner in self.partners:
            org = partner["org"] or find_or_create_other(partner["name"], self.user)
            partners.append(
                {
                    "organisation_id": org.pk,
                    "name": org.name,
                    "kind": org.kind,
                    "sponsor_name": partner["sponsor_name"],
                    "sponsor_role": partner["sponsor_role"],
                    "contact_email": partner["contact_email"],
                    "is_lead": partner["index"] == 0,
                }
            )
        return {
            "lead_contact": {
                "name": self.cleaned_data["lead_name"],
                "role": self.cleaned_data["lead_role"],
                "email": self.cleaned_data["lead_email"].lower(),
                "phone": self.cleaned_data.get("lead_phone") or "",
            },
            "partners": partners,
        }


# 3. Geography --------------------------------------------------------------------------


class GeographyForm(SectionForm):
    step = "geography"

    place_name = forms.CharField(
        label="What name does your partnership use for its place?",
        help_text="For example, Greater Lincolnshire or Sheffield",
        max_length=200,
        error_messages={
            "required": "Enter the name of the place",
            "max_length": "The name of the place must be 200 characters or fewer",
        },
    )
    districts = forms.MultipleChoiceField(
        label="Which local authority areas will the work cover?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one local authority area",
            "invalid_choice": "Select local authority areas from the list",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_name"].govuk = {"width": 30}
        districts = list(District.objects.select_related("region").order_by("name"))
        self.fields["districts"].choices = [(d.code, d.name) for d in districts]
        self.district_regions = {d.code: d.region.name for d in districts}
        self.earlier_codes = set()
        if self.bid is not None:
            from applications.denormalise import earlier_cohort_district_ids

            earlier = earlier_cohort_district_ids(self.bid.round)
            self.earlier_codes = {d.code for d in districts if d.pk in earlier}

    def grouped_districts(self):
        """[(region, [checkbox subwidgets], selected count)] in region order."""
        groups = {}
        for option in self["districts"]:
            region = self.district_regions[option.data["value"]]
            groups.setdefault(region, []).append(option)
        return [
            (region, options, sum(1 for o in options if o.data["selected"]))
            for region, options in sorted(groups.items())
        ]

    @classmethod
    def initial_from_answers(cls, data):
        data = data or {}
        return {
            "place_name": data.get("place_name", ""),
            "districts": data.get("district_codes", []),
        }

    def to_answers(self):
        return {
            "place_name": self.cleaned_data["place_name"],
            "district_codes": sorted(self.cleaned_data["districts"]),
        }


# 4. Partnership strength ---------------------------------------------------------------


class StrengthForm(SectionForm):
    step = "strength"

    years_working_together = whole_number(
        "How many years have the partners worked together?",
        name="Years the partners have worked together",
        minimum=0,
        maximum=100,
        example=5,
        required_message="Enter how many years the partners have worked together",
    )
    has_leadership_group = yes_no_field(
        "Do the partners have a joint senior leadership group?",
        "Select yes if the partners have a joint senior leadership group",
    )
    leadership_group_since = whole_number(
        "If yes, in which year was it set up?",
        name="The year the leadership group was set up",
        minimum=1950,
        maximum=2100,
        example=2019,
    )
    agreement = forms.ChoiceField(
        label="What form of agreement do the partners have?",
        choices=AGREEMENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the form of agreement between the partners"},
    )
    joint_initiatives_count = whole_number(
        "How many joint initiatives have the partners run in the last five years?",
        name="The number of joint initiatives",
        minimum=0,
        maximum=100,
        example=3,
        required_message="Enter the number of joint initiatives in the last five years",
    )
    joint_initiatives = WordLimitedField(
        label="Describe the joint initiatives",
        help_text="What they were, who led them and what they achieved.",
        max_words=150,
        limit_name="Description of joint initiatives",
        required=False,
    )
    decision_making = WordLimitedField(
        label="How will the partnership make decisions about the challenge?",
        max_words=300,
        limit_name="How decisions will be made",
        required_message="Describe how decisions will be made",
    )

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["has_leadership_group"].govuk = {"inline": True, "legend_size": "s"}
        self.fields["agreement"].govuk = {"legend_size": "s"}
        self.fields["leadership_group_since"].govuk = {"width": 4}
        year = dt.date.today().year
        since = self.fields["leadership_group_since"]
        since.max_value = year
        since.validators = [v for v in since.validators if not isinstance(v, MaxValueValidator)] + [
            MaxValueValidator(year)
        ]
        since.error_messages.update(
            {
                "invalid": "Enter the year the leadership group was set up as 4 digits, like 2019",
                "min_value": "The year the leadership group was set up must be 1950 or later",
                "max_value": f"The year the leadership group was set up must be {year} or earlier",
            }
        )
        self.partners = list(partners or [])
        for index, partner in enumerate(self.partners):
            self.fields[f"r{index}_cash"] = whole_number(
                "Cash (£)",
                name=f"Cash committed by {partner}",
                minimum=0,
                maximum=10_000_000,
                example=5000,
                unit="£",
            )
            self.fields[f"r{index}_days"] = whole_number(
                "Staff days in kind",
                name=f"Staff days committed by {partner}",
                minimum=0,
                maximum=5000,
                example=20,
            )

    def resource_rows(self):
        return [
            (index, partner, self[f"r{index}_cash"], self[f"r{index}_days"])
            for index, partner in enumerate(self.partners)
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_leadership_group") and cleaned.get("leadership_group_since") is None:
            self.require("leadership_group_since", "Enter the year the leadership group was set up")
        count = cleaned.get("joint_initiatives_count") or 0
        if count > 0 and not cleaned.get("joint_initiatives"):
            self.require("joint_initiatives", "Describe the joint initiatives")
        if not self.partners:
            self.add_error(
                None,
                "Add your partner organisations before you record the resources each of "
                "them commits",
            )
        return cleaned

    @classmethod
    def initial_from_answers(cls, data, partners=()):
        data = dict(data or {})
        initial = {
            key: data.get(key)
            for key in (
                "years_working_together",
                "leadership_group_since",
                "agreement",
                "joint_initiatives_count",
                "joint_initiatives",
                "decision_making",
            )
        }
        initial["has_leadership_group"] = _yes_no(data.get("has_leadership_group"))
        by_partner = {r.get("partner"): r for r in data.get("resources") or []}
        for index, partner in enumerate(partners):
            if partner in by_partner:
                initial[f"r{index}_cash"] = by_partner[partner].get("cash_pounds")
                initial[f"r{index}_days"] = by_partner[partner].get("staff_days")
        return initial

    def to_answers(self):
        c = self.cleaned_data
        return {
            "years_working_together": c["years_working_together"],
            "has_leadership_group": c["has_leadership_group"],
            "leadership_group_since": c.get("leadership_group_since")
            if c["has_leadership_group"]
            else None,
            "agreement": c["agreement"],
            "joint_initiatives_count": c["joint_initiatives_count"],
            "joint_initiatives": c.get("joint_initiatives") or "",
            "resources": [
                {
                    "partner": partner,
                    "cash_pounds": c.get(f"r{index}_cash") or 0,
                    "staff_days": c.get(f"r{index}_days") or 0,
                }
                for index, partner in enumerate(self.partners)
            ],
            "decision_making": c["decision_making"],
        }


# 5. Priority challenge -----------------------------------------------------------------


class ChallengeForm(SectionForm):
    step = "challenge"

    theme = forms.ChoiceField(
        label="Which theme does your priority challenge fit best?",
        choices=Theme.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the theme of the priority challenge"},
    )
    theme_other = forms.CharField(
        label="If you chose other, what is the theme?",
        required=False,
        max_length=100,
        error_messages={"max_length": "The theme must be 100 characters or fewer"},
    )
    title = forms.CharField(
        label="Title of the priority challenge",
        max_length=150,
        error_messages={
            "required": "Enter a title for the priority challenge",
            "max_length": "Title must be 150 characters or fewer",
        },
    )
    summary = WordLimitedField(
        label="Summary of the challenge",
        help_text="What the challenge is and why it matters to your place.",
        max_words=250,
        limit_name="Summary",
        required_message="Enter a summary of the priority challenge",
    )
    approach = WordLimitedField(
        label="Proposed approach",
        help_text="How the partners will work together on the challenge.",
        max_words=500,
        limit_name="Proposed approach",
        required_message="Describe your proposed approach",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    outcomes = WordLimitedField(
        label="Expected outcomes by the end of the programme",
        max_words=300,
        limit_name="Expected outcomes",
        required_message="Describe the outcomes you expect by the end of the programme",
    )
    measures = WordLimitedField(
        label="How will you measure success?",
        max_words=200,
        limit_name="How success will be measured",
        required_message="Describe how you will measure success",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].govuk = {"legend_size": "s"}
        self.fields["theme_other"].govuk = {"width": 30}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("theme") == Theme.OTHER and not cleaned.get("theme_other"):
            self.require("theme_other", "Enter the theme of the priority challenge")
        return cleaned

    def to_answers(self):
        answers = dict(self.cleaned_data)
        if answers["theme"] != Theme.OTHER:
            answers["theme_other"] = ""
        return answers


# 6. Plan -------------------------------------------------------------------------------


class PlanForm(RowsMixin, SectionForm):
    step = "plan"
    row_prefix = "m"
    row_fields = ("date", "description")
    min_rows = 1
    max_rows = 12
    default_rows = 3

    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)
    support = forms.MultipleChoiceField(
        label="What support does the partnership want from the programme?",
        help_text="Select all that apply.",
        choices=SUPPORT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the support you want",
            "invalid_choice": "Select the support you want from the list",
        },
    )
    support_other = forms.CharField(
        label="If you chose other support, what is it?",
        required=False,
        max_length=200,
        error_messages={"max_length": "Other support must be 200 characters or fewer"},
    )
    risks = WordLimitedField(
        label="What are the main risks, and how will you manage them?",
        max_words=300,
        limit_name="Main risks",
        required_message="Describe the main risks",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support"].govuk = {"legend_size": "m"}
        self.fields["support_other"].govuk = {"width": 30}
        self.row_count = self._count_rows()
        self.initial["rows"] = self.row_count
        for index in range(self.row_count):
            number = index + 1
            self.fields[self.row_name(index, "date")] = forms.DateField(
                label="Date",
                required=False,
                widget=GovUKDateInput,
                input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"],
                error_messages={"invalid": f"The date of milestone {number} must be a real date"},
            )
            self.fields[self.row_name(index, "description")] = forms.CharField(
                label="What will happen",
                required=False,
                max_length=200,
                error_messages={
                    "max_length": f"The description of milestone {number} must be 200 "
                    "characters or fewer"
                },
            )
            self.fields[self.row_name(index, "description")].govuk = {"width": 30}

    @property
    def programme_dates(self):
        round_ = self.bid.round if self.bid is not None else None
        if round_ is None:
            return None, None
        return round_.programme_starts_on, round_.programme_ends_on

    @classmethod
    def rows_for_answers(cls, data):
        return len((data or {}).get("milestones") or [])

    @classmethod
    def initial_from_answers(cls, data):
        data = data or {}
        initial = {
            "support": data.get("support", []),
            "support_other": data.get("support_other", ""),
            "risks": data.get("risks", ""),
        }
        for index, milestone in enumerate(data.get("milestones") or []):
            initial[cls.row_name(index, "date")] = milestone.get("date", "")
            initial[cls.row_name(index, "description")] = milestone.get("description", "")
        return initial

    def clean(self):
        cleaned = super().clean()
        starts, ends = self.programme_dates
        self.milestones = []
        previous = None
        filled = [i for i in range(self.row_count) if not self.row_is_blank(i)]
        for index in filled:
            number = index + 1
            date_name = self.row_name(index, "date")
            text_name = self.row_name(index, "description")
            date = cleaned.get(date_name)
            text = cleaned.get(text_name)
            if date is None and date_name not in self.errors:
                self.add_error(date_name, f"Enter the date of milestone {number}")
            if not text and text_name not in self.errors:
                self.add_error(text_name, f"Enter a description of milestone {number}")
            if date is None:
                continue
            if starts and date < starts:
                self.add_error(
                    date_name,
                    f"Milestone {number} must be on or after {format_date(starts, False)}, "
                    "when the programme starts",
                )
            elif ends and date > ends:
                self.add_error(
                    date_name,
                    f"Milestone {number} must be on or before {format_date(ends, False)}, "
                    "when the programme ends",
                )
            elif previous is not None and date < previous[1]:
                self.add_error(
                    date_name,
                    f"The date of milestone {number} must be the same as or after the date "
                    f"of milestone {previous[0]}",
                )
            previous = (number, date)
            self.milestones.append({"date": date.isoformat(), "description": text or ""})
        if not filled:
            self.add_error(self.row_name(0, "date"), "Add at least one milestone")
        if "other" in (cleaned.get("support") or []) and not cleaned.get("support_other"):
            self.require("support_other", "Describe the other support you want")
        return cleaned

    def to_answers(self):
        chosen = set(self.cleaned_data["support"])
        support = [value for value, _ in SUPPORT_CHOICES if value in chosen]
        return {
            "milestones": self.milestones,
            "support": support,
            "support_other": self.cleaned_data.get("support_other", "")
            if "other" in chosen
            else "",
            "risks": self.cleaned_data["risks"],
        }


# 7. Declarations -----------------------------------------------------------------------


class DeclarationsForm(SectionForm):
    step = "declarations"

    accurate = forms.BooleanField(
        label="I confirm that the information in this application is accurate",
        error_messages={"required": "Confirm that the information is accurate"},
    )
    authority = forms.BooleanField(
        label="I have the authority to apply on behalf of all the partners",
        error_messages={
            "required": "Confirm that you have the authority to apply on behalf of all the partners"
        },
    )
    data_protection = forms.BooleanField(
        label="I have read the data protection notice",
        help_text="The privacy notice explains how the LGA uses the information you give.",
        error_messages={"required": "Confirm that you have read the data protection notice"},
    )


STEP_FORMS = [
    ("eligibility", EligibilityForm),
    ("partners", PartnersForm),
    ("geography", GeographyForm),
    ("strength", StrengthForm),
    ("challenge", ChallengeForm),
    ("plan", PlanForm),
    ("declarations", DeclarationsForm),
]


class InviteForm(forms.Form):
    use_required_attribute = False
    email = forms.EmailField(
        label="Email address",
        help_text="We will email them a link to join this application. The link works for 14 days.",
        error_messages={
            "required": "Enter your colleague's email address",
            "invalid": f"Enter an email address {EMAIL_FORMAT}",
        },
    )


class WithdrawForm(forms.Form):
    use_required_attribute = False
    reason = forms.CharField(
        label="Why are you withdrawing the application?",
        help_text="Programme staff will see your reason.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you are withdrawing the application",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )
