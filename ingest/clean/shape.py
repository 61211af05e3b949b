"""First pass of the plain-text cleaner: the lines a scraping tool wrote, turned back into blocks.

Tools write a page in their own shape. A naive scraper or inscriptis writes a
block a line. lynx, w3m, links and pandoc wrap at a column (80, 72) and indent
body text; html2text writes Markdown wrapped at 78; BeautifulSoup's
`get_text("\\n")` puts every inline element (a link, a bold word) on a line
of its own. This pass reads the shape from the page itself, never from a
tool's name, and undoes it:

- wrapping: the column a page was wrapped at is the one at which most line
  breaks fall where the next word would not have fitted; a line broken there
  is joined to the next (same indentation, not a new list item or heading);
- fragments: a line that starts with the punctuation that continues a
  sentence, or with the space of a text node's tail, or that follows a line
  ending in a word no sentence ends on, belongs to the line before.

Blank lines, list markers, Markdown headings, rules and table rows always
start a new block. Joining never adds, drops or reorders a word: lines are
joined with a space, or with nothing after a hyphen or before punctuation.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass

from . import chrome, markup
from .block import Block
from .vocab import FUNCTION_WORDS

_BULLET = re.compile(r"(?:[*+•·▪►‣◦]|[-–—](?=\s))\s+(?=\S)")
# Text browsers and inscriptis mark nested items with "o" (and lynx with "#"): only on an indented line.
_NESTED_BULLET = re.compile(r"[o#]\s+(?=[^\sa-zçğıöşüæøå])")
_NUMBER = re.compile(r"(\d{1,3})[.)]\s+(?=\S)")
_HEADING = re.compile(r"#{1,6}\s")
_RULE = re.compile(r"(?:[-*_=~]\s*){3,}$")
_TABLE = re.compile(r"\|.*\|$|.*\S\s+\|\s+\S.*\|\s+\S")
_OWN_LINE = re.compile(r"(?:IFRAME:|\(BUTTON\)|\[IMG\]|!\[)", re.I)
_CONTINUES = re.compile(r"[,.;:!?)\]}%’”»]")
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”»’)\]]$")
_HYPHEN_BREAK = re.compile(r"[^\s\w]*\w+[^0-9\W]-(?=\w+[^0-9\W])")
_URL = re.compile(r"(?:https?|ftp|file|mailto|javascript):", re.I)
_LAST_WORD = re.compile(r"([\w'’]+)\W*$")

# A page is wrapped when at least this many of its line breaks, and this share
# of those between two lines of text, fall where the next word would not fit.
_MIN_WRAPS = 8
_WRAP_SHARE = 0.3
_WIDTHS = range(20, 201)
# Only lines of this many words tell: shorter ones are menu items and labels.
_WRAP_WORDS = 5
# A word longer than this (a URL) runs past any column it is written at.
_LONG_WORD = 20
# ... and when hardly a line of text runs past that column.
_MAX_OVER = 2
_OVER_SHARE = 0.05
# How far from the middle a centred line may be (tools round differently).
_CENTRE_SLACK = 3
# A page is fragmented when this many lines continue the sentence of the line before.
_MIN_FRAGMENTS = 3
# A line of at least this many words before a lower-case one is a sentence cut short (not a menu item).
_FRAGMENT_WORDS = 4
# A line of up to this many words between two halves of a sentence is an inline element.
_INLINE_WORDS = 8


@dataclass(frozen=True)
class Shape:
    """What a page's lines say about the tool that wrote them."""

    width: int | None = None  # the column lines were wrapped at; None when they were not
    margins: tuple[tuple[int, int], ...] = ()  # (indentation, column) where an indentation wraps short of `width`
    fragmented: bool = False  # inline elements on lines of their own
    markdown: bool = False

    @property
    def name(self) -> str:
        parts = [f"wrapped at {self.width}" if self.width else "", "fragments" if self.fragmented else "",
                 "markdown" if self.markdown else ""]
        return ", ".join(p for p in parts if p) or "a block a line"


@dataclass(slots=True)
class _Line:
    number: int
    raw: str  # trailing whitespace stripped
    indent: int
    content: str
    new_block: bool  # a list item, heading, rule, table row or marker line: never continues the line before
    hanging: int  # where the text of a list item starts (continuation lines are indented to it)
    marker_end: int  # length of the list marker in front of the content (0: not a list item)


def read_blocks(text: str) -> tuple[Shape, list[Block]]:
    """The page's shape, and its blocks in order, with markup taken off their text."""
    lines = _lines(text)
    shape = detect(lines)
    body = _body_indent(lines) if shape.width else 0
    blocks = []
    for group in _join(lines, shape):
        block = markup.parse(_glue(group), shape.markdown, group[0].number, group[0].marker_end)
        if body and group[0].indent < body - 1 and not group[0].marker_end and not block.level:
            block.level = 1  # lynx and links set headings left of the body text they indent
        blocks.append(block)
    return shape, blocks


def _body_indent(lines: list[_Line | None]) -> int:
    """The indentation of most running text (lynx and links indent it by 3; 0 for most tools)."""
    indents = collections.Counter(line.indent for line in lines if line and not line.marker_end and len(line.content) >= 40)
    return indents.most_common(1)[0][0] if indents else 0


def _lines(text: str) -> list[_Line | None]:
    """Each input line, None for a blank one."""
    out: list[_Line | None] = []
    last_number = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = raw.rstrip()
        content = raw.lstrip()
        if not content:
            out.append(None)
            continue
        indent = len(raw) - len(content)
        rule = _RULE.match(content)
        bullet = None if rule else _BULLET.match(content) or (_NESTED_BULLET.match(content) if indent >= 2 else None)
        numbered = _NUMBER.match(content)
        if numbered:  # "2. oktober" wrapped to the start of a line is no list: items count up
            value = int(numbered.group(1))
            numbered = numbered if value in (1, last_number + 1) or _URL.match(content, numbered.end()) else None
            last_number = value if numbered else last_number
        marker = bullet or numbered
        new_block = bool(marker or rule or _HEADING.match(content) or _TABLE.match(content)
                         or _OWN_LINE.match(content))
        marker_end = marker.end() if marker else 0
        out.append(_Line(number, raw, indent, content, new_block, indent + marker_end, marker_end))
    return out


def detect(lines: list[_Line | None]) -> Shape:
    """Read the wrap width, fragmenting and Markdown off the lines themselves."""
    width = _wrap_width(lines)
    margins = tuple(sorted(_margins(lines, width).items())) if width else ()
    fragmented = width is None and _fragments(lines) >= _MIN_FRAGMENTS
    return Shape(width, margins, fragmented, markup.is_markdown([line.content for line in lines if line]))


def _pairs(lines: list[_Line | None]):
    for a, b in zip(lines, lines[1:]):
        if a is not None and b is not None and not b.new_block:
            yield a, b


def _first_chunk(a: _Line, b: _Line) -> int:
    """Length of what would have had to fit on line a: b's first word, or its part up to a hyphen
    where tools break words (textwrap's rule: letters on both sides)."""
    word = b.content.split(None, 1)[0]
    hyphenated = _HYPHEN_BREAK.match(word)
    return hyphenated.end() if hyphenated else len(word)


def _wrap_width(lines: list[_Line | None], indent: int | None = None) -> int | None:
    """The column at which most line breaks fall where the next word would not have fitted, if it is a wrap
    (of the lines indented by `indent`, or of all)."""
    counts = [0] * (_WIDTHS.stop + 1)
    pairs = 0
    for a, b in _pairs(lines):
        length = len(a.raw)
        if length >= _WIDTHS.stop or indent is not None and a.indent != indent or len(a.content.split()) < _WRAP_WORDS:
            continue  # menu items and labels break where they end, not for want of room
        pairs += 1
        need = length + 1 + _first_chunk(a, b)
        for width in range(max(length, _WIDTHS.start), min(need, _WIDTHS.stop)):
            counts[width] += 1
    for width in sorted(_WIDTHS, key=lambda w: -counts[w]):
        if counts[width] < _MIN_WRAPS or counts[width] < _WRAP_SHARE * pairs:
            break
        if _overflowing(lines, width, indent) <= max(_MAX_OVER, _OVER_SHARE * counts[width]):
            return width
    return None


def _margins(lines: list[_Line | None], width: int) -> dict[int, int]:
    """The wrap column of each indentation that has enough wrapped lines of its own: lynx wraps
    indented body text a few columns short of its headings."""
    indents = collections.Counter(a.indent for a, _ in _pairs(lines))
    found = {indent: _wrap_width(lines, indent) for indent, n in indents.items() if n >= _MIN_WRAPS}
    return {indent: column for indent, column in found.items() if column and column < width}


def _overflowing(lines: list[_Line | None], width: int, indent: int | None = None) -> int:
    """Lines of text that run past `width` though they could have been broken before it: a wrap has none.
    A line standing alone between blank lines is not counted: pandoc does not wrap headings, nor
    html2text list items."""
    count = 0
    for i, line in enumerate(lines):
        if (line and len(line.raw) > width and not line.new_block and (indent is None or line.indent == indent)
                and " " in line.raw[line.indent:width] and _in_paragraph(lines, i)):
            last = line.raw.rsplit(None, 1)[-1]
            count += len(last) <= _LONG_WORD or len(line.raw) - len(last) - 1 > width  # a long URL fits nowhere
    return count


def _in_paragraph(lines: list[_Line | None], i: int) -> bool:
    return i > 0 and lines[i - 1] is not None or i + 1 < len(lines) and lines[i + 1] is not None and not lines[i + 1].new_block


def _wrapped(a: _Line, b: _Line, width: int) -> bool:
    """Line a was broken because b's first word would not fit (or a ends in a word longer than the line)."""
    if b.indent not in (a.indent, a.hanging) and not _centred(b, width):  # the same paragraph, a list item's text
        return False
    return _full(a, b, width)


def _full(a: _Line, b: _Line, width: int) -> bool:
    length = len(a.raw)
    if length > width:  # over-long: only an unbreakable last word may run past the column
        return length - len(a.raw.rsplit(None, 1)[-1]) - 1 <= width
    return length + 1 + _first_chunk(a, b) > width


def _chrome_after_full_line(a: _Line, b: _Line, after: _Line | None, width: int) -> bool:
    """A paragraph that happens to fill its last line, then a line of chrome on its own
    ("Advertisement · Scroll to continue"): b starts a sentence, ends its block, and is chrome by itself."""
    if not _ENDS_SENTENCE.search(a.content) or not b.content[:1].isupper():
        return False
    if after is not None and not after.new_block and after.indent == b.indent and _full(b, after, width):
        return False
    return chrome.classify(chrome.strip_bullet(b.content) or b.content) is not None


def _centred(line: _Line, width: int) -> bool:
    """The rest of a centred heading: indented to the middle of the page (lynx centres headings)."""
    return line.indent > 4 and abs(line.indent - (width - len(line.content)) // 2) <= _CENTRE_SLACK


def _continues(a: _Line, b: _Line) -> bool:
    """b carries on a's sentence: punctuation that cannot start one, a text node's tail, a lower-case
    word after a line that ends mid-sentence, or anything after a word no sentence ends on."""
    if _CONTINUES.match(b.content):
        return True
    if _ENDS_SENTENCE.search(a.content):
        return False
    if _tail(a, b) or b.content[:1].islower():
        return True
    last = _LAST_WORD.search(a.content)
    return bool(last) and last.group(1).casefold() in _OPEN_ENDED and b.content[:1].isalnum()


def _fragments(lines: list[_Line | None]) -> int:
    """Lines that carry on the sentence of the line before: punctuation, a tail, a lower-case word after no full stop."""
    return sum(1 for a, b in _pairs(lines) if _CONTINUES.match(b.content) or _tail(a, b)
               or b.content[:1].islower() and not _ENDS_SENTENCE.search(a.content) and len(a.content.split()) >= _FRAGMENT_WORDS)


def _tail(a: _Line, b: _Line) -> bool:
    """b is the tail of an inline element on line a: " would mess up" under "Federal Reserve",
    " April 25 (Reuters)" under "KATHMANDU,"."""
    return (b.indent > a.indent and not _ENDS_SENTENCE.search(a.content)
            and (b.content[:1].islower() or a.content.endswith(",")))


def _join(lines: list[_Line | None], shape: Shape) -> list[list[_Line]]:
    """Group lines into blocks."""
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    blanks, link = 0, 0
    for i, line in enumerate(lines):
        if line is None:
            blanks += 1
            continue
        if previous is not None and not blanks and shape.markdown and link:
            groups[-1].append(line)  # a Markdown link's text or target goes on until it is closed
        elif previous is not None and not line.new_block and (
                _belongs(previous, line, lines, i, shape) if not blanks
                else blanks == 1 and shape.fragmented and _tail(previous, line)):  # a tail after a "\n" text node
            groups[-1].append(line)
        else:
            groups.append([line])
            link = 0
        previous, blanks = line, 0
        link = _link_open(line.content, link) if shape.markdown else 0
    return groups


def _link_open(text: str, state: int) -> int:
    """Where a Markdown link stands at the end of `text`, given where it stood before: 0 closed,
    1 inside its [text], 2 + depth inside its (target)."""
    previous = ""
    for char in text:
        if state == 0:
            state = 1 if char == "[" else 0
        elif state == 1:
            if char == "(" and previous == "]":
                state = 2
            elif char == "]" or char == "[":
                pass
            elif previous == "]":
                state = 0
        elif char == "(":
            state += 1
        elif char == ")":
            state = 0 if state == 2 else state - 1
        previous = char
    return 0 if state == 1 and previous == "]" else state


def _belongs(a: _Line, b: _Line, lines: list[_Line | None], i: int, shape: Shape) -> bool:
    if shape.width:
        width = dict(shape.margins).get(a.indent, shape.width)
        after = lines[i + 1] if i + 1 < len(lines) else None
        return _wrapped(a, b, width) and not _chrome_after_full_line(a, b, after, width)
    if not shape.fragmented:
        return False
    if _continues(a, b):
        return True
    # An inline element between two halves of a sentence: "the blog\nWealthynickel\n, two batches".
    after = lines[i + 1] if i + 1 < len(lines) else None
    return (after is not None and not after.new_block and len(b.content.split()) <= _INLINE_WORDS
            and not _ENDS_SENTENCE.search(a.content) and (_CONTINUES.match(after.content) or _tail(b, after)))


def _glue(group: list[_Line]) -> str:
    """The block's text as the tool wrote it, its line breaks undone."""
    text = group[0].content
    for line in group[1:]:
        piece = line.content
        if text.endswith("-") and text[-2:-1].isalnum() or _CONTINUES.match(piece):
            text += piece
        else:
            text += " " + piece
    return text


# Words a sentence does not end on (articles, prepositions, conjunctions): a line ending in one
# was cut by an inline element.
_OPEN_ENDED = FUNCTION_WORDS - {"this", "that", "not", "no", "vs", "is", "are", "was", "were", "be", "has", "have",
                                "will", "er", "var", "ist", "sind", "nicht", "zijn", "niet", "ikke", "mi", "mı", "da",
                                "bu", "gibi", "om", "i", "de", "en", "et", "ei"}
