import pytest
from django.utils import translation

from news.jsonld import article_jsonld
from tests.factories import ArticleFactory, FocusAreaFactory


@pytest.mark.django_db
def test_article():
    area = FocusAreaFactory(name_en="Mobility")
    article = ArticleFactory(title_en="x" * 200, author="")
    article.focus_areas.add(area)
    with translation.override("en"):
        article_data = article_jsonld(article)
    assert article_data["@type"] == "NewsArticle"
    assert len(article_data["headline"]) == 110
    assert article_data["author"] == {"@type": "Organization", "name": "FinEst Twins"}
    assert article_data["about"] == [{"@type": "Thing", "name": "Mobility"}]
    assert article_data["mainEntityOfPage"] == article_data["url"]
