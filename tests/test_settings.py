"""One settings type: babelwire.toml sets the Settings `ingest` takes as options, with the same rules and the same words."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, jsonl

from ingest.cli import main
from ingest.settings import Settings

# Settings fields that are no key of babelwire.toml: globs are per source, link is stories_keep(_records), debug is the environment's.
NOT_KEYS = {"globs", "link", "debug", "use_cache"}


def _config(tmp_path, keys: str, *names: str):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in names:
        shutil.copy(DATA / name, inbox / name)
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\noutput_layout = "single"\n{keys}\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    return config


def refresh(tmp_path, config):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(tmp_path / "state.sqlite3")])


def _written(tmp_path) -> list[dict]:
    out = tmp_path / "out" / "babelwire.jsonl"
    return jsonl(out.read_text(encoding="utf-8")) if out.exists() else []


def test_refresh_skips_files_over_max_bytes_from_the_config(tmp_path):
    config = _config(tmp_path, "max_bytes = 700", "nl_blog.txt", "tr_haber.txt")  # 865 and 656 bytes
    result = refresh(tmp_path, config)
    assert result.exit_code == 1
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in _written(tmp_path)] == ["tr_haber.txt"]
    assert "nl_blog.txt: file is 865 bytes, over the 700-byte limit" in result.stderr


def test_refresh_translates_with_the_beam_size_of_the_config(tmp_path, install):
    from translate.cache import stats

    install(("tr", "en"))
    config = _config(tmp_path, "beam_size = 1", "tr_haber.txt")
    result = refresh(tmp_path, config)
    assert result.exit_code == 0, result.stderr
    assert _written(tmp_path)[0]["translation"]["status"] == "complete"
    assert [key.split(";")[1] for key in stats()["models"]] == ["beam=1"]  # the decoding options each cached sentence was translated with


@pytest.mark.parametrize("line,message", [
    ('device = "gpu"', 'device: must be "cpu", "cuda" or "auto"'),
    ('engine = "spark"', 'engine: must be "local" or "ray"'),
    ("beam_size = 0", "beam_size: must be a whole number from 1 to 16"),
    ("max_bytes = 0", "max_bytes: must be a whole number of bytes, at least 1"),
    ("workers = -1", "workers: must be a whole number, 0 or more (0: clean in the main process)"),
])
def test_a_config_value_settings_refuses_names_its_line(tmp_path, line, message):
    config = _config(tmp_path, f"# a comment\n{line}")
    result = refresh(tmp_path, config)
    assert result.exit_code == 2
    assert result.stderr == f"error: {config}:4: {message}\n"


def test_every_setting_is_a_config_key_documented_in_the_shipped_config():
    from ingest.cron.config import _TOP_KEYS

    shipped = (ROOT / "babelwire.toml").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s*([a-z_]+) = ", shipped, re.M))
    fields = {f.name for f in dataclasses.fields(Settings)} - NOT_KEYS
    assert fields <= _TOP_KEYS
    assert _TOP_KEYS - {"source"} <= documented


def test_refresh_and_ingest_say_a_missing_model_in_the_same_words(tmp_path):
    config = _config(tmp_path, "", "tr_haber.txt")
    refreshed = refresh(tmp_path, config)
    ingested = CliRunner().invoke(main, ["ingest", str(DATA / "tr_haber.txt"), "--allow-untranslated"])
    said = [line for line in ingested.stderr.splitlines() if "tr→en" in line]
    assert said == ["warning: no translation model for tr→en; install it with: babelwire models install tr --to en"]
    assert said == [line for line in refreshed.stderr.splitlines() if "tr→en" in line]


def test_cache_false_in_the_config_leaves_the_translation_cache_alone(tmp_path, install):
    from translate.cache import default_path

    install(("tr", "en"))
    config = _config(tmp_path, "cache = false", "tr_haber.txt")
    assert refresh(tmp_path, config).exit_code == 0
    assert _written(tmp_path)[0]["translation"]["status"] == "complete"
    assert not default_path().exists()


def test_models_dir_in_the_config_is_where_models_are_looked_for(tmp_path, install):
    import os

    install(("tr", "en"))
    shutil.move(os.environ["ARGOS_PACKAGES_DIR"], tmp_path / "models")
    config = _config(tmp_path, 'models_dir = "models"', "tr_haber.txt")
    result = refresh(tmp_path, config)
    assert result.exit_code == 0, result.stderr
    assert json.dumps(_written(tmp_path)[0]["translation"]["models"]).count("translate-tr_en") == 1
