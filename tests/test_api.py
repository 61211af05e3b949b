"""babelwire as a library: `from ingest import Settings, process` gives what `babelwire ingest` writes."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEEDS, jsonl

from ingest import Settings, SettingsError, process
from ingest.cli import main
from ingest.write.record import dumps

CORPUS = ROOT / "tests" / "corpus" / "pages"
INPUTS = [str(SEEDS), str(CORPUS), str(DATA)]
WATCH = "Istanbul: İstanbul | Istanbul\nNATO: NATO\nRotterdam: Rotterdam\nOslo: Oslo\n"


def _same_moment(line: str) -> str:
    """A record's line with its fetch time blanked: the one field two runs over the same files may not share."""
    return re.sub(r'"fetched_at":"[^"]*"', '"fetched_at":""', line)


@pytest.mark.parametrize("workers", [0, 1, 2])
@pytest.mark.parametrize("translate", [False, True], ids=["untranslated", "translated"])
def test_process_gives_the_bytes_babelwire_ingest_writes(tmp_path, install, translate, workers):
    if translate:
        install(("tr", "en"), ("nb", "en"), ("nl", "en"))
    watch = tmp_path / "watch.txt"
    watch.write_text(WATCH, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    args = ["ingest", *INPUTS, "--workers", str(workers), "--watch", str(watch), "--no-cache", "--allow-untranslated", "--errors", str(errors)]
    result = CliRunner().invoke(main, args + ([] if translate else ["--no-translate"]))
    assert result.exit_code == 1, result.stderr  # tests/data holds inputs that fail
    failed = []
    settings = Settings(workers=workers, watch=watch, use_cache=False, allow_untranslated=True, translate=translate)
    records = list(process(INPUTS, settings, on_error=lambda *error: failed.append(list(error))))
    written = result.stdout.splitlines()
    assert len(written) > 50 and any(r["matches"] for r in jsonl(result.stdout))
    assert any(r["translation"]["status"] == "complete" and r["lang"] != "en" for r in jsonl(result.stdout)) == translate
    assert [_same_moment(dumps(r)) for r in records] == [_same_moment(line) for line in written]
    assert failed == [list(json.loads(line).values()) for line in errors.read_text(encoding="utf-8").splitlines()]


def test_importing_and_running_it_imports_neither_click_nor_rich():
    script = ("import sys\nfrom ingest import Settings, process\n"
              "records = list(process([sys.argv[1]], Settings(workers=1)))\n"
              "print(len(records), sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich')))\n")
    done = subprocess.run([sys.executable, "-c", script, str(SEEDS)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "5 []\n"


def _descendants() -> set[int]:
    """Every process below this one (the fork server, and the workers it forked)."""
    children: dict[int, list[int]] = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = set(), [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _many(tmp_path, count: int = 40):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(count):
        shutil.copy(DATA / "nl_blog.txt", folder / f"{i:03d}.txt")
    return folder


class _Enough(Exception):
    pass


def _stop(how: str, folder) -> None:
    for _ in process([folder], Settings(workers=2, translate=False)):
        if how == "break":
            break
        raise _Enough()


@pytest.mark.parametrize("how", ["break", "an exception"])
def test_leaving_the_loop_after_the_first_record_leaves_no_worker_behind(tmp_path, how):
    folder = _many(tmp_path)
    before = _descendants()
    try:
        _stop(how, folder)
    except _Enough:
        pass
    assert _descendants() == before  # the pool's two workers are gone; the fork server, started before, stays for later runs


def test_a_bad_input_goes_to_on_error_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    failed = []
    records = list(process(["missing.txt", "empty.txt", DATA / "nl_blog.txt"], Settings(translate=False),
                           on_error=lambda *error: failed.append(error)))
    assert [r["lang"] for r in records] == ["nl"]
    assert failed == [("missing.txt", "read", "no such file or directory"), ("empty.txt", "read", "empty file")]


def test_without_on_error_a_bad_input_is_a_logged_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="ingest"):
        records = list(process([tmp_path / "missing.txt", DATA / "nl_blog.txt"], Settings(translate=False, workers=0)))
    assert len(records) == 1
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [(logging.WARNING, f"{tmp_path / 'missing.txt'}: no such file or directory")]


def test_a_target_that_is_no_language_raises_before_anything_runs(tmp_path):
    with pytest.raises(SettingsError, match=r"^target: no such language 'xx'") as raised:
        process([DATA / "nl_blog.txt"], Settings(target="xx"))
    assert raised.value.key == "target"


def test_a_device_that_is_none_is_refused_when_the_settings_are_made():
    with pytest.raises(SettingsError, match='^device: must be "cpu", "cuda" or "auto"$'):
        Settings(device="gpu")


def test_the_translation_cache_keeps_what_process_translated(install):
    from translate.cache import stats

    install(("tr", "en"))
    first = list(process([DATA / "tr_haber.txt"], Settings(workers=0)))
    assert first[0]["translation"]["status"] == "complete"
    assert stats()["entries"] > 0


def test_the_readme_example_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From Python", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    done = subprocess.run([sys.executable, str(tmp_path / "example.py")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 5 and all(re.match(r"(tr|nl|nb|en) ", line) for line in lines), done.stdout
