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
from dataclasses import dataclass

from django.core.paginator import Paginator

from scoring.models import StoredSelectionRow
from scoring.select import selection, stored
from scoring.setup import conflicts

PAGE_SIZE = 50


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
    return [pickle.loads(value)[0] for value in values]  # noqa: S301 (written only by us)


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
        for reference, value in rows.filter(bid_id__in=hidden_ids).values_list(
            "reference", "value"
        ):
            hidden = hidden | {reference}
            hidden_bids.append(pickle.loads(value)[1])  # noqa: S301 (written only by us)
        rows = rows.exclude(bid_id__in=hidden_ids)
    summary.hidden = hidden
    summary.distributions = stored.without(summary.distributions, hidden_bids, summary.rules)
    ranked = filterset.filter_rows(rows.filter(kind=StoredSelectionRow.Kind.RANKED))
    excluded = filterset.filter_rows(rows.filter(kind=StoredSelectionRow.Kind.EXCLUDED), sort=False)
    ranked_page = Paginator(ranked.values_list("value", flat=True), PAGE_SIZE).get_page(page_number)
    excluded_page = Paginator(excluded.values_list("value", flat=True), PAGE_SIZE).get_page(
        listed_number
    )
    ranked_page.object_list = _rows(ranked_page.object_list)
    excluded_page.object_list = _rows(excluded_page.object_list)
    shown = [*ranked_page.object_list, *excluded_page.object_list]
    for row in shown:
        selection.scrub_row(row, hidden)
    infos = {row.info.pk: row.info for row in shown}
    if infos:
        stored.refresh_decisions(infos, {"bid_id__in": list(infos)})
        if viewer.has_perm("scoring.see_conflicts"):
            for bid_id, names in conflicts.people_in_conflict(list(infos)).items():
                infos[bid_id].conflicted = names
    return RankingPage(summary, ranked_page, excluded_page, filterset)
