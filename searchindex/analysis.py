"""The analyser: the same words out of a document and out of a query, whatever the
database. Words are lower-cased, stemmed with the Snowball stemmer of the text's
language (PyStemmer) and then folded (ä = å = a, ö = õ = o...), so `Kolvart` meets
`Kõlvart` and `städernas` meets `stad`. A document also keeps each folded surface
word, and a query word is matched as a prefix: a query stem that comes out longer
than the document's stem (names, compounds) still meets the surface word."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

STEMMERS = {"fi": "finnish", "sv": "swedish", "en": "english"}
# Longer words are noise (ids, pasted URLs) and PostgreSQL refuses lexemes over 2 kB.
MAX_WORD_LENGTH = 40
MAX_QUERY_WORDS = 8
# Letters and digits only: no underscore or punctuation, so a term never needs escaping
# in a tsquery or an FTS5 MATCH and both databases' tokenisers keep it as one word.
_WORD = re.compile(r"[^\W_]+")
# Finnish -inen words: Snowball leaves `liikkumisen`/`liikkumiset`/`liikkumisten` on
# another stem (`liikkumis`) than `liikkuminen` (`liikkumin`), so those endings are
# put back to the base form before stemming.
_FINNISH_INEN = re.compile(r"(?<=\w{3})i(?:sen|set|sten)$")


@lru_cache(maxsize=3)
def _stemmer(language: str):
    return Stemmer.Stemmer(STEMMERS.get(language, "english"))


def fold(word: str) -> str:
    """Accents off, for matching only (the page shows the text as written)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("ß", "ss")


@lru_cache(maxsize=65536)
def _term(word: str) -> str:
    # Compatibility forms can decompose into punctuation (½ -> 1⁄2): a term keeps letters and digits only.
    return "".join(_WORD.findall(fold(word)))


def words(text: str) -> list[str]:
    return [word for word in _WORD.findall((text or "").lower()) if len(word) <= MAX_WORD_LENGTH]


# Texts repeat their words: each distinct word is stemmed and folded once (a bulk index of
# 250,000 documents spent most of its analysis time doing the same words again).
@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    if language == "fi":
        word = _FINNISH_INEN.sub("inen", word)
    return _term(_stemmer(language).stemWord(word))


def document_terms(text: str, language: str) -> str:
    """The indexed terms of ``text``: each word's stem and, when it differs, its folded form."""
    terms: list[str] = []
    for word in words(text):
        stemmed = stem(word, language)
        if stemmed:
            terms.append(stemmed)
        surface = _term(word)
        if surface and surface != stemmed:
            terms.append(surface)
    return " ".join(terms)


def query_terms(query: str, language: str) -> list[str]:
    """The query's distinct stems, in order; each is matched as a prefix."""
    stems = (stem(word, language) for word in words(query))
    return list(dict.fromkeys(term for term in stems if term))[:MAX_QUERY_WORDS]


def matches(word: str, terms: list[str], language: str) -> bool:
    """Whether a word of the plain text is one the query found (for the snippets)."""
    candidates = (stem(word.lower(), language), _term(word.lower()))
    return any(candidate.startswith(term) for term in terms for candidate in candidates)
