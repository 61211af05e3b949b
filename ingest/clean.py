"""Separate an article from the site and blog chrome around it.

Plain-text scrapes come in as lines. Each line is either kept (as a heading or
a paragraph of the article), taken as the title, or removed with a reason, and
dates and bylines found on the way become metadata. Nothing is dropped
silently: every removed line is kept in `Cleaned.removed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import chrome
from .dates import date_line, date_prefix


@dataclass(frozen=True)
class Block:
    """One unit of the article body."""

    kind: str  # "heading" | "paragraph"
    text: str


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


@dataclass
class _Line:
    number: int
    raw: str
    text: str

    @property
    def is_paragraph(self) -> bool:
        return looks_like_paragraph(self.text)


_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)\]]$")
_KEY = re.compile(r"\W+")


def looks_like_paragraph(text: str) -> bool:
    """Prose ends like a sentence, or runs long in sentence case; headlines do neither."""
    if _SENTENCE_END.search(text):
        return True
    return len(text) >= 150 and not _title_case(text)


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) / len(words) >= 0.6


def line_key(text: str) -> str:
    """Comparison key: case, punctuation and spacing do not make a line new."""
    return _KEY.sub(" ", text.casefold()).strip()


def _is_navigation(text: str) -> bool:
    """A run of capitalised menu words with no sentence in it."""
    words = text.split()
    if len(words) < 6 or re.search(r"[,;:\"“”„'‘’()!?]", text) or _SENTENCE_END.search(text):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    repeated = len(words) - len({w.casefold() for w in words})
    return capitalised / len(words) >= 0.9 and (repeated >= 2 or len(words) >= 10)


def clean_text(text: str) -> Cleaned:
    """Clean a plain-text scrape into title, body blocks, removed lines and metadata."""
    out = Cleaned()
    candidates = _strip_chrome(text, out)
    paragraphs = [i for i, line in enumerate(candidates) if line.is_paragraph]
    if not paragraphs:
        for line in candidates:
            _keep(out, line, "paragraph")
        out.removed.sort(key=lambda r: r.line or 0)
        return out
    first, last = paragraphs[0], paragraphs[-1]
    _read_header(candidates[:first], out)
    for line in candidates[first : last + 1]:
        _keep(out, line, "paragraph" if line.is_paragraph else "heading")
    for line in candidates[last + 1 :]:
        # Headline-shaped lines after the last paragraph head no text: they
        # are links to other posts.
        out.removed.append(Removed(line.raw, "related", line.number))
    out.removed.sort(key=lambda r: r.line or 0)
    return out


def _strip_chrome(text: str, out: Cleaned) -> list[_Line]:
    """Remove lines that are chrome by their own form; return the rest."""
    candidates: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = raw.strip()
        if not raw:
            continue
        core = chrome.strip_bullet(raw) or raw
        found = chrome.classify(core)
        if found:
            out.removed.append(Removed(raw, found.reason, number))
            out.set_field(found.field, found.value)
            continue
        dated = date_line(core)
        if dated:
            match, role = dated
            out.removed.append(Removed(raw, "date", number))
            out.add_date(match.value, core, role)
            continue
        if len(candidates) < 3:
            prefixed = date_prefix(core)
            if prefixed:
                match, core = prefixed
                out.removed.append(Removed(match.raw, "date", number))
                out.add_date(match.value, match.raw, "published")
        candidates.append(_Line(number, raw, core))
    return candidates


def _read_header(lines: list[_Line], out: Cleaned) -> None:
    """Lines before the first paragraph: title, kickers, menus, sub-headlines."""
    for line in lines:
        words = len(line.text.split())
        if _is_navigation(line.text):
            out.removed.append(Removed(line.raw, "navigation", line.number))
        elif out.title is None and words >= 3:
            title, fields = chrome.split_title(line.text)
            out.title = title
            for name, value in fields.items():
                out.set_field(name, value)
        elif out.title is not None and line_key(line.text) == line_key(out.title):
            out.removed.append(Removed(line.raw, "duplicate-title", line.number))
        elif words < 3:
            out.removed.append(Removed(line.raw, "label", line.number))
        else:
            _keep(out, line, "heading")


def _keep(out: Cleaned, line: _Line, kind: str) -> None:
    key = line_key(line.text)
    if out.title and key == line_key(out.title):
        out.removed.append(Removed(line.raw, "duplicate-title", line.number))
    elif key and any(line_key(block.text) == key for block in out.blocks):
        out.removed.append(Removed(line.raw, "duplicate", line.number))
    else:
        out.blocks.append(Block(kind, line.text))
