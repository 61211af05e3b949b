"""Sentence segmentation for machine translation, offline, for tr, nl, nb, en, de.

Argos's own splitters download models on first use; babelwire splits
sentences itself with rules that know each language's abbreviations and
ordinal dots ("2. oktober"), so that nothing needs the network.
"""

from __future__ import annotations

import re

from babeltext.case import is_all_caps, lower

_ABBREVIATIONS = {
    "en": "mr mrs ms dr prof st jr sr vs etc e.g i.e u.s u.k u.n inc ltd co corp gen col lt sgt rep sen gov jan feb mar apr jun jul aug sep sept oct nov dec fig approx",
    "nl": "dhr mevr mr dr prof ir ing drs blz bijv o.a d.w.z ca jl e.d enz mln mld",
    "nb": "hr fru dr prof bl.a f.eks ca mill mrd osv pga mht jf kl dvs etc",
    "tr": "dr prof doç av yrd vb vs st sn alb org gen bkz",
    "de": "hr fr dr prof bzw z.b u.a usw ca mio mrd evtl ggf inkl vgl st",
}
_ALL_ABBREVIATIONS = {a for words in _ABBREVIATIONS.values() for a in words.split()}
# Abbreviations that only ever precede a number: "No. 5", "nr. 12", "Art. 3".
_BEFORE_NUMBER = {"no", "nr", "nos", "art", "p", "pp", "s", "bd"}
# A sentence ends at . ! ? … (with closing quotes or brackets) followed by space
# and something that can open a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"'”’»)\]]*)\s+(?=[\"'“‘«„(\[]?[A-ZÀ-ÖØ-ÞÇĞİÖŞÜÆØÅ0-9])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
# How far back from a full stop the word before it is looked for: an abbreviation, an initial or an
# ordinal is far shorter. Bounded, so that a sentence that never ends (a line of initials, every full
# stop skipped) is split in time linear in its length, not quadratic.
_LONGEST_WORD = 64


def split_sentences(text: str, lang: str = "en") -> list[str]:
    """Split a paragraph into sentences; never loses or reorders a character but whitespace."""
    text = " ".join(text.split())
    if not text:
        return []
    abbreviations = set(_ABBREVIATIONS.get(lang, "").split()) | _ALL_ABBREVIATIONS
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        stop = match.start(1)
        end = stop + len(match.group(1))
        word = _TOKEN_BEFORE.search(text, max(start, stop - _LONGEST_WORD), stop)
        token = word.group(1).rstrip(".!?…").lower() if word else ""
        following = text[match.end() : match.end() + 1]
        if token.strip("(\"'“") in abbreviations or re.fullmatch(r"[A-Za-zÀ-ÿ]", token):
            continue  # "Dr. Ali", "U.S. Senate", initials "H. M. K."
        if token in _BEFORE_NUMBER and following.isdigit():
            continue
        if lang in ("nb", "de", "tr") and re.fullmatch(r"\d{1,2}", token) and stop > start and text[stop - 1] == ".":
            continue  # "2. oktober", ordinal numbers
        sentences.append(text[start:end].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


_SAFE_BREAK = re.compile(r"(?<=[,;:–—])\s+")


def split_long(sentence: str, count_tokens, limit: int) -> list[str]:
    """Cut a sentence the model cannot take whole into pieces of at most `limit` tokens.

    Cuts at clause punctuation first, then between words, then inside a word longer than
    the limit (a run without spaces); never truncates.
    """
    if count_tokens(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    for clause in _SAFE_BREAK.split(sentence):
        if pieces and count_tokens(pieces[-1] + " " + clause) <= limit:
            pieces[-1] = pieces[-1] + " " + clause
        elif count_tokens(clause) <= limit:
            pieces.append(clause)
        else:
            pieces.extend(_split_words(clause, count_tokens, limit))
    return pieces


def _split_words(text: str, count_tokens, limit: int) -> list[str]:
    pieces, current = [], ""
    for word in _cut_long_words(text.split(), count_tokens, limit):
        candidate = f"{current} {word}".strip()
        if current and count_tokens(candidate) > limit:
            pieces.append(current)
            candidate = word
        current = candidate
    if current:
        pieces.append(current)
    return pieces


def _cut_long_words(words: list[str], count_tokens, limit: int):
    """Words, each one longer than the model takes (a run of characters without a space) cut into
    parts of limit // 4 - 1 characters: a character is at most four tokens (bytes), plus one for the word start.
    The model's attention costs the square of a piece's length, so no piece may exceed the limit."""
    size = max(1, limit // 4 - 1)
    for word in words:
        if len(word) > size and count_tokens(word) > limit:
            yield from (word[i : i + size] for i in range(0, len(word), size))
        else:
            yield word


def normalise_caps(text: str, lang: str) -> str:
    """ALL-CAPS headlines confuse MT models: give them sentence case."""
    if not is_all_caps(text):
        return text
    lowered = lower(text, lang)
    first = next((i for i, c in enumerate(lowered) if c.isalpha()), None)
    if first is None:
        return lowered
    head = lowered[first]
    upper = "İ" if lang in ("tr", "az") and head == "i" else head.upper()
    return lowered[:first] + upper + lowered[first + 1 :]
