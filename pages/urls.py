from django.urls import re_path

from . import views

app_name = "pages"

# Mounted last in each language's patterns, so every other route wins.
urlpatterns = [
    re_path(r"^(?P<path>(?:[-\w]+/)+)$", views.page_detail, name="page"),
]
