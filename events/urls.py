from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "events"

# A slug cannot contain a dot, so the .ics routes never collide with the detail pages.
urlpatterns = [
    path("", views.event_list, name="list"),
    path(_("calendar.ics"), feeds.upcoming_events_ics, name="feed-ics"),
    path("<slug:slug>.ics", feeds.event_ics, name="ics"),
    # Two segments, so it never meets an event's slug.
    path(_("speakers/<slug:slug>/"), views.speaker_detail, name="speaker"),
    path("<slug:slug>/", views.event_detail, name="detail"),
]
