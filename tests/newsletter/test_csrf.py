"""The sign-up form is on cached pages, so it carries no CSRF token: the subscribe view
refuses posts that the browser says come from another site (finest/core/csrf.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

DATA = {"email": "a@example.org", "language": "en", "consent": "on"}


def subscribe_url():
    with translation.override("en"):
        return reverse("newsletter:subscribe")


@pytest.fixture
def browser():
    # Enforces CSRF like a real browser session would.
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["cross-site", "sibling-subdomain", "foreign-origin", "opaque-origin"],
)
def test_a_cross_site_post_is_refused(browser, headers):
    response = browser.post(subscribe_url(), DATA, **headers)
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_a_same_origin_post_without_a_token_subscribes(browser):
    response = browser.post(
        subscribe_url(), DATA, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="a@example.org").exists()


def test_other_forms_still_need_their_token(browser):
    # Only the sign-up is exempt: the CSRF middleware still guards the other forms.
    with translation.override("en"):
        preferences = reverse("newsletter:preferences", kwargs={"token": "any"})
    assert browser.post(preferences, {}, HTTP_SEC_FETCH_SITE="same-origin").status_code == 403
