"""`babelwire cache`: looking at the cache never creates it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ingest.cli import main
from translate.cache import default_path


def test_stats_of_a_missing_cache_reports_it_empty_without_creating_it(tmp_path):
    missing = tmp_path / "nowhere" / "c.sqlite3"
    result = CliRunner().invoke(main, ["cache", "stats", "--cache", str(missing)])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"path": str(missing), "entries": 0, "bytes": 0, "models": {}}
    assert not (tmp_path / "nowhere").exists()


def test_stats_at_the_default_path_does_not_create_the_cache():
    result = CliRunner().invoke(main, ["cache", "stats"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["path"] == str(default_path())
    assert not default_path().parent.exists()


def _filled(tmp_path):
    from translate.cache import TranslationCache

    path = tmp_path / "cache.sqlite3"
    cache = TranslationCache(path)
    cache.put_many("translate-tr_en@1.9;beam4", {"Merhaba dünya.": "Hello world.", "İyi günler.": "Good day."})
    cache.close()
    return path


def test_stats_on_a_terminal_are_written_for_people(tmp_path):
    from test_terminal import CONTROL_CODES, on_a_terminal

    path = _filled(tmp_path)
    code, output = on_a_terminal("cache", "stats", "--cache", str(path))
    lines = CONTROL_CODES.sub("", output).replace("\r", "").splitlines()
    assert code == 0
    assert lines[0].startswith(f"{path}: 2 cached translations, ")
    assert lines[1].split() == ["2", "translate-tr_en@1.9;beam4"]


def test_stats_with_json_on_a_terminal_are_json(tmp_path):
    from test_terminal import CONTROL_CODES, on_a_terminal

    path = _filled(tmp_path)
    code, output = on_a_terminal("cache", "stats", "--cache", str(path), "--json")
    assert code == 0
    assert json.loads(CONTROL_CODES.sub("", output))["models"] == {"translate-tr_en@1.9;beam4": 2}


def test_stats_piped_are_json(tmp_path):
    result = CliRunner().invoke(main, ["cache", "stats", "--cache", str(_filled(tmp_path))])
    assert result.exit_code == 0 and json.loads(result.stdout)["entries"] == 2

