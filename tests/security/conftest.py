import pytest
from rest_framework.test import APIClient

from partners.services import api_key_create
from tests.factories import ArticleFactory, EventFactory, FocusAreaFactory, PartnerFactory, ProjectFactory


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    settings.API_THROTTLE_RATES = {"anonymous": None, "key": None, "invalid_key": None}


@pytest.fixture
def content(db):
    """One published object of the main kinds, so detail pages and their forms exist."""
    FocusAreaFactory()
    organisation = PartnerFactory()
    project = ProjectFactory()
    return {"organisation": organisation, "project": project, "event": EventFactory(), "article": ArticleFactory()}


@pytest.fixture
def writer(content):
    _key, raw = api_key_create(organisation=content["organisation"], name="fuzz", scope="write")
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_X_API_KEY=raw)
    return client
