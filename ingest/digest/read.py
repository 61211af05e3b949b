"""Records back from babelwire JSONL (files or stdin), for the digest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Iterator


@dataclass(frozen=True)
class BadLine:
    """A line that is not a babelwire record: where it is and what is wrong."""

    where: str
    problem: str


def records(name: str, stream: IO[str]) -> Iterator[dict | BadLine]:
    """Each record of a JSONL stream, or a BadLine naming name:line."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadLine(f"{name}:{number}", f"not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not str(record.get("schema", "")).startswith("babelwire.article/") or "id" not in record:
            yield BadLine(f"{name}:{number}", "not a babelwire record (no schema or id)")
            continue
        problem = _wrong_type(record)
        if problem:
            yield BadLine(f"{name}:{number}", f"not a babelwire record ({problem})")
            continue
        yield record


_TEXT = (str, type(None))
# The fields the page is made of, and what each must be; nested ones as "outer.inner" (`[]`: each item).
_TYPES = {
    "id": (str,), "story": _TEXT, "title": _TEXT, "lang": (str,), "published": _TEXT, "sitename": _TEXT,
    "source": (dict, type(None)), "source.url": _TEXT, "source.path": _TEXT, "source.fetched_at": _TEXT,
    "translation": (dict, type(None)), "translation.title": _TEXT, "translation.target": _TEXT,
    "duplicate_of": (dict, type(None)), "duplicate_of.id": (str,), "matches": (list, type(None)), "matches[]": (dict,),
    "matches[].label": (str,),
}


def _wrong_type(record: dict) -> str | None:
    """The first field the digest reads whose value has the wrong JSON type, said as `field "title" is 5`."""
    for path, kinds in _TYPES.items():
        for value in _values(record, path):
            if not isinstance(value, kinds):
                return f"field \"{path}\" is {json.dumps(value)[:40]}"
    return None


def _values(record: dict, path: str) -> list:
    """The values at `path` that are there (an absent field is the renderer's to default)."""
    values = [record]
    for part in path.split("."):
        key = part.removesuffix("[]")
        values = [v[key] for v in values if isinstance(v, dict) and key in v]
        if part.endswith("[]"):
            values = [item for v in values if isinstance(v, list) for item in v]
    return values
