"""Staff admin for registrations: the settings per event or session with the counts as
bars, the registrants with search and actions, exports, a printable check-in list, a
check-in page for a phone, and messages to registrants in their own languages. Every
change goes through the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from finest.core.permissions import Actor

from . import exports, services
from .models import APIKeyRegistrantsScope, Question, Registrant, RegistrantStatus, Registration


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ("text", "required", "position")


def _bar(label: str, value: int, total: int, colour: str) -> str:
    width = round(100 * value / total) if total else 0
    return format_html(
        '<div style="margin:2px 0"><span style="display:inline-block;width:9em">{}</span>'
        '<span style="display:inline-block;width:16em;background:#eee;vertical-align:middle">'
        '<span style="display:block;width:{}%;background:{};height:0.9em"></span></span> {}</div>',
        label, width, colour, value,
    )


@admin.register(Registration)
class RegistrationAdmin(TabbedTranslationAdmin):
    inlines = (QuestionInline,)
    list_display = ("__str__", "enabled", "opens_at", "closes_at", "capacity", "counts_bars", "tools")
    list_filter = ("enabled",)
    list_select_related = ("event", "session")
    search_fields = ("event__title_fi", "event__title_sv", "event__title_en")
    autocomplete_fields = ("event",)
    raw_id_fields = ("session",)
    readonly_fields = ("counts_bars", "tools")
    fieldsets = (
        (None, {"fields": ("event", "session", "enabled", "opens_at", "closes_at")}),
        (_("Places"), {"fields": ("capacity", "waitlist_enabled", "waitlist_capacity", "max_per_email")}),
        (_("Questions"), {"fields": ("ask_organisation", "ask_dietary", "ask_accessibility", "ask_consent_share")}),
        (_("Emails"), {"fields": ("confirmation_text", "reminder_days")}),
        (_("Registrants"), {"fields": ("counts_bars", "tools")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("registrants"))
    def counts_bars(self, obj):
        if obj.pk is None:
            return "–"
        counts = obj.counts()
        total = max(obj.capacity or 0, counts.confirmed + counts.waitlisted + counts.cancelled, 1)
        return format_html(
            "{}{}{}", _bar(_("Confirmed"), counts.confirmed, total, "#2e7d32"),
            _bar(_("Waiting list"), counts.waitlisted, total, "#f9a825"), _bar(_("Cancelled"), counts.cancelled, total, "#9e9e9e"),
        )

    @admin.display(description=_("tools"))
    def tools(self, obj):
        if obj.pk is None:
            return "–"
        registrants = reverse("admin:registrations_registrant_changelist") + "?" + urlencode({"registration__id__exact": obj.pk})
        links = [
            (registrants, _("Registrants")),
            (reverse("admin:registrations_registration_export", args=[obj.pk, "csv"]), "CSV"),
            (reverse("admin:registrations_registration_export", args=[obj.pk, "xlsx"]), "XLSX"),
            (reverse("admin:registrations_registration_checkin_list", args=[obj.pk]), _("Check-in list")),
            (reverse("admin:registrations_registration_checkin", args=[obj.pk]), _("Check-in page")),
        ]
        return format_html(" · ".join(['<a href="{}">{}</a>'] * len(links)), *[part for link in links for part in link])

    def save_model(self, request, obj, form, change):
        services.registration_save(registration=obj, actor=Actor.from_user(request.user))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/export.<str:fmt>", view(self.export_view), name="registrations_registration_export"),
            path("<int:pk>/check-in-list/", view(self.checkin_list_view), name="registrations_registration_checkin_list"),
            path("<int:pk>/check-in/", view(self.checkin_view), name="registrations_registration_checkin"),
            *super().get_urls(),
        ]

    def _registration(self, request, pk: int) -> Registration:
        registration = get_object_or_404(Registration.objects.select_related("event", "session"), pk=pk)
        if not self.has_view_permission(request, registration):
            raise PermissionDenied
        return registration

    def export_view(self, request, pk: int, fmt: str):
        registration = self._registration(request, pk)
        name = slugify(str(registration))[:60] or "registration"
        if fmt == "xlsx":
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            response = HttpResponse(exports.as_xlsx(registration), content_type=content_type)
        elif fmt == "csv":
            response = HttpResponse(exports.as_csv(registration), content_type="text/csv; charset=utf-8")
        else:
            return HttpResponse(status=404)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response

    def checkin_list_view(self, request, pk: int):
        registration = self._registration(request, pk)
        context = {
            **self.admin_site.each_context(request), "registration": registration, "title": _("Check-in list"),
            "registrants": registration.registrants.confirmed().not_erased().order_by("name", "pk"),
        }
        return TemplateResponse(request, "registrations/admin/checkin_list.html", context)

    def checkin_view(self, request, pk: int):
        registration = self._registration(request, pk)
        query = request.GET.get("q", "")
        if request.method == "POST":
            self._check_in(request, registration)
            return HttpResponseRedirect(request.get_full_path())
        registrants = registration.registrants.confirmed().not_erased().search(query).order_by("name", "pk")
        context = {
            **self.admin_site.each_context(request), "registration": registration, "title": _("Check-in"),
            "registrants": registrants[:50], "query": query,
            "arrived": registration.registrants.confirmed().filter(checked_in_at__isnull=False).count(),
            "confirmed": registration.registrants.confirmed().count(),
        }
        return TemplateResponse(request, "registrations/admin/checkin.html", context)

    def _check_in(self, request, registration: Registration) -> None:
        registrant = registration.registrants.filter(pk=request.POST.get("registrant")).first()
        if registrant is None:
            return
        try:
            services.registrant_check_in(
                registrant=registrant, arrived=request.POST.get("arrived") == "1", actor=Actor.from_user(request.user)
            )
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)


def _run(modeladmin, request, queryset, service, done: str) -> None:
    actor = Actor.from_user(request.user)
    count = 0
    for registrant in queryset.select_related("registration__event"):
        try:
            service(registrant=registrant, actor=actor)
        except ValidationError as error:
            modeladmin.message_user(request, f"{registrant}: {'; '.join(error.messages)}", messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Confirm the selected registrants"), permissions=["change"])
def confirm_selected(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.registrant_staff_confirm, str(_("Confirmed: %(count)d.")))


@admin.action(description=_("Move the selected from the waiting list to the participants"), permissions=["change"])
def promote_selected(modeladmin, request, queryset):
    _run(modeladmin, request, queryset.filter(status=RegistrantStatus.WAITLISTED), services.registrant_staff_confirm,
         str(_("Moved from the waiting list: %(count)d.")))


@admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
def cancel_selected(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.registrant_cancel, str(_("Cancelled: %(count)d.")))


class EraseForm(forms.Form):
    reason = forms.CharField(label=_("Reason (kept in the admin log)"), max_length=300)


@admin.action(description=_("Erase the personal data of the selected (on request)"), permissions=["change"])
def erase_selected(modeladmin, request, queryset):
    form = EraseForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        _run(modeladmin, request, queryset,
             lambda *, registrant, actor: services.registrant_erase(registrant=registrant, actor=actor, reason=reason),
             str(_("Erased: %(count)d.")))
        return None
    context = {**modeladmin.admin_site.each_context(request), "title": _("Erase personal data"), "form": form,
               "queryset": queryset, "action": "erase_selected", "opts": modeladmin.model._meta}
    return TemplateResponse(request, "registrations/admin/action_form.html", context)


class MessageForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"subject_{code}"] = forms.CharField(label=_("Subject (%(language)s)") % {"language": name}, max_length=200)
            self.fields[f"body_{code}"] = forms.CharField(label=_("Message (%(language)s)") % {"language": name}, widget=forms.Textarea)


@admin.action(description=_("Email the selected registrants, each in their language"), permissions=["change"])
def email_selected(modeladmin, request, queryset):
    form = MessageForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        data = form.cleaned_data
        codes = [code for code, _name in settings.LANGUAGES]
        recipients = queryset.not_erased()
        for registration in Registration.objects.filter(pk__in=recipients.values("registration")):
            services.announcement_create(
                registration=registration, subject={code: data[f"subject_{code}"] for code in codes},
                body={code: data[f"body_{code}"] for code in codes},
                registrant_ids=list(recipients.filter(registration=registration).values_list("pk", flat=True)),
                actor=Actor.from_user(request.user),
            )
        count = recipients.count()
        done = ngettext("The message goes to %(count)d registrant.", "The message goes to %(count)d registrants.", count)
        modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)
        return None
    context = {**modeladmin.admin_site.each_context(request), "title": _("Email registrants"), "form": form,
               "queryset": queryset, "action": "email_selected", "opts": modeladmin.model._meta}
    return TemplateResponse(request, "registrations/admin/action_form.html", context)


class RegistrationFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        # With the event and session in the same query: each choice's label names both.
        return [(registration.pk, str(registration)) for registration in Registration.objects.select_related("event", "session")]


@admin.register(Registrant)
class RegistrantAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "registration", "status", "language", "organisation", "created_at", "checked_in_at")
    list_filter = ("status", "language", ("registration", RegistrationFilter))
    list_select_related = ("registration__event", "registration__session")
    search_fields = ("name", "email", "organisation")
    actions = (confirm_selected, promote_selected, cancel_selected, email_selected, erase_selected)
    readonly_fields = (
        "registration", "status", "hold", "hold_until", "name", "email", "language", "organisation", "dietary", "accessibility",
        "consent_share", "answers", "created_at", "email_confirmed_at", "waitlisted_at", "cancelled_at", "checked_in_at",
        "reminder_sent_at", "erased_at",
    )
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        # People register themselves through the public form (it confirms their email address).
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would change the counts; erasure keeps them.
        return False


@admin.register(APIKeyRegistrantsScope)
class APIKeyRegistrantsScopeAdmin(admin.ModelAdmin):
    list_display = ("key", "granted_at")
    raw_id_fields = ("key",)
