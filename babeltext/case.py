"""Letter case and folding that are right for each language.

`lower` keeps every character: Turkish and Azerbaijani I → ı, İ → i;
elsewhere İ → i, not "i̇" (two characters, as str.lower makes it). `fold` is
the match key of watch terms, wire copies and stories: lower case, then
accents and special letters dropped, so İstanbul, ISTANBUL, Istanbul and
istanbul, or Tromsø and Tromso, are one key in every language. Dotted and
dotless i both fold to i.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "is_all_caps", "lower"]

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")  # combining marks
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})


def lower(text: str, lang: str | None = None) -> str:
    """Lower case by the language's rules, one character for one: Turkish and
    Azerbaijani I → ı, İ → i; elsewhere İ → i too (str.lower makes it "i̇", two)."""
    if lang in ("tr", "az"):
        text = text.replace("I", "ı")
    return text.replace("İ", "i").lower()


def fold(text: str, lang: str | None = None) -> str:
    """The match key of a text: `lower`, then accents and letter variants dropped."""
    text = unicodedata.normalize("NFKD", lower(text, lang))
    if not text.isascii():
        text = _MARKS.sub("", text).translate(_LETTERS)
    return text


def is_all_caps(text: str) -> bool:
    """Whether a text is written in capitals (four letters at least, all upper case): a shouted headline."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)
