"""One page fetched in its host's turn: robots.txt first where it has a say, then a GET, conditional when it can be.

robots.txt is fetched once per origin per run, in the same turn as the first
page that needs it (host_delay apart); its `Crawl-delay` raises the host's
delay for the rest of the run. It has a say over pages a feed or sitemap led
to, when `respect_robots` is on; pages a user listed are the user's choice.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import dataclass

from ingest.read import robots, sources, web

from .hosts import Hosts, Turn

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Blocked:
    """robots.txt keeps babelwire from a page in this run."""

    reason: str
    host_down: bool  # robots.txt could not be had (5xx, 429, no answer): the host is left alone, the page stays owed


class Pages:
    def __init__(self, hosts: Hosts, max_bytes: int, timeout: float, allow_private: bool, respect_robots: bool):
        self.hosts = hosts
        self.max_bytes, self.timeout, self.allow_private, self.respect_robots = max_bytes, timeout, allow_private, respect_robots
        self._robots: dict[str, robots.Robots] = {}  # by origin; an origin's entry is only touched in its host's turn

    def fetch(self, item: sources.Item, validators: dict[str, str], listed: bool) -> Future:
        """The page's Raw, None (304: not modified since `validators`), or Blocked; InputError when the fetch fails."""
        headers = {"User-Agent": web.USER_AGENT, **validators}
        check = listed and self.respect_robots

        def task(turn: Turn):
            if check:
                rules = self._rules(item.location, turn)
                if not rules.allows(item.location):
                    if rules.unavailable:
                        return Blocked(f"{rules.unavailable}; {turn.host} is left alone in this run", host_down=True)
                    return Blocked(f"{robots.origin(item.location)}/robots.txt disallows it for {robots.TOKEN}", host_down=False)
            return turn.request(lambda: sources.fetch(item, self.max_bytes, self.timeout, self.allow_private, headers))

        return self.hosts.submit(item.location, task)

    def _rules(self, url: str, turn: Turn) -> robots.Robots:
        origin = robots.origin(url)
        rules = self._robots.get(origin)
        if rules is None:
            rules = turn.request(lambda: robots.fetch(url, self.timeout, self.allow_private))
            if rules.unavailable:
                log.info("%s; %s is left alone in this run", rules.unavailable, turn.host)
            if rules.crawl_delay:
                turn.slow_down(rules.crawl_delay)
                log.info("%s: Crawl-delay %g s", origin + "/robots.txt", rules.crawl_delay)
            self._robots[origin] = rules
        return rules
