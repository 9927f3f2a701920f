"""Section 2, partners: the lead contact and 2 to 10 partner organisations (rows), each
picked from the registry of councils and universities or typed as another anchor
institution."""

from django import forms

from applications.constants import COUNCIL_KINDS, OrganisationKind
from applications.forms.base import ROW_INITIAL, SectionForm
from applications.forms.rows import RowForm, rows_formset
from applications.models import Organisation
from applications.organisations import OrganisationIndex, find_or_create_other, partner_name
from core.forms import EMAIL_FORMAT, email_field

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


class PartnerRowForm(RowForm):
    """One partner organisation; row 0 is the lead organisation."""

    name = forms.CharField(
        label="Organisation name",
        required=False,
        max_length=200,
        help_text="Start typing to pick from our list of councils and universities. You "
        "can write a council's name in full, like Sheffield City Council",
        widget=forms.TextInput(attrs={"list": "registry-organisations", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label="Type of organisation", required=False, choices=KIND_CHOICES)
    sponsor_name = forms.CharField(
        label="Senior sponsor's full name", required=False, max_length=150
    )
    sponsor_role = forms.CharField(
        label="Senior sponsor's role",
        required=False,
        max_length=150,
        help_text="For example, leader of the council or vice-chancellor",
    )
    email = forms.EmailField(label="Contact email address", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = partner_label(self.index)
        messages = {
            "name": {"max_length": f"The name of {label} must be 200 characters or fewer"},
            "sponsor_name": {
                "max_length": f"The senior sponsor's name for {label} must be 150 characters "
                "or fewer"
            },
            "sponsor_role": {
                "max_length": f"The senior sponsor's role for {label} must be 150 characters "
                "or fewer"
            },
            "email": {"invalid": f"Enter a contact email address for {label} {EMAIL_FORMAT}"},
        }
        for name, errors in messages.items():
            self.fields[name].error_messages.update(errors)
        self.fields["name"].govuk = {"width": 30}
        self.fields["email"].govuk = {"width": 20}


PartnerRows = rows_formset(PartnerRowForm, letter="p", min_rows=2, max_rows=10, default_rows=3)


class PartnersForm(SectionForm):
    step = "partners"
    rows_class = PartnerRows
    # The partnership's errors ("Add at least one higher education institution ...") are
    # shown beside the list of partners, and the error summary links to it.
    non_field_errors_anchor = "partner-organisations"

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
    lead_email = email_field(
        required="Enter the lead contact's email address",
        invalid=f"Enter the lead contact's email address {EMAIL_FORMAT}",
        max_length=254,
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
        self.initial["rows"] = self.formset.row_count

    @classmethod
    def initial_from_answers(cls, data):
        data = data or {}
        contact = data.get("lead_contact") or {}
        partners = sorted(data.get("partners") or [], key=lambda p: not p.get("is_lead"))
        return {
            "lead_name": contact.get("name", ""),
            "lead_role": contact.get("role", ""),
            "lead_email": contact.get("email", ""),
            "lead_phone": contact.get("phone", ""),
            ROW_INITIAL: [
                {
                    "name": partner.get("name", ""),
                    "kind": partner.get("kind", ""),
                    "sponsor_name": partner.get("sponsor_name", ""),
                    "sponsor_role": partner.get("sponsor_role", ""),
                    "email": partner.get("contact_email", ""),
                }
                for partner in partners
            ],
        }

    def _resolve(self, names):
        """{typed name: [Organisation]}: what each typed name can mean, in one query
        (applications.organisations: "Sheffield City Council" is the council for Sheffield,
        "University of Sheffield" is The University of Sheffield)."""
        names = [n for n in names if n]
        if not names:
            return {}
        index = OrganisationIndex()
        return {name: index.find(name) for name in names}

    def clean(self):
        cleaned = super().clean()
        rows = self.row_forms
        filled = [row for row in rows if not row.is_blank()]
        names = {row.index: _normalise(row.cleaned_data.get("name")) for row in filled}
        registry = self._resolve(list(names.values()))
        self.partners = []
        seen = {}
        if not filled or filled[0].index != 0:
            rows[0].add_error("name", "Enter the name of the lead organisation")
        for row in filled:
            index = row.index
            label = partner_label(index)
            name = names[index]
            kind = row.cleaned_data.get("kind") or ""
            if not name:
                row.require(
                    "name",
                    "Enter the name of the lead organisation"
                    if index == 0
                    else f"Enter the name of partner {index + 1}",
                )
                continue
            candidates = registry.get(name, [])
            org = next((o for o in candidates if o.kind == kind), None) or next(
                iter(candidates), None
            )
            if org is None and not kind:
                row.add_error("kind", f"Select the type of {label}")
            elif org is None and kind != OrganisationKind.OTHER:
                row.add_error(
                    "name",
                    f"Select {label} from the list of councils and universities, or change "  # noqa: S608
                    "its type to other anchor institution",
                )
            for field, message in (
                ("sponsor_name", f"Enter the senior sponsor's name for {label}"),
                ("sponsor_role", f"Enter the senior sponsor's role for {label}"),
                ("email", f"Enter a contact email address for {label}"),
            ):
                if not row.cleaned_data.get(field):
                    row.require(field, message)
            key = org.pk if org is not None else name.lower()
            if key in seen:
                row.add_error(
                    "name",
                    f"Partner {index + 1} is the same organisation as {partner_label(seen[key])}. "
                    "Remove one of them",
                )
            else:
                seen[key] = index
            self.partners.append(
                {
                    "index": index,
                    "org": org,
                    "name": partner_name(org, name),
                    "kind": org.kind if org else kind,
                    "sponsor_name": row.cleaned_data.get("sponsor_name") or "",
                    "sponsor_role": row.cleaned_data.get("sponsor_role") or "",
                    "contact_email": (row.cleaned_data.get("email") or "").lower(),
                }
            )
        if len(filled) < 2:
            rows[1].add_error(
                "name", "Add at least 2 partner organisations, including the lead organisation"
            )
        elif not self.errors and not any(row.errors for row in rows):
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
                    "name": partner["name"],
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
