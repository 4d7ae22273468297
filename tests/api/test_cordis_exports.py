"""?format=cordis: projects and participations in the layout of CORDIS's project.csv and
organization.csv, so a reader written for CORDIS's files reads them unchanged."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.cordis import ORGANIZATION_COLUMNS, PROJECT_COLUMNS
from tests.factories import CityFactory, FundingProgrammeFactory, ParticipationFactory, PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _read(response):
    """Read as a CORDIS tool does: ';' between fields, quoted, no BOM."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _grant_project(**kwargs):
    values = {
        "acronym": "FinEst Twins", "title_en": "FinEst Twins Smart City Centre of Excellence", "title_fi": "FinEst Twins",
        "summary_en": "<p>A centre of  excellence\nin Tallinn.</p>", "grant_agreement_id": "856602",
        "start_date": date(2019, 12, 1), "end_date": date(2026, 11, 30), "total_budget": Decimal("6300000"),
        "ec_max_contribution": Decimal("6300000.50"), "legal_basis": "H2020-EU.4.a.", "topics": "WIDESPREAD-01-2018-2019",
        "master_call": "H2020-WIDESPREAD-2018-2020", "sub_call": "H2020-WIDESPREAD-2018-01", "funding_scheme": "CSA",
        "ec_signature_date": date(2019, 9, 25),
        "funding_programme": FundingProgrammeFactory(framework_code="H2020"),
    }
    values.update(kwargs)
    return ProjectFactory(**values)


def test_project_export_has_cordis_columns_in_cordis_order_and_formats(anon):
    _grant_project()
    rows = _read(anon.get("/api/v1/projects/", {"format": "cordis"}))
    assert tuple(rows[0]) == PROJECT_COLUMNS
    assert len(PROJECT_COLUMNS) == 20
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["id"] == "856602"
    assert row["title"] == "FinEst Twins Smart City Centre of Excellence"
    assert (row["startDate"], row["endDate"], row["ecSignatureDate"]) == ("2019-12-01", "2026-11-30", "2019-09-25")
    assert (row["totalCost"], row["ecMaxContribution"]) == ("6300000", "6300000,5")
    assert (row["frameworkProgramme"], row["fundingScheme"], row["legalBasis"]) == ("H2020", "CSA", "H2020-EU.4.a.")
    assert (row["topics"], row["masterCall"], row["subCall"]) == (
        "WIDESPREAD-01-2018-2019", "H2020-WIDESPREAD-2018-2020", "H2020-WIDESPREAD-2018-01",
    )
    assert row["objective"] == "A centre of excellence in Tallinn."
    assert len(row["contentUpdateDate"]) == len("2026-12-01 10:00:00")


def test_every_field_is_quoted_as_cordis_writes_them(anon):
    _grant_project()
    text = anon.get("/api/v1/projects/", {"format": "cordis"}).content.decode()
    assert text.splitlines()[0] == ";".join(f'"{name}"' for name in PROJECT_COLUMNS)


def test_only_eu_grants_are_cordis_projects(anon):
    _grant_project()
    ProjectFactory(grant_agreement_id="", acronym="NATIONAL")
    rows = _read(anon.get("/api/v1/projects/", {"format": "cordis"}))
    assert [row[1] for row in rows[1:]] == ["FinEst Twins"]


def test_status_follows_the_end_date(anon):
    today = timezone.localdate()
    _grant_project(grant_agreement_id="1", end_date=today.replace(year=today.year - 1))
    _grant_project(grant_agreement_id="2", start_date=today.replace(year=today.year - 1), end_date=today.replace(year=today.year + 1))
    rows = _read(anon.get("/api/v1/projects/", {"format": "cordis"}))
    assert {row[0]: row[2] for row in rows[1:]} == {"1": "CLOSED", "2": "SIGNED"}


def test_an_empty_export_still_has_its_header(anon):
    assert _read(anon.get("/api/v1/projects/", {"format": "cordis"})) == [list(PROJECT_COLUMNS)]
    assert _read(anon.get("/api/v1/participations/", {"format": "cordis"})) == [list(ORGANIZATION_COLUMNS)]


def test_organisation_export_has_cordis_columns_pic_roles_and_addresses(anon):
    project = _grant_project()
    tallinn = CityFactory(name_en="Tallinn", name_fi="Tallinna", latitude=Decimal("59.437"), longitude=Decimal("24.7536"))
    taltech = PartnerFactory(
        name_en="Tallinn University of Technology", short_name="TalTech", pic="999842536", type="university",
        country="EE", city=tallinn, street="Ehitajate tee 5", post_code="19086", vat_number="EE100257260",
        is_sme=False, nuts_code="EE001", website="https://taltech.ee/",
    )
    fvh = PartnerFactory(name_en="Forum Virium Helsinki", type="city_company", country="FI", post_office="Helsinki")
    ParticipationFactory(project=project, partner=taltech, role="coordinator", order=1, budget_share=Decimal("1000000.25"),
                         net_ec_contribution=Decimal("900000"))
    ParticipationFactory(project=project, partner=fvh, role="partner", order=2, budget_share=Decimal("1670000"))
    rows = _read(anon.get("/api/v1/participations/", {"format": "cordis", "lang": "en"}))
    assert tuple(rows[0]) == ORGANIZATION_COLUMNS
    assert len(ORGANIZATION_COLUMNS) == 25
    first, second = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert (first["projectID"], first["projectAcronym"], first["organisationID"]) == ("856602", "FinEst Twins", "999842536")
    assert (first["name"], first["shortName"], first["activityType"], first["SME"]) == (
        "Tallinn University of Technology", "TalTech", "HES", "false",
    )
    assert (first["street"], first["postCode"], first["city"], first["country"], first["nutsCode"]) == (
        "Ehitajate tee 5", "19086", "Tallinn", "EE", "EE001",
    )
    assert first["geolocation"].startswith("59.437")
    assert (first["role"], first["ecContribution"], first["netEcContribution"], first["order"]) == (
        "coordinator", "1000000,25", "900000", "1",
    )
    assert (first["endOfParticipation"], first["active"], first["vatNumber"]) == ("false", "true", "EE100257260")
    assert (second["role"], second["activityType"], second["city"], second["SME"]) == ("participant", "PRC", "Helsinki", "")


def test_internal_shares_stay_out_of_the_export(anon):
    project = _grant_project()
    ParticipationFactory(project=project, budget_share=Decimal("5"), budget_is_internal=True, net_ec_contribution=Decimal("4"))
    row = dict(zip(*_read(anon.get("/api/v1/participations/", {"format": "cordis"})), strict=True))
    assert (row["ecContribution"], row["netEcContribution"]) == ("", "")


def test_export_cells_cannot_run_as_formulas(anon):
    _grant_project(acronym="=CMD()")
    assert _read(anon.get("/api/v1/projects/", {"format": "cordis"}))[1][1] == "'=CMD()"


def test_one_project_as_its_cordis_row_and_others_404(anon):
    project = _grant_project()
    national = ProjectFactory(grant_agreement_id="")
    rows = _read(anon.get(f"/api/v1/projects/{project.pk}/", {"format": "cordis"}))
    assert rows[1][0] == "856602"
    assert anon.get(f"/api/v1/projects/{national.pk}/", {"format": "cordis"}).status_code == 404


def test_cordis_format_only_where_cordis_has_a_file(anon):
    assert anon.get("/api/v1/events/", {"format": "cordis"}).status_code == 404


def test_export_query_count_does_not_grow(anon, django_assert_max_num_queries):
    for number in range(3):
        project = _grant_project(grant_agreement_id=str(number))
        ParticipationFactory.create_batch(3, project=project)
    with django_assert_max_num_queries(8):
        _read(anon.get("/api/v1/participations/", {"format": "cordis"}))
    with django_assert_max_num_queries(12):
        _read(anon.get("/api/v1/projects/", {"format": "cordis"}))
