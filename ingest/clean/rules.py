"""Second pass of the plain-text cleaner: blocks that are chrome by their own form.

Each block is judged alone: what the tool drew it as (an image, a button, a
form field, a bare URL), how much of it is link text, the chrome rules of
`chrome.py` (comment widgets, share bars, bylines, ...), date lines, and the
teasers listed under a "Most read" header. What a rule removes is recorded
with its reason, and metadata it carries (author, dates, site) is kept.
"""

from __future__ import annotations

import re

from . import chrome
from .block import Block, Cleaned, Removed, line_key, looks_like_paragraph
from .dates import date_prefix, dated_line, find_date

_DIGIT = re.compile(r"\d")

# What a tool's marker makes a block that has nothing else.
_MARKERS = {"image": "image", "button": "form", "form": "form", "embed": "embed", "url": "link", "rule": "markup"}
# A block this much link text is a menu or a list of links to other pages.
_LINK_DENSE = 0.5
_MENU_WORDS = 4

# A line longer than this is not a date line (and is not scanned as one).
_MAX_DATE_LINE = 200

# Under a "Most read" / "Lees ook" / "İlgili haberler" header come teasers: a
# headline, perhaps its first sentence. A real paragraph ends the list.
_TEASER_LIST = 12
_TEASER_MAX = 160


def mark(blocks: list[Block], out: Cleaned) -> None:
    """Mark the blocks that are chrome by their form (recording them as removed) and read the metadata they carry."""
    teasers_left, after_headline, kept = 0, False, 0
    for i, block in enumerate(blocks):
        block.text = chrome.strip_bullet(block.text) or block.text
        core = block.text
        if block.marker or not core:
            out.remove(block, _MARKERS.get(block.marker, "markup"))
            continue
        dated = dated_line(core) if len(core) <= _MAX_DATE_LINE and _DIGIT.search(core) else None
        if dated:
            out.remove(block, "date")
            for match, role in dated:
                out.add_date(match.value, match.raw, role)
            teasers_left = max(0, teasers_left - 1)
            continue
        found = chrome.classify(core) or _link_dense(block)
        if block.level and _heads_article(blocks, i):
            teasers_left = 0  # a heading over running text: the headline or a section, no teaser
        teaser = not found and teasers_left and _teaser_shaped(core, after_headline)
        if teaser:
            found = chrome.Chrome("related")
        after_headline = bool(teaser) and not looks_like_paragraph(core)
        if found and found.reason == "related" and not teaser and _list_header(core):
            teasers_left = _TEASER_LIST
        elif found:
            teasers_left = max(0, teasers_left - 1)
        else:
            teasers_left = 0
        if found:
            out.remove(block, found.reason)
            out.set_field(found.field, found.value)
            stamped = find_date(core) if found.reason == "timestamp" else None
            if stamped:
                out.add_date(stamped.value, core, "published")
            continue
        if kept < 3:
            prefixed = date_prefix(core)
            if prefixed:
                match, block.text = prefixed
                out.removed.append(Removed(match.raw, "date", block.line))
                out.add_date(match.value, match.raw, "published")
        kept += 1
    _figures(blocks, out)


# A picture's alt text and its caption repeat each other this close together.
_FIGURE_REACH = 3
_MIN_FIGURE = 20
_LONG_PARAGRAPH = 200
_PROSE = 100


def _figures(blocks: list[Block], out: Cleaned) -> None:
    """A block repeated within a few blocks below the first prose (the headline said twice is the title
    pass's), or anywhere as the start of a credited caption: a picture's alt text and its caption."""
    keys = [line_key(b.text) if len(b.text) >= _MIN_FIGURE else "" for b in blocks]
    prose_above = False
    for i, block in enumerate(blocks):
        key = keys[i]
        if len(key) >= _MIN_FIGURE:
            for j in range(i + 1, min(i + 1 + _FIGURE_REACH, len(blocks))):
                if keys[j] == key and prose_above or keys[j] != key and keys[j].startswith(key) and blocks[j].reason in ("credit", "caption"):
                    _figure(block, blocks[j], keys[j] == key, out)
                    break
        prose_above = prose_above or not block.chrome and block.is_paragraph and len(block.text) >= _PROSE


def _figure(first: Block, second: Block, same: bool, out: Cleaned) -> None:
    if same and first.is_paragraph and len(first.text) >= _LONG_PARAGRAPH:
        if not second.chrome:
            out.remove(second, "duplicate")  # a paragraph said twice: the first stays
        return
    for block in (first, second):
        if not block.chrome:
            out.remove(block, "caption")


# A heading over running text has a paragraph longer than a teaser's summary this close below it.
_HEADS_WITHIN = 4


def _heads_article(blocks: list[Block], i: int) -> bool:
    return any(b.is_paragraph and len(b.text) >= _TEASER_MAX and not b.marker for b in blocks[i + 1 : i + 1 + _HEADS_WITHIN])


def _link_dense(block: Block) -> chrome.Chrome | None:
    """Mostly link text: a menu (short items) or links to other stories."""
    if block.links < _LINK_DENSE:
        return None
    return chrome.Chrome("navigation" if len(block.text.split()) <= _MENU_WORDS else "related")


def _list_header(text: str) -> bool:
    return len(text) <= 40 and len(text.split()) <= 5 and ":" not in text


def _teaser_shaped(text: str, after_headline: bool) -> bool:
    """A teaser's headline, or the one-sentence summary right under a teaser's headline."""
    if not looks_like_paragraph(text):
        return len(text) < _TEASER_MAX
    return after_headline and len(text) < _TEASER_MAX and len(re.findall(r"[.!?…](\s|$)", text)) <= 1
