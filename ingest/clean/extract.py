"""HTML pages: main text and metadata through trafilatura.

What trafilatura leaves out of the main text is kept too: every visible text
line of the page that is not in the article goes to `removed`.
"""

from __future__ import annotations

import logging
import re

from ingest.errors import InputError

from . import chrome
from .text import Block, Cleaned, Removed, line_key

log = logging.getLogger(__name__)

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<\?xml[^>]*>\s*)?(<!doctype\s+html|<html|<head|<body)", re.I | re.S)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table", "blockquote", "figure",
    "figcaption", "form", "dd", "dt", "title", "option", "button", "label", "pre", "hr",
}
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "head")


def looks_like_html(text: str, name: str = "") -> bool:
    """HTML by file extension or by how the document starts."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_START.match(text[:2048]))


def extract_html(html: str, name: str, url: str | None = None) -> Cleaned:
    """Main text, title, author, date, site name and category of an HTML page."""
    import trafilatura  # heavy import, only when a page comes in

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
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
    blocks = _blocks(doc)
    title_key = line_key(out.title or "")
    out.blocks = [b for b in blocks if line_key(b.text) != title_key]
    out.removed = [Removed(b.text, "duplicate-title") for b in blocks if line_key(b.text) == title_key]
    out.removed += _left_out(html, out)
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
            text = " ".join("".join(element.itertext()).split())
            if text:
                blocks.append(Block("heading" if element.tag == "head" else "paragraph", text))
    elif doc.text:
        blocks = [Block("paragraph", p.strip()) for p in doc.text.split("\n") if p.strip()]
    return blocks


def visible_lines(html: str) -> list[str]:
    """The page's visible text, one line per block element."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return []
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE_TAGS)):
        bad.drop_tree()
    chunks: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCK_TAGS:
            chunks.append("\n")
        if element.text:
            chunks.append(element.text)
        if element.tail:
            chunks.append(("\n" if element.tag in _BLOCK_TAGS else "") + element.tail)
    lines = (" ".join(line.split()) for line in "".join(chunks).split("\n"))
    return [line for line in lines if line]


def _left_out(html: str, out: Cleaned) -> list[Removed]:
    """Visible lines that are neither body nor title: what extraction removed."""
    kept = {line_key(b.text) for b in out.blocks}
    body_key = line_key(out.text)
    title_key = line_key(out.title or "")
    removed, seen = [], set()
    for line in visible_lines(html):
        key = line_key(line)
        if not key or key in kept or key == title_key or key in seen:
            continue
        seen.add(key)
        if len(key) > 20 and key in body_key:
            continue
        found = chrome.classify(chrome.strip_bullet(line) or line)
        removed.append(Removed(line, found.reason if found else "not-main-content"))
    return removed
