"""Separate an article from the site and blog chrome around it.

Plain-text scrapes come in as lines. Each line is either kept (as a heading or
a paragraph of the article), taken as the title, or removed with a reason, and
dates and bylines found on the way become metadata. Nothing is dropped
silently: every removed line is kept in `Cleaned.removed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import chrome, vocab
from .dates import date_prefix, dated_line, find_date
from .lines import Line, find_article, in_context, looks_like_paragraph, page_stoplist, title_case


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


_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)\]]$")
_KEY = re.compile(r"\W+")
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[\w'’-]+")


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
    seen: set[str] = set()
    lines = _strip_chrome(text, out)
    article = find_article(lines, page_stoplist(lines))
    out.low_confidence = article.low_confidence
    if article.start is None:
        for line in lines:
            if not line.chrome:
                _keep(out, line, "paragraph", seen)
        out.removed.sort(key=lambda r: r.line or 0)
        return out
    start, end = article.start, article.end
    for i, reason in in_context(lines, article).items():
        _remove(out, lines[i], reason)
    _read_header(lines[:start], out, seen)
    for i in range(start, end + 1):
        line = lines[i]
        if i in article.gaps and not line.chrome:
            _remove(out, line, "related")
        elif not line.chrome:
            _keep(out, line, "paragraph" if line.is_paragraph else "heading", seen)
    for line in lines[end + 1 :]:
        if not line.chrome:
            # Headline-shaped lines after the article are links to other
            # posts; prose there is a teaser, a footer or a cookie notice.
            out.removed.append(Removed(line.raw, "outside-article" if line.is_paragraph else "related", line.number))
    out.removed.sort(key=lambda r: r.line or 0)
    return out


def _remove(out: Cleaned, line: Line, reason: str) -> None:
    out.removed.append(Removed(line.raw, reason, line.number))
    line.chrome, line.reason = True, reason


def _strip_chrome(text: str, out: Cleaned) -> list[Line]:
    """Mark lines that are chrome by their own form (recording them as removed)."""
    lines: list[Line] = []
    teasers_left, after_headline, kept = 0, False, 0
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = raw.strip()
        if not raw:
            continue
        core = chrome.strip_bullet(raw) or raw
        dated = dated_line(core) if len(core) <= _MAX_DATE_LINE and _DIGIT.search(core) else None
        if dated:
            out.removed.append(Removed(raw, "date", number))
            for match, role in dated:
                out.add_date(match.value, match.raw, role)
            lines.append(Line(number, raw, core, chrome=True, reason="date"))
            teasers_left = max(0, teasers_left - 1)
            continue
        found = chrome.classify(core)
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
            out.removed.append(Removed(raw, found.reason, number))
            out.set_field(found.field, found.value)
            stamped = find_date(core) if found.reason == "timestamp" else None
            if stamped:
                out.add_date(stamped.value, core, "published")
            lines.append(Line(number, raw, core, chrome=True, reason=found.reason))
            continue
        if kept < 3:
            prefixed = date_prefix(core)
            if prefixed:
                match, core = prefixed
                out.removed.append(Removed(match.raw, "date", number))
                out.add_date(match.value, match.raw, "published")
        lines.append(Line(number, raw, core))
        kept += 1
    return lines


# A line longer than this is not a date line (and is not scanned as one).
_MAX_DATE_LINE = 200

# Under a "Most read" / "Lees ook" / "İlgili haberler" header come teasers: a
# headline, perhaps its first sentence. A real paragraph ends the list.
_TEASER_LIST = 12
_TEASER_MAX = 160


def _list_header(text: str) -> bool:
    return len(text) <= 40 and len(text.split()) <= 5 and ":" not in text


def _teaser_shaped(text: str, after_headline: bool) -> bool:
    """A teaser's headline, or the one-sentence summary right under a teaser's headline."""
    if not looks_like_paragraph(text):
        return len(text) < _TEASER_MAX
    return after_headline and len(text) < _TEASER_MAX and len(re.findall(r"[.!?…](\s|$)", text)) <= 1


# How many lines above the article the title may stand.
_TITLE_WINDOW = 6
# Chrome that follows the headline group: the byline and the dateline.
_BYLINE_REASONS = {"byline", "date", "timestamp"}


def _read_header(lines: list[Line], out: Cleaned, seen: set[str]) -> None:
    """Lines above the article: menus and kickers, then the title, then sub-headlines."""
    kept = [i for i, line in enumerate(lines) if not line.chrome]
    window_start = kept[-_TITLE_WINDOW] if len(kept) >= _TITLE_WINDOW else 0
    title_at = _title_at(lines, window_start)
    for i, line in enumerate(lines):
        if line.chrome:
            continue
        if i == title_at:
            title, fields = chrome.split_title(line.text)
            out.title = title
            for name, value in fields.items():
                out.set_field(name, value)
        elif i < window_start or _is_navigation(line.text) or _passed_over_menu(line.text, i, title_at):
            out.removed.append(Removed(line.raw, "navigation", line.number))
        elif title_at is not None and i < title_at or len(line.text.split()) < 3:
            out.removed.append(Removed(line.raw, "label", line.number))
        else:
            _keep(out, line, "heading", seen)


def _title_at(lines: list[Line], start: int) -> int | None:
    """The title: the top of the headline group (headline, then decks) nearest above the byline or the article.

    Headline-shaped lines further up are menus, kickers and teasers, so a run of
    them is closed by any other kept line and the last run before the byline (or
    the article) wins; inside it, a line shaped like a menu gives way to the next.
    """
    group: list[int] = []
    last: list[int] = []
    for i in range(start, len(lines)):
        line = lines[i]
        if line.chrome:
            if line.reason in _BYLINE_REASONS and (group or last):
                break
        elif line.text.endswith("."):
            continue  # a deck or a blurb: a headline does not end in a full stop
        elif _title_shaped(line.text):
            group.append(i)
        elif group:
            last, group = group, []
    group = group or last
    if not group:  # only full-stopped lines: the first headline-shaped one, as before
        return next((i for i in range(start, len(lines)) if not lines[i].chrome and _title_shaped(lines[i].text)), None)
    return next((i for i in group if not _menu_shaped(lines[i].text)), group[0])


def _passed_over_menu(text: str, i: int, title_at: int | None) -> bool:
    """A headline-shaped menu above the title (the title was chosen past it)."""
    return title_at is not None and i < title_at and _title_shaped(text) and _menu_shaped(text)


def _menu_shaped(text: str) -> bool:
    """Every word capitalised and not one function word: section names, not a headline."""
    words = [w for w in _WORDS.findall(text) if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() and w.casefold() not in vocab.FUNCTION_WORDS for w in words)


def _title_shaped(text: str) -> bool:
    return len(text.split()) >= 3 and len(text) >= 20 and not _is_navigation(text)


def _keep(out: Cleaned, line: Line, kind: str, seen: set[str]) -> None:
    """Add a line to the body unless it repeats the title or a kept line (`seen`: their keys)."""
    key = line_key(line.text)
    if out.title and key == line_key(out.title):
        out.removed.append(Removed(line.raw, "duplicate-title", line.number))
    elif key and key in seen:
        out.removed.append(Removed(line.raw, "duplicate", line.number))
    else:
        out.blocks.append(Block(kind, line.text))
        seen.add(key)
