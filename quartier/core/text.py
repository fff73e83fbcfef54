"""German text, once: one normaliser for searching and sorting.

Every searchable or sortable name is stored twice: as entered, and folded into an indexed
column (``sort_name``, ``search_text``). Both databases compare the folded columns with
plain ``=``, ``startswith`` and ``contains``, so SQLite and PostgreSQL give the same answers.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from django.db.models import Q

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_WORD = re.compile(r"[0-9a-z]+")
_stemmer = snowballstemmer.stemmer("german")


def fold(text: str | None) -> str:
    """Case-fold, spell umlauts and ß out (ä→ae, ß→ss), drop other accents, squeeze spaces."""
    if not text:
        return ""
    text = str(text)
    if text.isascii():  # the common case needs no Unicode work (bulk loaders fold a lot)
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS).casefold()
    if not text.isascii():  # other accents (é, č, ...) are dropped
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    return " ".join(text.split())


def sort_key(text: str | None) -> str:
    """The key a name sorts by (DIN 5007-2): "Äpfel" sorts with A as "Aepfel"."""
    return fold(text)[:255]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str | None) -> list[str]:
    return _WORD.findall(fold(text))


def stems(text: str | None) -> list[str]:
    """The German stems of every word, in order ("Barrierefreiheit" → "barrierefrei")."""
    return [stem(word) for word in words(text)]


def search_key(*texts: str | None) -> str:
    """A space-framed list of distinct stems, for ``contains(" " + stem)`` prefix matching."""
    seen: dict[str, None] = {}
    for text in texts:
        for item in stems(text):
            seen.setdefault(item, None)
    return " " + " ".join(seen) + " " if seen else ""


def query_terms(query: str | None) -> list[str]:
    """The stems a search query asks for; each must start some word of a search key."""
    return list(dict.fromkeys(stems(query)))


def matches(query: str, *texts: str | None) -> bool:
    """True when every term of `query` begins a word of `texts` (the Python twin of the SQL)."""
    key = search_key(*texts)
    return all(f" {term}" in key for term in query_terms(query))


def search_q(field: str, query: str | None) -> Q:
    """A ``Q`` that requires every query term to begin a word of the stored `field`."""
    terms = query_terms(query)
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__contains": f" {term}"})
    return condition


def join_nonempty(parts: Iterable[str | None], sep: str = " ") -> str:
    return sep.join(part for part in parts if part)
