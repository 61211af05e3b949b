"""Sitemaps (sitemaps.org, Google News): the pages a site lists, with what it says of their versions.

A sitemap index lists more sitemaps (each with its `lastmod`); a urlset lists
pages with `lastmod` and, in a Google News sitemap, `news:publication_date`
and `news:title`. Either may be gzip-compressed (a `.xml.gz` file, whatever
its Content-Encoding). Only a `loc` directly in a `url` or `sitemap` counts
(an image sitemap's `image:loc` is no page). Parsed by expat as a stream; a
document with a DOCTYPE is refused (a sitemap has none; no entity is ever
expanded). Limits, per file: MAX_BYTES unpacked and MAX_ENTRIES entries
(sitemaps.org's own); for a source and a run, MAX_URLS, MAX_FILES and MAX_DEPTH.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from xml.parsers import expat

from ingest.errors import InputError
from ingest.read import web
from ingest.read.sources import Listed, signal

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024  # one sitemap file, unpacked (sitemaps.org: 50 MB)
MAX_ENTRIES = 50_000  # URLs or sitemaps in one file (sitemaps.org: 50,000); the rest are not read
# For one sitemap source in one run (ingest/cron/discover.py):
MAX_URLS = 50_000  # page URLs listed; the rest are not listed in this run
MAX_FILES = 500  # sitemap files read (the index included)
MAX_DEPTH = 3  # files deep: an index, the indexes it lists, their urlsets; an index at the third level is an error
_HTML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_AN_HTML_PAGE = "not a sitemap (an HTML page); check the sitemap's URL"
ACCEPT = "application/xml, text/xml;q=0.9, application/x-gzip;q=0.8, */*;q=0.5"


@dataclass
class Sitemap:
    """One sitemap file: an index of sitemaps, or a urlset of pages."""

    kind: str  # "index" | "urlset"
    entries: list[Listed] = field(default_factory=list)  # for an index, the sitemaps (signal: their lastmod)
    dropped: int = 0  # entries past MAX_ENTRIES, not read


@dataclass(frozen=True)
class SitemapResult:
    sitemap: Sitemap | None  # None: not modified since the validators given
    etag: str | None
    last_modified: str | None


def fetch(url: str, etag: str | None, last_modified: str | None, timeout: float, allow_private: bool) -> SitemapResult:
    """Fetch and parse a sitemap, conditionally when validators are given; InputError naming `url` when it cannot be read."""
    headers = {"User-Agent": web.USER_AGENT, "Accept": ACCEPT, **web.conditional(etag, last_modified)}
    response = web.get(url, headers, timeout, MAX_BYTES, allow_private)
    if response.status == 304:
        return SitemapResult(None, etag, last_modified)
    if not 200 <= response.status < 300:
        raise InputError(url, "read", f"HTTP {response.status}")
    return SitemapResult(parse(url, response.data, response.url), response.headers.get("ETag"), response.headers.get("Last-Modified"))


def parse(url: str, data: bytes, base: str | None = None) -> Sitemap:
    """The entries of a sitemap (gzip undone), relative locations resolved against `base` (by default `url`)."""
    if data[:2] == b"\x1f\x8b":
        data = web.unpack(url, data, "gzip", MAX_BYTES)
    if not data.strip():
        raise InputError(url, "parse", "the sitemap is empty")
    if _HTML.match(data[:1024]):
        raise InputError(url, "parse", _AN_HTML_PAGE)
    reader = _Reader(base or url)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.StartDoctypeDeclHandler = reader.doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(url, "parse", f"malformed sitemap ({expat.errors.messages[exc.code]} at line {exc.lineno})") from None
    except _NotASitemap as exc:
        raise InputError(url, "parse", str(exc)) from None
    if reader.sitemap is None:
        raise InputError(url, "parse", "not a sitemap (no root element)")
    if reader.skipped:
        log.info("%s: %d entries have no http(s) location; skipped", url, reader.skipped)
    return reader.sitemap


class _NotASitemap(Exception):
    """The document is XML, but not a sitemap."""


class _Reader:
    """expat's callbacks: the entries of a `sitemapindex` or `urlset`, by local names (namespaces vary in the wild)."""

    _ROOTS = {"sitemapindex": "index", "urlset": "urlset"}

    def __init__(self, base: str):
        self.base = base
        self.sitemap: Sitemap | None = None
        self.path: list[str] = []
        self.fields: dict[str, str] = {}
        self.skipped = 0
        self._text: list[str] = []

    def doctype(self, name: str, *args) -> None:
        if (name or "").lower() == "html":
            raise _NotASitemap(_AN_HTML_PAGE)
        raise _NotASitemap("not a sitemap (it has a DOCTYPE, which no sitemap has)")

    def start(self, name: str, attributes) -> None:
        local = name.rsplit(" ", 1)[-1]
        if not self.path:
            if local not in self._ROOTS:
                hint = "; an RSS or Atom feed is a feed source" if local in ("rss", "feed", "RDF") else ""
                raise _NotASitemap(f"not a sitemap (its root element is <{local}>, not <urlset> or <sitemapindex>{hint})")
            self.sitemap = Sitemap(self._ROOTS[local])
        self.path.append(local)
        self._text = []
        if len(self.path) == 2:
            self.fields = {}

    def text(self, data: str) -> None:
        self._text.append(data)

    def end(self, name: str) -> None:
        local = self.path.pop()
        depth = len(self.path)
        if depth == 2 and local in ("loc", "lastmod"):
            self.fields[local] = "".join(self._text).strip()
        elif depth == 3 and self.path[2] == "news" and local in ("publication_date", "title"):
            self.fields[local] = "".join(self._text).strip()
        elif depth == 1 and local in ("url", "sitemap"):
            self._entry()
        self._text = []

    def _entry(self) -> None:
        sitemap = self.sitemap
        loc = urljoin(self.base, self.fields.get("loc", ""))
        if urlsplit(loc).scheme not in ("http", "https") or not self.fields.get("loc"):
            self.skipped += 1
        elif len(sitemap.entries) >= MAX_ENTRIES:
            sitemap.dropped += 1
        else:
            date = self.fields.get("lastmod") or self.fields.get("publication_date")
            sitemap.entries.append(Listed(loc, signal(date, self.fields.get("title"))))
