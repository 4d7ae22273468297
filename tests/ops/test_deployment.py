"""The Docker deployment, tested without a Docker engine: the compose file parses, every command it runs
exists in the project, and its environment matches what finest/settings.py reads."""

import re
import shlex
from pathlib import Path

import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app
from django.core.management import get_commands

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_SOURCE = (BASE_DIR / "finest" / "settings.py").read_text()
EXPECTED_SERVICES = {"postgres", "redis", "web", "worker", "beat", "migrate"}
# Read by the containers rather than by Django: the postgres image, gunicorn and the worker's command line.
CONTAINER_VARIABLES = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "WEB_CONCURRENCY", "CELERY_CONCURRENCY", "HOSTNAME"}
REQUIRED_IN_PRODUCTION = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CSRF_TRUSTED_ORIGINS", "SITE_URL"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (BASE_DIR / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value
    return pairs


def settings_variables() -> set[str]:
    return set(re.findall(r"""(?:os\.environ\.get|env_bool|env_int|env_list)\(\s*["']([A-Z0-9_]+)["']""", SETTINGS_SOURCE))


def command_of(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def test_compose_has_every_service_with_a_healthcheck(compose):
    services = compose["services"]
    assert set(services) == EXPECTED_SERVICES
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
        if name not in {"postgres", "redis"}:
            assert service["env_file"] == ".env"
            assert service["image"] == "finest-portal:latest"


def test_data_lives_on_volumes(compose):
    services = compose["services"]
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "redisdata:/data" in services["redis"]["volumes"]
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert "media:/app/var/media" in services["worker"]["volumes"]
    assert {"pgdata", "redisdata", "media"} <= set(compose["volumes"])


def test_redis_never_evicts_the_broker_queues(compose):
    command = command_of(compose["services"]["redis"])
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"


def test_app_services_wait_for_the_migration(compose):
    services = compose["services"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_migrate_runs_a_real_management_command(compose):
    command = command_of(compose["services"]["migrate"])
    assert command[:2] == ["python", "manage.py"]
    assert command[2] in get_commands()
    healthcheck = compose["services"]["migrate"]["healthcheck"]["test"]
    assert healthcheck[1:4] == ["python", "manage.py", "migrate"]


def test_web_runs_gunicorn_on_the_project_wsgi_module(compose):
    command = command_of(compose["services"]["web"])
    assert command[0] == "gunicorn"
    module, _, attribute = command[1].partition(":")
    wsgi = __import__(module, fromlist=[attribute])
    assert callable(getattr(wsgi, attribute))


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_celery_services_use_the_project_app(compose, service):
    command = command_of(compose["services"][service])
    if command[:2] == ["sh", "-c"]:
        command = shlex.split(command[2])
        command = command[1:] if command[0] == "exec" else command
    assert command[0] == "celery"
    # The lookup the celery command line itself does for -A.
    app = find_app(command[command.index("-A") + 1])
    assert isinstance(app, Celery)
    assert app.main == "finest"
    assert command[command.index("-A") + 2] == service


def test_every_environment_variable_is_read_by_the_settings(compose):
    read = settings_variables()
    used = set(env_example())
    for service in compose["services"].values():
        used |= set(service.get("environment") or {})
    text = (BASE_DIR / "docker-compose.yml").read_text()
    used |= set(re.findall(r"\$\{?([A-Z][A-Z0-9_]*)", text))
    unknown = used - read - CONTAINER_VARIABLES
    assert not unknown, f"set in the deployment but never read by finest/settings.py: {sorted(unknown)}"


def test_required_settings_are_in_the_deployment(compose):
    assert settings_variables() >= REQUIRED_IN_PRODUCTION
    provided = set(env_example()) | set(compose["services"]["web"]["environment"])
    assert provided >= REQUIRED_IN_PRODUCTION
    # The example cannot start as it is: the key must be filled in.
    assert env_example()["SECRET_KEY"] == ""


def test_dockerfile_is_multi_stage_non_root_and_collects_static():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    stages = re.findall(r"^FROM\s+\S+\s+AS\s+(\w+)", dockerfile, flags=re.MULTILINE)
    assert len(stages) >= 2
    runtime = dockerfile.split(f"AS {stages[-1]}", 1)[1]
    user = re.findall(r"^USER\s+(\S+)", runtime, flags=re.MULTILINE)
    assert user and not user[-1].startswith(("root", "0"))
    assert "collectstatic --noinput" in dockerfile
    assert "COPY --from=build" in runtime
    assert "HEALTHCHECK" in runtime


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = set((BASE_DIR / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "var"} <= ignored
