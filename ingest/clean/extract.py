"""HTML pages: main text and metadata through trafilatura.

trafilatura finds the article and its metadata; babelwire asks a second
engine (readability-lxml) when the article found is a teaser or most of the
page (see `second.py`), mends it against the page's own lines (embedded posts
and lost paragraphs put back, hover cards and what follows the article taken
out: `mend.py`), then takes out of it the lines that are all link text and the
chrome lines at its edges. What is left out of the main text is kept too:
every visible text line of the page that is not in the article goes to
`removed`.
"""

from __future__ import annotations

import logging
import re

from ingest.errors import InputError

from . import chrome, mend, page, second
from .text import Block, Cleaned, Removed, line_key

log = logging.getLogger(__name__)

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<\?xml[^>]*>\s*)?(<!doctype\s+html|<html|<head|<body)", re.I | re.S)
# A line of the article that is this much link text, in the page, is a list of links, not prose.
LINK_LIST_SHARE = 0.8
LINK_LIST_WORDS = 3


def looks_like_html(text: str, name: str = "") -> bool:
    """HTML by file extension or by how the document starts."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_START.match(text[:2048]))


def extract_html(html: str, name: str, url: str | None = None) -> Cleaned:
    """Main text, title, author, date, site name and category of an HTML page."""
    import trafilatura  # heavy import, only when a page comes in

    html = page.keep_late_text(html)
    options = {"url": url, "include_comments": False, "include_tables": True}
    try:
        # fast: trafilatura's own fallback extractors run only when babelwire doubts the article (second.py).
        doc = trafilatura.bare_extraction(html, with_metadata=True, fast=True, **options)
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        raise InputError(name, "clean", f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    out = Cleaned()
    if doc is None:
        raise InputError(name, "clean", "no article text found in the HTML page")
    out.title = doc.title or None
    out.author = doc.author or None
    out.sitename = doc.sitename or doc.hostname or None
    if doc.categories:
        out.category = ", ".join(doc.categories) if isinstance(doc.categories, list) else str(doc.categories)
    if doc.date and not _year_only(doc.date, html):
        out.add_date(doc.date, doc.date, "published")
    seen = page.read(html)
    lines = seen.lines

    def fallback() -> list[Block]:
        again = trafilatura.bare_extraction(html, with_metadata=False, fast=False, **options)
        return _blocks(again) if again is not None else []

    blocks = second.opinion(html, _blocks(doc), lines, name, fallback)
    blocks, cards = mend.without_cards(blocks, seen.cards)
    blocks, after = mend.after_the_article(mend.put_back(blocks, lines), lines)
    out.removed += cards + after
    title_key = line_key(out.title or "")
    linked = {line.key: line.linked for line in lines}
    for block in blocks:
        key = line_key(block.text)
        if key == title_key:
            out.removed.append(Removed(block.text, "duplicate-title"))
        elif linked.get(key, 0.0) >= LINK_LIST_SHARE and len(block.text.split()) >= LINK_LIST_WORDS:
            out.removed.append(Removed(block.text, "link-list"))
        else:
            out.blocks.append(block)
    out.removed += _chrome_at_edges(out)
    out.removed += _left_out(lines, out)
    return out


def _year_only(value: str, html: str) -> bool:
    """trafilatura's January 1st when the page gives only a year (a copyright line): not a publication date."""
    if not value.endswith("-01-01"):
        return False
    year = value[:4]
    written = (f"{year}-01-01", f"{year}/01/01", f"01.01.{year}", f"01/01/{year}", f"1.1.{year}")
    return not any(form in html for form in written) and not re.search(
        rf"\b(0?1(st)?\.?\s+(jan\w*|ocak|januar\w*)|(jan\w*|ocak)\.?\s+0?1(st)?,?)\s+{year}", html, re.I
    )


def _blocks(doc) -> list[Block]:
    blocks: list[Block] = []
    body = doc.body
    if body is not None and len(body):
        for element in body:
            kind = "heading" if element.tag == "head" else "paragraph"
            blocks += [Block(kind, line) for line in _lines(element)]
    elif doc.text:
        blocks = [Block("paragraph", p.strip()) for p in doc.text.split("\n") if p.strip()]
    return blocks


# trafilatura's output elements that start a line of their own (a list item, a
# table row, a line break), as its own text output starts them; cells of a row
# stay on one line.
_LINE_TAGS = {"p", "head", "item", "row", "quote", "list", "table", "lb", "code", "div"}
_EDGE_BARS = re.compile(r"^\|\s*|\s*\|$")
# Chrome reasons that may open an article and still belong to it: a dateline's agency, a caption.
KEEP_AT_EDGES = frozenset({"agency", "caption", "credit", "embed"})


def _lines(element) -> list[str]:
    """The text lines of one element of trafilatura's output: list items, table rows and
    line breaks on lines of their own (cells of a row joined by " | "), so that no two
    words are glued together. Iterative: hostile markup nests deeper than the recursion limit."""
    from lxml import etree

    lines: list[list[str]] = [[]]
    cells = 0  # open <cell> elements: a cell's paragraphs stay on the row's line
    for event, node in etree.iterwalk(element, events=("start", "end")):
        breaks = node.tag in _LINE_TAGS and not cells
        if event == "start":
            if breaks and lines[-1]:
                lines.append([])
            if node.tag == "cell":
                lines[-1].append(" | " if node.getprevious() is not None else " ")
            elif cells and node.tag in _LINE_TAGS:
                lines[-1].append(" ")
            cells += node.tag == "cell"
            lines[-1].append(node.text or "")
            continue
        cells -= node.tag == "cell"
        if breaks and lines[-1]:
            lines.append([])
        lines[-1].append(node.tail or "")  # the element's own tail too: trafilatura keeps loose text there
    text = (" ".join("".join(parts).split()) for parts in lines)
    return [_EDGE_BARS.sub("", line) for line in text if line.strip(" |")]


def _chrome_at_edges(out: Cleaned) -> list[Removed]:
    """Chrome lines (share bars, newsletter boxes, bylines, ...) that open or close the article:
    taken off its ends by the plain-text cleaner's line rules, never from its middle."""
    removed: list[Removed] = []
    for end in (-1, 0):
        while len(out.blocks) > 1:
            text = out.blocks[end].text
            found = chrome.classify(chrome.strip_bullet(text) or text)
            if found is None or found.reason in KEEP_AT_EDGES:
                break
            removed.append(Removed(out.blocks.pop(end).text, found.reason))
    return removed


def _left_out(lines: list[page.Line], out: Cleaned) -> list[Removed]:
    """Visible lines that are neither body nor title nor removed already: what extraction left out."""
    kept = {line_key(part) for b in out.blocks for part in [b.text, *b.text.split(" | ")]}  # a row, and its cells
    body_key = line_key(out.text)
    title_key = line_key(out.title or "")
    removed, seen = [], {line_key(r.text) for r in out.removed}
    for line in lines:
        key = line.key
        if not key or key in kept or key == title_key or key in seen:
            continue
        seen.add(key)
        if len(key) > 20 and key in body_key:
            continue
        found = chrome.classify(chrome.strip_bullet(line.text) or line.text)
        removed.append(Removed(line.text, found.reason if found else "not-main-content"))
    return removed
