"""RSS and Atom feeds: conditional GET, limits, and the article links in them.

Parsing is feedparser's, which copes with the malformed feeds real sites
serve. Fetching is ingest/read/web.py's (every redirect hop checked against
private addresses, one deadline), with ETag/Last-Modified, a size limit and
an honest User-Agent. Relative links are resolved against `xml:base` and the
feed's own URL (after redirects). A feed that yields no article link is an
error that says why (empty, an HTML page, malformed, no http(s) links), so a
wrong URL in babelwire.toml is not a quiet success on every run; only a
well-formed feed with no entries at all is taken as empty for the moment.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ingest.errors import InputError
from ingest.read import web
from ingest.read.sources import Listed, signal

log = logging.getLogger(__name__)

USER_AGENT = web.USER_AGENT
# What `ingest` says of a feed given as an input: it takes articles; refresh follows feeds.
FEED_HINT = ('to take the articles it links, name the web address it is served from in babelwire.toml '
             '([[source]] feed = "https://...") and run: babelwire refresh -c babelwire.toml')
# Some servers answer 304 forever for a stale ETag: fetch in full at least this often.
REVALIDATE_AFTER = 24 * 3600


@dataclass(frozen=True)
class FeedResult:
    links: list[Listed]
    etag: str | None
    last_modified: str | None
    not_modified: bool


def fetch(url: str, etag: str | None, last_modified: str | None, timeout: float, max_bytes: int, allow_private: bool) -> FeedResult:
    """Fetch a feed, conditionally when validators are given, and list its article links."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
               **web.conditional(etag, last_modified)}
    response = web.get(url, headers, timeout, max_bytes, allow_private)
    if response.status == 304:
        return FeedResult([], etag, last_modified, True)
    if not 200 <= response.status < 300:
        raise InputError(url, "read", f"HTTP {response.status}")
    return FeedResult(entries(url, response.data, response.url), response.headers.get("ETag"), response.headers.get("Last-Modified"), False)


def parse(data: bytes):
    """feedparser's reading of a feed. Expat refuses entity-expansion bombs and
    feedparser does not resolve external entities, so no local file is read."""
    import feedparser

    return feedparser.parse(data)


def links(url: str, data: bytes, base: str | None = None) -> list[str]:
    """The feed's article links, in order, once each (see `entries`)."""
    return [listed.url for listed in entries(url, data, base)]


def entries(url: str, data: bytes, base: str | None = None) -> list[Listed]:
    """The feed's article links, in order, once each, with what each entry says of its version (its date,
    `updated` else `published`, and title): relative links resolved against `xml:base`, then `base` (where
    the feed was fetched from after redirects; by default `url`).

    Raises InputError naming `url` when there is none.
    """
    base = base or url
    parsed = parse(data)
    found, skipped = {}, 0
    for entry in parsed.entries:
        link = urljoin(base, (entry.get("link") or "").strip())  # feedparser has applied xml:base
        if urlsplit(link).scheme in ("http", "https") and link != base:
            found.setdefault(link, Listed(link, signal(_date(entry), entry.get("title"))))
        else:
            skipped += 1
    if skipped:
        log.info("%s: %d of %d entries have no http(s) article link; skipped", url, skipped, len(parsed.entries))
    if not found and parsed.get("version") and not parsed.entries and not parsed.bozo:
        log.info("%s: the feed has no entries now", url)  # a real feed, empty for the moment: nothing is wrong
    elif not found:
        raise InputError(url, "parse", _no_links(data, parsed))
    return list(found.values())


def _date(entry) -> str | None:
    """An entry's `updated`, else its `published` (read from the dict itself: feedparser's own
    fallback from one to the other is deprecated and warns)."""
    return dict.get(entry, "updated") or dict.get(entry, "published")


def _no_links(data: bytes, parsed) -> str:
    """Why a feed gave no article link, in words a user can act on."""
    if not data.strip():
        return f"the feed is empty ({'0 bytes' if not data else 'whitespace only'}): no article links"
    if not parsed.get("version") and not looks_like_feed(data[:4096].decode("utf-8", "replace")):
        return "not an RSS or Atom feed (an HTML page or other document?): no article links; check the feed's URL"
    if parsed.bozo:
        return f"malformed feed with no article links ({type(parsed.bozo_exception).__name__}: {parsed.bozo_exception})"
    return f"none of the feed's {len(parsed.entries)} entries links an http(s) page"


# The root element of a feed, after any BOM, XML declaration, processing instructions, comments and doctype.
_FEED_ROOT = re.compile(r"^\ufeff?\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<(rss|feed|rdf:RDF)[\s>/]", re.S | re.I)


def looks_like_feed(text: str) -> bool:
    """Whether a decoded document is an RSS or Atom feed rather than a page (by its root element)."""
    match = _FEED_ROOT.match(text[:4096])
    return bool(match) and (match.group(1).lower() != "rdf:rdf" or "purl.org/rss" in text[:4096])
