"""The PDF copy of a submitted bid: exactly what was submitted (the BidSubmission's stored
answers, never the live draft), on A4, with a small map of the districts."""

from applications.answers import district_lookup, regions_of, summarise
from applications.staff_bids import partner_rows
from core.hexmap import Category, hex_map_svg
from core.pdf import render_pdf

MAP_COLOUR = "#1d70b8"


def pdf_filename(submission):
    reference = submission.bid.reference or f"bid-{submission.bid_id}"
    return f"{reference}-version-{submission.version}.pdf"


def bid_context(submission):
    answers = submission.answers or {}
    geography = answers.get("geography") or {}
    codes = geography.get("district_codes") or []
    lookup = district_lookup(codes)
    place = geography.get("place_name") or "the partnership"
    partners = partner_rows(answers)
    return {
        "bid": submission.bid,
        "submission": submission,
        "sections": summarise(answers, lookup),
        "partners": partners,
        "place": place,
        "districts": sorted(lookup[code][0] for code in codes if code in lookup),
        "regions": regions_of(codes, lookup),
        "map": hex_map_svg(
            dict.fromkeys(codes, "bid"),
            legend=[Category("bid", "Local authority areas in this application", MAP_COLOUR)],
            title=f"Local authority areas covered by {place}",
            size=6,
            svg_id="bid-map",
        ),
    }


def bid_pdf(submission):
    """PDF bytes of one submitted version of a bid."""
    return render_pdf("applications/pdf/bid.html", bid_context(submission))
