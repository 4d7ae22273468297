"""Site-wide public pages: the root redirect, home, search, focus areas, the about
pages, robots.txt and the partner page (it gathers the partner's projects, pilots,
events and calls, which the partners app may not import)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from events.models import Event
from finest.core.fragments import cached_fragment, cached_value
from finest.core.i18n import slug_for
from finest.core.lookup import resolve_slug
from finest.core.models import City, FocusArea
from finest.core.pagecache import ALL_CONTENT, cached_page
from living_lab.models import OpenCall, Pilot
from news.models import Article
from pages.jsonld import home_page_jsonld
from pages.models import Route
from pages.views import home_page_for, site_page
from partners.jsonld import partner_jsonld
from partners.models import Partner
from projects.models import Participation, Project
from searchindex.query import site_search

from .maps import map_html

SEARCH_MAX_LENGTH = 200
SEARCH_RESULTS_PER_TYPE = 20
HOME_ITEMS = 4
# The map shows the cities and the pilots in them (website/maps.py); projects too, to be safe
# should its markers ever count them.
MAP = ("core.city", "living_lab.pilot", "projects.project")
PARTNER_RELATED_LIMIT = 24


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


@require_GET
def root_redirect(request):
    """``/`` goes to the visitor's language from Accept-Language (or a language cookie), else Finnish."""
    language = translation.get_language_from_request(request, check_path=False)
    if language not in settings.LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        target = reverse("website:home")
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _home_sections(request) -> str:
    """The focus areas, the Centre, the project, event, news, pilot and call cards: the same for every
    visitor, so rendered once per version of the content and day, like the page cache keys the page
    (the versions move with each save and with the moments of the dates the lists follow: an event's
    end, a call's deadline, a project's dates). A signed preview always renders them afresh."""

    def render_sections() -> str:
        return render_to_string("website/_home_sections.html", {
            "focus_areas": FocusArea.objects.all(),
            "projects": Project.objects.published().ongoing().with_listing_related().order_by("-start_date", "pk")[:6],
            "centre": Project.objects.published().featured().order_by("-start_date", "pk").first(),
            "events": Event.objects.published().upcoming().with_listing_related()[:HOME_ITEMS],
            "articles": Article.objects.published().latest_first().with_listing_related()[:HOME_ITEMS],
            "pilots": Pilot.objects.published().with_listing_related()[:HOME_ITEMS],
            "calls": OpenCall.objects.published().accepting().with_listing_related().order_by("deadline", "pk")[:3],
        })

    if getattr(request, "preview", None) is not None:
        return mark_safe(render_sections())  # noqa: S308 - rendered by the template engine, escaped there
    return cached_fragment(request, "home-sections", (timezone.localdate().isoformat(),), ALL_CONTENT, render_sections)


def _home_page_context(request) -> dict:
    """The editable hero, key figures and featured items (pages app), in three queries however many;
    kept like the sections (a featured item's target is content too), except in a signed preview."""

    def make() -> dict:
        home_page = home_page_for(request)
        if home_page is None:
            return {}
        return {
            "home_page": home_page,
            "key_figures": list(home_page.key_figures.all()),
            "featured_items": home_page.visible_featured_items(),
            "structured_data": home_page_jsonld(home_page),
        }

    if getattr(request, "preview", None) is not None:
        return make()
    return cached_value(request, "home-page", (timezone.localdate().isoformat(),), ALL_CONTENT, make)


@require_GET
@cached_page(depends=ALL_CONTENT)
def home(request):
    context = {
        "sections_html": _home_sections(request),
        "map_html": map_html(request, map_id="home-map"),
    }
    context.update(_home_page_context(request))
    return render(request, "website/home.html", context)


SEARCH_TYPES = (
    ("projects", Project, _("Projects")),
    ("partners", Partner, _("Partners")),
    ("events", Event, _("Events")),
    ("pilots", Pilot, _("Living Lab pilots")),
    ("calls", OpenCall, _("Open calls")),
    ("news", Article, _("News")),
)


@require_GET
def search(request):
    query = (request.GET.get("q") or "").strip()[:SEARCH_MAX_LENGTH]
    groups = []
    total = 0
    if query:
        found = site_search(
            query,
            _language(),
            {key: model.objects.published() for key, model, _heading in SEARCH_TYPES},
            limit=SEARCH_RESULTS_PER_TYPE,
        )
        for key, _model, heading in SEARCH_TYPES:
            results, count = found.get(key, ([], 0))
            total += count
            groups.append({"key": key, "heading": heading, "results": results, "count": count})
    return render(
        request,
        "website/search.html",
        {"search_query": query, "groups": groups, "total": total, "searched": bool(query)},
    )


@require_GET
@cached_page()
def focus_area_list(request):
    return render(request, "website/focus_area_list.html", {"focus_areas": FocusArea.objects.all()})


@require_GET
@cached_page(depends=("projects.project", "living_lab.pilot", "news.article", "partners.partner", "core.city"))
def focus_area_detail(request, slug):
    area, redirect = _find_focus_area(request, slug)
    if redirect:
        return redirect
    context = {
        "page_object": area,
        "area": area,
        "projects": Project.objects.published().filter(focus_areas=area).with_listing_related().order_by("-start_date", "pk"),
        "pilots": Pilot.objects.published().filter(focus_area=area).with_listing_related(),
        "articles": Article.objects.published().filter(focus_areas=area).latest_first().with_listing_related()[:10],
    }
    return render(request, "website/focus_area_detail.html", context)


def _find_focus_area(request, slug: str):
    return _resolve_slug_or_id(request, FocusArea.objects.all(), slug)


def _resolve_slug_or_id(request, queryset, slug: str):
    """Focus areas and cities fill no slugs automatically; one without a slug is addressed by
    its id (that is what slug_for gives it), so its links keep working."""
    try:
        return resolve_slug(request, queryset, slug)
    except Http404:
        if not slug.isdigit() or len(slug) > 18:
            raise
        obj = queryset.filter(pk=int(slug)).first()
        if obj is None or slug_for(obj) != slug:
            raise
        return obj, None


@require_GET
@cached_page(depends=MAP)
def map_page(request):
    return render(request, "website/map.html", {"map_html": map_html(request, map_id="map", list_open=True)})


@require_GET
@cached_page(depends=(*MAP, "living_lab.opencall", "partners.partner"))
def city_detail(request, slug):
    city, redirect = _resolve_slug_or_id(request, City.objects.all(), slug)
    if redirect:
        return redirect
    context = {
        "page_object": city,
        "city": city,
        "map_html": map_html(request, highlight=city, map_id="city-map"),
        "pilots": Pilot.objects.published().filter(cities=city).with_listing_related(),
        "calls": OpenCall.objects.published().accepting().filter(cities=city).with_listing_related().order_by("deadline", "pk"),
        "partners": Partner.objects.published().filter(city=city).with_listing_related().order_by("name", "pk"),
    }
    return render(request, "website/city_detail.html", context)


@require_GET
@cached_page(
    depends=("partners.partner", "projects.project", "events.event", "living_lab.pilot", "living_lab.opencall", "core.city")
)
def partner_detail(request, slug):
    partner, redirect = resolve_slug(request, Partner.objects.select_related("city"), slug)
    if redirect:
        return redirect
    participations = (
        Participation.objects.filter(partner=partner, project__in=Project.objects.published())
        .select_related("project")
        .order_by("-project__start_date", "project__pk")[:PARTNER_RELATED_LIMIT]
    )
    pilots = (
        Pilot.objects.published().for_partner(partner).with_listing_related()[:PARTNER_RELATED_LIMIT]
    )
    context = {
        "page_object": partner,
        "partner": partner,
        "participations": participations,
        "pilots": pilots,
        "events": Event.objects.published().for_partner(partner).with_listing_related().order_by("-start", "pk")[:PARTNER_RELATED_LIMIT],
        "calls": OpenCall.objects.published().for_partner(partner).with_listing_related()[:PARTNER_RELATED_LIMIT],
        "contacts": partner.contacts.filter(is_public=True),
        "structured_data": partner_jsonld(partner),
    }
    return render(request, "partners/partner_detail.html", context)


# The site pages are editable pages (pages app) served at their old URLs.
about = site_page(Route.ABOUT)
contact = site_page(Route.CONTACT)
privacy = site_page(Route.PRIVACY)
accessibility = site_page(Route.ACCESSIBILITY)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        # A custom ADMIN_URL is meant to stay unknown; only the well-known default is named.
        *([f"Disallow: /{settings.ADMIN_URL}"] if settings.ADMIN_URL == "admin/" else []),
        "Disallow: /api/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
