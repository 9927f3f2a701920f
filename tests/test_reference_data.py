import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from applications import reference
from applications.constants import OrganisationKind
from applications.models import District, Organisation, Region
from cohorts.models import CohortMember


@pytest.mark.django_db
def test_counts_after_loading():
    assert District.objects.count() == 296
    assert Region.objects.count() == 9
    assert Organisation.objects.filter(kind=OrganisationKind.COUNTY_COUNCIL).count() == 21
    assert Organisation.objects.filter(kind=OrganisationKind.COUNCIL).count() == 296
    assert Organisation.objects.filter(kind=OrganisationKind.HIGHER_EDUCATION).count() == 314
    assert Organisation.objects.filter(ukprn__isnull=False).count() == 307
    assert District.objects.get(code="E08000021").name == "Newcastle upon Tyne"
    assert District.objects.get(code="E08000021").region.name == "North East"
    assert Organisation.objects.get(ukprn="10007799").name == "Newcastle University"
    assert Organisation.objects.get(ons_code="E10000013").region.name == "South West"


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    before = list(Organisation.objects.order_by("pk").values_list("pk", "name", "kind", "region"))
    report = reference.load()
    assert (report.created, report.updated) == (0, 0)
    after = list(Organisation.objects.order_by("pk").values_list("pk", "name", "kind", "region"))
    assert before == after


@pytest.mark.django_db
def test_command_prints_counts(capsys):
    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert out.strip() == (
        "Reference data: 9 regions, 296 districts, 21 county councils, 314 institutions "
        "(0 created, 0 updated)"
    )


@pytest.mark.django_db
def test_malformed_file_stops_with_file_and_line(tmp_path):
    for name in (reference.DISTRICTS_FILE, reference.REGIONS_FILE, reference.HEI_FILE):
        shutil.copy(reference.DATA_DIR / name, tmp_path / name)
    broken = tmp_path / reference.HEI_FILE
    lines = broken.read_text().splitlines()
    lines[3] = lines[3].replace('"ukprn":', '"ukprn"')  # line 4 loses its colon
    broken.write_text("\n".join(lines))
    with pytest.raises(CommandError) as error:
        call_command("load_reference_data", data_dir=str(tmp_path))
    assert str(error.value) == f"{broken}: line 4: Expecting ':' delimiter"


@pytest.mark.django_db
def test_record_missing_a_key_names_its_line(tmp_path):
    for name in (reference.DISTRICTS_FILE, reference.REGIONS_FILE, reference.HEI_FILE):
        shutil.copy(reference.DATA_DIR / name, tmp_path / name)
    path = tmp_path / reference.DISTRICTS_FILE
    data = json.loads(path.read_text())
    del data["hexes"]["E06000002"]["region"]
    path.write_text(json.dumps(data, indent=1))
    expected_line = path.read_text().splitlines().index('  "E06000002": {') + 1
    with pytest.raises(reference.ReferenceDataError) as error:
        reference.load(tmp_path)
    assert str(error.value) == f"{path}: line {expected_line}: E06000002 has no 'region'"


@pytest.mark.django_db
def test_round_one_pilots_are_its_cohort():
    members = CohortMember.objects.filter(cohort__round__number=1).order_by("position")
    assert [m.partnership_name for m in members] == [
        "Newcastle and Gateshead",
        "Manchester",
        "Coventry and Warwickshire",
        "Gloucestershire",
        "Bristol",
        "Brighton",
    ]
    gloucestershire = members.get(partnership_name="Gloucestershire")
    assert sorted(gloucestershire.organisations.values_list("name", flat=True)) == [
        "Gloucestershire",
        "Royal Agricultural University",
        "University of Gloucestershire",
    ]
    assert gloucestershire.districts.count() == 6
    assert gloucestershire.region.name == "South West"
    newcastle = members.get(partnership_name="Newcastle and Gateshead")
    assert sorted(newcastle.districts.values_list("code", flat=True)) == ["E08000021", "E08000037"]
