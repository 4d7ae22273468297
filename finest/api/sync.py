"""Incremental sync: ``modified_since`` and keyset paging on (sync time, id).

The sync stream of a resource is every object the reader may see, ordered by the
time it last changed for that reader and its id, merged with tombstones: objects
that were unpublished or deleted (from the change log) and that the reader can no
longer see. The page's last (time, id) is the cursor of the next page.

Why nothing is skipped: a change during paging gives the object (or its tombstone)
a time later than any cursor already handed out, so it shows up again further on.
Why nothing repeats: cursors are strict, and an object and its tombstone never
appear together (tombstones of objects that are visible again are dropped).

Two details keep that true:
- An object whose publish date comes later becomes visible without being saved, so
  its sync time is ``max(modified_at, published_at)`` once ``published_at`` has come.
- A transaction may commit rows with a time a little in the past. The stream stops
  ``API_SYNC_SETTLE_SECONDS`` before now, so a slow commit is still ahead of the cursor."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from finest.core.models import ChangeAction, ChangeLogEntry, Publishable

SYNC_AT = "sync_at"


def with_sync_time(queryset: models.QuerySet) -> models.QuerySet:
    if issubclass(queryset.model, Publishable):
        expression = models.Case(
            models.When(published_at__lte=timezone.now(), then=Greatest("modified_at", "published_at")),
            default=models.F("modified_at"),
            output_field=models.DateTimeField(),
        )
    else:
        expression = models.F("modified_at")
    return queryset.annotate(**{SYNC_AT: expression})


def settled_until() -> datetime:
    return timezone.now() - timedelta(seconds=getattr(settings, "API_SYNC_SETTLE_SECONDS", 2))


def _utc(moment: datetime | None) -> datetime | None:
    # A cursor is opaque but not tamper-proof: its times go to the database in UTC, because PostgreSQL
    # refuses offsets beyond ±15:59 (OverflowError at the calendar's edges is an invalid cursor).
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Cursor:
    time: datetime | None
    pk: int
    tombstones: bool
    since: datetime | None

    def encode(self) -> str:
        payload = {
            "t": self.time.isoformat() if self.time else None,
            "i": self.pk,
            "d": self.tombstones,
            "s": self.since.isoformat() if self.since else None,
        }
        return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, raw: str) -> Cursor:
        try:
            padded = raw + "=" * (-len(raw) % 4)
            payload = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
            time = _utc(parse_datetime(payload["t"])) if payload["t"] else None
            since = _utc(parse_datetime(payload["s"])) if payload.get("s") else None
            pk = int(payload["i"])
            if (payload["t"] and time is None) or not isinstance(payload["d"], bool):
                raise ValueError
        except (
            ValueError, TypeError, KeyError, OverflowError, binascii.Error, UnicodeDecodeError, json.JSONDecodeError,
        ) as error:
            raise serializers.ValidationError({"cursor": [_("This cursor is not valid. Start again from modified_since.")]}) from error
        return cls(time=time, pk=pk, tombstones=payload["d"], since=since)


@dataclass(frozen=True)
class Tombstone:
    id: int
    public_id: str | None
    time: datetime
    reason: str

    def as_dict(self) -> dict:
        return {"id": self.id, "public_id": self.public_id, "deleted": True, "time": self.time.isoformat(), "reason": self.reason}


def _after(cursor: Cursor | None, time_field: str, pk_field: str) -> models.Q:
    if cursor is None or cursor.time is None:
        return models.Q()
    return models.Q(**{f"{time_field}__gt": cursor.time}) | models.Q(
        **{time_field: cursor.time, f"{pk_field}__gt": cursor.pk}
    )


def sync_page(
    *,
    queryset: models.QuerySet,
    visible: models.QuerySet,
    since: datetime | None,
    cursor: Cursor | None,
    size: int,
    drafts_visible: bool = True,
) -> tuple[list, Cursor]:
    """One page of the stream: model instances and Tombstones in (time, id) order,
    and the cursor that continues after it. ``queryset`` is what the reader asked for
    (filters applied); ``visible`` is everything the reader may see, which decides
    whether a change-log tombstone still applies. A reader who sees no drafts
    (``drafts_visible`` False) gets tombstones only of objects that were once public."""
    until = settled_until()
    include_tombstones = cursor.tombstones if cursor else since is not None
    since = cursor.since if cursor else since
    objects = with_sync_time(queryset).filter(**{f"{SYNC_AT}__lte": until})
    if since is not None:
        objects = objects.filter(**{f"{SYNC_AT}__gte": since})
    objects = list(objects.filter(_after(cursor, SYNC_AT, "pk")).order_by(SYNC_AT, "pk")[:size])
    rows: list[tuple[datetime, int, object]] = [(getattr(obj, SYNC_AT), obj.pk, obj) for obj in objects]
    if include_tombstones:
        stones = _tombstones(queryset.model, visible, since, until, cursor, size, drafts_visible)
        rows.extend((stone.time, stone.id, stone) for stone in stones)
    rows.sort(key=lambda row: (row[0], row[1]))
    rows = rows[:size]
    if rows:
        last_time, last_pk, _item = rows[-1]
        next_cursor = Cursor(time=last_time, pk=last_pk, tombstones=include_tombstones, since=since)
    else:
        next_cursor = cursor or Cursor(time=None, pk=0, tombstones=include_tombstones, since=since)
    return [row[2] for row in rows], next_cursor


def _tombstones(model, visible, since, until, cursor, size, drafts_visible=True) -> list[Tombstone]:
    entries = ChangeLogEntry.objects.for_model(model).tombstones().filter(at__lte=until)
    if not drafts_visible:
        # A draft deleted before it was ever published was never in this reader's copy; its
        # tombstone would only leak that it existed (and its public id). Every object that was
        # public has an "unpublished" entry (deleting a public object records one first).
        ever_public = ChangeLogEntry.objects.for_model(model).filter(action=ChangeAction.UNPUBLISHED).values("object_id")
        entries = entries.filter(object_id__in=ever_public)
    if since is not None:
        entries = entries.filter(at__gte=since)
    grouped = (
        entries.exclude(object_id__in=visible.order_by().values("pk"))
        .values("object_id")
        .annotate(time=models.Max("at"))
        .filter(_after(cursor, "time", "object_id"))
        .order_by("time", "object_id")[:size]
    )
    latest = {row["object_id"]: row["time"] for row in grouped}
    if not latest:
        return []
    details = {}
    for entry in entries.filter(object_id__in=latest).order_by("at", "pk"):
        details[entry.object_id] = entry
    return [
        Tombstone(
            id=object_id,
            public_id=str(details[object_id].public_id) if details[object_id].public_id else None,
            time=time,
            reason=details[object_id].action,
        )
        for object_id, time in latest.items()
    ]


TOMBSTONE_SCHEMA = {
    "type": "object",
    "description": "An object that was deleted or unpublished since `modified_since`: remove it from your copy.",
    "properties": {
        "id": {"type": "integer", "example": 42},
        "public_id": {"type": "string", "format": "uuid", "nullable": True},
        "deleted": {"type": "boolean", "enum": [True]},
        "time": {"type": "string", "format": "date-time"},
        "reason": {"type": "string", "enum": ["unpublished", "deleted"]},
    },
    "required": ["id", "deleted", "time"],
}
