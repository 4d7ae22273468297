"""Public registration pages: the sign-up (the form itself sits on the event page), the
email confirmation, and the personal page behind the signed link where a registrant
sees their status, cancels or erases. A GET never changes anything; bad input and bad
links get a clear page in the visitor's language, never an error 500."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST

from events.models import Event
from finest.core.clientaddr import client_address
from finest.core.permissions import Actor
from newsletter.ratelimit import hit

from . import services
from .forms import EraseForm, SignUpForm
from .models import Registrant, RegistrantStatus, Registration
from .tokens import CONFIRM, MANAGE, LinkExpired, LinkInvalid, make_token, read_token

RATE_SCOPE = "registration-ip"


def _form_page(request, registration: Registration, form: SignUpForm, status: int = 200, **extra):
    context = {"registration": registration, "event": registration.event, "form": form, "state": registration.state(), **extra}
    return render(request, "registrations/signup.html", context, status=status)


def _registration(registration_id: int) -> Registration:
    return get_object_or_404(
        Registration.objects.enabled().with_related().filter(event__in=Event.objects.published()),
        pk=registration_id,
    )


@require_http_methods(["GET", "POST"])
def signup(request, registration_id: int):
    registration = _registration(registration_id)
    form = SignUpForm(request.POST or None, registration=registration)
    if request.method != "POST":
        return _form_page(request, registration, form)
    if not form.is_valid():
        return _form_page(request, registration, form, status=400)
    if form.is_bot:
        return redirect("registrations:sent")
    if not hit(RATE_SCOPE, client_address(request) or "unknown", limit=settings.REGISTRATIONS_SIGNUPS_PER_IP, window=timedelta(hours=1)):
        return _form_page(request, registration, form, status=429, rate_limited=True)
    try:
        services.registrant_register(
            registration_id=registration.pk, language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
            actor=Actor.anonymous(), **form.service_fields(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, registration, form, status=400)
    return redirect("registrations:sent")


def sent(request):
    return render(request, "registrations/sent.html", {"hold_minutes": settings.REGISTRATIONS_HOLD_MINUTES})


def _registrant_or_error_page(request, token: str, purpose: str) -> tuple[Registrant | None, object]:
    try:
        return read_token(token, purpose), None
    except LinkExpired:
        return None, render(request, "registrations/link_invalid.html", {"expired": True}, status=410)
    except LinkInvalid:
        return None, render(request, "registrations/link_invalid.html", {"expired": False}, status=404)


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    registrant, error_page = _registrant_or_error_page(request, token, CONFIRM)
    if error_page:
        return error_page
    refusal = None
    if request.method == "POST":
        try:
            registrant = services.registrant_confirm_email(registrant=registrant, actor=Actor.anonymous())
        except ValidationError as error:
            refusal = error.messages[0]
    if registrant.status != RegistrantStatus.PENDING:
        return redirect("registrations:manage", token=make_token(registrant, MANAGE))
    context = {"registrant": registrant, "event": registrant.registration.event, "refusal": refusal}
    return render(request, "registrations/confirm.html", context, status=409 if refusal else 200)


def _manage_page(request, registrant: Registrant, token: str, *, status: int = 200, **extra):
    context = {
        "registrant": registrant,
        "registration": registrant.registration,
        "event": registrant.registration.event,
        "position": registrant.waitlist_position(),
        "token": token,
        "erase_form": extra.pop("erase_form", None) or EraseForm(),
        **extra,
    }
    return render(request, "registrations/manage.html", context, status=status)


def manage(request, token: str):
    registrant, error_page = _registrant_or_error_page(request, token, MANAGE)
    if error_page:
        return error_page
    return _manage_page(request, registrant, token)


@require_POST
def cancel(request, token: str):
    registrant, error_page = _registrant_or_error_page(request, token, MANAGE)
    if error_page:
        return error_page
    try:
        registrant = services.registrant_cancel(registrant=registrant, actor=Actor.anonymous())
    except ValidationError as error:
        return _manage_page(request, registrant, token, status=409, refusal=error.messages[0])
    return _manage_page(request, registrant, token, just_cancelled=True)


@require_POST
def erase(request, token: str):
    registrant, error_page = _registrant_or_error_page(request, token, MANAGE)
    if error_page:
        return error_page
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, registrant, token, status=400, erase_form=form)
    services.registrant_erase(registrant=registrant, actor=Actor.anonymous())
    return render(request, "registrations/erased.html", {"event": registrant.registration.event})
