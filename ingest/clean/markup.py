"""Markup that scraping tools write into text, read and taken off a block.

html2text writes Markdown: `# headings`, `**bold**`, `[text](url)` links,
`![alt](src)` images, bullets, tables and rules. Text browsers write markers:
`(BUTTON)`, `[IMG]`, `IFRAME: url`, form fields drawn with underscores or
brackets, `[12]` before each link and a closing list of URLs. What a block
is made of is evidence of what it is: a block that is mostly link text is a
menu or a teaser, one that is only an image, a button or a URL is chrome.
The block keeps the text a reader sees, and `links`, the share of it that
was link text.
"""

from __future__ import annotations

import re

from .block import Block

_MD_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)")
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?$")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_)])(.+?)(?<=[^\s*_(\\])\1(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_RULE = re.compile(r"(?:[-*_=~]\s*){3,}$")

_BUTTON = re.compile(r"\(BUTTON\)\s*|\[BUTTON\]\s*")
_IMAGE = re.compile(r"\[(?:|IMG|INLINE|image|img|LINK|spacer|EMBED|[^\]\s]*\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?[^\]\s]*)?)\]\s*", re.I)
_IFRAME = re.compile(r"^IFRAME:\s*\S*", re.I)
_FIELD = re.compile(r"_{4,}|\[\s{2,}\]|\[[ xX*]\]|\([ *o]\)")
_LINK_NUMBER = re.compile(r"\[(\d{1,4})\](?=\S)")
_URL = re.compile(r"^(?:\d{1,4}\.\s+)?(?:https?://|www\.|file:|mailto:)\S*$")
_SPACES = re.compile(r"[ \t]{2,}")
_LINK_TEXT = re.compile(r"[^\[.,;:!?]{0,40}")

# A line without any of these carries no markup this module reads (rules aside: they are all markup).
_MARKUP_CHARS = re.compile(r"[\[\]()_|]|^(?:IFRAME:|https?://|www\.|file:|mailto:|\d{1,4}\.\s)|^(?:[-*_=~]\s*){3,}$", re.I)

# Markdown links or images that make a page Markdown, rather than a text quoting one.
_MARKDOWN_SIGNS = 3


def is_markdown(contents: list[str]) -> bool:
    """Markdown written by a tool: links, images or `#` headings on several lines."""
    signs = 0
    for text in contents:
        if "](" in text or text.startswith("#") and _MD_HEADING.match(text):
            signs += 1
            if signs >= _MARKDOWN_SIGNS:
                return True
    return False


def parse(raw: str, markdown: bool, line: int, item: int = 0) -> Block:
    """The block of `raw` (one block's text, wrapping undone; `item`: length of its list marker):
    what a reader sees, its link share, and its heading level."""
    text, level, marker = raw[item:], 0, None
    if not markdown and not _MARKUP_CHARS.search(text):  # most lines of most scrapes: nothing to take off
        block = Block("paragraph", text.strip(), line, raw, item=item > 0)
        if _RULE.match(text):
            block.text, block.marker = "", "rule"
        return block
    links = 0
    text, images = _MD_IMAGE.subn("", text) if "![" in text else (text, 0)
    if "](" in text:
        text, links = _markdown_links(text)
    if markdown:
        heading = _MD_HEADING.match(text)
        if heading:
            text, level = heading.group(2), len(heading.group(1))
        if _MD_TABLE_RULE.match(text) or _RULE.match(text):
            text, marker = "", "rule"
        text = _MD_STRONG.sub(r"\2", text)
        text = _MD_EMPHASIS.sub(r"\2", text)
        text = _MD_ESCAPE.sub(r"\1", text)
        text = text.strip().strip("|").strip() if text.startswith("|") else text
    elif _RULE.match(text):
        text, marker = "", "rule"
    if images and not text.strip():
        marker = "image"
    before = text
    text, marker, more = _browser(text, marker)
    links += more
    text = _SPACES.sub(" ", text).strip() if markdown or images or links or text != before else text.strip()
    block = Block("paragraph", text, line, raw, level=level)
    block.links = min(1.0, links / len(text)) if text else 0.0
    block.item = item > 0
    if marker and (not text or marker in ("button", "embed", "url")):
        block.marker = marker
    return block


def _markdown_links(text: str) -> tuple[str, int]:
    """Links replaced by their text; how many characters of the result were link text."""
    size = 0
    pieces, last = [], 0
    for match in _MD_LINK.finditer(text):
        pieces.append(text[last:match.start()])
        inner = _MD_LINK.sub(lambda m: m.group(1), match.group(1))
        pieces.append(inner)
        size += len(inner.strip())
        last = match.end()
    pieces.append(text[last:])
    text = "".join(pieces)
    text, autolinks = _MD_AUTOLINK.subn(r"\1", text)
    if autolinks:
        size += sum(len(m) for m in _MD_AUTOLINK.findall("".join(pieces)))
    return text, size


def _browser(text: str, marker: str | None) -> tuple[str, str | None, int]:
    """Text-browser markers taken off: buttons, images, iframes, form fields, link numbers, bare URLs."""
    if _IFRAME.match(text):
        return "", "embed", 0
    if _URL.match(text):
        return "", "url", 0
    if "(BUTTON)" in text or "[BUTTON]" in text:
        text = _BUTTON.sub("", text)
        marker = marker or "button"
    if "[" in text:
        text, images = _IMAGE.subn("", text)
        if images and not text.strip():
            marker = marker or "image"
    stripped, fields = _FIELD.subn("", text) if "_" in text or "[" in text or "(" in text else (text, 0)
    if fields:
        text = stripped
        marker = marker or ("form" if not text.strip() else None)
    links = 0
    if "[" in text and _LINK_NUMBER.search(text):
        links = sum(len(_LINK_TEXT.match(text, m.end()).group().strip()) for m in _LINK_NUMBER.finditer(text))
        text = _LINK_NUMBER.sub("", text)
    return text, marker, links
