"""What survives translation: the names, numbers and codes of a text.

Two reports of one event in Turkish and Norwegian share few words but the
same people, places, organisations, figures and codes (Erdoğan, Ankara,
S-400, 2,5 → 2.5). `anchors` picks them out of a text in any of babelwire's
languages, folded (see `fold`) and typed by a one-letter prefix:

- `c:` codes: a token with letters and digits (S-400, F-35, A320), hyphens dropped;
- `n:` numbers of two or more digits, thousands separators removed and the
  decimal comma read as a point (1.500 and 1,500 → 1500; 3,5 and 3.5 → 3.5),
  years and times of day left out (every article has them);
- `a:` acronyms: all capitals, two to six letters (NATO, AFAD, NAVO);
- `w:` names: capitalised words of three letters or more that do not start a
  sentence, cut to their first six folded letters so that inflected forms
  (Erdoğan'ın, Erdoğans, Støres) meet.
"""

from __future__ import annotations

import re

from babeltext.case import fold

NAME_PREFIX = 6

# Capitalised in some languages but names of nothing: months and weekdays (every dateline has them).
_CALENDAR = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "januar februar mars april mai juni juli august september oktober november desember "
    "mandag tirsdag onsdag torsdag fredag lordag sondag "
    "januari februari maart mei augustus maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik "
    "pazartesi sali carsamba persembe cuma cumartesi pazar "
    "januar februar marz mai oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag".split()
)

# Only words that can be anchors: a capital letter or a digit first (after opening quotes, brackets, currency).
_CANDIDATE = re.compile(r"(?<!\S)[\"'“‘«(\[{$€£₺]*[\dA-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ]\S*")
_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d+(?:[.,]\d+)?$")
_CODE = re.compile(r"^(?=.*\d)(?=.*[^\W\d_])[\w\-]+$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def anchors(text: str, lang: str | None = None) -> frozenset[str]:
    """The typed, folded anchors of a text (see the module docstring)."""
    found: set[str] = set()
    for match in _CANDIDATE.finditer(text):
        word = match.group().strip("\"'“”‘’«»()[]{}$€£₺%")
        core = re.split(r"['’]", word.rstrip(".,:;!?…%"), maxsplit=1)[0]
        head = core.split("-", 1)[0]
        if head != core and _NUMBER.match(head):
            core = head  # 1,500-strong, 2,5-milyar
        if core:
            anchor = _anchor(core, _starts_sentence(text, match.start()), lang)
            if anchor:
                found.add(anchor)
    return frozenset(found)


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` opens the text, a line or a sentence (its capital says nothing then)."""
    before = text[max(0, at - 3) : at].rstrip(" \t")
    return not before or before[-1] in "\n.!?:;»”\"-–—"


def _anchor(word: str, sentence_start: bool, lang: str | None) -> str | None:
    if _NUMBER.match(word):
        return _number(word)
    if _CODE.match(word):
        return "c:" + fold(word, lang).replace("-", "")
    letters = word.replace("-", "")
    if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6:
        return "a:" + fold(letters, lang)
    if not sentence_start and word[:1].isupper() and len(word) >= 3 and word.replace("-", "").isalpha():
        folded = fold(word, lang)
        return None if folded in _CALENDAR else "w:" + folded[:NAME_PREFIX]
    return None


def _number(word: str) -> str | None:
    if re.match(r"^\d{1,3}(?:[.,]\d{3})+$", word):
        digits = re.sub(r"[.,]", "", word)
    elif re.match(r"^\d+[.,]\d+$", word):
        whole, fraction = re.split(r"[.,]", word)
        if len(whole) <= 2 and len(fraction) == 2 and int(whole) < 24 and int(fraction) < 60 and ":" not in word:
            return None  # 09.15, 14,30: more often a time or a date than a figure
        digits = f"{int(whole)}.{fraction.rstrip('0') or '0'}"
    else:
        digits = str(int(word))
    if len(digits.split(".")[0]) < 2 and "." not in digits or _YEAR.match(digits):
        return None
    return "n:" + digits
