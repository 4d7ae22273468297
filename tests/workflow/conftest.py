import pytest
from django.contrib.auth.models import Group

from tests.factories import StaffUserFactory, UserFactory


def _member(group: str, **extra):
    user = UserFactory(is_staff=True, is_superuser=False, **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _member("Content editors", email="editor@example.org")


@pytest.fixture
def publisher(db):
    return _member("Publishers", email="publisher@example.org")


@pytest.fixture
def superuser(db):
    return StaffUserFactory()
