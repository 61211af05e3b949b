"""What survives a power cut.

fsync cannot be observed without pulling the plug, so these tests record
every fsync (the real one still runs) with what it synced: a file and its
size, or a folder.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, SEEDS

from ingest.cli import main
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
