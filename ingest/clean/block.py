"""The cleaner's data: the Block every pass works on, and what the clean stage returns.

A Block is one unit of the page as a scraping tool wrote it (a paragraph
reflowed from its wrapped lines, a list item, a heading, a menu line). The
plain-text passes mark blocks as chrome (with a reason) or sort them into
title, headings and paragraphs; HTML extraction makes blocks directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    """One unit of the page: its text, where it starts in the input, and what the passes found."""

    kind: str  # "paragraph" | "heading", set when the block is kept
    text: str  # the content, markup and wrapping undone
    line: int | None = None  # the input line it starts on (plain text)
    raw: str = ""  # as the tool wrote it, wrapping undone (what `removed` shows)
    chrome: bool = False
    reason: str | None = None
    links: float = 0.0  # share of the text that is link text (Markdown links, browser link markers)
    item: bool = False  # a list item (bullet or number)
    marker: str | None = None  # what the tool drew it as: "image", "button", "form", "embed", "url", "rule"
    level: int = 0  # the heading level the tool showed (Markdown's #s; 1 for a line set left of indented body text)

    @property
    def is_paragraph(self) -> bool:
        return looks_like_paragraph(self.text)


@dataclass(frozen=True)
class Removed:
    text: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class FoundDate:
    value: str
    raw: str
    role: str  # "published" | "updated" | "timestamp"


@dataclass
class Cleaned:
    """The clean stage's output, for plain text and HTML alike."""

    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    dates: list[FoundDate] = field(default_factory=list)
    author: str | None = None
    sitename: str | None = None
    category: str | None = None
    # The article found (plain text) is too short or too little like running text to vouch for.
    low_confidence: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def published(self) -> str | None:
        for role in ("published", "timestamp", "updated"):
            for found in self.dates:
                if found.role == role:
                    return found.value
        return None

    def set_field(self, name: str | None, value: str | None) -> None:
        """Fill a metadata field from chrome, first value wins."""
        if name and value and getattr(self, name) is None:
            setattr(self, name, value)

    def add_date(self, value: str, raw: str, role: str) -> None:
        if role == "published" and any(d.role == "published" for d in self.dates):
            role = "timestamp"
        self.dates.append(FoundDate(value, raw, role))

    def remove(self, block: Block, reason: str) -> None:
        """Record a block as removed, under the input line it starts on."""
        self.removed.append(Removed(block.raw or block.text, reason, block.line))
        block.chrome, block.reason = True, reason


_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)\]]$")
_KEY = re.compile(r"\W+")


def looks_like_paragraph(text: str) -> bool:
    """Prose ends like a sentence, or runs long in sentence case; headlines do neither."""
    if _SENTENCE_END.search(text):
        return True
    return len(text) >= 150 and not title_case(text)


def title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) / len(words) >= 0.6


def line_key(text: str) -> str:
    """Comparison key: case, punctuation and spacing do not make a line new."""
    return _KEY.sub(" ", text.casefold()).strip()
