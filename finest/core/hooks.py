"""Named extension points. An app that adds to another app's output registers a function
by its dotted path in its AppConfig.ready(); the owner calls the point, so it never
imports the app that extends it (the events JSON-LD and API ask the registrations app
this way). Paths are imported on first use, after the app registry is ready."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Any

from django.utils.module_loading import import_string

_points: dict[str, list[str]] = defaultdict(list)


def register(point: str, dotted_path: str) -> None:
    if dotted_path not in _points[point]:
        _points[point].append(dotted_path)


@cache
def _function(dotted_path: str) -> Callable:
    return import_string(dotted_path)


def _functions(point: str) -> list[Callable]:
    return [_function(path) for path in _points.get(point, ())]


def collect(point: str, *args: Any) -> dict:
    """The dicts every function of ``point`` returns for ``args``, merged in registration order."""
    merged: dict = {}
    for function in _functions(point):
        merged.update(function(*args) or {})
    return merged


def chain(point: str, value: Any) -> Any:
    """``value`` passed through every function of ``point`` in turn (e.g. a QuerySet gaining prefetches)."""
    for function in _functions(point):
        value = function(value)
    return value
