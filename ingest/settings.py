"""One typed settings object for a run, parsed once from the command line or babelwire.toml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.stories.linker import LinkOptions
from ingest.stories.watch import WatchList

DEFAULT_LANGUAGES = ("tr", "nl", "nb", "en", "de")
DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm", "*.xhtml")


def default_workers() -> int:
    """One cleaning process per core this process may use."""
    from translate.device import available_cores

    return available_cores()


@dataclass(frozen=True)
class Settings:
    """Everything a run of `babelwire ingest` (or one of `refresh`) needs to know."""

    target: str = "en"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    globs: tuple[str, ...] = DEFAULT_GLOBS
    output: Path | None = None
    allow_untranslated: bool = False
    translate: bool = True
    beam_size: int = 4
    threads: int = 0  # CPU threads for translation in total; 0: every available core
    device: str = "auto"  # "cpu" | "cuda" | "auto"
    workers: int = 1  # cleaning processes; 0: clean in this process
    engine: str = "local"  # "local" | "ray"
    ray_address: str | None = None  # None: RAY_ADDRESS, else a local Ray for the run
    max_bytes: int = 20 * 1024 * 1024
    fetch_timeout: float = 30.0
    allow_private_urls: bool = False
    cache: Path | None = None
    use_cache: bool = True
    errors: Path | None = None
    debug: bool = False
    watch: WatchList | None = None  # watch terms, parsed before the run starts
    only_matches: bool = False  # write only records with a watch match
    link: LinkOptions = field(default_factory=LinkOptions)

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ValueError("workers must be 0 or more")
        if self.engine not in ("local", "ray"):
            raise ValueError("engine must be local or ray")

    def prepare_options(self):
        """The part of the settings the prepare stage needs (it travels to worker processes)."""
        from ingest.run.stages import PrepareOptions

        return PrepareOptions(self.languages, self.max_bytes, self.fetch_timeout, self.allow_private_urls, self.debug)

    def decoding(self):
        """The translation engine's options. Looked up at call time, so a bench can patch translate.engine.Decoding."""
        import translate.engine

        return translate.engine.Decoding(beam_size=self.beam_size, device=self.device, threads=self.threads)

    def stories(self, linker=None):
        """The stories stage of a run (refresh passes the linker it keeps in its state)."""
        from ingest.stories.annotate import Stories
        from ingest.stories.linker import Linker

        return Stories(linker or Linker(self.link), self.watch, self.only_matches)
