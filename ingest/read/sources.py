"""Where articles come from: files, folders, lists of paths and URLs, the web.

`expand` turns the command line's inputs into items in a stable order;
`read` returns an item's raw bytes. Both report problems as InputError
values so that one bad input never stops the batch.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from ingest.errors import InputError
from ingest.read import web

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Item:
    """One article to read: a file path or a URL."""

    kind: str  # "file" | "url"
    location: str

    @property
    def name(self) -> str:
        return self.location


@dataclass(frozen=True)
class Raw:
    """An item's bytes and what the transport said about them."""

    item: Item
    data: bytes
    sha256: str
    fetched_at: str
    charset: str | None = None
    url: str | None = None
    revision: int = 1
    lang_hint: str | None = None
    etag: str | None = None  # the validators the server sent, for a conditional GET next time
    last_modified: str | None = None


@dataclass(frozen=True)
class Listed:
    """A page a feed or sitemap lists, and what the listing says of its version."""

    url: str
    signal: str | None = None  # its date (updated, else published; lastmod) and title; None: the listing gives no date


def signal(date: str | None, title: str | None) -> str | None:
    """What a listing says of a page's version: its date and title, so that either moving means a new look; None without a date."""
    date = " ".join((date or "").split())
    return f"{date} {' '.join((title or '').split())}".rstrip() if date else None


def is_url(text: str) -> bool:
    return "://" in text[:12]


def display_path(path: Path) -> str:
    """A path relative to the working folder when under it, so ids match across machines."""
    relative = os.path.relpath(path)
    return Path(relative if not relative.startswith("..") else os.path.abspath(path)).as_posix()


STDIN = "-"


def piped(data: bytes, max_bytes: int) -> Raw | list[str] | InputError:
    """What `-` reads from stdin: one document piped in (`cat page.html | babelwire ingest -`), or a
    list of paths and URLs, one a line (`find inbox -name '*.txt' | babelwire ingest -`).

    A document is what starts like markup (`<`), is compressed or binary, or
    has a line of words (whitespace inside) that is neither a URL nor an
    existing path. So a list is lines that are each a URL, an existing path,
    or one word (a path that is missing still gets its own error line).
    """
    text = data.decode("utf-8", errors="surrogateescape").lstrip("\ufeff \t\r\n")
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    document = (
        text.startswith("<") or data[:2] == b"\x1f\x8b" or b"\x00" in data[:8192]
        or any(len(line.split()) > 1 and not is_url(line) and not os.path.exists(os.path.expanduser(line)) for line in lines)
    )
    if not document:
        return lines
    if len(data) > max_bytes:
        return InputError(STDIN, "read", f"stdin is {len(data):,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    return Raw(Item("file", STDIN), data, hashlib.sha256(data).hexdigest(), _now())


def expand_piped(inputs: Iterable[str], globs: tuple[str, ...], stdin: Callable[[], Raw | list[str] | InputError]) -> Iterator[Item | Raw | InputError]:
    """`expand`, with `-` standing for what `piped` made of stdin (`stdin()`, called at the first `-`):
    a document is one input, read once."""
    done = False
    for entry in inputs:
        if entry != STDIN:
            yield from _expand_one(entry, globs)
            continue
        if not done:
            piped_in = stdin()
            if isinstance(piped_in, list):
                yield from expand([STDIN], globs, piped_in)
            else:
                yield piped_in
        done = True  # stdin is read once


def expand(inputs: Iterable[str], globs: tuple[str, ...], stdin_lines: Iterable[str] = ()) -> Iterator[Item | InputError]:
    """Items for files, folders (recursive, by glob), URLs, and `-` (a list on stdin)."""
    for entry in inputs:
        if entry == "-":
            for line in stdin_lines:
                line = line.strip()
                if line and not line.startswith("#"):
                    yield from _expand_one(line, globs)
        else:
            yield from _expand_one(entry, globs)


def _expand_one(entry: str, globs: tuple[str, ...]) -> Iterator[Item | InputError]:
    if is_url(entry):
        scheme = urlsplit(entry).scheme.lower()
        if scheme not in ("http", "https"):
            yield InputError(entry, "read", f"unsupported URL scheme '{scheme}' (only http and https)")
        else:
            yield Item("url", entry)
        return
    path = Path(entry).expanduser()
    if path.is_dir():
        yield from _walk(path, globs)
    elif path.exists():
        yield Item("file", display_path(path))
    else:
        yield InputError(entry, "read", "no such file or directory")


def _walk(root: Path, globs: tuple[str, ...]) -> Iterator[Item]:
    """Files under a folder matching any glob, sorted, hidden entries and symlinked folders skipped."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and any(fnmatch.fnmatch(name, g) for g in globs):
                yield Item("file", display_path(Path(folder) / name))


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read(item: Item, max_bytes: int, timeout: float, allow_private: bool = False) -> Raw:
    """The raw bytes of an item, refusing anything larger than max_bytes."""
    if item.kind == "url":
        return _fetch(item, max_bytes, timeout, allow_private)
    path = Path(item.location)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(item.name, "read", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(item.name, "read", "no such file (it disappeared)") from None
    except IsADirectoryError:
        raise InputError(item.name, "read", "is a directory") from None
    except PermissionError:
        raise InputError(item.name, "read", "permission denied") from None
    except OSError as exc:
        raise InputError(item.name, "read", exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(item.name, "read", f"file grew past the {max_bytes:,}-byte limit while reading")
    return Raw(item, data, hashlib.sha256(data).hexdigest(), _now())


def _fetch(item: Item, max_bytes: int, timeout: float, allow_private: bool) -> Raw:
    """Download a page: every redirect hop checked against private addresses, the
    whole fetch within `timeout` seconds (ingest/read/web.py). Pages given to
    `ingest` keep the User-Agent trafilatura's fetcher sent them with."""
    from trafilatura.downloads import USER_AGENT

    raw = fetch(item, max_bytes, timeout, allow_private, {"User-Agent": USER_AGENT})
    assert raw is not None  # no validators were sent: a 304 is an error
    return raw


def fetch(item: Item, max_bytes: int, timeout: float, allow_private: bool, headers: dict[str, str]) -> Raw | None:
    """GET a page with `headers`; None when they hold validators and the server answers 304 Not Modified."""
    response = web.get(item.location, headers, timeout, max_bytes, allow_private)
    if response.status == 304 and ("If-None-Match" in headers or "If-Modified-Since" in headers):
        return None
    if response.status != 200:
        raise InputError(item.name, "read", f"HTTP {response.status}")
    data = response.data
    content_type = response.headers.get("Content-Type", "")
    charset = content_type.split("charset=")[-1].split(";")[0].strip() if "charset=" in content_type else None
    return Raw(item, data, hashlib.sha256(data).hexdigest(), _now(), charset, response.url,
               etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"))
