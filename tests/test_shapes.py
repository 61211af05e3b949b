"""Scrapes as real tools write them: one page rendered by each tool gives the same article."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner
from conftest import jsonl
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from render import TOOLS, render

from ingest.clean import shape
from ingest.cli import main

HEADLINE = "Harbour bridge will be rebuilt after years of delay, the council decided on Tuesday evening"
PARAGRAPHS = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed since the storm in "
    "March, after years of argument about its cost and about who should pay for the work.",
    "Engineers had warned for years that the steel was weakening, and the mayor said the repairs could not wait any "
    "longer because the ferry that replaced the bridge was already running at full capacity.",
    "Work starts in the autumn",
    "Work is expected to start in the autumn and to take about two years, during which a ferry will carry cyclists "
    "and pedestrians across the harbour free of charge.",
    "Residents who live near the bridge said they were relieved that the long argument about its future was finally "
    "over, although some worried about the noise of the building work.",
]
TEASERS = ["Ferry timetable changes announced for the summer season", "Local football club signs a new goalkeeper from abroad",
           "Police search for owner of a stray horse found in the park"]

PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{HEADLINE} | Coastal Times</title></head>
<body>
<header><a href="/">Coastal Times</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/business">Business</a></li></ul></nav>
<form action="/search"><input type="text" name="q"><button>Search</button></form>
</header>
<main><article>
<h1>{HEADLINE}</h1>
<p class="byline">By Jane Smith</p>
<p class="date">Published Saturday 14 December 2019 at 10:42 local time, updated Sunday 15 December 2019 at 08:15</p>
<figure><img src="/img/bridge.jpg" alt="The closed harbour bridge"><figcaption>The closed harbour bridge on Monday. Photo: Coastal Times</figcaption></figure>
<p>The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed since the storm in March,
after <a href="/story/1">years of argument</a> about its cost and about who should pay for the work.</p>
<p>Engineers had warned for years that the steel was weakening, and the mayor said the repairs could not wait any longer
because the ferry that replaced the bridge was <b>already</b> running at full capacity.</p>
<h2>Work starts in the autumn</h2>
<p>Work is expected to start in the autumn and to take about two years, during which a ferry will carry cyclists and
pedestrians across the harbour free of charge.</p>
<p>Residents who live near the bridge said they were relieved that the long argument about its future was finally over,
although some worried about the noise of the building work.</p>
</article>
<aside><h3>Most read</h3><ul>{"".join(f'<li><a href="/{i}">{t}</a></li>' for i, t in enumerate(TEASERS))}</ul></aside>
</main>
<footer><p>© 2024 Coastal Times. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def scrapes(tmp_path_factory) -> dict[str, str]:
    """PAGE as each tool writes it, rendered once."""
    return {tool: render(PAGE, tool) for tool in TOOLS}


def _record(tmp_path, text: str) -> dict:
    path = tmp_path / "scrape.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--no-translate", "-q", str(path)])
    assert result.exit_code == 0, result.stderr
    [record] = jsonl(result.stdout)
    return record


@pytest.mark.parametrize("tool", TOOLS)
def test_each_tools_scrape_gives_the_article_paragraph_by_paragraph(tool, scrapes, tmp_path):
    record = _record(tmp_path, scrapes[tool])
    assert record["text"].split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize("tool", TOOLS)
def test_each_tools_scrape_gives_the_headline_as_title_and_the_byline_and_dates(tool, scrapes, tmp_path):
    record = _record(tmp_path, scrapes[tool])
    assert (record["title"], record["author"]) == (HEADLINE, "Jane Smith")
    assert [(d["value"], d["role"]) for d in record["dates"]] == [("2019-12-14", "published"), ("2019-12-15", "updated")]


@pytest.mark.parametrize("tool", TOOLS)
def test_each_tools_menu_teasers_and_footer_are_removed(tool, scrapes, tmp_path):
    record = _record(tmp_path, scrapes[tool])
    removed = " ".join(r["text"] for r in record["removed"])
    for chrome in ["Sport", "Business", *TEASERS, "All rights reserved", "Privacy policy"]:
        assert chrome not in record["text"]
        assert chrome in removed


@pytest.mark.parametrize("tool", ["lynx80", "w3m80", "links80", "pandoc72", "h2t"])
def test_a_wrapped_paragraph_is_one_segment(tool, scrapes, tmp_path):
    record = _record(tmp_path, scrapes[tool])
    assert [s["text"] for s in record["segments"] if s["kind"] == "paragraph"] == [p for p in PARAGRAPHS if p.endswith(".")]


def test_removed_block_names_the_input_line_it_starts_on(scrapes, tmp_path):
    scrape = scrapes["lynx80"]
    record = _record(tmp_path, scrape)
    [caption] = [r for r in record["removed"] if "on Monday" in r["text"]]
    first = next(n for n, line in enumerate(scrape.splitlines(), start=1) if "The closed harbour bridge" in line)
    assert caption["line"] == first
    assert "\n" not in caption["text"]  # the tool's wrapping undone in `removed` too


# ---------------------------------------------------------------- the shape pass on its own
_WORD = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzæøåçğışöü"), min_size=1, max_size=12)
_SENTENCE = st.lists(st.one_of(_WORD, _WORD.map(str.capitalize), _WORD.map(lambda w: w + ","), _WORD.map(lambda w: w + "-" + w)),
                     min_size=3, max_size=20).map(lambda words: " ".join(words) + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


@settings(max_examples=100, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6), st.integers(30, 120), st.sampled_from(["", "   "]))
def test_reflowing_loses_adds_or_reorders_no_word(paragraphs, width, indent):
    wrapped = "\n\n".join(textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) for p in paragraphs)
    _, blocks = shape.read_blocks(wrapped)
    assert _alnum("".join(b.raw for b in blocks)) == _alnum(wrapped)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=3, max_size=6), st.integers(40, 120))
def test_paragraphs_wrapped_by_a_tool_come_back_whole(paragraphs, width):
    """Given an article's worth of wrapped lines (a page with a handful of wraps is not known to be wrapped)."""
    filled = [textwrap.wrap(p, width) for p in paragraphs]
    assume(sum(len(line.split()) >= 5 for lines in filled for line in lines[:-1]) >= 12)
    wrapped = "\n\n".join("\n".join(lines) for lines in filled)
    _, blocks = shape.read_blocks(wrapped)
    assert [b.text for b in blocks] == paragraphs


def test_a_block_a_line_scrape_is_not_joined():
    lines = ["Home", "Harbour bridge will be rebuilt", "By Jane Smith", *PARAGRAPHS, "Most read", *TEASERS]
    page, blocks = shape.read_blocks("\n".join(lines))
    assert page.width is None
    assert [b.text for b in blocks] == lines


def test_sentence_broken_at_inline_elements_is_one_block():
    scrape = "According to the finance blog\nWealthynickel\n, two batches of bills are rare.\n'It is very rare that the\nFederal Reserve\n would mess up an order,' he told\nFox\n.\nMost read\nNews\nSport"
    page, blocks = shape.read_blocks(scrape)
    assert page.fragmented
    assert [b.text for b in blocks] == ["According to the finance blog Wealthynickel, two batches of bills are rare.",
                                        "'It is very rare that the Federal Reserve would mess up an order,' he told Fox.",
                                        "Most read", "News", "Sport"]


def test_markdown_links_keep_their_text_and_count_as_links():
    page = "[Home](/)\n\n[News](/news)\n\nRead [the council's report](https://example.com/report?id=1 \"Report\") in **full** here."
    _, blocks = shape.read_blocks(page)
    assert [b.text for b in blocks] == ["Home", "News", "Read the council's report in full here."]
    assert [b.links for b in blocks][:2] == [1.0, 1.0]
    assert 0.5 < blocks[2].links < 0.7


def test_markdown_link_target_broken_by_the_wrap_is_rejoined():
    text = ("# Title of the page\n\nThe mayor [spoke](https://example.com/news/harbour-\nbridge-vote) at length, and the council voted "
            "on\nTuesday to rebuild the bridge that was closed in March after the storm.\n\n[Home](/) [News](/news) [Sport](/sport)")
    _, blocks = shape.read_blocks(text)
    assert [b.text for b in blocks][1].startswith("The mayor spoke at length")
    assert blocks[0].level == 1


@pytest.mark.parametrize("line, marker", [
    ("![A harbour at dawn](/img/harbour.jpg)", "image"),
    ("[IMG]", "image"),
    ("[harbour-bridge.jpg?w=600]", "image"),
    ("IFRAME: https://www.googletagmanager.com/ns.html?id=GTM-1", "embed"),
    ("____________________ (BUTTON) Search", "button"),
    ("[                    ]", "form"),
    ("12. https://example.com/news/harbour", "url"),
    ("* * *", "rule"),
])
def test_what_a_tool_draws_instead_of_text_is_marked(line, marker):
    _, [block] = shape.read_blocks(f"{line}\n")
    assert block.marker == marker
