"""The partner pages under one namespace: the list from the partners app, and the
detail page from website.views, because it gathers other apps' content."""

from django.urls import path

from partners import urls as partner_urls

from . import views

app_name = partner_urls.app_name

urlpatterns = [
    *partner_urls.urlpatterns,
    path("<slug:slug>/", views.partner_detail, name="detail"),
]
