"""One typed settings object for every run: `ingest.process`, `babelwire ingest`, and refresh's babelwire.toml.

Each default lives here: the command line takes its option defaults from
`Settings`, and babelwire.toml passes only the keys it sets. A value that
cannot be right (a device that is none, a negative count) is refused when the
object is made, with a `SettingsError` that names the setting; what depends on
the machine (a target no model translates into, the Ray engine without Ray)
is checked by `check()`, before a run starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import SettingsError
from ingest.stories.linker import LinkOptions
from ingest.stories.watch import WatchList
from ingest.stories.watch import load as load_watch

DEFAULT_LANGUAGES = ("tr", "nl", "nb", "en", "de")
DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm", "*.xhtml")
DEVICES = ("cpu", "cuda", "auto")
ENGINES = ("local", "ray")
BEAM_SIZES = range(1, 17)
MIN_TIMEOUT = 0.1  # seconds


def default_workers() -> int:
    """One cleaning process per core this process may use."""
    from translate.device import available_cores

    return available_cores()


def _choice(values) -> str:
    """'must be "a", "b" or "c"'."""
    quoted = [f'"{v}"' for v in values]
    return "must be " + (", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0])


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; every argument is optional.

    target: the language to translate into (ISO 639-1).
    languages: the languages to expect; language ID favours them.
    globs: the files to take from folders.
    translate: False cleans and tags languages only (records say `skipped`).
    allow_untranslated: a missing model is no failure (the command's exit code; refresh's error lines).
    beam_size: the translation's beam, 1 to 16 (1 is fastest; 4 is Argos's).
    threads: CPU threads for translation in total (0: every available core).
    device: where translation runs: "cpu", "cuda", or "auto" (a CUDA GPU when one is visible).
    workers: cleaning processes (None: one per available core; 0: clean in this process).
    engine: "local" (this machine) or "ray" (a Ray cluster; pip install 'babelwire[ray]').
    ray_address: the cluster for engine "ray" (None: RAY_ADDRESS, else a local Ray for the run).
    max_bytes: inputs larger than this are refused.
    timeout: seconds for the whole fetch of a URL, redirects and retry included.
    allow_private_urls: fetch URLs on loopback and private networks (refused by default).
    models_dir: the Argos models folder (None: $BABELWIRE_MODELS_DIR, else Argos's own).
    cache: the translation cache file (None: $XDG_CACHE_HOME/babelwire/translations.sqlite3).
    use_cache: False neither reads nor writes the translation cache.
    watch: watch terms: a WatchList, or the path of a watch file (read when the settings are made).
    only_matches: give only records that match a watch term (needs `watch`).
    link: how long stories and wire copies are remembered (ingest.stories.linker.LinkOptions).
    debug: raise the first unexpected error with its traceback instead of making it the input's error.
    """

    target: str = "en"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    globs: tuple[str, ...] = DEFAULT_GLOBS
    translate: bool = True
    allow_untranslated: bool = False
    beam_size: int = 4
    threads: int = 0
    device: str = "auto"
    workers: int | None = None
    engine: str = "local"
    ray_address: str | None = None
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 30.0
    allow_private_urls: bool = False
    models_dir: Path | None = None
    cache: Path | None = None
    use_cache: bool = True
    watch: WatchList | None = None
    only_matches: bool = False
    link: LinkOptions = field(default_factory=LinkOptions)
    debug: bool = False

    def __post_init__(self) -> None:
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731  (frozen)
        for name in ("languages", "globs"):
            value = getattr(self, name)
            value = (value,) if isinstance(value, str) else tuple(value)
            if not all(isinstance(v, str) for v in value):
                raise SettingsError(name, "must be a list of strings")
            set_(name, value)
        for name in ("models_dir", "cache"):
            if getattr(self, name) is not None:
                set_(name, Path(getattr(self, name)))
        if self.workers is None:
            set_("workers", default_workers())
        if isinstance(self.watch, (str, os.PathLike)):
            set_("watch", load_watch(Path(self.watch)))
        self._check_values()

    def _check_values(self) -> None:
        """The rules for each value, in one place: the command line's types and babelwire.toml's keys both end here."""
        whole = lambda v: isinstance(v, int) and not isinstance(v, bool)  # noqa: E731
        if not whole(self.workers) or self.workers < 0:
            raise SettingsError("workers", "must be a whole number, 0 or more (0: clean in the main process)")
        if not whole(self.threads) or self.threads < 0:
            raise SettingsError("threads", "must be a whole number, 0 or more (0: every available core)")
        if self.device not in DEVICES:
            raise SettingsError("device", _choice(DEVICES))
        if self.engine not in ENGINES:
            raise SettingsError("engine", _choice(ENGINES))
        if not whole(self.beam_size) or self.beam_size not in BEAM_SIZES:
            raise SettingsError("beam_size", f"must be a whole number from {BEAM_SIZES.start} to {BEAM_SIZES.stop - 1}")
        if not whole(self.max_bytes) or self.max_bytes < 1:
            raise SettingsError("max_bytes", "must be a whole number of bytes, at least 1")
        if not isinstance(self.timeout, (int, float)) or self.timeout < MIN_TIMEOUT:
            raise SettingsError("timeout", f"must be at least {MIN_TIMEOUT} seconds")
        if not self.target or not isinstance(self.target, str):
            raise SettingsError("target", "must be a language code")
        if self.watch is not None and not isinstance(self.watch, WatchList):
            raise SettingsError("watch", "must be watch terms (a WatchList) or the path of a watch file")
        if self.only_matches and self.watch is None:
            raise SettingsError("only_matches", "needs watch terms (watch = a watch file)")

    def check(self) -> None:
        """Refuse, before anything runs, what this machine cannot do: raises SettingsError for a language
        or target that is no language (judged with the installed models), RayMissing for the Ray engine without Ray."""
        from translate.errors import ModelError
        from translate.models import check_languages, check_target

        try:
            check_languages(self.languages)
        except ModelError as exc:
            raise SettingsError("languages", str(exc)) from None
        if self.translate:
            try:
                check_target(self.target)
            except ModelError as exc:
                raise SettingsError("target", str(exc)) from None
        if self.engine == "ray":
            from ingest.run.ray_engine import RayMissing, available

            if not available():
                raise RayMissing()

    def prepare_options(self):
        """The part of the settings the prepare stage needs (it travels to worker processes)."""
        from ingest.run.stages import PrepareOptions

        return PrepareOptions(self.languages, self.max_bytes, self.timeout, self.allow_private_urls, self.debug)

    def decoding(self):
        """The translation engine's options. Looked up at call time, so a bench can patch translate.engine.Decoding."""
        import translate.engine

        return translate.engine.Decoding(beam_size=self.beam_size, device=self.device, threads=self.threads)

    def stories(self, linker=None):
        """The stories stage of a run (refresh passes the linker it keeps in its state)."""
        from ingest.stories.annotate import Stories
        from ingest.stories.linker import Linker

        return Stories(linker or Linker(self.link), self.watch, self.only_matches)
