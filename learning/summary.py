"""The cohort's evaluation summary: how many outcomes and measures each partnership rated
achieved, partly, not yet or no longer relevant, across the cohort and by theme and
region. Only submitted evaluations count. `summarise` is pure; `for_cohort` reads the rows
in two queries."""

from dataclasses import dataclass, field

from applications.constants import Theme
from learning.models import EvaluationItem, Rating

RATINGS = Rating.values


@dataclass
class Line:
    label: str
    partnerships: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))

    @property
    def items(self):
        return sum(self.counts.values())

    @property
    def achieved(self):
        return self.counts["achieved"]

    @property
    def cells(self):
        return [self.counts[r] for r in RATINGS]


@dataclass
class Summary:
    total: Line
    by_theme: list
    by_region: list
    evaluated: int
    partnerships: int

    @property
    def headers(self):
        return [label for _, label in Rating.choices]

    @property
    def sentence(self):
        if not self.evaluated:
            return "No partnership has submitted its evaluation yet."
        return (
            f"{self.evaluated} of {self.partnerships} partnerships evaluated their progress: "
            f"{self.total.achieved} of {self.total.items} expected outcomes and measures of "
            f"success achieved, {self.total.counts['partly']} partly."
        )


def summarise(rows, partnerships):
    """rows: (partnership, theme label, region name, rating) for every rated item of a
    submitted evaluation; partnerships: how many partnerships the cohort has."""
    total = Line("All partnerships")
    themes, regions = {}, {}
    members = {"total": set()}
    for member, theme, region, rating in rows:
        if rating not in total.counts:
            continue
        for key, table in ((theme, themes), (region, regions)):
            line = table.setdefault(key, Line(key))
            line.counts[rating] += 1
            members.setdefault((id(table), key), set()).add(member)
        total.counts[rating] += 1
        members["total"].add(member)
    total.partnerships = len(members["total"])
    for table in (themes, regions):
        for key, line in table.items():
            line.partnerships = len(members[(id(table), key)])
    return Summary(
        total=total,
        by_theme=sorted(themes.values(), key=lambda line: line.label),
        by_region=sorted(regions.values(), key=lambda line: line.label),
        evaluated=total.partnerships,
        partnerships=partnerships,
    )


def rows_for(cohort):
    labels = dict(Theme.choices)
    from programme.models import ChallengeVersion

    current = {}
    for member_id, theme in (
        ChallengeVersion.objects.filter(member__cohort=cohort)
        .order_by("member_id", "number")
        .values_list("member_id", "theme")
    ):
        current[member_id] = theme
    for member_id, name, theme, region, rating in (
        EvaluationItem.objects.filter(
            evaluation__member__cohort=cohort, evaluation__submitted_at__isnull=False
        )
        .exclude(rating="")
        .values_list(
            "evaluation__member_id",
            "evaluation__member__partnership_name",
            "evaluation__member__theme",
            "evaluation__member__region__name",
            "rating",
        )
        .order_by("evaluation__member_id", "position")
    ):
        theme = current.get(member_id, theme)
        yield name, labels.get(theme, theme), region or "Region not known", rating


def for_cohort(cohort, partnerships=None):
    if partnerships is None:
        partnerships = cohort.members.count()
    return summarise(list(rows_for(cohort)), partnerships)
