"""Language of a document and of each of its segments, with langdetect.

langdetect is made deterministic (a fixed seed; `detector.py` runs its
arithmetic in numpy, same answers), weighted towards the languages the user expects, and only trusted where it
can be: a segment too short to judge inherits the document's language, and
the record says so. Norwegian comes out as `nb` (Argos's code), never `no`.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass

from babeltext.case import lower

from .detector import Detector, profiles

log = logging.getLogger(__name__)

# langdetect's codes that babelwire (and Argos) spell differently.
_TO_ARGOS = {"no": "nb", "zh-cn": "zh", "zh-tw": "zt"}
_FROM_ARGOS = {v: k for k, v in _TO_ARGOS.items()}
_OTHER_PRIOR = 0.05
_MIN_LETTERS = 12
_SHORT = 40
_LETTERS = re.compile(r"[^\W\d_]", re.U)
# Languages langdetect confuses with an expected one. On short text it cannot
# tell them apart; on longer text marker words decide.
SIBLINGS = {"da": "nb", "nn": "nb", "sv": "nb", "af": "nl"}
_MARKERS = {
    "nb": ("av etter ble noen hva seg meg deg oss litt mye kanskje nå ikkje hvordan fra", "af efter blev nogle hvad sig mig dig os lidt meget måske nu ikke hvorledes fra"),
    "nl": ("de het een niet zijn wordt werd met voor naar ook", "die 'n nie is word was met vir na ook"),
}
_SHORT_SIBLING = 150
# Detections remembered per process: a paragraph votes for the document's
# language and is then a segment, and boilerplate repeats across pages.
_MEMO_SIZE = 4096
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|'n", re.U)


@dataclass(frozen=True)
class Guess:
    """A language, how sure babelwire is of it, and how it was reached."""

    lang: str
    confidence: float
    method: str  # "detected" | "inherited" | "hinted" (a source's language hint, for a document)


def _markers_favour(expected: str, text: str) -> bool:
    """True when more marker words of `expected` than of its sibling occur in the text."""
    own, other = (set(words.split()) for words in _MARKERS.get(expected, ("", "")))
    words = [w.lower() for w in _WORDS.findall(text)]
    return sum(w in own for w in words) > sum(w in other for w in words)


class LanguageIdentifier:
    """Detects languages, favouring `expected` (Argos codes, e.g. tr nl nb en de)."""

    def __init__(self, expected: tuple[str, ...]):
        self._profiles = profiles()
        wanted = {_FROM_ARGOS.get(code, code) for code in expected}
        self._prior = {lang: (1.0 if lang in wanted else _OTHER_PRIOR) for lang in self._profiles.factory.get_lang_list()}
        self._memo: OrderedDict[str, dict[str, float]] = OrderedDict()

    def probabilities(self, text: str) -> dict[str, float]:
        """Language probabilities (Argos codes), weighted by the priors; empty when too short."""
        if len(_LETTERS.findall(text)) < _MIN_LETTERS:
            return {}
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = self._detect(text)
            if len(self._memo) > _MEMO_SIZE:
                self._memo.popitem(last=False)
        return found

    def _detect(self, text: str) -> dict[str, float]:
        from langdetect.lang_detect_exception import LangDetectException

        if text.isupper():
            # langdetect's profiles are lower-case text; headlines in capitals fool it.
            text = lower(text)
        detector = Detector(self._profiles)
        detector.set_prior_map(self._prior)
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except LangDetectException:
            return {}
        weighted = {_TO_ARGOS.get(p.lang, p.lang): p.prob * self._prior.get(p.lang, _OTHER_PRIOR) for p in found}
        weighted = self._fold_siblings(weighted, text)
        total = sum(weighted.values())
        return {lang: p / total for lang, p in weighted.items()} if total else {}

    def _fold_siblings(self, weighted: dict[str, float], text: str) -> dict[str, float]:
        """Give a close sibling's probability to the expected language when the text cannot tell them apart."""
        for sibling, expected in SIBLINGS.items():
            if sibling not in weighted or self._prior.get(_FROM_ARGOS.get(expected, expected)) != 1.0:
                continue
            if self._prior.get(sibling) == 1.0:
                continue  # the user expects both: trust langdetect
            if len(text) >= _SHORT_SIBLING and not _markers_favour(expected, text):
                continue
            weighted[expected] = weighted.get(expected, 0.0) + weighted.pop(sibling)
        return weighted

    def detect(self, text: str) -> tuple[str, float] | None:
        """Best language and its probability, or None when the text is too short to judge."""
        probabilities = self.probabilities(text)
        if not probabilities:
            return None
        lang = max(probabilities, key=probabilities.get)
        return lang, probabilities[lang]

    def document(self, texts: list[str]) -> Guess:
        """The language of a body: its paragraphs' languages weighted by length and confidence."""
        votes: dict[str, float] = {}
        for text in texts:
            found = self.detect(text)
            if found:
                votes[found[0]] = votes.get(found[0], 0.0) + len(text) * found[1]
        if not votes:
            found = self.detect(" ".join(texts))
            if not found:
                return Guess("und", 0.0, "detected")
            return Guess(found[0], round(found[1], 4), "detected")
        lang = max(votes, key=votes.get)
        return Guess(lang, round(votes[lang] / sum(votes.values()), 4), "detected")

    def segment(self, text: str, document: Guess) -> Guess:
        """A segment's language; too short or too unsure inherits the document's.

        A short segment overrules the document only for an expected language
        that langdetect is sure of and that leaves the document's no chance.
        """
        probabilities = self.probabilities(text)
        if probabilities:
            lang = max(probabilities, key=probabilities.get)
            prob = probabilities[lang]
            if prob >= 0.6 and (len(text) >= _SHORT or lang == document.lang):
                return Guess(lang, round(prob, 4), "detected")
            if prob >= 0.9 and self._prior.get(_FROM_ARGOS.get(lang, lang)) == 1.0 and probabilities.get(document.lang, 0.0) < 0.1:
                return Guess(lang, round(prob, 4), "detected")
        return Guess(document.lang, document.confidence, "inherited")
