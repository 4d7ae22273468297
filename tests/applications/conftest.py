import pytest

from tests.applications.factories import make_form


@pytest.fixture(autouse=True)
def _private_media_in_tmp(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def call(form):
    return form.call
