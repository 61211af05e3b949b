"""Batched offline translation with an installed Argos package's own model.

babelwire drives the package's CTranslate2 model and SentencePiece tokenizer
directly: one load per language pair for the whole run, all sentences of a
window of documents in one call, sorted by length, batched by tokens. The
decoding options are Argos's defaults, so the output matches Argos's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from . import models
from .segment import split_long

log = logging.getLogger(__name__)

# The longest input babelwire gives the model in one piece; CTranslate2 would
# silently truncate past its own max_input_length.
MAX_INPUT_TOKENS = 250


@dataclass(frozen=True)
class Decoding:
    """Decoding options; the defaults are argostranslate's."""

    beam_size: int = 4
    length_penalty: float = 0.2
    replace_unknowns: bool = True
    max_batch_tokens: int = 2048
    max_decoding_length: int = 256
    min_decoding_length: int = 1
    device: str = "cpu"
    threads: int = 0

    def key(self) -> str:
        """The options that change a translation's text (not speed), for the cache key."""
        return f"beam={self.beam_size};lp={self.length_penalty};unk={self.replace_unknowns};len={self.min_decoding_length}-{self.max_decoding_length}"


class _Loaded:
    """One package's model and tokenizer, loaded once."""

    def __init__(self, model: models.Model, decoding: Decoding):
        import ctranslate2
        import sentencepiece

        self.model = model
        self.decoding = decoding
        device = decoding.device
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() else "cpu"
        self.translator = ctranslate2.Translator(
            str(model.path / "model"),
            device=device,
            compute_type="int8" if device == "cpu" else "auto",
            inter_threads=1,
            intra_threads=decoding.threads,
        )
        self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))

    def encode(self, sentence: str) -> list[str]:
        return self.tokenizer.encode(sentence, out_type=str)

    def translate(self, sentences: list[str]) -> list[str]:
        """Translate sentences, shortest first in token-bounded batches, results in input order."""
        if not sentences:
            return []
        tokens = [self.encode(s) for s in sentences]
        prefix = self.model.target_prefix
        results = self.translator.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            beam_size=self.decoding.beam_size,
            num_hypotheses=1,
            length_penalty=self.decoding.length_penalty,
            replace_unknowns=self.decoding.replace_unknowns,
            max_batch_size=self.decoding.max_batch_tokens,
            batch_type="tokens",
            max_decoding_length=self.decoding.max_decoding_length,
            min_decoding_length=self.decoding.min_decoding_length,
        )
        out = []
        for result in results:
            text = self.tokenizer.decode_pieces(result.hypotheses[0]).replace("▁", " ")
            if prefix and text.startswith(prefix):
                text = text[len(prefix) :]
            out.append(text.strip())
        return out


class Translator:
    """Translates sentences between any installed pair, pivoting through English."""

    def __init__(self, decoding: Decoding | None = None, cache=None):
        self.decoding = decoding or Decoding()
        self.cache = cache
        self.sentences_translated = 0
        self._loaded: dict[tuple[str, str], _Loaded] = {}
        self._routes: dict[tuple[str, str], list[models.Model] | None] = {}

    def route(self, from_code: str, to_code: str) -> list[models.Model] | None:
        """The packages that take from_code to to_code: direct, or two legs through English."""
        key = (from_code, to_code)
        if key not in self._routes:
            direct = models.find(from_code, to_code)
            route = [direct] if direct else None
            if route is None and "en" not in key:
                first, second = models.find(from_code, "en"), models.find("en", to_code)
                route = [first, second] if first and second else None
            self._routes[key] = route
        return self._routes[key]

    def _load(self, model: models.Model) -> _Loaded:
        key = (model.from_code, model.to_code)
        if key not in self._loaded:
            log.info("loading %s %s from %s", model.name, model.version, model.path)
            self._loaded[key] = _Loaded(model, self.decoding)
        return self._loaded[key]

    def translate(self, from_code: str, to_code: str, sentences: list[str]) -> list[str]:
        """Translate sentences (same order out); raises LookupError when no route exists."""
        route = self.route(from_code, to_code)
        if route is None:
            raise LookupError(f"no model for {from_code}→{to_code}")
        texts = list(sentences)
        for model in route:
            texts = self._translate_one(self._load(model), texts)
        return texts

    def _translate_one(self, loaded: _Loaded, sentences: list[str]) -> list[str]:
        """Split over-long sentences into pieces, translate each unique piece once
        (or take it from the cache), reassemble."""
        count = lambda s: len(loaded.encode(s))  # noqa: E731
        pieces = [split_long(s, count, MAX_INPUT_TOKENS) for s in sentences]
        unique = list(dict.fromkeys(p for group in pieces for p in group))
        model_key = f"{loaded.model.name}@{loaded.model.version};{self.decoding.key()}"
        translated = self.cache.get_many(model_key, unique) if self.cache else {}
        todo = [p for p in unique if p not in translated]
        if todo:
            fresh = dict(zip(todo, loaded.translate(todo), strict=True))
            self.sentences_translated += len(todo)
            if self.cache:
                self.cache.put_many(model_key, fresh)
            translated.update(fresh)
        return [" ".join(translated[p] for p in group) for group in pieces]
