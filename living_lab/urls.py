from django.urls import path

from . import views

app_name = "living_lab"

urlpatterns = [
    path("pilots/<slug:slug>/", views.detail, name="pilot-detail"),
    path("calls/<slug:slug>/", views.detail, name="call-detail"),
]
