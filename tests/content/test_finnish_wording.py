"""The Finnish catalogue and demo content use the corrected names and spellings (issue 14)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_root_catalogue_uses_corrected_finnish():
    po = (ROOT / "locale/fi/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert "talous- ja viestintäministeri" not in po
    assert "elinkeino- ja viestintäministeri" in po
    assert '"AA-tason' not in po


def test_demo_commuter_wording():
    text = (ROOT / "demo/content/calls_and_pilots.py").read_text(encoding="utf-8")
    assert "pendelöivien matkat" not in text


def test_about_budget_sentence_is_grammatical():
    po = (ROOT / "locale/fi/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert "vastinrahoitus mukaan lukien" not in po
