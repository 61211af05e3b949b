"""`babelwire digest`: stories as one offline HTML page, checked in a real headless browser."""

from __future__ import annotations

import html.parser
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from test_watch import ENGLISH, NORWEGIAN, TURKISH

from ingest.cli import main

HOSTILE = """<img src=x onerror=alert(1)> radar

A reader wrote to the council on Monday asking why the harbour lights were switched off for the whole winter season.

The council replied that the lights would return in March, once the repairs to the old pier are finished and inspected.
"""

CHROME = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def run_jsonl(tmp_path):
    """A run over three articles and a wire copy of the Turkish one, with a watch list."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in (("a-tr.txt", TURKISH), ("b-nb.txt", NORWEGIAN), ("c-en.txt", ENGLISH)):
        (inbox / name).write_text(text, encoding="utf-8")
    (inbox / "d-tr-copy.txt").write_text("Ana sayfa | Gündem | Spor\n\n" + TURKISH + "\nPaylaş\n", encoding="utf-8")
    (inbox / "e-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    watch = tmp_path / "watch.txt"
    watch.write_text("Air defence: S-400\n", encoding="utf-8")
    result = run("ingest", str(inbox), "--no-translate", "--watch", str(watch))
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "run.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    return path


class _Page(html.parser.HTMLParser):
    """What a reader sees: story headlines, meta lines and watch labels, and every external reference."""

    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.headlines, self.metas, self.watch, self.tags, self.external = [], [], [], [], []
        self._open: list[list | None] = []  # per open element: the list its text goes to

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag != "a" and any(attrs.get(k) for k in ("src", "href")):
            self.external.append((tag, attrs))
        if tag in self.VOID:
            return
        cls = attrs.get("class")
        into = self.headlines if tag == "h2" else self.metas if cls == "meta" else self.watch if cls == "watch" else None
        if into is not None:
            into.append("")
        self._open.append(into)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        into = next((target for target in reversed(self._open) if target is not None), None)
        if into is not None:
            into[-1] += data


def rendered(page) -> _Page:
    """The page's DOM after Chromium has loaded it."""
    assert CHROME, "the digest test needs Chromium: `make test` installs it (apt-get install chromium)"
    done = subprocess.run([CHROME, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    parsed = _Page()
    parsed.feed(done.stdout)
    return parsed


def test_the_page_shows_one_story_per_event_with_its_copies_and_watch_labels(tmp_path, run_jsonl):
    page = tmp_path / "digest.html"
    result = run("digest", str(run_jsonl), "-o", str(page))
    assert result.exit_code == 0 and result.stdout == ""
    shown = rendered(page)
    assert sorted(shown.headlines) == sorted([
        "Türkiye'den yeni savunma anlaşması", "Nytt forskningssenter åpner i Tromsø",
        "Defence firm unveils new radar", "<img src=x onerror=alert(1)> radar",
    ])
    turkish = next(m for h, m in zip(shown.headlines, shown.metas) if h.startswith("Türkiye"))
    assert "1 wire copy" in turkish and "tr" in turkish
    assert shown.watch == ["Air defence"]


def test_a_hostile_title_is_text_on_the_page_not_markup(tmp_path, run_jsonl):
    page = tmp_path / "digest.html"
    run("digest", str(run_jsonl), "-o", str(page))
    assert "img" not in rendered(page).tags


def test_the_page_loads_nothing_from_anywhere(tmp_path, run_jsonl):
    page = tmp_path / "digest.html"
    run("digest", str(run_jsonl), "-o", str(page))
    shown = rendered(page)
    assert shown.external == []
    assert "script" not in shown.tags and "url(" not in page.read_text(encoding="utf-8")


def test_digest_reads_records_from_stdin(run_jsonl):
    result = run("digest", "-", input=run_jsonl.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert "Nytt forskningssenter åpner i Tromsø" in result.stdout and result.stdout.startswith("<!doctype html>")


def test_a_line_that_is_not_a_record_is_named_and_the_rest_is_rendered(tmp_path, run_jsonl):
    broken = tmp_path / "broken.jsonl"
    lines = run_jsonl.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([lines[0], "{not json", json.dumps({"hello": 1}), *lines[1:]]) + "\n", encoding="utf-8")
    result = run("digest", str(broken))
    assert result.exit_code == 1
    assert [line.split(":")[-2].strip() for line in result.stderr.strip().splitlines()] == ["2", "3"]
    assert "Nytt forskningssenter åpner i Tromsø" in result.stdout


def test_a_digest_with_nothing_readable_leaves_an_earlier_page_as_it_was(tmp_path):
    page = tmp_path / "today.html"
    page.write_text("<p>yesterday's stories</p>", encoding="utf-8")
    result = run("digest", str(tmp_path / "not-yet.jsonl"), "-o", str(page))
    assert result.exit_code == 1
    assert page.read_text(encoding="utf-8") == "<p>yesterday's stories</p>"
    assert "left as it was" in result.stderr


WRONG_TYPES = [("title", 5), ("lang", None), ("source", "x"), ("source", {"url": 7}), ("matches", [3]), ("matches", [{"label": 1}]),
               ("published", 20240101), ("duplicate_of", "abc"), ("duplicate_of", {"id": None}), ("story", ["a"]), ("translation", [])]


def test_lines_with_wrongly_typed_fields_are_named_and_the_rest_is_rendered(tmp_path, run_jsonl):
    good = [json.loads(line) for line in run_jsonl.read_text(encoding="utf-8").splitlines()]
    bad = [json.dumps({**good[0], "id": f"bad-{i}", field: value}) for i, (field, value) in enumerate(WRONG_TYPES)]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([json.dumps(good[1]), *bad, json.dumps(good[2])]) + "\n", encoding="utf-8")
    result = run("digest", str(mixed))  # a traceback fails the test here
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"{mixed}:{n}" for n in range(2, 2 + len(WRONG_TYPES))]
    assert all("not a babelwire record (" in line for line in lines)
    assert result.stdout.count('<li id="r-') == 2 and "bad-" not in result.stdout


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
def test_a_source_url_that_is_not_http_is_shown_as_text_never_as_a_link(tmp_path, run_jsonl, url):
    record = json.loads(run_jsonl.read_text(encoding="utf-8").splitlines()[0])
    record["source"] = {**record["source"], "url": url}
    result = run("digest", "-", input=json.dumps(record) + "\n")
    assert result.exit_code == 0
    links = _Links()
    links.feed(result.stdout)
    assert links.hrefs == [] and "script" not in links.tags


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name in ("href", "src", "action", "formaction")]


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def test_an_article_refreshed_into_three_revisions_shows_once_at_its_latest(tmp_path, run_jsonl):
    first = json.loads(run_jsonl.read_text(encoding="utf-8").splitlines()[0])
    revisions = [dict(first, revision=n, title=f"Revision {n} of the story") for n in (1, 2, 3)]
    day = tmp_path / "day.jsonl"
    day.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in revisions), encoding="utf-8")
    result = run("digest", str(day))
    ids = _Ids()
    ids.feed(result.stdout)
    assert result.exit_code == 0
    assert "1 source<" in result.stdout and "3 sources" not in result.stdout
    assert "Revision 3 of the story" in result.stdout and "Revision 1 of the story" not in result.stdout
    assert len(ids.ids) == len(set(ids.ids)) == 2  # the story and its one source


@pytest.mark.parametrize("field", ["title", "lang", "published", "sitename", "matches", "duplicate_of", "source", "translation"])
def test_a_record_with_a_wrongly_typed_field_is_one_error_line_and_the_rest_is_rendered(tmp_path, run_jsonl, field):
    lines = run_jsonl.read_text(encoding="utf-8").splitlines()
    bad = dict(json.loads(lines[0]), **{field: 5})
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([json.dumps(bad), *lines[1:]]) + "\n", encoding="utf-8")
    result = run("digest", str(broken))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {broken}:1: not a babelwire record ({field} is 5, not {NOT[field]})"]
    assert "Nytt forskningssenter åpner i Tromsø" in result.stdout


NOT = {"title": "a string or null", "lang": "a string", "published": "a string or null", "sitename": "a string or null",
       "matches": "a list or null", "duplicate_of": "an object or null", "source": "an object or null", "translation": "an object or null"}
