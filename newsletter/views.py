"""Public newsletter pages: subscribe, confirm, preferences, one-click unsubscribe,
the archive of sent issues and the bounce webhook. A GET never changes anything; the pages behind signed
links answer a bad or expired link with a clear page in the URL's language."""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from finest.core.clientaddr import client_address
from finest.core.csrf import same_origin_post
from finest.core.i18n import translated
from finest.core.lists import list_page
from finest.core.pagecache import cached_page

from . import services
from .changelog import ARCHIVE_LABEL
from .forms import PreferencesForm, SubscribeForm
from .models import NewsletterIssue, SubscriberStatus
from .rendering import IssueRenderer
from .tokens import CONFIRM, MANAGE, SubscriberGone, TokenExpired, TokenInvalid, read_token


def _subscriber_or_error_page(request, token: str, purpose: str, max_age=None):
    """(subscriber, None) or (None, the error page)."""
    try:
        return read_token(token, purpose, max_age=max_age), None
    except TokenExpired:
        return None, render(request, "newsletter/link_invalid.html", {"expired": True}, status=410)
    except TokenInvalid:
        return None, render(request, "newsletter/link_invalid.html", {"expired": False}, status=404)


# The footer's form is on cached pages, which carry no CSRF token.
@same_origin_post
@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None, auto_id="nl-page-%s")
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            return redirect("newsletter:thanks")
        accepted = services.subscriber_subscribe(
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            focus_area_ids=[area.pk for area in form.cleaned_data["focus_areas"]],
            wants_events=form.cleaned_data["events"],
            ip=client_address(request),
        )
        if accepted:
            return redirect("newsletter:thanks")
        return render(request, "newsletter/subscribe.html", {"form": form, "rate_limited": True}, status=429)
    return render(request, "newsletter/subscribe.html", {"form": form})


def thanks(request):
    return render(request, "newsletter/thanks.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    max_age = settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS * 86400
    subscriber, error = _subscriber_or_error_page(request, token, CONFIRM, max_age=max_age)
    if error:
        return error
    if request.method == "POST":
        subscriber = services.subscriber_confirm(subscriber=subscriber)
    confirmed = subscriber.status == SubscriberStatus.CONFIRMED
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber, "confirmed": confirmed})


@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    subscriber, error = _subscriber_or_error_page(request, token, MANAGE)
    if error:
        return error
    saved = False
    initial = {
        "language": subscriber.language,
        "focus_areas": list(subscriber.focus_areas.values_list("pk", flat=True)),
        "events": subscriber.wants_events,
    }
    form = PreferencesForm(request.POST or None, initial=initial, auto_id="nl-prefs-%s")
    if request.method == "POST" and form.is_valid():
        services.subscriber_update_preferences(
            subscriber=subscriber,
            language=form.cleaned_data["language"],
            focus_area_ids=[area.pk for area in form.cleaned_data["focus_areas"]],
            wants_events=form.cleaned_data["events"],
        )
        saved = True
    return render(request, "newsletter/preferences.html", {"form": form, "saved": saved, "subscriber": subscriber, "token": token})


# Mail clients send the RFC 8058 one-click POST without cookies, so there is no CSRF token to check;
# the signed token in the URL is the authorisation, and repeating the POST is harmless.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        subscriber = read_token(token, MANAGE)
    except SubscriberGone:
        # Unsubscribing erased the row: a repeated one-click POST, or the link opened again, says so.
        return render(request, "newsletter/unsubscribe.html", {"unsubscribed": True, "token": token})
    except TokenInvalid:
        return render(request, "newsletter/link_invalid.html", {"expired": False}, status=404)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribe.html", {"unsubscribed": True, "token": token})
    return render(request, "newsletter/unsubscribe.html", {"unsubscribed": False, "token": token})


ARCHIVE_PER_PAGE = 20
# An issue's web version shows the news and events of its digest window as they are now.
ARCHIVE_ISSUE_DEPENDS = (ARCHIVE_LABEL, "news.article", "events.event")


@cached_page(depends=(ARCHIVE_LABEL,))
def archive(request):
    listing = list_page(
        request,
        NewsletterIssue.objects.archived(),
        per_page=ARCHIVE_PER_PAGE,
        count_text=ngettext_lazy("%(counter)s issue", "%(counter)s issues", "counter"),
    )
    return render(request, "newsletter/archive.html", {**listing, "issues": listing["page_obj"].object_list})


@cached_page(depends=ARCHIVE_ISSUE_DEPENDS)
def archive_issue(request, public_id):
    """The web version of a sent issue: the same content every subscriber in this language got, with
    every news item and event of its digest, and none of a subscriber's own parts (no signed links)."""
    issue = get_object_or_404(NewsletterIssue.objects.archived(), public_id=public_id)
    language = translation.get_language()
    # focus_area_ids=() and wants_events=True: the digest for a reader who chose every topic.
    content_html, _text = IssueRenderer(issue).content(language, frozenset(), True)
    return render(
        request,
        "newsletter/archive_issue.html",
        {
            "issue": issue,
            "subject": translated(issue, "subject", language),
            "body": translated(issue, "body", language),
            "content_html": content_html,
        },
    )


def _webhook_signature_ok(request) -> bool:
    secret = settings.NEWSLETTER_WEBHOOK_SECRET
    given = request.headers.get("X-Newsletter-Signature", "").removeprefix("sha256=")
    expected = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    return bool(given) and hmac.compare_digest(given, expected)


@csrf_exempt
@require_POST
def bounce_webhook(request):
    """The email provider reports bounces and complaints here, signed with the shared secret:
    header ``X-Newsletter-Signature: sha256=<hex HMAC-SHA256 of the body>``, body
    ``{"events": [{"type": "bounce"|"complaint", "recipient": "...", "bounce_type": "hard"|"soft"}]}``."""
    if not settings.NEWSLETTER_WEBHOOK_SECRET:
        raise Http404
    if not _webhook_signature_ok(request):
        return HttpResponse(_("Invalid signature."), status=403, content_type="text/plain")
    try:
        payload = json.loads(request.body)
        events = payload["events"] if isinstance(payload, dict) else payload
        parsed = [(str(event["type"]), str(event["recipient"]), str(event.get("bounce_type", "hard"))) for event in events]
    except (ValueError, KeyError, TypeError):
        return HttpResponse(_("Malformed payload."), status=400, content_type="text/plain")
    for kind, recipient, bounce_type in parsed:
        if kind == "complaint":
            services.subscriber_record_bounce(email=recipient, kind="complaint")
        elif kind == "bounce":
            services.subscriber_record_bounce(email=recipient, kind="hard" if bounce_type == "hard" else "soft")
    return HttpResponse(status=204)
