"""Argos Translate model packages: find, list, install and remove them.

Only `argostranslate.settings` is imported here (cheap): never
`argostranslate.translate`, which pulls torch, spacy and stanza. Packages are
read from their `metadata.json`; a folder without one is skipped, not fatal.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from .errors import ModelError
from .languages import is_language
from babeltext.xdg import base_dir

log = logging.getLogger(__name__)

MODELS_DIR_ENV = "BABELWIRE_MODELS_DIR"
INDEX_TIMEOUT = 10.0
DOWNLOAD_TIMEOUT = 60.0
MAX_UNPACKED_ENV = "BABELWIRE_MODEL_MAX_BYTES"
MAX_UNPACKED_BYTES = 2 << 30  # real Argos packages unpack to 100-300 MB; far more is a zip bomb


@dataclass(frozen=True)
class Model:
    """An installed Argos translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def name(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}"

    def size(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    def describe(self) -> dict:
        return {"package": self.name, "from": self.from_code, "to": self.to_code, "version": self.version}


@dataclass(frozen=True)
class Available:
    """A package listed in the remote Argos index."""

    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]


def install_hint(from_code: str, to_code: str) -> str:
    return f"babelwire models install {from_code} --to {to_code}"


def use_models_dir(path: str | os.PathLike | None) -> None:
    """Point Argos at a models folder. Must run before argostranslate is imported."""
    path = path or os.environ.get(MODELS_DIR_ENV)
    if path:
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(path).expanduser().resolve())


def packages_dir() -> Path:
    """Where Argos keeps packages, read from the environment now (as argostranslate
    does at import time), so that listing never needs to import argostranslate."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit)
    return base_dir("XDG_DATA_HOME") / "argos-translate" / "packages"


def installed() -> list[Model]:
    """Every installed translation package, in a stable order."""
    directory = packages_dir()
    if not directory.is_dir():
        return []
    found: list[Model] = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith("."):
            continue
        model = _read_package(path)
        if model:
            found.append(model)
    return found


def _read_package(path: Path) -> Model | None:
    metadata_path = path / "metadata.json"
    if not path.is_dir():
        return None
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("skipping %s: not an Argos package (%s)", path, exc)
        return None
    if metadata.get("type", "translate") != "translate":
        return None
    try:
        return Model(
            metadata["from_code"], metadata["to_code"], str(metadata.get("package_version", "0")),
            path, metadata.get("target_prefix", "") or "",
        )
    except KeyError as exc:
        log.warning("skipping %s: metadata.json lacks %s", path, exc)
        return None


def find(from_code: str, to_code: str) -> Model | None:
    """The installed package for a pair, the newest version if several."""
    matches = [m for m in installed() if m.from_code == from_code and m.to_code == to_code]
    return max(matches, key=lambda m: _version_key(m.version)) if matches else None


def check_target(code: str) -> None:
    """Refuse a target that is no language (a typo), naming what the installed models translate into.

    A real language without a model is left to the run, which names each missing
    model with the command that installs it.
    """
    targets = sorted({m.to_code for m in installed()})
    if code in targets or is_language(code):
        return
    if targets:
        raise ModelError(f"no such language '{code}'; installed models translate into: {', '.join(targets)}")
    raise ModelError(f"no such language '{code}', and no models are installed; install some with: babelwire models install tr nl nb --to en")


def check_languages(codes) -> None:
    """Refuse language codes that are no language (`--languages xx,yy`), by the rule of check_target."""
    known = {code for m in installed() for code in (m.from_code, m.to_code)}
    for code in codes:
        if code in known or is_language(code):
            continue
        if is_language(code.lower()):
            raise ModelError(f"'{code}': write language codes in lower case ({code.lower()})")
        raise ModelError(f"no such language '{code}'; expected ISO 639-1 codes, such as tr, nl, nb, en, de")


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def max_unpacked_bytes() -> int:
    """The most one package may unpack to: $BABELWIRE_MODEL_MAX_BYTES, else 2 GiB."""
    value = os.environ.get(MAX_UNPACKED_ENV, "").strip()
    if not value:
        return MAX_UNPACKED_BYTES
    if not value.isdigit() or int(value) < 1:
        raise ModelError(f"{MAX_UNPACKED_ENV}={value!r}: expected a number of bytes")
    return int(value)


def install_file(archive: Path) -> Model:
    """Install a .argosmodel file (a zip with one package folder) into the models folder.

    All or nothing: the package is unpacked in a staging folder and renamed into
    place, so a bad archive or a crash never leaves half a package there. The
    folder it goes to is named from the package's own metadata
    (translate-FROM_TO), never from the archive's folder name, so an archive
    cannot replace another pair's package.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise ModelError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise ModelError(f"{archive}: not an Argos model package (not a zip archive)")
    target = packages_dir()
    try:
        with zipfile.ZipFile(archive) as zf:
            top = _check_members(archive, zf)
            target.mkdir(parents=True, exist_ok=True)
            with _staging(target) as staging:
                zf.extractall(staging)
                package = _read_package(staging / top)
                if package is None:
                    raise ModelError(f"{archive}: metadata.json is not a translation package's")
                final = target / _folder_for(archive, package)
                _check_replaceable(archive, final, package)
                _move_into_place(staging / top, final, staging)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ModelError(f"{archive}: corrupt archive ({exc})") from None
    except OSError as exc:
        raise ModelError(f"{archive}: cannot install into {target} ({exc.strerror or exc})") from None
    return _read_package(final)


_CODE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")  # ISO 639 and Argos's own (zt, pb), with BCP 47 subtags


def _folder_for(archive: Path, package: Model) -> str:
    """The package's folder name, from its metadata: translate-FROM_TO, as Argos names packages."""
    for code in (package.from_code, package.to_code):
        if not isinstance(code, str) or not _CODE.match(code):
            raise ModelError(f"{archive}: metadata.json names {code!r}, which is no language code")
    return package.name


def _check_replaceable(archive: Path, final: Path, package: Model) -> None:
    """Refuse to replace a folder that holds anything but a package for the same pair."""
    if not final.exists():
        return
    there = _read_package(final)
    if there is None or (there.from_code, there.to_code) != (package.from_code, package.to_code):
        holds = f"{there.from_code}→{there.to_code}" if there else "no translation package"
        raise ModelError(f"{archive}: refusing to replace {final}, which holds {holds}, with {package.from_code}→{package.to_code}")


def _check_members(archive: Path, zf: zipfile.ZipFile) -> str:
    """The package's one top-level folder, after refusing escaping paths and zip bombs."""
    names = [n for n in zf.namelist() if n.strip("/")]
    tops = {PurePosixPath(n).parts[0] for n in names}
    if len(tops) != 1:
        raise ModelError(f"{archive}: not an Argos model package (expected one top-level folder)")
    top = tops.pop()
    if any(PurePosixPath(n).is_absolute() or ".." in PurePosixPath(n).parts for n in names):
        raise ModelError(f"{archive}: refusing a package with paths outside its folder")
    if f"{top}/metadata.json" not in names:
        raise ModelError(f"{archive}: not an Argos model package (no metadata.json)")
    # zipfile never yields more than a member's declared size (it checks the CRC instead),
    # so the declared sizes bound what extraction writes.
    unpacked, limit = sum(i.file_size for i in zf.infolist()), max_unpacked_bytes()
    if unpacked > limit:
        raise ModelError(
            f"{archive}: refusing a package that unpacks to {unpacked / 2**20:.1f} MiB, over the "
            f"{limit / 2**20:.1f} MiB limit (set {MAX_UNPACKED_ENV} to a larger number of bytes to allow it)"
        )
    return top


@contextlib.contextmanager
def _staging(target: Path):
    """A temporary folder beside the models folder, removed afterwards.

    Beside, not inside: argostranslate fails on any folder in its models folder
    without a metadata.json, and a killed install could leave one. Inside (hidden)
    only when the models folder is a mount point or its parent is not writable,
    so that the final move stays a rename.
    """
    parent = target.parent
    beside = os.access(parent, os.W_OK) and parent.stat().st_dev == target.stat().st_dev
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.installing-", dir=parent if beside else target))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _move_into_place(new: Path, final: Path, staging: Path) -> None:
    """Rename the unpacked package into place; an older copy is first renamed out (never deleted in place)."""
    if final.exists():
        os.replace(final, staging / ".replaced")
    os.replace(new, final)


def archives_in(folder: Path) -> list[Path]:
    """The .argosmodel files in a folder (air-gapped machines), in name order."""
    files = sorted(Path(folder).glob("*.argosmodel"))
    if not files:
        raise ModelError(f"{folder}: no .argosmodel files in this folder")
    return files


def remove(from_code: str, to_code: str) -> Model:
    model = find(from_code, to_code)
    if model is None:
        raise ModelError(f"no installed model for {from_code}→{to_code}")
    shutil.rmtree(model.path)
    return model


def index(timeout: float = INDEX_TIMEOUT) -> list[Available]:
    """The remote Argos package index; fails fast with the air-gapped alternative."""
    from argostranslate import settings  # cheap; reads ARGOS_PACKAGE_INDEX

    url = settings.remote_package_index
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(
            f"cannot reach the Argos package index ({reason}). On a machine without internet, "
            "copy the .argosmodel files over and run: babelwire models install --from-file FILE "
            "(or --from-dir DIR)"
        ) from None
    return [
        Available(p["from_code"], p["to_code"], str(p.get("package_version", "0")), tuple(p.get("links", ())))
        for p in data
        if p.get("type", "translate") == "translate" and "from_code" in p and "to_code" in p
    ]


def install_from_index(
    from_codes: list[str],
    to_code: str,
    progress: Callable[[str, int, int | None], None] | None = None,
    available: list[Available] | None = None,
) -> list[Model]:
    """Download and install the packages for each `from_code`→`to_code` pair."""
    available = index() if available is None else available
    wanted = []
    for code in from_codes:
        matches = [a for a in available if a.from_code == code and a.to_code == to_code]
        if not matches:
            raise ModelError(f"the Argos index has no model for {code}→{to_code}")
        wanted.append(max(matches, key=lambda a: _version_key(a.version)))
    return [_download_and_install(package, progress) for package in wanted]


def _download_and_install(package: Available, progress) -> Model:
    name = f"translate-{package.from_code}_{package.to_code}"
    last_error: Exception | None = None
    for link in package.links:
        try:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"{name}.argosmodel"
                _download(link, path, name, progress)
                return install_file(path)
        except (urllib.error.URLError, OSError) as exc:
            last_error = exc
            log.info("download of %s from %s failed: %s", name, link, exc)
    raise ModelError(f"could not download {name} ({last_error or 'no download link in the index'})")


def _download(url: str, path: Path, name: str, progress) -> None:
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response, open(path, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0) or None
        done = 0
        while chunk := response.read(1 << 16):
            out.write(chunk)
            done += len(chunk)
            if progress:
                progress(name, done, total)
