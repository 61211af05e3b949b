"""`babelwire models`: list, install (index, file, folder), remove; all offline."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from ingest.cli import main
from translate import models


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_list_is_empty_with_install_hint_on_stderr():
    result = run("models", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "babelwire models install tr --to en" in result.stderr


def test_install_from_file_then_list_shows_version_and_size(archives):
    assert run("models", "install", "--from-file", str(archives[("tr", "en")])).exit_code == 0
    rows = [json.loads(line) for line in run("models", "list", "--json").stdout.splitlines()]
    assert [(r["from"], r["to"], r["version"], r["installed"]) for r in rows] == [("tr", "en", "1.0", True)]
    assert rows[0]["size"] > 0


def test_install_from_dir_installs_every_package(archives, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    for pair in [("tr", "en"), ("nb", "en")]:
        (folder / archives[pair].name).write_bytes(archives[pair].read_bytes())
    assert run("models", "install", "--from-dir", str(folder)).exit_code == 0
    assert {(m.from_code, m.to_code) for m in models.installed()} == {("tr", "en"), ("nb", "en")}


def test_install_from_file_rejects_a_non_package(tmp_path):
    bogus = tmp_path / "bogus.argosmodel"
    bogus.write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(main, ["models", "install", "--from-file", str(bogus)])
    assert result.exit_code == 1
    assert "not an Argos model package" in result.stderr
    assert models.installed() == []


def test_remove_uninstalls(archives):
    run("models", "install", "--from-file", str(archives[("tr", "en")]))
    assert run("models", "remove", "tr", "--to", "en").exit_code == 0
    assert models.find("tr", "en") is None


def test_remove_unknown_is_an_error():
    result = CliRunner().invoke(main, ["models", "remove", "tr"])
    assert result.exit_code == 1
    assert "no installed model for tr→en" in result.stderr


def test_models_dir_option_points_at_a_shared_folder(archives, tmp_path):
    shared = tmp_path / "shared-models"
    run("models", "install", "--from-file", str(archives[("nb", "en")]), "--models-dir", str(shared))
    assert (shared / "translate-nb_en" / "metadata.json").is_file()
    rows = run("models", "list", "--json", "--models-dir", str(shared)).stdout
    assert json.loads(rows)["from"] == "nb"


def test_folder_without_metadata_does_not_break_listing(archives):
    run("models", "install", "--from-file", str(archives[("tr", "en")]))
    (Path(os.environ["ARGOS_PACKAGES_DIR"]) / "junk").mkdir()
    assert [m.from_code for m in models.installed()] == ["tr"]


def test_offline_index_fails_fast_with_air_gapped_command():
    result = CliRunner().invoke(main, ["models", "install", "tr", "--to", "en"])
    assert result.exit_code == 1
    assert "cannot reach the Argos package index" in result.stderr
    assert "babelwire models install --from-file" in result.stderr


def test_install_from_index_downloads_and_installs(archives, monkeypatch):
    """The network is mocked: the index and the download come from local bytes."""
    package = archives[("tr", "en")]
    index = [{"type": "translate", "from_code": "tr", "to_code": "en", "package_version": "1.0", "links": ["https://models.invalid/tr_en.argosmodel"]}]

    def fake_urlopen(url, timeout=None):
        url = getattr(url, "full_url", url)
        if url.endswith("index.json"):
            return _Response(json.dumps(index).encode())
        if url == index[0]["links"][0]:
            return _Response(package.read_bytes())
        raise urllib.error.URLError("unexpected URL " + url)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    result = run("models", "install", "tr", "--to", "en")
    assert result.exit_code == 0
    assert models.find("tr", "en").version == "1.0"


def test_if_missing_skips_installed_models(archives):
    run("models", "install", "--from-file", str(archives[("tr", "en")]))
    result = run("models", "install", "tr", "--to", "en", "--if-missing")
    assert result.exit_code == 0
    assert "already installed" in result.stderr


class _Response(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data))}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys\nfrom ingest.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return set(done.stderr.split())


def test_help_does_not_import_torch_or_argos_translate():
    loaded = _modules_after(["--help"])
    assert "click" in loaded
    assert "torch" not in loaded and "argostranslate.translate" not in loaded


def test_models_list_does_not_import_torch_or_argos_translate():
    loaded = _modules_after(["models", "list"])
    assert "translate.models" in loaded
    assert "torch" not in loaded and "argostranslate.translate" not in loaded
