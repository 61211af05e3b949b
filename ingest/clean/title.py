"""Fourth pass of the plain-text cleaner: the title, and what the blocks above the article are.

Above the article stand menus, kickers, the headline group (headline, then
decks), the byline and the dateline. The title is the top of the headline
group nearest above the byline or the article; what stands further up is
navigation, labels or sub-headlines.
"""

from __future__ import annotations

import re

from . import chrome, vocab
from .block import Block, Cleaned

_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)\]]$")
_WORDS = re.compile(r"[\w'’-]+")

# How many blocks above the article the title may stand.
_TITLE_WINDOW = 6
# How many kept blocks above the article a heading the tool marked may stand.
_MARKED_WINDOW = 12
# Chrome that follows the headline group: the byline and the dateline.
_BYLINE_REASONS = {"byline", "date", "timestamp"}


def read_header(blocks: list[Block], out: Cleaned) -> list[tuple[Block, str]]:
    """Blocks above the article: the title is set on `out`, menus and labels removed;
    returns the blocks to keep, as (block, kind)."""
    kept = [i for i, block in enumerate(blocks) if not block.chrome]
    window_start = kept[-_TITLE_WINDOW] if len(kept) >= _TITLE_WINDOW else 0
    title_at = _marked_title(blocks, kept[-_MARKED_WINDOW:])
    if title_at is None:
        title_at = _title_at(blocks, window_start)
    else:
        window_start = min(window_start, title_at)
    keep = []
    for i, block in enumerate(blocks):
        if block.chrome:
            continue
        if i == title_at:
            title, fields = chrome.split_title(block.text)
            out.title = title
            for name, value in fields.items():
                out.set_field(name, value)
        elif i < window_start or is_navigation(block.text) or _passed_over_menu(block.text, i, title_at):
            out.remove(block, "navigation")
        elif title_at is not None and i < title_at or len(block.text.split()) < 3:
            out.remove(block, "label")
        else:
            keep.append((block, "heading"))
    return keep


def is_navigation(text: str) -> bool:
    """A run of capitalised menu words with no sentence in it."""
    words = text.split()
    if len(words) < 6 or re.search(r"[,;:\"“”„'‘’()!?]", text) or _SENTENCE_END.search(text):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    repeated = len(words) - len({w.casefold() for w in words})
    return capitalised / len(words) >= 0.9 and (repeated >= 2 or len(words) >= 10)


def _marked_title(blocks: list[Block], near: list[int]) -> int | None:
    """The heading the tool marked highest (Markdown's `#`, a line set left of the body), nearest the article."""
    marked = [i for i in near if blocks[i].level and _title_shaped(blocks[i].text)]
    if not marked:
        return None
    top = min(blocks[i].level for i in marked)
    return [i for i in marked if blocks[i].level == top][-1]


def _title_at(blocks: list[Block], start: int) -> int | None:
    """The title: the top of the headline group (headline, then decks) nearest above the byline or the article.

    Headline-shaped blocks further up are menus, kickers and teasers, so a run of
    them is closed by any other kept block and the last run before the byline (or
    the article) wins; inside it, a block shaped like a menu gives way to the next.
    """
    group: list[int] = []
    last: list[int] = []
    for i in range(start, len(blocks)):
        block = blocks[i]
        if block.chrome:
            if block.reason in _BYLINE_REASONS and (group or last):
                break
        elif block.text.endswith("."):
            continue  # a deck or a blurb: a headline does not end in a full stop
        elif _title_shaped(block.text):
            group.append(i)
        elif group:
            last, group = group, []
    group = group or last
    if not group:  # only full-stopped blocks: the first headline-shaped one
        return next((i for i in range(start, len(blocks)) if not blocks[i].chrome and _title_shaped(blocks[i].text)), None)
    return next((i for i in group if not _menu_shaped(blocks[i].text)), group[0])


def _passed_over_menu(text: str, i: int, title_at: int | None) -> bool:
    """A headline-shaped menu above the title (the title was chosen past it)."""
    return title_at is not None and i < title_at and _title_shaped(text) and _menu_shaped(text)


def _menu_shaped(text: str) -> bool:
    """Every word capitalised and not one function word: section names, not a headline."""
    words = [w for w in _WORDS.findall(text) if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() and w.casefold() not in vocab.FUNCTION_WORDS for w in words)


def _title_shaped(text: str) -> bool:
    return len(text.split()) >= 3 and len(text) >= 20 and not is_navigation(text)
