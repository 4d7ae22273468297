"""Production settings, checked the way the containers load them: in a fresh process with the production environment."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing of the test run's own configuration leaks into the production process.
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST", "TESTING", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    env.update(
        {
            "DEBUG": "",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "portal.example",
            "VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "finest.settings",
        }
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def production_settings(tmp_path, *names, **overrides) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({n: getattr(settings, n, None) for n in %r}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code % (list(names),)],
        cwd=BASE_DIR,
        env=production_env(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_gives_zero_warnings(tmp_path):
    result = run_manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "dev-only-insecure-key-never-used-in-production", "too-short-but-not-empty"],
    ids=["missing", "empty", "development-key", "short"],
)
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, secret_key):
    env = production_env(tmp_path)
    env.pop("SECRET_KEY")
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_security_settings(tmp_path):
    values = production_settings(
        tmp_path,
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "STORAGES",
        "LOGGING",
        "AXES_ENABLED",
        "CONTENT_SECURITY_POLICY",
        "DATABASES",
        USE_X_FORWARDED_PROTO="1",
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    assert values["AXES_ENABLED"] is True
    script_src = next(part for part in values["CONTENT_SECURITY_POLICY"].split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    assert "unsafe-eval" not in script_src
    # A PostgreSQL restart costs at most one failed request per connection.
    assert values["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True


def test_proxy_ssl_header_only_when_configured(tmp_path):
    assert production_settings(tmp_path, "SECURE_PROXY_SSL_HEADER")["SECURE_PROXY_SSL_HEADER"] is None


def test_s3_media_when_a_bucket_is_configured(tmp_path):
    values = production_settings(tmp_path, "STORAGES", AWS_STORAGE_BUCKET_NAME="finest-media", AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000")
    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"


def test_redis_cache_is_the_fail_soft_backend(tmp_path):
    values = production_settings(tmp_path, "CACHES", "CELERY_BROKER_URL", REDIS_URL="redis://127.0.0.1:6399/0")
    assert values["CACHES"]["default"]["BACKEND"] == "finest.ops.cache.FailSoftRedisCache"
    assert values["CELERY_BROKER_URL"] == "redis://127.0.0.1:6399/0"


@pytest.mark.django_db
def test_security_headers_on_pages(client):
    for response in (client.get("/fi/"), client.get("/api/v1/")):
        csp = response.headers["Content-Security-Policy"]
        script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "geolocation=()" in response.headers["Permissions-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_sentry_only_when_a_dsn_is_set(tmp_path):
    code = (
        "import django, json, sentry_sdk; django.setup(); client = sentry_sdk.get_client(); "
        "print(json.dumps([client.is_active(), client.options.get('send_default_pii'), client.options.get('environment')]))"
    )

    def sentry_state(**overrides):
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=BASE_DIR, env=production_env(tmp_path, **overrides),
            capture_output=True, text=True, timeout=60, check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert sentry_state()[0] is False
    # A DSN on a closed loopback port: nothing is sent during the check, but the client is set up.
    assert sentry_state(SENTRY_DSN="http://public@127.0.0.1:9/1", SENTRY_ENVIRONMENT="staging") == [True, False, "staging"]


@pytest.mark.parametrize(
    ("arguments", "site_url"),
    [
        ([], "http://127.0.0.1:8000"),
        (["PORT=8101"], "http://127.0.0.1:8101"),
        (["HOST=0.0.0.0", "PORT=8102"], "http://127.0.0.1:8102"),
        (["HOST=localhost"], "http://localhost:8000"),
    ],
)
def test_make_run_points_links_at_the_address_it_serves(arguments, site_url):
    # `make -n` prints the commands without running them; the environment's SITE_URL wins when set.
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    printed = subprocess.run(
        ["make", "-n", "run", *arguments], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True
    ).stdout
    command = next(line for line in printed.splitlines() if "runserver" in line)
    assignment = re.search(r'SITE_URL="[^"]*"', command).group(0)
    shell = subprocess.run(["sh", "-c", f'{assignment}; echo "$SITE_URL"'], env=env, capture_output=True, text=True, check=True)
    assert shell.stdout.strip() == site_url
