"""Find and parse dates written the way tr, nl, nb, en and de sites print them.

"lørdag 2. oktober 2021", "Saturday, 14 December 2019", "date 2025-05",
"02:28 PM, September 30, 2021", "12 Ekim 2023 Perşembe", "30/04/2024 - 16:38".
Values are ISO 8601 strings as precise as the text: "2021-10-02" or "2025-05".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from babeltext.case import lower

_MONTHS = {
    1: "january jan januar jänner januari ocak",
    2: "february feb februar februari şubat subat",
    3: "march mar märz maerz mrz mär maart mrt mars mart",
    4: "april apr nisan",
    5: "may mai mei mayıs mayis",
    6: "june jun juni haziran",
    7: "july jul juli temmuz",
    8: "august aug augustus ağustos agustos",
    9: "september sep sept eylül eylul",
    10: "october oct oktober okt ekim",
    11: "november nov kasım kasim",
    12: "december dec dezember dez desember des aralık aralik",
}
MONTHS = {name: number for number, names in _MONTHS.items() for name in names.split()}
WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "mandag tirsdag onsdag torsdag fredag lørdag søndag "
    "pazartesi salı sali çarşamba carsamba perşembe persembe cuma cumartesi pazar"
).split()
# Words that introduce or decorate a date line without adding content.
_LABELS = (
    "published on|published|posted on|posted|updated on|updated|last updated|date|dated|on|at|"
    "publisert|oppdatert|sist oppdatert|dato|kl|klokken|den|"
    "gepubliceerd op|gepubliceerd|geplaatst op|geplaatst|bijgewerkt op|bijgewerkt|laatst bijgewerkt|datum|om|op|"
    "yayınlanma tarihi|yayınlanma|yayın tarihi|güncellenme tarihi|güncellenme|güncelleme|son güncelleme|"
    "giriş|eklenme|oluşturulma|endret|gewijzigd|geändert|erstellt|publiziert|last updated|"
    "tarih|tarihi|saat|"
    "veröffentlicht am|veröffentlicht|aktualisiert am|aktualisiert|stand|am|um|uhr|"
    "utc|gmt|bst|cet|cest|eet|eest|edt|est|pdt|pst|cdt|cst|pt|et|ct|tsi|tsİ|trt|mez|mesz|z"
)
_UPDATED = re.compile(r"updated|oppdatert|endret|bijgewerkt|gewijzigd|güncelle|aktualisiert|geändert|stand", re.I)
# Labels of the first publication, for lines that give both dates.
_PUBLISHED = re.compile(
    r"published|posted|publisert|gepubliceerd|geplaatst|veröffentlicht|publiziert|erstellt|yayın|giriş|eklenme|oluşturulma",
    re.I,
)
# Relative times and reading times that sit beside dates in a metadata line.
_RELATIVE = re.compile(
    r"\b\d+\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|sn|saniye|dk|dakika|saat|gün|minutter|timer|"
    r"dager|minuten|uur|dagen|stunden|tagen)\.?(?:\s+(?:ago|read|önce|siden|geleden|lesetid|leestijd|lesezeit|okuma süresi))?\b|"
    r"\b(?:today|yesterday|heute|gestern|vandaag|gisteren|i dag|i går|bugün|dün|vor|ago|read|reading time|lesetid|leestijd|"
    r"lesezeit|okuma süresi|local time|lokal tid|yerel saat|ortszeit|uk)\b",
    re.I,
)

_MONTH_RE = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)"
# A year ends at a word boundary, or runs straight into a time ("20232:23 PM"
# in scrapes that glue the date and time elements together).
_YEAR = r"(?P<y>(?:19|20)\d\d)(?:(?=\d{1,2}[:.](?:\d\d|\s))|(?!\d))"
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?:Z|[+-][0-2]\d:?\d\d)?)?\b", re.I),
    re.compile(rf"\b{_YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b"),
    re.compile(rf"\b{_DAY}[./-](?P<m>[01]?\d)[./-]{_YEAR}"),
    re.compile(rf"\b{_DAY}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?P<mn>{_MONTH_RE})\.?,?\s+{_YEAR}", re.I),
    re.compile(rf"\b(?P<mn>{_MONTH_RE})\.?\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)\b(?![-/]\d)"),
    re.compile(rf"\b(?P<mn>{_MONTH_RE})\.?,?\s+{_YEAR}", re.I),
]
# "05.08.24": a two-digit year, read only on a line that is nothing but a date.
_SHORT_YEAR = re.compile(r"\b(?P<d>[0-3]\d)\.(?P<m>[01]\d)\.(?P<yy>\d\d)\b(?![.\d])")
# Scrapes glue elements: "readApril", "2:26 PM GMT+2Last". Split before a capital.
_GLUE = re.compile(r"(?<=[a-z\d])(?=[A-Z][a-z])|(?<=[12]\d{3})(?=[0-3]?\d\.\s)")
# Scrapes glue elements together ("Associated PressApril 28, 2023"): a
# capitalised English month right after a lower-case letter still starts a date.
_GLUED = re.compile(
    rf"(?<=[a-z])(?P<mn>January|February|March|April|May|June|July|August|September|October|November|December)"
    rf"\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}"
)
_TIME = re.compile(
    r"(?:[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?|uhr|h)?|\b1?\d\s*[ap]\.?m\.?)"
    r"(?:\s*\(?\s*(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d\d)?)?\b\)?",
    re.I,
)
# A time zone named the IANA way: "America/New_York", "(Europe/Oslo)".
_ZONE_NAME = re.compile(
    r"\(?\b(?:africa|america|antarctica|asia|atlantic|australia|europe|indian|pacific)/[a-z_]+(?:/[a-z_]+)?\b\)?", re.I
)
_LEFTOVER = re.compile(
    rf"\b(?:{_LABELS}|{'|'.join(map(re.escape, WEEKDAYS))})\b\.?|[\s,.:;|/()\-–—•·]+", re.I
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: its ISO value, the text it came from, and where."""

    value: str
    raw: str
    start: int
    end: int


def _value(match: re.Match) -> str | None:
    """The ISO value of a match; None when it is no date, "" when its day is one the month lacks (31.02.2024)."""
    parts = match.groupdict()
    year = int(parts["y"]) if parts.get("y") else 2000 + int(parts["yy"])
    month = MONTHS[lower(parts["mn"])] if parts.get("mn") else int(parts["m"])
    if not 1 <= month <= 12:
        return None
    if parts.get("d") is None:
        return f"{year:04d}-{month:02d}"
    day = int(parts["d"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return ""  # 31.02.2024 is no date (29.02 only in a leap year), and "February 2024" inside it is none either
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_dates(text: str) -> list[DateMatch]:
    """Every date in `text`, left to right, overlapping matches resolved by pattern order."""
    found: list[DateMatch] = []
    lowered = lower(text)
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(lowered):
            start, end = match.span()
            if any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            value = _value(match)
            if value is not None:
                taken.append((start, end))
            if value:
                found.append(DateMatch(value, text[start:end], start, end))
    if not found:
        for match in _GLUED.finditer(text):
            value = _value(match)
            if value:
                found.append(DateMatch(value, match.group(0), match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def find_date(text: str) -> DateMatch | None:
    dates = find_dates(text)
    return dates[0] if dates else None


def date_line(line: str) -> tuple[DateMatch, str] | None:
    """If `line` is only a date (with weekday, time, labels), return its first date and that date's role."""
    dated = dated_line(line)
    return dated[0] if dated else None


def dated_line(line: str) -> list[tuple[DateMatch, str]] | None:
    """Every date of a line made only of dates, times, labels and metadata, each with its role.

    A line's first date is `published` unless its label says updated; a later
    one is `updated` when its label says so, else a `timestamp`. A metadata
    line ("Name · Site · Posted: Aug 8, 2024 | Last Updated: 1 hour ago")
    may also carry short names between separators.
    """
    line = _GLUE.sub(" ", line)
    dates = find_dates(line)
    if not dates:
        dates = [m for m in (_short(match) for match in _SHORT_YEAR.finditer(line)) if m]
    if not dates or not (_only_dates(line, dates) or _metadata(line, dates)):
        return None
    found, before = [], 0
    for n, match in enumerate(dates):
        label = line[before : match.start]
        if _UPDATED.search(label):
            role = "updated"
        elif n == 0 or _PUBLISHED.search(label):
            role = "published"
        else:
            role = "timestamp"
        found.append((match, role))
        before = match.end
    return _local_first(line, found)


# A time given in UTC/GMT (or +00:00), and the separators between the parts of a line that give one time twice.
_UTC = re.compile(r"(?:\b(?:utc|gmt)|(?<=\d)z)\b(?!\s*[+-]\d)|[+-]00:?00\b", re.I)
_PART = re.compile(r"\s[/|]\s|[(;]")


def _local_first(line: str, found: list[tuple[DateMatch, str]]) -> list[tuple[DateMatch, str]]:
    """A line that gives the time in UTC and in the page's own zone: the local date is the published one."""
    if len(found) < 2 or found[0][1] != "published" or _PUBLISHED.search(line[: found[0][0].start]):
        return found
    cuts = [0, *(m.start() for m in _PART.finditer(line)), len(line)]

    def part(match: DateMatch) -> str:
        return next(line[a:b] for a, b in zip(cuts, cuts[1:]) if a <= match.start < b)

    if not _UTC.search(part(found[0][0])):
        return found
    for n, (match, role) in enumerate(found[1:], start=1):
        if role == "timestamp" and not _UTC.search(part(match)):
            found[0], found[n] = (found[0][0], "timestamp"), (match, "published")
            break
    return found


def _short(match: re.Match) -> DateMatch | None:
    value = _value(match)
    return DateMatch(value, match.group(0), match.start(), match.end()) if value else None


def _rest(line: str, dates: list[DateMatch]) -> str:
    for match in reversed(dates):
        line = line[: match.start] + " " + line[match.end :]
    return _RELATIVE.sub(" ", _TIME.sub(" ", _ZONE_NAME.sub(" ", line)))


def _only_dates(line: str, dates: list[DateMatch]) -> bool:
    return not _LEFTOVER.sub(" ", _rest(line, dates)).strip()


_SEPARATOR = re.compile(r"\s[•·|]\s|\s*\|\s*")


def _metadata(line: str, dates: list[DateMatch]) -> bool:
    """Parts between separators, each short: a byline, a site, a section, the dates."""
    parts = [p for p in _SEPARATOR.split(line) if p.strip()]
    return len(parts) >= 2 and len(line) <= 250 and all(len(p.split()) <= 8 for p in parts)


_PREFIX = re.compile(rf"^\s*(?:(?:{_LABELS})\s*:?\s*)?", re.I)


def date_prefix(line: str) -> tuple[DateMatch, str] | None:
    """Split a leading "date 2025-05" style prefix off a body line: (date, rest)."""
    label = _PREFIX.match(line[:80])
    offset = label.end() if label else 0
    match = find_date(line[offset : offset + 60])
    if not match or match.start != 0:
        return None
    cut = offset + match.end
    rest = line[cut:].lstrip(" ,.:;|-–—")
    if len(rest.split()) < 5:
        return None
    raw = line[:cut].strip()
    return DateMatch(match.value, raw, 0, cut), rest
