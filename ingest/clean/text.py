"""The plain-text cleaner: an article separated from the site and blog chrome around it.

A scrape goes through five passes, each a module of its own:

1. `shape`: the tool's lines turned back into blocks (wrapping, fragments, Markdown and browser markup undone);
2. `rules`: blocks that are chrome by their own form, and the dates and bylines they carry;
3. `context`: where the article runs, and the widgets inside it;
4. `title`: the title, and what stands above the article;
5. here: the article's blocks kept as headings and paragraphs, repeats and what lies outside removed.

Nothing is dropped silently: every removed block is kept in `Cleaned.removed`
under the input line it starts on.
"""

from __future__ import annotations

import logging

from . import context, rules, shape, title
from .block import Block, Cleaned, Removed, line_key
from .stopwords import page_stoplist

__all__ = ["Block", "Cleaned", "Removed", "clean_text", "line_key"]

log = logging.getLogger(__name__)


def clean_text(text: str) -> Cleaned:
    """Clean a plain-text scrape into title, body blocks, removed lines and metadata."""
    out = Cleaned()
    page, blocks = shape.read_blocks(text)
    log.debug("scrape shape: %s, %d blocks", page.name, len(blocks))
    rules.mark(blocks, out)
    article = context.find_article(blocks, page_stoplist([b.text for b in blocks]))
    out.low_confidence = article.low_confidence
    seen: set[str] = set()
    if article.start is None:
        for block in blocks:
            if not block.chrome:
                _keep(out, block, "paragraph", seen)
        out.removed.sort(key=lambda r: r.line or 0)
        return out
    start, end = article.start, article.end
    for i, reason in context.in_context(blocks, article).items():
        out.remove(blocks[i], reason)
    for block, kind in title.read_header(blocks[:start], out):
        _keep(out, block, kind, seen)
    for i in range(start, end + 1):
        block = blocks[i]
        if i in article.gaps and not block.chrome:
            out.remove(block, "related")
        elif not block.chrome:
            _keep(out, block, "paragraph" if block.is_paragraph else "heading", seen)
    for block in blocks[end + 1 :]:
        if not block.chrome:
            # Headline-shaped blocks after the article are links to other
            # posts; prose there is a teaser, a footer or a cookie notice.
            out.remove(block, "outside-article" if block.is_paragraph else "related")
    out.removed.sort(key=lambda r: r.line or 0)
    return out


def _keep(out: Cleaned, block: Block, kind: str, seen: set[str]) -> None:
    """Add a block to the body unless it repeats the title or a kept block (`seen`: their keys)."""
    key = line_key(block.text)
    if out.title and key == line_key(out.title):
        out.remove(block, "duplicate-title")
    elif key and key in seen:
        out.remove(block, "duplicate")
    else:
        block.kind = kind
        out.blocks.append(block)
        seen.add(key)
