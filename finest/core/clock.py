"""Moments: the instants at which an object's representation changes without a save.

An open call turns from open to closing soon and closed, a project's status follows its
dates, an event becomes past, a publish date arrives. Nothing is saved then, so nothing
would enter the change log and syncing partners would keep the old state. Each app
registers its models' moments here (in its ``changelog.py``); ``record_passed_moments``
(a Celery beat task every minute, ``finest.core.tasks.record_clock_changes``) bumps every
object with a moment between its newest change-log entry and now, so it is re-sent.

A moment is a callable ``(now, today) -> Q`` over the object's fields and two
annotations: ``clock_changed_at``, the time of its newest entry, and ``clock_changed_on``,
that time's local date (for fields that are dates). ``passed`` and ``passed_date`` build
the usual ones. The rule is stateless and idempotent: once bumped, an object's newest
entry is after the moment, so a later run (or a missed one) finds it only at its next."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from . import changelog
from .models import ChangeLogEntry, Publishable

Moment = Callable[[datetime, date], models.Q]

_moments: dict[str, list[Moment]] = {}


def register_moment(model: type[models.Model] | str, moment: Moment) -> None:
    _moments.setdefault(changelog._label(model), []).append(moment)


def passed(expression: str | models.Expression, offset: timedelta = timedelta(0)) -> Moment:
    """The instant in a datetime field (or expression), shifted by ``offset``."""
    instant = models.F(expression) if isinstance(expression, str) else expression
    if offset:
        instant = models.ExpressionWrapper(instant + offset, output_field=models.DateTimeField())

    def moment(now: datetime, today: date) -> models.Q:
        annotated = models.ExpressionWrapper(instant, output_field=models.DateTimeField())
        return models.Q(models.lookups.LessThanOrEqual(annotated, now)) & models.Q(
            models.lookups.GreaterThan(annotated, models.F("clock_changed_at"))
        )

    return moment


def passed_date(field: str, days: int = 0) -> Moment:
    """The start (local midnight) of the day in a date field, ``days`` later: a date's
    status changes when the day begins (``end_date`` + 1: the day after the last one)."""

    def moment(now: datetime, today: date) -> models.Q:
        # field + days <= today and field + days > changed_on  <=>  field <= today - days, field > changed_on - days
        shifted_today = today - timedelta(days=days)
        return models.Q(**{f"{field}__lte": shifted_today}) & models.Q(
            models.lookups.GreaterThan(
                models.F(field),
                models.ExpressionWrapper(models.F("clock_changed_on") - timedelta(days=days), output_field=models.DateField()),
            )
            if days
            else models.lookups.GreaterThan(models.F(field), models.F("clock_changed_on"))
        )

    return moment


def due(model: type[models.Model], now: datetime | None = None) -> models.QuerySet:
    """The objects of ``model`` with a moment passed since their newest entry."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    newest = ChangeLogEntry.objects.filter(model_label=model._meta.label_lower, object_id=models.OuterRef("pk")).order_by("-at")
    queryset = model._default_manager.annotate(
        clock_changed_at=Coalesce(models.Subquery(newest.values("at")[:1]), models.F("created_at"), output_field=models.DateTimeField())
    ).annotate(clock_changed_on=TruncDate("clock_changed_at", tzinfo=timezone.get_current_timezone()))
    condition = models.Q(pk__in=[])
    moments = list(_moments.get(model._meta.label_lower, ()))
    if issubclass(model, Publishable):
        # A publish date arriving makes the object visible.
        moments.append(passed("published_at"))
    for moment in moments:
        condition |= moment(now, today)
    return queryset.filter(condition)


def record_passed_moments(now: datetime | None = None) -> int:
    """Bump every object whose moment has passed since its newest entry; returns how many."""
    count = 0
    registered = changelog.content_models()
    publishable = [label for label, model in registered.items() if issubclass(model, Publishable)]
    for label in sorted({*_moments, *publishable}):
        model = registered[label]
        pks = list(due(model, now).values_list("pk", flat=True))
        for start in range(0, len(pks), 500):
            changelog._bump(model, pks[start : start + 500])
        count += len(pks)
    return count
