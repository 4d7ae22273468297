import pytest

from finest.core.permissions import Actor
from tests.factories import StaffUserFactory

from .factories import RegistrationFactory

ANYONE = Actor.anonymous()


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    # The form's time check: the tests post at once.
    settings.REGISTRATIONS_MIN_FORM_SECONDS = 0


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the tasks enqueued after commit, as the eager Celery of `make run` does."""
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def registration(db):
    return RegistrationFactory(capacity=2, waitlist_capacity=2)


@pytest.fixture
def staff_actor(db):
    return Actor.from_user(StaffUserFactory())
