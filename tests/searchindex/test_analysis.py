"""The analyser: Finnish and Swedish inflections meet their base forms, accents fold,
and query words work as prefixes."""

import pytest

from searchindex.analysis import MAX_QUERY_WORDS, document_terms, fold, query_terms


def _finds(query, text, language):
    terms = document_terms(text, language).split()
    return all(any(term.startswith(word) for term in terms) for word in query_terms(query, language))


@pytest.mark.parametrize(
    ("query", "text", "language"),
    [
        ("liikkumisen", "Kestävä liikkuminen kaupungeissa", "fi"),
        ("liikkuminen", "Kaupunkien liikkumisen palvelut", "fi"),
        ("liikkumisten", "Liikkumiset", "fi"),
        ("städernas", "Två städer, en region", "sv"),
        ("städernas", "Staden vid havet", "sv"),
        ("Kolvart", "Mayor Mihhail Kõlvart spoke", "en"),
        ("kõlvart", "Mihhail Kolvart", "fi"),
        ("mobility", "Mobility as a service", "en"),
        ("mobil", "Urban mobility", "en"),  # a query word is a prefix
        ("TALLINN", "tallinnan satama", "fi"),
    ],
)
def test_inflected_and_accented_forms_meet(query, text, language):
    assert _finds(query, text, language)


def test_unrelated_words_do_not_meet():
    assert not _finds("kirjasto", "Kestävä liikkuminen", "fi")


def test_folding_is_for_matching_only():
    assert fold("Kõlvart Åbo Mäntsälä") == "Kolvart Abo Mantsala"


@pytest.mark.parametrize("query", ["\x00", "%00", "!!!", "' OR 1=1 --", '"*', "_" * 50, "AND OR NOT NEAR", "ab" * 500, "½ ŉ ﬁ ＂x＂"])
def test_odd_queries_give_only_letters_and_digits(query):
    terms = query_terms(query, "en")
    assert all(term.isalnum() for term in terms)
    assert all(len(term) <= 40 for term in terms)


def test_a_long_query_is_cut_to_a_few_words():
    assert len(query_terms(" ".join(f"word{n}" for n in range(100)), "en")) == MAX_QUERY_WORDS
