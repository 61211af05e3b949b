"""`--target` and `--languages` (and refresh's `target` and `languages`) must be languages: a typo is refused before anything runs."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import SEEDS

from ingest.cli import EXIT_CONFIG, main

SEED = str(SEEDS / "000_d5a73210c1fcf6c2.txt")


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_unknown_target_is_refused_with_the_languages_installed_models_translate_into(install):
    install(("tr", "en"), ("en", "de"))
    result = invoke("ingest", SEED, "--target", "xx")
    assert result.exit_code == EXIT_CONFIG
    assert result.stdout == ""
    assert result.stderr.startswith("error: --target: ")
    assert "'xx'" in result.stderr and "translate into: de, en" in result.stderr


def test_unknown_target_with_no_models_installed_says_how_to_install_one():
    result = invoke("ingest", SEED, "--target", "xx")
    assert result.exit_code == EXIT_CONFIG
    assert result.stdout == ""
    assert "'xx'" in result.stderr and "babelwire models install " in result.stderr


def test_unknown_target_is_not_checked_with_no_translate():
    result = invoke("ingest", SEED, "--target", "xx", "--no-translate")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_refresh_refuses_an_unknown_target_in_its_config(install, tmp_path):
    install(("tr", "en"))
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.txt").write_text((SEEDS / "000_d5a73210c1fcf6c2.txt").read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    config.write_text('target = "xx"\noutput = "out"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    result = invoke("refresh", "-c", str(config), "--state", str(tmp_path / "state.sqlite3"))
    assert result.exit_code == EXIT_CONFIG
    assert result.stderr.startswith(f"error: {config}: target: ")
    assert "'xx'" in result.stderr and "translate into: en" in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "state.sqlite3").exists()


def test_a_target_in_capitals_is_the_same_language(install):
    install(("tr", "en"))
    result = invoke("ingest", SEED, "--target", "EN")
    assert result.exit_code == 0, result.stderr
    assert '"target":"en"' in result.stdout


def test_languages_that_are_no_languages_are_refused_like_a_target():
    result = invoke("ingest", SEED, "--languages", "xx,yy", "--no-translate")
    assert result.exit_code == EXIT_CONFIG and result.stdout == ""
    assert result.stderr.strip().splitlines() == ["error: --languages: no such language 'xx'; expected ISO 639-1 codes, such as tr, nl, nb, en, de"]


def test_languages_in_capitals_are_the_same_languages():
    result = invoke("ingest", SEED, "--languages", "TR,En", "--no-translate")
    assert result.exit_code == 0 and result.stderr == ""


def test_refresh_refuses_languages_that_are_no_languages_in_its_config(tmp_path):
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "babelwire.toml"
    config.write_text('languages = ["tr", "xx"]\noutput = "out"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    result = invoke("refresh", "-c", str(config), "--state", str(tmp_path / "state.sqlite3"))
    assert result.exit_code == EXIT_CONFIG
    assert result.stderr.startswith(f"error: {config}: languages: no such language 'xx'")
    assert not (tmp_path / "out").exists() and not (tmp_path / "state.sqlite3").exists()
