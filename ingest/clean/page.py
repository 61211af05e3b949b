"""An HTML page's visible text, one line per block element, with how much of each line is link text.

Extraction compares its article with these lines: what it left out goes to
`removed`, a line that is all link text is a list of links (related stories,
tag clouds, teasers), and the page's running text says whether the article
found is a teaser or the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table", "blockquote", "figure",
    "figcaption", "form", "dd", "dt", "title", "option", "button", "label", "pre", "hr",
}
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "head")
# libxml2 drops whatever follows </html>; without the end tags it lands at the end of <body>.
_LATE_END = re.compile(r"</html\s*>(?:\s|<!--.*?-->)*[^\s<]|</html\s*>(?:\s|<!--.*?-->)*<(?!!--)", re.I | re.S)
_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]?$")
RUNNING_WORDS = 12


@dataclass(frozen=True)
class Line:
    """One visible line of a page and the share of its characters inside links (0 to 1)."""

    text: str
    linked: float

    def running(self) -> bool:
        """A sentence of running text: long enough and ending like one."""
        return len(self.text.split()) >= RUNNING_WORDS and bool(_SENTENCE_END.search(self.text))


def keep_late_text(html: str) -> str:
    """The page with text written after `</html>` moved inside it, so that no parser drops it."""
    if not _LATE_END.search(html):
        return html
    return _END_TAGS.sub("", html)


def lines(html: str) -> list[Line]:
    """The page's visible text, one line per block element, with its link share."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return []
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE_TAGS)):
        bad.drop_tree()
    chunks = _chunks(tree)
    out: list[Line] = []
    text: list[str] = []
    linked = total = 0
    for chunk, in_link in chunks + [("\n", False)]:
        if chunk == "\n":
            line = " ".join("".join(text).split())
            if line:
                out.append(Line(line, linked / total if total else 0.0))
            text, linked, total = [], 0, 0
            continue
        text.append(chunk)
        size = len(chunk.strip())
        total += size
        linked += size if in_link else 0
    return out


def _chunks(tree) -> list[tuple[str, bool]]:
    """Text chunks in document order with whether each is link text; "\n" where a block starts or ends.
    Iterative: a page can nest elements deeper than Python's recursion limit."""
    from lxml import etree

    chunks: list[tuple[str, bool]] = []
    links = 0  # open <a> elements around the current position
    for event, element in etree.iterwalk(tree, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):  # not shown; the text after it is
            if element.tail:
                chunks.append((element.tail, links > 0))
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                chunks.append(("\n", False))
            links += tag == "a"
            if element.text:
                chunks.append((element.text, links > 0))
            continue
        links -= tag == "a"
        if tag in _BLOCK_TAGS:
            chunks.append(("\n", False))
        if element.tail:
            chunks.append((element.tail, links > 0))
    return chunks
