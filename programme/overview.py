"""The programme overview: one row per partnership of a cohort, with what an officer
reports to the board, in a fixed number of queries whatever the cohort's size."""

import django_filters
from django import forms
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse

from applications.constants import Theme
from applications.models import Region
from cohorts.models import CohortMember
from core.dates import format_date
from programme.leadership import met_line
from programme.models import (
    Attendee,
    ChallengeVersion,
    Invitation,
    LeadershipMeeting,
    Milestone,
    MilestoneStatus,
    TeamMember,
)


def _count(queryset):
    """SELECT COUNT(*) of the correlated rows (no GROUP BY)."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


def annotated_members(cohort):
    """The cohort's members with every figure of the overview, in one query."""
    mine = {"member": OuterRef("pk")}
    latest = ChallengeVersion.objects.filter(**mine).order_by("-number")
    invited = Invitation.objects.filter(**mine, event__cancelled_at__isnull=True)
    attended = invited.filter(
        Exists(Attendee.objects.filter(invitation=OuterRef("pk"), attended=True))
    )
    return (
        CohortMember.objects.filter(cohort=cohort)
        .select_related("region")
        .annotate(
            first_met_on=Subquery(
                LeadershipMeeting.objects.filter(**mine).order_by("held_on").values("held_on")[:1]
            ),
            meetings=_count(LeadershipMeeting.objects.filter(**mine)),
            team_size=_count(TeamMember.objects.filter(**mine)),
            lead_contact=Subquery(
                TeamMember.objects.filter(**mine, is_lead_contact=True).values("name")[:1]
            ),
            reshapes=_count(
                ChallengeVersion.objects.filter(**mine, change=ChallengeVersion.Change.RESHAPED)
            ),
            confirmations=_count(
                ChallengeVersion.objects.filter(**mine, change=ChallengeVersion.Change.CONFIRMED)
            ),
            current_title=Subquery(latest.values("title")[:1]),
            current_theme=Subquery(latest.values("theme")[:1]),
            not_started=_count(
                Milestone.objects.filter(**mine, status=MilestoneStatus.NOT_STARTED)
            ),
            on_track=_count(Milestone.objects.filter(**mine, status=MilestoneStatus.ON_TRACK)),
            at_risk=_count(Milestone.objects.filter(**mine, status=MilestoneStatus.AT_RISK)),
            done=_count(Milestone.objects.filter(**mine, status=MilestoneStatus.DONE)),
            events_invited=_count(invited),
            events_attended=_count(attended),
        )
        .order_by("position", "partnership_name")
    )


FIGURES = (
    "pk",
    "partnership_name",
    "first_met_on",
    "meetings",
    "team_size",
    "lead_contact",
    "reshapes",
    "confirmations",
    "current_title",
    "not_started",
    "on_track",
    "at_risk",
    "done",
    "events_invited",
    "events_attended",
)


class Row:
    """One partnership's line of the overview, with every value worked out once (the page
    and the PDF only print them)."""

    def __init__(self, member, space_url=""):
        for name in FIGURES:
            setattr(self, name, getattr(member, name))
        self.member = member
        self.space_url = space_url
        self.theme_label = Theme(member.current_theme or member.theme).label
        self.met_line = met_line(self.first_met_on)
        self.first_met_label = format_date(self.first_met_on) if self.first_met_on else ""
        self.not_met = self.first_met_on is None
        self.has_risk = self.at_risk > 0
        self.flagged = self.not_met or self.has_risk
        flags = []
        if self.not_met:
            flags.append("Leadership group not yet met")
        if self.has_risk:
            flags.append(f"{self.at_risk} milestone{'s' if self.at_risk != 1 else ''} at risk")
        self.flags = flags
        if self.reshapes:
            self.challenge_status = (
                "Reshaped" if self.reshapes == 1 else f"Reshaped {self.reshapes} times"
            )
        elif self.confirmations:
            self.challenge_status = "Confirmed"
        else:
            self.challenge_status = "As in the application"


class OverviewFilter(django_filters.FilterSet):
    attention = django_filters.ChoiceFilter(
        label="Show",
        choices=[("flagged", "Only partnerships that need attention")],
        empty_label="All partnerships",
        widget=forms.RadioSelect,
        method="filter_attention",
    )
    met = django_filters.ChoiceFilter(
        label="Senior leadership group",
        choices=[("yes", "Has met"), ("no", "Not yet met")],
        empty_label="Any",
        widget=forms.RadioSelect,
        method="filter_met",
    )
    challenge = django_filters.ChoiceFilter(
        label="Priority challenge",
        choices=[("reshaped", "Reshaped"), ("unchanged", "Not reshaped")],
        empty_label="Any",
        widget=forms.RadioSelect,
        method="filter_challenge",
    )
    region = django_filters.ModelChoiceFilter(
        label="Region",
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        empty_label="All regions",
    )
    theme = django_filters.ChoiceFilter(
        label="Theme", choices=Theme.choices, empty_label="All themes", method="filter_theme"
    )

    class Meta:
        model = CohortMember
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.govuk = {"legend_size": "s", "label_size": "s"}
            field.error_messages["invalid_choice"] = "Select an option from the list"

    def filter_attention(self, queryset, name, value):
        if value == "flagged":
            return queryset.filter(Q(first_met_on__isnull=True) | Q(at_risk__gt=0))
        return queryset

    def filter_met(self, queryset, name, value):
        return queryset.filter(first_met_on__isnull=(value == "no")) if value else queryset

    def filter_challenge(self, queryset, name, value):
        if value == "reshaped":
            return queryset.filter(reshapes__gt=0)
        if value == "unchanged":
            return queryset.filter(reshapes=0)
        return queryset

    def filter_theme(self, queryset, name, value):
        return queryset.filter(current_theme=value) if value else queryset


def overview(cohort, data=None):
    """(filter, rows, totals) for the page and the PDF."""
    queryset = annotated_members(cohort)
    filterset = OverviewFilter(data or None, queryset=queryset)
    members = list(filterset.qs) if filterset.is_valid() else list(queryset)
    prefix = reverse("programme:home") + "partnerships/"
    rows = [Row(m, f"{prefix}{m.pk}/") for m in members]
    totals = {
        "partnerships": len(rows),
        "met": sum(1 for r in rows if not r.not_met),
        "flagged": sum(1 for r in rows if r.flagged),
        "at_risk": sum(r.at_risk for r in rows),
        "reshaped": sum(1 for r in rows if r.reshapes),
    }
    return filterset, rows, totals
