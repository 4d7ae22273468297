"""Export formats: CSV for every list, iCalendar for events, GeoJSON for pilots and
cities. They render the same serialized data as the JSON responses, so what a
partner sees is the same in every format."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from django.conf import settings
from django.utils.dateparse import parse_datetime
from icalendar import Calendar, Event
from rest_framework import renderers

EXPORT_FORMATS = {"csv", "cordis", "ics", "geojson"}


def _rows(data) -> list[dict]:
    if isinstance(data, dict) and "results" in data:
        data = data["results"]
    if isinstance(data, dict):
        return [data]
    return list(data or [])


def _is_translation(value) -> bool:
    return isinstance(value, dict) and set(value) == set(settings.LANGUAGE_CODES)


def _is_reference(value) -> bool:
    return isinstance(value, dict) and "id" in value


def flatten(row: dict) -> dict:
    """One CSV row: translated values become one column per language, related
    objects their ids (``;``-separated for lists), other nested data JSON."""
    flat: dict[str, object] = {}
    for key, value in row.items():
        if _is_translation(value):
            for code in settings.LANGUAGE_CODES:
                flat[f"{key}_{code}"] = value[code] or ""
        elif _is_reference(value):
            flat[key] = value["id"]
        elif isinstance(value, list) and all(_is_reference(item) for item in value):
            flat[key] = ";".join(str(item["id"]) for item in value)
        elif isinstance(value, list) and all(isinstance(item, str | int) for item in value):
            flat[key] = ";".join(str(item) for item in value)
        elif isinstance(value, list | dict):
            flat[key] = json.dumps(value, ensure_ascii=False, default=str)
        elif value is None:
            flat[key] = ""
        else:
            flat[key] = value
    return flat


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        names = getattr(view, "csv_column_names", {}) or {}
        flat_rows = [flatten(row) for row in _rows(data) if isinstance(row, dict) and not row.get("deleted")]
        columns: list[str] = []
        for row in flat_rows:
            columns.extend(column for column in row if column not in columns)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_rename(column, names) for column in columns])
        for row in flat_rows:
            writer.writerow([_safe_cell(row.get(column, "")) for column in columns])
        response = (renderer_context or {}).get("response")
        request = (renderer_context or {}).get("request")
        if response is not None and request is not None:
            response["Content-Disposition"] = f'attachment; filename="{export_name(request.path)}.csv"'
        # A BOM so that spreadsheet programs read the Finnish and Swedish letters right.
        return ("\ufeff" + buffer.getvalue()).encode(self.charset)


class CordisCSVRenderer(renderers.BaseRenderer):
    """CSV in the layout of CORDIS's open-data files (``?format=cordis``): the view's
    ``export_rows`` give the rows, its ``cordis_columns`` the header, in CORDIS's order;
    ``;`` between fields and every field quoted, as CORDIS writes them."""

    media_type = "text/csv"
    format = "cordis"
    charset = "utf-8"
    own_layout = True

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        response, request = context.get("response"), context.get("request")
        columns = getattr(context.get("view"), "cordis_columns", ())
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(columns)
        for row in data if isinstance(data, list) else []:
            writer.writerow([_safe_cell(row.get(column, "")) for column in columns])
        if response is not None and request is not None:
            response["Content-Disposition"] = f'attachment; filename="{export_name(request.path)}-cordis.csv"'
        return buffer.getvalue().encode(self.charset)


def export_name(path: str) -> str:
    """``/api/v1/events/`` -> ``events``, ``/api/v1/events/12/`` -> ``events-12``: safe in a header."""
    parts = [part for part in path.split("/") if part][2:] or ["export"]
    return "".join(char if char.isascii() and (char.isalnum() or char in "-_") else "_" for char in "-".join(parts))[:100]


def _rename(column: str, names: dict[str, str]) -> str:
    if column in names:
        return names[column]
    base, _sep, language = column.rpartition("_")
    if base in names and language in settings.LANGUAGE_CODES:
        return f"{names[base]}_{language}"
    return column


def _safe_cell(value):
    # Spreadsheets run cells that start with these as formulas (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _text(value, language: str) -> str:
    if isinstance(value, dict):
        for code in (language, *settings.LANGUAGE_CODES):
            if value.get(code):
                return value[code]
        return ""
    return value or ""


class ICalendarRenderer(renderers.BaseRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        request = context.get("request")
        language = getattr(request, "api_language", None) or settings.LANGUAGE_CODE
        calendar = Calendar()
        calendar.add("prodid", "-//FinEst Twins//portal API//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", "FinEst Twins")
        for row in _rows(data):
            if not isinstance(row, dict) or row.get("deleted") or "start" not in row:
                continue
            event = Event()
            event.add("uid", f"{row.get('public_id') or row.get('id')}@finesttwins")
            event.add("summary", _text(row.get("title"), language))
            event.add("dtstart", _datetime(row["start"]))
            event.add("dtend", _datetime(row["end"]))
            event.add("dtstamp", _datetime(row.get("modified_at")) or _datetime(row["start"]))
            description = _text(row.get("summary"), language)
            if description:
                event.add("description", description)
            location = ", ".join(
                part for part in (_text(row.get("venue_name"), language), row.get("street_address"), row.get("postal_code")) if part
            )
            if location:
                event.add("location", location)
            if row.get("web_url"):
                event.add("url", row["web_url"])
            if row.get("status") == "cancelled":
                event.add("status", "CANCELLED")
            calendar.add_component(event)
        return calendar.to_ical()


def _datetime(value) -> datetime | None:
    """In UTC: calendar programs read UTC times everywhere without a VTIMEZONE block."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else parse_datetime(value)
    return moment.astimezone(UTC) if moment is not None else None


class GeoJSONRenderer(renderers.BaseRenderer):
    """A FeatureCollection. A row's geometry comes from its ``latitude``/``longitude``
    (a Point) or its ``locations`` (a MultiPoint); rows without one get null."""

    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        features = []
        for row in _rows(data):
            if not isinstance(row, dict) or row.get("deleted"):
                continue
            properties = {key: value for key, value in row.items() if key not in ("latitude", "longitude", "locations")}
            features.append({"type": "Feature", "id": row.get("id"), "geometry": _geometry(row), "properties": properties})
        collection = {"type": "FeatureCollection", "features": features}
        return json.dumps(collection, ensure_ascii=False, default=str).encode("utf-8")


def _geometry(row: dict):
    if row.get("latitude") is not None and row.get("longitude") is not None:
        return {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]}
    points = [[float(place["longitude"]), float(place["latitude"])] for place in row.get("locations") or []]
    if points:
        return {"type": "MultiPoint", "coordinates": points}
    return None
