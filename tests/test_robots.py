"""robots.txt (RFC 9309) for the pages feeds and sitemaps lead `refresh` to: the rules, and what a 404 or 503 means —
the rules on their own, and `refresh` against sites on loopback (tests/livesites.py)."""

from __future__ import annotations

import pytest
from livesites import Site, serve
from test_refresh_change import records, refresh, summary, url_list, write_config


def parse(data: bytes, token: str = "babelwire"):
    from ingest.read.robots import parse

    return parse(data, token)


def allowed(text: str, path: str, token: str = "babelwire") -> bool:
    return parse(text.encode("utf-8"), token).allows("https://news.example" + path)


@pytest.mark.parametrize("path,expected", [
    ("/news/a.html", True),
    ("/private/a.html", False),
    ("/private/public/a.html", True),  # the longer rule wins
    ("/private/publicity.html", True),
    ("/archive.html", True),  # `/archive$` is the path itself only
    ("/archive", False),
    ("/print/a.pdf", False),  # `*` spans any run of characters
    ("/print/a.pdf?x=1", True),  # `$` anchors the end
    ("/search?q=storm", False),
    ("/robots.txt", True),  # always allowed
])
def test_the_longest_matching_rule_wins_with_wildcards_and_anchors(path, expected):
    text = ("User-agent: *\nDisallow: /\n\n"
            "User-agent: babelwire\nDisallow: /private/\nAllow: /private/public\nDisallow: /archive$\n"
            "Disallow: /*.pdf$\nDisallow: /search?\nAllow: /\n")
    assert allowed(text, path) is expected


def test_allow_wins_a_tie_between_rules_of_the_same_length():
    assert allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page.html")
    assert allowed("User-agent: *\nAllow: /page\nDisallow: /page\n", "/page.html")


def test_the_groups_naming_babelwire_are_combined_and_the_star_group_is_then_ignored():
    text = ("User-agent: BabelWire/1.0\nDisallow: /a/\n\nUser-agent: *\nDisallow: /b/\n\n"
            "User-agent: otherbot\nUser-agent: babelwire\nDisallow: /c/\n")
    assert not allowed(text, "/a/x.html") and not allowed(text, "/c/x.html")
    assert allowed(text, "/b/x.html")
    assert not allowed(text, "/b/x.html", token="somebot")  # another crawler gets the * group


def test_paths_are_compared_with_their_percent_encoding_made_even():
    text = "User-agent: *\nDisallow: /foo/bar/%62%61%7A\nDisallow: /ünï\nDisallow: /a%3cb\n"
    assert not allowed(text, "/foo/bar/baz")
    assert not allowed(text, "/%C3%BCn%C3%AF/page.html")
    assert not allowed(text, "/a%3Cb")


def test_an_empty_disallow_and_lines_outside_any_group_forbid_nothing():
    assert allowed("Disallow: /\nUser-agent: *\nDisallow:\n", "/news/a.html")


def test_crawl_delay_is_read_and_bounded():
    assert parse(b"User-agent: *\nCrawl-delay: 2.5\n").crawl_delay == 2.5
    assert parse(b"User-agent: *\nCrawl-delay: 86400\n").crawl_delay == 60.0
    assert parse(b"User-agent: *\nCrawl-delay: soon\n").crawl_delay is None


# ------------------------------------------------------------------ refresh


@pytest.fixture
def sites():
    started = serve(Site("127.0.0.2"), Site("127.0.0.3"))
    yield started
    for site in started:
        site.stop()


def feed_of(site: Site, paths: list[str]) -> str:
    site.feed("/feed.xml", paths)
    return f'[[source]]\nfeed = "{site.url("/feed.xml")}"\n'


def test_a_page_robots_txt_disallows_is_skipped_counted_and_named_under_v_not_an_error(tmp_path, sites):
    site, _ = sites
    paths = site.add(1, "/news/") + site.add(1, "/members/", first=1)
    site.serve("/robots.txt", "User-agent: *\nDisallow: /\n\nUser-agent: babelwire\nDisallow: /members/\n", "text/plain")
    config = write_config(tmp_path, feed_of(site, paths))
    result = refresh(config, "-v")
    assert result.exit_code == 0 and "error:" not in result.stderr
    assert [r["source"]["url"] for r in records(config)] == [site.url(paths[0])]
    assert paths[1] not in site.paths() and site.paths().count("/robots.txt") == 1
    assert f"{site.url(paths[1])}: skipped: {site.base}/robots.txt disallows it for babelwire" in result.stderr
    assert "1 new, 0 changed, 1 skipped" in summary(result) and summary(result).endswith("1 skipped by robots.txt")


def test_robots_txt_is_fetched_once_per_host_per_run_and_asked_for_as_babelwire(tmp_path, sites):
    site, _ = sites
    paths = site.add(3)
    site.serve("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    config = write_config(tmp_path, feed_of(site, paths))
    refresh(config)
    assert site.paths().count("/robots.txt") == 1 and len(records(config)) == 3
    robots = next(r for r in site.log if r.path == "/robots.txt")
    assert robots.headers["User-Agent"].startswith("babelwire/")
    assert robots.start < min(r.start for r in site.log if r.path in paths)


def test_robots_txt_that_is_not_there_allows_everything(tmp_path, sites):
    site, _ = sites
    paths = site.add(2)  # /robots.txt answers 404
    config = write_config(tmp_path, feed_of(site, paths))
    result = refresh(config)
    assert result.exit_code == 0 and len(records(config)) == 2
    assert ("/robots.txt", 404) in [(r.path, r.status) for r in site.log]


def test_a_host_whose_robots_txt_fails_with_503_is_left_alone_this_run_and_read_the_next(tmp_path, sites):
    down, up = sites
    down_paths, up_paths = down.add(2), up.add(1, first=5)
    down.serve("/robots.txt", "busy", "text/plain", status=503)
    config = write_config(tmp_path, feed_of(down, down_paths) + f'\n[[source]]\nurls = "urls.txt"\n')
    (tmp_path / "urls.txt").write_text(up.url(up_paths[0]) + "\n", encoding="utf-8")
    first = refresh(config, "-v")
    assert first.exit_code == 0 and "error:" not in first.stderr
    assert [r.path for r in down.log] == ["/feed.xml", "/robots.txt"]  # nothing else asked of it
    assert [r["source"]["url"] for r in records(config)] == [up.url(up_paths[0])]
    assert f"{down.base}/robots.txt: HTTP 503; 127.0.0.2 is left alone in this run" in first.stderr
    assert summary(first).endswith("2 skipped by robots.txt")
    del down.files["/robots.txt"]
    second = refresh(config)
    assert sorted(r["source"]["url"] for r in records(config)[1:]) == sorted(down.url(p) for p in down_paths)
    assert "2 new" in summary(second)


def test_pages_a_user_listed_are_fetched_whatever_robots_txt_says(tmp_path, sites):
    site, _ = sites
    paths = site.add(1)
    site.serve("/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain")
    config = url_list(tmp_path, site, paths)
    refresh(config)
    assert len(records(config)) == 1 and "/robots.txt" not in site.paths()


def test_respect_robots_false_never_asks_for_robots_txt(tmp_path, sites):
    site, _ = sites
    paths = site.add(1)
    site.serve("/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain")
    config = write_config(tmp_path, feed_of(site, paths), "respect_robots = false")
    refresh(config)
    assert len(records(config)) == 1 and "/robots.txt" not in site.paths()


def test_crawl_delay_spaces_the_requests_to_its_host(tmp_path, sites):
    site, _ = sites
    paths = site.add(3)
    site.serve("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
    config = write_config(tmp_path, feed_of(site, paths))  # host_delay = 0
    refresh(config)
    pages = [r for r in site.log if r.path in paths]
    assert len(pages) == 3
    # Server-side times: a request starts at least the delay after the one before it ended.
    assert all(b.start - a.end >= 0.4 for a, b in zip(pages, pages[1:]))
