"""Feeds: relative article links, feeds that yield no link, and a feed given to `ingest` — on a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, jsonl
from test_refresh import Site, article, site  # noqa: F401  (the fixture)

from ingest.cli import EXIT_FAILED, main

RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>/</link>{}</channel></rss>'
ATOM = '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"{}><title>A</title><id>x</id>{}</feed>'
RDF = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
       '<channel rdf:about="x"><title>R</title></channel><item rdf:about="https://example.org/a"><title>a</title>'
       '<link>https://example.org/a</link></item></rdf:RDF>')


def entry(href: str, base: str = "") -> str:
    where = f' xml:base="{base}"' if base else ""
    return f'<entry{where}><title>{href}</title><link href="{href}"/><id>{href}</id><updated>2024-01-01T00:00:00Z</updated></entry>'


def feed_config(tmp_path: Path, site: Site, *paths: str) -> Path:
    config = tmp_path / "babelwire.toml"
    sources = "".join(f'\n[[source]]\nfeed = "{site.base}{path}"\n' for path in paths)
    config.write_text(f'output = "out"\noutput_layout = "single"\nhost_delay = 0\nallow_private_urls = true\n{sources}', encoding="utf-8")
    return config


def refresh(config: Path):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3")], catch_exceptions=False)


def fetched(config: Path) -> list[str]:
    path = config.parent / "out" / "babelwire.jsonl"
    return sorted(r["source"]["url"] for r in jsonl(path.read_text(encoding="utf-8"))) if path.exists() else []


def test_relative_links_resolve_against_the_feed_url_and_xml_base(tmp_path, site):
    entries = entry("/root.html") + entry("sibling.html") + entry("inner.html", base="/other/")
    site.pages = {
        "/news/atom.xml": (200, "application/atom+xml", ATOM.format("", entries)),
        "/news/rss.xml": (200, "application/rss+xml", RSS.format("<item><title>r</title><link>rss-item.html</link></item>")),
        **{p: (200, "text/html", article(f"Story at {p}")) for p in ("/root.html", "/news/sibling.html", "/other/inner.html", "/news/rss-item.html")},
    }
    config = feed_config(tmp_path, site, "/news/atom.xml", "/news/rss.xml")
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    assert fetched(config) == [f"{site.base}{p}" for p in ("/news/rss-item.html", "/news/sibling.html", "/other/inner.html", "/root.html")]


@pytest.mark.parametrize("body,kind,reason", [
    ("", "application/rss+xml", "the feed is empty (0 bytes)"),
    ((DATA / "page.html").read_text(encoding="utf-8"), "text/html", "not an RSS or Atom feed"),
    (RSS.format("<item><title>a</title><link>mailto:desk@example.org</link></item>"), "application/rss+xml", "none of the feed's 1 entries links an http(s) page"),
    ("<rss><channel><item><title>broken", "application/rss+xml", "malformed feed with no article links"),
], ids=["empty", "html-page", "no-web-links", "malformed"])
def test_a_feed_that_yields_no_links_is_an_error_that_says_why(tmp_path, site, body, kind, reason):
    site.pages = {"/feed.xml": (200, kind, body)}
    config = feed_config(tmp_path, site, "/feed.xml")
    result = refresh(config)
    assert result.exit_code == EXIT_FAILED
    assert result.stderr.splitlines()[0].startswith(f"error: {site.base}/feed.xml: {reason}")
    assert "0 new, 0 changed, 0 skipped, 1 failed" in result.stderr


def test_a_well_formed_feed_with_no_entries_is_empty_for_now_not_an_error(tmp_path, site):
    site.pages = {"/feed.xml": (200, "application/rss+xml", RSS.format(""))}
    result = refresh(feed_config(tmp_path, site, "/feed.xml"))
    assert result.exit_code == 0 and "error" not in result.stderr


@pytest.mark.parametrize("text", [
    RSS.format("<item><title>a</title><link>https://example.org/a</link></item>"),
    ATOM.format("", entry("https://example.org/a")),
    RDF,
    "\ufeff<?xml version='1.0'?>\n<!-- generated -->\n<?xml-stylesheet href='s.xsl'?>\n<rss version='2.0'><channel/></rss>",
], ids=["rss", "atom", "rss1-rdf", "bom-comment-stylesheet"])
def test_ingest_refuses_a_feed_file_in_one_line_that_names_refresh(tmp_path, text):
    feed = tmp_path / "feed.xml"
    feed.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--no-translate", str(feed), str(DATA / "nl_blog.txt")])
    assert result.exit_code == EXIT_FAILED
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in jsonl(result.stdout)] == ["nl_blog.txt"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {feed}: an RSS or Atom feed, not an article;")
    assert "babelwire refresh" in lines[0]


def test_ingest_refuses_a_feed_url_in_one_line_that_names_refresh(site):
    site.pages = {"/rss.xml": (200, "application/rss+xml", RSS.format(f"<item><title>a</title><link>{site.base}/a.html</link></item>"))}
    result = CliRunner().invoke(main, ["ingest", "--no-translate", "--allow-private-urls", f"{site.base}/rss.xml"])
    assert result.exit_code == EXIT_FAILED and result.stdout == ""
    assert result.stderr.startswith(f"error: {site.base}/rss.xml: an RSS or Atom feed, not an article;")
    assert [path for path, _ in site.requests] == ["/rss.xml"]


def test_an_xhtml_page_is_still_an_article(tmp_path):
    page = (DATA / "page.html").read_text(encoding="utf-8")
    xhtml = tmp_path / "page.xhtml"
    xhtml.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + page[page.index("<html"):], encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--no-translate", str(xhtml)])
    assert result.exit_code == 0, result.stderr
    assert len(jsonl(result.stdout)) == 1
