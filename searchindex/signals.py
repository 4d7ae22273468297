"""Keeps the index in step with the registered models: a save (re)indexes the object
in the same transaction, a delete removes it. Like the change log, the handlers answer
an unregistered model from the registry alone, without a query. A data migration's
historical models are other classes and are not indexed here: ``rebuild_search_index``
after such a migration brings the index up to date."""

from __future__ import annotations

from django.db import connections
from django.db.models.signals import post_delete, post_save

from .models import SearchDocument
from .registry import entry_for
from .services import index_object, rebuild_index, remove_object


def _is_registered_class(sender) -> bool:
    entry = entry_for(sender)
    return entry is not None and issubclass(sender, entry.model)


def _index_on_save(sender, instance, raw=False, **kwargs):
    # Fixtures (raw saves) may come before the rows they refer to; rebuild afterwards.
    if raw or not _is_registered_class(sender):
        return
    index_object(instance)


def _remove_on_delete(sender, instance, **kwargs):
    if not _is_registered_class(sender):
        return
    remove_object(sender, instance.pk)


def connect_signals() -> None:
    post_save.connect(_index_on_save, dispatch_uid="searchindex_post_save")
    post_delete.connect(_remove_on_delete, dispatch_uid="searchindex_post_delete")


def index_existing_content(sender, using="default", **kwargs):
    """After migrate: content that was there before the index (or before a flush left
    it empty) is indexed once; a filled index is left to the signals."""
    # Migrating back past this app leaves no table to fill.
    if SearchDocument._meta.db_table not in connections[using].introspection.table_names():
        return
    if not SearchDocument.objects.using(using).exists():
        rebuild_index()
