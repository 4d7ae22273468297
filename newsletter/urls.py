from django.urls import path
from django.utils.translation import gettext_lazy as _

from finest.core.pagecache import cached_page

from . import feeds, views
from .changelog import ARCHIVE_LABEL

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path(_("thanks/"), views.thanks, name="thanks"),
    path(_("confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("preferences/<str:token>/"), views.preferences, name="preferences"),
    path(_("unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(_("archive/"), views.archive, name="archive"),
    path(_("archive/feed.xml"), cached_page(depends=(ARCHIVE_LABEL,))(feeds.ArchiveFeed()), name="archive-feed"),
    path(_("archive/<uuid:public_id>/"), views.archive_issue, name="archive-issue"),
    path("webhooks/bounces/", views.bounce_webhook, name="bounce-webhook"),
]
