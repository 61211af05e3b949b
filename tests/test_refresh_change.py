"""`babelwire refresh` on the live web: change means the article changed, and what is known is not fetched again —
against news sites on loopback whose pages change their chrome on every request (tests/livesites.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import jsonl
from livesites import Site, serve

from ingest.cli import main
from ingest.cron.state import State


@pytest.fixture
def site():
    (started,) = serve(Site("127.0.0.2"))
    yield started
    started.stop()


def write_config(tmp_path: Path, sources: str, extra: str = "", host_delay: float = 0) -> Path:
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\noutput_layout = "single"\nhost_delay = {host_delay}\nallow_private_urls = true\nworkers = 0\n'
                      f'{extra}\n{sources}', encoding="utf-8")
    return config


def url_list(tmp_path: Path, site: Site, paths: list[str], extra: str = "") -> Path:
    (tmp_path / "urls.txt").write_text("".join(site.url(p) + "\n" for p in paths), encoding="utf-8")
    return write_config(tmp_path, '[[source]]\nurls = "urls.txt"\n', extra)


def refresh(config: Path, *extra):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), *extra], catch_exceptions=False)


def records(config: Path) -> list[dict]:
    path = config.parent / "out" / "babelwire.jsonl"
    return jsonl(path.read_text(encoding="utf-8")) if path.exists() else []


def summary(result) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_a_page_whose_chrome_changes_on_every_request_gives_no_new_revision_over_three_runs(tmp_path, site):
    paths = site.add(4)
    config = url_list(tmp_path, site, paths, "revisit = 0")  # fetched on every run, so the cleaned article decides
    results = [refresh(config) for _ in range(3)]
    assert all(result.exit_code == 0 for result in results), results[-1].stderr
    assert sorted(r["source"]["url"] for r in records(config)) == sorted(site.url(p) for p in paths)
    assert {r["revision"] for r in records(config)} == {1}
    assert site.paths().count(paths[0]) == 3  # each run did fetch it: different bytes every time
    assert summary(results[2]).startswith("babelwire refresh: 0 new, 0 changed, 4 skipped, 0 failed")
    assert "; 4 fetched, 0 not modified, 4 unchanged, 0 skipped by robots.txt" in summary(results[2])


def test_an_unchanged_article_notes_the_check_and_its_new_bytes(tmp_path, site):
    (path,) = site.add(1)
    config = url_list(tmp_path, site, [path], "revisit = 0")
    refresh(config)
    state = State(tmp_path / "state.sqlite3")
    before = state.item(site.url(path))
    state.close()
    refresh(config)
    state = State(tmp_path / "state.sqlite3")
    after = state.item(site.url(path))
    state.close()
    assert after.checked_at > before.checked_at
    assert after.sha256 != before.sha256 and after.article == before.article and after.revision == 1


def test_a_changed_article_gives_revision_2_once(tmp_path, site):
    paths = site.add(3)
    config = url_list(tmp_path, site, paths, "revisit = 0")
    refresh(config)
    first = {r["source"]["url"]: r for r in records(config)}
    site.articles[paths[1]].paragraphs[1] = "The manager said the roof had leaked again on Sunday, a day after the reopening."
    second = refresh(config)
    third = refresh(config)
    later = records(config)[3:]
    assert [(r["source"]["url"], r["revision"]) for r in later] == [(site.url(paths[1]), 2)]
    assert later[0]["id"] == first[site.url(paths[1])]["id"] and "leaked again" in later[0]["text"]
    assert summary(second).startswith("babelwire refresh: 0 new, 1 changed, 2 skipped")
    assert summary(third).startswith("babelwire refresh: 0 new, 0 changed, 3 skipped")


@pytest.mark.parametrize("kind,sent", [("etag", "If-None-Match"), ("last-modified", "If-Modified-Since")])
def test_a_page_that_sent_validators_is_asked_conditionally_and_a_304_costs_nothing(tmp_path, site, kind, sent):
    site.validators = kind
    paths = site.add(2)
    config = url_list(tmp_path, site, paths)  # no revisit: the validators alone bring it back
    refresh(config)
    site.log.clear()
    result = refresh(config)
    assert result.exit_code == 0
    assert [(r.path, r.headers.get(sent), r.status) for r in site.log] == [(p, site.version(p)[0 if kind == "etag" else 1], 304) for p in paths]
    assert len(records(config)) == 2
    assert summary(result).startswith("babelwire refresh: 0 new, 0 changed, 2 skipped")
    assert "; 0 fetched, 2 not modified, 0 unchanged" in summary(result)


def test_a_page_with_validators_whose_article_changed_is_fetched_in_full_and_written_once(tmp_path, site):
    site.validators = "etag"
    paths = site.add(2)
    config = url_list(tmp_path, site, paths)
    refresh(config)
    site.articles[paths[0]].title = "The harbour reopens a week late"
    site.log.clear()
    refresh(config)
    refresh(config)
    assert [r.status for r in site.log] == [200, 304, 304, 304]
    assert [(r["title"], r["revision"]) for r in records(config)[2:]] == [("The harbour reopens a week late", 2)]


def test_a_done_page_that_nothing_signals_is_not_fetched_again_unless_revisit_says_so(tmp_path, site):
    paths = site.add(2)
    config = url_list(tmp_path, site, paths)
    refresh(config)
    site.log.clear()
    quiet = refresh(config)
    assert site.log == [] and summary(quiet).startswith("babelwire refresh: 0 new, 0 changed, 2 skipped")
    url_list(tmp_path, site, paths, 'revisit = "1h"')
    refresh(config)
    assert site.log == []  # checked less than an hour ago
    url_list(tmp_path, site, paths, "revisit = 0")
    refresh(config)
    assert sorted(site.paths()) == sorted(paths)


def dated_feed(site: Site, paths: list[str]) -> None:
    site.feed("/feed.xml", paths)


def test_a_feed_entry_whose_date_moves_is_fetched_again_and_one_whose_date_does_not_is_not(tmp_path, site):
    paths = site.add(2)
    dated_feed(site, paths)
    config = write_config(tmp_path, f'[[source]]\nfeed = "{site.url("/feed.xml")}"\n', "respect_robots = false")
    refresh(config)
    site.articles[paths[0]].date = "2024-02-18T07:00:00Z"
    site.articles[paths[0]].paragraphs[0] += " The mayor cut the ribbon."
    dated_feed(site, paths)
    site.log.clear()
    result = refresh(config)
    assert site.paths() == ["/feed.xml", paths[0]]
    assert [(r["source"]["url"], r["revision"]) for r in records(config)[2:]] == [(site.url(paths[0]), 2)]
    assert summary(result).startswith("babelwire refresh: 0 new, 1 changed, 1 skipped")


def test_a_feed_entry_whose_date_moved_but_whose_article_did_not_is_unchanged(tmp_path, site):
    paths = site.add(1)
    dated_feed(site, paths)
    config = write_config(tmp_path, f'[[source]]\nfeed = "{site.url("/feed.xml")}"\n', "respect_robots = false")
    refresh(config)
    site.articles[paths[0]].date = "2024-02-18T07:00:00Z"
    dated_feed(site, paths)
    moved = refresh(config)
    site.log.clear()
    again = refresh(config)
    assert len(records(config)) == 1
    assert "1 unchanged" in summary(moved)
    assert site.paths() == ["/feed.xml"]  # the new date was noted: nothing to fetch now
    assert "; 0 fetched" in summary(again)


def test_a_state_from_before_articles_were_kept_learns_them_from_the_output(tmp_path, site):
    """A state an earlier release wrote has no article hashes: the first run learns them from the records in
    the output, so a page whose chrome moves is not written again after the upgrade."""
    paths = site.add(2)
    config = url_list(tmp_path, site, paths, "revisit = 0")
    refresh(config)
    with sqlite3.connect(tmp_path / "state.sqlite3") as db:
        db.execute("UPDATE items SET article = NULL")
        db.execute("PRAGMA user_version = 1")
    result = refresh(config)
    assert len(records(config)) == 2
    assert "2 unchanged" in summary(result)


@pytest.mark.parametrize("text,message", [
    ('concurrent_hosts = 0\n[[source]]\nfolder = "."\n', "babelwire.toml:1: concurrent_hosts: must be at least 1"),
    ('revisit = -5\n[[source]]\nfolder = "."\n', "babelwire.toml:1: revisit: must be 0 or more (0: every run; leave it out to never revisit)"),
    ('respect_robots = "no"\n[[source]]\nfolder = "."\n', 'babelwire.toml:1: respect_robots: expected true or false, got a string "no"'),
    ('[[source]]\nsitemap = "file:///etc/sitemap.xml"\n', "babelwire.toml:2: sitemap: 'file:///etc/sitemap.xml' is not an http(s) URL"),
    ('[[source]]\nsitemap = "https://example.org/s.xml"\nfeed = "https://example.org/f.xml"\n',
     "babelwire.toml:1: each [[source]] needs exactly one of folder, urls, feed, sitemap"),
])
def test_the_new_keys_are_checked_before_anything_runs(tmp_path, text, message):
    config = tmp_path / "babelwire.toml"
    config.write_text(text, encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == 2 and result.stderr == f"error: {tmp_path}/{message}\n"
