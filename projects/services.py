"""Writes for projects and the rules that guard them. The admin (``ProjectAdmin``)
saves projects and their inline rows through these services; the budget and
lead-responsibility checks are shared by the admin's formsets (projects/forms.py)
and the demo loader. The API does not write projects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from finest.core.changelog import touch
from finest.core.money import format_eur, format_eur_in, money_unit
from finest.core.permissions import Actor
from finest.core.services import content_create, content_delete, content_rows_save, content_update

from .models import LEAD_RESPONSIBILITY_MIN_CITIES, Project, ProjectKind


def validate_total_not_exceeded(
    *, total: Decimal | None, amounts: Iterable[Decimal | None], what: str
) -> None:
    """Raise if the ``amounts`` add up to more than ``total``. ``what`` names them in the message."""
    if total is None:
        return
    amount_sum = sum((amount for amount in amounts if amount is not None), Decimal("0"))
    if amount_sum > total:
        raise ValidationError(
            _("%(what)s add up to %(sum)s, which is more than the project's total budget of %(total)s.")
            % {"what": what, "sum": format_eur(amount_sum), "total": format_eur(total)},
            code="budget_exceeded",
        )


def innovation_cities_of(partners: Iterable) -> set[int]:
    return {partner.city_id for partner in partners if partner.city_id and partner.city.is_innovation_city}


def validate_lead_responsibility(*, kind: str, partners: Iterable) -> None:
    """A lead-responsibility project unites actors from at least three Innovation Cities."""
    if kind != ProjectKind.LEAD_RESPONSIBILITY:
        return
    cities = innovation_cities_of(partners)
    if len(cities) < LEAD_RESPONSIBILITY_MIN_CITIES:
        raise ValidationError(
            _(
                "A lead-responsibility project must unite actors from at least %(minimum)d Innovation Cities; "
                "the consortium now covers %(count)d."
            )
            % {"minimum": LEAD_RESPONSIBILITY_MIN_CITIES, "count": len(cities)},
            code="too_few_innovation_cities",
        )


def project_validate(project: Project) -> None:
    """Check the saved project's children against its total and its kind."""
    errors: list[ValidationError] = []
    total = project.total_budget
    checks = [
        ([p.budget_share for p in project.participations.all()], _("The partners' budget shares")),
        ([s.amount for s in project.funding_sources.all()], _("The funding sources")),
        ([w.budget for w in project.work_packages.all()], _("The work package budgets")),
    ]
    for amounts, what in checks:
        try:
            validate_total_not_exceeded(total=total, amounts=amounts, what=what)
        except ValidationError as error:
            errors.append(error)
    try:
        validate_lead_responsibility(
            kind=project.kind,
            partners=[p.partner for p in project.participations.select_related("partner__city")],
        )
    except ValidationError as error:
        errors.append(error)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_create(*, project: Project, actor: Actor) -> Project:
    """Save the new ``project`` (its rows follow with ``project_rows_save``)."""
    return content_create(obj=project, actor=actor)


@transaction.atomic
def project_update(*, project: Project, actor: Actor) -> Project:
    return content_update(obj=project, actor=actor)


@transaction.atomic
def project_rows_save(
    *,
    project: Project,
    saved: Sequence[models.Model],
    deleted: Sequence[models.Model],
    actor: Actor,
    row_relations: Sequence[tuple[models.Model, Mapping[str, Iterable[models.Model]]]] = (),
) -> bool:
    """Save and delete the project's inline rows (participations, funding sources, work
    packages...), which the admin's formsets have checked against the total budget."""
    return content_rows_save(parent=project, saved=saved, deleted=deleted, row_relations=row_relations, actor=actor)


@transaction.atomic
def project_delete(*, project: Project, actor: Actor) -> None:
    content_delete(obj=project, actor=actor)


def project_children_changed(*, project: Project) -> None:
    """Called by the demo loader after it changed inline rows, so syncing partners see it."""
    touch(project)


def partner_share_text(*, share: Decimal | None, total: Decimal | None, unit: str | None = None) -> str:
    """E.g. '1,67 M€ / 6,3 M€' or '€1.67 million of €6.3 million': both in ``unit`` (the page's), by
    default the one the total calls for."""
    if share is None or not total:
        return ""
    if unit is None:
        unit = money_unit([share, total])
    return _("%(share)s of %(total)s") % {"share": format_eur_in(share, unit), "total": format_eur_in(total, unit)}
