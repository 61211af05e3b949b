"""What survives a power cut, and who may write an output folder at once.

fsync cannot be observed without pulling the plug, so these tests record
every fsync (the real one still runs) with what it synced: a file and its
size, or a folder.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEEDS

from ingest.cli import EXIT_LOCKED, main
from ingest.cron.state import State


@pytest.fixture
def synced(monkeypatch):
    """Every fsync and rename, in order: ("file", path, size), ("folder", path), ("replace", src, dst)."""
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        info = os.fstat(fd)
        path = os.readlink(f"/proc/self/fd/{fd}")
        events.append(("folder", path) if stat.S_ISDIR(info.st_mode) else ("file", path, info.st_size))
        real_fsync(fd)

    def replace(src, dst, **kwargs):
        events.append(("replace", os.fspath(src), os.fspath(dst)))
        real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events


def test_output_file_is_synced_before_its_rename_and_its_folder_after(tmp_path, synced):
    out = Path(os.path.realpath(tmp_path)) / "run.jsonl"
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--no-translate", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout == ""
    renames = [i for i, event in enumerate(synced) if event[0] == "replace" and event[2] == str(out)]
    assert len(renames) == 1
    rename = renames[0]
    temp = synced[rename][1]
    assert ("file", temp, out.stat().st_size) in synced[:rename]
    assert ("folder", str(out.parent)) in synced[rename + 1 :]


def test_refresh_syncs_each_line_and_the_folders_before_the_state_says_done(tmp_path, synced, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("nl_blog.txt", "tr_haber.txt", "nb_blogg.txt"):
        shutil.copy(DATA / name, inbox / name)
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    real_mark_done = State.mark_done

    def mark_done(self, key, record_id):
        (written,) = (config.parent / "out").glob("*/*/*/babelwire.jsonl")
        synced.append(("done", str(written), written.stat().st_size))
        real_mark_done(self, key, record_id)

    monkeypatch.setattr(State, "mark_done", mark_done)
    result = CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(tmp_path / "state.sqlite3"), "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    done = [i for i, event in enumerate(synced) if event[0] == "done"]
    assert len(done) == 3
    written = Path(os.path.realpath(synced[done[0]][1]))
    # The file's name, and each folder's name in its parent, from the config's folder down to the day's.
    folders = [written.parent, *written.parent.parents][:5]
    assert folders[-1] == Path(os.path.realpath(tmp_path))
    for folder in folders:
        assert ("folder", str(folder)) in synced[: done[0]]
    for i in done:
        assert ("file", str(written), synced[i][2]) in synced[:i]


def refresh_process(config: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "ingest.cli", "refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), "-q"]
    return subprocess.Popen(command, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def config_writing_to(folder: Path, output: Path, article: str) -> Path:
    """A config in its own folder, with its own state, over one article, writing to `output`."""
    (folder / "inbox").mkdir(parents=True)
    shutil.copy(DATA / article, folder / "inbox" / article)
    config = folder / "babelwire.toml"
    config.write_text(f'output = "{output}"\noutput_layout = "single"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    return config


def open_when_read(fifo: Path, process: subprocess.Popen) -> int:
    """Open a FIFO for writing once `process` has opened it for reading."""
    while process.poll() is None:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            time.sleep(0.01)
            continue
        os.set_blocking(fd, True)
        return fd
    raise AssertionError(f"the first run ended before it read {fifo}: {process.communicate()}")


def test_two_configs_with_their_own_states_writing_one_folder_take_turns(tmp_path):
    out = tmp_path / "shared-out"
    first_config = config_writing_to(tmp_path / "first", out, "nl_blog.txt")
    second_config = config_writing_to(tmp_path / "second", out, "tr_haber.txt")
    # The first run's last input is a FIFO: it holds its locks, reading it, until the test writes.
    fifo = tmp_path / "first" / "inbox" / "zzz.txt"
    os.mkfifo(fifo)
    first = refresh_process(first_config)
    writer = open_when_read(fifo, first)
    second = refresh_process(second_config)
    _, second_err = second.communicate(timeout=120)
    with os.fdopen(writer, "w", encoding="utf-8") as stream:
        stream.write((DATA / "nb_blogg.txt").read_text(encoding="utf-8"))
    _, first_err = first.communicate(timeout=120)
    assert second.returncode == EXIT_LOCKED
    assert "another babelwire refresh" in second_err and len(second_err.strip().splitlines()) == 1
    assert first.returncode == 0, first_err
    records = [json.loads(line) for line in (out / "babelwire.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["source"]["path"]).name for r in records) == ["nl_blog.txt", "zzz.txt"]
