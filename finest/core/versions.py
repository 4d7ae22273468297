"""Versions of content labels, the keys of the page and API caches.

The change log bumps a label's ``ResourceVersion`` with each of its entries (``bumped``), in
the same transaction, so a cache keyed by the versions it depends on can never serve a page
from before a committed change, even when the cache itself missed the change (Redis down,
another process's local copy): the versions live in the database.

Some changes need no write: a published object whose publish date comes, an event that
ends. Each bump stores the label's ``next_moment``, the earliest such instant; a read that
finds it passed bumps the label first (``current``).

Labels are ``app_label.model_name`` like the change log's. Which time fields besides the
publish date move a label's published set is registered with ``register_moment`` (the
events app registers its end, which moves the upcoming list)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.apps import apps as global_apps
from django.db import DatabaseError, IntegrityError, connections, models, router, transaction
from django.db.models import F, Min, Q, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from .models import PublishState, ResourceVersion

_moment_fields: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Version:
    label: str
    version: int
    changed_at: datetime | None

    @property
    def token(self) -> str:
        # The time too, so a database restored from a backup (counters going back) makes new keys.
        return f"{self.label}:{self.version}:{self.changed_at.timestamp() if self.changed_at else 0}"


def register_moment(label: str, *fields: str) -> None:
    """Also watch these future datetimes of ``label``'s published objects."""
    label = label.lower()
    _moment_fields[label] = tuple(dict.fromkeys((*_moment_fields.get(label, ()), *fields)))


def _model_in_state(model, label: str):
    """The class registered as ``label`` where ``model`` lives: a data migration's historical
    model bumps through its own state, and not at all before this table exists."""
    app_label, model_name = label.split(".")
    return model._meta.apps.all_models.get(app_label, {}).get(model_name)


def _next_moment(model, label: str, now: datetime) -> datetime | None:
    field_names = {field.name for field in model._meta.concrete_fields}
    if not {"state", "published_at"} <= field_names:
        return None
    published = Q(state=PublishState.PUBLISHED)
    moments = {"next_published_at": Min("published_at", filter=published & Q(published_at__gt=now))}
    # An expiry date (unpublish_at) moves every publishable label's published set.
    for name in _watched(model, label):
        moments[f"next_{name}"] = Min(name, filter=published & Q(published_at__lte=now, **{f"{name}__gt": now}))
    found = [value for value in model._default_manager.aggregate(**moments).values() if value is not None]
    return min(found) if found else None


def _watched(model, label: str) -> tuple[str, ...]:
    field_names = {field.name for field in model._meta.concrete_fields}
    return tuple(name for name in (*_moment_fields.get(label, ()), "unpublish_at") if name in field_names)


_UNKNOWN = object()


def _moments_of(instance, label: str, now: datetime):
    """The future instants at which ``instance`` alone moves ``label``'s published set, as
    ``_next_moment`` counts them; ``_UNKNOWN`` when its values are not all aware datetimes (a
    string assigned to a field and saved as is), which only the aggregate can answer."""
    model = type(instance)
    if not {"state", "published_at"} <= {field.name for field in model._meta.concrete_fields}:
        return []
    published_at = instance.published_at
    if instance.state != PublishState.PUBLISHED or published_at is None:
        return []
    values = [published_at, *(getattr(instance, name) for name in _watched(model, label))]
    if not all(value is None or (isinstance(value, datetime) and timezone.is_aware(value)) for value in values):
        return _UNKNOWN
    if published_at > now:
        return [published_at]
    return [value for value in values[1:] if value is not None and value > now]


def bumped(model: type[models.Model], label: str | None = None, *, saved=None, recount: bool = False) -> None:
    """Called by the change log with each entry for ``label`` (default: ``model``'s). ``saved``:
    the instance whose save the entry records; None for a bump that changes no moment field
    (a part's save, a link, a deletion). ``recount``: the next moment passed, take it again.

    The next moment is the aggregate over the label's objects once per label and transaction;
    each later bump in the same transaction only lowers it to the saved object's own moments,
    so a transaction that changes n objects runs one aggregate, not n. Lowering alone may
    leave it early (a scheduled date moved later), never late: early costs one extra bump,
    which takes the aggregate again."""
    label = (label or model._meta.label_lower).lower()
    version_model = _model_in_state(model, "core.resourceversion")
    content_model = _model_in_state(model, label)
    if version_model is None or content_model is None:
        return
    now = timezone.now()
    rows = version_model._default_manager.filter(label=label)
    if _restamp_after_commit(rows, label) and not recount:
        moments = [] if saved is None else _moments_of(saved, label, now)
        if moments is not _UNKNOWN:
            update = {"version": F("version") + 1, "changed_at": now}
            if moments:
                # SQLite's LEAST is NULL when an argument is: no stored moment is "none yet".
                earliest = Value(min(moments))
                update["next_moment"] = Least(Coalesce(F("next_moment"), earliest), earliest)
            if rows.update(**update):
                return
    next_moment = _next_moment(content_model, label, now)
    if rows.update(version=F("version") + 1, changed_at=now, next_moment=next_moment):
        return
    try:
        with transaction.atomic(using=rows.db):
            version_model._default_manager.create(label=label, version=1, changed_at=now, next_moment=next_moment)
    except IntegrityError:
        # Another transaction created it meanwhile: bump that one.
        rows.update(version=F("version") + 1, changed_at=now, next_moment=next_moment)


def _restamp_after_commit(rows, label: str) -> bool:
    """Move the change time to the commit: stamped inside a transaction that commits
    seconds later, it would fall before Last-Modified dates handed out meanwhile, and an
    If-Modified-Since would get a 304 for the old content. Once per label and transaction:
    True when this transaction has bumped the label already (its restamp is registered)."""
    connection = transaction.get_connection(rows.db)
    if not connection.in_atomic_block:
        return False  # autocommit: the update is its own commit
    key = (rows.model, label)
    registered = _restamps_registered(connection)
    if key in registered:
        return True

    def restamp():
        rows.update(changed_at=Greatest(F("changed_at"), Value(timezone.now())))

    restamp.restamps = key
    transaction.on_commit(restamp, using=rows.db)
    registered.add(key)
    return False


def _restamps_registered(connection) -> set:
    """The restamps registered in the connection's transaction, without scanning its commit
    hooks on each bump (a transaction that changes n objects, each with hooks of its own, would
    scan n times). Django appends to ``run_on_commit`` in place and replaces the list when hooks
    go (a commit, a rollback, a savepoint rollback), so the set holds while the list is the one
    it was read from, and is read again from a new list."""
    hooks = connection.run_on_commit
    cached = getattr(connection, "_finest_restamps", None)
    if cached is None or cached[0] is not hooks:
        cached = (hooks, {getattr(func, "restamps", None) for _sids, func, _robust in hooks} - {None})
        connection._finest_restamps = cached
    return cached[1]


def _model(label: str) -> type[models.Model]:
    app_label, model_name = label.split(".")
    return global_apps.get_app_config(app_label).get_model(model_name)


def seed(labels: Iterable[str], *, using: str = "default") -> None:
    """Give each label that has none its row (after migrate: content from before the versions
    existed may hold scheduled publish dates)."""
    existing = set(ResourceVersion.objects.using(using).values_list("label", flat=True))
    for label in sorted(set(labels) - existing):
        bumped(_model(label), label, recount=True)


_statements: dict[tuple, str] = {}


def _statement(connection, count: int, *, raw: bool) -> str:
    """The versions query for ``count`` labels, built once per connection and count. ``raw``: in
    the driver's own parameter style (SQLite's ``?``), for a cursor Django does not wrap."""
    key = (connection.alias, connection.vendor, count, raw)
    sql = _statements.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        # Only quoted identifiers are formatted in; the labels are parameters.
        columns = ", ".join(quote(name) for name in ("label", "version", "changed_at", "next_moment"))
        marker = "?" if raw and connection.vendor == "sqlite" else "%s"
        placeholders = ", ".join([marker] * count)
        table = quote(ResourceVersion._meta.db_table)
        sql = _statements[key] = f"SELECT {columns} FROM {table} WHERE {quote('label')} IN ({placeholders})"  # noqa: S608
    return sql


def _fetch(labels: tuple[str, ...]) -> list[tuple]:
    """The rows, in one statement. On an open connection, outside a transaction and unless
    queries are being logged (DEBUG, the tests' query counts), it goes to the driver itself: no
    cursor wrapper and no per-request health check (a failure falls back to Django's cursor,
    which checks the connection and reconnects). Autocommit: no transaction is opened for it."""
    connection = connections[router.db_for_read(ResourceVersion)]
    if connection.connection is not None and not connection.in_atomic_block and not connection.queries_logged:
        try:
            with connection.wrap_database_errors:
                return connection.connection.execute(_statement(connection, len(labels), raw=True), labels).fetchall()
        except DatabaseError:
            pass
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection, len(labels), raw=False), labels)
        return cursor.fetchall()


def _rows(labels: tuple[str, ...]) -> dict[str, tuple[int, datetime | None, datetime | None]]:
    """label -> (version, changed_at, next_moment), in one plain query: every cached page and
    API answer reads this, and the ORM's query building would cost more than the query."""
    return {label: (version, _aware(changed), _aware(moment)) for label, version, changed, moment in _fetch(labels)}


def _aware(value) -> datetime | None:
    # SQLite hands back naive UTC datetimes (or text), PostgreSQL aware ones: the tokens must be alike.
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def read(labels: tuple[str, ...]) -> dict[str, tuple[int, datetime | None, datetime | None]]:
    """The rows ``state`` and ``current`` read, for a caller that asks both in one request."""
    return _rows(labels)


def current(labels: Iterable[str], known: dict | None = None) -> tuple[Version, ...]:
    """The versions of ``labels``, in their order: one query, unless a label's next moment has
    passed, which bumps it first. A label without a row has had no change since migrate
    seeded the rows (a test database's rows roll back): version 0. ``known``: rows this request
    has read already (``read``) for exactly these labels, so that they are not read again."""
    labels = tuple(dict.fromkeys(label.lower() for label in labels))
    if not labels:
        return ()
    now = timezone.now()
    rows = dict(known[1]) if known is not None and known[0] == labels else _rows(labels)
    stale = tuple(label for label, row in rows.items() if row[2] and row[2] <= now)
    if stale:
        for label in stale:
            bumped(_model(label), label, recount=True)
        rows.update(_rows(stale))
    return tuple(Version(label, rows[label][0], rows[label][1]) if label in rows else Version(label, 0, None) for label in labels)


def state(labels: tuple[str, ...], rows: dict | None = None) -> tuple | None:
    """``(version, changed_at)`` of each label, as ``states(current(labels))`` gives them, in one
    query (none with ``rows`` from ``read``) and without building versions; None when a next
    moment has passed (``current`` bumps)."""
    rows = _rows(labels) if rows is None else rows
    now = timezone.now()
    if any(row[2] is not None and row[2] <= now for row in rows.values()):
        return None
    return tuple(rows[label][:2] if label in rows else (0, None) for label in labels)


def states(found: Iterable[Version]) -> tuple:
    return tuple((version.version, version.changed_at) for version in found)


@dataclass(frozen=True)
class LastModified:
    """Last-Modified has whole seconds, changes do not. ``compare`` is the second after the
    change: a conditional request gets its 304 only when its If-Modified-Since is at least
    that. ``header`` is what the response says: that second once it has begun, and the
    change's own second while it lasts, so a client never holds a date at or after a change
    still to come in the same second (it gets a 200 next time, then the later date)."""

    header: int
    compare: int


def last_modified(changed: datetime | None, now: datetime | None = None) -> LastModified | None:
    if changed is None:
        return None
    moment = changed.timestamp()
    after = math.ceil(moment)
    begun = (now or timezone.now()).timestamp() >= after
    return LastModified(header=after if begun else math.floor(moment), compare=after)


def last_changed(versions: Iterable[Version]) -> datetime | None:
    moments = [version.changed_at for version in versions if version.changed_at is not None]
    return max(moments) if moments else None
