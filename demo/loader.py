"""Loads the demo content from the data modules in ``demo.content``.

Every object is looked up by a stable key: a public id derived with uuid5 from a
fixed namespace, a funding programme's slug, or its parent plus a natural key for
inline rows. A row is saved only when one of its values really differs, because
``modified_at`` is what partners sync on: loading twice must not make the whole
portal look changed. Inline rows that the data no longer lists are removed, so a
demo object never collects duplicates."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import translation
from django.utils.text import slugify

from applications.demo import load_demo_applications
from events.models import Event, Session, Speaker
from finest.core.changelog import touch
from finest.core.models import City, FocusArea, PublishState, TimeStamped
from finest.core.permissions import Actor
from finest.core.richtext import RichTextField, clean_rich_text
from living_lab.models import KPI, KPIValue, OpenCall, Pilot
from medialibrary.models import Image
from medialibrary.services import image_create
from news.models import Article
from partners.models import ContactPerson, Partner
from projects.models import (
    BudgetFigure,
    ExternalLink,
    FundingProgramme,
    FundingSource,
    Participation,
    Project,
    ProjectTheme,
    WorkPackage,
)
from projects.services import project_children_changed, project_validate
from registrations import demo as registrations_demo

from .images import Illustration, draw

# Never change this: every demo object's public id is derived from it, and a new
# namespace would make the next load create a second copy of everything.
DEMO_NAMESPACE = uuid.UUID("6f1c2a56-3d0e-4b8e-9a51-2f0c1d7e5b42")
# The EU grant as CORDIS describes it (projects/cordis.py); only EU-funded projects have one.
GRANT_TEXT_FIELDS = ("grant_agreement_id", "legal_basis", "topics", "master_call", "sub_call", "funding_scheme")


@dataclass(frozen=True)
class T:
    """A text in the portal's three languages."""

    fi: str
    sv: str
    en: str

    def __post_init__(self) -> None:
        for code in ("fi", "sv", "en"):
            if not getattr(self, code).strip():
                raise ValueError(f"Demo text is missing its {code} version: {self!r}")


def demo_public_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


def expand(values: dict[str, Any]) -> dict[str, Any]:
    """Turn ``{"title": T(...)}`` into ``{"title_fi": ..., "title_sv": ..., "title_en": ...}``."""
    flat: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, T):
            for code in settings.LANGUAGE_CODES:
                flat[f"{name}_{code}"] = getattr(value, code)
        else:
            flat[name] = value
    return flat


def translated_slugs(name: T) -> dict[str, str]:
    return {f"slug_{code}": slugify(getattr(name, code)) for code in settings.LANGUAGE_CODES}


def blank(name: str) -> dict[str, str]:
    return {f"{name}_{code}": "" for code in settings.LANGUAGE_CODES}


def published(at) -> dict[str, Any]:
    return {"state": PublishState.PUBLISHED, "published_at": at}


# Demo illustrations are library images found again by this title prefix when the content is reloaded.
DEMO_IMAGE_PREFIX = "Demo: "

SUMMARY_ORDER = ("created", "updated", "relinked", "drawn", "deleted", "unchanged")


class DemoLoadError(Exception):
    pass


class Loader:
    def __init__(self) -> None:
        self.stats: dict[str, Counter] = defaultdict(Counter)
        self.objects: dict[tuple[type, str], models.Model] = {}
        # Objects whose inline rows or links changed: their modified time is bumped once at the end.
        self._dirty: dict[tuple[type, int], models.Model] = {}

    # -- generic writes -------------------------------------------------

    def upsert(
        self, model: type[models.Model], *, lookup: dict[str, Any], values: dict[str, Any], owner: models.Model | None = None,
    ) -> models.Model:
        """Create or update one row. ``owner`` is the object an inline row belongs to; a change marks it modified."""
        obj, changed = self._upsert(model, lookup=lookup, values=values)
        if changed and owner is not None:
            self.mark_changed(owner)
        return obj

    def mark_changed(self, obj: models.Model) -> None:
        self._dirty[(type(obj), obj.pk)] = obj

    def _upsert(self, model, *, lookup: dict[str, Any], values: dict[str, Any]) -> tuple[models.Model, bool]:
        values = expand(values)
        obj = model._default_manager.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = created
        for name, value in values.items():
            field = model._meta.get_field(name)
            if isinstance(field, RichTextField):
                # Stored as the editor's HTML: the demo's plain paragraphs go through the same
                # conversion as the bodies written before the editor, so a reload compares like with like.
                value = clean_rich_text(value)
            if field.many_to_one or field.one_to_one:
                wanted = value.pk if value is not None else None
                if getattr(obj, field.attname) != wanted:
                    setattr(obj, name, value)
                    changed = True
            elif getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        label = model._meta.label
        if changed:
            try:
                obj.full_clean()
            except ValidationError as error:
                raise DemoLoadError(f"{label} {lookup}: {error}") from error
            obj.save()
            self.stats[label]["created" if created else "updated"] += 1
        else:
            self.stats[label]["unchanged"] += 1
        return obj, changed

    def upsert_keyed(self, model: type[models.Model], key: str, values: dict[str, Any]) -> models.Model:
        """A top-level object whose public id is derived from ``key``."""
        obj = self.upsert(model, lookup={"public_id": demo_public_id(model._meta.label_lower, key)}, values=values)
        self.objects[(model, key)] = obj
        return obj

    def child(self, model: type[models.Model], *, lookup: dict[str, Any], values: dict[str, Any]) -> models.Model:
        """An inline row of a project."""
        return self.upsert(model, lookup=lookup, values=values, owner=lookup["project"])

    def remove_others(self, queryset: models.QuerySet, keep: list[models.Model], owner: models.Model) -> None:
        """Delete the inline rows of ``owner`` that the data no longer lists."""
        stale = queryset.exclude(pk__in=[obj.pk for obj in keep])
        count = stale.count()
        if count:
            stale.delete()
            self.stats[queryset.model._meta.label]["deleted"] += count
            self.mark_changed(owner)

    def set_m2m(self, obj: models.Model, field: str, items: list[models.Model], owner: models.Model | None = None) -> None:
        manager = getattr(obj, field)
        wanted = {item.pk for item in items}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(items)
            self.stats[f"{obj._meta.label}.{field}"]["relinked"] += 1
            self.mark_changed(owner or obj)

    def touch_changed(self) -> None:
        """Bump the modified time of objects whose inline rows or links changed, so syncing partners see it."""
        for obj in self._dirty.values():
            if isinstance(obj, Project):
                project_children_changed(project=obj)
            elif isinstance(obj, TimeStamped):
                touch(obj)

    def ensure_image(self, obj: models.Model, field: str, spec: Illustration | None, alt: T | None = None) -> None:
        """Draw each illustration once into the media library (items sharing one share the image), and only
        for an object that has no image yet, so reloading adds no files."""
        if spec is None:
            return
        current = getattr(obj, field)
        if current is not None and current.file and current.file.storage.exists(current.file.name):
            return
        title = f"{DEMO_IMAGE_PREFIX}{spec.name}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            try:
                image = image_create(
                    file=ContentFile(draw(spec), name=f"{spec.name}.png"), title=title, actor=Actor.system(),
                    alt={code: getattr(alt, code) for code in settings.LANGUAGE_CODES} if alt else None,
                )
            except ValidationError as error:
                raise DemoLoadError(f"{obj._meta.label} {obj.pk} image: {error}") from error
            self.stats[Image._meta.label]["drawn"] += 1
        setattr(obj, field, image)
        obj.save(update_fields=[field])

    def get(self, model: type[models.Model], key: str):
        try:
            return self.objects[(model, key)]
        except KeyError:
            raise DemoLoadError(f"The demo content refers to an unknown {model.__name__} {key!r}") from None

    def get_many(self, model: type[models.Model], keys: list[str]) -> list:
        return [self.get(model, key) for key in keys]

    # -- the content ----------------------------------------------------

    def load_focus_areas(self, data) -> None:
        for order, item in enumerate(data, start=1):
            self.upsert_keyed(FocusArea, item["key"], {
                "name": item["name"], "description": item["description"], "order": order,
                **translated_slugs(item["name"]),
            })

    def load_cities(self, data) -> None:
        for item in data:
            self.upsert_keyed(City, item["key"], {
                "name": item["name"], "kind": item["kind"], "country": item["country"],
                "latitude": item["latitude"], "longitude": item["longitude"],
                "is_innovation_city": item.get("innovation_city", False),
                "is_twin_city": item.get("twin_city", False),
                "ecosystem_agreement_start": item.get("agreement_start"),
                "ecosystem_agreement_end": item.get("agreement_end"),
                **translated_slugs(item["name"]),
            })

    def load_partners(self, data, published_at) -> None:
        for item in data:
            partner = self.upsert_keyed(Partner, item["key"], {
                "name": item["name"], "short_name": item.get("short_name", ""), "type": item["type"],
                "country": item["country"], "city": self.get(City, item["city"]) if item.get("city") else None,
                "website": item.get("website", ""), "description": item["description"],
                **published(published_at),
            })
            contacts = []
            for order, contact in enumerate(item.get("contacts", []), start=1):
                contacts.append(self.upsert(ContactPerson, lookup={"partner": partner, "email": contact["email"]}, values={
                    "name": contact["name"], "role": contact["role"], "phone": contact["phone"], "order": order,
                }, owner=partner))
            self.remove_others(partner.contacts.all(), contacts, partner)

    def load_programmes(self, data) -> None:
        for item in data:
            programme = self.upsert(FundingProgramme, lookup={"slug": item["slug"]}, values={
                "name": item["name"], "instrument": item["instrument"],
                "funder_name": item.get("funder_name", ""), "url": item.get("url", ""),
                "framework_code": item.get("framework_code", ""),
            })
            self.objects[(FundingProgramme, item["slug"])] = programme

    def load_projects(self, data, published_at) -> None:
        for item in data:
            project = self.upsert_keyed(Project, item["key"], {
                "acronym": item.get("acronym", ""), "title": item["title"], "summary": item["summary"],
                "body": item["body"], "kind": item["kind"], "start_date": item["start"], "end_date": item["end"],
                **({"results": item["results"]} if "results" in item else blank("results")),
                "featured": item.get("featured", False),
                "funding_programme": self.get(FundingProgramme, item["programme"]),
                "total_budget": item.get("total_budget"),
                **{field: item.get(field, "") for field in GRANT_TEXT_FIELDS},
                "ec_max_contribution": item.get("ec_max_contribution"),
                "ec_signature_date": item.get("ec_signature_date"),
                **({"budget_source": item["budget_source"]} if "budget_source" in item else blank("budget_source")),
                "website": item.get("website", ""),
                **published(published_at),
            })
            self.ensure_image(project, "image", item.get("image"), item.get("image_alt"))
            self.set_m2m(project, "focus_areas", self.get_many(FocusArea, item["focus_areas"]))
            self.set_m2m(project, "cities", self.get_many(City, item["cities"]))
            self._load_project_children(project, item)
        for item in data:
            project = self.get(Project, item["key"])
            self.set_m2m(project, "related_projects", self.get_many(Project, item.get("related", [])))
        for item in data:
            project = self.get(Project, item["key"])
            project.refresh_from_db()
            try:
                project_validate(project)
            except ValidationError as error:
                raise DemoLoadError(f"Project {item['key']} does not validate: {error}") from error

    def _load_project_children(self, project: Project, item) -> None:
        rows = []
        for order, row in enumerate(item.get("participations", []), start=1):
            rows.append(self.child(Participation, lookup={"project": project, "partner": self.get(Partner, row["partner"])}, values={
                "role": row["role"], "budget_share": row.get("budget_share"), "order": order,
            }))
        self.remove_others(project.participations.all(), rows, project)

        rows = []
        for order, row in enumerate(item.get("funding_sources", []), start=1):
            rows.append(self.child(FundingSource, lookup={"project": project, "order": order}, values={
                "funder_name": row["funder_name"], "amount": row["amount"],
                "funder": self.get(Partner, row["funder"]) if row.get("funder") else None,
            }))
        self.remove_others(project.funding_sources.all(), rows, project)

        rows = []
        for order, row in enumerate(item.get("work_packages", []), start=1):
            rows.append(self.child(WorkPackage, lookup={"project": project, "code": row["code"]}, values={
                "title": row["title"], "description": row["description"], "budget": row.get("budget"),
                "lead_partner": self.get(Partner, row["lead"]), "order": order,
            }))
        self.remove_others(project.work_packages.all(), rows, project)

        rows = []
        for order, row in enumerate(item.get("themes", []), start=1):
            rows.append(self.child(ProjectTheme, lookup={"project": project, "order": order}, values={
                "title": row["title"], "description": row["description"],
            }))
        self.remove_others(project.themes.all(), rows, project)

        rows = []
        for order, row in enumerate(item.get("budget_figures", []), start=1):
            rows.append(self.child(BudgetFigure, lookup={"project": project, "order": order}, values={
                "amount": row["amount"], "scope": row["scope"], "source_name": row["source_name"],
                "source_url": row.get("source_url", ""), "source_date": row.get("source_date"),
            }))
        self.remove_others(project.budget_figures.all(), rows, project)

        rows = []
        for order, row in enumerate(item.get("links", []), start=1):
            rows.append(self.child(ExternalLink, lookup={"project": project, "url": row["url"]}, values={
                "title": row["title"], "order": order,
            }))
        self.remove_others(project.links.all(), rows, project)

    def load_speakers(self, data) -> None:
        for item in data:
            speaker = self.upsert(Speaker, lookup={"name": item["name"]}, values={
                "title": item["title"], "organisation": item["organisation"], "bio": item["bio"],
                "partner": self.get(Partner, item["partner"]) if item.get("partner") else None,
            })
            self.objects[(Speaker, item["key"])] = speaker

    def load_events(self, data, published_at) -> None:
        for item in data:
            event = self.upsert_keyed(Event, item["key"], {
                "title": item["title"], "summary": item["summary"], "description": item["description"],
                "kind": item["kind"], "status": item["status"], "start": item["start"], "end": item["end"],
                "attendance_mode": item["attendance_mode"], "venue_name": item["venue_name"],
                "street_address": item.get("street_address", ""), "postal_code": item.get("postal_code", ""),
                "city": self.get(City, item["city"]) if item.get("city") else None,
                "latitude": item.get("latitude"), "longitude": item.get("longitude"),
                "online_url": item.get("online_url", ""),
                "parent": self.get(Event, item["parent"]) if item.get("parent") else None,
                **published(item.get("published_at", published_at)),
            })
            self.ensure_image(event, "image", item.get("image"), item.get("image_alt"))
            self.set_m2m(event, "organisers", self.get_many(Partner, item.get("organisers", [])))
            self.set_m2m(event, "related_projects", self.get_many(Project, item.get("projects", [])))
            self.set_m2m(event, "focus_areas", self.get_many(FocusArea, item.get("focus_areas", [])))
            sessions = []
            for row in item.get("sessions", []):
                session = self.upsert(Session, lookup={"event": event, "start": row["start"]}, values={
                    "title": row["title"], "description": row["description"], "end": row["end"], "room": row["room"],
                }, owner=event)
                self.set_m2m(session, "speakers", self.get_many(Speaker, row.get("speakers", [])), owner=event)
                sessions.append(session)
            self.remove_others(event.sessions.all(), sessions, event)

    def load_open_calls(self, data, published_at) -> None:
        for item in data:
            call = self.upsert_keyed(OpenCall, item["key"], {
                "title": item["title"], "summary": item["summary"], "description": item["description"],
                "eligibility": item["eligibility"], "opens_at": item["opens_at"], "deadline": item["deadline"],
                "total_budget": item["total_budget"], "max_grant": item["max_grant"],
                "host": self.get(Partner, item["host"]), "project": self.get(Project, item["project"]),
                **published(published_at),
            })
            self.set_m2m(call, "focus_areas", self.get_many(FocusArea, item["focus_areas"]))
            self.set_m2m(call, "cities", self.get_many(City, item["cities"]))

    def load_pilots(self, data, published_at) -> None:
        for item in data:
            pilot = self.upsert_keyed(Pilot, item["key"], {
                "title": item["title"], "summary": item["summary"], "challenge": item["challenge"],
                "solution": item["solution"], "results": item.get("results", ""),
                "lessons_learned": item.get("lessons_learned", ""), "phase": item["phase"],
                "host": self.get(Partner, item["host"]), "focus_area": self.get(FocusArea, item["focus_area"]),
                "project": self.get(Project, item["project"]),
                "open_call": self.get(OpenCall, item["open_call"]) if item.get("open_call") else None,
                "start_date": item["start"], "end_date": item["end"],
                **published(published_at),
            })
            self.ensure_image(pilot, "image", item.get("image"), item.get("image_alt"))
            self.set_m2m(pilot, "participants", self.get_many(Partner, item["participants"]))
            self.set_m2m(pilot, "cities", self.get_many(City, item["cities"]))
            kpis = []
            for order, row in enumerate(item["kpis"], start=1):
                kpi = self.upsert(KPI, lookup={"pilot": pilot, "order": order}, values={
                    "name": row["name"], "unit": row["unit"], "higher_is_better": row.get("higher_is_better", True),
                }, owner=pilot)
                kpis.append(kpi)
                values = []
                for city_key, baseline, target, achieved in row["values"]:
                    values.append(self.upsert(KPIValue, lookup={"kpi": kpi, "city": self.get(City, city_key)}, values={
                        "baseline": baseline, "target": target, "achieved": achieved,
                        "measured_at": row.get("measured_at") if achieved is not None else None,
                        "reported_by": self.get(Partner, item["host"]),
                    }, owner=pilot))
                self.remove_others(kpi.values.all(), values, pilot)
            self.remove_others(pilot.kpis.all(), kpis, pilot)

    def load_articles(self, data) -> None:
        for item in data:
            article = self.upsert_keyed(Article, item["key"], {
                "kind": item["kind"], "title": item["title"], "lead": item["lead"], "body": item["body"],
                "author": item.get("author", ""), "source_url": item.get("source_url", ""),
                "state": item.get("state", PublishState.PUBLISHED), "published_at": item["published_at"],
            })
            self.ensure_image(article, "image", item.get("image"), item.get("image_alt"))
            self.set_m2m(article, "focus_areas", self.get_many(FocusArea, item.get("focus_areas", [])))
            self.set_m2m(article, "related_projects", self.get_many(Project, item.get("projects", [])))
            self.set_m2m(article, "related_events", self.get_many(Event, item.get("events", [])))
            self.set_m2m(article, "related_pilots", self.get_many(Pilot, item.get("pilots", [])))

    def totals(self) -> Counter:
        total: Counter = Counter()
        for counts in self.stats.values():
            total.update(counts)
        return total

    def summary(self) -> list[str]:
        lines = []
        for label in sorted(self.stats):
            counts = self.stats[label]
            parts = [f"{counts[what]} {what}" for what in SUMMARY_ORDER if counts[what]]
            lines.append(f"{label}: {', '.join(parts)}")
        return lines


def load_demo_content() -> Loader:
    """Load (or refresh) all demo content in one transaction and return the loader with its counts."""
    from .content import calls_and_pilots, events, news, organisations, places, projects  # noqa: PLC0415 - the content modules import this one

    loader = Loader()
    # The model's untranslated attribute (e.g. ``name``) follows the active language;
    # pin it so full_clean() checks the default language's text.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        loader.load_focus_areas(places.FOCUS_AREAS)
        loader.load_cities(places.CITIES)
        loader.load_partners(organisations.PARTNERS, organisations.PUBLISHED_AT)
        loader.load_programmes(projects.PROGRAMMES)
        loader.load_projects(projects.PROJECTS, projects.PUBLISHED_AT)
        loader.load_speakers(events.SPEAKERS)
        loader.load_events(events.EVENTS, events.PUBLISHED_AT)
        loader.load_open_calls(calls_and_pilots.OPEN_CALLS, calls_and_pilots.PUBLISHED_AT)
        loader.load_pilots(calls_and_pilots.PILOTS, calls_and_pilots.PUBLISHED_AT)
        loader.load_articles(news.ARTICLES)
        registrations_demo.load(lambda key: demo_public_id("events.event", key))
        load_demo_applications(loader.get(OpenCall, "living-lab-call-2026"), loader.get(OpenCall, "uop-lab-call-2024"))
        loader.touch_changed()
    return loader
