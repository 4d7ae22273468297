"""Snippets: the text is escaped first, then the found words are marked, in a window
around the first match."""

from searchindex.analysis import query_terms
from searchindex.query import SNIPPET_WORDS, highlight


def test_a_long_text_is_cut_around_the_first_match():
    text = " ".join(f"word{n}" for n in range(100)) + " harbour " + " ".join(f"tail{n}" for n in range(100))
    snippet = str(highlight(text, query_terms("harbour", "en"), "en", words=SNIPPET_WORDS))
    assert snippet.startswith("… word")
    assert snippet.endswith(" …")
    assert "<mark>harbour</mark>" in snippet
    assert len(snippet.split()) <= SNIPPET_WORDS + 2


def test_without_a_match_the_start_is_shown_unmarked():
    snippet = str(highlight("Short text & more", query_terms("harbour", "en"), "en", words=SNIPPET_WORDS))
    assert snippet == "Short text &amp; more"


def test_markup_in_the_text_is_shown_as_text():
    snippet = str(highlight('<b onclick="x()">Tram</b> stop', query_terms("tram", "en"), "en"))
    assert snippet == "&lt;b onclick=&quot;x()&quot;&gt;<mark>Tram</mark>&lt;/b&gt; stop"
