"""The stages of a run, as plain functions over picklable data.

    prepare(job, options)                  -> Prepared | Failure  read, decode, clean, detect, split sentences
    plan(prepared, target, choose)         -> [Row]               the sentences a model must translate
    translate(rows, translator)            -> [Row]               grouped by language pair, each sentence once
    assemble(prepared, target, rows, ...)  -> Record

No stage prints, reads settings globals or keeps an open handle, so an engine
can run them in this process, in worker processes (`local.py`) or elsewhere.
The translation cache belongs to the caller: it looks rows up before
`translate` and stores what comes back.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from ingest.clean.extract import extract_html, looks_like_html
from ingest.clean.text import Cleaned, clean_text
from ingest.detect.langid import SIBLINGS, Guess, LanguageIdentifier
from ingest.errors import InputError
from ingest.read import sources
from ingest.read.decode import decode
from ingest.read.feeds import FEED_HINT, looks_like_feed
from ingest.stories.annotate import fingerprint
from ingest.stories.linker import Fingerprint
from ingest.write.record import Record, Segment, Source, Translation, translation_status
from ingest.write.record import record_id as make_record_id
from translate.device import DeviceError
from translate.engine import MAX_INPUT_TOKENS
from translate.segment import normalise_caps, split_sentences

log = logging.getLogger(__name__)

# A source's language hint wins over a document language detected with less confidence.
HINT_BELOW = 0.6


@dataclass(frozen=True)
class PrepareOptions:
    """What `prepare` needs to know, and nothing else (it travels to worker processes)."""

    languages: tuple[str, ...]
    max_bytes: int = 20 * 1024 * 1024
    fetch_timeout: float = 30.0
    allow_private_urls: bool = False
    debug: bool = False


def identity(item: sources.Item) -> str:
    """What an item is, whatever the working folder: a URL as given (not where it redirects), a file's absolute resolved path."""
    return item.location if item.kind == "url" else os.path.realpath(item.location)


@dataclass(frozen=True)
class Job:
    """One input, numbered in input order: an item to read, or bytes the caller has read (`raw`).

    Its record id is fixed where the job is made (on the driver, whose working
    folder resolves the path), unless the caller passes one (refresh keeps an item's id).
    A document piped on stdin has no path: its id is that of its bytes.
    """

    index: int
    item: sources.Item
    raw: sources.Raw | None = None
    record_id: str | None = None

    def __post_init__(self):
        if self.record_id is None:
            piped = self.item.location == sources.STDIN and self.raw is not None
            object.__setattr__(self, "record_id", make_record_id("stdin", self.raw.sha256) if piped else make_record_id(self.item.kind, identity(self.item)))


@dataclass(frozen=True)
class Failure:
    """An input that gave no record, and why."""

    index: int
    name: str
    error: InputError
    seconds: float = 0.0  # spent in prepare before it failed


@dataclass
class Prepared:
    """A cleaned, language-tagged document, ready for translation."""

    index: int
    name: str
    source: Source
    cleaned: Cleaned
    document: Guess
    segments: list[Segment]
    sentences: list[list[str]]  # per segment: what a model is given, sentence by sentence
    record_id: str
    fingerprint: Fingerprint  # for wire copies and stories, computed here so the workers share the work
    revision: int = 1
    seconds: float = 0.0  # spent in prepare


@dataclass(frozen=True)
class Row:
    """One sentence of one segment, and the language pair whose model takes it."""

    doc: int
    segment: int
    sentence: int
    source: str
    target: str
    text: str
    translation: str | None = None
    error: str | None = None
    seconds: float = 0.0  # this sentence's share of its model call (by length); 0 from the cache


@dataclass
class Outcome:
    """What became of one input: a record (perhaps with translation errors), or a failure."""

    index: int
    name: str
    record: Record | None = None
    error: InputError | None = None
    translation_errors: dict[tuple[str, str], str] = field(default_factory=dict)
    seconds: float = 0.0  # prepare, plus the input's share of translation
    fingerprint: Fingerprint | None = None


# ------------------------------------------------------------------ prepare
@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    """One identifier per process and language list: its profiles load once."""
    return LanguageIdentifier(languages)


def prepare(job: Job, options: PrepareOptions) -> Prepared | Failure:
    """Read (unless the job carries bytes), decode, clean, detect languages and split sentences."""
    started = time.perf_counter()
    try:
        raw = job.raw or sources.read(job.item, options.max_bytes, options.fetch_timeout, options.allow_private_urls)
        prepared = _prepare_raw(job.index, raw, _identifier(options.languages), job.record_id)
        prepared.seconds = time.perf_counter() - started
        return prepared
    except InputError as exc:
        return Failure(job.index, job.item.name, exc, time.perf_counter() - started)
    except Exception as exc:  # a bug or a hostile input must not stop the batch
        if options.debug:
            raise
        log.debug("unexpected failure on %s", job.item.name, exc_info=True)
        error = InputError(job.item.name, "internal", f"{type(exc).__name__}: {exc}")
        return Failure(job.index, job.item.name, error, time.perf_counter() - started)


def _prepare_raw(index: int, raw: sources.Raw, langid: LanguageIdentifier, record_id: str) -> Prepared:
    item = raw.item
    log.debug("%s: read %d bytes", item.name, len(raw.data))
    if not raw.data.strip():
        raise InputError(item.name, "read", "empty file" if raw.data == b"" else "contains only whitespace")
    decoded = decode(raw.data, item.name, raw.charset)
    if looks_like_feed(decoded.text):
        raise InputError(item.name, "read", f"an RSS or Atom feed, not an article; {FEED_HINT}")
    is_html = looks_like_html(decoded.text, item.location)
    log.debug("%s: decoded from %s as %s", item.name, decoded.encoding, "HTML" if is_html else "plain text")
    cleaned = extract_html(decoded.text, item.name, raw.url) if is_html else clean_text(decoded.text)
    log.debug("%s: cleaned: %s kept, %s removed", item.name, _count(len(cleaned.blocks), "block"), _count(len(cleaned.removed), "line"))
    if not cleaned.blocks:
        raise InputError(item.name, "clean", "no article text left after cleaning")
    source = Source(
        kind=item.kind,
        sha256=raw.sha256,
        fetched_at=raw.fetched_at,
        format="html" if is_html else "text",
        encoding=decoded.encoding,
        path=item.location if item.kind == "file" else None,
        url=raw.url if item.kind == "url" else None,
        encoding_errors=decoded.repaired or None,
    )
    document = langid.document([b.text for b in cleaned.blocks if b.kind == "paragraph"] or [b.text for b in cleaned.blocks])
    if raw.lang_hint and (document.lang == "und" or document.confidence < HINT_BELOW):
        document = Guess(raw.lang_hint, document.confidence, "hinted")
    units = ([("title", cleaned.title)] if cleaned.title else []) + [(b.kind, b.text) for b in cleaned.blocks]
    guesses = [langid.segment(text, document) for _, text in units]
    guesses = _inherit_from_neighbours([kind for kind, _ in units], guesses)
    segments = [Segment(kind, text, g.lang, g.confidence, g.method) for (kind, text), g in zip(units, guesses, strict=True)]
    log.debug("%s: detected %s (%.2f, %s); segments: %s", item.name, document.lang, document.confidence, document.method,
              ", ".join(f"{lang} {count}" for lang, count in Counter(s.lang for s in segments).most_common()))
    sentences = [[normalise_caps(s, seg.lang) for s in split_sentences(seg.text, seg.lang)] for seg in segments]
    log.debug("%s: split into %d sentences", item.name, sum(map(len, sentences)))
    _say_long_sentences(item.name, sentences)
    print_ = fingerprint(cleaned.title, cleaned.text, document.lang)
    return Prepared(index, item.name, source, cleaned, document, segments, sentences, record_id, print_, raw.revision)


LONG_SENTENCE_WORDS = 1000  # a news sentence has tens; more is a line with no sentence break (a dump, a list)


def _say_long_sentences(name: str, sentences: list[list[str]]) -> None:
    """-v: a sentence too long for the model is no error, but its translation takes a while; say why."""
    for i, segment in enumerate(sentences):
        for sentence in segment:
            words = len(sentence.split())
            if words > LONG_SENTENCE_WORDS:
                log.info("%s: segment %d has a sentence of %s words with no sentence break; the model takes it in pieces "
                         "of at most %d tokens, cut at clause breaks or between words, so translating it takes a while",
                         name, i + 1, f"{words:,}", MAX_INPUT_TOKENS)


def _inherit_from_neighbours(kinds: list[str], guesses: list[Guess]) -> list[Guess]:
    """A heading too short to judge takes the language of the paragraph it heads;
    the last short segment, that of the one before it. Titles keep the document's."""
    out = list(guesses)
    for i, (kind, guess) in enumerate(zip(kinds, guesses, strict=True)):
        if guess.method != "inherited" or kind == "title":
            continue
        after = next((g for k, g in zip(kinds[i + 1 :], guesses[i + 1 :], strict=True) if g.method == "detected"), None)
        before = next((g for k, g in zip(kinds[i - 1 :: -1], guesses[i - 1 :: -1], strict=True) if g.method == "detected" and k != "title"), None) if i else None
        if kind == "heading":
            source = after or before
        else:
            source = before if i == len(kinds) - 1 else None
        if source is not None:
            out[i] = Guess(source.lang, source.confidence, "inherited")
    return out


# ------------------------------------------------------------------ plan
def model_language(lang: str, document: str, expected: tuple[str, ...], has_model: Callable[[str], bool]) -> str | None:
    """The language whose model translates a segment detected as `lang`, or None.

    Its own model when one is installed. A language the user does not expect
    (da, sv, nn, af, ...) is most often a close sibling or a misdetection on a
    short or name-heavy paragraph: it goes to the sibling's model (nb for da,
    sv, nn; nl for af), else to the document language's. An expected language
    with no model has none: the record says `no_model` and names the install command.
    """
    if has_model(lang):
        return lang
    if lang in expected:
        return None
    for candidate in (SIBLINGS.get(lang), document):
        if candidate and candidate != lang and has_model(candidate):
            return candidate
    return None


def plan(doc: Prepared, target: str, choose: Callable[[str, str], str | None]) -> list[Row]:
    """A row per sentence of each segment that needs translating and has a model; `choose(lang, document_lang)` picks it."""
    rows: list[Row] = []
    for i, segment in enumerate(doc.segments):
        if segment.lang == target:
            continue
        source = choose(segment.lang, doc.document.lang)
        if source is None:
            continue
        rows += [Row(doc.index, i, j, source, target, text) for j, text in enumerate(doc.sentences[i])]
    return rows


# ------------------------------------------------------------------ translate
def translate(rows: list[Row], translator) -> list[Row]:
    """Fill each row's translation, one model call per language pair; a pair whose model fails marks its rows with the error."""
    by_pair: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        by_pair.setdefault((row.source, row.target), []).append(row)
    done: dict[tuple[int, int, int], Row] = {}
    for (source, target), group in by_pair.items():
        unique = list(dict.fromkeys(row.text for row in group))
        started = time.perf_counter()
        try:
            translated = dict(zip(unique, translator.translate(source, target, unique), strict=True))
        except DeviceError:
            raise  # the GPU fails every pair alike: the run stops with one line
        except Exception as exc:  # a broken model must not lose the batch
            message = str(exc) or type(exc).__name__
            log.debug("translation %s→%s failed", source, target, exc_info=True)
            done.update(((r.doc, r.segment, r.sentence), dataclasses.replace(r, error=message)) for r in group)
            continue
        seconds = time.perf_counter() - started
        log.debug("translated %s→%s: %d sentences (%d distinct) in %.2f s", source, target, len(group), len(unique), seconds)
        per_char = seconds / max(1, sum(len(r.text) for r in group))
        done.update(((r.doc, r.segment, r.sentence), dataclasses.replace(r, translation=translated[r.text], seconds=len(r.text) * per_char)) for r in group)
    return [done[(r.doc, r.segment, r.sentence)] for r in rows]


# ------------------------------------------------------------------ assemble
def assemble(doc: Prepared, target: str, rows: list[Row], models: dict[str, list[dict]], translating: bool = True) -> Outcome:
    """The record of a document from its translated rows (the one place a record is built).

    `models` maps a model language to the packages of its route to the target.
    """
    by_segment: dict[int, list[Row]] = {}
    for row in sorted(rows, key=lambda r: (r.segment, r.sentence)):
        by_segment.setdefault(row.segment, []).append(row)
    segments, used, errors = [], {}, {}
    for i, segment in enumerate(doc.segments):
        mine = by_segment.get(i)
        if segment.lang == target:
            text, status = segment.text, "copied"
        elif not translating:
            text, status = None, "skipped"
        elif not mine:
            text, status = None, "no_model"
        elif any(r.error for r in mine):
            text, status = None, "failed"
            errors[(mine[0].source, target)] = next(r.error for r in mine if r.error)
        else:
            text, status = " ".join(r.translation for r in mine), "translated"
            for package in models.get(mine[0].source, []):
                used.setdefault(package["package"], package)
        segments.append(dataclasses.replace(segment, translation=text, translation_status=status))
    cleaned = doc.cleaned
    body = [s for s in segments if s.kind != "title"]
    title = next((s for s in segments if s.kind == "title"), None)
    translation = Translation(
        target=target,
        title=title.translation if title else None,
        text="\n\n".join(s.translation if s.translation is not None else s.text for s in body),
        status=translation_status(segments),
        models=list(used.values()),
    )
    record = Record(
        id=doc.record_id,
        story=doc.record_id,  # its own story until the stories stage links it
        source=doc.source,
        title=cleaned.title,
        published=cleaned.published,
        author=cleaned.author,
        sitename=cleaned.sitename,
        category=cleaned.category,
        lang=doc.document.lang,
        lang_confidence=doc.document.confidence,
        text=cleaned.text,
        segments=segments,
        translation=translation,
        revision=doc.revision,
        removed=[{"text": r.text, "reason": r.reason, "line": r.line} for r in cleaned.removed],
        dates=[{"value": d.value, "raw": d.raw, "role": d.role} for d in cleaned.dates],
        low_confidence=cleaned.low_confidence,
    )
    return Outcome(doc.index, doc.name, record=record, translation_errors=errors, seconds=doc.seconds + sum(r.seconds for r in rows), fingerprint=doc.fingerprint)


def failed(failure: Failure) -> Outcome:
    return Outcome(failure.index, failure.name, error=failure.error, seconds=failure.seconds)


def _count(n: int, noun: str) -> str:
    """'1 line', '2 lines'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
