"""Incremental sync: ``modified_since`` and keyset paging on the change log's (txid, id).

Every change to an object the sync serves is a change-log entry (finest/core/changelog.py),
written in the changing transaction with that transaction's id (``txid``). An object's
position in the stream is its newest entry's (txid, entry id); the stream of a resource is
every object the reader may see, in that order, merged with tombstones: objects that were
unpublished or deleted and that the reader can no longer see, at their newest entry. The
page's last position is the cursor of the next page: ``<txid>-<entry id>``.

Why nothing is skipped, whatever the commit delay: the stream stops before the first
entry that a still-running transaction could precede. On PostgreSQL that is every entry
whose txid is at or above ``pg_snapshot_xmin(pg_current_snapshot())``, the oldest
transaction still running: a transaction that commits later has a txid above it, so its
entries land after any cursor handed out. (A transaction only gets a txid at its first
write, after every txid handed out before.) On SQLite one writer commits at a time, so
entry ids already are commit order and no entry is held back.
Why nothing repeats: cursors are strict, an object appears at its newest entry only, and
an object and its tombstone never appear together.

Derived changes without a save (a publish date arriving, a call closing) become entries
when they happen: finest/core/clock.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from finest.core.models import TOMBSTONE_ACTIONS, ChangeLogEntry, Publishable
from finest.core.permissions import sees_own_drafts

SYNC_AT = "sync_at"
SYNC_TXID = "sync_txid"
SYNC_ENTRY = "sync_entry"
# Objects without any entry (rows loaded raw, e.g. fixtures) come first, at (0, pk - 2**62):
# below every real entry id, and one position per object.
NO_ENTRY_OFFSET = 2**62


def with_sync_time(queryset: models.QuerySet) -> models.QuerySet:
    """The time an object last changed for a reader (Last-Modified): an object whose
    publish date comes later changed when it came."""
    if issubclass(queryset.model, Publishable):
        expression = models.Case(
            models.When(published_at__lte=timezone.now(), then=Greatest("modified_at", "published_at")),
            default=models.F("modified_at"),
            output_field=models.DateTimeField(),
        )
    else:
        expression = models.F("modified_at")
    return queryset.annotate(**{SYNC_AT: expression})


def settled_below(using: str = DEFAULT_DB_ALIAS) -> int | None:
    """Entries with a txid below this are final: no running transaction can add one
    before them. None: every entry is (SQLite).

    Only this database's transactions count: PostgreSQL's own horizon
    (``pg_snapshot_xmin``) spans the whole server, so another database's long transaction
    (another site, a backup, a test worker) would hold the stream back. The running ones
    are this database's backends with a transaction id, read after the snapshot, so one
    that gets its id later has a higher one than anything served. The reader's own
    transaction (a test, or a request that wrote) is left out: what it wrote is final for
    itself."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint, pg_current_xact_id_if_assigned()::text::bigint"
        )
        xmax, own = cursor.fetchone()
        # pg_stat_activity is read once per transaction unless cleared; it must be read after the snapshot.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT backend_xid::text::bigint FROM pg_stat_activity"
            " WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        running = [row[0] for row in cursor.fetchall()]
    return horizon(xmax, own, running)


def horizon(xmax: int, own: int | None, running_here: list[int]) -> int:
    """The lowest txid of this database's other running transactions (``running_here``, as
    pg_stat_activity's 32-bit ids), else one past every completed one (``xmax``) and the
    reader's own (``own``)."""
    widened = [_widen(xid, xmax) for xid in running_here]
    return min(widened, default=max(xmax, (own or 0) + 1))


def _widen(xid32: int, near: int) -> int:
    # A 32-bit id is the low half of a 64-bit txid; the epoch is the one that puts it nearest ``near``.
    candidate = (near & ~0xFFFFFFFF) | xid32
    if candidate > near + 2**31:
        candidate -= 2**32
    elif candidate < near - 2**31:
        candidate += 2**32
    return candidate


CURSOR_PATTERN = r"^(0|[1-9][0-9]{0,18})-(-?[0-9]{1,19})(-o)?$"
_CURSOR = re.compile(CURSOR_PATTERN)
_BIGINT = 2**63 - 1


def _clamp(value: int) -> int:
    return max(-_BIGINT, min(_BIGINT, value))


@dataclass(frozen=True)
class Cursor:
    """A position in the change log: (txid, entry id). ``tombstones`` False for the
    ``ordering=modified`` stream, which has none (``-o`` in the cursor)."""

    txid: int
    entry: int
    tombstones: bool

    def encode(self) -> str:
        return f"{self.txid}-{self.entry}" + ("" if self.tombstones else "-o")

    @classmethod
    def decode(cls, raw: str) -> Cursor:
        # Cursors of the earlier time-based stream do not match either: the client starts again.
        match = _CURSOR.match(raw)
        if match is None:
            raise serializers.ValidationError({"cursor": [_("This cursor is not valid. Start again from modified_since.")]})
        # A well-formed position beyond the 64-bit range is after (or before) every entry: clamped, it
        # answers an empty page (or everything), as the schema's pattern promises.
        return cls(txid=_clamp(int(match[1])), entry=_clamp(int(match[2])), tombstones=match[3] is None)


@dataclass(frozen=True)
class TombstoneReader:
    """Whose tombstones of deleted drafts a reader gets. Everyone gets those of objects
    everyone could see (published once, or without a publish state); a deleted draft's
    goes only to staff (``all_drafts``) and to the organisations the change log recorded
    as its readers when it was deleted (``organisation_id``, a write key's)."""

    all_drafts: bool = False
    organisation_id: int | None = None

    @classmethod
    def of(cls, actor) -> TombstoneReader:
        if actor.is_staff:
            return cls(all_drafts=True)
        if sees_own_drafts(actor):
            return cls(organisation_id=actor.organisation.pk)
        return cls()

    def shown(self, log: models.QuerySet) -> models.QuerySet:
        """The tombstone entries of ``log`` that this reader may get."""
        entries = log.tombstones()
        if self.all_drafts:
            return entries
        condition = models.Q(restricted=False)
        if self.organisation_id is not None:
            condition |= models.Q(restricted=True, readers__organisation_id=self.organisation_id)
        return entries.filter(condition)


EVERY_TOMBSTONE = TombstoneReader(all_drafts=True)


@dataclass(frozen=True)
class Tombstone:
    id: int
    public_id: str | None
    time: datetime
    reason: str

    def as_dict(self) -> dict:
        return {"id": self.id, "public_id": self.public_id, "deleted": True, "time": self.time.isoformat(), "reason": self.reason}


def _after(cursor: Cursor | None, txid_field: str, entry_field: str) -> models.Q:
    if cursor is None:
        return models.Q()
    return models.Q(**{f"{txid_field}__gt": cursor.txid}) | models.Q(
        **{txid_field: cursor.txid, f"{entry_field}__gt": cursor.entry}
    )


def with_stream_position(queryset: models.QuerySet) -> models.QuerySet:
    """Annotate each object with its newest entry's (txid, id) and time."""
    newest = ChangeLogEntry.objects.filter(
        model_label=queryset.model._meta.label_lower, object_id=models.OuterRef("pk")
    ).order_by("-txid", "-pk")
    return queryset.annotate(
        **{
            SYNC_TXID: Coalesce(models.Subquery(newest.values("txid")[:1]), 0),
            SYNC_ENTRY: Coalesce(models.Subquery(newest.values("pk")[:1]), models.F("pk") - NO_ENTRY_OFFSET),
            "sync_changed_at": models.Subquery(newest.values("at")[:1]),
        }
    )


def sync_page(
    *,
    queryset: models.QuerySet,
    visible: models.QuerySet,
    since: datetime | None,
    cursor: Cursor | None,
    size: int,
    reader: TombstoneReader = EVERY_TOMBSTONE,
) -> tuple[list, Cursor]:
    """One page of the stream: model instances and Tombstones in (txid, entry id) order,
    and the cursor that continues after it. ``queryset`` is what the reader asked for
    (filters applied); ``visible`` is everything the reader may see, which decides
    whether a change-log tombstone still applies; ``reader`` which tombstones of deleted
    drafts the reader gets (only those it could read).
    ``since`` (the first page only) leaves out objects whose newest entry is older."""
    below = settled_below(queryset.db)
    include_tombstones = cursor.tombstones if cursor else since is not None
    objects = with_stream_position(queryset)
    if below is not None:
        objects = objects.filter(**{f"{SYNC_TXID}__lt": below})
    if since is not None:
        objects = objects.filter(sync_changed_at__gte=since)
    objects = list(objects.filter(_after(cursor, SYNC_TXID, SYNC_ENTRY)).order_by(SYNC_TXID, SYNC_ENTRY)[:size])
    rows: list[tuple[tuple[int, int], object]] = [((getattr(obj, SYNC_TXID), getattr(obj, SYNC_ENTRY)), obj) for obj in objects]
    if include_tombstones:
        rows.extend(_tombstones(queryset.model, visible, since, below, cursor, size, reader))
    rows.sort(key=lambda row: row[0])
    rows = rows[:size]
    if rows:
        (txid, entry), _item = rows[-1]
        next_cursor = Cursor(txid=txid, entry=entry, tombstones=include_tombstones)
    else:
        next_cursor = cursor or Cursor(txid=0, entry=-NO_ENTRY_OFFSET, tombstones=include_tombstones)
    return [row[1] for row in rows], next_cursor


def _tombstones(model, visible, since, below, cursor, size, reader=EVERY_TOMBSTONE) -> list[tuple[tuple[int, int], Tombstone]]:
    """The objects that are gone for this reader, each at its newest entry (whatever its action)."""
    log = ChangeLogEntry.objects.for_model(model)
    # A draft deleted before it was ever published was in the copies of its readers only; to
    # anyone else its tombstone would leak that it existed (and its public id). An object that
    # was public has an unrestricted "unpublished" entry (deleting a public object records one
    # first), so everybody who may have had it gets its tombstone, however it went later.
    gone = reader.shown(log).exclude(object_id__in=visible.order_by().values("pk"))
    newer = log.filter(object_id=models.OuterRef("object_id")).filter(
        models.Q(txid__gt=models.OuterRef("txid")) | models.Q(txid=models.OuterRef("txid"), pk__gt=models.OuterRef("pk"))
    )
    newest = log.filter(object_id__in=gone.values("object_id")).exclude(models.Exists(newer))
    if below is not None:
        newest = newest.filter(txid__lt=below)
    if since is not None:
        newest = newest.filter(at__gte=since)
    newest = list(newest.filter(_after(cursor, "txid", "pk")).order_by("txid", "pk")[:size])
    if not newest:
        return []
    reasons = {}
    for entry in log.filter(object_id__in=[entry.object_id for entry in newest], action__in=TOMBSTONE_ACTIONS).order_by("txid", "pk"):
        reasons[entry.object_id] = entry
    return [
        (
            (entry.txid, entry.pk),
            Tombstone(
                id=entry.object_id,
                public_id=str(reasons[entry.object_id].public_id) if reasons[entry.object_id].public_id else None,
                time=entry.at,
                reason=reasons[entry.object_id].action,
            ),
        )
        for entry in newest
    ]


TOMBSTONE_SCHEMA = {
    "type": "object",
    "description": (
        "An object that was deleted or unpublished since `modified_since`: remove it from your copy. A deleted "
        "draft's tombstone comes only to the write keys that could read that draft."
    ),
    "properties": {
        "id": {"type": "integer", "example": 42},
        "public_id": {"type": "string", "format": "uuid", "nullable": True},
        "deleted": {"type": "boolean", "enum": [True]},
        "time": {"type": "string", "format": "date-time"},
        "reason": {"type": "string", "enum": ["unpublished", "deleted"]},
    },
    "required": ["id", "deleted", "time"],
}
