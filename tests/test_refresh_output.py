"""What `babelwire refresh` writes: the daily layout, and records without a model (allow_untranslated, later translation)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from click.testing import CliRunner
from conftest import DATA, jsonl

from ingest.cli import EXIT_FAILED, main


def make_config(tmp_path: Path, extra: str = "") -> Path:
    """A config over a Turkish and a Dutch article; no model is installed."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("nl_blog.txt", "tr_haber.txt"):
        shutil.copy(DATA / name, folder / name)
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\n{extra}\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    return config


def refresh(config: Path):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3")], catch_exceptions=False)


def records(path: Path) -> list[dict]:
    return jsonl(path.read_text(encoding="utf-8"))


def test_daily_layout_writes_under_the_utc_date_of_the_run(tmp_path):
    config = make_config(tmp_path)
    before = datetime.now(timezone.utc)
    refresh(config)
    after = datetime.now(timezone.utc)
    days = {f"{d:%Y}/{d:%m}/{d:%d}" for d in (before, after)}
    written = [p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != ".babelwire.lock"]
    assert len(written) == 1
    assert written[0] in {f"{day}/babelwire.jsonl" for day in days}
    assert len(records(tmp_path / "out" / written[0])) == 2


def test_a_run_that_crosses_midnight_writes_each_record_to_the_file_of_its_own_day(tmp_path):
    """The clock the run reads when it writes a record (the refresher's own parameter) says 23:59:59, then 00:00:01."""
    from ingest.cron.config import load
    from ingest.cron.refresh import Refresher

    config = make_config(tmp_path, "workers = 0\n")
    moments = iter([datetime(2026, 3, 31, 23, 59, 59, tzinfo=timezone.utc), datetime(2026, 4, 1, 0, 0, 1, tzinfo=timezone.utc)])
    summary = Refresher(load(config), tmp_path / "state.sqlite3", clock=lambda: next(moments)).run()
    assert summary.new == 2
    before, after = tmp_path / "out" / "2026" / "03" / "31" / "babelwire.jsonl", tmp_path / "out" / "2026" / "04" / "01" / "babelwire.jsonl"
    assert [Path(r["source"]["path"]).name for r in records(before)] == ["nl_blog.txt"]
    assert [Path(r["source"]["path"]).name for r in records(after)] == ["tr_haber.txt"]


def test_a_run_with_nothing_new_makes_no_day_file(tmp_path):
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    assert refresh(config).exit_code == 0
    assert [p.name for p in (tmp_path / "out").rglob("*")] == [".babelwire.lock"]


def test_allow_untranslated_false_makes_a_missing_model_fail(tmp_path):
    config = make_config(tmp_path, 'output_layout = "single"\nallow_untranslated = false\n')
    result = refresh(config)
    assert result.exit_code == EXIT_FAILED
    assert "error: no translation model for tr→en; install it with: babelwire models install tr --to en" in result.stderr.splitlines()
    assert len(records(tmp_path / "out" / "babelwire.jsonl")) == 2


def test_record_without_a_model_gets_a_translated_revision_once_the_model_is_installed(tmp_path, install):
    config = make_config(tmp_path, 'output_layout = "single"\n')
    out = tmp_path / "out" / "babelwire.jsonl"
    refresh(config)
    first = {r["lang"]: r for r in records(out)}
    assert refresh(config).stderr.count("0 changed, 2 skipped") == 1  # no model yet: nothing is retried
    install(("tr", "en"))
    result = refresh(config)
    again = records(out)[2:]
    assert [(r["lang"], r["id"], r["revision"]) for r in again] == [("tr", first["tr"]["id"], 2)]
    assert {s["translation_status"] for s in again[0]["segments"] if s["lang"] == "tr"} == {"translated"}
    assert "0 new, 1 changed, 1 skipped" in result.stderr
    assert "0 changed, 2 skipped" in refresh(config).stderr  # translated now: not again


def test_record_without_a_model_from_before_the_upgrade_is_translated_once_the_model_is_installed(tmp_path, install):
    from test_refresh_identity import OLD_ITEMS

    config = make_config(tmp_path, 'output_layout = "single"\n')
    out, state = tmp_path / "out" / "babelwire.jsonl", tmp_path / "state.sqlite3"
    refresh(config)
    # The state as the release before `missing` leaves it (outside the working folder its keys and ids were these).
    db = sqlite3.connect(state)
    rows = db.execute("SELECT key, record_id, sha256, revision, status FROM items").fetchall()
    db.close()
    state.unlink()
    db = sqlite3.connect(state)
    db.execute(OLD_ITEMS)
    db.executemany("INSERT INTO items (key, record_id, sha256, revision, status) VALUES (?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    install(("tr", "en"))
    result = refresh(config)
    again = records(out)[2:]
    assert [(r["lang"], r["revision"]) for r in again] == [("tr", 2)]
    assert "0 new, 1 changed, 1 skipped" in result.stderr
