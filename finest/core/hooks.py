"""Named extension points. The app that owns an output declares its points as module-level
objects (e.g. ``events/extensions.py``), with what each one receives and returns; an app
that adds to that output registers a function's dotted path on the point in its
AppConfig.ready(). The owner calls the point, so it never imports the app that extends it
(the events API and JSON-LD ask the registrations app this way). Paths are imported on
first use, after the app registry is ready."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.utils.module_loading import import_string


@cache
def _function(dotted_path: str) -> Callable:
    return import_string(dotted_path)


class Point:
    def __init__(self, name: str, doc: str) -> None:
        self.name = name
        self.__doc__ = doc
        self._paths: list[str] = []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {len(self._paths)} registered>"

    def register(self, dotted_path: str) -> None:
        if dotted_path not in self._paths:
            self._paths.append(dotted_path)

    def functions(self) -> list[Callable]:
        return [_function(path) for path in self._paths]


class MergePoint(Point):
    """Each function returns a dict (or None) for the same arguments; the owner gets them merged
    in registration order."""

    def __call__(self, *args: Any) -> dict:
        merged: dict = {}
        for function in self.functions():
            merged.update(function(*args) or {})
        return merged


class ChainPoint(Point):
    """Each function takes a value and returns it changed (e.g. a QuerySet gaining prefetches)."""

    def __call__(self, value: Any) -> Any:
        for function in self.functions():
            value = function(value)
        return value
