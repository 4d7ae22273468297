"""The translation catalogues are complete: every message the code and templates mark for
translation has a translation in Finnish, Swedish and English, none is fuzzy, and the
committed .mo files say what the .po files say."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import trans_real

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = ("fi", "sv", "en")
# Not shipped as part of the site's own catalogues: the virtualenv, the tests and the benchmarks.
IGNORED = {".venv", "tests", "benchmarks", "var", "media", "staticfiles", "node_modules", ".git"}


def _catalogues():
    for po in sorted(BASE_DIR.glob("**/locale/*/LC_MESSAGES/django.po")):
        if IGNORED.isdisjoint(po.relative_to(BASE_DIR).parts):
            yield po


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


@pytest.mark.parametrize("po_path", list(_catalogues()), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_catalogue_has_no_fuzzy_or_empty_entries_and_its_mo_is_current(po_path):
    catalogue = polib.pofile(str(po_path))
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    assert [e.msgid for e in entries if not e.translated()] == []
    with open(po_path.with_suffix(".mo"), "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)._catalog
    for entry in entries:
        if entry.msgid_plural:
            expected = {(_key(entry), int(n)): text for n, text in entry.msgstr_plural.items()}
            assert {k: compiled.get(k) for k in expected} == expected, entry.msgid
        else:
            assert compiled.get(_key(entry)) == entry.msgstr, entry.msgid


def _copy_sources(destination: Path) -> None:
    def ignore(directory, names):
        return [name for name in names if name in IGNORED or name.endswith((".mo", ".pyc", ".sqlite3"))]

    shutil.copytree(BASE_DIR, destination, ignore=ignore, symlinks=True)


def test_every_marked_message_is_translated_in_every_language(tmp_path):
    """Extracts the messages afresh (as makemessages would) into a copy of the sources and
    looks each one up in the catalogues the running site loads."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext (Debian's gettext package) is needed; scripts/test installs it")
    copy = tmp_path / "src"
    _copy_sources(copy)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fi", "--no-location", "--verbosity", "0",
         *[f"--ignore={name}" for name in sorted(IGNORED)]],
        cwd=copy, check=True, capture_output=True, env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "HOME": str(tmp_path)},
    )
    catalogues = {lang: trans_real.translation(lang)._catalog for lang in LANGUAGES}
    missing = []
    for po in copy.glob("**/locale/fi/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            if entry.obsolete:
                continue
            key = (_key(entry), 0) if entry.msgid_plural else _key(entry)
            for lang, catalogue in catalogues.items():
                if not catalogue.get(key):
                    missing.append((lang, entry.msgctxt, entry.msgid))
    assert sorted(missing, key=lambda item: (item[0], item[1] or "", item[2])) == []
