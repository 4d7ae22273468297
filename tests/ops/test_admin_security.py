"""Admin hardening: lockout after failed logins, a configurable path, and TOTP two-factor login."""

import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import StaffUserFactory
from tests.ops.test_settings import BASE_DIR, production_env

PASSWORD = "correct-horse-battery"


@pytest.fixture
def login_url():
    return reverse("admin:login")


@pytest.fixture
def staff(db):
    return StaffUserFactory(username="editor", password=PASSWORD)


def sign_in(client, url, username="editor", password=PASSWORD, **extra):
    return client.post(url, {"username": username, "password": password, "next": reverse("admin:index"), **extra})


def page_text(response) -> str:
    """The login page without its per-response CSRF mask."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def current_token(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out(client, settings, staff, login_url):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        response = sign_in(client, login_url, password="wrong-password")
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 3

    # Even the right password is refused while locked out.
    response = sign_in(client, login_url)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # Another user from the same address is not punished for it.
    StaffUserFactory(username="colleague", password=PASSWORD)
    response = sign_in(client, login_url, username="colleague")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_successful_login_before_the_limit_resets_the_count(client, settings, staff, login_url):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    sign_in(client, login_url, password="wrong-password")
    sign_in(client, login_url, password="wrong-password")
    assert sign_in(client, login_url).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()


def test_admin_path_is_configurable(tmp_path):
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=production_env(tmp_path, ADMIN_URL="/hallinto-7f3a/"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "/hallinto-7f3a/"


@pytest.mark.django_db
def test_staff_without_a_device_sign_in_with_a_password_when_2fa_is_optional(client, settings, staff, login_url):
    settings.ADMIN_REQUIRE_2FA = False
    assert sign_in(client, login_url).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_staff_with_a_device_must_enter_its_code(client, settings, staff, login_url):
    settings.ADMIN_REQUIRE_2FA = False
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)

    response = sign_in(client, login_url)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # The page does not tell that the password was right: no device list, the wrong-password message.
    assert device.persistent_id not in response.content.decode()
    assert page_text(response) == page_text(sign_in(client, login_url, password="wrong"))

    wrong = "000000" if current_token(device) != "000000" else "111111"
    response = sign_in(client, login_url, otp_device=device.persistent_id, otp_token=wrong)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # django-otp throttles a device after a wrong code (a good thing against guessing); skip the wait.
    device.refresh_from_db()
    device.throttle_reset()

    response = sign_in(client, login_url, otp_device=device.persistent_id, otp_token=current_token(device))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_a_password_only_session_does_not_reach_the_admin_of_a_user_with_a_device(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_mandatory_2fa_refuses_staff_without_a_device(client, settings, staff, login_url):
    settings.ADMIN_REQUIRE_2FA = True
    response = sign_in(client, login_url)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_a_superuser_registers_a_totp_device_for_staff_with_a_qr_code(client, settings, login_url):
    settings.ADMIN_REQUIRE_2FA = False
    StaffUserFactory(username="admin", password=PASSWORD)
    editor = StaffUserFactory(username="editor", is_superuser=False)
    sign_in(client, login_url, username="admin")
    response = client.post(
        reverse("admin:otp_totp_totpdevice_add"),
        {"user": editor.pk, "name": "phone", "key": TOTPDevice._meta.get_field("key").default(), "step": 30, "t0": 0,
         "digits": 6, "tolerance": 1, "drift": 0, "confirmed": "on", "throttling_failure_count": 0},
    )
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=editor)
    # The QR code the editor scans with an authenticator app, drawn locally (no external service).
    qr = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qr.status_code == 200
    assert qr.headers["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in qr.content
