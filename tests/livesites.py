"""News sites on loopback addresses, as a crawler meets them, for tests and benches.

Each article page carries what real news pages carry on every request: a
"generated at" clock line, a hidden token, and a "Most read" box that rotates,
so its bytes differ every time while its article does not. A site serves an
RSS feed, sitemaps (plain, gzipped, Google News, an index) and robots.txt as
a test sets them, sends ETag or Last-Modified only when told to, and logs
every request with the server's own monotonic times (start and end), so
tests can assert on pacing and overlap without timing the client.

Several sites on 127.0.0.2, 127.0.0.3, ... are several hosts (the whole of
127.0.0.0/8 is this machine; tests/conftest.py lets tests reach it).
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import itertools
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime

SUBJECTS = ["harbour", "library", "ferry terminal", "bridge", "school", "hospital", "market hall", "railway station",
            "museum", "stadium", "town hall", "swimming pool", "fire station", "cinema", "theatre", "bus depot",
            "concert hall", "lighthouse", "water works", "sports centre"]


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    date: str = "2024-02-17T09:30:00Z"  # what the feed and sitemaps say of it


def article(number: int, subject: str | None = None) -> Article:
    """A distinct article about a town's `subject` (by default the number's)."""
    subject = subject or SUBJECTS[number % len(SUBJECTS)]
    months = number % 9 + 2
    return Article(
        f"The {subject} reopens after {months} months of repairs",
        [f"The town {subject} reopened on Saturday after {months} months of repairs to the building that was damaged in "
         f"the autumn storms. Visitors returned within hours, and the council said that the work had cost less than feared.",
         f"The manager of the {subject} said the new roof is a metre higher than the old one and should withstand the "
         f"winds that flooded the ground floor twice last winter. Repairs cost the council about {number + 2} million pounds.",
         f"Opening hours will be the same as before the storm from Monday, the council confirmed. People who used the "
         f"{subject} had been sent to a neighbouring town while the work went on, by a bus that ran every hour."],
    )


@dataclass
class Request:
    path: str
    headers: dict
    start: float  # time.monotonic() when the server read the request
    end: float = 0.0  # when it had sent its answer
    status: int = 0


@dataclass
class Site:
    """One site on `address`: `articles` by path, and any other `files` (path -> (status, type, body, headers))."""

    address: str = "127.0.0.1"
    articles: dict[str, Article] = field(default_factory=dict)
    files: dict[str, tuple[int, str, bytes, dict]] = field(default_factory=dict)
    validators: str | None = None  # None | "etag" | "last-modified": what article pages send (and honour)
    answer_after: float = 0.0  # seconds each answer takes (to make fetches last)
    log: list[Request] = field(default_factory=list)
    base: str = ""

    def start(self) -> "Site":
        self._server = http.server.ThreadingHTTPServer((self.address, 0), _handler(self))
        self._server.daemon_threads = True
        self.base = f"http://{self.address}:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [r.path for r in self.log]

    def add(self, count: int, prefix: str = "/news/", first: int = 0) -> list[str]:
        """`count` articles at PREFIXa0.html, ...; their paths."""
        paths = [f"{prefix}a{n}.html" for n in range(first, first + count)]
        for n, path in zip(range(first, first + count), paths):
            self.articles[path] = article(n)
        return paths

    def serve(self, path: str, body: str | bytes, kind: str = "application/xml", status: int = 200, **headers) -> None:
        self.files[path] = (status, kind, body.encode("utf-8") if isinstance(body, str) else body, headers)

    def feed(self, path: str, pages: list[str], etag: bool = False) -> None:
        """An RSS feed of `pages`, each entry dated as its article says (with an ETag the feed honours, if asked)."""
        items = "".join(f"<item><title>{self.articles[p].title}</title><link>{self.base}{p}</link>"
                        f"<pubDate>{_rfc822(self.articles[p].date)}</pubDate></item>" for p in pages)
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>{self.base}/</link>{items}</channel></rss>'
        self.serve(path, body, "application/rss+xml", **({"ETag": _tag(body.encode())} if etag else {}))

    def urlset(self, path: str, pages: list[str], news: bool = False, compress: bool = False) -> None:
        """A sitemap of `pages`: lastmod from each article's date, or a Google News one (publication date and title)."""
        if news:
            entries = "".join(f"<url><loc>{self.base}{p}</loc><news:news><news:publication><news:name>Site</news:name>"
                              f"<news:language>en</news:language></news:publication><news:publication_date>{self.articles[p].date}"
                              f"</news:publication_date><news:title>{self.articles[p].title}</news:title></news:news></url>" for p in pages)
        else:
            entries = "".join(f"<url><loc>{self.base}{p}</loc><lastmod>{self.articles[p].date}</lastmod></url>" for p in pages)
        body = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>').encode()
        self.serve(path, gzip.compress(body) if compress else body, "application/x-gzip" if compress else "application/xml")

    def index(self, path: str, children: dict[str, str | None]) -> None:
        """A sitemap index of child sitemap paths, each with its lastmod (None: none given)."""
        entries = "".join(f"<sitemap><loc>{self.base}{child}</loc>{f'<lastmod>{mod}</lastmod>' if mod else ''}</sitemap>"
                          for child, mod in children.items())
        self.serve(path, f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>')

    def page(self, path: str) -> bytes:
        """The article page as served now: the same article, different chrome every time."""
        story = self.articles[path]
        others = [a.title for p, a in self.articles.items() if p != path] or ["Weather: a dry week ahead"]
        most_read = "".join(f'<li><a href="/x{n}">{title}</a></li>' for n, title in enumerate(random.sample(others, min(3, len(others)))))
        token = uuid.uuid4().hex
        paragraphs = "".join(f"<p>{text}</p>" for text in story.paragraphs)
        return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{story.title} | Town News</title>'
                f'<meta name="csrf-token" content="{token}"><script>window.__session = "{token}";</script></head><body>'
                f'<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
                f'<div class="clock">Page generated {datetime.now(timezone.utc).isoformat()} in {random.random():.4f} s</div></header>'
                f'<article><h1>{story.title}</h1>{paragraphs}</article>'
                f'<input type="hidden" name="token" value="{token}">'
                f'<aside class="most-read"><h2>Most read</h2><ol>{most_read}</ol></aside>'
                f'<footer><p>Subscribe to our newsletter</p><p>© 2024 Town News.</p></footer></body></html>').encode()

    def version(self, path: str) -> tuple[str, str]:
        """The ETag and Last-Modified of an article as it stands (they move when the article does)."""
        story = self.articles[path]
        digest = hashlib.sha256((story.title + "".join(story.paragraphs)).encode()).hexdigest()[:16]
        stamp = datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp() + int(digest, 16) % 10_000_000
        return f'"{digest}"', format_datetime(datetime.fromtimestamp(stamp, timezone.utc), usegmt=True)


def serve(*sites: Site) -> list[Site]:
    return [site.start() for site in sites]


def _tag(data: bytes) -> str:
    return f'"{hashlib.sha256(data).hexdigest()[:16]}"'


def _rfc822(date: str) -> str:
    return format_datetime(datetime.fromisoformat(date.replace("Z", "+00:00")), usegmt=True)


def _handler(site: Site):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            request = Request(self.path, dict(self.headers), time.monotonic())
            site.log.append(request)
            if site.answer_after:
                time.sleep(site.answer_after)
            status, kind, body, headers = self._answer()
            request.status = status
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            try:
                if status != 304:
                    self.wfile.write(body)
                self.wfile.flush()
            except OSError:
                pass
            request.end = time.monotonic()

        def _answer(self) -> tuple[int, str, bytes, dict]:
            if self.path in site.files:
                status, kind, body, headers = site.files[self.path]
                if "ETag" in headers and self.headers.get("If-None-Match") == headers["ETag"]:
                    return 304, kind, b"", {"ETag": headers["ETag"]}
                return status, kind, body, headers
            if self.path not in site.articles:
                return 404, "text/plain", b"not found", {}
            etag, modified = site.version(self.path)
            if site.validators == "etag":
                if self.headers.get("If-None-Match") == etag:
                    return 304, "", b"", {"ETag": etag}
                return 200, "text/html; charset=utf-8", site.page(self.path), {"ETag": etag}
            if site.validators == "last-modified":
                if self.headers.get("If-Modified-Since") == modified:
                    return 304, "", b"", {"Last-Modified": modified}
                return 200, "text/html; charset=utf-8", site.page(self.path), {"Last-Modified": modified}
            return 200, "text/html; charset=utf-8", site.page(self.path), {}

        def log_message(self, *args):
            pass

    return Handler


def overlapping(first: list[Request], second: list[Request]) -> bool:
    """Whether some request of `first` was being answered while one of `second` was."""
    return any(a.start < b.end and b.start < a.end for a, b in itertools.product(first, second))
