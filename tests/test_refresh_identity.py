"""One identity per item in `babelwire refresh`: whatever the working folder, across redirects, and across the upgrade."""

from __future__ import annotations

import hashlib
import http.server
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, jsonl

from ingest.cli import main

PAGE = (DATA / "page.html").read_text(encoding="utf-8")
NAMES = ("nl_blog.txt", "tr_haber.txt")


@pytest.fixture
def config(tmp_path):
    """A config over a folder of two articles, output in one file."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(DATA / name, folder / name)
    path = tmp_path / "babelwire.toml"
    path.write_text('output = "out"\noutput_layout = "single"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    return path


def refresh(config: Path):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3")], catch_exceptions=False)


def output(config: Path) -> list[dict]:
    path = config.parent / "out" / "babelwire.jsonl"
    return jsonl(path.read_text(encoding="utf-8")) if path.exists() else []


def test_same_config_from_another_working_folder_finds_nothing_new(config, monkeypatch):
    monkeypatch.chdir(config.parent)
    refresh(config)
    monkeypatch.chdir("/")
    result = refresh(config)
    assert len(output(config)) == 2
    assert "0 new, 0 changed, 2 skipped" in result.stderr


def test_ingest_gives_a_file_the_same_id_from_any_working_folder(config, monkeypatch):
    monkeypatch.chdir(config.parent)
    near = CliRunner().invoke(main, ["ingest", "inbox/nl_blog.txt", "--no-translate", "--workers", "0", "-q"])
    monkeypatch.chdir("/")
    far = CliRunner().invoke(main, ["ingest", str(config.parent / "inbox" / "nl_blog.txt"), "--no-translate", "--workers", "0", "-q"])
    assert near.exit_code == far.exit_code == 0
    assert jsonl(near.stdout)[0]["id"] == jsonl(far.stdout)[0]["id"]


# ------------------------------------------------------------------ a state written before the upgrade
# The items table as the release before absolute keys created it, and the row its
# mark_pending + mark_done left: the file's path relative to the working folder of that run.
OLD_ITEMS = """CREATE TABLE items (key TEXT PRIMARY KEY, record_id TEXT, sha256 TEXT, revision INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'new', errors INTEGER NOT NULL DEFAULT 0, last_error TEXT, last_seen REAL,
    next_try REAL NOT NULL DEFAULT 0, pending_sha256 TEXT, pending_revision INTEGER, pending_file TEXT, pending_offset INTEGER)"""


def _old_id(key: str) -> str:
    return hashlib.sha256(f"file:{key}".encode("utf-8")).hexdigest()[:16]


@pytest.fixture
def old_state(config):
    """State as the previous release left it after a run from the config's folder: keys `inbox/NAME`."""
    db = sqlite3.connect(config.parent / "state.sqlite3")
    db.execute(OLD_ITEMS)
    for name in NAMES:
        key = f"inbox/{name}"
        digest = hashlib.sha256((config.parent / key).read_bytes()).hexdigest()
        db.execute("INSERT INTO items (key, record_id, sha256, revision, status, last_seen) VALUES (?, ?, ?, 1, 'done', 0)", (key, _old_id(key), digest))
    db.commit()
    db.close()
    return config


def test_items_in_a_state_from_before_the_upgrade_are_not_processed_again(old_state, monkeypatch):
    monkeypatch.chdir("/")
    result = refresh(old_state)
    assert output(old_state) == []
    assert "0 new, 0 changed, 2 skipped" in result.stderr


def test_changed_file_from_before_the_upgrade_keeps_its_record_id(old_state, monkeypatch):
    monkeypatch.chdir("/")
    article = old_state.parent / "inbox" / "nl_blog.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nEen nieuwe alinea over de haven en de veerboot.\n", encoding="utf-8")
    result = refresh(old_state)
    records = output(old_state)
    assert [(r["id"], r["revision"]) for r in records] == [(_old_id("inbox/nl_blog.txt"), 2)]
    assert "0 new, 1 changed, 1 skipped" in result.stderr


# ------------------------------------------------------------------ redirects
@pytest.fixture
def redirecting_site():
    """`/story` redirects to whatever `site["to"]` names; `/v1.html` and `/v2.html` are two versions of it."""
    site = {"to": "/v1.html"}
    pages = {"/v1.html": PAGE, "/v2.html": PAGE.replace("Harbour reopens after storm repairs", "Harbour reopens a week late")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/story":
                self.send_response(302)
                self.send_header("Location", site["to"])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = pages.get(self.path, "not found").encode("utf-8")
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site["base"] = f"http://127.0.0.1:{server.server_address[1]}"
    yield site
    server.shutdown()
    server.server_close()


def test_redirected_url_keeps_one_id_when_its_target_changes(tmp_path, redirecting_site):
    (tmp_path / "urls.txt").write_text(f"{redirecting_site['base']}/story\n", encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    # The page sends no validators and no listing dates it: only `revisit` has it fetched again.
    config.write_text('output = "out"\noutput_layout = "single"\nhost_delay = 0\nallow_private_urls = true\nrevisit = 0\n\n[[source]]\nurls = "urls.txt"\n',
                      encoding="utf-8")
    refresh(config)
    redirecting_site["to"] = "/v2.html"
    refresh(config)
    first, second = output(config)
    assert (first["revision"], second["revision"]) == (1, 2)
    assert first["id"] == second["id"]
    assert second["source"]["url"] == f"{redirecting_site['base']}/v2.html"
