"""Requests to many hosts side by side, each host paced.

At most `concurrency` requests are in flight at once, at most one per host,
and a host's next request starts no sooner than its delay after its last one
ended (`host_delay`, raised by the host's robots.txt `Crawl-delay`). A thread
waits only when no host is ready, so a run takes about as long as its busiest
host, not the sum of them all. Tasks for one host run in the order given,
except that `first` ones (a feed, a sitemap: what lists more pages) go ahead
of the pages already waiting.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from concurrent.futures import Future
from typing import Callable, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Turn:
    """A task's hold on its host: each `request` starts no sooner than the host's delay after the one before."""

    def __init__(self, hosts: "Hosts", host: str):
        self._hosts, self.host = hosts, host

    def request(self, call: Callable[[], T]) -> T:
        hosts = self._hosts
        with hosts._ready:
            wait = hosts._next.get(self.host, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # a second request in one task (robots.txt, then the page)
        try:
            return call()
        finally:
            with hosts._ready:
                hosts._next[self.host] = time.monotonic() + hosts.delay(self.host)

    def slow_down(self, delay: float) -> None:
        """Raise this host's delay for the rest of the run (robots.txt's Crawl-delay); never lowers it."""
        with self._hosts._ready:
            self._hosts._delays[self.host] = max(self._hosts._delays.get(self.host, 0.0), delay)


class Hosts:
    """Worker threads that run each host's tasks one at a time, paced, and different hosts' side by side."""

    def __init__(self, concurrency: int, delay: float):
        self.concurrency = max(1, concurrency)
        self.host_delay = delay
        self._ready = threading.Condition()
        self._queues: dict[str, deque] = {}
        self._next: dict[str, float] = {}  # monotonic time the host's next request may start
        self._delays: dict[str, float] = {}
        self._busy: set[str] = set()
        self._threads: list[threading.Thread] = []
        self._closed = False

    def delay(self, host: str) -> float:
        return max(self.host_delay, self._delays.get(host, 0.0))

    def submit(self, url: str, task: Callable[[Turn], T], first: bool = False) -> Future:
        """Run `task(turn)` when `url`'s host is free and ready; its result (or exception) in the future."""
        future: Future = Future()
        host = host_of(url)
        with self._ready:
            if self._closed:
                raise RuntimeError("the hosts' threads are closed")
            queue = self._queues.setdefault(host, deque())
            (queue.appendleft if first else queue.append)((future, task))
            if len(self._threads) < self.concurrency:
                thread = threading.Thread(target=self._serve, daemon=True, name="babelwire-fetch")
                self._threads.append(thread)
                thread.start()
            self._ready.notify()
        return future

    def close(self) -> None:
        """Stop the threads once their current request ends; tasks not started are cancelled."""
        with self._ready:
            self._closed = True
            for queue in self._queues.values():
                for future, _ in queue:
                    future.cancel()
            self._queues.clear()
            self._ready.notify_all()

    def _take(self) -> tuple[str, Future, Callable] | None:
        """The next task of a free host whose delay has passed, waiting until there is one; None once closed."""
        with self._ready:
            while not self._closed:
                now = time.monotonic()
                free = [host for host, queue in self._queues.items() if queue and host not in self._busy]
                soonest = min(free, key=lambda host: self._next.get(host, 0.0), default=None)
                if soonest is not None and self._next.get(soonest, 0.0) <= now:
                    future, task = self._queues[soonest].popleft()
                    self._busy.add(soonest)
                    return soonest, future, task
                self._ready.wait(None if soonest is None else self._next[soonest] - now)
            return None

    def _serve(self) -> None:
        while (taken := self._take()) is not None:
            host, future, task = taken
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(task(Turn(self, host)))
                    except BaseException as exc:  # handed to whoever waits on the future
                        future.set_exception(exc)
            finally:
                with self._ready:
                    self._busy.discard(host)
                    self._ready.notify_all()
