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
