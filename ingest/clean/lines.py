"""Plain-text lines judged in context: where the article's prose runs, and what sits inside it.

A rule sees one line; this module sees the page. The article is the run of
lines with the most running text, where running text is measured by length
and by stop-word density (jusText's stoplists for tr, nl, nb, en and de: body
prose is dense in "the", "og", "ve", "und", menus and teasers are not).
Prose split off by a widget (a "Most read" box in mid-article) still belongs
to it. Inside the article, a run of headline-shaped lines is a teaser list,
and a short line wedged between widget lines is part of the widget.
"""

from __future__ import annotations

import collections
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)\]]$")
_WORD = re.compile(r"\w+")

_STOPLISTS = {"tr": "Turkish", "nl": "Dutch", "nb": "Norwegian_Bokmal", "en": "English", "de": "German"}


@dataclass
class Line:
    """One non-blank input line; `chrome` once a rule or the context has removed it, with its reason."""

    number: int
    raw: str
    text: str
    chrome: bool = False
    reason: str | None = None

    @property
    def is_paragraph(self) -> bool:
        return looks_like_paragraph(self.text)


def looks_like_paragraph(text: str) -> bool:
    """Prose ends like a sentence, or runs long in sentence case; headlines do neither."""
    if _SENTENCE_END.search(text):
        return True
    return len(text) >= 150 and not title_case(text)


def title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) / len(words) >= 0.6


@functools.cache
def stoplist(lang: str) -> frozenset[str]:
    """jusText's stoplist (empty for a language babelwire has none for), read from its package data
    without importing jusText (and lxml) into text-only runs."""
    if lang not in _STOPLISTS:
        return frozenset()
    folder = Path(importlib.util.find_spec("justext").submodule_search_locations[0]) / "stoplists"
    text = (folder / f"{_STOPLISTS[lang]}.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip())


def page_stoplist(lines: list[Line]) -> frozenset[str]:
    """The stoplist (of tr, nl, nb, en, de) that covers most of the page's words."""
    words = collections.Counter(w for line in lines[:400] for w in _WORD.findall(line.text.casefold()))
    return max((stoplist(lang) for lang in _STOPLISTS), key=lambda stop: sum(n for w, n in words.items() if w in stop))


def density(text: str, stoplist: frozenset[str]) -> float:
    """Share of a line's words that are stop words (jusText's measure of running text)."""
    words = _WORD.findall(text.casefold())
    return sum(w in stoplist for w in words) / len(words) if words else 0.0


# Weights for finding the article: prose counts by its length, everything
# else against it, so the best-scoring run of lines is the body.
_CHROME_WEIGHT = -25
_SHORT_WEIGHT = -40
_HEADING_WEIGHT = -10
# One long line (a legal footer, an author box) must not outweigh an
# article written in short paragraphs.
_MAX_PROSE_WEIGHT = 400
# A prose line shorter than this counts against the article: blurbs in
# footers are one short sentence, article paragraphs are longer.
_PROSE_BASELINE = 50
# jusText's threshold: below this stop-word density a line is not running text.
_LOW_DENSITY = 0.15


@dataclass
class Article:
    """Where the article is: first and last line index, widget lines inside it, and how sure we are."""

    start: int | None
    end: int | None
    gaps: frozenset[int] = frozenset()
    low_confidence: bool = False


def find_article(lines: list[Line], stoplist: frozenset[str]) -> Article:
    """The best-scoring run of lines (maximum-sum subarray), widened by prose split off by widgets."""
    weights = [_weight(lines, i, stoplist) for i in range(len(lines))]
    best, span, total, start = 0, (None, None), 0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0, i
        total += weights[i]
        if total > best and not line.chrome:
            best, span = total, (start, i)
    start, end = span
    if start is None:
        return Article(None, None, low_confidence=True)
    while lines[start].chrome:
        start += 1
    start, end = _widen(lines, start, end)
    gaps: set[int] = set()
    end = _attach(lines, end, 1, gaps, stoplist)
    start = _attach(lines, start, -1, gaps, stoplist)
    return Article(start, end, frozenset(gaps), _unsure(lines, start, end, gaps, stoplist))


def _weight(lines: list[Line], i: int, stoplist: frozenset[str]) -> int:
    line = lines[i]
    if line.chrome:
        return _CHROME_WEIGHT
    if line.is_paragraph:
        weight = min(len(line.text), _MAX_PROSE_WEIGHT) - _PROSE_BASELINE
        if weight > 0 and density(line.text, stoplist) < _LOW_DENSITY:
            weight //= 2
        return weight
    return _HEADING_WEIGHT if _heads_prose(lines, i) else _SHORT_WEIGHT


def _heads_prose(lines: list[Line], i: int) -> bool:
    """A short line followed by prose: a heading or a title."""
    return i + 1 < len(lines) and not lines[i + 1].chrome and lines[i + 1].is_paragraph


def _widen(lines: list[Line], start: int, end: int) -> tuple[int, int]:
    """When in doubt, keep: prose right next to the article belongs to it, and so does a heading over it."""
    while start > 0 and not lines[start - 1].chrome and lines[start - 1].is_paragraph:
        start -= 1
    while end + 1 < len(lines) and not lines[end + 1].chrome:
        if lines[end + 1].is_paragraph:
            end += 1
        elif _heads_prose(lines, end + 1):
            end += 2
        else:
            break
    return start, end


# Prose beyond a widget is the article's when it is a run of at least this
# many sentence lines, this close, as dense in stop words as the article.
_ATTACH_RUN = 3
_ATTACH_GAP = 25
_ATTACH_DENSITY = 0.8
# Past these, whatever follows is the site's, not the article's.
_BARRIERS = {"comments", "copyright", "cookie", "legal"}


def _attach(lines: list[Line], edge: int, step: int, gaps: set[int], stoplist: frozenset[str]) -> int:
    """Move the article's edge over widgets to a further run of article prose; record the lines skipped."""
    article_density = _mean_density(lines, range(min(edge, edge - step * 20), max(edge, edge - step * 20) + 1), stoplist)
    while True:
        i, skipped = edge + step, []
        while 0 <= i < len(lines) and len(skipped) <= _ATTACH_GAP:
            if lines[i].reason in _BARRIERS:
                return edge
            if not lines[i].chrome and lines[i].is_paragraph:
                break
            skipped.append(i)
            i += step
        run = []
        while 0 <= i < len(lines) and not lines[i].chrome and lines[i].is_paragraph:
            run.append(i)
            i += step
        words = sum(len(lines[j].text.split()) for j in run)
        if (len(run) < _ATTACH_RUN or len(skipped) > _ATTACH_GAP or words < 40
                or _mean_density(lines, run, stoplist) < _ATTACH_DENSITY * article_density):
            return edge
        gaps.update(j for j in skipped if not lines[j].chrome)
        edge = run[-1]


def _mean_density(lines: list[Line], indices, stoplist: frozenset[str]) -> float:
    text = " ".join(lines[i].text for i in indices if 0 <= i < len(lines) and not lines[i].chrome and lines[i].is_paragraph)
    return density(text, stoplist)


# An article with less running text than this is not one we can vouch for.
_MIN_WORDS = 60
_MIN_PARAGRAPHS = 2


def _unsure(lines: list[Line], start: int, end: int, gaps: set[int], stoplist: frozenset[str]) -> bool:
    """Too little prose, or prose that is not running text (a footer, a list of teasers)."""
    prose = [i for i in range(start, end + 1) if i not in gaps and not lines[i].chrome and lines[i].is_paragraph]
    words = sum(len(lines[i].text.split()) for i in prose)
    return len(prose) < _MIN_PARAGRAPHS or words < _MIN_WORDS or _mean_density(lines, prose, stoplist) < _LOW_DENSITY


# Teaser lists inside the article: this many headline-shaped lines in a row,
# of at least this many words on average (section headings are shorter).
_TEASER_RUN = 3
_TEASER_WORDS = 6
# Widget reasons that a short line between two of them takes on.
_WIDGETS = {"subscribe", "share", "legal", "cookie", "comments", "related", "navigation", "video", "advertisement",
            "timestamp", "date"}
# A headline-length line in capitals inside the article shouts a link to another story.
_SHOUT_WORDS = 8
_SHORT = 120


def in_context(lines: list[Line], article: Article) -> dict[int, str]:
    """Lines inside the article that their neighbours show to be chrome: index -> reason."""
    found: dict[int, str] = {}
    run: list[int] = []
    for i in range(article.start, article.end + 2):
        headline = i <= article.end and not lines[i].chrome and not lines[i].is_paragraph and i not in article.gaps
        if headline:
            run.append(i)
            if _shouting(lines[i].text):
                found[i] = "related"
            continue
        if len(run) >= _TEASER_RUN and sum(len(lines[j].text.split()) for j in run) / len(run) >= _TEASER_WORDS:
            found.update((j, "related") for j in run)
        run = []
    for i in range(max(article.start, 1), min(article.end, len(lines) - 2) + 1):
        line, before, after = lines[i], lines[i - 1], lines[i + 1]
        if (not line.chrome and i not in found and len(line.text) < _SHORT and not line.text.endswith("?")
                and before.reason in _WIDGETS and after.reason in _WIDGETS):
            found[i] = before.reason
    return found


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= _SHOUT_WORDS and not text.endswith("?") and all(c.isupper() for c in letters)
