"""Corrects the stored site pages where they still hold the old wording: Finnish slips that
earlier catalogues had, and the About page's present tense for a project that ended on
30.11.2026. A phrase an editor has already changed is left alone."""

from django.db import migrations

LANGUAGES = ("fi", "sv", "en")

# language: (old phrase, new phrase), replaced only where the old phrase is still in the body.
REPLACEMENTS = {
    "fi": [
        # The Estonian ministry's name, a hyphen and a budget sentence, as earlier catalogues had them.
        ("talous- ja viestintäministeriö", "elinkeino- ja viestintäministeriö"),
        ("2.1 AA-tason", "2.1 AA -tason"),
        (
            "koko huippuyksikön kansallinen vastinrahoitus mukaan lukien",
            "koko huippuyksikön budjetin kansallinen vastinrahoitus mukaan luettuna",
        ),
        # About: the project ended on 30.11.2026, so it is told in the past tense.
        (
            "FinEst Twins rakentaa Tallinnaan FinEst-älykaupunkikeskusta (FinEst Centre for Smart Cities): "
            "monitieteistä huippuyksikköä, joka kokoaa yhteen Viron johtavat älykaupunkitoimijat ja luo "
            "tiiviitä, pitkäaikaisia kumppanuuksia niiden helsinkiläisten vastinpartnereiden kanssa.",
            "FinEst Twins rakensi Tallinnaan FinEst-älykaupunkikeskuksen (FinEst Centre for Smart Cities): "
            "monitieteisen huippuyksikön, joka kokoaa yhteen Viron johtavat älykaupunkitoimijat ja luo tiiviitä, "
            "pitkäaikaisia kumppanuuksia niiden helsinkiläisten vastinpartnereiden kanssa.",
        ),
        (
            "Projekti kestää 1.12.2019–30.11.2026. Sitä rahoittavat Euroopan unionin Horisontti 2020 -ohjelma "
            "Teaming-instrumentin kautta sekä Viron opetus- ja tutkimusministeriö. Konsortioon kuuluvat "
            "projektia koordinoiva Tallinnan teknillinen yliopisto TalTech, Viron elinkeino- ja "
            "viestintäministeriö, Aalto-yliopisto ja Forum Virium Helsinki.",
            "Projekti kesti 1.12.2019–30.11.2026. Sitä rahoittivat Euroopan unionin Horisontti 2020 -ohjelma "
            "Teaming-instrumentin kautta sekä Viron opetus- ja tutkimusministeriö. Konsortioon kuuluivat "
            "projektia koordinoinut Tallinnan teknillinen yliopisto TalTech, Viron elinkeino- ja "
            "viestintäministeriö, Aalto-yliopisto ja Forum Virium Helsinki.",
        ),
    ],
    "sv": [
        # About: the project ended on 30.11.2026, so it is told in the past tense.
        (
            "FinEst Twins bygger upp FinEst Centre for Smart Cities i Tallinn: en tvärvetenskaplig spetsenhet "
            "som samlar Estlands ledande aktörer inom smarta städer och bildar nära, långsiktiga partnerskap med "
            "motsvarande aktörer i Helsingfors.",
            "FinEst Twins byggde upp FinEst Centre for Smart Cities i Tallinn: en tvärvetenskaplig spetsenhet "
            "som samlar Estlands ledande aktörer inom smarta städer och bildar nära, långsiktiga partnerskap med "
            "motsvarande aktörer i Helsingfors.",
        ),
        (
            "Projektet pågår från den 1 december 2019 till den 30 november 2026. Det finansieras av Europeiska "
            "unionens program Horisont 2020 genom Teaming-instrumentet och av Estlands utbildnings- och "
            "forskningsministerium. Konsortiet består av Tallinns tekniska universitet (TalTech), som "
            "koordinerar projektet, Estlands närings- och kommunikationsministerium, Aalto-universitetet och "
            "Forum Virium Helsinki.",
            "Projektet pågick från den 1 december 2019 till den 30 november 2026. Det finansierades av "
            "Europeiska unionens program Horisont 2020 genom Teaming-instrumentet och av Estlands utbildnings- "
            "och forskningsministerium. Konsortiet bestod av Tallinns tekniska universitet (TalTech), som "
            "koordinerade projektet, Estlands närings- och kommunikationsministerium, Aalto-universitetet och "
            "Forum Virium Helsinki.",
        ),
    ],
    "en": [
        # About: the project ended on 30.11.2026, so it is told in the past tense.
        (
            "FinEst Twins builds the FinEst Centre for Smart Cities in Tallinn: a cross-disciplinary Centre of "
            "Excellence that brings together the leading smart city actors of Estonia and forms close, long-term "
            "partnerships with their counterparts in Helsinki.",
            "FinEst Twins built the FinEst Centre for Smart Cities in Tallinn: a cross-disciplinary Centre of "
            "Excellence that brings together the leading smart city actors of Estonia and forms close, long-term "
            "partnerships with their counterparts in Helsinki.",
        ),
        (
            "The project runs from 1 December 2019 to 30 November 2026. It is funded by the European Union's "
            "Horizon 2020 programme through the Teaming instrument, and by the Estonian Ministry of Education "
            "and Research. The consortium consists of Tallinn University of Technology (TalTech), which "
            "coordinates the project, the Estonian Ministry of Economic Affairs and Communications, Aalto "
            "University and Forum Virium Helsinki.",
            "The project ran from 1 December 2019 to 30 November 2026. It was funded by the European Union's "
            "Horizon 2020 programme through the Teaming instrument, and by the Estonian Ministry of Education "
            "and Research. The consortium consisted of Tallinn University of Technology (TalTech), which "
            "coordinated the project, the Estonian Ministry of Economic Affairs and Communications, Aalto "
            "University and Forum Virium Helsinki.",
        ),
    ],
}


def correct_wording(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for page in Page.objects.all():
        changed = {}
        for code in LANGUAGES:
            field = f"body_{code}"
            text = getattr(page, field) or ""
            for old, new in REPLACEMENTS[code]:
                text = text.replace(old, new)
            if text != (getattr(page, field) or ""):
                changed[field] = text
        if "body_fi" in changed and page.body == page.body_fi:
            # The untranslated column mirrors the default language, as the site pages' migration set it.
            changed["body"] = changed["body_fi"]
        if changed:
            # update(), not save(): the historical model's save would run today's signal handlers
            # (change log, search index) against tables in an older state.
            Page.objects.filter(pk=page.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_review_groups_edit_pages")]

    operations = [migrations.RunPython(correct_wording, migrations.RunPython.noop)]
