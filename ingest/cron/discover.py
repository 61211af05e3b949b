"""What the sources of a babelwire.toml list in this run, in order, each item once.

Folders are walked, `urls` lists read (ingest/cron/listing.py), feeds and
sitemaps fetched (conditionally, at most every `interval`) and their pages
listed with what the listing says of each page's version (its date and
title: the `signal`). Pages a feed or sitemap lists are kept in the state as
owed before anything else happens, so a run killed before it read them, or a
host left alone, does not lose them when the listing answers 304 next time.
After the sources come the owed pages no source listed this time, then the
failed items due for a retry.

A sitemap index is followed to its sitemaps; one whose `lastmod` in the index
has not moved since it was read is not fetched again (the pages it listed and
that were not read yet are owed all the same). An index is always fetched in
full: a 304 for it would hide its sitemaps' changes.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Callable, Iterator, TypeVar

from ingest.errors import InputError
from ingest.read import feeds, sitemaps, sources
from ingest.run.stages import identity

from . import listing
from .config import RefreshConfig, SourceConfig
from .state import State

log = logging.getLogger(__name__)

T = TypeVar("T")
FEED_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Found:
    """An item a source lists now."""

    item: sources.Item
    signal: str | None = None  # what its feed entry or sitemap URL says of its version
    listed: bool = False  # a feed or sitemap led here: robots.txt has a say
    hint: str | None = None  # the source's language hint


class Discovery:
    """The items of one run. `request(url, call)` runs `call()` as a request to `url`'s host (paced) and returns its result."""

    def __init__(self, config: RefreshConfig, state: State, request: Callable[[str, Callable[[], T]], T]):
        self.config, self.state, self.request = config, state, request

    def items(self) -> Iterator[Found | InputError]:
        seen: set[str] = set()
        for source in self.config.sources:
            for found in self._source(source):
                if isinstance(found, Found):
                    key = identity(found.item)
                    if key in seen:
                        continue
                    seen.add(key)
                yield found
        for key, signal in self.state.owed():
            if key not in seen:
                seen.add(key)
                yield Found(sources.Item("url", key), signal, listed=True)
        for key in self.state.due_retries(time.time()):
            if key not in seen:
                is_url = sources.is_url(key)
                yield Found(sources.Item("url" if is_url else "file", key), listed=is_url)

    def _source(self, source: SourceConfig) -> Iterator[Found | InputError]:
        if source.kind == "folder":
            found = sources.expand([source.location], source.globs)
        elif source.kind == "urls":
            found = listing.listed(source.location, self.config.path.resolve().parent, source.globs)
        elif self._polled_lately(source):
            return
        elif source.kind == "feed":
            found = self._feed(source)
        else:
            found = self._sitemap(source.location, 1, None, _Budget())
        for thing in found:
            if isinstance(thing, InputError):
                yield thing
            elif isinstance(thing, sources.Listed):
                yield Found(sources.Item("url", thing.url), thing.signal, listed=True, hint=source.lang)
            elif thing.kind == "file":  # named the same from any working folder, as cron runs it
                yield Found(sources.Item("file", os.path.abspath(thing.location)), hint=source.lang)
            else:
                yield Found(thing, hint=source.lang)

    def _polled_lately(self, source: SourceConfig) -> bool:
        saved = self.state.feed(source.location)
        return bool(saved and saved.fetched_at and time.time() - saved.fetched_at < source.interval)

    def _validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified to send, unless a full fetch is due (some servers answer 304 forever for a stale ETag)."""
        saved = self.state.feed(url)
        if not saved or not saved.validated_at or time.time() - saved.validated_at > feeds.REVALIDATE_AFTER:
            return None, None
        return saved.etag, saved.last_modified

    def _feed(self, source: SourceConfig) -> Iterator[sources.Listed | InputError]:
        url, config = source.location, self.config
        etag, modified = self._validators(url)
        try:
            result = self.request(url, lambda: feeds.fetch(url, etag, modified, config.settings.timeout, FEED_BYTES, config.settings.allow_private_urls))
        except InputError as exc:
            yield exc
            return
        self.state.listed((listed.url, listed.signal) for listed in result.links)
        self.state.save_feed(url, result.etag, result.last_modified, validated=not result.not_modified)
        yield from result.links

    def _sitemap(self, url: str, depth: int, signal: str | None, budget: "_Budget") -> Iterator[sources.Listed | InputError]:
        """The pages of a sitemap and of the sitemaps it lists; `signal`: what its index says of it (its lastmod)."""
        config = self.config
        saved = self.state.feed(url)
        if signal is not None and saved and saved.fetched_at and saved.signal == signal:
            log.debug("%s: its lastmod has not moved since it was read; not fetched", url)
            return
        if budget.files >= sitemaps.MAX_FILES:
            log.info("%s: not read: this source has read %d sitemap files in this run, its most", url, sitemaps.MAX_FILES)
            return
        budget.files += 1
        etag, modified = self._validators(url)
        try:
            result = self.request(url, lambda: sitemaps.fetch(url, etag, modified, config.settings.timeout, config.settings.allow_private_urls))
        except InputError as exc:
            yield exc
            return
        sitemap = result.sitemap
        if sitemap is None:
            self.state.save_feed(url, None, None, validated=False, signal=signal)
            return
        if sitemap.dropped:
            log.info("%s: %d entries past the %d a sitemap may hold were not read", url, sitemap.dropped, sitemaps.MAX_ENTRIES)
        if sitemap.kind == "index":
            if depth >= sitemaps.MAX_DEPTH:
                yield InputError(url, "parse", f"a sitemap index {depth} levels deep; at most {sitemaps.MAX_DEPTH} levels are followed")
                return
            for child in sitemap.entries:
                yield from self._sitemap(child.url, depth + 1, child.signal, budget)
            self.state.save_feed(url, None, None, validated=True, signal=signal)
            return
        pages = sitemap.entries[: max(0, sitemaps.MAX_URLS - budget.urls)]
        if len(pages) < len(sitemap.entries):
            log.info("%s: %d page URLs not listed in this run: a sitemap source lists at most %d a run",
                     url, len(sitemap.entries) - len(pages), sitemaps.MAX_URLS)
        budget.urls += len(pages)
        self.state.listed((page.url, page.signal) for page in pages)
        self.state.save_feed(url, result.etag, result.last_modified, validated=True, signal=signal)
        yield from pages


@dataclass
class _Budget:
    """What one sitemap source has used of its limits in this run."""

    files: int = 0
    urls: int = 0
