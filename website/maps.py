"""The map of the Gulf of Finland: the Innovation Cities, the twin cities and the Living Lab pilots.

The land shapes are Natural Earth's, projected once by ``scripts/build_map_data.py`` into
``website/geodata/gulf_of_finland.json``; this module only places the markers on them. The page renders the
result as inline SVG (``website/_map.html``): it needs no script, every marker is a link reachable by keyboard,
and a list beside it says the same in words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from finest.core.fragments import cached_fragment
from finest.core.i18n import translated
from finest.core.models import City, Country
from living_lab.models import Pilot

GEODATA = Path(__file__).resolve().parent / "geodata" / "gulf_of_finland.json"
# Approximate advance of one character of the 13 px label font, for placing labels apart.
CHARACTER_WIDTH = 7.0
LABEL_HEIGHT = 14.0
PILOT_OFFSET = 11.0
# What the map shows: the cities, and the published pilots in them (their titles and URLs).
DEPENDS = ("core.city", "living_lab.pilot")


@cache
def geodata() -> dict:
    return json.loads(GEODATA.read_text())


def project(latitude: float, longitude: float) -> tuple[float, float] | None:
    """The point's place on the map, or None when it lies outside the area shown."""
    data = geodata()
    bounds = data["bounds"]
    x = (longitude - bounds["west"]) * data["x_scale"] * data["unit"]
    y = (bounds["north"] - latitude) * data["unit"]
    if not (0 <= x <= data["width"] and 0 <= y <= data["height"]):
        return None
    return round(x, 1), round(y, 1)


@dataclass
class PilotMarker:
    pilot: Pilot
    label: str
    url: str
    x: float
    y: float

    @property
    def top(self) -> float:
        return round(self.y - 5, 1)


@dataclass
class CityMarker:
    city: City
    label: str
    url: str
    x: float
    y: float
    kind: str  # "twin", "innovation" or "other"
    pilots: list[PilotMarker] = field(default_factory=list)
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "start"
    leader: tuple[float, float, float, float] | None = None
    highlighted: bool = False

    @property
    def radius(self) -> float:
        return 7.0 if self.kind == "twin" else 5.0

    @property
    def square_x(self) -> float:
        return round(self.x - 6, 1)

    @property
    def square_y(self) -> float:
        return round(self.y - 6, 1)


def city_markers(*, highlight: City | None = None) -> list[CityMarker]:
    """Every city on the map: the Innovation Cities, the twin cities and the cities of published pilots.
    Two queries, whatever the number of cities and pilots."""
    pilots = Pilot.objects.published().order_by("pk")
    cities = (
        City.objects.filter(kind="city")
        .prefetch_related(Prefetch("pilots", queryset=pilots, to_attr="published_pilots"))
        .order_by("-latitude", "pk")
    )
    markers = []
    for city in cities:
        if not (city.is_innovation_city or city.is_twin_city or city.published_pilots):
            continue
        point = project(float(city.latitude), float(city.longitude))
        if point is None:
            continue
        kind = "twin" if city.is_twin_city else "innovation" if city.is_innovation_city else "other"
        marker = CityMarker(
            city=city, label=translated(city, "name").value, url=city.get_absolute_url(), x=point[0], y=point[1],
            kind=kind, highlighted=highlight is not None and city.pk == highlight.pk,
        )
        markers.append(marker)
    for marker in markers:
        _place_pilots(marker, markers)
    _place_labels(markers)
    return markers


def _place_pilots(marker: CityMarker, markers: list[CityMarker]) -> None:
    """A city's pilots sit in a row above it, or below it when another city lies closer above: so the
    pilots of Helsinki don't cover Vantaa."""
    pilots = marker.city.published_pilots
    if not pilots:
        return
    half = (len(pilots) - 1) / 2 * PILOT_OFFSET + 6
    offset = marker.radius + 9

    def crowding(y: float) -> int:
        return sum(
            1 for other in markers
            if other is not marker and abs(other.x - marker.x) < half + 30 and abs(other.y - y) < 14
        )

    above, below = marker.y - offset, marker.y + offset
    y = above if crowding(above) <= crowding(below) else below
    for index, pilot in enumerate(pilots):
        dx = (index - (len(pilots) - 1) / 2) * PILOT_OFFSET
        marker.pilots.append(PilotMarker(
            pilot=pilot, label=translated(pilot, "title").value, url=pilot.get_absolute_url(),
            x=round(marker.x + dx, 1), y=round(y, 1),
        ))


def _place_labels(markers: list[CityMarker]) -> None:
    """Each label goes beside its marker (right, left, below, above), else a little farther off with a
    leader line: the first place inside the map that overlaps no marker, pilot or label already placed.
    The twin cities are placed first, so theirs never move."""
    data = geodata()
    taken: list[tuple[float, float, float, float]] = []
    for marker in markers:
        r = marker.radius + 1
        taken.append((marker.x - r, marker.y - r, marker.x + r, marker.y + r))
        for pilot in marker.pilots:
            taken.append((pilot.x - 5, pilot.y - 5, pilot.x + 5, pilot.y + 5))
    ordered = sorted(markers, key=lambda m: (m.kind != "twin", not m.highlighted, m.y))
    for marker in ordered:
        own = (marker.x - marker.radius - 1, marker.y - marker.radius - 1, marker.x + marker.radius + 1, marker.y + marker.radius + 1)
        others = [box for box in taken if box != own]
        options = _label_options(marker)
        chosen = options[0]
        for option in options:
            box = option["box"]
            inside = box[0] >= 2 and box[2] <= data["width"] - 2 and box[1] >= 2 and box[3] <= data["height"] - 2
            if inside and not any(_overlaps(box, other) for other in others):
                chosen = option
                break
        marker.label_x, marker.label_y, marker.label_anchor = chosen["x"], chosen["y"], chosen["anchor"]
        marker.leader = chosen.get("leader")
        taken.append(chosen["box"])


def _label_options(marker: CityMarker) -> list[dict]:
    width = len(marker.label) * CHARACTER_WIDTH
    options = []
    for gap, leader in ((marker.radius + 4, False), (marker.radius + 26, True)):
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)):
            if not leader and dx and dy:
                continue
            x, y = marker.x + dx * gap, marker.y + dy * gap * (0.8 if dx else 1)
            anchor = "start" if dx > 0 else "end" if dx < 0 else "middle"
            left = x if dx > 0 else x - width if dx < 0 else x - width / 2
            top = y - 8 if not dy else (y if dy > 0 else y - LABEL_HEIGHT)
            baseline = top + 11
            option = {
                "x": round(x, 1), "y": round(baseline, 1), "anchor": anchor,
                "box": (left, top, left + width, top + LABEL_HEIGHT),
            }
            if leader:
                option["leader"] = (marker.x, marker.y, round(x, 1), round(top + LABEL_HEIGHT / 2, 1))
            options.append(option)
    return options


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def map_context(*, highlight: City | None = None, map_id: str = "map") -> dict:
    """What ``website/_map.html`` renders: the land, the markers, the sea and country names, and the
    list that is the map's text alternative."""
    data = geodata()
    markers = city_markers(highlight=highlight)
    twin = [m for m in markers if m.kind == "twin"]
    # Helsinki is both: a twin city and one of the 16 Innovation Cities, so it is listed under both.
    innovation = [m for m in markers if m.city.is_innovation_city]
    pilots: dict[int, dict] = {}
    for marker in markers:
        for pilot_marker in marker.pilots:
            entry = pilots.setdefault(pilot_marker.pilot.pk, {"marker": pilot_marker, "cities": []})
            entry["cities"].append(marker.label)
    return {
        "map_id": map_id,
        "width": data["width"],
        "height": data["height"],
        "countries": [
            {"code": code, "path": path, "home": code in (Country.FINLAND, Country.ESTONIA)}
            for code, path in data["countries"].items()
        ],
        "place_names": _place_names(),
        "markers": markers,
        "twin_cities": twin,
        "innovation_cities": sorted(innovation, key=lambda m: m.label),
        "pilots": list(pilots.values()),
        "highlight": highlight,
        "source": data["source"],
    }


def map_html(request, *, highlight: City | None = None, map_id: str = "map", list_open: bool = False) -> str:
    """The map as ``website/_map.html`` renders it, made once per version of the cities and pilots
    (finest/core/fragments.py): the markers' placement and the SVG are the same for every visitor."""

    def render() -> str:
        context = {"map": map_context(highlight=highlight, map_id=map_id), "map_list_open": list_open}
        return render_to_string("website/_map.html", context)

    parts = (map_id, highlight.pk if highlight is not None else None, list_open)
    return cached_fragment(request, "map", parts, DEPENDS, render)


def _place_names() -> list[dict]:
    names = []
    for text, latitude, longitude, css in (
        (_("Gulf of Finland"), 59.75, 26.4, "sea"),
        (_("Baltic Sea"), 58.4, 20.4, "sea"),
        (_("Gulf of Bothnia"), 63.4, 20.75, "sea"),
        (_("Finland"), 64.2, 27.6, "country"),
        (_("Estonia"), 58.55, 25.6, "country"),
    ):
        point = project(latitude, longitude)
        if point:
            names.append({"text": text, "x": point[0], "y": point[1], "css": css})
    return names
