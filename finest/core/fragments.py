"""Fragments of a page that are a pure function of some content, rendered once per version of it.

``cached_fragment(request, name, parts, depends, render)`` returns ``render()``'s HTML, kept in this
process under the fragment's name, the language, ``parts`` and the versions of the content labels
``depends`` (finest/core/versions.py; ``"*"`` for all content, as ``pagecache.ALL_CONTENT``): the
same versions the page cache keys pages by, so a fragment is invalidated exactly when the pages
showing it are, and never outlives its data. When the page cache has read the versions for this
request already they are reused (no query); otherwise one query reads them, also when the page cache
is off (``PAGE_CACHE=0``), which this cache does not follow: it holds only what is the same for every
visitor, so it stays on (``FRAGMENT_CACHE=0`` turns it off).

Only the process's own LRU copy is kept, no shared cache: a fragment is cheap to store and to make
again, and a new deploy (other templates) starts with none."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from . import changelog, versions
from .pagecache import LAYOUT_DEPENDS, LocalLRU

local = LocalLRU(getattr(settings, "FRAGMENT_CACHE_ENTRIES", 128))
# Fragments are kept until their versions move on (then their keys are dead and age out of the LRU).
TIMEOUT = 24 * 60 * 60


def clear() -> None:
    local.clear()


def _states(request, labels: tuple[str, ...]) -> tuple:
    """``(version, changed_at)`` of each label: from what the page cache read for this request
    (``request._page_cache``, set by ``pagecache.page_key``) when it covers them, else one query."""
    known = getattr(request, "_page_cache", None) if request is not None else None
    if known is not None:
        states = dict(zip(known[0], known[1], strict=True))
        if all(label in states for label in labels):
            return tuple(states[label] for label in labels)
    return versions.states(versions.current(labels))


def _expand(depends: Iterable[str]) -> list[str]:
    """``"*"`` (``pagecache.ALL_CONTENT``) is every content label, with the layout's, in the page cache's order."""
    if "*" not in depends:
        return list(depends)
    return [*LAYOUT_DEPENDS, *(label for label in depends if label != "*"), *sorted(changelog.registered_content())]


def cached_value(request, name: str, parts: Iterable, depends: Iterable[str], make: Callable[[], object]):
    """``make()``'s value for these ``parts`` and the current versions of ``depends``: for what a page
    reads but does not change (the same object is handed to every request that finds it)."""
    if not getattr(settings, "FRAGMENT_CACHE", True):
        return make()
    labels = tuple(dict.fromkeys(label.lower() for label in _expand(depends)))
    key = (name, translation.get_language() or "", *parts, *_states(request, labels))
    value = local.get(key)
    if value is None:
        value = make()
        local.set(key, value, TIMEOUT)
    return value


def cached_fragment(request, name: str, parts: Iterable, depends: Iterable[str], render: Callable[[], str]) -> SafeString:
    """``render()``'s HTML for these ``parts`` and the current versions of ``depends``."""
    return cached_value(request, name, parts, depends, lambda: mark_safe(render()))  # noqa: S308 - rendered by the template engine, escaped there
