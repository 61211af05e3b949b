"""Stories as one HTML page that needs nothing else: no script, font or image from anywhere.

Each article shows once, at its latest revision. Stories newest first (by
their newest record's publication date, else its fetch time); each with the
English (target-language) headline, languages, outlets, how many wire
copies, the watch labels that hit, and every source with its link or path. Sources fold away (<details>), so the page stays
usable with thousands of records.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ingest.stories.annotate import epoch

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fff}
header p{color:#555}
article{border-top:1px solid #ddd;padding:.6rem 0}
h2{font-size:1.1rem;margin:.2rem 0}
.meta{color:#555;font-size:.9rem}
.lang{display:inline-block;border:1px solid #999;border-radius:3px;padding:0 .3rem;margin-right:.2rem;font-size:.8rem;text-transform:uppercase}
.watch{display:inline-block;background:#ffe08a;border-radius:3px;padding:0 .3rem;margin-right:.2rem;font-size:.85rem}
details ul{margin:.3rem 0;padding-left:1.2rem}
.copy{color:#777}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.meta,header p{color:#aaa}.watch{color:#111}}
"""


@dataclass
class Story:
    id: str
    records: list[dict] = field(default_factory=list)

    @property
    def newest(self) -> float:
        return max(_when(r) for r in self.records)


def latest(records: list[dict]) -> list[dict]:
    """Each article once, at its latest revision (refresh writes a changed page again under its id), in first-seen order."""
    newest: dict[str, dict] = {}
    for record in records:
        kept = newest.get(record["id"])
        if kept is None or record.get("revision", 1) >= kept.get("revision", 1):
            newest[record["id"]] = record
    return list(newest.values())


def stories(records: list[dict]) -> list[Story]:
    """Records grouped by story (a record without one is its own), newest story first."""
    by_id: dict[str, Story] = {}
    for record in records:
        key = record.get("story") or record["id"]
        by_id.setdefault(key, Story(key)).records.append(record)
    return sorted(by_id.values(), key=lambda s: s.newest, reverse=True)


def render(records: list[dict], title: str = "babelwire digest") -> str:
    """The whole page."""
    records = latest(records)
    grouped = stories(records)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><p>{len(grouped)} stories from {len(records)} articles</p></header><main>",
    ]
    parts += [_story(story) for story in grouped]
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _story(story: Story) -> str:
    records = story.records
    langs = sorted({r.get("lang", "und") for r in records})
    outlets = sorted({_outlet(r) for r in records} - {None})
    unnamed = sum(1 for r in records if _outlet(r) is None)
    copies = sum(1 for r in records if r.get("duplicate_of"))
    labels = sorted({m["label"] for r in records for m in r.get("matches") or []})
    meta = [
        _e(_day(records)),
        " ".join(f'<span class="lang">{_e(code)}</span>' for code in langs),
    ]
    if outlets:
        meta.append(f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}: {_e(', '.join(outlets))}")
    if unnamed:
        meta.append(f"{unnamed} local file{'s' if unnamed != 1 else ''}")
    if copies:
        meta.append(f"{copies} wire cop{'ies' if copies != 1 else 'y'}")
    watch = "".join(f'<span class="watch">{_e(label)}</span>' for label in labels)
    sources = "".join(_source(r) for r in records)
    return (
        f'<article id="s-{_e(story.id)}"><h2>{_e(_headline(records))}</h2>'
        f'<div class="meta">{" · ".join(meta)}</div>{f"<div>{watch}</div>" if watch else ""}'
        f"<details><summary>{len(records)} source{'s' if len(records) != 1 else ''}</summary><ul>{sources}</ul></details></article>"
    )


def _headline(records: list[dict]) -> str:
    """The first headline in the target language: a translated title, a title already in it, else the original."""
    for record in records:
        translation = record.get("translation") or {}
        if translation.get("title") and record.get("lang") != translation.get("target"):
            return translation["title"]
    for record in records:
        if record.get("title") and record.get("lang") == (record.get("translation") or {}).get("target"):
            return record["title"]
    return next((r["title"] for r in records if r.get("title")), "(no title)")


def _source(record: dict) -> str:
    source = record.get("source") or {}
    url = source.get("url")
    where = f'<a href="{_e(url)}">{_e(url)}</a>' if url and urlsplit(url).scheme in ("http", "https") else f"<code>{_e(source.get('path') or url or '')}</code>"
    copy = f' <span class="copy">(copy of {_e(record["duplicate_of"]["id"])})</span>' if record.get("duplicate_of") else ""
    title = _e(record.get("title") or "(no title)")
    outlet = f" — {_e(_outlet(record))}" if _outlet(record) else ""
    return f'<li id="r-{_e(record["id"])}"><span class="lang">{_e(record.get("lang", "und"))}</span> {title}{outlet}{copy}<br>{where}</li>'


def _outlet(record: dict) -> str | None:
    """The site's name, else the URL's host; None for a file that does not say."""
    source = record.get("source") or {}
    if record.get("sitename"):
        return record["sitename"]
    if source.get("url"):
        return urlsplit(source["url"]).hostname or source["url"]
    return None


def _when(record: dict) -> float:
    return epoch(record.get("published")) or epoch((record.get("source") or {}).get("fetched_at")) or 0.0


def _day(records: list[dict]) -> str:
    """The newest record's date as written (its own time zone), or "undated"."""
    newest = max(records, key=_when)
    value = newest.get("published") or (newest.get("source") or {}).get("fetched_at")
    return value[:10] if value else "undated"


def _e(text) -> str:
    return html.escape(str(text), quote=True)
