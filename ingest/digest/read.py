"""Records back from babelwire JSONL (files or stdin), for the digest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Iterator

_TEXT, _TEXT_OR_NULL, _NULL = (str,), (str, type(None)), type(None)
# The fields the digest reads, and the types a babelwire record gives them ("a.b": b inside a; "a[]": each item of a).
_FIELDS: dict[str, tuple[type, ...]] = {
    "id": _TEXT, "revision": (int,), "story": _TEXT_OR_NULL, "title": _TEXT_OR_NULL, "lang": _TEXT,
    "published": _TEXT_OR_NULL, "sitename": _TEXT_OR_NULL,
    "source": (dict, _NULL), "source.url": _TEXT_OR_NULL, "source.path": _TEXT_OR_NULL, "source.fetched_at": _TEXT_OR_NULL,
    "translation": (dict, _NULL), "translation.title": _TEXT_OR_NULL, "translation.target": _TEXT_OR_NULL,
    "duplicate_of": (dict, _NULL), "duplicate_of.id": _TEXT,
    "matches": (list, _NULL), "matches[]": (dict,), "matches[].label": _TEXT,
}
_NAMES = {str: "a string", int: "a whole number", dict: "an object", list: "a list", _NULL: "null"}


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
        problem = wrong_type(record)
        if problem:
            yield BadLine(f"{name}:{number}", f"not a babelwire record ({problem})")
            continue
        yield record


def wrong_type(record: dict) -> str | None:
    """The first field the digest reads whose value has the wrong type (`title is 5, not a string or null`), or None."""
    for path, types in _FIELDS.items():
        for value in _values(record, path):
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                return f"{path} is {json.dumps(value, ensure_ascii=False)[:40]}, not {' or '.join(_NAMES[t] for t in types)}"
    return None


def _values(record: dict, path: str) -> list:
    """The values at `path` that are there (a missing field is the renderer's to default)."""
    found = [record]
    for part in path.split("."):
        key = part.removesuffix("[]")
        found = [item[key] for item in found if isinstance(item, dict) and key in item]
        if part.endswith("[]"):
            found = [x for value in found if isinstance(value, list) for x in value]
    return found
