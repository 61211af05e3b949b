"""`babelwire models`: list, install (index, file, folder), remove; all offline."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
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


def _repack(source: Path, dest: Path, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of a real package archive, deflated, with extra members appended at its end."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dest


def _models_folder_entries() -> list[str]:
    folder = models.packages_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _beside_models_folder() -> set[str]:
    folder = models.packages_dir()
    return {p.name for p in folder.parent.iterdir()} - {folder.name}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_install_from_dir_installs_the_good_files_and_reports_each_bad_one(archives, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copy(archives[("tr", "en")], folder)
    (folder / "a-not-a-zip.argosmodel").write_text("not a zip", encoding="utf-8")
    _zip(folder / "b-no-metadata.argosmodel", {"translate-xx_en/model/model.bin": b"weights"})
    _zip(folder / "c-escapes.argosmodel", {"translate-xx_en/metadata.json": b"{}", "translate-xx_en/../../../evil.txt": b"x"})
    result = CliRunner().invoke(main, ["models", "install", "--from-dir", str(folder)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ")[1] for line in errors] == [str(folder / n) for n in ("a-not-a-zip.argosmodel", "b-no-metadata.argosmodel", "c-escapes.argosmodel")]
    assert [(m.from_code, m.to_code) for m in models.installed()] == [("tr", "en")]
    assert "installed translate-tr_en" in result.stderr
    assert not list(tmp_path.rglob("evil.txt"))


def test_archive_that_unpacks_past_the_size_limit_is_refused(archives, tmp_path, monkeypatch):
    bomb = _repack(archives[("tr", "en")], tmp_path / "bomb.argosmodel", {"translate-tr_en/padding.bin": bytes(8 << 20)})
    assert bomb.stat().st_size < 1 << 20  # 8 MiB of zeros pack into a few KiB
    monkeypatch.setenv("BABELWIRE_MODEL_MAX_BYTES", str(4 << 20))
    result = CliRunner().invoke(main, ["models", "install", "--from-file", str(bomb)])
    assert result.exit_code == 1
    assert f"error: {bomb}: " in result.stderr and "BABELWIRE_MODEL_MAX_BYTES" in result.stderr
    assert _models_folder_entries() == []


def test_corrupt_member_mid_archive_leaves_no_partial_package_and_no_temp_folder(archives, tmp_path):
    broken = tmp_path / "broken.argosmodel"
    shutil.copy(archives[("tr", "en")], broken)
    with zipfile.ZipFile(broken) as zf:
        last = zf.infolist()[-1]  # the first members unpack fine, this one fails its CRC
    data = bytearray(broken.read_bytes())
    middle = last.header_offset + 30 + len(last.filename.encode()) + len(last.extra) + last.compress_size // 2
    data[middle] ^= 0xFF
    broken.write_bytes(bytes(data))
    before = _beside_models_folder()
    result = CliRunner().invoke(main, ["models", "install", "--from-file", str(broken)])
    assert result.exit_code == 1
    assert f"error: {broken}: " in result.stderr
    assert _models_folder_entries() == []
    assert _beside_models_folder() == before


def test_install_killed_mid_extraction_leaves_nothing_in_the_models_folder(archives, tmp_path):
    """A real crash: the file-size limit kills the installer (SIGXFSZ) while it writes a large member.
    argostranslate fails on any folder there without a metadata.json, so nothing may be left behind."""
    package = _repack(archives[("tr", "en")], tmp_path / "big.argosmodel", {"translate-tr_en/zz-large.bin": bytes(2 << 20)})
    code = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_DFL)\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))\n"
        "from ingest.cli import main\n"
        f"main(['models', 'install', '--from-file', {str(package)!r}])\n"
    )
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGXFSZ
    assert _models_folder_entries() == []


def _relabel(source: Path, dest: Path, folder: str, **metadata) -> Path:
    """A copy of a real package archive whose top-level folder is `folder`, its metadata.json changed by `metadata`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            top, _, rest = info.filename.partition("/")
            if rest == "metadata.json":
                data = json.dumps({**json.loads(data), **metadata}).encode()
            zout.writestr(f"{folder}/{rest}", data)
    return dest


def test_an_archive_named_for_another_pair_cannot_replace_that_pair(archives, tmp_path):
    run("models", "install", "--from-file", str(archives[("nl", "en")]))
    disguised = _relabel(archives[("tr", "en")], tmp_path / "disguised.argosmodel", "translate-nl_en")
    result = run("models", "install", "--from-file", str(disguised))
    assert result.exit_code == 0, result.stderr
    assert sorted((m.from_code, m.to_code, m.path.name) for m in models.installed()) == [
        ("nl", "en", "translate-nl_en"), ("tr", "en", "translate-tr_en")]


def test_a_package_whose_metadata_names_no_language_code_is_refused(archives, tmp_path):
    escaping = _relabel(archives[("tr", "en")], tmp_path / "escaping.argosmodel", "translate-tr_en", from_code="../../tr")
    result = CliRunner().invoke(main, ["models", "install", "--from-file", str(escaping)])
    assert result.exit_code == 1
    assert f"error: {escaping}: metadata.json names '../../tr', which is no language code" in result.stderr
    assert _models_folder_entries() == [] and not list(tmp_path.rglob("translate-../*"))


def test_a_folder_that_holds_another_pair_under_this_pairs_name_is_not_replaced(archives, tmp_path, monkeypatch):
    import argostranslate.package
    import argostranslate.settings

    misfiled = _relabel(archives[("nl", "en")], tmp_path / "misfiled.argosmodel", "translate-tr_en")
    monkeypatch.setattr(argostranslate.settings, "package_data_dir", models.packages_dir())
    models.packages_dir().mkdir(parents=True, exist_ok=True)
    argostranslate.package.install_from_path(misfiled)  # as Argos installs: under the archive's folder name
    result = CliRunner().invoke(main, ["models", "install", "--from-file", str(archives[("tr", "en")])])
    assert result.exit_code == 1
    assert "refusing to replace" in result.stderr and "which holds nl→en" in result.stderr
    assert [(m.from_code, m.path.name) for m in models.installed()] == [("nl", "translate-tr_en")]


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


def test_installing_an_installed_model_says_so_without_the_network(archives, monkeypatch):
    run("models", "install", "--from-file", str(archives[("tr", "en")]))
    fetched = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda url, timeout=None: fetched.append(url) or pytest.fail(f"fetched {url}"))
    result = run("models", "install", "tr", "--to", "en")
    assert result.exit_code == 0 and fetched == []
    assert result.stderr.startswith("tr→en is already installed (translate-tr_en ")
    assert "babelwire models remove tr --to en" in result.stderr


def test_installing_an_installed_and_a_missing_model_fetches_only_the_missing_one(archives, monkeypatch):
    run("models", "install", "--from-file", str(archives[("tr", "en")]))
    index = [{"type": "translate", "from_code": "nb", "to_code": "en", "package_version": "1.0", "links": ["https://models.invalid/nb_en.argosmodel"]}]
    fetched = []

    def fake_urlopen(url, timeout=None):
        url = getattr(url, "full_url", url)
        fetched.append(url)
        return _Response(json.dumps(index).encode() if url.endswith("index.json") else archives[("nb", "en")].read_bytes())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    result = run("models", "install", "tr", "nb", "--to", "en")
    assert result.exit_code == 0
    assert fetched[-1] == "https://models.invalid/nb_en.argosmodel" and not any("tr_en" in url for url in fetched)
    assert sorted(m.from_code for m in models.installed()) == ["nb", "tr"]


@pytest.mark.parametrize("as_json", [False, True], ids=["table", "json"])
def test_listing_available_models_offline_lists_the_installed_ones_first(archives, as_json):
    run("models", "install", "--from-file", str(archives[("tr", "en")]))
    result = CliRunner().invoke(main, ["models", "list", "--available", *(["--json"] if as_json else [])])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1 and "tr" in result.stdout and "en" in result.stdout
    assert result.stderr.startswith("error: cannot reach the Argos package index")


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
