"""Batched offline translation with an installed Argos package's own model.

babelwire drives the package's CTranslate2 model and SentencePiece tokenizer
directly: one load per language pair for the run, many documents' sentences
in one call, sorted by length and batched by tokens, every sentence once. The
decoding options are Argos's defaults, so the output matches Argos's. The
translation cache is not in here: the caller looks sentences up before and
stores them after (see ingest/run), so an engine on another machine needs none.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from .errors import BabelwireError

from . import device as devices
from . import models
from .segment import split_long

log = logging.getLogger(__name__)

# The longest input babelwire gives the model in one piece: its translation
# must fit in Decoding.max_decoding_length (256 tokens), past which CTranslate2
# stops decoding and the rest of the sentence would be lost. Longer sentences
# are split at clause breaks (segment.split_long), never truncated.
MAX_INPUT_TOKENS = 250


class TranslationError(BabelwireError):
    """A model could not translate (a broken model file, a device that fails)."""


@dataclass(frozen=True)
class Decoding:
    """Decoding options (the defaults are argostranslate's) and where to run them."""

    beam_size: int = 4
    length_penalty: float = 0.2
    replace_unknowns: bool = True
    max_batch_tokens: int = 0  # 0: by device (translate/device.py)
    max_decoding_length: int = 256
    min_decoding_length: int = 1
    device: str = "cpu"  # "cpu" | "cuda" | "auto"
    threads: int = 0  # CPU threads in total; 0: every available core

    def key(self) -> str:
        """The options that change a translation's text (not speed), for the cache key."""
        return f"beam={self.beam_size};lp={self.length_penalty};unk={self.replace_unknowns};len={self.min_decoding_length}-{self.max_decoding_length}"


def cache_key(route: list[models.Model], decoding: Decoding) -> str:
    """What a cached translation depends on: the packages and versions of the route, and the decoding options."""
    return "+".join(f"{m.name}@{m.version}" for m in route) + ";" + decoding.key()


class LoadedModel:
    """One package's model and tokenizer, loaded once."""

    def __init__(self, model: models.Model, decoding: Decoding, plan: devices.Plan):
        import ctranslate2
        import sentencepiece

        self.model = model
        self.decoding = decoding
        self.plan = plan
        try:
            self.translator = ctranslate2.Translator(
                str(model.path / "model"),
                device=plan.device,
                compute_type="int8" if plan.device == "cpu" else "auto",
                inter_threads=plan.inter_threads,
                intra_threads=plan.intra_threads,
            )
            self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
        except (RuntimeError, OSError, ValueError) as exc:
            raise self._error(exc) from None

    def _error(self, exc: Exception) -> BabelwireError:
        if self.plan.device == "cuda" and devices.is_cuda_problem(exc):
            return devices.cuda_error(exc)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return TranslationError(f"{self.model.name} {self.model.version} in {self.model.path}: {first}")

    def encode(self, sentence: str) -> list[str]:
        return self.tokenizer.encode(sentence, out_type=str)

    def translate(self, sentences: list[str]) -> list[str]:
        """Translate sentences, shortest first in token-bounded batches, results in input order."""
        return self.translate_tokens([self.encode(s) for s in sentences])

    def translate_tokens(self, tokens: list[list[str]]) -> list[str]:
        """Translate sentences already split into the model's tokens."""
        if not tokens:
            return []
        prefix = self.model.target_prefix
        try:
            results = self.translator.translate_batch(
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                beam_size=self.decoding.beam_size,
                num_hypotheses=1,
                length_penalty=self.decoding.length_penalty,
                replace_unknowns=self.decoding.replace_unknowns,
                max_batch_size=self.plan.batch_tokens,
                batch_type="tokens",
                max_decoding_length=self.decoding.max_decoding_length,
                min_decoding_length=self.decoding.min_decoding_length,
            )
        except (RuntimeError, ValueError) as exc:
            raise self._error(exc) from None
        out = []
        for result in results:
            text = self.tokenizer.decode_pieces(result.hypotheses[0]).replace("▁", " ")
            if prefix and text.startswith(prefix):
                text = text[len(prefix) :]
            out.append(text.strip())
        return out


class Translator:
    """Translates sentences between any installed pair, pivoting through English.

    Holds the loaded models for a run; safe to call from several threads.
    """

    def __init__(self, decoding: Decoding | None = None):
        self.decoding = decoding or Decoding()
        self.sentences_translated = 0
        self._plan: devices.Plan | None = None
        self._loaded: dict[tuple[str, str], LoadedModel] = {}
        self._routes: dict[tuple[str, str], list[models.Model] | None] = {}
        self._lock = threading.Lock()

    @property
    def plan(self) -> devices.Plan:
        """The device and threads, decided on first use (`auto` looks for a GPU then)."""
        if self._plan is None:
            self._plan = devices.plan(self.decoding.device, self.decoding.threads, self.decoding.max_batch_tokens)
            log.info("translation on %s", self._plan.describe())
        return self._plan

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

    def load(self, model: models.Model) -> LoadedModel:
        try:
            return self._load(model)
        except devices.DeviceError as exc:
            if not self._fall_back(exc):
                raise
            return self._load(model)

    def _load(self, model: models.Model) -> LoadedModel:
        key = (model.from_code, model.to_code)
        with self._lock:
            if key not in self._loaded:
                log.info("loading %s %s from %s", model.name, model.version, model.path)
                self._loaded[key] = LoadedModel(model, self.decoding, self.plan)
            return self._loaded[key]

    def _fall_back(self, exc: devices.DeviceError) -> bool:
        """`--device auto` on a GPU that fails: translate on the CPU from now on, with one warning.

        True when the caller should try again (on the CPU); False for `--device cuda`, which stops the run.
        """
        with self._lock:
            if self.decoding.device != "auto" or self._plan is None:
                return False
            if self._plan.device == "cuda":  # the first thread to see the GPU fail switches; the others only retry
                log.warning("--device auto: %s; translating on the CPU instead", str(exc).removesuffix("; " + devices.CUDA_HINT))
                self._plan = devices.plan("cpu", self.decoding.threads, self.decoding.max_batch_tokens)
                self._loaded.clear()
                log.info("translation on %s", self._plan.describe())
            return True

    def translate(self, from_code: str, to_code: str, sentences: list[str]) -> list[str]:
        """Translate sentences (same order out); raises LookupError when no route exists."""
        route = self.route(from_code, to_code)
        if route is None:
            raise LookupError(f"no model for {from_code}→{to_code}")
        texts = list(sentences)
        for model in route:
            try:
                texts = self._translate_one(self.load(model), texts)
            except devices.DeviceError as exc:  # cuBLAS, say, is only looked for on the first translation
                if not self._fall_back(exc):
                    raise
                texts = self._translate_one(self.load(model), texts)
        return texts

    def _translate_one(self, loaded: LoadedModel, sentences: list[str]) -> list[str]:
        """Tokenize each distinct sentence once, split over-long ones into pieces, translate each piece once, reassemble."""
        tokens = {s: loaded.encode(s) for s in dict.fromkeys(sentences)}
        count = lambda s: len(tokens[s]) if s in tokens else len(loaded.encode(s))  # noqa: E731
        pieces = {s: [s] if len(t) <= MAX_INPUT_TOKENS else split_long(s, count, MAX_INPUT_TOKENS) for s, t in tokens.items()}
        for sentence, parts in pieces.items():
            if len(parts) > 1:
                log.debug("%s: a sentence of %d tokens goes to the model in %d pieces", loaded.model.name, len(tokens[sentence]), len(parts))
        unique = list(dict.fromkeys(p for group in pieces.values() for p in group))
        translated = dict(zip(unique, loaded.translate_tokens([tokens[p] if p in tokens else loaded.encode(p) for p in unique]), strict=True))
        with self._lock:
            self.sentences_translated += len(unique)
        return [" ".join(translated[p] for p in pieces[s]) for s in sentences]
