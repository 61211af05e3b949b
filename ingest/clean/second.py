"""Second opinions on the article trafilatura found: trafilatura with its own
fallback extractors, and readability-lxml.

Asked only when the page itself gives reason to doubt trafilatura's article
(so that most pages cost one fast extraction): when the article is a teaser,
a small part of the page's running text, or when it is several times all of
the page's running text (menus, lists and link blocks taken for the
article). readability-lxml is asked first, trafilatura with its fallbacks
only if readability-lxml does not disagree the same way; the first article
that does is taken: longer than twice trafilatura's for a teaser, under half
of it for a bloated one. trafilatura stays the source of the metadata.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .page import Line, lines as page_lines
from .text import Block

log = logging.getLogger(__name__)

# trafilatura's article is doubted under this share of the page's running text (a teaser) ...
TEASER = 1 / 3
# ... or over this many times the page's running text (most of the page taken for the article);
BLOATED = 5.0
# the second engine's article is taken when it is this much longer, resp. shorter.
LONGER = 2.0
SHORTER = 0.5


def _words(texts) -> int:
    return sum(len(text.split()) for text in texts)


def doubt(blocks: list[Block], lines: list[Line]) -> str | None:
    """Why trafilatura's article is in doubt ("teaser", "bloated"), or None."""
    found = _words(b.text for b in blocks)
    running = _words(line.text for line in lines if line.running())
    if running and found < TEASER * running:
        return "teaser"
    if found > BLOATED * max(running, 1) and found >= 100:
        return "bloated"
    return None


def readability_blocks(html: str) -> list[Block]:
    """The article as readability-lxml finds it, one block per visible line."""
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return [Block("paragraph", line.text) for line in page_lines(summary)]


def opinion(html: str, blocks: list[Block], lines: list[Line], name: str,
            fallback: Callable[[], list[Block]]) -> list[Block]:
    """trafilatura's blocks, or a second engine's where the page says trafilatura missed.
    `fallback` is trafilatura's article with its own fallback extractors."""
    why = doubt(blocks, lines)
    if why is None:
        return blocks
    found = _words(b.text for b in blocks)
    # readability-lxml first: it costs a third of trafilatura with its fallbacks, which runs only if it disagrees.
    for engine, extract in (("readability-lxml", lambda: readability_blocks(html)), ("trafilatura with fallbacks", fallback)):
        try:
            other = extract()
        except Exception as exc:  # hostile markup: this engine has no opinion
            log.debug("%s: %s failed (%s: %s)", name, engine, type(exc).__name__, exc)
            continue
        words = _words(b.text for b in other)
        log.debug("%s: article in doubt (%s, %d words); %s has %d words", name, why, found, engine, words)
        if why == "teaser" and words > LONGER * found or why == "bloated" and 0 < words < SHORTER * found:
            log.debug("%s: %s's article taken", name, engine)
            return other
    return blocks
