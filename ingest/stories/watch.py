"""Watch terms: names and things an analyst follows, found in any language.

A watch file has one entry a line, `label: term | alias | alias`; blank
lines and lines starting with `#` are skipped. Terms match on word
boundaries (S-400 is not in S-4000) in the folded text (see `fold`), in the
original text, the title and the translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import BabelwireError

from babeltext.case import fold


class WatchFileError(BabelwireError):
    """The watch file cannot be used; the message starts with file:line."""


@dataclass(frozen=True)
class WatchList:
    """Labels and their terms, as written, with one compiled pattern over all of them."""

    terms: tuple[tuple[str, str], ...]  # (label, term)
    pattern: re.Pattern

    def find(self, fields: list[tuple[str, str, str | None]]) -> list[dict]:
        """Matches in `fields` ([(field, text, lang)]): one entry per label, term and field, with its count."""
        counts: dict[tuple[int, str], int] = {}
        for name, text, lang in fields:
            if not text:
                continue
            for match in self.pattern.finditer(fold(text, lang)):
                key = (int(match.lastgroup[1:]), name)
                counts[key] = counts.get(key, 0) + 1
        return [
            {"label": self.terms[i][0], "term": self.terms[i][1], "field": name, "count": n}
            for (i, name), n in sorted(counts.items())
        ]


def parse(text: str, name: str = "watch file") -> WatchList:
    """A WatchList from the file's text; WatchFileError names name:line and the problem."""
    terms: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        label, colon, rest = line.partition(":")
        label = label.strip()
        if not colon or not label:
            raise WatchFileError(f"{name}:{number}: expected 'label: term | alias', got {line!r}")
        aliases = [a.strip() for a in rest.split("|")]
        if not all(aliases) or not any(re.search(r"\w", fold(a)) for a in aliases):
            raise WatchFileError(f"{name}:{number}: {label}: every term between '|' must have a letter or digit")
        terms += [(label, a) for a in dict.fromkeys(aliases) if (label, a) not in terms]
    if not terms:
        raise WatchFileError(f"{name}: no watch terms (one a line: 'label: term | alias')")
    return WatchList(tuple(terms), _compile(terms))


def load(path: Path) -> WatchList:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchFileError(f"{path}: cannot read the watch file: {getattr(exc, 'strerror', None) or exc}") from None
    return parse(text, str(path))


def _compile(terms: list[tuple[str, str]]) -> re.Pattern:
    """One alternation, longest terms first so "S-400 Triumf" wins over "S-400" at the same place."""
    order = sorted(range(len(terms)), key=lambda i: -len(fold(terms[i][1])))
    parts = [f"(?P<t{i}>{_term_pattern(terms[i][1])})" for i in order]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def _term_pattern(term: str) -> str:
    """The folded term, any run of spaces matching any run of spaces."""
    return r"\s+".join(re.escape(word) for word in fold(term).split())
