"""RSS and Atom feeds: conditional GET, limits, and the article links in them.

Parsing is feedparser's, which copes with the malformed feeds real sites
serve. Fetching is ingest/read/web.py's (every redirect hop checked against
private addresses, one deadline), with ETag/Last-Modified, a size limit and
an honest User-Agent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from ingest import __version__
from ingest.errors import InputError
from ingest.read import web

log = logging.getLogger(__name__)

USER_AGENT = f"babelwire/{__version__} (offline news reader; feed poller)"
# Some servers answer 304 forever for a stale ETag: fetch in full at least this often.
REVALIDATE_AFTER = 24 * 3600


@dataclass(frozen=True)
class FeedResult:
    links: list[str]
    etag: str | None
    last_modified: str | None
    not_modified: bool


def fetch(url: str, etag: str | None, last_modified: str | None, timeout: float, max_bytes: int, allow_private: bool) -> FeedResult:
    """Fetch a feed, conditionally when validators are given, and list its article links."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response = web.get(url, headers, timeout, max_bytes, allow_private)
    if response.status == 304:
        return FeedResult([], etag, last_modified, True)
    if not 200 <= response.status < 300:
        raise InputError(url, "read", f"HTTP {response.status}")
    return FeedResult(_links(url, response.data), response.headers.get("ETag"), response.headers.get("Last-Modified"), False)


def parse(data: bytes):
    """feedparser's reading of a feed. Expat refuses entity-expansion bombs and
    feedparser does not resolve external entities, so no local file is read."""
    import feedparser

    return feedparser.parse(data)


def _links(url: str, data: bytes) -> list[str]:
    parsed = parse(data)
    links = []
    for entry in parsed.entries:
        link = entry.get("link")
        if link and urlsplit(link).scheme in ("http", "https"):
            links.append(link)
    if parsed.bozo and not links:
        # A malformed feed that still yields links is used; one that yields none is an error.
        raise InputError(url, "parse", f"malformed feed with no article links ({type(parsed.bozo_exception).__name__}: {parsed.bozo_exception})")
    return list(dict.fromkeys(links))
