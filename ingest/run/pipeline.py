"""read → clean → detect → translate → build records, in windows of documents.

Documents are prepared one by one, then a whole window is translated at once
(sentences from many documents share model calls), then records come out in
input order. Memory stays bounded by the window, however long the input.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ingest.read import sources
from ingest.clean.text import Cleaned, clean_text
from ingest.read.decode import decode
from ingest.errors import InputError
from ingest.clean.extract import extract_html, looks_like_html
from ingest.detect.langid import Guess, LanguageIdentifier
from ingest.write.record import Record, Segment, Source, Translation, record_id, translation_status
from ingest.settings import Settings

log = logging.getLogger(__name__)

# A source's language hint wins over a document language detected with less confidence.
HINT_BELOW = 0.6


@dataclass
class Outcome:
    """What became of one input: a record, or the error that stopped it."""

    name: str
    record: Record | None = None
    error: InputError | None = None


@dataclass
class _Prepared:
    source: Source
    cleaned: Cleaned
    document: Guess
    segments: list[Segment]
    revision: int = 1


@dataclass
class RunStats:
    records: int = 0
    errors: int = 0
    segments_translated: int = 0
    missing_models: set[tuple[str, str]] = field(default_factory=set)


class Pipeline:
    """Runs the stages over a stream of items with one settings object."""

    def __init__(self, settings: Settings, translator=None, on_item=None):
        """`on_item` is called after each input is read and cleaned (for a progress bar)."""
        self.settings = settings
        self.on_item = on_item or (lambda: None)
        self.langid = LanguageIdentifier(settings.languages)
        self.translator = translator
        self.stats = RunStats()

    def run(self, items: Iterable[sources.Item | sources.Raw | InputError]) -> Iterator[Outcome]:
        """Outcomes in input order. Items are read here; Raw inputs were read by the caller."""
        window: list[Outcome | _Prepared] = []
        names: list[str] = []
        for item in items:
            if isinstance(item, InputError):
                window.append(Outcome(item.input_name, error=item))
                names.append(item.input_name)
            else:
                window.append(self._prepare_safely(item))
                names.append(item.item.name if isinstance(item, sources.Raw) else item.name)
            self.on_item()
            if len(window) >= self.settings.window:
                yield from self._finish(window, names)
                window, names = [], []
        if window:
            yield from self._finish(window, names)

    def _prepare_safely(self, entry: sources.Item | sources.Raw) -> Outcome | _Prepared:
        item = entry.item if isinstance(entry, sources.Raw) else entry
        try:
            if isinstance(entry, sources.Raw):
                return self.prepare_raw(entry)
            return self.prepare(entry)
        except InputError as exc:
            return Outcome(item.name, error=exc)
        except Exception as exc:  # a bug or a hostile input must not stop the batch
            if self.settings.debug:
                raise
            log.debug("unexpected failure on %s", item.name, exc_info=True)
            return Outcome(item.name, error=InputError(item.name, "internal", f"{type(exc).__name__}: {exc}"))

    def prepare(self, item: sources.Item) -> _Prepared:
        """Read, decode, clean and identify languages of one item."""
        return self.prepare_raw(sources.read(item, self.settings.max_bytes, self.settings.fetch_timeout, self.settings.allow_private_urls))

    def prepare_raw(self, raw: sources.Raw) -> _Prepared:
        """Decode, clean and identify languages of bytes already read."""
        item = raw.item
        if not raw.data.strip():
            raise InputError(item.name, "read", "empty file" if raw.data == b"" else "contains only whitespace")
        decoded = decode(raw.data, item.name, raw.charset)
        is_html = looks_like_html(decoded.text, item.location)
        if is_html:
            cleaned = extract_html(decoded.text, item.name, raw.url)
        else:
            cleaned = clean_text(decoded.text)
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
        )
        document = self.langid.document([b.text for b in cleaned.blocks if b.kind == "paragraph"] or [b.text for b in cleaned.blocks])
        if raw.lang_hint and (document.lang == "und" or document.confidence < HINT_BELOW):
            document = Guess(raw.lang_hint, document.confidence, "hinted")
        units = ([("title", cleaned.title)] if cleaned.title else []) + [(b.kind, b.text) for b in cleaned.blocks]
        guesses = [self.langid.segment(text, document) for _, text in units]
        guesses = _inherit_from_neighbours([kind for kind, _ in units], guesses)
        segments = [Segment(kind, text, g.lang, g.confidence, g.method) for (kind, text), g in zip(units, guesses, strict=True)]
        return _Prepared(source, cleaned, document, segments, raw.revision)

    def _finish(self, window: list, names: list[str]) -> Iterator[Outcome]:
        models_used = self._translate([p for p in window if isinstance(p, _Prepared)])
        for entry, name in zip(window, names, strict=True):
            if isinstance(entry, Outcome):
                self.stats.errors += 1
                yield entry
            else:
                self.stats.records += 1
                models = list(models_used.get(id(entry), {}).values())
                yield Outcome(name, record=_build(entry, self.settings.target, models))

    def _translate(self, prepared: list[_Prepared]) -> dict[int, dict[str, dict]]:
        """Fill every segment's translation, one model call per language pair for the window.

        Returns, per document (by id), the packages its translations used.
        """
        from translate.segment import normalise_caps, split_sentences

        target = self.settings.target
        jobs: dict[tuple[str, str], list[tuple[_Prepared, Segment, list[str]]]] = {}
        for doc in prepared:
            for segment in doc.segments:
                if segment.lang == target:
                    segment.translation, segment.translation_status = segment.text, "copied"
                elif not self.settings.translate:
                    segment.translation_status = "skipped"
                else:
                    sentences = [normalise_caps(s, segment.lang) for s in split_sentences(segment.text, segment.lang)]
                    jobs.setdefault((segment.lang, target), []).append((doc, segment, sentences))
        used: dict[int, dict[str, dict]] = {}
        for pair, work in jobs.items():
            route = self.translator.route(*pair) if self.translator else None
            if route is None:
                self.stats.missing_models.add(pair)
                for _, segment, _ in work:
                    segment.translation_status = "no_model"
                continue
            flat = [s for _, _, sentences in work for s in sentences]
            try:
                translated = iter(self.translator.translate(pair[0], pair[1], flat))
            except Exception as exc:  # a broken model must not lose the batch
                log.error("translation %s→%s failed: %s", pair[0], pair[1], exc)
                for _, segment, _ in work:
                    segment.translation_status = "failed"
                continue
            for doc, segment, sentences in work:
                segment.translation = " ".join(next(translated) for _ in sentences)
                segment.translation_status = "translated"
                self.stats.segments_translated += 1
                for model in route:
                    used.setdefault(id(doc), {})[model.name] = model.describe()
        return used


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


def _build(doc: _Prepared, target: str, models_used: list[dict]) -> Record:
    """The one place a record is assembled."""
    cleaned = doc.cleaned
    segments = doc.segments
    body = [s for s in segments if s.kind != "title"]
    title = next((s for s in segments if s.kind == "title"), None)
    translation = Translation(
        target=target,
        title=title.translation if title else None,
        text="\n\n".join(s.translation if s.translation is not None else s.text for s in body),
        status=translation_status(segments),
        models=models_used,
    )
    return Record(
        id=record_id(doc.source),
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
    )
