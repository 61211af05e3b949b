"""RSS and Atom feeds: conditional GET, limits, and the article links in them.

Parsing is feedparser's, which copes with the malformed feeds real sites
serve. Fetching is babelwire's own (urllib), for ETag/Last-Modified, a
timeout, a size limit, a bounded number of redirects and an honest
User-Agent; loopback and private addresses are refused unless allowed.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from ingest import __version__
from ingest.errors import InputError

log = logging.getLogger(__name__)

USER_AGENT = f"babelwire/{__version__} (offline news reader; feed poller)"
MAX_REDIRECTS = 5
ATTEMPTS = 2  # a connection error or timeout is tried once more, then reported
# Some servers answer 304 forever for a stale ETag: fetch in full at least this often.
REVALIDATE_AFTER = 24 * 3600


@dataclass(frozen=True)
class FeedResult:
    links: list[str]
    etag: str | None
    last_modified: str | None
    not_modified: bool


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs whose host is loopback, private or link-local (SSRF), unless allowed."""
    host = urlsplit(url).hostname or ""
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise InputError(url, "read", f"cannot resolve {host} ({exc.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            raise InputError(url, "read", f"{host} is a private address (set allow_private_urls = true to allow)")


def fetch(url: str, etag: str | None, last_modified: str | None, timeout: float, max_bytes: int, allow_private: bool) -> FeedResult:
    """Fetch a feed, conditionally when validators are given, and list its article links."""
    check_address(url, allow_private)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    opener = urllib.request.build_opener(_Redirects())
    for attempt in range(ATTEMPTS):
        try:
            with opener.open(request, timeout=timeout) as response:
                data = response.read(max_bytes + 1)
                headers = response.headers
            break
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return FeedResult([], etag, last_modified, True)
            if 300 <= exc.code < 400:
                raise InputError(url, "read", f"redirect loop or more than {MAX_REDIRECTS} redirects (HTTP {exc.code})") from None
            raise InputError(url, "read", f"HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            if attempt + 1 == ATTEMPTS:
                raise InputError(url, "read", f"feed fetch failed after {ATTEMPTS} tries ({getattr(exc, 'reason', exc)})") from None
            log.info("feed %s: %s; trying again", url, exc)
    if len(data) > max_bytes:
        raise InputError(url, "read", f"feed is over the {max_bytes:,}-byte limit")
    return FeedResult(_links(url, data), headers.get("ETag"), headers.get("Last-Modified"), False)


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
