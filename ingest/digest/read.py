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
        yield record
