from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from finest.core.admin import ReadOnlyAdmin
from finest.core.permissions import Actor
from finest.core.revisions_admin import RevisionAdmin

from . import selectors, services
from .models import (
    REVIEWERS_GROUP,
    Application,
    ApplicationsAPIGrant,
    ApplicationStatus,
    Attachment,
    CallForm,
    Criterion,
    FormSection,
    Question,
    ReviewAssignment,
    ReviewerProfile,
)


class FormSectionInline(TranslationTabularInline):
    model = FormSection
    extra = 0
    show_change_link = True


class CriterionInline(TranslationStackedInline):
    model = Criterion
    extra = 0


@admin.register(CallForm)
class CallFormAdmin(RevisionAdmin, TabbedTranslationAdmin):
    list_display = ("call", "is_active", "attachments_required", "score_max", "requires_cross_border")
    list_select_related = ("call",)
    autocomplete_fields = ("call",)
    inlines = (FormSectionInline, CriterionInline)


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0


@admin.register(FormSection)
class FormSectionAdmin(RevisionAdmin, TabbedTranslationAdmin):
    list_display = ("title", "form", "order")
    list_select_related = ("form__call",)
    inlines = (QuestionInline,)

    def revision_root(self, obj):
        # A section and its questions are part of their form's revisions.
        return obj.form


class ReadOnlyInline(admin.TabularInline):
    """Rows the services write: shown beside the application, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("download", "size", "pages", "uploaded_at")

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("applications:review-file", kwargs={"pk": obj.pk}), obj.original_name)


class AssignmentInline(ReadOnlyInline):
    model = ReviewAssignment
    fields = ("reviewer", "conflict_declared", "conflict_note", "submitted_at")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """Read-only: applicants write their applications, the jury scores them on the review
    pages, and staff decide on the ranking page."""

    list_display = ("__str__", "call", "company_country", "status", "submitted_at", "decision")
    list_filter = ("status", "decision", "company_country", "call")
    list_select_related = ("call",)
    search_fields = ("company_name", "email", "title", "business_id")
    inlines = (AttachmentInline, AssignmentInline)
    exclude = ("answers",)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Application._meta.fields if field.name != "answers"] + ["cities", "answers_shown"]

    @admin.display(description=_("answers"))
    def answers_shown(self, obj):
        return format_html_join(
            "", "<p><strong>{}</strong><br>{}</p>",
            ((question.text, answer or "—") for _section, answers in selectors.answered_questions(obj) for question, answer in answers),
        )



class AssignmentForm(forms.ModelForm):
    class Meta:
        model = ReviewAssignment
        fields = ("application", "reviewer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = Application.objects.filter(status=ApplicationStatus.SUBMITTED).select_related("call")
        self.fields["reviewer"].queryset = self.fields["reviewer"].queryset.filter(groups__name=REVIEWERS_GROUP, is_active=True)


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    form = AssignmentForm
    list_display = ("application", "reviewer", "conflict_declared", "submitted_at")
    list_filter = ("conflict_declared", "application__call")
    list_select_related = ("application__call", "reviewer")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # The form's clean ran the model's rules already, so the service's own check passes here.
        assignment = services.review_assign(application=obj.application, reviewer=obj.reviewer, actor=Actor.from_user(request.user))
        obj.pk = assignment.pk


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("organisation",)


@admin.register(ApplicationsAPIGrant)
class ApplicationsAPIGrantAdmin(admin.ModelAdmin):
    list_display = ("key", "granted_at")
    list_select_related = ("key__organisation",)
