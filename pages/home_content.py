"""The home page as it was before editors could change it: the hero's texts (formerly the home
template and its translations) and the key figures with their sources (formerly
website/key_figures.py), in fi/sv/en. The data migration and the tests' fixture both call
``create_home_page``; it uses the given app registry's models, never this app's own classes."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

CORDIS_PROJECT = "https://cordis.europa.eu/project/id/856602"

HOME_TEXTS = {
    "hero_kicker": {
        "fi": "Horisontti 2020 Teaming · Helsinki–Tallinna",
        "sv": "Horisont 2020 Teaming · Helsingfors–Tallinn",
        "en": "Horizon 2020 Teaming · Helsinki–Tallinn",
    },
    "title": {
        "fi": "FinEst Twins – älykaupunkien huippuyksikkö",
        "sv": "FinEst Twins – spetsenhet för smarta städer",
        "en": "FinEst Twins – Smart City Centre of Excellence",
    },
    # The project ended on 30.11.2026: it built the Centre, which goes on (pages/migrations/0007).
    "intro": {
        "fi": "FinEst Twins rakensi vuosina 2019–2026 Tallinnaan yhdessä Helsingin kanssa rajat ylittävän "
        "älykaupunkien huippuyksikön, FinEst Centre for Smart Citiesin. Siellä tutkijat, kaupungit ja yritykset "
        "kehittävät ja testaavat ratkaisuja liikkumiseen, energiaan, hallintoon, rakennettuun ympäristöön ja dataan.",
        "sv": "FinEst Twins byggde åren 2019–2026 upp en gränsöverskridande spetsenhet för smarta städer i Tallinn "
        "tillsammans med Helsingfors, FinEst Centre for Smart Cities. Där utvecklar och testar forskare, städer och "
        "företag lösningar för mobilitet, energi, förvaltning, den byggda miljön och data.",
        "en": "FinEst Twins built a cross-border Smart City Centre of Excellence in Tallinn together with Helsinki "
        "from 2019 to 2026: the FinEst Centre for Smart Cities. There, researchers, cities and companies develop and "
        "test solutions for mobility, energy, governance, the built environment and data.",
    },
    "seo_description": {
        "fi": "FinEst Twins rakensi älykaupunkien huippuyksikön, joka yhdistää tutkimuksen, kaupungit ja yritykset "
        "Helsingissä ja Tallinnassa.",
        "sv": "FinEst Twins byggde upp en spetsenhet för smarta städer som förenar forskning, städer och företag i "
        "Helsingfors och Tallinn.",
        "en": "FinEst Twins built a Smart City Centre of Excellence connecting research, cities and companies in "
        "Helsinki and Tallinn.",
    },
}

_FVH = {
    "fi": "Forum Virium Helsinki, FinEst Twins -hanke-esittely",
    "sv": "Forum Virium Helsinki, projektpresentation av FinEst Twins",
    "en": "Forum Virium Helsinki, FinEst Twins project presentation",
}
_MILLION_EUROS = {"prefix": {"en": "€"}, "unit": {"fi": "M€", "sv": "M€", "en": "million"}}

# The figures the seed texts give (the Forum Virium Helsinki project presentation and the City of
# Helsinki's press release of January 2023), the ones the FinEst Twins project page lists too.
KEY_FIGURES = (
    {
        "value": Decimal("6.3"),
        **_MILLION_EUROS,
        "label": {
            "fi": "Horisontti 2020 -ohjelman Teaming-hankkeen kokonaisbudjetti",
            "sv": "totalbudgeten för Teaming-projektet inom Horisont 2020",
            "en": "total budget of the Horizon 2020 Teaming project",
        },
        "source": _FVH,
    },
    {
        "value": Decimal("32"),
        **_MILLION_EUROS,
        "label": {
            "fi": "seitsenvuotisen huippuyksikön rahoitus, johon sisältyy myös Viron kansallinen rahoitus",
            "sv": "den sjuåriga spetsenhetens finansiering, inklusive estnisk nationell finansiering",
            "en": "funding of the seven-year Centre of Excellence, Estonian national funding included",
        },
        "source": {
            "fi": "Helsingin kaupungin ruotsinkielinen tiedote, tammikuu 2023",
            "sv": "Helsingfors stad, pressmeddelande i januari 2023",
            "en": "City of Helsinki, press release of January 2023",
        },
    },
    {
        "value": Decimal("1.67"),
        **_MILLION_EUROS,
        "label": {
            "fi": "Forum Virium Helsingin osuus: Urban Open Platform ja Living Lab",
            "sv": "Forum Virium Helsinkis andel: Urban Open Platform och Living Lab",
            "en": "Forum Virium Helsinki's share: the Urban Open Platform and the Living Lab",
        },
        "source": _FVH,
    },
    {
        "value": None,
        "text_value": {"fi": "2019–2026", "sv": "2019–2026", "en": "2019–2026"},
        "label": {
            "fi": "seitsemän vuotta, 1.12.2019–30.11.2026",
            "sv": "sju år, 1.12.2019–30.11.2026",
            "en": "seven years, 1 December 2019 – 30 November 2026",
        },
        "source": {
            "fi": "CORDIS, avustussopimus 856602",
            "sv": "CORDIS, bidragsavtal 856602",
            "en": "CORDIS, grant agreement 856602",
        },
        "source_url": CORDIS_PROJECT,
    },
)

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"


def _translated(name: str, texts: dict[str, str]) -> dict[str, str]:
    values = {f"{name}_{code}": texts.get(code, "") for code in LANGUAGES}
    values[name] = texts.get(DEFAULT_LANGUAGE, "")
    return values


def create_home_page(apps, schema_editor=None) -> None:
    """Create the published home page with its key figures, unless there is one already."""
    HomePage = apps.get_model("pages", "HomePage")
    KeyFigure = apps.get_model("pages", "KeyFigure")
    if HomePage.objects.exists():
        return
    values = {"state": "published", "published_at": timezone.now()}
    for name, texts in HOME_TEXTS.items():
        values.update(_translated(name, texts))
    home = HomePage.objects.create(**values)
    for position, figure in enumerate(KEY_FIGURES, start=1):
        row = {"home_page": home, "position": position * 10, "value": figure["value"], "source_url": figure.get("source_url", "")}
        for name in ("prefix", "unit", "text_value", "label", "source"):
            row.update(_translated(name, figure.get(name, {})))
        KeyFigure.objects.create(**row)
