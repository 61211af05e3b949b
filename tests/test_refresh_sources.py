"""What `babelwire refresh` reads its sources from: the config file, `urls` lists, from cron's working folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import DATA, jsonl

from ingest.cli import EXIT_CONFIG, main
from ingest.cron.state import State


def refresh(config: Path, *extra):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), *extra], catch_exceptions=False)


def url_list(tmp_path: Path, lines: str) -> Path:
    """A config in tmp_path/conf with a `urls` source whose file holds `lines`; articles/nl.txt beside it."""
    conf = tmp_path / "conf"
    (conf / "articles").mkdir(parents=True)
    shutil.copy(DATA / "nl_blog.txt", conf / "articles" / "nl.txt")
    (conf / "list.txt").write_text(lines, encoding="utf-8")
    config = conf / "babelwire.toml"
    config.write_text('output = "out"\noutput_layout = "single"\nmax_tries = 2\nretry_after = 0\n\n[[source]]\nurls = "list.txt"\n', encoding="utf-8")
    return config


def test_config_that_is_not_utf8_is_one_error_line_naming_the_file(tmp_path):
    config = tmp_path / "babelwire.toml"
    config.write_bytes('# Tromsø\noutput = "out"\n[[source]]\nfolder = "."\n'.encode("latin-1"))
    result = refresh(config)
    assert result.exit_code == EXIT_CONFIG
    assert result.stderr.startswith(f"error: {config}:1: not UTF-8")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "state.sqlite3").exists()


def test_relative_paths_in_a_url_list_are_relative_to_the_config_not_the_working_folder(tmp_path, monkeypatch):
    config = url_list(tmp_path, "articles/nl.txt\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # as cron runs it
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    records = jsonl((config.parent / "out" / "babelwire.jsonl").read_text(encoding="utf-8"))
    assert [Path(r["source"]["path"]).name for r in records] == ["nl.txt"]
    assert "1 new" in result.stderr


def test_a_listed_path_that_is_gone_is_retried_then_dead_like_a_url(tmp_path):
    config = url_list(tmp_path, "articles/nl.txt\narticles/gone.txt\n")
    key = str((config.parent / "articles" / "gone.txt").resolve())
    first = refresh(config)
    assert first.exit_code == 1 and "gone.txt" in first.stderr and "1 failed, 0 dead" in first.stderr
    second = refresh(config)
    assert "0 failed, 1 dead" in second.stderr
    state = State(config.parent / "state.sqlite3")
    gone = state.item(key)
    state.close()
    assert gone is not None and gone.status == "dead" and gone.errors == 2
    third = refresh(config)
    assert third.exit_code == 0 and "gone.txt" not in third.stderr
    assert "0 new, 0 changed, 2 skipped, 0 failed, 0 dead" in third.stderr


def test_a_url_list_that_is_not_utf8_is_one_error_and_the_other_sources_go_on(tmp_path):
    config = url_list(tmp_path, "")
    (config.parent / "list.txt").write_bytes("articles/nl.txt\n# Tromsø\n".encode("latin-1"))
    (config.parent / "inbox").mkdir()
    shutil.copy(DATA / "tr_haber.txt", config.parent / "inbox" / "tr.txt")
    config.write_text(config.read_text(encoding="utf-8") + '\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == 1
    assert f"error: {config.parent / 'list.txt'}:2: the list is not UTF-8 text" in result.stderr
    assert "1 new" in result.stderr


def test_records_name_a_listed_file_by_the_same_path_from_any_working_folder(tmp_path, monkeypatch):
    config = url_list(tmp_path, "articles/nl.txt\n")
    monkeypatch.chdir(tmp_path)
    first = refresh(config.relative_to(tmp_path))
    (config.parent / "articles" / "nl.txt").write_text("Nieuw artikel.\n\nDe gemeente opent vandaag een nieuwe brug over de rivier.\n", encoding="utf-8")
    monkeypatch.chdir(config.parent / "articles")
    second = refresh(config)
    assert first.exit_code == second.exit_code == 0, first.stderr + second.stderr
    records = jsonl((config.parent / "out" / "babelwire.jsonl").read_text(encoding="utf-8"))
    assert [r["revision"] for r in records] == [1, 2]
    assert [r["source"]["path"] for r in records] == [str(config.parent / "articles" / "nl.txt")] * 2
