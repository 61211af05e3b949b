"""A `urls` source: a file that lists URLs and paths, one a line, read on every run.

Relative paths in it are relative to the config file's folder, as every
other path in babelwire.toml is, so a run from cron in another working
folder finds the same files. A listed file that is not there is still an
item: reading it fails, and the state tracks it as it tracks a failing URL
(retried with backoff, then dead), instead of failing on every run unseen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ingest.errors import InputError
from ingest.read import sources


def listed(location: str, base: Path, globs: tuple[str, ...]) -> Iterator[sources.Item | InputError]:
    """The items a urls file lists: URLs as given, paths resolved against `base`, folders walked."""
    try:
        text = Path(location).read_text(encoding="utf-8")
    except OSError as exc:
        yield InputError(location, "read", f"cannot read the list ({exc.strerror or exc})")
        return
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        yield InputError(f"{location}:{line}", "read", "the list is not UTF-8 text")
        return
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if sources.is_url(line):
            yield from sources.expand([line], globs)
            continue
        path = Path(line).expanduser()
        path = path if path.is_absolute() else base / path
        if path.is_dir():
            yield from sources.expand([str(path)], globs)
        else:
            yield sources.Item("file", sources.display_path(Path(os.path.normpath(path))))
