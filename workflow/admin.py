"""Drafts in the admin: the buttons on a content object's change form (``DraftAdminMixin``, which
``enable_drafts`` adds to every ``ContentAdmin``) and the review of submitted drafts."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from finest.core.admin_base import ContentAdmin
from finest.core.models import Publishable, PublishState
from finest.core.permissions import Actor, may_publish

from .models import Draft, DraftState
from .preview import preview_links
from .services import draft_apply, draft_for, draft_publish, draft_reject, draft_relations, draft_save, draft_submit

SAVE_DRAFT, SUBMIT_DRAFT, PUBLISH_DRAFT = "_workflow_save_draft", "_workflow_submit", "_workflow_publish"
DRAFT_BUTTONS = (SAVE_DRAFT, SUBMIT_DRAFT, PUBLISH_DRAFT)
INLINES_NOTE = _(
    "Rows edited below the form (participants, sessions, KPIs…) are not part of a draft: "
    "a draft keeps the form's fields in every language and its selections; on public content "
    "the rows are saved when a publisher publishes the changes."
)


def _draft_button(request) -> str | None:
    return next((name for name in DRAFT_BUTTONS if name in request.POST), None)


class DraftAdminMixin:
    """On a Publishable's change form: "Save draft" and "Submit for review" keep the changes as a
    Draft and leave the stored object as it is; a publisher's "Publish changes" applies them.
    On published content nobody has a direct save: a plain save (the Enter key, "Save", "Save and
    continue editing") keeps the changes as a draft too, so the public page changes only when a
    publisher says "Publish changes"."""

    def _drafts_enabled(self, obj) -> bool:
        return issubclass(self.model, Publishable) and obj is not None and obj.pk is not None

    def _stored_live(self, obj) -> bool:
        """Whether the stored row (not the submitted form) is published."""
        return self.model._default_manager.filter(pk=obj.pk, state=PublishState.PUBLISHED).exists()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if request.method == "GET" and self._drafts_enabled(obj) and (draft := draft_for(obj)):
            # The form continues from the draft, not from the live values.
            draft_apply(obj, draft)
            obj._workflow_relations = {name: [o.pk for o in objs] for name, objs in draft_relations(obj, draft).items()}
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        relations = getattr(obj, "_workflow_relations", None)
        if not relations:
            return form_class

        class DraftForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                for name, ids in relations.items():
                    if name in self.fields:
                        self.initial[name] = ids

        return DraftForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self._drafts_enabled(obj):
            actor = Actor.from_user(request.user)
            draft = draft_for(obj)
            context.update({
                "workflow_enabled": True,
                "workflow_draft": draft,
                "workflow_live": obj.state == PublishState.PUBLISHED,
                "workflow_may_publish": may_publish(actor),
                "workflow_preview_links": preview_links(obj) if draft else [],
                "workflow_inlines_note": INLINES_NOTE if context.get("inline_admin_formsets") else "",
            })
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    @property
    def change_form_template(self):
        return "workflow/admin/change_form.html"

    def save_model(self, request, obj, form, change):
        button = _draft_button(request) if change else None
        if button is None and change and self._drafts_enabled(obj) and self._stored_live(obj):
            button = SAVE_DRAFT  # a plain save of live content never publishes
        if button is None:
            return super().save_model(request, obj, form, change)
        actor = Actor.from_user(request.user)
        relations = {f.name: form.cleaned_data[f.name] for f in obj._meta.many_to_many if f.name in form.cleaned_data}
        draft = draft_save(
            obj=obj, actor=actor, relations=relations, language=get_language() or "", submit=button != SAVE_DRAFT
        )
        if button == PUBLISH_DRAFT:
            draft_publish(draft=draft, actor=actor)
        request._workflow_done = button

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_workflow_done", None) in (SAVE_DRAFT, SUBMIT_DRAFT):
            return  # the live object's relations and rows stay as they are
        if getattr(request, "_workflow_done", None) == PUBLISH_DRAFT:
            # The draft's relations went through the services already; rows are saved directly.
            form.cleaned_data = {k: v for k, v in form.cleaned_data.items()
                                 if k not in {f.name for f in form.instance._meta.many_to_many}}
        return super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        if getattr(request, "_workflow_done", None) in (SAVE_DRAFT, SUBMIT_DRAFT):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        done = getattr(request, "_workflow_done", None)
        if done is None:
            return super().response_change(request, obj)
        text = {
            SAVE_DRAFT: _("The draft was saved; the public page is unchanged."),
            SUBMIT_DRAFT: _("The draft was submitted for review; the public page is unchanged until it is approved."),
            PUBLISH_DRAFT: _("The changes were published."),
        }[done]
        self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(request.path)


def enable_drafts() -> None:
    """Put ``DraftAdminMixin`` in front of ``ContentAdmin``'s bases, once: every content admin,
    registered already or later, gets drafts; the mixin acts on Publishable models only."""
    if DraftAdminMixin not in ContentAdmin.__mro__:
        ContentAdmin.__bases__ = (DraftAdminMixin, *ContentAdmin.__bases__)


class DraftReviewForm(forms.ModelForm):
    class Meta:
        model = Draft
        fields = ("comment",)

    def __init__(self, *args, rejecting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rejecting = rejecting
        self.fields["comment"].help_text = _("Required when you reject: the author gets it by email.")

    def clean_comment(self):
        comment = self.cleaned_data.get("comment", "")
        if self.rejecting and not comment.strip():
            raise ValidationError(_("Say what should change."))
        return comment


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("content", "content_type", "author", "state", "submitted_at", "modified_at")
    list_filter = ("state", "content_type")
    list_select_related = ("author", "content_type")
    readonly_fields = ("content", "author", "state", "submitted_at", "modified_at", "previews")
    fields = ("content", "author", "state", "submitted_at", "modified_at", "previews", "comment")
    form = DraftReviewForm
    change_form_template = "workflow/admin/draft_review.html"

    def has_add_permission(self, request):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        rejecting = "_reject" in request.POST

        class Form(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, rejecting=rejecting, **kw)

        return Form

    @admin.display(description=_("content"))
    def content(self, obj):
        target = obj.target
        if target is None:
            return "–"
        opts = target._meta
        return format_html(
            '<a href="{}">{}</a>', reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk]), target
        )

    @admin.display(description=_("preview"))
    def previews(self, obj):
        target = obj.target
        if target is None:
            return "–"
        return _preview_html(target)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_may_publish"] = may_publish(Actor.from_user(request.user))
        context["workflow_submitted"] = obj is not None and obj.state == DraftState.SUBMITTED
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def save_model(self, request, obj, form, change):
        actor = Actor.from_user(request.user)
        if "_approve" in request.POST:
            try:
                draft_publish(draft=obj, actor=actor)
            except ValidationError as error:
                # The draft no longer validates (a rule changed, a slug was taken): it stays for its author.
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return
            request._workflow_review = "approved"
        elif "_reject" in request.POST:
            draft_reject(draft=obj, actor=actor, comment=form.cleaned_data["comment"])
            request._workflow_review = "rejected"
        elif "_submit" in request.POST:
            draft_submit(draft=obj, actor=actor)
            request._workflow_review = "submitted"
        else:
            raise PermissionDenied

    def save_related(self, request, form, formsets, change):
        pass

    def log_change(self, request, obj, message):
        return None

    def response_change(self, request, obj):
        review = getattr(request, "_workflow_review", "")
        text = {
            "approved": _("The changes were published."),
            "rejected": _("The draft was sent back to its author."),
            "submitted": _("The draft was submitted for review; the public page is unchanged until it is approved."),
        }.get(review)
        if text:
            self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:workflow_draft_changelist"))


def _preview_html(target):
    return format_html_join(
        " · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', ((url, label) for label, url in preview_links(target))
    )
