"""Hosts side by side: different hosts fetched at the same time, each paced by host_delay, one writer in listing
order, and every item exactly once when the run is killed mid-fetch — against sites on 127.0.0.2 and 127.0.0.3
(tests/livesites.py), judged by the servers' own request logs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from livesites import Site, overlapping, serve
from test_refresh_change import records, refresh, write_config

DELAY = 0.3


@pytest.fixture
def sites():
    started = serve(Site("127.0.0.2", answer_after=0.2), Site("127.0.0.3", answer_after=0.2))
    yield started
    for site in started:
        site.stop()


def listed(tmp_path, sites, count: int, extra: str = ""):
    """A urls list of `count` pages on each site, the first site's first; the config and the URLs in listing order."""
    urls = [site.url(path) for site in sites for path in site.add(count)]
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    return write_config(tmp_path, '[[source]]\nurls = "urls.txt"\n', extra, host_delay=DELAY), urls


def test_two_hosts_are_fetched_in_overlapping_time_each_paced_by_host_delay(tmp_path, sites):
    config, urls = listed(tmp_path, sites, 3)
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    first, second = (site.log for site in sites)
    assert overlapping(first, second)
    for log in (first, second):
        assert len(log) == 3
        assert all(b.start - a.end >= DELAY for a, b in zip(log, log[1:]))  # server-side times
    assert [r["source"]["url"] for r in records(config)] == urls  # written in listing order


def test_concurrent_hosts_1_fetches_one_host_at_a_time(tmp_path, sites):
    config, urls = listed(tmp_path, sites, 2, "concurrent_hosts = 1")
    refresh(config)
    assert not overlapping(*(site.log for site in sites))
    assert [r["source"]["url"] for r in records(config)] == urls


def start(config):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "ingest.cli", "refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), "-q"]
    return subprocess.Popen(command, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def written(config) -> int:
    path = config.parent / "out" / "babelwire.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def kill_when(config, condition) -> None:
    """Start a run and SIGKILL it once `condition()` holds (it must, before the run ends)."""
    process = start(config)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if condition():
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read()


def rerun_gives_each_page_once(config, sites) -> None:
    for site in sites:
        site.log.clear()
    rerun = start(config)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    urls = [r["source"]["url"] for r in records(config)]
    expected = sorted(site.url(path) for site in sites for path in site.articles)
    assert sorted(urls) == expected and len(urls) == len(set(urls))
    assert {r["revision"] for r in records(config)} == {1}
    assert all(("/feed.xml", 304) in [(r.path, r.status) for r in site.log] for site in sites)  # the pages came from the state
    lines = (config.parent / "out" / "babelwire.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(line) for line in lines[:-1])  # whole lines only


def test_kill_9_while_both_hosts_are_being_fetched_still_gives_every_item_exactly_once(tmp_path, sites):
    """Each site's feed (with an ETag) lists 12 pages. The run is killed while a request to each host is in
    flight and records are out; the rerun's feeds answer 304, so the pages not read yet come from the state."""
    for site in sites:
        site.answer_after = 0.1
        site.feed("/feed.xml", site.add(12), etag=True)
    config = write_config(tmp_path, "".join(f'[[source]]\nfeed = "{site.url("/feed.xml")}"\n\n' for site in sites), host_delay=0.05)
    kill_when(config, lambda: written(config) >= 2 and all(any(r.end == 0.0 for r in list(site.log)) for site in sites))
    assert 2 <= written(config) < 24
    rerun_gives_each_page_once(config, sites)


def test_kill_9_before_a_feeds_pages_are_all_read_loses_none_when_the_feed_then_answers_304(tmp_path, sites):
    site = sites[0]
    site.answer_after = 0.1
    site.feed("/feed.xml", site.add(10), etag=True)
    config = write_config(tmp_path, f'[[source]]\nfeed = "{site.url("/feed.xml")}"\n', host_delay=0.05)
    kill_when(config, lambda: written(config) >= 2)
    assert 2 <= written(config) < 10
    rerun_gives_each_page_once(config, [site])
