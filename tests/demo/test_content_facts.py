"""The demo content agrees with the seed texts (issue 14, "put the content right")."""
import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import polib

from demo.content import news, organisations, projects

ROOT = Path(__file__).resolve().parents[2]
HELSINKI = ZoneInfo("Europe/Helsinki")
# The seed's Finnish name; "talous- ja viestintäministeriö" was a second one on some pages.
MINISTRY_FI = "elinkeino- ja viestintäministeriö"
WRONG_MINISTRY_FI = re.compile(r"talous-\s+ja\s+viestintäministeri", re.I)


def article(key):
    return next(item for item in news.ARTICLES if item["key"] == key)


def texts(value):
    return [value.fi, value.sv, value.en]


def po_texts():
    """Every message of every catalogue, unwrapped, so a phrase split over two lines is still found."""
    for path in sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po")) + sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po")):
        if ".venv" in path.parts:
            continue
        for entry in polib.pofile(str(path)):
            yield path, entry.msgstr
            yield from ((path, text) for text in entry.msgstr_plural.values())


def test_the_signing_item_keeps_8_april_and_no_longer_quotes_vartiainen():
    signing = article("cooperation-agreement-2022")
    assert signing["published_at"].astimezone(HELSINKI).date() == date(2022, 4, 8)
    assert "8.4.2022" in signing["lead"].fi
    for text in texts(signing["body"]):
        assert "Vartiai" not in text


def test_the_22_april_2022_discussion_has_its_own_item():
    discussion = [item for item in news.ARTICLES if item["published_at"] and
                  item["published_at"].astimezone(HELSINKI).date() == date(2022, 4, 22)]
    assert len(discussion) == 1
    item = discussion[0]
    assert "22.4.2022" in item["lead"].fi and "22.4.2022" in item["lead"].sv and "22 April 2022" in item["lead"].en


def test_vartiainens_words_are_in_the_january_2023_item_with_the_seeds_facts():
    meeting = article("mayors-meet-2023")
    assert meeting["published_at"].astimezone(HELSINKI).date() == date(2023, 1, 23)
    assert "25.–27.1.2023" in meeting["lead"].fi and "25–27.1.2023" in meeting["lead"].sv
    body = meeting["body"]
    assert "Vartiaisen mukaan" in body.fi and "Enligt borgmästare Juhana Vartiainen" in body.sv
    assert "Mayor Juhana Vartiainen says" in body.en
    priorities = {
        "fi": ("innovaatioyhteistyö", "vetovoima", "Itämeren"),
        "sv": ("innovationssamarbete", "attraktionskraft", "Östersjön"),
        "en": ("innovation cooperation", "attractive region", "Baltic Sea"),
    }
    for code, words in priorities.items():
        assert all(word in getattr(body, code) for word in words), code
    assert "22.4.2022" in body.fi and "8.4.2022" in body.fi


def test_each_lead_responsibility_project_has_its_own_description():
    for code in ("fi", "sv", "en"):
        bodies = [getattr(p["body"], code) for p in projects.LEAD_PROJECTS]
        assert len(bodies) == 6
        assert len(set(bodies)) == 6
        # Not only the whole text: the opening paragraph, which describes the theme, differs too.
        openings = [body.split("\n\n")[0] for body in bodies]
        assert len(set(openings)) == 6
    themes = ["akku", "terveys", "Fotoniikka", "sähköistyminen", "urheilu", "työkoneiden"]
    for project, theme in zip(projects.LEAD_PROJECTS, themes, strict=True):
        assert theme in project["body"].fi.split("\n\n")[0], project["key"]


def test_the_estonian_ministry_has_one_finnish_name_everywhere():
    demo_sources = [path.read_text(encoding="utf-8") for path in (ROOT / "demo/content").glob("*.py")]
    templates = [path.read_text(encoding="utf-8") for path in ROOT.glob("**/templates/**/*.html") if ".venv" not in path.parts]
    for text in demo_sources + templates:
        assert not WRONG_MINISTRY_FI.search(text)
    for path, text in po_texts():
        assert not WRONG_MINISTRY_FI.search(text), path
    ministry = next(p for p in organisations.PARTNERS if p["key"] == "mkm")
    assert ministry["name"].fi == f"Viron {MINISTRY_FI}"
    assert MINISTRY_FI in article("mayors-meet-2023")["body"].fi


def test_finnish_slips_are_gone_from_the_catalogues_and_the_demo():
    slips = ("vastinrahoitus mukaan lukien", "pendelöivien matkat", "AA-tason")
    demo_sources = [path.read_text(encoding="utf-8") for path in (ROOT / "demo/content").glob("*.py")]
    for text in demo_sources:
        assert not any(slip in text for slip in slips)
    for path, text in po_texts():
        assert not any(slip in text for slip in slips), (path, text[:80])


def test_contact_roles_after_a_comma_are_lower_case():
    # Partner pages print "name, role".
    for partner in organisations.PARTNERS:
        for contact in partner.get("contacts", []):
            for text in texts(contact["role"]):
                assert text[0].islower(), (contact["name"], text)
