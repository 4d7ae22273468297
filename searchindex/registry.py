"""Which models are searchable, and with which fields. Each app's ``search.py`` says
``register(Model, fields=[...])`` (autodiscovered by ``SearchIndexConfig.ready``):
field names as on the model, translated ones without their language suffix. The
first of ``fields`` is the title unless ``title_fields`` names others; title hits
rank first. Keyed by ``app_label.model_name``, like the change log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    title_fields: tuple[str, ...]
    body_fields: tuple[str, ...]


_registry: dict[str, Entry] = {}


def register(model: type[models.Model], *, fields: Sequence[str], title_fields: Sequence[str] | None = None) -> None:
    fields = tuple(fields)
    titles = tuple(title_fields) if title_fields else fields[:1]
    names = {field.name for field in model._meta.get_fields()}
    unknown = [name for name in (*fields, *titles) if name not in names]
    if unknown:
        raise ValueError(f"{model._meta.label} has no field {', '.join(unknown)}")
    body = tuple(name for name in fields if name not in titles)
    _registry[model._meta.label_lower] = Entry(model=model, title_fields=titles, body_fields=body)


def entry_for(model) -> Entry | None:
    return _registry.get(model._meta.label_lower)


def registered() -> list[Entry]:
    return list(_registry.values())
