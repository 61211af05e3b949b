"""The XDG base folders babelwire's defaults live under, read when asked (tests and users may change them)."""

from __future__ import annotations

import os
from pathlib import Path

_DEFAULTS = {"XDG_DATA_HOME": (".local", "share"), "XDG_CACHE_HOME": (".cache",), "XDG_STATE_HOME": (".local", "state")}


def base_dir(variable: str) -> Path:
    """$XDG_DATA_HOME, $XDG_CACHE_HOME or $XDG_STATE_HOME; the spec's default under home when unset or empty."""
    return Path(os.environ.get(variable) or Path.home().joinpath(*_DEFAULTS[variable]))
