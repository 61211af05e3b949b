"""The stories stage: a record's fingerprint where it is cleaned, its links and watch matches in arrival order."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from ingest.clean.stopwords import density, stoplist
from ingest.write.record import Record

from . import minhash
from .anchors import anchors
from .linker import Entry, Fingerprint, Linker
from .watch import WatchList

READS_AS_TARGET = 0.2  # share of stop words: news prose has 0.3-0.5, a random model's output none


def fingerprint(title: str | None, text: str, lang: str) -> Fingerprint:
    """Computed with the cleaning (in the worker processes): the body's MinHash, the anchors of title and body."""
    return Fingerprint(minhash.signature(text, lang), anchors(f"{title or ''}\n{text}", lang))


def when(record: Record) -> float:
    """Epoch seconds of the publication date, else of the fetch."""
    found = epoch(record.published) or epoch(record.source.fetched_at)
    return found if found is not None else datetime.now(timezone.utc).timestamp()


def epoch(value: str | None) -> float | None:
    """Epoch seconds of an ISO date or date-time (a year or a month: its first day; a bare date or a naive time: UTC), None if it is not one."""
    if not value:
        return None
    if len(value) in (4, 7):  # a year or a month, as precise as the page says: its first day
        value += "-01-01" if len(value) == 4 else "-01"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def annotate(record: Record, print_: Fingerprint, linker: Linker, watch: WatchList | None = None) -> Record:
    """The record with `duplicate_of`, `story` and `matches` set; `linker` keeps it for later records."""
    link, _ = linker.link(record.id, when(record), Fingerprint(print_.signature, print_.anchors, translated_anchors(record)))
    matches = watch.find(_fields(record)) if watch is not None else []
    return dataclasses.replace(record, duplicate_of=link.duplicate_of, story=link.story, matches=matches)


def translated_anchors(record: Record) -> frozenset[str]:
    """The anchors of what a model wrote, when it reads as the target language (a broken or
    random model's output has none of its stop words and would only add noise)."""
    text = "\n".join(_translated(record))
    stop = stoplist(record.translation.target)
    if not text or not stop or density(text, stop) < READS_AS_TARGET:
        return frozenset()
    return anchors(text, record.translation.target)


def _fields(record: Record) -> list[tuple[str, str, str | None]]:
    fields = [("title", record.title or "", record.lang)]
    fields += [("text", s.text, s.lang) for s in record.segments if s.kind != "title"]
    fields += [("translation", text, record.translation.target) for text in _translated(record)]
    return fields


def _translated(record: Record) -> list[str]:
    """What a model wrote (title included); copied segments are already in the original text."""
    return [s.translation for s in record.segments if s.translation_status == "translated" and s.translation]


class Stories:
    """A run's stories stage: each record, in arrival order, gets its links and watch matches."""

    def __init__(self, linker: Linker, watch: WatchList | None = None, only_matches: bool = False):
        self.linker, self.watch, self.only_matches = linker, watch, only_matches

    def annotate(self, record: Record, print_: Fingerprint | None) -> tuple[Record, Entry]:
        """The annotated record, and what the linker now keeps of it (refresh stores that in its state)."""
        annotated = annotate(record, print_ or Fingerprint(None, frozenset()), self.linker, self.watch)
        return annotated, self.linker.entry(annotated.id)

    def wanted(self, record: Record) -> bool:
        """Whether the record is written: always, unless only records with a watch match are."""
        return not self.only_matches or bool(record.matches)
