"""`babelwire refresh`: state, feeds, revisions, retries, config errors — against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, jsonl

from ingest.cli import EXIT_CONFIG, main
from ingest.cron.state import State

PAGE = (DATA / "page.html").read_text(encoding="utf-8")


class Site:
    """Pages and feeds served from memory, with ETags and request counts."""

    def __init__(self):
        self.pages: dict[str, tuple[int, str, str]] = {}
        self.requests: list[tuple[str, int]] = []
        self.agents: list[str] = []
        self.slow = 3.0

    def handler(site):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.agents.append(self.headers.get("User-Agent", ""))
                if self.path == "/loop.xml":
                    site.requests.append((self.path, 302))
                    self.send_response(302)
                    self.send_header("Location", "/loop.xml")
                    self.end_headers()
                    return
                if self.path == "/slow.html":
                    time.sleep(site.slow)
                status, kind, body = site.pages.get(self.path, (404, "text/plain", "not found"))
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    site.requests.append((self.path, 304))
                    self.send_response(304)
                    self.end_headers()
                    return
                site.requests.append((self.path, status))
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def site():
    site = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield site
    server.shutdown()
    server.server_close()


def rss(base: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>Item {p}</title><link>{base}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>{base}/</link>{items}</channel></rss>'


def atom(base: str, paths: list[str]) -> str:
    entries = "".join(f'<entry><title>E {p}</title><link href="{base}{p}"/><id>{p}</id><updated>2024-01-01T00:00:00Z</updated></entry>' for p in paths)
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>x</id><updated>2024-01-01T00:00:00Z</updated>{entries}</feed>'


def article(title: str) -> str:
    return PAGE.replace("Harbour reopens after storm repairs", title)


@pytest.fixture
def setup(tmp_path, site):
    """A config with a folder, a URL list, an RSS feed, an Atom feed and a malformed feed."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("nl_blog.txt", "tr_haber.txt"):
        shutil.copy(DATA / name, folder / name)
    site.pages = {
        "/rss.xml": (200, "application/rss+xml", rss(site.base, ["/a1.html", "/a2.html", "/missing.html"])),
        "/atom.xml": (200, "application/atom+xml", atom(site.base, ["/a3.html"])),
        "/bad.xml": (200, "application/xml", "<rss><channel><item><title>broken"),
        "/a1.html": (200, "text/html", article("Harbour reopens after storm repairs")),
        "/a2.html": (200, "text/html", article("Ferry timetable restored for the winter")),
        "/a3.html": (200, "text/html", article("Bridge inspection finds no damage")),
        "/listed.html": (200, "text/html", article("Library extends its opening hours")),
        "/slow.html": (200, "text/html", article("A page that never arrives")),
    }
    (tmp_path / "urls.txt").write_text(f"{site.base}/listed.html\n", encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    config.write_text(
        f"""output = "out"
output_layout = "single"
max_tries = 2
retry_after = 0
host_delay = 0
timeout = 1
allow_private_urls = true

[[source]]
folder = "inbox"

[[source]]
urls = "urls.txt"

[[source]]
feed = "{site.base}/rss.xml"

[[source]]
feed = "{site.base}/atom.xml"

[[source]]
feed = "{site.base}/bad.xml"
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture
def setup_with_slow_page(setup, site):
    """`setup` whose RSS feed also links a page that answers after the 1 s timeout. Each run that fetches
    it waits about 4 s (the fetcher retries), so only the test about it links it."""
    site.pages["/rss.xml"] = (200, "application/rss+xml", rss(site.base, ["/a1.html", "/a2.html", "/missing.html", "/slow.html"]))
    return setup


def refresh(config: Path, *extra):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3"), *extra], catch_exceptions=False)


def output(config: Path) -> list[dict]:
    path = config.parent / "out" / "babelwire.jsonl"
    return jsonl(path.read_text(encoding="utf-8")) if path.exists() else []


def test_first_run_processes_everything_and_reports_failures(setup_with_slow_page, site, validator):
    setup = setup_with_slow_page
    result = refresh(setup)
    records = output(setup)
    names = sorted(Path(r["source"].get("path") or r["source"]["url"]).name for r in records)
    assert names == ["a1.html", "a2.html", "a3.html", "listed.html", "nl_blog.txt", "tr_haber.txt"]
    for record in records:
        validator.validate(record)
    assert result.exit_code == 1
    assert "missing.html: HTTP 404" in result.stderr
    assert "slow.html" in result.stderr
    assert "bad.xml" in result.stderr
    assert "6 new, 0 changed, 0 skipped, 3 failed" in result.stderr


def test_second_run_emits_nothing_new_and_revalidates_feeds(setup, site):
    refresh(setup)
    before = len(output(setup))
    site.requests.clear()
    result = refresh(setup)
    assert len(output(setup)) == before
    assert "0 new, 0 changed" in result.stderr
    assert ("/rss.xml", 304) in site.requests and ("/atom.xml", 304) in site.requests


def test_changed_page_gives_exactly_one_new_revision(setup, site):
    refresh(setup)
    first = {r["id"]: r for r in output(setup)}
    site.pages["/listed.html"] = (200, "text/html", article("Library extends its opening hours again"))
    result = refresh(setup)
    records = output(setup)
    new = records[len(first):]
    assert len(new) == 1
    assert new[0]["id"] in first and new[0]["revision"] == 2
    assert new[0]["title"] == "Library extends its opening hours again"
    assert "0 new, 1 changed" in result.stderr


def test_failing_item_is_retried_then_marked_dead(setup, site):
    refresh(setup)
    refresh(setup)
    state = State(setup.parent / "state.sqlite3")
    assert state.item(f"{site.base}/missing.html").status == "dead"
    site.requests.clear()
    refresh(setup)
    assert not any(path == "/missing.html" for path, _ in site.requests)


def test_failed_item_rests_until_its_retry_time(setup, site):
    setup.write_text(setup.read_text(encoding="utf-8").replace("retry_after = 0", 'retry_after = "1h"'), encoding="utf-8")
    refresh(setup)
    site.requests.clear()
    result = refresh(setup)
    assert not any(path == "/missing.html" for path, _ in site.requests)
    assert "0 new, 0 changed" in result.stderr


@pytest.mark.parametrize(
    "text,message",
    [
        ('colour = "blue"\n[[source]]\nfolder = "."\n', "babelwire.toml:1: unknown key 'colour'"),
        ('[[source]]\nfolder = "."\n\n[[source]]\nfeed = "ftp://example.org/feed"\n', "babelwire.toml:5: feed: 'ftp://example.org/feed' is not an http(s) URL"),
        ('[[source]]\nfolder = "no-such-folder"\n', "babelwire.toml:2: folder: folder 'no-such-folder' does not exist"),
        ('[[source]]\nfolder = "."\ninterval = "soon"\n', "babelwire.toml:3: interval: 'soon' is not a duration"),
        ("target = \n", "not valid TOML"),
        ('allow_private_urls = "yes"\n[[source]]\nfolder = "."\n', 'babelwire.toml:1: allow_private_urls: expected true or false, got a string "yes"'),
        ('timeout = true\n[[source]]\nfolder = "."\n', "babelwire.toml:1: timeout: expected a duration (seconds, or a string like \"10m\"), got a boolean true"),
        ('languages = "tr"\n[[source]]\nfolder = "."\n', 'babelwire.toml:1: languages: expected a list of strings, got a string "tr"'),
        ('[source]\nfolder = "."\n', "babelwire.toml:1: source: expected [[source]] tables, got a table"),
    ],
)
def test_config_errors_name_file_line_and_key(tmp_path, text, message):
    config = tmp_path / "babelwire.toml"
    config.write_text(text, encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == EXIT_CONFIG
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "state.sqlite3").exists()


def test_shipped_example_config_is_valid():
    from conftest import ROOT

    from ingest.cron.config import load

    config = load(ROOT / "babelwire.toml")
    assert config.sources[0].kind == "folder"


def test_log_file_gets_the_summary(setup, tmp_path):
    log = tmp_path / "refresh.log"
    refresh(setup, "--log-file", str(log), "-q")
    assert "babelwire refresh: 6 new" in log.read_text(encoding="utf-8")


def test_language_hint_decides_when_detection_cannot(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "short.txt").write_text("Kort nytt\n", encoding="utf-8")
    (folder / "long.txt").write_text((DATA / "tr_haber.txt").read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\noutput_layout = "single"\n[[source]]\nfolder = "inbox"\nlang = "nb"\n', encoding="utf-8")
    refresh(config)
    langs = {Path(r["source"]["path"]).name: r["lang"] for r in output(config)}
    assert langs == {"short.txt": "nb", "long.txt": "tr"}


def test_feed_redirect_loop_is_cut_and_feeds_are_asked_for_honestly(tmp_path, site):
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\nhost_delay = 0\nallow_private_urls = true\n[[source]]\nfeed = "{site.base}/loop.xml"\n', encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == 1
    assert "loop.xml" in result.stderr and "redirect" in result.stderr.lower()
    assert 1 < sum(path == "/loop.xml" for path, _ in site.requests) <= 2 * (6 + 1)
    assert all(agent.startswith("babelwire/") for agent in site.agents)


def test_feeds_on_private_addresses_are_refused_by_default(tmp_path, site):
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\n[[source]]\nfeed = "{site.base}/rss.xml"\n', encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == 1
    assert "private address" in result.stderr
    assert site.requests == []


def _quiet_config(tmp_path: Path) -> Path:
    """Two articles that need models nobody installed: warnings, but nothing failed."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("nl_blog.txt", "tr_haber.txt"):
        shutil.copy(DATA / name, folder / name)
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    return config


def test_quiet_refresh_with_a_log_file_keeps_stderr_empty(tmp_path):
    log = tmp_path / "refresh.log"
    result = refresh(_quiet_config(tmp_path), "-q", "--log-file", str(log))
    assert result.exit_code == 0 and result.stderr == ""
    logged = log.read_text(encoding="utf-8")
    assert "babelwire refresh: 2 new" in logged and "no translation model for tr→en" in logged


def test_each_warning_is_said_once(tmp_path):
    result = refresh(_quiet_config(tmp_path), "--log-file", str(tmp_path / "refresh.log"))
    lines = result.stderr.strip().splitlines()
    assert sorted(lines[:-1]) == [
        "warning: no translation model for nl→en; install it with: babelwire models install nl --to en",
        "warning: no translation model for tr→en; install it with: babelwire models install tr --to en",
    ]
    assert lines[-1].startswith("babelwire refresh: 2 new")


def test_config_value_of_the_wrong_type_names_file_line_key_and_both_types(tmp_path):
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\n\n[[source]]\nfolder = "."\nglob = "*.txt"\n\n[[source]]  # the second\nfolder = "."\nglob = 5\n', encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == EXIT_CONFIG
    assert result.stderr == f"error: {config}:9: glob: expected a string or a list of strings, got an integer 5\n"


def test_config_whole_number_given_as_text_is_a_one_line_error(tmp_path):
    config = tmp_path / "babelwire.toml"
    config.write_text('# retries\nmax_tries = "five"\n[[source]]\nfolder = "."\n', encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == EXIT_CONFIG
    assert result.stderr == f'error: {config}:2: max_tries: expected a whole number, got a string "five"\n'


def test_verbose_after_the_command_logs_one_line_per_item(tmp_path):
    result = refresh(_quiet_config(tmp_path), "-v")
    logged = sorted(line.split(": ")[1] for line in result.stderr.splitlines() if line.startswith("INFO ingest.run.stats:"))
    assert logged == [str(tmp_path / "inbox" / "nl_blog.txt"), str(tmp_path / "inbox" / "tr_haber.txt")]


def test_text_too_short_to_identify_is_explained_not_given_an_install_command(tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "hi.txt").write_text("hi\n", encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    result = refresh(config)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 0 and "models install" not in result.stderr
    assert lines[0] == f'warning: {tmp_path / "inbox" / "hi.txt"}: language not identified (lang "und"), so the text stays untranslated; no model applies'
    assert lines[1].startswith("babelwire refresh: 1 new") and len(lines) == 2
