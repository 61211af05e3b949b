"""Test isolation: HOME and every XDG and Argos path point at a temp dir, and no
test reaches beyond this machine's loopback interface."""

from __future__ import annotations

import ipaddress
import json
from collections import Counter
import os
import re
import socket
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# argostranslate reads these at import time and creates folders there (and
# libraries fall back on HOME for what has no XDG variable), so they are set
# before any test can import anything.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="babelwire-tests-"))
(_SESSION_HOME / "home").mkdir()
os.environ["HOME"] = str(_SESSION_HOME / "home")
for _var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_SESSION_HOME / _var.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_SESSION_HOME / "argos-packages")

sys.path.insert(0, str(Path(__file__).parent))

# The same examples on every run, and no replay database: a property that fails
# fails in CI and on every machine alike, never by the luck of the draw.
settings.register_profile("babelwire", derandomize=True, database=None)
settings.load_profile("babelwire")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Fresh XDG and Argos folders per test, HOME in the session's temp dir; no stray babelwire or proxy settings.

    HOME is one per session, not per test: Ray keeps the cluster token it wrote under the first
    HOME in the process, and a local cluster started under another HOME cannot find it.
    """
    monkeypatch.setenv("HOME", str(_SESSION_HOME / "home"))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    for var in ("BABELWIRE_MODELS_DIR", "BABELWIRE_DEBUG", "ARGOS_PACKAGE_INDEX"):
        monkeypatch.delenv(var, raising=False)
    for var in ("http_proxy", "https_proxy", "no_proxy", "all_proxy"):  # a developer's proxy would take the loopback fetches
        monkeypatch.delenv(var, raising=False)
        monkeypatch.delenv(var.upper(), raising=False)
    return tmp_path


def _fork_server_reaching_loopback_only() -> None:
    """Cleaning workers are forked from a fork server (ingest/run/pool.py) that `loopback_only` below
    cannot patch: the session's fork server starts now, with a guard preloaded that refuses the same."""
    import multiprocessing
    import multiprocessing.forkserver

    from ingest.run.pool import PRELOAD

    multiprocessing.get_context("forkserver").set_forkserver_preload([*PRELOAD, "no_network.loopback_only"])
    path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parent), path]))  # the fork server's own sys.path
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if path is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = path


_fork_server_reaching_loopback_only()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Mock the network: connections anywhere but loopback (127.0.0.0/8, ::1, localhost) fail at once.
    The whole of 127.0.0.0/8 is this machine, so tests serve several "hosts" on 127.0.0.2, 127.0.0.3, ..."""
    real_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not loopback(host) and self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"network disabled in tests (tried {host})")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", _loopback_getaddrinfo(socket.getaddrinfo))


def loopback(host: str) -> bool:
    """Whether `host` names this machine: localhost, ::1, or an address in 127.0.0.0/8 (nothing else, no other name)."""
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address == ipaddress.ip_address("::1") or address in ipaddress.ip_network("127.0.0.0/8")


def _loopback_getaddrinfo(real):
    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not loopback(host if isinstance(host, str) else host.decode("ascii", "replace")):
            raise socket.gaierror(socket.EAI_NONAME, f"network disabled in tests (looked up {host})")
        return real(host, *args, **kwargs)

    return getaddrinfo


@pytest.fixture(scope="session")
def archives(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Tiny real .argosmodel files (token ciphers, see argos_package.py), built once per test session."""
    from argos_package import build_package

    folder = tmp_path_factory.mktemp("argosmodels")
    pairs = [("tr", "en"), ("nb", "en"), ("nl", "en"), ("en", "de")]
    return {pair: build_package(folder, *pair, seed=i, cipher=True) for i, pair in enumerate(pairs)}


@pytest.fixture
def install(archives):
    """Install tiny packages for the given pairs through argostranslate's own install function."""

    def _install(*pairs: tuple[str, str]) -> None:
        import argostranslate.package
        import argostranslate.settings

        target = Path(os.environ["ARGOS_PACKAGES_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        original = argostranslate.settings.package_data_dir
        argostranslate.settings.package_data_dir = target
        try:
            for pair in pairs:
                argostranslate.package.install_from_path(archives[pair])
        finally:
            argostranslate.settings.package_data_dir = original

    return _install


def _norm(text: str) -> str:
    return " ".join(text.split())


def unaccounted(text: str, cleaned) -> list[str]:
    """What the cleaner lost or made up: words of the input found neither in the title, a kept block
    (as the tool wrote it, markup and all), a removed entry nor the metadata; and kept blocks that do not
    start on the input line they name, and removed entries that do not."""
    pieces = [cleaned.title or "", *(b.raw or b.text for b in cleaned.blocks), *(r.text for r in cleaned.removed),
              *(v for v in (cleaned.sitename, cleaned.category, cleaned.author) if v)]
    title_line = next((line for line in text.splitlines() if cleaned.title and _norm(line).startswith(_norm(cleaned.title))), "")
    pieces.append(title_line)  # what follows the title on its line is its site or category suffix
    have = Counter(w for piece in pieces for w in _WORDS.findall(piece))
    lost = Counter(w for w in _WORDS.findall(text)) - have
    lines = text.splitlines()
    made_up = [piece.text for piece in [*cleaned.blocks, *cleaned.removed]
               if not piece.line or not set(_WORDS.findall(piece.text)[:1]) <= _first_words(lines, piece.line)]
    return sorted(lost) + made_up


def _first_words(lines: list[str], number: int) -> set[str]:
    """The words of the first line with any, from line `number` on (a block may start on a line of punctuation)."""
    return next((set(words) for line in lines[number - 1 :] if (words := _WORDS.findall(line))), set())


_WORDS = re.compile(r"\w+")


def translated_alone(translator, text: str, lang: str, model: str | None = None) -> str:
    """A segment's translation worked out by hand: each of its sentences in a model call of its own
    (`model`: the language whose model takes it, by default `lang`), joined by spaces as a record joins them."""
    from translate.segment import normalise_caps, split_sentences

    sentences = [normalise_caps(s, lang) for s in split_sentences(text, lang)]
    return " ".join(translator.translate(model or lang, "en", [sentence])[0] for sentence in sentences)


def jsonl(text: str) -> list[dict]:
    """Parse JSONL output; fails the test on any line that is not a JSON object."""
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert all(isinstance(r, dict) for r in records)
    return records


@pytest.fixture(scope="session")
def validator():
    import jsonschema

    from ingest.write.record import load_schema

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1 serving tests/data."""
    import functools
    import http.server
    import threading

    handler = functools.partial(_QuietHandler, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


import http.server  # noqa: E402
import socketserver  # noqa: E402


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _quiet_when_the_client_goes_away(report):
    """Test servers: a client that hangs up mid-request (babelwire giving up on a slow or refused page) is
    no error of the server's, so no traceback on stderr; anything else is reported as before."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            report(self, request, client_address)

    return handle_error


socketserver.BaseServer.handle_error = _quiet_when_the_client_goes_away(socketserver.BaseServer.handle_error)
