"""Load the organisation registry and the district map from the reference data files.

Idempotent: each record is matched on its ONS code or UKPRN (or name, for the few
institutions without one) and only written when something differs.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from applications.constants import OrganisationKind
from applications.models import District, Organisation, Region
from applications.organisations import SYNONYM_SEPARATOR

DATA_DIR = Path(__file__).resolve().parent / "data"
DISTRICTS_FILE = "england-local-authority-districts-2023.hexjson"
REGIONS_FILE = "english-regions-and-county-councils.json"
HEI_FILE = "uk-higher-education-institutions.json"


@lru_cache(maxsize=1)
def district_hexes():
    """{ONS code: (name, q, r)}: each district's place on the hex map (core.hexmap's layout),
    read from the districts file once."""
    hexes = json.loads((DATA_DIR / DISTRICTS_FILE).read_text(encoding="utf-8"))["hexes"]
    return {code: (h["n"], int(h["q"]), int(h["r"])) for code, h in hexes.items()}


class ReferenceDataError(Exception):
    """A data file is malformed; the message names the file and the line."""


@dataclass
class LoadReport:
    regions: int = 0
    districts: int = 0
    county_councils: int = 0
    institutions: int = 0
    created: int = 0
    updated: int = 0


def _line_of(text, needle):
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def read_json(path):
    text = Path(path).read_text(encoding="utf-8")
    try:
        return json.loads(text), text
    except json.JSONDecodeError as error:
        raise ReferenceDataError(f"{path}: line {error.lineno}: {error.msg}") from error


def _require(record, keys, path, text, label):
    if not isinstance(record, dict):
        raise ReferenceDataError(f"{path}: line {_line_of(text, label)}: {label} is not an object")
    for key in keys:
        if key not in record:
            raise ReferenceDataError(
                f"{path}: line {_line_of(text, label)}: {label} has no {key!r}"
            )


def _check_places(places, keys, regions, path, text):
    """Each of {code: record} has `keys` and a known region, or ReferenceDataError."""
    for code, record in places.items():
        _require(record, keys, path, text, code)
        if record["region"] not in regions:
            raise ReferenceDataError(
                f"{path}: line {_line_of(text, code)}: "
                f"{code} has unknown region {record['region']!r}"
            )


def parse(data_dir=DATA_DIR):
    """Read and check all three files; returns plain data or raises ReferenceDataError."""
    data_dir = Path(data_dir)
    regions_path = data_dir / REGIONS_FILE
    regions_json, regions_text = read_json(regions_path)
    if "regions" not in regions_json or "county_councils_2023" not in regions_json:
        raise ReferenceDataError(
            f"{regions_path}: line 1: expected 'regions' and 'county_councils_2023'"
        )
    regions = regions_json["regions"]
    counties = regions_json["county_councils_2023"]
    _check_places(counties, ["n", "region"], regions, regions_path, regions_text)

    districts_path = data_dir / DISTRICTS_FILE
    hex_json, hex_text = read_json(districts_path)
    if not isinstance(hex_json, dict) or "hexes" not in hex_json:
        raise ReferenceDataError(f"{districts_path}: line 1: expected a 'hexes' object")
    districts = hex_json["hexes"]
    _check_places(districts, ["n", "q", "r", "region"], regions, districts_path, hex_text)

    hei_path = data_dir / HEI_FILE
    heis, hei_text = read_json(hei_path)
    if not isinstance(heis, list):
        raise ReferenceDataError(f"{hei_path}: line 1: expected a list of institutions")
    for position, record in enumerate(heis):
        label = record.get("name", f"item {position}") if isinstance(record, dict) else "item"
        _require(record, ["name", "ukprn"], hei_path, hei_text, f'"{label}"')
    return regions, counties, districts, heis


def _upsert(model, lookup, values, report):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        report.created += 1
        return
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.updated += 1


def council_kind_label(code):
    return {
        "E06": "Unitary authority",
        "E07": "District council",
        "E08": "Metropolitan borough",
        "E09": "London borough",
        "E10": "County council",
    }.get(code[:3], "Council")


@transaction.atomic
def load(data_dir=DATA_DIR):
    regions, counties, districts, heis = parse(data_dir)
    report = LoadReport()
    for code, name in regions.items():
        _upsert(Region, {"code": code}, {"name": name}, report)
        report.regions += 1
    region_by_code = {region.code: region for region in Region.objects.all()}
    for code, record in districts.items():
        _upsert(
            District,
            {"code": code},
            {
                "name": record["n"],
                "region": region_by_code[record["region"]],
                "hex_q": int(record["q"]),
                "hex_r": int(record["r"]),
            },
            report,
        )
        report.districts += 1
    district_by_code = {district.code: district for district in District.objects.all()}
    for code, record in districts.items():
        _upsert(
            Organisation,
            {"ons_code": code},
            {
                "name": record["n"],
                "kind": OrganisationKind.COUNCIL,
                "region": region_by_code[record["region"]],
                "district": district_by_code[code],
                "from_registry": True,
                "reviewed": True,
            },
            report,
        )
    for code, record in counties.items():
        _upsert(
            Organisation,
            {"ons_code": code},
            {
                "name": record["n"],
                "kind": OrganisationKind.COUNTY_COUNCIL,
                "region": region_by_code[record["region"]],
                "from_registry": True,
                "reviewed": True,
            },
            report,
        )
        report.county_councils += 1
    for record in heis:
        values = {
            "name": record["name"],
            "kind": OrganisationKind.HIGHER_EDUCATION,
            "synonyms": SYNONYM_SEPARATOR.join(record.get("synonyms") or []),
            "closed": bool(record.get("closed", False)),
            "from_registry": True,
            "reviewed": True,
        }
        if record["ukprn"]:
            _upsert(Organisation, {"ukprn": str(record["ukprn"])}, values, report)
        else:
            name = values.pop("name")
            _upsert(
                Organisation,
                {"name": name, "kind": OrganisationKind.HIGHER_EDUCATION, "ukprn": None},
                {k: v for k, v in values.items() if k != "kind"},
                report,
            )
        report.institutions += 1
    return report
