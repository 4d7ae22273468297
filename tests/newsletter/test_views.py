import hashlib
import hmac
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from newsletter.models import Subscriber, SubscriberStatus
from newsletter.services import is_suppressed
from newsletter.tokens import CONFIRM, MANAGE, make_token
from tests.factories import FocusAreaFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_settings")]


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(f"newsletter:{name}", kwargs=kwargs or None)


class TestSubscribePage:
    @pytest.mark.parametrize("language", ["fi", "sv", "en"])
    def test_form_in_each_language_links_the_privacy_notice(self, client, language):
        FocusAreaFactory(name_fi="Liikenne", name_sv="Trafik", name_en="Mobility")
        response = client.get(url("subscribe", language))
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert {"fi": "Liikenne", "sv": "Trafik", "en": "Mobility"}[language] in html
        with translation.override(language):
            assert f'href="{reverse("website:privacy")}"' in html
        assert 'name="consent"' in html and 'name="website"' in html and 'name="events"' in html

    def test_page_and_footer_forms_have_distinct_ids(self, client):
        FocusAreaFactory.create_batch(2)
        html = client.get(url("subscribe", "en")).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert "nl-page-focus_areas_0" in ids
        assert len(ids) == len(set(ids))

    def test_same_response_for_new_and_known_addresses(self, client, run_on_commit):
        SubscriberFactory(email="known@example.org")
        responses = []
        for email in ("known@example.org", "fresh@example.org"):
            with run_on_commit():
                responses.append(client.post(url("subscribe", "en"), {"email": email, "language": "en", "consent": "on"}))
        assert [r.status_code for r in responses] == [302, 302]
        assert responses[0]["Location"] == responses[1]["Location"] == url("thanks", "en")
        assert [message.to for message in mail.outbox] == [["fresh@example.org"]]

    def test_honeypot_stops_bots(self, client, run_on_commit):
        with run_on_commit():
            response = client.post(
                url("subscribe"), {"email": "bot@example.org", "language": "fi", "consent": "on", "website": "http://spam"}
            )
        assert response.status_code == 302
        assert not Subscriber.objects.exists()
        assert mail.outbox == []

    def test_consent_is_required(self, client):
        response = client.post(url("subscribe"), {"email": "a@example.org", "language": "fi"})
        assert response.status_code == 200
        assert not Subscriber.objects.exists()

    def test_ip_limit_answers_429(self, client, settings, run_on_commit):
        settings.NEWSLETTER_SIGNUPS_PER_IP = 1
        with run_on_commit():
            client.post(url("subscribe"), {"email": "a@example.org", "language": "fi", "consent": "on"})
        response = client.post(url("subscribe"), {"email": "b@example.org", "language": "fi", "consent": "on"})
        assert response.status_code == 429

    def test_behind_the_proxy_the_limit_keys_on_the_forwarded_address(self, client, settings, run_on_commit):
        settings.NEWSLETTER_SIGNUPS_PER_IP = 1
        settings.TRUSTED_PROXY_COUNT = 1
        data = {"language": "fi", "consent": "on"}
        with run_on_commit():
            first = client.post(url("subscribe"), {**data, "email": "a@example.org"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
            other = client.post(url("subscribe"), {**data, "email": "b@example.org"}, HTTP_X_FORWARDED_FOR="198.51.100.2")
            again = client.post(url("subscribe"), {**data, "email": "c@example.org"}, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1")
        assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)

    def test_footer_tag_renders_the_form(self):
        request = RequestFactory().get("/")
        with translation.override("sv"):
            html = Template("{% load newsletter_tags %}{% newsletter_footer_form %}").render(Context({"request": request}))
        assert 'name="email"' in html and url("subscribe", "sv") in html


class TestConfirmPage:
    def test_get_shows_a_button_and_changes_nothing_post_confirms(self, client):
        subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
        link = url("confirm", "sv", token=make_token(subscriber, CONFIRM))
        response = client.get(link)
        assert response.status_code == 200 and b"<form" in response.content
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING
        response = client.post(link)
        assert response.status_code == 200
        assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    @pytest.mark.parametrize("language", ["fi", "sv", "en"])
    def test_expired_link_gives_a_clear_page_in_the_url_language(self, client, settings, language):
        subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
        link = url("confirm", language, token=make_token(subscriber, CONFIRM))
        with time_machine.travel(timezone.now() + timedelta(days=settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS + 1)):
            response = client.post(link)
        assert response.status_code == 410
        assert f'<html lang="{language}"'.encode() in response.content
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING

    @pytest.mark.parametrize("name", ["confirm", "preferences", "unsubscribe"])
    @pytest.mark.parametrize("token", ["garbage", "a:b:c", "eyJ4IjoxfQ:1abc:bad", "%20"])
    def test_bad_tokens_never_give_a_500(self, client, name, token):
        for method in (client.get, client.post):
            response = method(url(name, "sv", token=token))
            assert response.status_code == 404
            assert b'<html lang="sv"' in response.content

    def test_erased_subscriber_link_is_invalid(self, client):
        subscriber = SubscriberFactory()
        link = url("preferences", "en", token=make_token(subscriber, MANAGE))
        subscriber.delete()
        assert client.get(link).status_code == 404


class TestPreferencesPage:
    def test_update_language_and_topics(self, client):
        area = FocusAreaFactory()
        subscriber = SubscriberFactory(language="fi")
        link = url("preferences", "fi", token=make_token(subscriber, MANAGE))
        assert client.get(link).status_code == 200
        response = client.post(link, {"language": "sv", "focus_areas": [area.pk], "events": "on"})
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.language == "sv" and subscriber.wants_events
        assert list(subscriber.focus_areas.all()) == [area]


class TestOneClickUnsubscribe:
    def test_get_never_unsubscribes(self, client):
        subscriber = SubscriberFactory()
        response = client.get(url("unsubscribe", token=make_token(subscriber, MANAGE)))
        assert response.status_code == 200
        assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    def test_rfc8058_post_without_cookie_or_csrf_is_idempotent(self):
        subscriber = SubscriberFactory()
        client = Client(enforce_csrf_checks=True)
        link = url("unsubscribe", "en", token=make_token(subscriber, MANAGE))
        body = "List-Unsubscribe=One-Click"
        for _repeat in range(2):
            response = client.post(link, data=body, content_type="application/x-www-form-urlencoded")
            assert response.status_code == 200
            assert "You have unsubscribed" in response.content.decode()
        # Unsubscribing erased the subscriber; the link still says so when it is opened again.
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
        assert "You have unsubscribed" in client.get(link).content.decode()


class TestBounceWebhook:
    def post(self, client, payload, secret):
        body = json.dumps(payload).encode()
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return client.post(
            url("bounce-webhook"), data=body, content_type="application/json", HTTP_X_NEWSLETTER_SIGNATURE=f"sha256={signature}"
        )

    def test_signed_complaint_suppresses(self, client, settings):
        settings.NEWSLETTER_WEBHOOK_SECRET = "s3cret"
        subscriber = SubscriberFactory(email="angry@example.org")
        response = self.post(client, {"events": [{"type": "complaint", "recipient": "angry@example.org"}]}, "s3cret")
        assert response.status_code == 204
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
        assert is_suppressed("angry@example.org")

    def test_bad_signature_is_refused(self, client, settings):
        settings.NEWSLETTER_WEBHOOK_SECRET = "s3cret"
        SubscriberFactory(email="victim@example.org")
        response = self.post(client, {"events": [{"type": "complaint", "recipient": "victim@example.org"}]}, "guess")
        assert response.status_code == 403
        assert not is_suppressed("victim@example.org")

    def test_malformed_payload_is_a_400(self, client, settings):
        settings.NEWSLETTER_WEBHOOK_SECRET = "s3cret"
        assert self.post(client, {"events": [{"nope": 1}]}, "s3cret").status_code == 400

    def test_off_without_a_secret(self, client, settings):
        settings.NEWSLETTER_WEBHOOK_SECRET = ""
        assert self.post(client, {"events": []}, "").status_code == 404
