"""The article an extractor found, set against the page's own lines and mended.

trafilatura works on the page's elements; the page's visible lines (page.py)
show what it got wrong at the level of a whole line:

- posts embedded from a social network inside the article (the quote a story
  is about) that it drops with the share buttons around them: put back;
- a paragraph of running text between two of its paragraphs that it left out
  (text loose in a container, beside the paragraphs it kept): put back;
- a hover card (a person's latest headlines hidden after a link to them) that
  it reads into the sentence: taken out of it;
- lines it kept after the element that holds most of the article ends (a
  newsletter box, teasers of other stories): taken out.
"""

from __future__ import annotations

from . import chrome
from .block import Block, Removed, line_key
from .page import Line

# The element holding this share of the article's words is where the article is;
# lines kept after it ends are not part of it.
ARTICLE_SHARE = 0.7
# A left-out line between two article lines is put back only when it is this little link text.
GAP_LINK_SHARE = 0.5


def without_cards(blocks: list[Block], cards: list[str]) -> tuple[list[Block], list[Removed]]:
    """The blocks with the hover cards' text taken out of them, and the cards as removed."""
    if not cards:
        return blocks, []
    out, removed = [], []
    for block in blocks:
        for card in cards:
            if card in block.text:
                block = Block(block.kind, " ".join(block.text.replace(card, "", 1).split()))
                removed.append(Removed(card, "hover-card"))
        if block.text:  # a line that was all card is gone
            out.append(block)
    return out, removed


def place(blocks: list[Block], lines: list[Line]) -> list[int | None]:
    """The index of each block's line in the page (None where the page has no such line),
    matched in order so that a repeated line is found where the article is."""
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        where.setdefault(line.key, []).append(i)
    out: list[int | None] = []
    last = -1
    for block in blocks:
        found = where.get(line_key(block.text), [])
        index = next((i for i in found if i > last), found[0] if found else None)
        out.append(index)
        if index is not None:
            last = max(last, index)
    return out


def put_back(blocks: list[Block], lines: list[Line]) -> list[Block]:
    """The blocks with the page lines between the article's first and last line that belong to
    it put back in their place: embedded posts, and running text between two article lines."""
    placed = place(blocks, lines)
    known = [i for i in placed if i is not None]
    if len(known) < 2:
        return blocks
    ours = set(known)
    have = {line_key(b.text) for b in blocks}
    add: dict[int, Block] = {}
    for i in range(min(known) + 1, max(known)):
        line, key = lines[i], lines[i].key
        if not key or key in have:
            continue
        if line.role == "embed" or _lost_paragraph(line, i, ours):
            add[i] = Block("paragraph", line.text)
            have.add(key)
    if not add:
        return blocks
    out: list[Block] = []
    pending = sorted(add)
    for block, index in zip(blocks, placed, strict=True):
        while index is not None and pending and pending[0] < index:
            out.append(add[pending.pop(0)])
        out.append(block)
    return out


def _lost_paragraph(line: Line, index: int, ours: set[int]) -> bool:
    """Running text, not a caption, a link list or a chrome line, right between two article lines."""
    return (index - 1 in ours and index + 1 in ours and line.running() and line.linked < GAP_LINK_SHARE
            and line.role != "caption" and chrome.classify(line.text) is None)


def after_the_article(blocks: list[Block], lines: list[Line]) -> tuple[list[Block], list[Removed]]:
    """The blocks less those after the end of the element that holds ARTICLE_SHARE of the
    article's words (the deepest such element), and those as removed."""
    placed = place(blocks, lines)
    words: dict[tuple[int, ...], int] = {}
    total = 0
    for block, index in zip(blocks, placed, strict=True):
        if index is None:
            continue
        count = len(block.text.split())
        total += count
        path = lines[index].path
        for depth in range(len(path) + 1):
            words[path[:depth]] = words.get(path[:depth], 0) + count
    if not total:
        return blocks, []
    box = max((path for path, count in words.items() if count >= ARTICLE_SHARE * total), key=len)
    inside = [index is not None and lines[index].path[: len(box)] == box for index in placed]
    last = max(j for j, yes in enumerate(inside) if yes) if any(inside) else len(blocks)
    keep = blocks[: last + 1]
    removed = []
    for block, index in zip(blocks[last + 1 :], placed[last + 1 :], strict=True):
        if index is None:  # not a line of the page: no evidence where it stands
            keep.append(block)
        else:
            removed.append(Removed(block.text, "outside-article"))
    return keep, removed
