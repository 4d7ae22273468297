"""Demo texts about what has already happened are in the past tense (issue 14, "tense follows the dates").
The demo's dates are fixed, so this holds from the day after the closing seminar (26.11.2026) on."""
from datetime import datetime
from zoneinfo import ZoneInfo

from demo.content import events, organisations, projects

HELSINKI = ZoneInfo("Europe/Helsinki")
# Present or future wording that would say an ended event or the ended project is still to come.
PRESENT = {
    "fi": ("pidetään", "päättyy", "ei toteudu", "kokoaa yhteen", "tapaavat", "linjaavat", "voi seurata", "rakennetaan",
           "rakentaa", " luo "),
    "sv": ("hålls", "avslutas", "blir inte av", "samlar", "träffas", "drar upp", "kan följas", "byggs", "bygger",
           "skapar"),
    "en": ("is held", "ends at", "will not", "brings together", "meet the", "takes place", "is streamed", "is being built",
           "builds", "creates"),
}


def past_events():
    ended = datetime(2026, 12, 4, tzinfo=HELSINKI)
    return [event for event in events.EVENTS if event["end"] < ended]


def test_the_ended_events_are_told_in_the_past():
    assert {e["key"] for e in past_events()} >= {"conference-2023", "mayors-meeting-2023", "closing-seminar-2026",
                                                  "living-lab-site-visit-2026"}
    for event in past_events():
        for field in ("summary", "description"):
            for code, words in PRESENT.items():
                text = getattr(event[field], code)
                assert not [w for w in words if w in text], (event["key"], field, code)


def test_the_ended_projects_work_and_its_coordinator_in_the_past():
    for package in projects.FINEST_TWINS["work_packages"]:
        for code, words in PRESENT.items():
            assert not [w for w in words if w in getattr(package["description"], code)], (package["code"], code)
    taltech = next(p for p in organisations.PARTNERS if p["key"] == "taltech")
    assert "koordinoi FinEst Twins" in taltech["description"].fi and "rakennettiin" in taltech["description"].fi
    assert "was built at TalTech" in taltech["description"].en
