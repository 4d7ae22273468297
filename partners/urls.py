"""The partners app's own routes. finest.urls mounts them through website.partner_urls,
which adds the detail page."""

from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
]
