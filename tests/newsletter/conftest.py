import pytest
from django.core import mail

from finest.celery import app as celery_app


@pytest.fixture
def eager_celery():
    """Run tasks in-process even when REDIS_URL is set (CI), as `make run` does."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def newsletter_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    settings.NEWSLETTER_BATCH_SIZE = 50
    settings.SITE_URL = "https://finesttwins.example"
    mail.outbox = []
    return settings


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks, eager_celery):
    """Execute on_commit callbacks (the task enqueues) of the block, eagerly."""
    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner
