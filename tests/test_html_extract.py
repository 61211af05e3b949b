"""HTML article extraction: what trafilatura finds, how babelwire sets it in lines,
what it takes out of it, and when it asks a second engine."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import jsonl

from ingest.cli import main
from ingest.clean import page, second
from ingest.clean.text import Block

PROSE = [
    "The new harbour bridge opened on Monday after three years of construction work in the city centre.",
    "Thousands of residents walked across the bridge on the first day, the mayor said in a statement to the press.",
    "The bridge links the old town with the new district on the other side of the harbour, cutting travel times.",
    "Engineers said the steel deck was lifted into place in one night last spring, a first for the region.",
    "Shops on both ends of the bridge reported more customers than on any weekend since the works began.",
]


def ingest_page(tmp_path, html: str) -> dict:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--no-translate", "-q", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return jsonl(result.stdout)[0]


def article(*inner: str, after: str = "") -> str:
    """A news page: title, five paragraphs with `inner` after the second, anything `after` </html>."""
    first, rest = ("".join(f"<p>{line}</p>" for line in part) for part in (PROSE[:2], PROSE[2:]))
    return (f"<html><head><title>Harbour bridge opens</title></head><body><article><h1>Harbour bridge opens</h1>"
            f"{first}{''.join(inner)}{rest}</article></body></html>{after}")


def test_list_items_are_lines_of_their_own_not_glued_words(tmp_path):
    record = ingest_page(tmp_path, article("<ul><li>Toll free for cyclists</li><li>Open day and night</li></ul>"))
    paragraphs = record["text"].split("\n\n")
    assert "Toll free for cyclists" in paragraphs and "Open day and night" in paragraphs


def test_line_break_inside_a_paragraph_does_not_glue_words(tmp_path):
    record = ingest_page(tmp_path, article("<p>Opening hours of the visitor centre on the bridge<br>Monday to Friday from nine to five</p>"))
    assert "bridgeMonday" not in record["text"]
    assert "Monday to Friday from nine to five" in record["text"].split("\n\n")


def test_table_row_is_one_line_with_its_cells_apart(tmp_path):
    table = "<table><tr><td>Length of the bridge</td><td>410 metres</td></tr><tr><td>Cost</td><td>90 million</td></tr></table>"
    record = ingest_page(tmp_path, article(table))
    assert "Length of the bridge | 410 metres" in record["text"].split("\n\n")
    assert not [r for r in record["removed"] if r["text"] in ("Length of the bridge", "410 metres")]


def test_line_that_is_all_link_text_is_removed_as_a_link_list(tmp_path):
    links = '<p><a href="/a">Ferry timetable changes for the winter season</a></p>'
    record = ingest_page(tmp_path, article(links))
    assert "Ferry timetable changes" not in record["text"]
    assert {"text": "Ferry timetable changes for the winter season", "reason": "link-list", "line": None} in record["removed"]


def test_prose_with_a_link_in_it_stays(tmp_path):
    line = 'The city council <a href="/c">published the full report</a> on the bridge costs on its website this morning.'
    record = ingest_page(tmp_path, article(f"<p>{line}</p>"))
    assert "The city council published the full report on the bridge costs on its website this morning." in record["text"]


def test_newsletter_line_closing_the_article_is_removed_as_chrome(tmp_path):
    closing = "<p>Sign up for our newsletter to get the latest news</p></article>"
    record = ingest_page(tmp_path, article().replace("</article>", closing))
    assert "newsletter" not in record["text"]
    assert record["text"].endswith(PROSE[-1])
    assert any(r["text"].startswith("Sign up for our newsletter") and r["reason"] == "subscribe" for r in record["removed"])


def test_text_after_closing_html_tag_is_kept_in_text_or_removed(tmp_path):
    late = "Correction: an earlier version of this article gave the wrong length for the bridge deck."
    record = ingest_page(tmp_path, article(after=f"\n<p>{late}</p>\n"))
    assert late in record["text"] or any(r["text"] == late for r in record["removed"])


def page_with_article(extra: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in PROSE * 3)
    return (f"<html><head><title>Bridge</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<div id='story'><h1>Bridge</h1>{paragraphs}</div>{extra}</body></html>")


def test_second_opinion_taken_when_trafilatura_keeps_only_a_teaser():
    html = page_with_article()
    teaser = [Block("paragraph", PROSE[0])]
    blocks = second.opinion(html, teaser, page.lines(html), "page.html", fallback=lambda: teaser)
    assert len(blocks) >= 10 and PROSE[4] in [b.text for b in blocks]


def test_second_opinion_not_taken_when_trafilatura_keeps_the_article():
    html = page_with_article()
    found = [Block("paragraph", line) for line in PROSE * 3]
    assert second.doubt(found, page.lines(html)) is None
    assert second.opinion(html, found, page.lines(html), "page.html", fallback=lambda: []) is found


def test_second_opinion_cuts_an_article_that_is_most_of_the_page():
    html = page_with_article()
    menu = [Block("paragraph", f"Section {n} of the site with its own headline and more words") for n in range(200)]
    blocks = second.opinion(html, menu, page.lines(html), "page.html", fallback=lambda: menu)
    assert second.doubt(menu, page.lines(html)) == "bloated"
    assert [b.text for b in blocks if b.text in PROSE] and not [b for b in blocks if b.text.startswith("Section")]


TWEET = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">Walked the new bridge this '
         'morning and the view over the harbour is worth every minute of the wait</p>&mdash; Jane Walker (@janewalks) '
         '<a href="https://twitter.com/janewalks/status/1">May 4, 2026</a></blockquote></div>')


def test_post_embedded_in_the_article_is_kept_in_its_place(tmp_path):
    paragraphs = ingest_page(tmp_path, article(TWEET))["text"].split("\n\n")
    post = "Walked the new bridge this morning and the view over the harbour is worth every minute of the wait"
    assert paragraphs[paragraphs.index(post) - 1 : paragraphs.index(post) + 3] == [
        PROSE[1], post, "— Jane Walker (@janewalks) May 4, 2026", PROSE[2]]


def test_post_embedded_beside_the_article_stays_out(tmp_path):
    record = ingest_page(tmp_path, article().replace("<article>", f"<aside>{TWEET}</aside><article>"))
    assert "Walked the new bridge" not in record["text"]
    assert record["text"].startswith(PROSE[0])


LOST = "The opening ceremony drew a crowd of more than twenty thousand people to both banks of the harbour."


def test_paragraph_the_extractor_drops_between_two_article_paragraphs_is_put_back(tmp_path):
    # trafilatura drops a container whose class reads like page furniture ("expand"), text and all.
    paragraphs = ingest_page(tmp_path, article(f'<div class="body-expandable"><p>{LOST}</p></div>'))["text"].split("\n\n")
    assert paragraphs[1:4] == [PROSE[1], LOST, PROSE[2]]


def test_figure_caption_between_two_article_paragraphs_is_not_put_back(tmp_path):
    figure = f'<figure><img src="/bridge.jpg" alt=""><figcaption>{LOST}</figcaption></figure>'
    record = ingest_page(tmp_path, article(figure))
    assert LOST not in record["text"]


def test_hover_card_after_a_link_is_taken_out_of_the_sentence(tmp_path):
    card = ('<p>The bridge was opened by Mayor <a href="/people/berg">Ann Berg</a><span class="card"><a href="/people/berg">'
            'Ann Margaret Berg</a><a href="/n/1">Berg wins second term in city vote</a> <a href="/n/2">Council approves '
            'harbour budget</a> <a href="/people/berg">MORE</a></span>, who cut the ribbon at noon.</p>')
    record = ingest_page(tmp_path, article(card))
    assert "The bridge was opened by Mayor Ann Berg, who cut the ribbon at noon." in record["text"].split("\n\n")
    assert "second term" not in record["text"]
    assert [r["reason"] for r in record["removed"] if r["text"].startswith("Ann Margaret Berg")] == ["hover-card"]


def test_lines_after_the_element_holding_the_article_are_removed(tmp_path):
    box = ("<h3>Morning Briefing</h3><h4>Get the day's big stories and more, every weekday morning.</h4>"
           "<p>Thanks for signing up!</p><p>Keep an eye on your inbox for the latest news.</p>")
    story = "".join(f"<p>{line}</p>" for line in PROSE)
    html = (f"<html><head><title>Harbour bridge opens</title></head><body><h1>Harbour bridge opens</h1>"
            f"<div><div>{story}</div><div>{box}</div></div></body></html>")
    record = ingest_page(tmp_path, html)
    assert record["text"].split("\n\n") == PROSE
    assert {"text": "Thanks for signing up!", "reason": "outside-article", "line": None} in record["removed"]
