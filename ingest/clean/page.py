"""An HTML page's visible text, one line per block element, with how much of each line is link
text, where in the page it sits and whether it is an embedded post or a caption.

Extraction compares its article with these lines: what it left out goes to
`removed`, a line that is all link text is a list of links (related stories,
tag clouds, teasers), the page's running text says whether the article found
is a teaser or the whole page, and `mend.py` puts back and takes out lines by
where they sit. Hover cards (headlines hidden after a link) are kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .block import line_key

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
# A hover card: at least this many links, this share of its characters link text.
CARD_LINKS = 3
CARD_LINK_SHARE = 0.9
# The class a social network's embed code gives the quoted post (Twitter/X, Instagram, TikTok, ...).
_EMBED_CLASS = re.compile(r"twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|text-post-media|fb-xfbml")


@dataclass(frozen=True)
class Line:
    """One visible line of a page, the share of its characters inside links (0 to 1), where it
    sits in the page (the serial numbers of the elements around it, outermost first) and what
    holds it: "embed" (a post embedded from a social network), "caption" (a figure's), or ""."""

    text: str
    linked: float
    path: tuple[int, ...] = ()
    role: str = ""

    @cached_property
    def key(self) -> str:
        """The line's comparison key (`line_key`), worked out once: extraction looks every line up several times."""
        return line_key(self.text)

    def running(self) -> bool:
        """A sentence of running text: long enough and ending like one."""
        return len(self.text.split()) >= RUNNING_WORDS and bool(_SENTENCE_END.search(self.text))


def keep_late_text(html: str) -> str:
    """The page with text written after `</html>` moved inside it, so that no parser drops it."""
    if not _LATE_END.search(html):
        return html
    return _END_TAGS.sub("", html)


@dataclass
class Page:
    """A page's visible lines, and the hover cards taken out of them (see `_is_card`)."""

    lines: list[Line] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)


def lines(html: str) -> list[Line]:
    """The page's visible text, one line per block element, with its link share, place and role."""
    return read(html).lines


def read(html: str) -> Page:
    """The page's visible lines, hover cards apart."""
    import lxml.html

    out = Page()
    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return out
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE_TAGS)):
        bad.drop_tree()
    text: list[str] = []
    linked = total = 0
    where = None
    for chunk, in_link, place in _chunks(tree, out.cards) + [("\n", False, None)]:
        if chunk == "\n":
            line = " ".join("".join(text).split())
            if line:
                out.lines.append(Line(line, linked / total if total else 0.0, *_unwind(where)))
            text, linked, total, where = [], 0, 0, None
            continue
        text.append(chunk)
        size = len(chunk.strip())
        total += size
        linked += size if in_link else 0
        if where is None and size:
            where = place
    return out


def _unwind(place) -> tuple[tuple[int, ...], str]:
    """The path (outermost element first) and role of a place, a chain of (serial, role, parent)."""
    role = place[1] if place else ""
    path = []
    while place:
        path.append(place[0])
        place = place[2]
    return tuple(reversed(path)), role


def _role(element, tag: str) -> str:
    """What a block element makes of the text inside it: "embed", "caption" or ""."""
    if tag not in _BLOCK_TAGS:
        return ""
    if tag in ("figure", "figcaption"):
        return "caption"
    names = element.get("class")
    if not names:
        return ""
    names = names.lower()
    if tag == "blockquote" and _EMBED_CLASS.search(names):
        return "embed"
    return "caption" if "caption" in names else ""


def _is_card(element, tag: str) -> str | None:
    """The text of a hover card, or None: an inline element right after a link, that names what
    the link names again (its first link shares a word with it) and is all links after that (a
    person's or a topic's latest headlines, shown on hover). No part of the sentence it sits in."""
    if tag in _BLOCK_TAGS or tag == "a":
        return None
    before = element.getprevious()
    if before is None or before.tag != "a" or (before.tail or "").strip():
        return None
    links = element.findall(".//a")
    if len(links) < CARD_LINKS:
        return None
    named = {word.casefold() for word in before.text_content().split() if len(word) > 2}
    if not named & {word.casefold() for word in links[0].text_content().split()}:
        return None
    text = " ".join("".join(element.itertext()).split())
    link_chars = sum(len("".join(a.itertext()).replace(" ", "")) for a in links)
    if link_chars < CARD_LINK_SHARE * len(text.replace(" ", "")):
        return None
    return text


def _chunks(tree, cards: list[str]) -> list[tuple[str, bool, tuple | None]]:
    """Text chunks in document order with whether each is link text and where it sits (the
    innermost open element as (serial, role, parent's place), role inherited from outside);
    "\n" where a block starts or ends. Hover cards go to `cards` instead. Iterative: a page can
    nest elements deeper than Python's recursion limit."""
    from lxml import etree

    chunks: list[tuple[str, bool, tuple | None]] = []
    links = 0  # open <a> elements around the current position
    place: tuple | None = None
    serial = 0
    walk = etree.iterwalk(tree, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        if event in ("comment", "pi"):  # not shown; the text after it is
            if element.tail:
                chunks.append((element.tail, links > 0, place))
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            card = _is_card(element, tag)
            if card is not None:
                cards.append(card)
                walk.skip_subtree()
            if tag in _BLOCK_TAGS:
                chunks.append(("\n", False, None))
            links += tag == "a"
            serial += 1
            place = (serial, _role(element, tag) or (place[1] if place else ""), place)
            if element.text and card is None:
                chunks.append((element.text, links > 0, place))
            continue
        links -= tag == "a"
        place = place[2] if place else None
        if tag in _BLOCK_TAGS:
            chunks.append(("\n", False, None))
        if element.tail:
            chunks.append((element.tail, links > 0, place))
    return chunks
