"""What survives a power cut.

fsync cannot be observed without pulling the plug, so these tests record
every fsync (the real one still runs) with what it synced: a file and its
size, or a folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from ingest.cli import main


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
