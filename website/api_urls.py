"""API v1 routes: one router for every resource, the root listing them, the OpenAPI
schema and its documentation (assets from drf-spectacular-sidecar, no CDN)."""

from collections import OrderedDict

from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

import applications.api
from events.api import EventViewSet
from finest.api.views import APIRootView, SchemaView
from finest.core.api import CityViewSet, FocusAreaViewSet
from living_lab.api import OpenCallViewSet, PilotViewSet
from news.api import ArticleViewSet
from partners.api import PartnerViewSet
from projects.api import ParticipationViewSet, ProjectViewSet
from registrations.api import RegistrationViewSet

app_name = "api"

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("partners", PartnerViewSet, basename="partner")
router.register("events", EventViewSet, basename="event")
router.register("pilots", PilotViewSet, basename="pilot")
router.register("open-calls", OpenCallViewSet, basename="opencall")
router.register("news", ArticleViewSet, basename="article")
router.register("focus-areas", FocusAreaViewSet, basename="focusarea")
router.register("cities", CityViewSet, basename="city")
router.register("registrations", RegistrationViewSet, basename="registration")
applications.api.register(router)

RESOURCES = OrderedDict(
    (prefix, f"api:{basename}-list") for prefix, _viewset, basename in router.registry
)

urlpatterns = [
    path("", APIRootView.as_view(resources=RESOURCES), name="root"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
