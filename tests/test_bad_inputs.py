"""A catalogue of bad inputs: each gives a one-line error naming the input (or a
correct record), the rest of the batch goes on, and the exit code says so."""

from __future__ import annotations

import gzip
import http.server
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEEDS, jsonl

from ingest.cli import main

GOOD = str(SEEDS / "003_49f6ea86e67d35b7.txt")


def run(*args, input=None):
    return CliRunner().invoke(main, ["ingest", "--no-translate", *args], input=input, catch_exceptions=False)


def assert_one_error(result, name: str, text: str) -> None:
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and text in errors[0], result.stderr
    assert result.exit_code == 1
    assert len(jsonl(result.stdout)) == 1  # the good input still came out


def bad_file(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_whitespace_only(tmp_path):
    assert_one_error(run(bad_file(tmp_path, "blank.txt", b" \n\t\n  \n"), GOOD), "blank.txt", "only whitespace")


@pytest.mark.parametrize("name,data,kind", [
    ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\n", "PDF"),
    ("pic.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    ("arch.txt", b"PK\x03\x04" + bytes(100), "zip"),
    ("blob.txt", random.Random(1).randbytes(4096), "binary"),
])
def test_binary_files(tmp_path, name, data, kind):
    assert_one_error(run(bad_file(tmp_path, name, data), GOOD), name, kind)


def test_invalid_utf8_in_the_middle_keeps_the_text(tmp_path):
    text = (DATA / "nl_blog.txt").read_bytes()
    middle = text.index(b"Volgens")
    path = bad_file(tmp_path, "broken.txt", text[:middle] + b"\xff\xfe\xff " + text[middle:])
    record = jsonl(run(path).stdout)[0]
    assert "Volgens de wethouder" in record["text"] and "fietsenstalling" in record["text"]


def test_legacy_norwegian_file():
    record = jsonl(run(str(DATA / "nb_blogg_latin1.txt")).stdout)[0]
    assert record["source"]["encoding"] == "cp1252" and "Ordføreren" in record["text"] and record["lang"] == "nb"


def test_utf16_file_with_bom(tmp_path):
    path = bad_file(tmp_path, "utf16.txt", (DATA / "nb_blogg.txt").read_text(encoding="utf-8").encode("utf-16"))
    record = jsonl(run(path).stdout)[0]
    assert record["title"] == "Ny bro over fjorden åpnet for trafikk"


def test_gzip_html_saved_as_html(tmp_path):
    path = bad_file(tmp_path, "page.html", gzip.compress((DATA / "page.html").read_bytes()))
    assert jsonl(run(path).stdout)[0]["title"] == "Harbour reopens after storm repairs"


def test_gzip_that_unpacks_past_64_mib_is_refused(tmp_path):
    path = bad_file(tmp_path, "bomb.txt", gzip.compress(bytes(64 * 1024 * 1024 + 1), compresslevel=9))
    assert os.path.getsize(path) < 1024 * 1024  # well under --max-bytes: only the unpacked size is over
    assert_one_error(run(path, GOOD), "bomb.txt", "gzip data expands past 64 MiB")


def test_file_over_the_size_limit_is_skipped_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB that nobody should read
    assert_one_error(run(str(path), GOOD), "huge.txt", "over the 20,971,520-byte limit")


def test_size_limit_is_configurable(tmp_path):
    path = bad_file(tmp_path, "small.txt", (DATA / "nl_blog.txt").read_bytes() * 5)
    assert_one_error(run(path, GOOD, "--max-bytes", "3000"), "small.txt", "over the 3,000-byte limit")


def test_five_megabyte_line_without_punctuation(tmp_path):
    path = bad_file(tmp_path, "oneline.txt", (b"kelime " * 750_000)[:5_000_000])
    result = run(path, GOOD)
    assert len(jsonl(result.stdout)) == 2


def test_html_nested_100000_levels(tmp_path):
    page = b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>"
    assert_one_error(run(bad_file(tmp_path, "deep.html", page), GOOD), "deep.html", "no article text")


def test_page_that_is_all_script(tmp_path):
    page = b"<html><head><script>" + b"var a = 1;" * 5000 + b"</script></head><body><script>run()</script></body></html>"
    assert_one_error(run(bad_file(tmp_path, "script.html", page), GOOD), "script.html", "no article text")


def test_directory_symlink_loop_is_not_followed(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_bytes((DATA / "nl_blog.txt").read_bytes())
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    assert len(jsonl(run(str(folder)).stdout)) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = bad_file(tmp_path, "secret.txt", b"text")
    os.chmod(path, 0)
    assert_one_error(run(path, GOOD), "secret.txt", "permission denied")


def test_path_that_vanishes_mid_run(tmp_path):
    from ingest.read.sources import expand
    from ingest.run.local import LocalEngine
    from ingest.run.stages import Job
    from ingest.settings import Settings

    path = bad_file(tmp_path, "gone.txt", (DATA / "nl_blog.txt").read_bytes())
    items = list(expand([path, GOOD], Settings().globs))
    os.unlink(path)
    outcomes = list(LocalEngine(Settings(translate=False)).run(Job(i, item) for i, item in enumerate(items)))
    assert "disappeared" in outcomes[0].error.message and outcomes[1].record is not None


def test_unknown_url_scheme_in_a_list_is_refused():
    result = run("-", input=f"file:///etc/passwd\n{GOOD}\n")
    assert_one_error(result, "file:///etc/passwd", "unsupported URL scheme 'file'")


class _Hostile(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(4)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(200 * 1024 * 1024))
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * (1024 * 1024) + b"</p>")
            except OSError:
                pass
        elif self.path == "/image":
            data = b"\x89PNG\r\n\x1a\n" + bytes(2000)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path,text", [("/loop", "more than 5 redirects"), ("/slow", "timed out after 1 s"), ("/huge", "over the 20,971,520-byte limit"), ("/image", "binary file (PNG image)")])
def test_hostile_urls(hostile, path, text):
    result = run(hostile + path, GOOD, "--allow-private-urls", "--timeout", "1")
    assert_one_error(result, path, text)


def test_errors_file_gets_one_json_line_per_failure(tmp_path):
    errors = tmp_path / "errors.jsonl"
    run(str(DATA / "empty.txt"), str(DATA / "binary.pdf"), GOOD, "--errors", str(errors))
    lines = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["stage"], e["input"].rsplit("/", 1)[-1]) for e in lines] == [("read", "empty.txt"), ("decode", "binary.pdf")]
    assert all(e["message"] for e in lines)


def test_full_disk_stops_with_a_clear_error():
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "ingest.cli", "ingest", "--no-translate", str(SEEDS)],
                              cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "No space left on device" in done.stderr and len(done.stderr.strip().splitlines()) == 1


# Runs in a mount namespace of its own: a 64 KiB tmpfs on the output folder, an earlier output in it,
# then babelwire writing the seeds' 80 KB of records there. The tmpfs is gone when the namespace ends,
# so what the folder held afterwards is printed.
_FULL_FOLDER = """
import json, os, subprocess, sys
folder, target, inputs = sys.argv[1:]
if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder]).returncode:
    sys.exit(77)
with open(target, "w", encoding="utf-8") as f:
    f.write('{"earlier": true}\\n')
run = subprocess.run([sys.executable, "-m", "ingest.cli", "ingest", "--no-translate", inputs, "-o", target], capture_output=True, text=True)
with open(target, encoding="utf-8") as f:
    print(json.dumps({"code": run.returncode, "stderr": run.stderr, "target": f.read(), "folder": sorted(os.listdir(folder))}))
"""


def test_full_disk_leaves_an_earlier_output_file_intact(tmp_path):
    """The disk under -o FILE fills up mid-run: one error line, exit 1, FILE as it was, no temporary file left."""
    if not shutil.which("unshare"):
        pytest.skip("needs unshare")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "run.jsonl"
    done = subprocess.run(["unshare", "--map-root-user", "--mount", sys.executable, "-c", _FULL_FOLDER, str(folder), str(target), str(SEEDS)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=120)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs in a namespace of its own: {done.stderr.strip()}")
    outcome = json.loads(done.stdout)
    assert outcome["code"] == 1
    assert "Traceback" not in outcome["stderr"] and len(outcome["stderr"].strip().splitlines()) == 1
    assert "No space left on device" in outcome["stderr"] and "run.jsonl" in outcome["stderr"]
    assert outcome["target"] == '{"earlier": true}\n'
    assert outcome["folder"] == ["run.jsonl"]


def test_feed_with_entity_expansion_bomb_is_not_expanded():
    from ingest.read.feeds import links, parse

    entities = '<!ENTITY a0 "lollollollollol">' + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>&a9;</title>'
            '<item><title>t</title><link>https://example.org/a.html</link></item></channel></rss>').encode()
    parsed = parse(feed)
    assert len(json.dumps(parsed, default=str)) < 100_000
    assert links("https://example.org/feed", feed) == ["https://example.org/a.html"]


def test_feed_with_external_entity_reads_no_local_file(tmp_path):
    from ingest.read.feeds import parse

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]><rss version="2.0"><channel>'
            '<title>&xxe;</title><item><title>&xxe;</title><description>&xxe;</description>'
            '<link>https://example.org/b.html</link></item></channel></rss>').encode()
    assert "TOP-SECRET-4711" not in json.dumps(parse(feed), default=str)


def test_file_that_fails_on_read(tmp_path):
    if not os.path.exists("/proc/self/mem"):
        pytest.skip("needs /proc")
    assert_one_error(run("/proc/self/mem", GOOD), "/proc/self/mem", "Input/output error")


def test_no_network_call_during_ingest_with_translation(install, tmp_path):
    """A real run, workers included: every connection to an internet address (loopback too) and
    every host-name lookup in any of its processes is logged and refused; cleaning and translation still work."""
    install(("tr", "en"))
    attempts = tmp_path / "network.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "tests" / "no_network"), str(ROOT)]), BABELWIRE_TEST_NETWORK_LOG=str(attempts))
    done = subprocess.run([sys.executable, "-m", "ingest.cli", "ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), str(DATA / "page.html"), "--workers", "2"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    records = jsonl(done.stdout)
    assert done.returncode == 0 and len(records) == 2, done.stderr
    assert records[0]["translation"]["status"] == "complete"
    assert not attempts.exists(), attempts.read_text(encoding="utf-8")


def test_a_record_says_how_many_invalid_byte_sequences_were_repaired(tmp_path):
    text = (SEEDS / "003_49f6ea86e67d35b7.txt").read_bytes()
    broken = bad_file(tmp_path, "broken.txt", text.replace(b"\n", b" \xff\n", 2))
    result = run(broken, GOOD)
    repaired, whole = jsonl(result.stdout)
    assert result.exit_code == 0
    assert repaired["source"]["encoding_errors"] == 2
    assert "encoding_errors" not in whole["source"]
