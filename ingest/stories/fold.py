"""Case and accent folding that is right for each language.

`lower` (translate.segment's, the one lower-casing babelwire has) keeps
every character: Turkish I → ı, İ → i; elsewhere İ → i, not "i̇". `fold`
is the match key of watch terms, wire copies and stories: lower case, then
accents and special letters dropped, so İstanbul, ISTANBUL, Istanbul and istanbul, or Tromsø and
Tromso, are one key in every language. Dotted and dotless i both fold to i.
"""

from __future__ import annotations

import re
import unicodedata

from translate.segment import lower

__all__ = ["fold", "lower"]

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")  # combining marks
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})


def fold(text: str, lang: str | None = None) -> str:
    """The match key of a text: `lower`, then accents and letter variants dropped."""
    text = unicodedata.normalize("NFKD", lower(text, lang))
    if not text.isascii():
        text = _MARKS.sub("", text).translate(_LETTERS)
    return text
