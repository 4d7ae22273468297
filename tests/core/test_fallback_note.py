"""A page that falls back to another language says so once, in the page's own language (issue 14)."""
import pytest

from tests.factories import EventFactory
from tests.helpers import url_in

pytestmark = pytest.mark.django_db


def test_swedish_page_has_one_swedish_note(client):
    event = EventFactory(
        title_fi="Vain suomeksi", title_sv="", title_en="",
        summary_fi="Tiivistelmä suomeksi.", summary_sv="", summary_en="",
        description_fi="<p>Kuvaus suomeksi.</p>", description_sv="", description_en="",
    )
    html = client.get(url_in(event, "sv")).content.decode()
    assert html.count('class="fallback-note"') == 1
    assert "Det här innehållet finns inte på svenska. Det visas på finska." in html
    assert "Se näytetään" not in html
    assert '<h1 lang="fi">' in html


def test_english_page_note_is_english(client):
    event = EventFactory(title_fi="Vain suomeksi", title_sv="", title_en="")
    html = client.get(url_in(event, "en")).content.decode()
    assert "This content is not available in English. It is shown in Finnish." in html
    assert html.count('class="fallback-note"') == 1


def test_no_note_when_translated(client):
    event = EventFactory(title_sv="Seminarium", summary_sv="Om seminariet.", description_sv="<p>Om.</p>")
    assert 'class="fallback-note"' not in client.get(url_in(event, "sv")).content.decode()
