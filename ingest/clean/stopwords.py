"""Stop-word density, jusText's measure of running text, in tr, nl, nb, en and de.

Body prose is dense in "the", "og", "ve", "und"; menus, teasers and captions
are not. The cleaner uses it to find the article, the stories stage to tell
whether a translation reads as the target language.
"""

from __future__ import annotations

import collections
import functools
import importlib.util
import re
from pathlib import Path

_WORD = re.compile(r"\w+")
_STOPLISTS = {"tr": "Turkish", "nl": "Dutch", "nb": "Norwegian_Bokmal", "en": "English", "de": "German"}


@functools.cache
def stoplist(lang: str) -> frozenset[str]:
    """jusText's stoplist (empty for a language babelwire has none for), read from its package data
    without importing jusText (and lxml) into text-only runs."""
    if lang not in _STOPLISTS:
        return frozenset()
    folder = Path(importlib.util.find_spec("justext").submodule_search_locations[0]) / "stoplists"
    text = (folder / f"{_STOPLISTS[lang]}.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip())


def page_stoplist(texts: list[str]) -> frozenset[str]:
    """The stoplist (of tr, nl, nb, en, de) that covers most of the page's words."""
    words = collections.Counter(w for text in texts[:400] for w in _WORD.findall(text.casefold()))
    return max((stoplist(lang) for lang in _STOPLISTS), key=lambda stop: sum(n for w, n in words.items() if w in stop))


def density(text: str, stoplist: frozenset[str]) -> float:
    """Share of a text's words that are stop words."""
    words = _WORD.findall(text.casefold())
    return sum(w in stoplist for w in words) / len(words) if words else 0.0
