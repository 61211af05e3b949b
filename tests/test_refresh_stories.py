"""Wire copies and stories across `babelwire refresh` runs: what a later run compares with survives, even kill -9."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from ingest.cli import main

ARTICLES = ROOT / "tests" / "stories" / "articles"


def make_config(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\noutput_layout = "single"\n{extra}\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    return config


def add(config: Path, name: str, as_name: str | None = None) -> None:
    shutil.copy(ARTICLES / name, config.parent / "inbox" / (as_name or name))


def refresh(config: Path):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), "-q"], catch_exceptions=False)


def records(config: Path) -> dict[str, dict]:
    lines = (config.parent / "out" / "babelwire.jsonl").read_text(encoding="utf-8").splitlines()
    found = [json.loads(line) for line in lines]
    return {Path(r["source"]["path"]).name: r for r in found}


def test_a_wire_copy_arriving_in_a_later_run_names_the_original(tmp_path):
    config = make_config(tmp_path)
    add(config, "w2-rijnbode.html")
    refresh(config)
    add(config, "w2-brabants.txt")
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    found = records(config)
    assert found["w2-brabants.txt"]["duplicate_of"]["id"] == found["w2-rijnbode.html"]["id"]
    assert found["w2-brabants.txt"]["story"] == found["w2-rijnbode.html"]["id"]


def test_a_report_in_another_language_in_a_later_run_joins_the_story(tmp_path):
    config = make_config(tmp_path)
    add(config, "e3-nb.html")
    refresh(config)
    add(config, "e3-en.html")
    refresh(config)
    found = records(config)
    assert found["e3-en.html"]["story"] == found["e3-nb.html"]["id"] and found["e3-en.html"]["duplicate_of"] is None


def test_records_older_than_stories_keep_are_not_compared(tmp_path):
    config = make_config(tmp_path, 'stories_keep = "0s"')
    add(config, "w2-rijnbode.html")
    refresh(config)
    add(config, "w2-brabants.txt")
    refresh(config)
    assert records(config)["w2-brabants.txt"]["duplicate_of"] is None


def test_watch_and_only_matches_in_the_config_write_only_matching_records(tmp_path):
    (tmp_path / "watch.txt").write_text("F-35: F-35 | F35\n", encoding="utf-8")
    config = make_config(tmp_path, 'watch = "watch.txt"\nonly_matches = true')
    add(config, "w2-rijnbode.html")
    add(config, "e3-nb.html")
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    found = records(config)
    assert list(found) == ["w2-rijnbode.html"] and found["w2-rijnbode.html"]["matches"][0]["label"] == "F-35"


def test_a_bad_watch_file_in_the_config_names_both_files_and_nothing_runs(tmp_path):
    (tmp_path / "watch.txt").write_text("F-35 without a colon\n", encoding="utf-8")
    config = make_config(tmp_path, 'watch = "watch.txt"')
    add(config, "w2-rijnbode.html")
    result = refresh(config)
    assert result.exit_code == 2
    assert f"{config}:3: watch: {tmp_path / 'watch.txt'}:1:" in result.stderr
    assert not (tmp_path / "out").exists()


def open_when_read(fifo: Path, process: subprocess.Popen) -> int:
    """Open a FIFO for writing once `process` has opened it for reading."""
    while process.poll() is None:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
            time.sleep(0.01)
    raise AssertionError(f"the run ended before it read {fifo}: {process.communicate()}")


def test_kill_9_mid_run_loses_no_signature_and_duplicates_nothing(tmp_path):
    # Refresh reads items up to 16 ahead of the records it writes: with 16 more before the FIFO
    # (whose read blocks the run), the original's record is out before the kill.
    config = make_config(tmp_path)
    add(config, "w2-rijnbode.html", "a-original.html")
    others = sorted(p.name for p in ARTICLES.iterdir() if p.name.startswith(("e3", "e5", "e6", "c")))[:16]
    for i, name in enumerate(others):
        add(config, name, f"b{i:02d}-{name}")
    fifo = config.parent / "inbox" / "m-blocks.txt"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "ingest.cli", "refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), "-q"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    writer = open_when_read(fifo, process)
    output = config.parent / "out" / "babelwire.jsonl"
    deadline = time.monotonic() + 120
    while b"a-original.html" not in (output.read_bytes() if output.exists() else b"") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert b"a-original.html" in output.read_bytes(), "the original's record must be out before the kill"
    assert process.poll() is None, "the run must still be going when it is killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    os.close(writer)
    fifo.unlink()
    add(config, "w2-brabants.txt", "z-copy.txt")
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    lines = output.read_text(encoding="utf-8").splitlines()
    names = [Path(json.loads(line)["source"]["path"]).name for line in lines]
    assert sorted(names) == sorted(["a-original.html", "z-copy.txt", *(f"b{i:02d}-{name}" for i, name in enumerate(others))])
    found = records(config)
    assert found["z-copy.txt"]["duplicate_of"]["id"] == found["a-original.html"]["id"]
