"""One typed settings object, parsed once from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_LANGUAGES = ("tr", "nl", "nb", "en", "de")
DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm", "*.xhtml")


@dataclass(frozen=True)
class Settings:
    """Everything a run of `babelwire ingest` needs to know."""

    target: str = "en"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    globs: tuple[str, ...] = DEFAULT_GLOBS
    output: Path | None = None
    allow_untranslated: bool = False
    translate: bool = True
    window: int = 32
    beam_size: int = 4
    threads: int = 0
    device: str = "cpu"
    max_bytes: int = 20 * 1024 * 1024
    fetch_timeout: float = 30.0
    allow_private_urls: bool = False
    cache: Path | None = None
    use_cache: bool = True
    errors: Path | None = None
    debug: bool = False

    def __post_init__(self) -> None:
        if self.window < 1:
            raise ValueError("window must be at least 1")
