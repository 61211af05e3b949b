"""robots.txt (RFC 9309): whether babelwire may fetch a page a feed or sitemap led it to.

The groups whose user-agent is babelwire's product token (case-insensitive)
apply, combined; else the `*` groups; else none. The longest matching rule
wins (`*` matches any run of characters, a final `$` anchors the end), and
`allow` wins a tie. Paths are compared with unreserved characters decoded and
the rest percent-encoded, as the RFC asks. At most the first 500 KiB are read.
`Crawl-delay` (not in the RFC, but widely sent) is kept so the caller can
slow down for the host.

How the file's fetch ends decides the host's fate for the run: 2xx, its
rules; 4xx, no rules (everything allowed; 429 "Too Many Requests" excepted,
as it asks for less); 5xx, 429 or no answer at all: the host is left alone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ingest.errors import InputError
from ingest.read import web

log = logging.getLogger(__name__)

TOKEN = "babelwire"  # the product token groups are matched against
PARSE_BYTES = 500 * 1024  # RFC 9309: parse at least the first 500 KiB
FETCH_BYTES = 2 * 1024 * 1024  # larger files are not read at all: the host is left alone
MAX_CRAWL_DELAY = 60.0  # seconds: a larger Crawl-delay is taken as this

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_LINE = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Rule:
    pattern: str  # normalised path pattern
    allow: bool
    regex: re.Pattern


@dataclass(frozen=True)
class Robots:
    """The rules that apply to babelwire on one origin, or why the host is left alone this run."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None
    unavailable: str | None = None  # set: fetch nothing from this host in this run

    def allows(self, url: str) -> bool:
        if self.unavailable:
            return False
        parts = urlsplit(url)
        path = _normal((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        if path == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if rule.regex.match(path) and (best is None or (len(rule.pattern), rule.allow) > (len(best.pattern), best.allow)):
                best = rule
        return best is None or best.allow


def origin(url: str) -> str:
    """scheme://host[:port], whose robots.txt covers `url`."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


def fetch(url: str, timeout: float, allow_private: bool) -> Robots:
    """The robots.txt of `url`'s origin, fetched once: its rules, none (4xx), or unavailable (5xx, 429, no answer)."""
    where = origin(url) + "/robots.txt"
    try:
        response = web.get(where, {"User-Agent": web.USER_AGENT, "Accept": "text/plain, */*;q=0.5"}, timeout, FETCH_BYTES, allow_private)
    except InputError as exc:
        return Robots(unavailable=f"{where}: {exc.message}")
    if 200 <= response.status < 300:
        return parse(response.data)
    if response.status == 429 or response.status >= 500:
        return Robots(unavailable=f"{where}: HTTP {response.status}")
    if 400 <= response.status < 500:
        log.debug("%s: HTTP %d: no rules, every page allowed", where, response.status)
        return Robots()
    return Robots(unavailable=f"{where}: HTTP {response.status}")


def parse(data: bytes, token: str = TOKEN) -> Robots:
    """The rules of a robots.txt for `token` (and its Crawl-delay)."""
    text = data[:PARSE_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    in_agents = False
    for line in text.splitlines():
        match = _LINE.match(line.split("#", 1)[0])
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key in ("user-agent", "useragent"):
            if not in_agents:
                groups.append(([], []))
                in_agents = True
            groups[-1][0].append(_agent(value))
        elif key in ("allow", "disallow", "crawl-delay") and groups:
            groups[-1][1].append((key, value))
            in_agents = False
    mine = [lines for agents, lines in groups if token.lower() in agents]
    if not mine:
        mine = [lines for agents, lines in groups if "*" in agents]
    rules, delays = [], []
    for key, value in (pair for lines in mine for pair in lines):
        if key == "crawl-delay":
            try:
                delays.append(min(max(float(value), 0.0), MAX_CRAWL_DELAY))
            except ValueError:
                pass
        elif value:  # an empty Disallow (or Allow) matches nothing
            pattern = _normal(value if value.startswith(("/", "*")) else "/" + value)
            rules.append(Rule(pattern, key == "allow", _regex(pattern)))
    return Robots(tuple(rules), max(delays) if delays else None)


def _agent(value: str) -> str:
    """The product token a user-agent line names, lower-cased (`BabelWire/1.0` names `babelwire`)."""
    value = value.strip()
    if value.startswith("*"):
        return "*"
    return re.match(r"[A-Za-z_-]*", value).group(0).lower()


def _normal(path: str) -> str:
    """Percent-encoding made comparable: non-ASCII and spaces encoded, unreserved characters decoded, hex in capitals."""
    encoded = quote(path, safe="/:@!$&'()*+,;=-._~?%#[]")

    def one(match: re.Match) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _ESCAPE.sub(one, encoded)


def _regex(pattern: str) -> re.Pattern:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    return re.compile(".*".join(map(re.escape, body.split("*"))) + (r"\Z" if anchored else ""), re.S)
