"""Rendering one issue for many subscribers.

The issue's content (body and digest) depends only on (language, topics), so it is
rendered once per combination and cached for the worker process, and so is the whole
message around it (subject, text and HTML of the one email path,
``finest.core.email.render_email``) with placeholders where the links go, serialised to
MIME bytes once (``finest.core.email.EmailFrame``); each message then only puts the
subscriber's address, Message-ID and own signed links into that frame."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from events.models import Event
from finest.core.email import EmailFrame, assemble_email, render_email
from finest.core.html import absolute_media_urls, plain_text, render_rich_text
from finest.core.i18n import absolute_url, translated, url_in_language
from news.models import Article

from .tokens import MANAGE, keyed_hash, make_token

ISSUE_TEMPLATE = "email/newsletter/issue"


TOKEN_SLOT = "TOKENSLOT"  # noqa: S105 - a placeholder in a URL, not a secret

# Where the subscriber's links go in a cached message frame. Random per process, so no issue text
# can contain one by accident; only [0-9a-f-], so HTML escaping leaves them as they are.
_LINK_SLOTS = {
    "preferences_url": f"nl-preferences-{uuid.uuid4().hex}",
    "unsubscribe_url": f"nl-unsubscribe-{uuid.uuid4().hex}",
}


@lru_cache(maxsize=64)
def _link_pattern(name: str, language: str, site_url: str) -> str:
    with translation.override(language):
        return site_url + reverse(name, kwargs={"token": TOKEN_SLOT})


def link(name: str, token: str, language: str) -> str:
    """The absolute URL of a signed-link page. reverse() runs once per (page, language): signed
    tokens only use URL-safe characters, so they can be put into the reversed pattern as they are."""
    return _link_pattern(name, language, settings.SITE_URL).replace(TOKEN_SLOT, token)


def manage_links(subscriber, language: str) -> dict[str, str]:
    token = make_token(subscriber, MANAGE)
    return {
        "unsubscribe_url": link("newsletter:unsubscribe", token, language),
        "preferences_url": link("newsletter:preferences", token, language),
    }


def list_unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: mail clients POST ``List-Unsubscribe=One-Click`` to the URL."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@dataclass(frozen=True)
class DigestItem:
    title: str
    summary: str
    url: str
    starts: datetime | None = None


class IssueRenderer:
    def __init__(self, issue):
        self.issue = issue
        self._content: dict[tuple, tuple[str, str]] = {}
        self._frames: dict[tuple, tuple[str, str, str]] = {}
        self._email_frames: dict[tuple, EmailFrame] = {}
        self._articles = None
        self._events = None

    def _load_digest(self):
        issue = self.issue
        if not issue.include_digest:
            self._articles, self._events = [], []
            return
        window = {}
        if issue.digest_since:
            window["published_at__gt"] = issue.digest_since
        if issue.digest_until:
            window["published_at__lte"] = issue.digest_until
        self._articles = [
            (article, frozenset(fa.pk for fa in article.focus_areas.all()))
            for article in Article.objects.published().filter(**window).with_listing_related().latest_first()[:50]
        ]
        self._events = list(Event.objects.published().filter(**window).order_by("start", "pk")[:50])

    def _items(self, objects, language: str, summary_field: str) -> list[DigestItem]:
        return [
            DigestItem(
                title=translated(obj, "title", language).value,
                summary=translated(obj, summary_field, language).value,
                url=absolute_url(url_in_language(obj, language)),
                starts=getattr(obj, "start", None),
            )
            for obj in objects
        ]

    def content(self, language: str, focus_area_ids: frozenset[int], wants_events: bool) -> tuple[str, str]:
        """(html, text) of the issue's own content for one language and set of topics."""
        cache_key = (language, focus_area_ids, wants_events)
        if cache_key not in self._content:
            if self._articles is None:
                self._load_digest()
            # A subscriber with no focus areas chosen gets all the news; news without a focus area goes to everyone.
            articles = [
                article for article, areas in self._articles
                if not focus_area_ids or not areas or areas & focus_area_ids
            ]
            events = self._events if wants_events else []
            body = translated(self.issue, "body", language).value
            context = {
                "body_html": absolute_media_urls(render_rich_text(body)),
                "body_text": plain_text(render_rich_text(body)),
                "articles": self._items(articles, language, "lead"),
                "events": self._items(events, language, "summary"),
            }
            with translation.override(language):
                html = render_to_string("email/newsletter/_content.html", context)
                text = render_to_string("email/newsletter/_content.txt", context)
            self._content[cache_key] = (html, text)
        return self._content[cache_key]

    def frame(self, language: str, focus_area_ids: frozenset[int], wants_events: bool) -> tuple[str, str, str]:
        """(subject, text, html) of the whole message for one language and set of topics, with
        link placeholders: the templates run once per combination instead of once per subscriber."""
        cache_key = (language, focus_area_ids, wants_events)
        if cache_key not in self._frames:
            html, text = self.content(language, focus_area_ids, wants_events)
            context = {
                "subject": translated(self.issue, "subject", language).value,
                "content_html": html,
                "content_text": text,
                **_LINK_SLOTS,
            }
            self._frames[cache_key] = render_email(template=ISSUE_TEMPLATE, context=context, language=language)
        return self._frames[cache_key]

    def email_frame(self, language: str, focus_area_ids: frozenset[int], wants_events: bool) -> EmailFrame:
        """The frame serialised to MIME bytes once, with slots for the recipient, the Message-ID and the links."""
        cache_key = (language, focus_area_ids, wants_events)
        if cache_key not in self._email_frames:
            subject, text_body, html_body = self.frame(language, focus_area_ids, wants_events)
            self._email_frames[cache_key] = EmailFrame(
                subject=subject, text_body=text_body, html_body=html_body, slots=tuple(_LINK_SLOTS.values()),
                headers=list_unsubscribe_headers(_LINK_SLOTS["unsubscribe_url"]),
            )
        return self._email_frames[cache_key]

    def message(
        self, *, to: str, language: str, links: dict[str, str], focus_area_ids, wants_events, connection=None, message_id=None
    ):
        topics = frozenset(focus_area_ids)
        if message_id:
            framed = self.email_frame(language, topics, wants_events).for_recipient(
                to=to, message_id=message_id, values={slot: links[name] for name, slot in _LINK_SLOTS.items()},
                connection=connection,
            )
            if framed is not None:
                return framed
        subject, text_body, html_body = self.frame(language, topics, wants_events)
        for name, slot in _LINK_SLOTS.items():
            # The text part is not autoescaped, the HTML part is: each gets the link as its template would.
            text_body = text_body.replace(slot, links[name])
            html_body = html_body.replace(slot, escape(links[name]))
        return assemble_email(
            to=to,
            subject=subject,
            text_body=text_body,
            html_body=html_body,
            headers={**list_unsubscribe_headers(links["unsubscribe_url"]), **({"Message-ID": message_id} if message_id else {})},
            connection=connection,
        )


_renderers: dict[tuple, IssueRenderer] = {}


def renderer_for(issue) -> IssueRenderer:
    """One renderer per issue version per process, so batches reuse the rendered content."""
    key = (issue.pk, issue.modified_at, issue.digest_since, issue.digest_until)
    if key not in _renderers:
        _renderers.clear()
        _renderers[key] = IssueRenderer(issue)
    return _renderers[key]


def message_id(issue_id: int, subscriber_id: int) -> str:
    """The Message-ID of one issue to one subscriber: the same every time it is sent, so a copy sent
    again after a crash is the same message to every mailbox and client. Keyed, so it gives away no ids."""
    digest = keyed_hash(f"message-id:{issue_id}:{subscriber_id}")[:32]
    return f"<newsletter.{digest}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


def preview_links(language: str) -> dict[str, str]:
    """Links for previews and test sends: they lead to the subscription page, never to a real subscriber."""
    with translation.override(language):
        url = absolute_url(reverse("newsletter:subscribe"))
    return {"unsubscribe_url": url, "preferences_url": url}


def default_language(language: str | None) -> str:
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE
