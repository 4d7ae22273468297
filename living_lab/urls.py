from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "living_lab"

urlpatterns = [
    path("", views.pilot_list, name="pilot-list"),
    path(_("pilots/<slug:slug>/"), views.pilot_detail, name="pilot-detail"),
    path(_("calls/"), views.call_list, name="call-list"),
    path(_("calls/<slug:slug>/"), views.call_detail, name="call-detail"),
]
