import pytest

from applications.answers import derived_region_code, summarise
from applications.models import Bid
from applications.samples import make_bid, sample_answers
from core.csvsafe import safe_cell
from core.hexmap import Category, hex_map_svg, layout
from core.pdf import StaticFilesOnlyFetcher, html_to_pdf

pytestmark = pytest.mark.django_db


def test_sample_bid_is_denormalised(open_round, applicant):
    bid = make_bid(open_round, applicant, "Kent", submitted=True)
    assert bid.reference == "LP2-0001"
    assert bid.status == Bid.Status.SUBMITTED
    assert bid.place_name == "Kent"
    assert bid.region.name == "South East"
    assert bid.lead_organisation.name == "Kent"
    assert list(bid.partners.values_list("organisation__name", flat=True)) == [
        "Kent",
        "University of Kent",
    ]
    assert sorted(bid.districts.values_list("name", flat=True)) == ["Canterbury", "Maidstone"]
    assert bid.overlaps_earlier_cohort is False
    second = make_bid(open_round, applicant, "Tyneside", submitted=True)
    assert second.reference == "LP2-0002"
    assert second.overlaps_earlier_cohort is True  # Newcastle was a round 1 pilot


def test_summary_rows(open_round):
    sections = summarise(sample_answers("Kent", open_round))
    geography = next(s for s in sections if s.step == "geography")
    assert [(row.label, row.text) for row in geography.rows] == [
        ("Name of the place", "Kent"),
        ("Local authority areas", "Canterbury\nMaidstone"),
        ("Regions", "South East"),
    ]
    empty = summarise({})
    assert next(s for s in empty if s.step == "challenge").rows[1].text == "Not provided"


def test_region_is_the_majority_with_the_lead_breaking_ties():
    regions = {"A1": "R1", "A2": "R1", "B1": "R2"}
    assert derived_region_code(["A1", "A2", "B1"], regions, "R2") == "R1"
    assert derived_region_code(["A1", "B1"], regions, "R2") == "R2"
    assert derived_region_code(["A1", "B1"], regions, None) == "R1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44", "'+44"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("ok", "ok"),
        (-2, -2),
        (None, ""),
    ],
)
def test_csv_cells_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_hex_map_has_every_district_with_a_title():
    svg = hex_map_svg(
        {"E08000019": "proposed"},
        legend=[Category("proposed", "Proposed", "#1d70b8")],
        title="Bids <by> district",
        labels={"E08000019": "LP2-0001"},
    )
    assert len(layout()) == 296
    assert svg.count("<polygon") == 296
    assert "<title>Sheffield: Proposed (LP2-0001)</title>" in svg
    assert "Bids &lt;by&gt; district" in svg


def test_hex_map_draws_the_cells_it_is_given():
    svg = hex_map_svg(
        {"X1": "proposed"},
        legend=[Category("proposed", "Proposed", "#1d70b8")],
        title="Two places",
        cells={"X1": ("Here", 0, 0), "X2": ("There", 1, 0)},
    )
    assert svg.count("<polygon") == 2
    assert "<title>Here: Proposed</title>" in svg
    assert "<title>There</title>" in svg


def test_pdf_fetcher_refuses_anything_but_static_files():
    fetcher = StaticFilesOnlyFetcher()
    ok = fetcher.fetch("https://leadingplaces.invalid/static/css/pdf.css")
    assert b"@page" in ok.read()
    for url in (
        "file:///etc/passwd",
        "https://example.com/x.png",
        "https://leadingplaces.invalid/static/../../config/settings.py",
        "https://leadingplaces.invalid/media/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    pdf = html_to_pdf('<h1>Test</h1><img src="file:///etc/passwd">')
    assert pdf.startswith(b"%PDF")


def test_error_summary_lists_a_formsets_own_and_form_errors():
    from django import forms as django_forms

    from core.templatetags.govuk import govuk_errors

    class Row(django_forms.Form):
        name = django_forms.CharField(error_messages={"required": "Enter a name"})

    RowSet = django_forms.formset_factory(Row, extra=0, min_num=1, validate_min=True)
    formset = RowSet({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": ""})
    assert not formset.is_valid()
    expected = [("", "Please submit at least 1 form."), ("id_form-0-name", "Enter a name")]
    assert govuk_errors(formset) == expected
    assert govuk_errors([formset, None]) == expected
