"""Staff compose issues (fi/sv/en tabs), preview them, send a test, schedule or send,
pause, resume or cancel, and watch the progress live. Subscribers can be exported
or erased (GDPR); deleting them any other way would lose the suppression entry."""

from __future__ import annotations

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from finest.core.admin_base import ContentAdmin

from . import services
from .models import Delivery, DeliveryStatus, IssueStatus, NewsletterIssue, Subscriber, Suppression

EDITABLE_STATES = (IssueStatus.DRAFT, IssueStatus.SCHEDULED)
RECENT_PROBLEMS = 50


class TestSendForm(forms.Form):
    to = forms.EmailField(label=_("Send a test to"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(label=_("Send at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise ValidationError(_("Choose a time in the future, or send now."))
        return at


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(ContentAdmin):
    list_display = ("__str__", "status", "scheduled_at", "started_at", "finished_at", "sent_count", "total_count")
    list_filter = ("status",)
    search_fields = ("subject_fi", "subject_sv", "subject_en")
    fields = ("subject", "body", "include_digest", "status", "scheduled_at", "started_at", "finished_at")
    change_form_template = "newsletter/admin/issue_change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            sent_total=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            delivery_total=Count("deliveries"),
        )

    @admin.display(description=_("sent"), ordering="sent_total")
    def sent_count(self, obj):
        return obj.sent_total

    @admin.display(description=_("recipients"), ordering="delivery_total")
    def total_count(self, obj):
        return obj.delivery_total

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "status", "scheduled_at", "started_at", "finished_at"]
        if obj is not None and obj.status not in EDITABLE_STATES:
            readonly += [f"{name}_{code}" for name in ("subject", "body") for code in settings.LANGUAGE_CODES]
            readonly.append("include_digest")
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status not in (IssueStatus.DRAFT, IssueStatus.CANCELLED, IssueStatus.SENT):
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/<str:language>/", view(self.preview_view), name="newsletter_issue_preview"),
            path("<int:pk>/progress/", view(self.progress_view), name="newsletter_issue_progress"),
            path("<int:pk>/sending/<str:action>/", view(self.sending_view), name="newsletter_issue_sending"),
            *super().get_urls(),
        ]

    def _issue(self, request, pk, *, change: bool):
        issue = self.get_queryset(request).filter(pk=pk).first()
        if issue is None:
            raise Http404
        allowed = self.has_change_permission(request, issue) if change else self.has_view_permission(request, issue)
        if not allowed:
            raise PermissionDenied
        return issue

    def preview_view(self, request, pk, language):
        issue = self._issue(request, pk, change=False)
        if language not in settings.LANGUAGE_CODES:
            raise Http404
        message = services.newsletter_issue_preview(issue=issue, language=language)
        if request.GET.get("format") == "text":
            return HttpResponse(f"Subject: {message.subject}\n\n{message.body}", content_type="text/plain; charset=utf-8")
        html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
        return HttpResponse(html)

    def progress_view(self, request, pk):
        return JsonResponse(self._issue(request, pk, change=False).progress())

    def sending_view(self, request, pk, action):
        if request.method != "POST":
            return HttpResponse(status=405)
        issue = self._issue(request, pk, change=True)
        handler = {
            "test": self._send_test,
            "schedule": self._schedule,
            "send": self._change_state,
            "pause": self._change_state,
            "resume": self._change_state,
            "cancel": self._change_state,
        }.get(action)
        if handler is None:
            raise Http404
        handler(request, issue, action)
        return HttpResponseRedirect(reverse("admin:newsletter_newsletterissue_change", args=[issue.pk]))

    def _send_test(self, request, issue, action):
        form = TestSendForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Give a valid email address for the test."), messages.ERROR)
            return
        to = form.cleaned_data["to"]
        services.newsletter_issue_send_test(issue=issue, to=to, language=form.cleaned_data["language"], actor=request.user)
        self.message_user(request, _("A test copy was sent to %(to)s.") % {"to": to}, messages.SUCCESS)

    def _schedule(self, request, issue, action):
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "; ".join(form.errors.get("at", [])), messages.ERROR)
            return
        try:
            services.newsletter_issue_schedule(issue=issue, at=form.cleaned_data["at"], actor=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, _("The issue is scheduled."), messages.SUCCESS)

    def _change_state(self, request, issue, action):
        service = {
            "send": lambda: services.newsletter_issue_start(issue_id=issue.pk, actor=request.user),
            "pause": lambda: services.newsletter_issue_pause(issue=issue, actor=request.user),
            "resume": lambda: services.newsletter_issue_resume(issue=issue, actor=request.user),
            "cancel": lambda: services.newsletter_issue_cancel(issue=issue, actor=request.user),
        }[action]
        try:
            done = service()
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return
        labels = {
            "send": _("Sending has started."),
            "pause": _("Sending is paused."),
            "resume": _("Sending continues."),
            "cancel": _("The issue is cancelled."),
        }
        if done:
            self.message_user(request, labels[action], messages.SUCCESS)
        else:
            self.message_user(request, _("That is not possible in the issue's current state."), messages.WARNING)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        issue = self.get_queryset(request).filter(pk=object_id).first() if str(object_id).isdigit() else None
        if issue is not None:
            problems = (
                Delivery.objects.filter(issue=issue, status__in=[DeliveryStatus.FAILED, DeliveryStatus.SKIPPED, DeliveryStatus.RETRY])
                .select_related("subscriber")
                .order_by("-pk")[:RECENT_PROBLEMS]
            )
            extra_context.update(
                {
                    "issue": issue,
                    "progress": issue.progress(),
                    "problems": problems,
                    "show_recipients": may_see_subscribers(request),
                    "languages": settings.LANGUAGES,
                    "test_form": TestSendForm(initial={"to": request.user.email, "language": settings.LANGUAGE_CODE}),
                    "schedule_form": ScheduleForm(),
                    "deliveries_url": reverse("admin:newsletter_delivery_changelist") + f"?issue__id__exact={issue.pk}",
                    "can_send": issue.status in EDITABLE_STATES,
                    "can_pause": issue.status == IssueStatus.SENDING,
                    "can_resume": issue.status == IssueStatus.PAUSED,
                    "can_cancel": issue.status in (*EDITABLE_STATES, IssueStatus.SENDING, IssueStatus.PAUSED),
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)


def may_see_subscribers(request) -> bool:
    """Addresses are personal data: only who may view subscribers (administrators, not content editors)
    sees them, also where deliveries are listed."""
    return request.user.has_perm("newsletter.view_subscriber")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Who got an issue and who did not, and why. Without the permission to view subscribers the list
    shows no address and cannot be searched by one."""

    list_display = ("recipient", "issue", "status", "language", "attempts", "sent_at", "next_attempt_at", "reason")
    list_filter = ("status", "issue")
    list_select_related = ("subscriber", "issue")
    search_fields = ("subscriber__email",)
    show_full_result_count = False
    list_per_page = 100

    def get_list_display(self, request):
        display = super().get_list_display(request)
        return display if may_see_subscribers(request) else tuple(name for name in display if name != "recipient")

    def get_list_display_links(self, request, list_display):
        return None

    def get_search_fields(self, request):
        return super().get_search_fields(request) if may_see_subscribers(request) else ()

    def get_search_results(self, request, queryset, search_term):
        if not may_see_subscribers(request):
            return queryset, False
        return super().get_search_results(request, queryset, search_term)

    def has_view_permission(self, request, obj=None):
        # A single delivery's page would show its subscriber; editors follow deliveries in the list only.
        if obj is not None and not may_see_subscribers(request):
            return False
        return super().has_view_permission(request, obj)

    @admin.display(description=_("recipient"), ordering="subscriber__email")
    def recipient(self, obj):
        return obj.subscriber.email if obj.subscriber_id else _("(erased)")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Export the selected subscribers' data (JSON)"), permissions=["view"])
def export_subscribers(modeladmin, request, queryset):
    data = [services.subscriber_export(subscriber=subscriber) for subscriber in queryset.prefetch_related("focus_areas")]
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscribers-{timezone.now():%Y%m%d-%H%M%S}.json"'
    return response


@admin.action(description=_("Erase the selected subscribers (GDPR)"), permissions=["erase"])
def erase_subscribers(modeladmin, request, queryset):
    if request.POST.get("confirmed") == "yes":
        count = 0
        for subscriber in queryset:
            services.subscriber_erase(subscriber=subscriber, actor=request.user)
            count += 1
        modeladmin.message_user(
            request,
            ngettext("%(count)d subscriber was erased.", "%(count)d subscribers were erased.", count) % {"count": count},
            messages.SUCCESS,
        )
        return None
    return TemplateResponse(
        request,
        "newsletter/admin/erase_confirmation.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Erase subscribers"),
            "subscribers": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "opts": modeladmin.model._meta,
        },
    )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "language", "status", "created_at", "confirmed_at", "unsubscribed_at")
    list_filter = ("status", "language", "wants_events", "focus_areas")
    search_fields = ("email",)
    actions = (export_subscribers, erase_subscribers)
    show_full_result_count = False
    fields = (
        "email", "language", "focus_areas", "wants_events", "status", "created_at", "confirmed_at",
        "unsubscribed_at", "unsubscribe_reason", "consent_at", "consent_version", "consent_language",
        "consent_ip_hash", "hard_bounces",
    )

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would forget the address entirely; erasure keeps the suppression entry.
        return False

    def has_erase_permission(self, request):
        return request.user.has_perm("newsletter.delete_subscriber")


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ("email_hash", "reason", "created_at")
    list_filter = ("reason",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
