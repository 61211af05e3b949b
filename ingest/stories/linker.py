"""Linking records in arrival order: wire copies (`duplicate_of`) and stories (`story`).

Single pass: each record is compared with the records kept before it and
never changes them, so earlier JSONL lines stay true. A record whose text is
nearly the same as a kept one's (MinHash similarity >= `duplicate`) is a copy
of the earliest of them and joins its story. Otherwise it joins the story of
the kept record, published within `window_days` of it, whose anchors (names,
numbers, codes: what survives translation) it shares most, if the weighted
overlap reaches `story` and at least MIN_SHARED anchors are shared; else it
starts a story of its own, whose id is its own id. Anchors are compared in
two views: those of the original texts, and those of the translations when
both records have one that reads as the target language; the better view
counts. Joining two events is worse than missing a link: the thresholds are
set for precision (bench/stories.py).

The work per record is bounded, whatever the run's length: at most
`keep_records` records are kept (the earliest to arrive go first, as refresh
forgets them); anchors are indexed by day, so only records within the window
are looked at; the records compared are the first MAX_CANDIDATES found
through the record's rarest anchors (each scored on every anchor both share);
and for copies, each MinHash band offers its MAX_COPIES latest records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import minhash

MIN_SHARED = 3
MAX_CANDIDATES = 300  # kept records scored against a new one, per view: found through its rarest anchors first
FACTS = ("n", "c")  # a story link needs at least one shared figure or code, not names alone
PRIOR_DOCUMENTS = 20  # an anchor seen in few of the kept records is telling even when few are kept
TYPE_WEIGHT = {"c": 2.0, "n": 1.5, "a": 1.0, "w": 1.0}


@dataclass(frozen=True)
class LinkOptions:
    duplicate: float = 0.5  # estimated Jaccard similarity of 4-word shingles
    story: float = 0.2  # weighted Dice overlap of anchors
    window_days: float = 3.0  # publication dates at most this far apart
    keep_days: float = 30.0  # refresh keeps what it needs to compare records that arrived this long ago
    keep_records: int = 100_000  # and at most this many of the latest (a run's linker too, in memory)


@dataclass(frozen=True)
class Fingerprint:
    """What a document contributes to linking: computed where it is cleaned (`translated` once it is translated)."""

    signature: bytes | None
    anchors: frozenset[str]
    translated: frozenset[str] = frozenset()  # anchors of the translation, when it reads as the target language


@dataclass
class Entry:
    """What is kept of a linked record, in memory and in the refresh state."""

    id: str
    when: float  # epoch seconds: the publication date, else the arrival
    signature: bytes | None
    anchors: frozenset[str]
    story: str
    original: str | None = None  # the id this record is a copy of
    translated: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Link:
    """What a record's `duplicate_of` and `story` say."""

    duplicate_of: dict | None
    story: str


@dataclass
class Linker:
    """The records kept so far, indexed by MinHash band and by anchor and day, and the linking of each new one."""

    options: LinkOptions = field(default_factory=LinkOptions)

    def __post_init__(self) -> None:
        self._entries: dict[str, Entry] = {}  # in arrival order
        self._signatures = minhash.Index()
        self._views: dict[str, _Postings] = {"anchors": _Postings(), "translated": _Postings()}

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, record_id: str) -> Entry:
        return self._entries[record_id]

    def keep(self, entry: Entry) -> None:
        """Remember a record linked earlier (e.g. in an earlier refresh run); past `keep_records`, the earliest to arrive is forgotten."""
        self._forget(entry.id)
        self._entries[entry.id] = entry
        if entry.signature is not None:
            self._signatures.add(entry.id, entry.signature)
        for view, postings in self._views.items():
            for anchor in getattr(entry, view):
                postings.add(anchor, entry.when, entry.id)
        while len(self._entries) > max(1, self.options.keep_records):
            self._forget(next(iter(self._entries)))

    def link(self, record_id: str, when: float, fingerprint: Fingerprint) -> tuple[Link, Entry]:
        """The record's link, and the entry to keep for it (kept here already)."""
        known = self._entries.get(record_id)
        if known is not None:  # a new revision of a linked record keeps its links
            entry = Entry(record_id, known.when, fingerprint.signature, fingerprint.anchors, known.story, known.original, fingerprint.translated)
            self.keep(entry)
            return Link(self._duplicate_of(entry), known.story), entry
        original, similarity = self._original(fingerprint.signature)
        if original is not None:
            entry = Entry(record_id, when, fingerprint.signature, fingerprint.anchors, original.story, original.id, fingerprint.translated)
            self.keep(entry)
            return Link({"id": original.id, "similarity": round(similarity, 3)}, original.story), entry
        story = self._story(when, fingerprint) or record_id
        entry = Entry(record_id, when, fingerprint.signature, fingerprint.anchors, story, None, fingerprint.translated)
        self.keep(entry)
        return Link(None, story), entry

    # ------------------------------------------------------------ copies
    def _original(self, signature: bytes | None) -> tuple[Entry | None, float]:
        if signature is None:
            return None, 0.0
        best: tuple[float, Entry] | None = None
        for key, similarity in self._signatures.candidates(signature).items():
            if similarity < self.options.duplicate:
                continue
            entry = self._entries[key]
            root = self._entries.get(entry.original, entry) if entry.original else entry
            if root is not entry and root.signature is not None:
                similarity = max(similarity, minhash.similarity(signature, root.signature))
            if best is None or similarity > best[0]:
                best = (similarity, root)
        return (best[1], best[0]) if best else (None, 0.0)

    def _duplicate_of(self, entry: Entry) -> dict | None:
        root = self._entries.get(entry.original or "")
        if root is None:
            return None
        similarity = minhash.similarity(entry.signature, root.signature) if entry.signature and root.signature else 0.0
        return {"id": root.id, "similarity": round(similarity, 3)}

    # ------------------------------------------------------------ stories
    def _story(self, when: float, fingerprint: Fingerprint) -> str | None:
        """The story of the kept record this one shares most with, in the better of the two views."""
        scores: dict[str, float] = {}
        for view in self._views:
            for key, score in self._scores(view, getattr(fingerprint, view), when).items():
                scores[key] = max(score, scores.get(key, 0.0))
        best = max(scores.items(), key=lambda item: (item[1], item[0]), default=None)
        return self._entries[best[0]].story if best else None

    def _scores(self, view: str, anchors: frozenset[str], when: float) -> dict[str, float]:
        """Kept records within the window that share enough with `anchors` in this view, and their weighted overlap."""
        postings = self._views[view]
        weights = {a: self._weight(postings, a) for a in anchors}
        mine = sum(weights.values())
        if not mine:
            return {}
        window = self.options.window_days * 86400
        candidates: dict[str, None] = {}
        for anchor in sorted(anchors, key=lambda a: (postings.count.get(a, 0), a)):  # rarest first
            for key in postings.near(anchor, when - window, when + window):
                if key not in candidates and abs(self._entries[key].when - when) <= window:
                    candidates[key] = None
                    if len(candidates) == MAX_CANDIDATES:
                        break
            if len(candidates) == MAX_CANDIDATES:
                break
        scores = {}
        for key in candidates:
            theirs = getattr(self._entries[key], view)
            shared = anchors & theirs
            if len(shared) < MIN_SHARED or not any(a[0] in FACTS for a in shared):
                continue
            score = 2 * sum(weights[a] for a in shared) / (mine + sum(self._weight(postings, a) for a in theirs))
            if score >= self.options.story:
                scores[key] = score
        return scores

    def _weight(self, postings: "_Postings", anchor: str) -> float:
        """Rarer anchors weigh more (idf over the kept records), codes and figures more than names."""
        return TYPE_WEIGHT[anchor[0]] * math.log((len(self._entries) + PRIOR_DOCUMENTS) / (postings.count.get(anchor, 0) + 1))

    def _forget(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        self._signatures.remove(key)
        for view, postings in self._views.items():
            for anchor in getattr(entry, view):
                postings.remove(anchor, entry.when, key)


class _Postings:
    """One view's index: anchor -> day -> record ids (in arrival order), and how many kept records hold each anchor."""

    def __init__(self) -> None:
        self.by_day: dict[str, dict[int, dict[str, None]]] = {}
        self.count: dict[str, int] = {}

    def add(self, anchor: str, when: float, key: str) -> None:
        self.by_day.setdefault(anchor, {}).setdefault(_day(when), {})[key] = None
        self.count[anchor] = self.count.get(anchor, 0) + 1

    def remove(self, anchor: str, when: float, key: str) -> None:
        days = self.by_day.get(anchor, {})
        ids = days.get(_day(when), {})
        if ids.pop(key, 0) is None:
            self.count[anchor] -= 1
            if not ids:
                del days[_day(when)]
            if not days:
                del self.by_day[anchor], self.count[anchor]

    def near(self, anchor: str, start: float, end: float):
        """The ids holding `anchor` whose day is within start..end (a day's ids may fall just outside: check `when`)."""
        days = self.by_day.get(anchor)
        if not days:
            return
        first, last = _day(start), _day(end)
        for day in (range(first, last + 1) if last - first < len(days) else sorted(d for d in days if first <= d <= last)):
            yield from days.get(day, ())


def _day(when: float) -> int:
    return math.floor(when / 86400)
