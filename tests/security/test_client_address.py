"""One trusted client address (finest.core.clientaddr) behind every limit: the API throttle,
the newsletter sign-up limit and the admin lockout."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from finest.core.clientaddr import UNKNOWN, client_address
from newsletter.models import Subscriber
from partners.services import api_key_create
from tests.factories import PartnerFactory, StaffUserFactory

PASSWORD = "correct-horse-battery"


def address(settings, proxies: int, **meta) -> str:
    settings.TRUSTED_PROXY_COUNT = proxies
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7"}, "198.51.100.7"),
        (2, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7, 10.0.0.2"}, "198.51.100.7"),
        # Fewer entries than proxies: the request went around a proxy, so the header proves nothing.
        (2, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": " 2001:DB8::1 "}, "2001:db8::1"),
        (0, {"REMOTE_ADDR": ""}, UNKNOWN),
    ],
)
def test_client_address_counts_trusted_proxies_from_the_right(settings, proxies, meta, expected):
    assert address(settings, proxies, **meta) == expected


@pytest.mark.django_db
def test_a_fresh_forwarded_for_per_request_does_not_escape_the_anonymous_throttle(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.API_THROTTLE_RATES = {"anonymous": "3/minute", "key": "100000/minute"}
    client = APIClient(REMOTE_ADDR="10.0.0.1")
    statuses = [
        # The proxy appends the address it saw (198.51.100.9); the client makes up the rest.
        client.get("/api/v1/focus-areas/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.9").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    other = client.get("/api/v1/focus-areas/", HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert other.status_code == 200


@pytest.mark.django_db
def test_without_a_trusted_proxy_forwarded_for_is_ignored_by_the_throttle(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.API_THROTTLE_RATES = {"anonymous": "2/minute", "key": "100000/minute"}
    client = APIClient(REMOTE_ADDR="203.0.113.50")
    statuses = [client.get("/api/v1/cities/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


@pytest.mark.django_db
def test_a_fresh_forwarded_for_does_not_escape_the_sign_up_limit_on_a_direct_connection(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.NEWSLETTER_SIGNUPS_PER_IP = 1
    url = reverse("newsletter:subscribe")
    statuses = [
        client.post(
            url, {"email": f"a{n}@example.org", "language": "fi", "consent": "on"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}", REMOTE_ADDR="203.0.113.60",
        ).status_code
        for n in range(2)
    ]
    assert statuses == [302, 429]
    assert Subscriber.objects.count() == 1


@pytest.mark.django_db
def test_wrong_api_key_secrets_are_throttled_per_address(settings):
    settings.API_THROTTLE_RATES = {"anonymous": "100000/minute", "key": "100000/minute", "invalid_key": "3/minute"}
    _key, raw = api_key_create(organisation=PartnerFactory(), name="sync")
    prefix = raw.split(".")[0]
    guesser = APIClient(REMOTE_ADDR="203.0.113.70")
    statuses = [guesser.get("/api/v1/cities/", HTTP_X_API_KEY=f"{prefix}.guess{n}").status_code for n in range(4)]
    assert statuses == [401, 401, 401, 429]
    # Once throttled, even the right secret gains nothing from that address...
    assert guesser.get("/api/v1/cities/", HTTP_X_API_KEY=raw).status_code == 429
    # ...while the partner elsewhere is unaffected.
    assert APIClient(REMOTE_ADDR="198.51.100.70").get("/api/v1/cities/", HTTP_X_API_KEY=raw).status_code == 200


# --- the admin lockout -----------------------------------------------------------------
@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS = 8
    settings.ADMIN_REQUIRE_2FA = False
    settings.TRUSTED_PROXY_COUNT = 1


def sign_in(client, username, password, origin):
    # Every request arrives from the proxy (10.0.0.1), which appends the client's address.
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=origin,
    )


@pytest.mark.django_db
def test_wrong_passwords_from_elsewhere_do_not_lock_the_superuser_out(client, lockout):
    StaffUserFactory(username="admin", password=PASSWORD)
    for _ in range(6):
        sign_in(client, "admin", "guess", "203.0.113.66")
    assert sign_in(client, "admin", PASSWORD, "203.0.113.66").status_code == 429
    client.cookies.clear()
    assert sign_in(client, "admin", PASSWORD, "198.51.100.1").status_code == 302


@pytest.mark.django_db
def test_password_spraying_across_usernames_locks_the_address(client, lockout):
    StaffUserFactory(username="admin", password=PASSWORD)
    for n in range(8):
        assert sign_in(client, f"user{n}", "Winter2026!", "203.0.113.67").status_code == 200
    assert sign_in(client, "admin", PASSWORD, "203.0.113.67").status_code == 429
    assert sign_in(client, "admin", PASSWORD, "198.51.100.2").status_code == 302


@pytest.mark.django_db
def test_an_overlong_username_is_a_failed_login_not_an_error(client, lockout):
    response = sign_in(client, "a" * 300, "guess", "203.0.113.68")
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_right_password_without_a_code_counts_as_a_failure(client, lockout, settings):
    settings.ADMIN_REQUIRE_2FA = True
    settings.AXES_FAILURE_LIMIT = 3
    StaffUserFactory(username="admin", password=PASSWORD)
    assert sign_in(client, "admin", PASSWORD, "203.0.113.69").status_code == 200
    assert sign_in(client, "admin", PASSWORD, "203.0.113.69").status_code == 200
    assert sign_in(client, "admin", PASSWORD, "203.0.113.69").status_code == 429
