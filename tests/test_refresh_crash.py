"""Crash safety and locking of `babelwire refresh`, with real processes and SIGKILL."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from ingest.cli import EXIT_LOCKED

FILES = 120


@pytest.fixture
def inbox(tmp_path):
    """A config over a folder of distinct articles, cleaned by two workers: with a FIFO as the last item,
    how far the run gets before it blocks does not depend on the machine's cores."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    base = (DATA / "nb_blogg.txt").read_text(encoding="utf-8")
    for i in range(FILES):
        (folder / f"art{i:03d}.txt").write_text(base.replace("fire års", f"{i + 2} års"), encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\noutput_layout = "single"\nworkers = 2\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    return config


def start(config: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "ingest.cli", "refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), "-q"]
    return subprocess.Popen(command, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lines(config: Path) -> list[bytes]:
    path = config.parent / "out" / "babelwire.jsonl"
    return path.read_bytes().split(b"\n") if path.exists() else []


def wait_for_lines(config: Path, count: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if len(lines(config)) - 1 >= count:
            return
        time.sleep(0.002)


@pytest.mark.parametrize("kill_after", [1, 60])
def test_sigkill_mid_run_then_rerun_gives_every_item_exactly_once(inbox, kill_after):
    """SIGKILL lands while the run is blocked on a FIFO, its last item: it cannot have finished, records
    before the FIFO are on disk and the FIFO's is not. The rerun adds each missing item once, repeats none."""
    fifo = inbox.parent / "inbox" / "zzz.txt"
    os.mkfifo(fifo)
    process = start(inbox)
    wait_for_lines(inbox, kill_after, process)
    assert process.poll() is None, process.communicate()[1]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    written = (inbox.parent / "out" / "babelwire.jsonl").read_bytes().count(b"\n")
    assert kill_after <= written < FILES + 1
    fifo.unlink()
    fifo.write_text((DATA / "nl_blog.txt").read_text(encoding="utf-8"), encoding="utf-8")
    rerun = start(inbox)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    raw = lines(inbox)
    assert raw[-1] == b""
    records = [json.loads(line) for line in raw[:-1]]
    paths = [r["source"]["path"] for r in records]
    assert len(paths) == len(set(paths)) == FILES + 1
    assert {r["revision"] for r in records} == {1}


def test_second_concurrent_run_exits_with_lock_code(inbox):
    # The last item is a FIFO: the first run holds the lock, blocked on it, until the test writes.
    fifo = inbox.parent / "inbox" / "zzz.txt"
    os.mkfifo(fifo)
    first = start(inbox)
    wait_for_lines(inbox, 1, first)
    second = start(inbox)
    _, err = second.communicate(timeout=60)
    with open(fifo, "w", encoding="utf-8") as writer:
        writer.write((DATA / "nl_blog.txt").read_text(encoding="utf-8"))
    first.communicate(timeout=120)
    assert second.returncode == EXIT_LOCKED
    assert "another babelwire refresh" in err and len(err.strip().splitlines()) == 1
    assert first.returncode == 0
    records = [json.loads(line) for line in lines(inbox)[:-1]]
    assert len(records) == len({r["id"] for r in records}) == FILES + 1


def test_wait_lets_the_second_run_go_after_the_first(inbox):
    """The first run holds the lock, blocked on a FIFO, until the second says (-v) that it waits for it;
    only then is the FIFO written (and then replaced by a file of the same bytes). The second then runs
    after the first, and finds everything done."""
    fifo = inbox.parent / "inbox" / "zzz.txt"
    os.mkfifo(fifo)
    first = start(inbox)
    wait_for_lines(inbox, 1, first)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "ingest.cli", "refresh", "-c", str(inbox), "--state", str(inbox.parent / "state.sqlite3"), "--wait", "120", "-v"]
    second = subprocess.Popen(command, cwd=inbox.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in second.stderr], daemon=True)
    reader.start()
    heard: list[str] = []
    try:
        while not any("waiting up to 120 s for another babelwire refresh" in line for line in heard):
            heard.append(lines.get(timeout=60))  # queue.Empty: the second run never waited
        assert first.poll() is None and second.poll() is None
    finally:
        text = (DATA / "nl_blog.txt").read_text(encoding="utf-8")
        with open(fifo, "w", encoding="utf-8") as writer:  # opens once the first run has it open for reading
            writer.write(text)
        fifo.unlink()
        fifo.write_text(text, encoding="utf-8")  # the same bytes, in a file the second run can read again
        first.communicate(timeout=120)
        second.wait(timeout=180)
        reader.join(timeout=30)
    heard += list(lines.queue)
    assert first.returncode == 0 and second.returncode == 0, "".join(heard)
    assert f"0 new, 0 changed, {FILES + 1} skipped" in "".join(heard)


def test_recover_cuts_a_partial_line_and_forgets_the_pending_item(tmp_path):
    from ingest.cron.state import State

    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "revision": 1}\n')
    state = State(tmp_path / "state.sqlite3")
    state.mark_pending("item-b", "sha-b", 1, out, out.stat().st_size)
    with open(out, "ab") as f:
        f.write(b'{"id": "b", "revis')
    assert state.recover() == 0
    assert out.read_bytes() == b'{"id": "a", "revision": 1}\n'
    assert state.item("item-b").status == "new"


def test_recover_marks_done_an_item_whose_line_was_written(tmp_path):
    from ingest.cron.state import State

    out = tmp_path / "out.jsonl"
    state = State(tmp_path / "state.sqlite3")
    state.mark_pending("item-b", "sha-b", 1, out, 0)
    out.write_bytes(b'{"id": "b", "revision": 1}\n')
    assert state.recover() == 1
    assert state.item("item-b").status == "done" and state.item("item-b").sha256 == "sha-b"
