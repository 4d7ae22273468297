"""Bulk content for measuring the portal at size (``manage.py generate_bulk_content``).

Everything is written in batches without signals, so 10,000 projects take seconds, not the
hours that one service call per object would: on PostgreSQL with ``COPY`` (ids drawn from
the table's sequence first, so the links can refer to them), elsewhere with ``bulk_create``.
What the services would add is written here in bulk too: translated slugs, the change-log
entries partners sync from, the search documents (built from the objects in memory, with
the same analyser the save signal uses), the cache versions, and budgets that pass the
admin's validation (partners' shares and funding sources never exceed the project's total;
every project has one coordinator). Generated objects are recognisable by their slugs
(``bulk-…``), so a second run replaces them."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from events.models import Event, EventKind
from finest.core import versions
from finest.core.models import ChangeAction, ChangeLogEntry, City, FocusArea, PublishState
from finest.core.richtext import RichTextField
from living_lab.models import Pilot, PilotPhase
from news.models import Article, ArticleKind
from partners.models import Partner, PartnerType
from projects.models import FundingSource, Participation, ParticipationRole, Project, ProjectKind
from searchindex.models import SearchDocument
from searchindex.registry import entry_for
from searchindex.services import documents_for

SLUG_PREFIX = "bulk-"
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Words to build titles and texts from, per language, so that search has inflected, stemmable words.
WORDS = {
    "fi": {
        "subjects": ["liikkuminen", "energia", "kaupunkidata", "ilmasto", "terveys", "rakentaminen", "logistiikka", "osallisuus"],
        "things": ["kokeilu", "alusta", "yhteistyö", "palvelu", "tutkimus", "verkosto", "malli", "ratkaisu"],
        "sentence": "Hankkeessa kehitetään {a} ja {b} Helsingin ja Tallinnan välillä. Tulokset jaetaan avoimesti.",
    },
    "sv": {
        "subjects": ["mobilitet", "energi", "stadsdata", "klimat", "hälsa", "byggande", "logistik", "delaktighet"],
        "things": ["försök", "plattform", "samarbete", "tjänst", "forskning", "nätverk", "modell", "lösning"],
        "sentence": "Projektet utvecklar {a} och {b} mellan Helsingfors och Tallinn. Resultaten delas öppet.",
    },
    "en": {
        "subjects": ["mobility", "energy", "city data", "climate", "health", "construction", "logistics", "participation"],
        "things": ["pilot", "platform", "cooperation", "service", "research", "network", "model", "solution"],
        "sentence": "The project develops {a} and {b} between Helsinki and Tallinn. The results are shared openly.",
    },
}


def _delete_in_bulk(model: type[models.Model], pks: Sequence[int]) -> None:
    """Delete rows and what depends on them with one statement per table, following each foreign
    key's on_delete rule. QuerySet.delete() would send signals row by row (the change log listens),
    which takes minutes at this size."""
    if not pks:
        return
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        related, field = relation.related_model, relation.field
        rows = related._base_manager.filter(**{f"{field.name}__in": pks})
        if relation.on_delete is models.SET_NULL:
            rows.update(**{field.name: None})
        elif relation.on_delete is models.CASCADE:
            _delete_in_bulk(related, list(rows.values_list("pk", flat=True)))
    model._base_manager.filter(pk__in=pks)._raw_delete(model._base_manager.db)


def _column_value(field: models.Field, now):
    """How ``_insert`` reads one column off an object: what ``pre_save`` and ``get_db_prep_save``
    would give, without calling them millions of times for values that psycopg takes as they are."""
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: now
    if isinstance(field, RichTextField):
        # Sanitised as the field's pre_save would, once per distinct text (generated texts repeat).
        memo: dict[str, str] = {}

        def rich(obj):
            value = obj.__dict__.get(attname)
            if value and value not in memo:
                memo[value] = field.sanitize(value)
            return memo[value] if value else value

        return rich
    if isinstance(field, PLAIN_FIELDS):
        return lambda obj: obj.__dict__.get(attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


# Fields whose Python value is what psycopg writes (no pre_save or preparation of their own).
PLAIN_FIELDS = (
    models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.DecimalField,
    models.DateField, models.UUIDField, models.ForeignKey,
)


def _insert(model: type[models.Model], objects: Sequence[models.Model], *, with_ids: bool = True) -> None:
    """Write ``objects`` in one statement. On PostgreSQL that is ``COPY``: the rows stream as
    they are, with none of the SQL building and parameter splitting that a ``bulk_create`` of
    thousands of rows costs in Python; with ``with_ids`` each object gets its id from the
    table's sequence first (as bulk_create would give it back)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model._base_manager.bulk_create(objects)
        return
    meta = model._meta
    with connection.cursor() as cursor:
        if with_ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
    fields = [field for field in meta.concrete_fields if with_ids or not field.primary_key]
    now = timezone.now()
    readers = [_column_value(field, now) for field in fields]
    _copy(meta.db_table, [field.column for field in fields], ([read(obj) for read in readers] for obj in objects))


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor, cursor.cursor.copy(
        f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)


def _build(model: type[models.Model], values: dict) -> models.Model:
    """An unsaved object with ``values`` as its columns (attribute names, translated columns
    included). Cheaper than ``model(**values)``, whose keyword handling (modeltranslation
    rewrites each one) cost more than writing the row."""
    obj = model()
    obj.__dict__.update(values)
    return obj


def _transaction_id() -> int:
    # What changelog.current_txid() evaluates in each INSERT, read once: the run is one transaction.
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()::text::bigint")
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class Counts:
    projects: int
    partners: int
    events: int
    news: int
    pilots: int


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _title(rng: random.Random, n: int) -> dict[str, str]:
    subject, thing = rng.randrange(8), rng.randrange(8)
    return {
        language: f"{WORDS[language]['subjects'][subject].capitalize()} {WORDS[language]['things'][thing]} {n}"
        for language in LANGUAGES
    }


def _text(rng: random.Random) -> dict[str, str]:
    subject, thing = rng.randrange(8), rng.randrange(8)
    return {
        language: WORDS[language]["sentence"].format(a=WORDS[language]["subjects"][subject], b=WORDS[language]["things"][thing])
        for language in LANGUAGES
    }


def _translated(field: str, values: dict[str, str]) -> dict[str, str]:
    # The untranslated column mirrors the default language, as modeltranslation keeps it.
    return {field: values[settings.LANGUAGE_CODE], **{f"{field}_{language}": value for language, value in values.items()}}


def _slugs(kind: str, n: int) -> dict[str, str]:
    slug = f"{SLUG_PREFIX}{kind}-{n}"
    return {"slug": slug, **{f"slug_{language}": slug for language in LANGUAGES}}


def _published(rng: random.Random) -> dict:
    return {"state": PublishState.PUBLISHED, "published_at": timezone.now() - timedelta(days=rng.randrange(1, 2000))}


class BulkGenerator:
    def __init__(self, *, counts: Counts, batch_size: int = 2000, seed: int = 1, progress: Callable[[str, int, int], None]):
        self.counts = counts
        self.batch_size = batch_size
        self.rng = random.Random(seed)  # noqa: S311 - repeatable sample content, not secrets
        self.progress = progress
        self.documents = 0
        self.txid = 0
        self.focus_areas = list(FocusArea.objects.values_list("pk", flat=True))
        self.cities = list(City.objects.values_list("pk", flat=True))

    def run(self) -> None:
        with transaction.atomic():
            self.clear()
            self.txid = _transaction_id()
            partners = self._create("partners", Partner, self.counts.partners, self._partner)
            projects = self._create("projects", Project, self.counts.projects, self._project)
            self._link("project focus areas", Project.focus_areas.through, projects, "project_id", "focusarea_id", self.focus_areas)
            self._link("project cities", Project.cities.through, projects, "project_id", "city_id", self.cities)
            self._consortia(projects, partners)
            events = self._create("events", Event, self.counts.events, self._event)
            self._link("event organisers", Event.organisers.through, events, "event_id", "partner_id", partners)
            self._link("event projects", Event.related_projects.through, events, "event_id", "project_id", projects)
            pilots = self._create("pilots", Pilot, self.counts.pilots, lambda n: self._pilot(n, partners, projects))
            self._link("pilot cities", Pilot.cities.through, pilots, "pilot_id", "city_id", self.cities)
            articles = self._create("news", Article, self.counts.news, self._article)
            self._link("news focus areas", Article.focus_areas.through, articles, "article_id", "focusarea_id", self.focus_areas)
            self._link("news projects", Article.related_projects.through, articles, "article_id", "project_id", projects)
            self._bump_versions()
        self._analyze()

    def _analyze(self) -> None:
        # Fresh statistics for the filled tables, so the planner chooses for 10,000 rows at once
        # rather than after autovacuum comes round (stale counts gave nested loops taking minutes).
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _bump_versions(self) -> None:
        # What the change log does per save, once per model: cached pages and API answers are renewed.
        for model in (Partner, Project, Event, Pilot, Article):
            versions.bumped(model)

    def clear(self) -> None:
        """Remove what an earlier run generated (with its rows and links), so a run replaces it. Nothing
        outside the generated set ever pointed at it, so no tombstone is needed and the rows go in bulk."""
        for model in (Article, Pilot, Event, Project, Partner):
            pks = list(model.objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True))
            content_type = ContentType.objects.get_for_model(model)
            for done, chunk in enumerate(_chunks(pks, self.batch_size), start=1):
                _delete_in_bulk(model, chunk)
                # Neither has a foreign key to the object, nor signals of its own: plain DELETEs.
                entries = ChangeLogEntry.objects.filter(model_label=model._meta.label_lower, object_id__in=chunk)
                entries._raw_delete(entries.db)
                documents = SearchDocument.objects.filter(content_type=content_type, object_id__in=chunk)
                documents._raw_delete(documents.db)
                self.progress(f"removing {model._meta.model_name}", min(done * self.batch_size, len(pks)), len(pks))

    def _create(self, label: str, model: type[models.Model], count: int, build: Callable[[int], models.Model]) -> list[int]:
        pks: list[int] = []
        entry = entry_for(model)
        content_type = ContentType.objects.get_for_model(entry.model) if entry else None
        for start in range(0, count, self.batch_size):
            objects = [build(n) for n in range(start, min(start + self.batch_size, count))]
            _insert(model, objects)
            now = timezone.now()
            _insert(
                ChangeLogEntry,
                [
                    _build(ChangeLogEntry, {"model_label": model._meta.label_lower, "object_id": obj.pk,
                                            "public_id": getattr(obj, "public_id", None), "action": ChangeAction.PUBLISHED,
                                            "at": now, "txid": self.txid})
                    for obj in objects
                ],
                with_ids=False,
            )
            if entry is not None:
                # Every generated object is published, so each gets its documents, as a save would give it.
                documents = [document for obj in objects for document in documents_for(entry, obj, content_type)]
                _insert(SearchDocument, documents, with_ids=False)
                self.documents += len(documents)
            pks.extend(obj.pk for obj in objects)
            self.progress(label, len(pks), count)
        return pks

    def _link(self, label: str, through, owners: list[int], owner_field: str, other_field: str, others: list[int]) -> None:
        if not others:
            return
        rows = []
        for owner in owners:
            for other in self.rng.sample(others, k=min(len(others), self.rng.randint(1, 3))):
                rows.append((owner, other))
        for done, chunk in enumerate(_chunks(rows, self.batch_size * 2), start=1):
            if connection.vendor == "postgresql":
                fields = [through._meta.get_field(name).column for name in (owner_field, other_field)]
                _copy(through._meta.db_table, fields, chunk)
            else:
                through.objects.bulk_create([through(**{owner_field: owner, other_field: other}) for owner, other in chunk])
            self.progress(label, min(done * self.batch_size * 2, len(rows)), len(rows))

    def _consortia(self, projects: list[int], partners: list[int]) -> None:
        """Two to six partners per project, the first the coordinator. The shares add up to at most
        90 % of the total and one funding source to the total, so the budget checks pass."""
        if not partners:
            return
        totals = dict(Project.objects.filter(pk__in=projects).values_list("pk", "total_budget"))
        participations, sources = [], []
        for project in projects:
            members = self.rng.sample(partners, k=min(len(partners), self.rng.randint(2, 6)))
            total = totals[project]
            share = (total * Decimal("0.9") / len(members)).quantize(Decimal("1"))
            for order, partner in enumerate(members):
                role = ParticipationRole.COORDINATOR if order == 0 else ParticipationRole.PARTNER
                participations.append(_build(Participation, {"project_id": project, "partner_id": partner, "role": role,
                                                            "budget_share": share, "order": order}))
            sources.append(_build(FundingSource, {"project_id": project, "funder_name": "European Union, Horizon 2020", "amount": total}))
        for done, chunk in enumerate(_chunks(participations, self.batch_size * 3), start=1):
            _insert(Participation, chunk, with_ids=False)
            self.progress("consortia", min(done * self.batch_size * 3, len(participations)), len(participations))
        for chunk in _chunks(sources, self.batch_size * 3):
            _insert(FundingSource, chunk, with_ids=False)

    def _partner(self, n: int) -> Partner:
        rng = self.rng
        name = {"fi": f"Kumppani {n} Oy", "sv": f"Partner {n} Ab", "en": f"Partner {n} Ltd"}
        return _build(Partner, dict(
            **_translated("name", name), **_translated("description", _text(rng)), **_slugs("partner", n), **_published(rng),
            type=rng.choice(PartnerType.values), country=rng.choice(["FI", "EE"]),
            city_id=rng.choice(self.cities) if self.cities else None,
        ))

    def _project(self, n: int) -> Project:
        rng = self.rng
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
        kinds = [kind for kind in ProjectKind.values if kind != ProjectKind.LEAD_RESPONSIBILITY]
        return _build(Project, dict(
            **_translated("title", _title(rng, n)), **_translated("summary", _text(rng)), **_translated("body", _text(rng)),
            **_slugs("project", n), **_published(rng),
            acronym=f"BULK{n}", kind=rng.choice(kinds), start_date=start, end_date=start + timedelta(days=rng.randrange(365, 2200)),
            total_budget=Decimal(rng.randrange(50, 20000) * 1000),
        ))

    def _event(self, n: int) -> Event:
        rng = self.rng
        start = timezone.now() + timedelta(days=rng.randrange(-1500, 400), hours=rng.randrange(24))
        return _build(Event, dict(
            **_translated("title", _title(rng, n)), **_translated("summary", _text(rng)), **_slugs("event", n), **_published(rng),
            kind=rng.choice(EventKind.values), start=start, end=start + timedelta(hours=rng.randint(1, 8)),
            city_id=rng.choice(self.cities) if self.cities else None,
        ))

    def _pilot(self, n: int, partners: list[int], projects: list[int]) -> Pilot:
        rng = self.rng
        return _build(Pilot, dict(
            **_translated("title", _title(rng, n)), **_translated("summary", _text(rng)), **_slugs("pilot", n), **_published(rng),
            phase=rng.choice(PilotPhase.values),
            host_id=rng.choice(partners) if partners else None,
            project_id=rng.choice(projects) if projects else None,
            focus_area_id=rng.choice(self.focus_areas) if self.focus_areas else None,
        ))

    def _article(self, n: int) -> Article:
        rng = self.rng
        return _build(Article, dict(
            **_translated("title", _title(rng, n)), **_translated("lead", _text(rng)), **_translated("body", _text(rng)),
            **_slugs("news", n), **_published(rng), kind=rng.choice(ArticleKind.values),
        ))
