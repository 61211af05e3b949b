"""The babelwire record: one typed structure, built and serialised here.

Its JSON Schema is `record.schema.json` beside this file; the README
documents every field. Other tools depend on this shape: change it only
with a new `schema` version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest import __version__

SCHEMA = "babelwire.article/3"
SCHEMA_PATH = Path(__file__).with_name("record.schema.json")


@dataclass
class Source:
    kind: str  # "file" | "url"
    sha256: str
    fetched_at: str
    format: str  # "text" | "html"
    encoding: str
    path: str | None = None
    url: str | None = None
    encoding_errors: int | None = None  # byte sequences invalid in `encoding`, replaced by U+FFFD; absent when none


@dataclass
class Segment:
    kind: str  # "title" | "heading" | "paragraph"
    text: str
    lang: str
    lang_confidence: float
    lang_method: str  # "detected" | "inherited"
    translation: str | None = None
    translation_status: str = "pending"  # set by assemble: "translated" | "copied" | "no_model" | "failed" | "skipped"


@dataclass
class Translation:
    target: str
    title: str | None
    text: str
    status: str  # "complete" | "partial" | "none"
    models: list[dict] = field(default_factory=list)


@dataclass
class Record:
    id: str
    source: Source
    title: str | None
    published: str | None
    author: str | None
    sitename: str | None
    category: str | None
    lang: str
    lang_confidence: float
    text: str
    segments: list[Segment]
    translation: Translation
    removed: list[dict]
    dates: list[dict]
    # The cleaner found too little running text to vouch for the body it kept.
    low_confidence: bool = False
    duplicate_of: dict | None = None  # {"id", "similarity"}: the earlier record this is a wire copy of
    story: str | None = None  # the id of the first record about the same event
    matches: list[dict] = field(default_factory=list)  # watch terms found: {"label", "term", "field", "count"}
    revision: int = 1
    schema: str = SCHEMA
    babelwire_version: str = __version__

    def to_dict(self) -> dict:
        """The record as the JSON object it is written as: keys in a stable order, absent source fields left out."""
        data = asdict(self)
        data["source"] = {k: v for k, v in data["source"].items() if v is not None}
        return {"schema": data.pop("schema"), "id": data.pop("id"), "revision": data.pop("revision"), **data}

    def to_json(self) -> str:
        """One line of JSONL: UTF-8 text as is, keys in a stable order."""
        return dumps(self.to_dict())


def dumps(record: dict) -> str:
    """A record's dict as its JSON line (without the newline): what `babelwire ingest` writes."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def record_id(kind: str, identity: str) -> str:
    """Stable id from an item's identity: the URL as given (before redirects), or the file's absolute resolved path."""
    return hashlib.sha256(f"{kind}:{identity}".encode("utf-8")).hexdigest()[:16]


def translation_status(segments: list[Segment]) -> str:
    """complete: every segment is in the target; partial: some are; none: none is."""
    done = [s.translation_status in ("translated", "copied") for s in segments]
    if all(done):
        return "complete"
    return "partial" if any(done) else "none"


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
