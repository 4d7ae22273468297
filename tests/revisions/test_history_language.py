"""The admin history names the changed fields in the viewer's language ("Leipäteksti [fi]",
"Julkaisupäivä"), not in the English labels Django's change message stores."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from finest.core.models import PublishState
from finest.core.revisions import versions_of
from tests.core.test_admin import form_data
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

LABELS = {
    "fi": ("Leipäteksti [fi]", "Julkaisupäivä"),
    "sv": ("Brödtext [fi]", "Publiceringsdatum"),
    "en": ("Body [fi]", "Publish date"),
}


def _save_in_finnish(client):
    """A Finnish-speaking editor changes the Finnish body and the publish date in the admin."""
    article = ArticleFactory(state=PublishState.DRAFT, body_fi="<p>Vanha</p>")
    client.force_login(StaffUserFactory(is_superuser=True))
    url = reverse("admin:news_article_change", args=[article.pk])
    data = form_data(client.get(url, HTTP_ACCEPT_LANGUAGE="fi"))
    later = timezone.localtime(timezone.now() + timedelta(days=5))
    data.update(body_fi="<p>Uusi</p>", published_at_0=f"{later.day}.{later.month}.{later.year}", published_at_1="12.00")
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    return article


def test_the_revision_comment_is_in_the_savers_language(client):
    article = _save_in_finnish(client)
    comment = versions_of(article).first().revision.comment
    assert "Leipäteksti [fi]" in comment and "Julkaisupäivä" in comment, comment
    assert "Body [fi]" not in comment and "Publish date" not in comment


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_history_reads_in_the_viewers_language(client, language):
    article = _save_in_finnish(client)
    assert LogEntry.objects.filter(object_id=str(article.pk)).exists()
    html = client.get(reverse("admin:news_article_history", args=[article.pk]), HTTP_ACCEPT_LANGUAGE=language)
    text = html.content.decode()
    for label in LABELS[language]:
        assert label in text, (language, label)
    for other, labels in LABELS.items():
        if other != language:
            assert labels[0] not in text, (language, labels[0])
