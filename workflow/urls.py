from django.urls import path

from . import preview

app_name = "workflow"

urlpatterns = [path("<str:token>/", preview.preview, name="preview")]
