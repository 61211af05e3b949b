"""Third pass of the plain-text cleaner: blocks judged in context, where the article's prose runs and what sits inside it.

A rule sees one block; this pass sees the page. The article is the run of
blocks with the most running text, where running text is measured by length
and by stop-word density (jusText's stoplists for tr, nl, nb, en and de: body
prose is dense in "the", "og", "ve", "und", menus and teasers are not).
Prose split off by a widget (a "Most read" box in mid-article) still belongs
to it. Inside the article, a run of headline-shaped blocks is a teaser list,
and a short block wedged between widgets is part of the widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from .block import Block
from .stopwords import density

# Weights for finding the article: prose counts by its length, everything
# else against it, so the best-scoring run of blocks is the body.
_CHROME_WEIGHT = -25
# Pictures, their captions and ads sit inside articles: they weigh little against them.
_FIGURE_WEIGHT = -5
_FIGURES = {"caption", "credit", "image", "counter", "markup", "advertisement"}
_SHORT_WEIGHT = -40
_HEADING_WEIGHT = -10
# One long block (a legal footer, an author box) must not outweigh an
# article written in short paragraphs.
_MAX_PROSE_WEIGHT = 400
# A prose block shorter than this counts against the article: blurbs in
# footers are one short sentence, article paragraphs are longer.
_PROSE_BASELINE = 50
# jusText's threshold: below this stop-word density a block is not running text.
_LOW_DENSITY = 0.15


@dataclass
class Article:
    """Where the article is: first and last block index, widget blocks inside it, and how sure we are."""

    start: int | None
    end: int | None
    gaps: frozenset[int] = frozenset()
    low_confidence: bool = False


def find_article(blocks: list[Block], stoplist: frozenset[str]) -> Article:
    """The best-scoring run of blocks (maximum-sum subarray), widened by prose split off by widgets."""
    weights = [_weight(blocks, i, stoplist) for i in range(len(blocks))]
    best, span, total, start = 0, (None, None), 0, 0
    for i, block in enumerate(blocks):
        if total <= 0:
            total, start = 0, i
        total += weights[i]
        if total > best and not block.chrome:
            best, span = total, (start, i)
    start, end = span
    if start is None:
        return Article(None, None, low_confidence=True)
    while blocks[start].chrome:
        start += 1
    start, end = _widen(blocks, start, end)
    gaps: set[int] = set()
    end = _attach(blocks, end, 1, gaps, stoplist)
    start = _attach(blocks, start, -1, gaps, stoplist)
    return Article(start, end, frozenset(gaps), _unsure(blocks, start, end, gaps, stoplist))


def _weight(blocks: list[Block], i: int, stoplist: frozenset[str]) -> int:
    block = blocks[i]
    if block.chrome:
        return _FIGURE_WEIGHT if block.reason in _FIGURES else _CHROME_WEIGHT
    if block.is_paragraph:
        weight = min(len(block.text), _MAX_PROSE_WEIGHT) - _PROSE_BASELINE
        if weight > 0 and density(block.text, stoplist) < _LOW_DENSITY:
            weight //= 2
        return weight
    return _HEADING_WEIGHT if _heads_prose(blocks, i) else _SHORT_WEIGHT


def _heads_prose(blocks: list[Block], i: int) -> bool:
    """A short block followed by prose: a heading or a title."""
    return i + 1 < len(blocks) and not blocks[i + 1].chrome and blocks[i + 1].is_paragraph


def _widen(blocks: list[Block], start: int, end: int) -> tuple[int, int]:
    """When in doubt, keep: prose right next to the article belongs to it, and so does a heading over it."""
    while start > 0 and not blocks[start - 1].chrome and blocks[start - 1].is_paragraph:
        start -= 1
    while end + 1 < len(blocks) and not blocks[end + 1].chrome:
        if blocks[end + 1].is_paragraph:
            end += 1
        elif _heads_prose(blocks, end + 1):
            end += 2
        else:
            break
    return start, end


# Prose beyond a widget is the article's when it is a run of at least this
# many sentence blocks, this close, as dense in stop words as the article.
_ATTACH_RUN = 3
_ATTACH_GAP = 25
_ATTACH_DENSITY = 0.8
# Past these, whatever follows is the site's, not the article's.
_BARRIERS = {"comments", "copyright", "cookie", "legal"}


def _attach(blocks: list[Block], edge: int, step: int, gaps: set[int], stoplist: frozenset[str]) -> int:
    """Move the article's edge over widgets to a further run of article prose; record the blocks skipped."""
    article_density = _mean_density(blocks, range(min(edge, edge - step * 20), max(edge, edge - step * 20) + 1), stoplist)
    while True:
        i, skipped = edge + step, []
        while 0 <= i < len(blocks) and len(skipped) <= _ATTACH_GAP:
            if blocks[i].reason in _BARRIERS:
                return edge
            if not blocks[i].chrome and blocks[i].is_paragraph:
                break
            skipped.append(i)
            i += step
        run = []
        while 0 <= i < len(blocks) and not blocks[i].chrome and blocks[i].is_paragraph:
            run.append(i)
            i += step
        words = sum(len(blocks[j].text.split()) for j in run)
        if (len(run) < _ATTACH_RUN or len(skipped) > _ATTACH_GAP or words < 40
                or _mean_density(blocks, run, stoplist) < _ATTACH_DENSITY * article_density):
            return edge
        gaps.update(j for j in skipped if not blocks[j].chrome)
        edge = run[-1]


def _mean_density(blocks: list[Block], indices, stoplist: frozenset[str]) -> float:
    text = " ".join(blocks[i].text for i in indices if 0 <= i < len(blocks) and not blocks[i].chrome and blocks[i].is_paragraph)
    return density(text, stoplist)


# An article with less running text than this is not one we can vouch for.
_MIN_WORDS = 60
_MIN_PARAGRAPHS = 2


def _unsure(blocks: list[Block], start: int, end: int, gaps: set[int], stoplist: frozenset[str]) -> bool:
    """Too little prose, or prose that is not running text (a footer, a list of teasers)."""
    prose = [i for i in range(start, end + 1) if i not in gaps and not blocks[i].chrome and blocks[i].is_paragraph]
    words = sum(len(blocks[i].text.split()) for i in prose)
    return len(prose) < _MIN_PARAGRAPHS or words < _MIN_WORDS or _mean_density(blocks, prose, stoplist) < _LOW_DENSITY


# Teaser lists inside the article: this many headline-shaped blocks in a row,
# of at least this many words on average (section headings are shorter).
_TEASER_RUN = 3
_TEASER_WORDS = 6
# Widget reasons that a short block between two of them takes on.
_WIDGETS = {"subscribe", "share", "legal", "cookie", "comments", "related", "navigation", "video", "advertisement",
            "timestamp", "date"}
# A headline-length block in capitals inside the article shouts a link to another story.
_SHOUT_WORDS = 8
_SHORT = 120


def in_context(blocks: list[Block], article: Article) -> dict[int, str]:
    """Blocks inside the article that their neighbours show to be chrome: index -> reason."""
    found: dict[int, str] = {}
    run: list[int] = []
    for i in range(article.start, article.end + 2):
        headline = i <= article.end and not blocks[i].chrome and not blocks[i].is_paragraph and i not in article.gaps
        if headline:
            run.append(i)
            if _shouting(blocks[i].text):
                found[i] = "related"
            continue
        if len(run) >= _TEASER_RUN and sum(len(blocks[j].text.split()) for j in run) / len(run) >= _TEASER_WORDS:
            found.update((j, "related") for j in run)
        run = []
    for i in range(max(article.start, 1), min(article.end, len(blocks) - 2) + 1):
        block, before, after = blocks[i], blocks[i - 1], blocks[i + 1]
        if (not block.chrome and i not in found and len(block.text) < _SHORT and not block.text.endswith("?")
                and before.reason in _WIDGETS and after.reason in _WIDGETS):
            found[i] = before.reason
    return found


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= _SHOUT_WORDS and not text.endswith("?") and all(c.isupper() for c in letters)
