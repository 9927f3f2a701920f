"""The ranking page's data: one page of each table, read from the stored rows.

`page(round_, viewer, filter_for, page_number, listed_number)` finds (or works out) the
round's stored selection for its inputs as they are now (scoring.select.stored), then reads
the summary and one page of ranked rows and one page of the rows listed separately,
filtered, sorted and paginated in the database (LIMIT/OFFSET), leaving out the bids the
viewer is in conflict with (`seen_by`'s rule: they do not exist for them, and a reference
to one in another bid's explanation reads "another bid"). Decisions, and for programme
staff who is in conflict with each bid, are read for the rows shown. The number of queries
does not grow with the number of bids.
"""

import pickle
from dataclasses import dataclass, replace

from core.pagination import DatabasePaginator
from scoring.models import StoredSelectionRow
from scoring.select import selection, stored
from scoring.setup import conflicts

PAGE_SIZE = 50


@dataclass
class ShownRow:
    """A row of the ranking page as it is shown, in plain values (quick to read back): the
    bid's details (without its districts) and the figures as shown."""

    info: object  # scoring.select.data.BidInfo
    status: str
    status_label: str
    status_colour: str
    rank: int | None = None
    raw_rank: int | None = None
    total: object = None  # the total as shown (Decimal), None when not complete
    raw_total: object = None
    rule: str = ""
    movement: str = ""
    reason: str = ""
    proposed: bool = False
    explanation: str = ""
    flips: tuple = ()

    @classmethod
    def of(cls, row):
        """From a scoring.select.selection.Row."""
        # The page shows whether a bid is flagged, not why: one flag is enough to say so.
        info = replace(row.info, districts=(), flags=list(row.info.flags)[:1])
        return cls(
            info=info,
            status=row.status,
            status_label=row.status_label,
            status_colour=row.status_colour,
            rank=row.rank,
            raw_rank=row.ranked.raw_rank if row.ranked else None,
            total=row.scored.figure,
            raw_total=row.scored.raw_figure,
            rule=row.ranked.rule if row.ranked else "",
            movement=(row.ranked.movement or "") if row.ranked else "",
            reason=row.excluded.reason if row.excluded else "",
            proposed=row.proposed,
            explanation=row.explanation,
            flips=tuple(row.flips),
        )

    @property
    def reference(self):
        return self.info.reference

    @property
    def marginal(self):
        return bool(self.flips)

    def scrub(self, hidden):
        """As a viewer in conflict with the `hidden` bids sees it (selection.seen_by)."""
        for name in ("rule", "movement", "reason", "explanation"):
            setattr(self, name, selection.scrub_text(getattr(self, name), hidden))
        self.flips = tuple(selection.scrub_text(text, hidden) for text in self.flips)


@dataclass
class RankingPage:
    summary: stored.Summary
    page: object  # a Paginator page of the ranked rows
    excluded_page: object  # a Paginator page of the rows listed separately
    filterset: object

    @property
    def total(self):
        return self.page.paginator.count


def _rows(values):
    return [pickle.loads(value) for value in values]  # noqa: S301 (written only by us)


def page(round_, viewer, filter_for, page_number, listed_number):
    """The page (see the module docstring); `filter_for(regions)` is the page's filter set
    given the regions of the rows."""
    pk, summary = stored.stored_for_page(
        round_, lambda data: selection.compute(data, with_stability=True)
    )
    filterset = filter_for(summary.regions)
    rows = StoredSelectionRow.objects.filter(stored_id=pk)
    hidden_ids = conflicts.conflicted_bid_ids(viewer)
    hidden, hidden_bids = frozenset(), []
    if hidden_ids:
        for reference, scores in rows.filter(bid_id__in=hidden_ids).values_list(
            "reference", "scores"
        ):
            hidden = hidden | {reference}
            hidden_bids.append(pickle.loads(scores))  # noqa: S301 (written only by us)
        rows = rows.exclude(bid_id__in=hidden_ids)
    summary.hidden = hidden
    summary.distributions = stored.without(summary.distributions, hidden_bids, summary.rules)
    kinds = StoredSelectionRow.Kind
    ranked = filterset.filter_rows(rows.filter(kind=kinds.RANKED))
    excluded = filterset.filter_rows(rows.filter(kind=kinds.EXCLUDED), sort=False)
    ranked_page = DatabasePaginator(ranked.values_list("value", flat=True), PAGE_SIZE)
    ranked_page = ranked_page.get_page(page_number)
    excluded_page = DatabasePaginator(excluded.values_list("value", flat=True), PAGE_SIZE)
    excluded_page = excluded_page.get_page(listed_number)
    ranked_page.object_list = _rows(ranked_page.object_list)
    excluded_page.object_list = _rows(excluded_page.object_list)
    shown = [*ranked_page.object_list, *excluded_page.object_list]
    if hidden:
        for row in shown:
            row.scrub(hidden)
    infos = {row.info.pk: row.info for row in shown}
    if infos:
        stored.refresh_decisions(infos, {"bid_id__in": list(infos)})
        if viewer.has_perm("scoring.see_conflicts"):
            for bid_id, names in conflicts.people_in_conflict(list(infos)).items():
                infos[bid_id].conflicted = names
    return RankingPage(summary, ranked_page, excluded_page, filterset)
