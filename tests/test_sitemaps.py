"""`[[source]] sitemap = "URL"`: indexes, urlsets, Google News sitemaps, gzip, lastmod, limits and malformed ones —
the parser on its own, and `refresh` against a site on loopback (tests/livesites.py)."""

from __future__ import annotations

import gzip

import pytest
from livesites import Site, serve
from test_refresh_change import records, refresh, summary, write_config

from ingest.errors import InputError


@pytest.fixture
def site():
    (started,) = serve(Site("127.0.0.2"))
    yield started
    started.stop()


def source(site: Site, path: str = "/sitemap.xml") -> str:
    return f'[[source]]\nsitemap = "{site.url(path)}"\n'


def news_site(site: Site) -> tuple[list[str], list[str]]:
    """An index of a gzipped Google News sitemap and a plain one with lastmod; the paths of each."""
    news, archive = site.add(2, "/news/"), site.add(2, "/archive/", first=2)
    site.urlset("/news-sitemap.xml.gz", news, news=True, compress=True)
    site.urlset("/archive-sitemap.xml", archive)
    site.index("/sitemap.xml", {"/news-sitemap.xml.gz": "2024-02-17T10:00:00Z", "/archive-sitemap.xml": "2024-01-31"})
    return news, archive


def test_a_sitemap_index_with_a_gzipped_news_sitemap_gives_every_page(tmp_path, site):
    news, archive = news_site(site)
    config = write_config(tmp_path, source(site))
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    assert sorted(r["source"]["url"] for r in records(config)) == sorted(site.url(p) for p in news + archive)
    assert [p for p in site.paths() if "sitemap" in p] == ["/sitemap.xml", "/news-sitemap.xml.gz", "/archive-sitemap.xml"]


def test_a_sitemap_whose_lastmod_has_not_moved_is_not_fetched_again_nor_are_its_pages(tmp_path, site):
    news, archive = news_site(site)
    config = write_config(tmp_path, source(site))
    refresh(config)
    site.log.clear()
    result = refresh(config)
    assert site.paths() == ["/sitemap.xml"]
    assert summary(result).startswith("babelwire refresh: 0 new, 0 changed, 0 skipped, 0 failed")


def test_a_page_whose_news_title_moved_is_fetched_again_and_the_others_are_not(tmp_path, site):
    news, archive = news_site(site)
    config = write_config(tmp_path, source(site))
    refresh(config)
    site.articles[news[0]].title = "The harbour reopens a week late"
    site.urlset("/news-sitemap.xml.gz", news, news=True, compress=True)
    site.index("/sitemap.xml", {"/news-sitemap.xml.gz": "2024-02-17T11:00:00Z", "/archive-sitemap.xml": "2024-01-31"})
    site.log.clear()
    refresh(config)
    assert [path for path in site.paths() if path != "/robots.txt"] == ["/sitemap.xml", "/news-sitemap.xml.gz", news[0]]
    assert [(r["title"], r["revision"]) for r in records(config)[4:]] == [("The harbour reopens a week late", 2)]


def test_a_malformed_sitemap_is_one_error_line_naming_it_and_the_other_sources_go_on(tmp_path, site):
    (inbox := tmp_path / "inbox").mkdir()
    (inbox / "a.txt").write_text("The harbour reopened on Saturday after three months of repairs to the breakwater.\n", encoding="utf-8")
    site.serve("/sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/a</url>')
    config = write_config(tmp_path, source(site) + '\n[[source]]\nfolder = "inbox"\n')
    result = refresh(config)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {site.url('/sitemap.xml')}: malformed sitemap (mismatched tag at line 1)"]
    assert [r["source"]["path"] for r in records(config)] == [str(inbox / "a.txt")]


@pytest.mark.parametrize("body,reason", [
    (b"", "the sitemap is empty"),
    (b"<!doctype html><html><body>Not found</body></html>", "not a sitemap (an HTML page)"),
    (b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html></html>', "not a sitemap (an HTML page)"),
    (b"<html><body><p>Moved<br></body></html>", "not a sitemap (an HTML page)"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "an RSS or Atom feed is a feed source"),
    (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaa">]><urlset><url><loc>http://x/&a;</loc></url></urlset>', "it has a DOCTYPE"),
    (gzip.compress(b"<urlset>")[:12], "truncated gzip"),
])
def test_what_is_no_sitemap_is_refused_saying_why(body, reason):
    from ingest.read import sitemaps

    with pytest.raises(InputError) as caught:
        sitemaps.parse("https://news.example/sitemap.xml", body)
    assert reason in caught.value.message


def test_only_a_loc_directly_in_a_url_is_a_page_and_relative_ones_are_resolved():
    from ingest.read import sitemaps

    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
            b"<url><loc>/a.html</loc><image:image><image:loc>https://cdn.example/a.jpg</image:loc></image:image></url>"
            b"<url><loc>mailto:desk@news.example</loc></url></urlset>")
    parsed = sitemaps.parse("https://news.example/sitemap.xml", body)
    assert [entry.url for entry in parsed.entries] == ["https://news.example/a.html"]


def test_an_index_nested_deeper_than_the_limit_is_an_error_and_what_it_could_read_is_read(tmp_path, site):
    (page,) = site.add(1)
    site.urlset("/pages.xml", [page])
    site.index("/sitemap.xml", {"/level2.xml": None, "/pages.xml": None})
    site.index("/level2.xml", {"/level3.xml": None})
    site.index("/level3.xml", {"/pages.xml": None})
    config = write_config(tmp_path, source(site))
    result = refresh(config)
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {site.url('/level3.xml')}: a sitemap index 3 levels deep; at most 3 levels are followed"]
    assert [r["source"]["url"] for r in records(config)] == [site.url(page)]


def test_a_source_lists_at_most_max_urls_pages_a_run(tmp_path, site, monkeypatch):
    from ingest.read import sitemaps

    monkeypatch.setattr(sitemaps, "MAX_URLS", 2)
    paths = site.add(3)
    site.urlset("/sitemap.xml", paths)
    config = write_config(tmp_path, source(site))
    result = refresh(config, "-v")
    assert [r["source"]["url"] for r in records(config)] == [site.url(p) for p in paths[:2]]
    assert f"{site.url('/sitemap.xml')}: 1 page URLs not listed in this run: a sitemap source lists at most 2 a run" in result.stderr
