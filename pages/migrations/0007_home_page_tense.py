"""The stored home page as the project's dates now read: FinEst Twins ended on 30.11.2026, so its
hero intro and search description say what it built (the Centre goes on), and the English key figure
writes its period as the site's date ranges do ("1 December 2019 – 30 November 2026"). A text an
editor has already changed is left alone."""

from django.db import migrations

LANGUAGES = ("fi", "sv", "en")

OLD_HOME = {
    "intro": {
        "fi": "FinEst Twins rakentaa Tallinnaan yhdessä Helsingin kanssa rajat ylittävää älykaupunkien huippuyksikköä. "
        "Tutkijat, kaupungit ja yritykset kehittävät ja testaavat ratkaisuja liikkumiseen, energiaan, hallintoon, "
        "rakennettuun ympäristöön ja dataan.",
        "sv": "FinEst Twins bygger upp en gränsöverskridande spetsenhet för smarta städer i Tallinn tillsammans med "
        "Helsingfors. Forskare, städer och företag utvecklar och testar lösningar för mobilitet, energi, förvaltning, "
        "den byggda miljön och data.",
        "en": "FinEst Twins builds a cross-border Smart City Centre of Excellence in Tallinn together with Helsinki. "
        "Researchers, cities and companies develop and test solutions for mobility, energy, governance, the built "
        "environment and data.",
    },
    "seo_description": {
        "fi": "FinEst Twins on älykaupunkien huippuyksikkö, joka yhdistää tutkimuksen, kaupungit ja yritykset "
        "Helsingissä ja Tallinnassa.",
        "sv": "FinEst Twins är en spetsenhet för smarta städer som förenar forskning, städer och företag i "
        "Helsingfors och Tallinn.",
        "en": "FinEst Twins is a Smart City Centre of Excellence connecting research, cities and companies in "
        "Helsinki and Tallinn.",
    },
}
NEW_HOME = {
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
OLD_PERIOD_LABEL_EN = "seven years, 1 December 2019 to 30 November 2026"
NEW_PERIOD_LABEL_EN = "seven years, 1 December 2019 – 30 November 2026"


def _corrected(row, name: str, old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    changed = {}
    for code in LANGUAGES:
        field = f"{name}_{code}"
        if getattr(row, field) == old[code]:
            changed[field] = new[code]
    if getattr(row, name) == old["fi"]:
        # The untranslated column mirrors Finnish, as create_home_page set it.
        changed[name] = new["fi"]
    return changed


def correct_home_page(apps, schema_editor):
    HomePage = apps.get_model("pages", "HomePage")
    KeyFigure = apps.get_model("pages", "KeyFigure")
    for home in HomePage.objects.all():
        changed = {}
        for name, old in OLD_HOME.items():
            changed.update(_corrected(home, name, old, NEW_HOME[name]))
        if changed:
            # update(), not save(): the historical model's save would run today's signal handlers.
            HomePage.objects.filter(pk=home.pk).update(**changed)
    KeyFigure.objects.filter(label_en=OLD_PERIOD_LABEL_EN).update(label_en=NEW_PERIOD_LABEL_EN)


class Migration(migrations.Migration):
    dependencies = [("pages", "0006_site_pages_wording_and_tense")]

    operations = [migrations.RunPython(correct_home_page, migrations.RunPython.noop)]
