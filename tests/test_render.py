"""tests/render.py: every scraper the shape tests use is installed and renders as that tool does."""

from __future__ import annotations

import collections
import re

import pytest
from conftest import DATA
from render import TOOLS, render

PAGE = (DATA / "page.html").read_text(encoding="utf-8")
PARAGRAPHS = re.findall(r"<p>(.*?)</p>", PAGE)
FIRST = PARAGRAPHS[0]  # 180 characters: every wrapping tool breaks it


def words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", text.casefold()))


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tool_writes_every_paragraph_word(tool):
    text = words(render(PAGE, tool))
    for paragraph in PARAGRAPHS:
        assert words(paragraph) - text == collections.Counter(), paragraph


@pytest.mark.parametrize("tool, width", [("lynx80", 80), ("lynx80-refs", 80), ("w3m80", 80), ("links80", 80),
                                         ("pandoc72", 72), ("h2t", 78)])
def test_wrapping_tools_break_a_paragraph_at_their_width(tool, width):
    lines = render(PAGE, tool).splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    assert not any(FIRST in line for line in lines)


@pytest.mark.parametrize("tool", ["w3m-wide", "h2t-wide", "bs4", "inscriptis"])
def test_unwrapped_tools_write_a_paragraph_on_one_line(tool):
    assert any(FIRST in line for line in render(PAGE, tool).splitlines())


def test_lynx_refs_numbers_the_links_and_lists_them_at_the_end():
    plain, refs = render(PAGE, "lynx80"), render(PAGE, "lynx80-refs")
    assert "[1]Home" in refs and "\nReferences\n" in refs
    assert "[1]" not in plain and "References" not in plain


def test_no_tool_fetches_what_the_page_embeds(http_server):
    page = f'<html><body><p>A quiet page.</p><iframe src="{http_server}/page.html"></iframe></body></html>'
    for tool in TOOLS:
        assert "breakwater" not in render(page, tool), tool
