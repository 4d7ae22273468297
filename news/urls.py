from django.urls import path
from django.utils.translation import gettext_lazy as _

from finest.core.pagecache import cached_page

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="list"),
    path(_("feed.xml"), cached_page(depends=("news.article",))(feeds.LatestArticlesFeed()), name="feed"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]
