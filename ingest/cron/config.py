"""babelwire.toml: the sources `babelwire refresh` watches and the run's Settings, checked before anything runs.

Every problem is one line that names the file, the line and the key. The
keys `babelwire ingest` has as options set a `Settings` (ingest/settings.py,
where their defaults and rules are); the others are refresh's own.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ingest.errors import BabelwireError, SettingsError
from ingest.settings import DEFAULT_GLOBS, Settings
from ingest.stories.linker import LinkOptions
from ingest.stories.watch import WatchFileError
from ingest.stories.watch import load as load_watch


class ConfigError(BabelwireError):
    """The configuration file is wrong; nothing has run."""


@dataclass(frozen=True)
class SourceConfig:
    """One source: a folder, a file listing URLs, a feed, or a sitemap."""

    kind: str  # "folder" | "urls" | "feed" | "sitemap"
    location: str
    name: str
    globs: tuple[str, ...] = DEFAULT_GLOBS
    interval: float = 0.0  # seconds between polls of a feed or sitemap
    lang: str | None = None  # language hint: used when detection cannot decide


@dataclass(frozen=True)
class RefreshConfig:
    """A babelwire.toml: its sources, the keys of refresh alone, and the run's Settings (the keys `ingest` has as options)."""

    path: Path
    sources: tuple[SourceConfig, ...]
    settings: Settings = field(default_factory=lambda: Settings(**REFRESH_DEFAULTS))
    output: Path = Path("output")
    output_layout: str = "daily"  # "daily": output/YYYY/MM/DD/babelwire.jsonl; "single": output/babelwire.jsonl
    max_tries: int = 5
    retry_after: float = 300.0  # seconds before the first retry; doubles each time
    host_delay: float = 1.0
    concurrent_hosts: int = 4  # hosts fetched from at the same time (each one request at a time, host_delay apart)
    revisit: float | None = None  # seconds after which a done page nothing signals is fetched again; None: never
    respect_robots: bool = True  # pages a feed or sitemap lists are fetched only where robots.txt allows babelwire


# Where refresh's default differs from Settings': from cron, a missing model is a warning, not a failed run.
REFRESH_DEFAULTS = {"allow_untranslated": True}

_REFRESH_KEYS = {
    "output", "output_layout", "max_tries", "retry_after", "host_delay", "concurrent_hosts", "revisit", "respect_robots", "source",
}
# Keys that become Settings: each one named as the Settings field it sets (and as `ingest`'s option, without the dashes),
# but for stories_keep and stories_keep_records (Settings.link) and cache = false (Settings.use_cache).
_SETTINGS_KEYS = {
    "target", "languages", "translate", "allow_untranslated", "beam_size", "workers", "threads", "device", "engine",
    "ray_address", "max_bytes", "timeout", "allow_private_urls", "models_dir", "cache", "watch", "only_matches",
    "stories_keep", "stories_keep_records",
}
_TOP_KEYS = _REFRESH_KEYS | _SETTINGS_KEYS
_SOURCE_KEYS = {"name", "folder", "urls", "feed", "sitemap", "glob", "interval", "lang"}
_WEB_KINDS = ("feed", "sitemap")  # sources whose value is an http(s) URL
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$")

# What each key holds: (what to say, the check). tomllib gives Python values; TOML's true is an int to Python.
_STRING = ("a string", lambda v: isinstance(v, str))
_STRINGS = ("a list of strings", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v))
_WHOLE = ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool))
_FLAG = ("true or false", lambda v: isinstance(v, bool))
_SECONDS = ('a duration (seconds, or a string like "10m")', lambda v: isinstance(v, (int, float, str)) and not isinstance(v, bool))
_TOP_TYPES = {
    "target": _STRING, "languages": _STRINGS, "output": _STRING, "output_layout": _STRING, "max_tries": _WHOLE,
    "retry_after": _SECONDS, "host_delay": _SECONDS, "timeout": _SECONDS, "allow_private_urls": _FLAG,
    "allow_untranslated": _FLAG, "workers": _WHOLE, "threads": _WHOLE, "device": _STRING, "engine": _STRING,
    "ray_address": _STRING, "watch": _STRING, "only_matches": _FLAG, "stories_keep": _SECONDS, "stories_keep_records": _WHOLE,
    "concurrent_hosts": _WHOLE, "revisit": _SECONDS, "respect_robots": _FLAG, "translate": _FLAG, "beam_size": _WHOLE,
    "max_bytes": _WHOLE, "models_dir": _STRING, "cache": ("a file name or false", lambda v: isinstance(v, str) or v is False),
    "source": ("[[source]] tables", lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v)),
}
_SOURCE_TYPES = {
    "name": _STRING, "folder": _STRING, "urls": _STRING, "feed": _STRING, "sitemap": _STRING, "interval": _SECONDS, "lang": _STRING,
    "glob": ("a string or a list of strings", lambda v: isinstance(v, str) or _STRINGS[1](v)),
}


def _line_of(text: str, key: str, after: int = 0, end: int | None = None) -> int:
    """The 1-based line of `key = ...` in lines `after` to `end` (its table), else of a `[key]` header."""
    name = re.escape(key)
    assignment = re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*=""")
    lines = text.splitlines()
    for number in range(after, len(lines) if end is None else end):
        if assignment.match(lines[number]):
            return number + 1
    for number, line in enumerate(lines):
        if (header := _HEADER.match(line)) and header.group(1) == key:
            return number + 1
    return after + 1


def _table_end(text: str, start: int) -> int:
    """The line index where the table whose header is at `start` ends (the next header, or the end)."""
    lines = text.splitlines()
    return next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))


def _check_types(table: dict, types: dict, path: Path, text: str, start: int, end: int) -> None:
    """file:line: key: expected X, got Y, for the first key whose value has the wrong type."""
    for key, value in table.items():
        expected, ok = types[key]
        if not ok(value):
            raise ConfigError(f"{path}:{_line_of(text, key, start, end)}: {key}: expected {expected}, got {_toml(value)}")


def _toml(value) -> str:
    """A value as TOML shows it, with its TOML type: `a string "five"`, `an integer 3`, `a table`."""
    if isinstance(value, bool):
        return f"a boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"a string {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, int):
        return f"an integer {value}"
    if isinstance(value, float):
        return f"a float {value}"
    if isinstance(value, list):
        return "an array" + ("" if all(isinstance(x, dict) for x in value) and value else f" {json.dumps(value, ensure_ascii=False, default=str)[:60]}")
    if isinstance(value, dict):
        return "a table"
    return f"a date or time {value}"


def _duration(value, where: str) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    match = _DURATION.match(str(value).strip())
    if not match:
        raise ConfigError(f"{where}: '{value}' is not a duration (e.g. 90, \"10m\", \"2h\")")
    return float(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2) or "s"]


def load(path: Path) -> RefreshConfig:
    """Parse and check a babelwire.toml; raises ConfigError with file:line: problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); save the file as UTF-8, as TOML requires") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    base = path.parent
    for key in data:
        if key not in _TOP_KEYS:
            raise ConfigError(f"{path}:{_line_of(text, key)}: unknown key '{key}' (known: {', '.join(sorted(_TOP_KEYS))})")
    lines = text.splitlines()
    _check_types(data, _TOP_TYPES, path, text, 0, next((i for i, line in enumerate(lines) if _HEADER.match(line)), len(lines)))
    sources = []
    section_starts = [i for i, line in enumerate(lines) if (header := _HEADER.match(line)) and header.group(1) == "source"]
    raw_sources = data.get("source", [])
    if not raw_sources:
        raise ConfigError(f"{path}: no [[source]] tables: nothing to refresh")
    for index, raw in enumerate(raw_sources):
        start = section_starts[index] if index < len(section_starts) else 0
        sources.append(_source(raw, path, text, start, base, index))
    top = {k: v for k, v in data.items() if k != "source"}
    where = lambda key: f"{path}:{_line_of(text, key)}: {key}"  # noqa: E731
    try:
        layout = top.get("output_layout", RefreshConfig.output_layout)
        if layout not in ("daily", "single"):
            raise ConfigError(f"{where('output_layout')}: must be \"daily\" or \"single\"")
        max_tries = int(top.get("max_tries", RefreshConfig.max_tries))
        if max_tries < 1:
            raise ConfigError(f"{where('max_tries')}: must be at least 1")
        concurrent_hosts = top.get("concurrent_hosts", RefreshConfig.concurrent_hosts)
        if concurrent_hosts < 1:
            raise ConfigError(f"{where('concurrent_hosts')}: must be at least 1")
        revisit = _duration(top["revisit"], where("revisit")) if "revisit" in top else None
        if revisit is not None and revisit < 0:
            raise ConfigError(f"{where('revisit')}: must be 0 or more (0: every run; leave it out to never revisit)")
        return RefreshConfig(
            path=path,
            sources=tuple(sources),
            settings=_settings(top, base, where),
            output=base / str(top.get("output", RefreshConfig.output)),
            output_layout=layout,
            max_tries=max_tries,
            retry_after=_duration(top.get("retry_after", RefreshConfig.retry_after), where("retry_after")),
            host_delay=_duration(top.get("host_delay", RefreshConfig.host_delay), where("host_delay")),
            concurrent_hosts=concurrent_hosts,
            revisit=revisit,
            respect_robots=bool(top.get("respect_robots", RefreshConfig.respect_robots)),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _settings(top: dict, base: Path, where) -> Settings:
    """The run's Settings from the keys that set them; a value Settings refuses is a ConfigError at its line."""
    given = {key: top[key] for key in _SETTINGS_KEYS & top.keys()}
    if "target" in given:
        given["target"] = given["target"].strip().lower()
    if "timeout" in given:
        given["timeout"] = _duration(given["timeout"], where("timeout"))
    if "models_dir" in given:
        given["models_dir"] = base / given["models_dir"]
    if given.get("cache") is False:
        given["cache"], given["use_cache"] = None, False
    elif "cache" in given:
        given["cache"] = base / given["cache"]
    if "watch" in given:
        try:
            given["watch"] = load_watch(base / given["watch"])
        except WatchFileError as exc:
            raise ConfigError(f"{where('watch')}: {exc}") from None
    keep_records = given.pop("stories_keep_records", LinkOptions.keep_records)
    if keep_records < 0:
        raise ConfigError(f"{where('stories_keep_records')}: must be 0 or more")
    keep_days = _duration(given.pop("stories_keep"), where("stories_keep")) / 86400 if "stories_keep" in given else LinkOptions.keep_days
    try:
        return Settings(**{**REFRESH_DEFAULTS, **given, "link": LinkOptions(keep_days=keep_days, keep_records=keep_records)})
    except SettingsError as exc:
        raise ConfigError(f"{where(exc.key)}: {exc.message}") from None


def _source(raw: dict, path: Path, text: str, start: int, base: Path, index: int) -> SourceConfig:
    where = lambda key: f"{path}:{_line_of(text, key, start)}: {key}"  # noqa: E731
    for key in raw:
        if key not in _SOURCE_KEYS:
            raise ConfigError(f"{path}:{_line_of(text, key, start)}: unknown key '{key}' in [[source]] (known: {', '.join(sorted(_SOURCE_KEYS))})")
    _check_types(raw, _SOURCE_TYPES, path, text, start, _table_end(text, start))
    kinds = [k for k in ("folder", "urls", *_WEB_KINDS) if k in raw]
    if len(kinds) != 1:
        raise ConfigError(f"{path}:{start + 1}: each [[source]] needs exactly one of folder, urls, feed, sitemap")
    kind = kinds[0]
    value = str(raw[kind])
    if kind in _WEB_KINDS:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"{where(kind)}: '{value}' is not an http(s) URL")
        location = value
    else:
        location_path = (base / value).resolve() if not Path(value).is_absolute() else Path(value)
        if kind == "folder" and not location_path.is_dir():
            raise ConfigError(f"{where('folder')}: folder '{value}' does not exist")
        if kind == "urls" and not location_path.is_file():
            raise ConfigError(f"{where('urls')}: file '{value}' does not exist")
        location = str(location_path)
    globs = raw.get("glob", DEFAULT_GLOBS)
    globs = (globs,) if isinstance(globs, str) else tuple(globs)
    return SourceConfig(
        kind=kind,
        location=location,
        name=str(raw.get("name", f"source-{index + 1}")),
        globs=globs,
        interval=_duration(raw.get("interval", 0), where("interval")),
        lang=str(raw["lang"]) if "lang" in raw else None,
    )
