"""`babelwire refresh --status` lists what failed and when it is tried again; `--retry ITEM` tries one now."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from conftest import jsonl
from test_refresh import Site, article, site  # noqa: F401  (the fixture)

from ingest.cli import EXIT_CONFIG, main


def config_for(tmp_path: Path, site: Site, retry_after: str) -> Path:
    """A URL list with a page that is there and one that is not (404); two tries before an item is dead."""
    site.pages = {"/here.html": (200, "text/html", article("Harbour reopens after storm repairs"))}
    (tmp_path / "urls.txt").write_text(f"{site.base}/here.html\n{site.base}/gone.html\n", encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\noutput_layout = "single"\nhost_delay = 0\nallow_private_urls = true\nmax_tries = 2\n'
                      f'retry_after = "{retry_after}"\n\n[[source]]\nurls = "urls.txt"\n', encoding="utf-8")
    return config


def run(tmp_path: Path, *args):
    return CliRunner().invoke(main, ["refresh", "--state", str(tmp_path / "state.sqlite3"), *args], catch_exceptions=False)


def test_status_lists_a_failed_item_with_its_tries_next_try_and_last_error(tmp_path, site):
    config = config_for(tmp_path, site, "1h")
    run(tmp_path, "-c", str(config))
    result = run(tmp_path, "--status")
    assert result.exit_code == 0
    assert result.stdout.split("\t")[:2] == ["failed", "1"] and result.stdout.rstrip("\n").split("\t")[3:] == [f"{site.base}/gone.html", "HTTP 404"]
    row = json.loads(run(tmp_path, "--status", "--json").stdout)
    assert (row["item"], row["status"], row["tries"], row["last_error"]) == (f"{site.base}/gone.html", "failed", 1, "HTTP 404")
    assert 0 < datetime.fromisoformat(row["next_try"]).timestamp() - time.time() <= 3600  # retry_after from the failure


def test_status_says_a_dead_item_is_never_tried_again(tmp_path, site):
    config = config_for(tmp_path, site, "0s")
    run(tmp_path, "-c", str(config))
    run(tmp_path, "-c", str(config))
    result = run(tmp_path, "--status")
    assert result.stdout == f"dead\t2\tnever (--retry ITEM)\t{site.base}/gone.html\tHTTP 404\n"
    assert json.loads(run(tmp_path, "--status", "--json").stdout)["next_try"] is None


def test_retry_tries_a_dead_item_in_this_run(tmp_path, site):
    config = config_for(tmp_path, site, "0s")
    run(tmp_path, "-c", str(config))
    run(tmp_path, "-c", str(config))
    site.pages["/gone.html"] = (200, "text/html", article("Ferry timetable restored for the winter"))
    site.requests.clear()
    result = run(tmp_path, "-c", str(config), "--retry", f"{site.base}/gone.html")
    assert result.exit_code == 0, result.stderr
    assert ("/gone.html", 200) in site.requests and "1 new" in result.stderr
    records = jsonl((tmp_path / "out" / "babelwire.jsonl").read_text(encoding="utf-8"))
    assert records[-1]["source"]["url"] == f"{site.base}/gone.html"
    status = run(tmp_path, "--status")
    assert status.stdout == "" and "nothing failed or dead" in status.stderr


def test_retry_of_an_item_that_is_not_failed_or_dead_is_an_error_and_nothing_runs(tmp_path, site):
    config = config_for(tmp_path, site, "1h")
    run(tmp_path, "-c", str(config))
    site.requests.clear()
    result = run(tmp_path, "-c", str(config), "--retry", f"{site.base}/here.html")
    assert result.exit_code == EXIT_CONFIG
    assert result.stderr == (f"error: {site.base}/here.html: done, not failed or dead ({tmp_path / 'state.sqlite3'}); "
                             "babelwire refresh --status lists what can be retried\n")
    assert site.requests == []


def test_status_without_a_state_says_so(tmp_path):
    result = run(tmp_path, "--status")
    assert result.exit_code == 0 and result.stdout == ""
    assert f"no state at {tmp_path / 'state.sqlite3'}" in result.stderr
    assert not (tmp_path / "state.sqlite3").exists()
