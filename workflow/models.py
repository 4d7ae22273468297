"""Drafts of content: the changed field values of one object, kept apart from the live row
until a publisher publishes them (workflow/services.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    REJECTED = "rejected", _("Rejected")


class DraftQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def by(self, user):
        return self.filter(author=user)

    def submitted(self):
        return self.filter(state=DraftState.SUBMITTED)


class Draft(models.Model):
    """The pending changes of one object: its field values in every language (``data["fields"]``,
    by attribute name) and its many-to-many ids (``data["relations"]``). Inline rows are not part
    of a draft. One draft per object."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    # The object's name when the draft was saved, so lists of drafts need no query per row.
    label = models.CharField(_("title"), max_length=255, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workflow_drafts", verbose_name=_("author")
    )
    # The language the author worked in: the review's outcome is mailed in it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    data = models.JSONField(_("changes"), default=dict)
    state = models.CharField(_("state"), max_length=12, choices=DraftState.choices, default=DraftState.DRAFT, db_index=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-modified_at", "pk"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        permissions = [("publish_content", _("Can publish content and approve drafts"))]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="workflow_draft_one_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.label or self.object_id} ({self.get_state_display()})"

    @property
    def target(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
