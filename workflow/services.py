"""The review workflow's write path: save a draft of an object, submit it, publish it (approve)
or reject it. The admin calls these; publishing goes through the content services, so the
permission policy, validation, the change log, the revision and the caches follow as for any
change. ``may_publish`` is asked here, not only in the admin."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from finest.core.email import send_email
from finest.core.models import Publishable, PublishState
from finest.core.permissions import Actor, may_publish, policy_for
from finest.core.revisions import revision_scope
from finest.core.services import content_relations_set, content_update

from .models import Draft, DraftState

# The publication state stays with the live object; timestamps and ids are not content.
NOT_DRAFTED = frozenset({"id", "public_id", "created_at", "modified_at", "state"})


def _drafted_fields(model: type[models.Model]) -> list[models.Field]:
    try:
        # The untranslated field (``title``) writes the current language's column: only the columns are kept.
        originals = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        originals = set()
    return [
        field for field in model._meta.concrete_fields
        if field.editable and field.name not in NOT_DRAFTED and field.name not in originals and not field.primary_key
    ]


def draft_data(obj: models.Model, relations: Mapping[str, Iterable] = ()) -> dict:
    """The JSON a draft keeps: ``obj``'s field values as they are in memory and the relations' ids."""
    fields = {}
    for field in _drafted_fields(type(obj)):
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        fields[field.attname] = field.get_prep_value(value) if value is not None else None
        if hasattr(fields[field.attname], "isoformat"):
            fields[field.attname] = fields[field.attname].isoformat()
        elif not isinstance(fields[field.attname], (str, int, float, bool, type(None))):
            fields[field.attname] = str(fields[field.attname])
    rels = {name: sorted(getattr(item, "pk", item) for item in values) for name, values in dict(relations).items()}
    return {"fields": fields, "relations": rels}


def draft_apply(obj: models.Model, draft: Draft) -> models.Model:
    """``obj`` with the draft's values set in memory (nothing is saved): what a preview renders and
    what publishing saves. Fields the model no longer has are skipped."""
    by_attname = {field.attname: field for field in _drafted_fields(type(obj))}
    for attname, value in (draft.data.get("fields") or {}).items():
        field = by_attname.get(attname)
        if field is None:
            continue
        if isinstance(field, models.ForeignKey):
            setattr(obj, attname, value)
        else:
            setattr(obj, attname, field.to_python(value) if value is not None else None)
    return obj


def draft_relations(obj: models.Model, draft: Draft) -> dict[str, list]:
    """The draft's many-to-many values, as objects (ids that no longer exist are dropped)."""
    relations = {}
    for name, ids in (draft.data.get("relations") or {}).items():
        # A field the model lost since the draft was saved is skipped.
        field = next((f for f in obj._meta.many_to_many if f.name == name), None)
        if field is not None and field.many_to_many and not field.auto_created:
            relations[name] = list(field.related_model._default_manager.filter(pk__in=ids))
    return relations


def draft_for(obj: models.Model) -> Draft | None:
    return Draft.objects.for_object(obj).select_related("author").first()


@transaction.atomic
def draft_save(
    *, obj: models.Model, actor: Actor, relations: Mapping[str, Iterable] = (), language: str = "", submit: bool = False
) -> Draft:
    """Keep ``obj``'s in-memory changes as its draft (the stored row is untouched), optionally
    submitting it for review. Only who may change ``obj`` may; the values are validated first."""
    policy_for(obj).check(actor, "change", obj)
    policy_for(Draft).check(actor, "add")
    obj.full_clean()
    draft, _created = Draft.objects.select_for_update().get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"author": actor.user},
    )
    if not _created and draft.author_id != actor.user.pk and not may_publish(actor):
        raise PermissionDenied("The draft belongs to another editor.")
    draft.author = actor.user if _created or not may_publish(actor) else draft.author
    draft.data = draft_data(obj, relations)
    draft.label = str(obj)[:255]
    draft.language = language or draft.language
    draft.comment = ""
    draft.state = DraftState.SUBMITTED if submit else DraftState.DRAFT
    draft.submitted_at = timezone.now() if submit else None
    draft.save()
    return draft


@transaction.atomic
def draft_submit(*, draft: Draft, actor: Actor) -> Draft:
    policy_for(Draft).check(actor, "change", draft)
    draft.state = DraftState.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.comment = ""
    draft.save(update_fields=["state", "submitted_at", "comment", "modified_at"])
    return draft


def _check_publisher(actor: Actor, obj: models.Model) -> None:
    if not may_publish(actor):
        raise PermissionDenied("Only publishers publish.")
    policy_for(obj).check(actor, "publish", obj)


@transaction.atomic
def draft_publish(*, draft: Draft, actor: Actor) -> models.Model:
    """Apply the draft to its object through the content services and delete the draft: approving
    a submitted draft. A draft of an object not yet published publishes it."""
    obj = draft.target
    if obj is None:
        draft.delete()
        raise ValidationError(_("The content of this draft no longer exists."))
    _check_publisher(actor, obj)
    draft_apply(obj, draft)
    if isinstance(obj, Publishable):
        obj.state = PublishState.PUBLISHED
    with revision_scope(actor=actor, comment=_("Published the draft's changes.")):
        content_update(obj=obj, actor=actor)
        if relations := draft_relations(obj, draft):
            content_relations_set(obj=obj, relations=relations, actor=actor)
    author, language, submitted = draft.author, draft.language, draft.state == DraftState.SUBMITTED
    draft.delete()
    if submitted and author.pk != getattr(actor.user, "pk", None):
        transaction.on_commit(lambda: _notify(author, language, obj, approved=True, comment=""))
    return obj


@transaction.atomic
def draft_reject(*, draft: Draft, actor: Actor, comment: str) -> Draft:
    """Send a submitted draft back to its author with the reviewer's comment (required)."""
    obj = draft.target
    if obj is None:
        raise ValidationError(_("The content of this draft no longer exists."))
    _check_publisher(actor, obj)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    draft.state = DraftState.REJECTED
    draft.comment = comment.strip()
    draft.save(update_fields=["state", "comment", "modified_at"])
    author, language = draft.author, draft.language
    transaction.on_commit(lambda: _notify(author, language, obj, approved=False, comment=draft.comment))
    return draft


def _notify(user, language: str, obj: models.Model, *, approved: bool, comment: str) -> None:
    if not user.email:
        return
    opts = obj._meta
    send_email(
        to=user.email,
        template="workflow/email/review_outcome",
        context={
            "user": user,
            "object": obj,
            "approved": approved,
            "comment": comment,
            "admin_path": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        },
        language=language,
    )
