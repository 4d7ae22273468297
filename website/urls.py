from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("search/"), views.search, name="search"),
    path(_("about/"), views.about, name="about"),
    path(_("about/contact/"), views.contact, name="contact"),
    path(_("about/privacy/"), views.privacy, name="privacy"),
    path(_("about/accessibility/"), views.accessibility, name="accessibility"),
    path(_("map/"), views.map_page, name="map"),
    path(_("cities/<slug:slug>/"), views.city_detail, name="city-detail"),
    path(_("focus-areas/"), views.focus_area_list, name="focus-area-list"),
    path(_("focus-areas/<slug:slug>/"), views.focus_area_detail, name="focus-area-detail"),
]
