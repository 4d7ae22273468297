from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "core"

urlpatterns = [
    path(_("focus-areas/<slug:slug>/"), views.focus_area_detail, name="focus-area-detail"),
]
