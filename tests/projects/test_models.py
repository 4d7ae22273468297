"""Model and service validation for projects: non-negative amounts, budgets within
the total in every category, ordered dates and the lead-responsibility rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from projects.models import FundingSource, Participation, ProjectKind, ProjectStatus, WorkPackage
from projects.services import (
    partner_share_text,
    project_validate,
    validate_lead_responsibility,
    validate_total_not_exceeded,
)
from tests.factories import (
    BudgetFigureFactory,
    CityFactory,
    FundingSourceFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (ParticipationFactory, "budget_share"),
        (FundingSourceFactory, "amount"),
        (WorkPackageFactory, "budget"),
        (BudgetFigureFactory, "amount"),
    ],
)
def test_negative_amounts_are_refused_by_full_clean(factory, field):
    row = factory()
    setattr(row, field, Decimal("-0.01"))
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert field in excinfo.value.message_dict


def test_negative_total_budget_is_refused_by_full_clean_and_the_database():
    project = ProjectFactory()
    project.total_budget = Decimal("-1")
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert "total_budget" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


@pytest.mark.parametrize(
    ("factory", "field", "label"),
    [
        (ParticipationFactory, "budget_share", "budget shares"),
        (FundingSourceFactory, "amount", "funding sources"),
        (WorkPackageFactory, "budget", "work package budgets"),
    ],
)
def test_each_category_over_the_total_is_an_error(factory, field, label):
    project = ProjectFactory(total_budget=Decimal("1000000"))
    factory(project=project, **{field: Decimal("600000")})
    project_validate(project)
    factory(project=project, **{field: Decimal("400000")})
    project_validate(project)  # exactly the total is fine
    factory(project=project, **{field: Decimal("0.01")})
    with pytest.raises(ValidationError) as excinfo:
        project_validate(project)
    assert label in " ".join(excinfo.value.messages)


def test_a_project_without_a_total_has_no_cap():
    project = ProjectFactory(total_budget=None)
    FundingSourceFactory(project=project, amount=Decimal("99000000"))
    project_validate(project)


def test_validate_total_ignores_empty_amounts():
    validate_total_not_exceeded(total=Decimal("10"), amounts=[None, Decimal("10")], what="x")
    with pytest.raises(ValidationError):
        validate_total_not_exceeded(total=Decimal("10"), amounts=[None, Decimal("10.01")], what="x")


def test_several_broken_rules_are_reported_together():
    project = ProjectFactory(total_budget=Decimal("100"), kind=ProjectKind.LEAD_RESPONSIBILITY)
    FundingSourceFactory(project=project, amount=Decimal("200"))
    WorkPackageFactory(project=project, budget=Decimal("200"))
    with pytest.raises(ValidationError) as excinfo:
        project_validate(project)
    assert len(excinfo.value.messages) == 3


@pytest.mark.parametrize(
    ("model_factory", "start_field", "end_field"),
    [
        (ProjectFactory, "start_date", "end_date"),
        (ParticipationFactory, "start_date", "end_date"),
    ],
)
def test_end_before_start_is_refused(model_factory, start_field, end_field):
    obj = model_factory()
    setattr(obj, start_field, date(2022, 6, 1))
    setattr(obj, end_field, date(2022, 5, 31))
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    assert end_field in excinfo.value.message_dict
    setattr(obj, end_field, date(2022, 6, 1))
    obj.full_clean()


def _consortium(innovation_cities: int, other_cities: int = 0):
    partners = [PartnerFactory(city=CityFactory(is_innovation_city=True)) for _ in range(innovation_cities)]
    partners += [PartnerFactory(city=CityFactory(is_innovation_city=False)) for _ in range(other_cities)]
    return partners


def test_lead_responsibility_with_two_innovation_cities_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_lead_responsibility(kind=ProjectKind.LEAD_RESPONSIBILITY, partners=_consortium(2, other_cities=3))
    assert excinfo.value.code == "too_few_innovation_cities"


def test_lead_responsibility_with_three_innovation_cities_passes():
    validate_lead_responsibility(kind=ProjectKind.LEAD_RESPONSIBILITY, partners=_consortium(3))


def test_two_partners_in_the_same_city_count_once():
    city = CityFactory(is_innovation_city=True)
    partners = [PartnerFactory(city=city), PartnerFactory(city=city), *_consortium(1)]
    with pytest.raises(ValidationError):
        validate_lead_responsibility(kind=ProjectKind.LEAD_RESPONSIBILITY, partners=partners)


def test_other_kinds_need_no_innovation_cities():
    validate_lead_responsibility(kind=ProjectKind.RESEARCH_INNOVATION, partners=[])


def test_project_validate_applies_the_lead_rule_to_saved_participations():
    project = ProjectFactory(kind=ProjectKind.LEAD_RESPONSIBILITY, total_budget=None)
    partners = _consortium(3)
    for partner in partners[:2]:
        ParticipationFactory(project=project, partner=partner)
    with pytest.raises(ValidationError):
        project_validate(project)
    ParticipationFactory(project=project, partner=partners[2])
    project_validate(project)


def test_a_partner_participates_once_per_project():
    participation = ParticipationFactory()
    duplicate = Participation(project=participation.project, partner=participation.partner)
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_work_package_codes_are_unique_per_project():
    work_package = WorkPackageFactory(code="WP5")
    with pytest.raises(ValidationError):
        WorkPackage(project=work_package.project, code="WP5", title_fi="Toinen").full_clean()


def test_funding_source_needs_an_amount():
    with pytest.raises(ValidationError) as excinfo:
        FundingSource(project=ProjectFactory(), funder_name_fi="EU").full_clean()
    assert "amount" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "override", "expected"),
    [
        (date(2099, 1, 1), None, "", ProjectStatus.PLANNED),
        (date(2019, 12, 1), date(2099, 1, 1), "", ProjectStatus.ONGOING),
        (date(2019, 12, 1), date(2020, 1, 1), "", ProjectStatus.COMPLETED),
        (date(2019, 12, 1), date(2020, 1, 1), ProjectStatus.ONGOING, ProjectStatus.ONGOING),
    ],
)
def test_status_is_derived_from_dates_unless_set(start, end, override, expected):
    project = ProjectFactory(start_date=start, end_date=end, status_override=override)
    assert project.status == expected
    assert type(project).objects.with_status(expected).filter(pk=project.pk).exists()


def test_partner_share_is_shown_against_the_total():
    with translation.override("fi"):
        assert partner_share_text(share=Decimal("1670000"), total=Decimal("6300000")) == "1,67\xa0M€ / 6,3\xa0M€"
    with translation.override("en"):
        assert partner_share_text(share=Decimal("1670000"), total=Decimal("6300000")) == "€1.67\xa0million of €6.3\xa0million"
        # The share is in the total's unit: never "300 k€ of 6.3 M€".
        assert partner_share_text(share=Decimal("300000"), total=Decimal("6300000")) == "€0.3\xa0million of €6.3\xa0million"
