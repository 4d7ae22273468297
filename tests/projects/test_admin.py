"""Budget integrity and the lead-responsibility rule as the admin shows them:
clear form errors, never a 500, and inline changes reach the change log."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from finest.core.models import ChangeAction, ChangeLogEntry
from projects.models import FundingSource, Participation, Project, ProjectKind, WorkPackage
from tests.core.test_admin import add_inline_row, form_data, inline_prefix
from tests.factories import (
    CityFactory,
    FundingSourceFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:projects_project_add")


def change_url(project):
    return reverse("admin:projects_project_change", args=(project.pk,))


def errors_of(response) -> str:
    """All the form, inline and non-form errors on an admin page, as text."""
    assert response.status_code == 200
    parts = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        parts.append(str(inline.formset.non_form_errors()))
        parts.extend(str(form.errors) for form in inline.formset.forms)
    return html.unescape(" ".join(parts))


@pytest.fixture(autouse=True)
def _english_admin(staff_client):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def add_form(staff_client):
    page = staff_client.get(ADD_URL)
    data = form_data(page)
    data.update({"title_fi": "Uusi hanke", "title_en": "New project", "kind": ProjectKind.RESEARCH_INNOVATION,
                 "state": "draft", "total_budget": "1000000"})
    return page, data


def test_a_valid_project_with_rows_is_saved(staff_client, add_form):
    page, data = add_form
    partner = PartnerFactory()
    add_inline_row(data, inline_prefix(page, Participation), {"partner": partner.pk, "role": "coordinator",
                                                               "budget_share": "600000", "order": "0"})
    add_inline_row(data, inline_prefix(page, FundingSource), {"funder_name_fi": "EU", "amount": "1000000",
                                                               "order": "0"})
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, errors_of(response)
    project = Project.objects.get(title_fi="Uusi hanke")
    assert project.participations.get().budget_share == Decimal("600000")


@pytest.mark.parametrize(
    ("model", "row", "label"),
    [
        (Participation, {"role": "partner", "budget_share": "700000"}, "budget shares"),
        (FundingSource, {"funder_name_fi": "EU", "amount": "700000"}, "funding sources"),
        (WorkPackage, {"code": "WP{n}", "title_fi": "Työ", "budget": "700000"}, "work package budgets"),
    ],
    ids=["participations", "funding-sources", "work-packages"],
)
def test_rows_over_the_total_give_a_clear_error(staff_client, add_form, model, row, label):
    page, data = add_form
    prefix = inline_prefix(page, model)
    for n in range(2):
        values = {key: value.format(n=n) for key, value in row.items()}
        values["order"] = str(n)
        if model is Participation:
            values["partner"] = str(PartnerFactory().pk)
        add_inline_row(data, prefix, values)
    response = staff_client.post(ADD_URL, data)
    text = errors_of(response)
    assert label in text
    assert "more than the project's total budget" in text
    assert not Project.objects.filter(title_fi="Uusi hanke").exists()


def test_rows_marked_for_deletion_do_not_count(staff_client):
    project = ProjectFactory(total_budget=Decimal("1000000"))
    keep = FundingSourceFactory(project=project, amount=Decimal("600000"))
    FundingSourceFactory(project=project, amount=Decimal("400000"))
    page = staff_client.get(change_url(project))
    data = form_data(page)
    prefix = inline_prefix(page, FundingSource)
    add_inline_row(data, prefix, {"funder_name_fi": "Kaupunki", "amount": "300000", "order": "3"})
    # Over the total unless the 400 000 row is deleted in the same submission.
    assert "more than" in errors_of(staff_client.post(change_url(project), data))

    index = next(i for i in range(2) if data[f"{prefix}-{i}-id"] != str(keep.pk))
    data[f"{prefix}-{index}-DELETE"] = "on"
    response = staff_client.post(change_url(project), data)
    assert response.status_code == 302, errors_of(response)
    assert sorted(project.funding_sources.values_list("amount", flat=True)) == [Decimal("300000"), Decimal("600000")]


def test_lowering_the_total_below_the_rows_is_refused(staff_client):
    project = ProjectFactory(total_budget=Decimal("1000000"))
    WorkPackageFactory(project=project, budget=Decimal("800000"))
    page = staff_client.get(change_url(project))
    data = form_data(page)
    data["total_budget"] = "500000"
    assert "work package budgets" in errors_of(staff_client.post(change_url(project), data))
    project.refresh_from_db()
    assert project.total_budget == Decimal("1000000")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("total_budget", "-1", "greater than or equal to 0"),
        ("total_budget", "lots", "Enter a number"),
        ("end_date", "2019-01-01", "end date must not be before the start date"),
        ("start_date", "2024-02-31", "Enter a valid date"),
    ],
)
def test_bad_project_fields_give_form_errors(staff_client, add_form, field, value, message):
    _page, data = add_form
    data.update({"start_date": "2020-01-01", field: value})
    response = staff_client.post(ADD_URL, data)
    assert message in errors_of(response)


def test_negative_share_and_reversed_participation_dates_are_row_errors(staff_client, add_form):
    page, data = add_form
    prefix = inline_prefix(page, Participation)
    add_inline_row(data, prefix, {"partner": PartnerFactory().pk, "role": "partner", "budget_share": "-10",
                                  "start_date": "2021-05-01", "end_date": "2021-01-01", "order": "0"})
    text = errors_of(staff_client.post(ADD_URL, data))
    assert "greater than or equal to 0" in text
    assert "cannot leave before it joins" in text


def _partners_in_cities(count: int):
    return [PartnerFactory(city=CityFactory(is_innovation_city=True)) for _ in range(count)]


@pytest.mark.parametrize(("cities", "saved"), [(2, False), (3, True)])
def test_lead_responsibility_needs_three_innovation_cities(staff_client, add_form, cities, saved):
    page, data = add_form
    data["kind"] = ProjectKind.LEAD_RESPONSIBILITY
    prefix = inline_prefix(page, Participation)
    for n, partner in enumerate(_partners_in_cities(cities)):
        add_inline_row(data, prefix, {"partner": partner.pk, "role": "partner", "budget_share": "1000",
                                      "order": str(n)})
    response = staff_client.post(ADD_URL, data)
    if saved:
        assert response.status_code == 302, errors_of(response)
    else:
        assert "at least 3 Innovation Cities" in errors_of(response)
    assert Project.objects.filter(title_fi="Uusi hanke").exists() is saved


def test_deleting_a_partner_row_can_break_the_lead_responsibility_rule(staff_client):
    project = ProjectFactory(kind=ProjectKind.LEAD_RESPONSIBILITY)
    for partner in _partners_in_cities(3):
        ParticipationFactory(project=project, partner=partner, budget_share=None)
    page = staff_client.get(change_url(project))
    data = form_data(page)
    prefix = inline_prefix(page, Participation)
    data[f"{prefix}-0-DELETE"] = "on"
    assert "Innovation Cities" in errors_of(staff_client.post(change_url(project), data))
    assert project.participations.count() == 3


def test_inline_changes_touch_the_project_for_syncing_partners(staff_client):
    project = ProjectFactory()
    before = Project.objects.get(pk=project.pk).modified_at
    ChangeLogEntry.objects.all().delete()
    page = staff_client.get(change_url(project))
    data = form_data(page)
    add_inline_row(data, inline_prefix(page, WorkPackage), {"code": "WP9", "title_fi": "Uusi", "budget": "10",
                                                             "order": "0"})
    response = staff_client.post(change_url(project), data)
    assert response.status_code == 302, errors_of(response)
    assert Project.objects.get(pk=project.pk).modified_at > before
    assert ChangeLogEntry.objects.filter(
        model_label="projects.project", object_id=project.pk, action=ChangeAction.UPDATED
    ).exists()


def test_share_of_total_is_shown_on_the_change_form(staff_client):
    project = ProjectFactory(total_budget=Decimal("6300000"))
    ParticipationFactory(project=project, budget_share=Decimal("1670000"))
    html = staff_client.get(change_url(project), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "€1.67\xa0million of €6.3\xa0million" in html
