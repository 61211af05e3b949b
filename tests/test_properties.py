"""Properties that must hold for any input (hypothesis, bounded examples)."""

from __future__ import annotations

import encodings.aliases
import re

from conftest import translated_alone, unaccounted
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.clean.text import clean_text
from ingest.errors import InputError
from ingest.read.decode import decode

# Lines that look like what scrapes contain: prose, headlines, chrome, dates, noise.
_WORDS = st.sampled_from(
    "the council said on Tuesday that Haber Merkezi Yorum yap Ingen kommentarer Lees ook Foto: ANP "
    "Share Facebook © 2024 Home > News 12 Ekim 2023 lørdag 2. oktober 2021 By Jane Smith İSTANBUL ŞİŞLİ "
    "ve bir ile de het een og på . , ! ? : « » “ ” – • 2490 views Most read Related Advertisement".split(" ")
)
_LINE = st.one_of(
    st.lists(_WORDS, min_size=0, max_size=30).map(" ".join),
    st.text(max_size=120),
)
_TEXT = st.lists(_LINE, max_size=25).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _norm(line: str) -> str:
    return " ".join(line.split())


@SETTINGS
@given(_TEXT)
def test_cleaner_never_raises(text):
    clean_text(text)


@SETTINGS
@given(_TEXT)
def test_cleaner_invents_nothing(text):
    """Every kept block's words are the input's, in the input's order, from the line the block starts on."""
    lines = text.splitlines()
    for block in clean_text(text).blocks:
        rest = iter(re.findall(r"\w+", "\n".join(lines[block.line - 1 :])))
        assert all(word in rest for word in re.findall(r"\w+", block.text))


# A scrape with a line of each fate: navigation, label, title, byline, date, body, duplicate, share, related.
_SCRAPE = "\n".join([
    "Home", "News Sport Culture Opinion Business Travel Money Science Tech Health", "World", "Kickers",
    "Ferry timetable restored after weeks of repairs | Coastal Times", "By Jane Smith", "12 Ekim 2023",
    "The island ferry will run its full winter timetable from Monday, the operator confirmed on Friday after weeks of disruption.",
    "• Passengers had waited for hours at both ends of the crossing, and some had given up and driven around the fjord.",
    "The island ferry will run its full winter timetable from Monday, the operator confirmed on Friday after weeks of disruption.",
    "Share Facebook", "Most read", "Council approves new cycle lanes",
])


@SETTINGS
@given(_TEXT)
@example(_SCRAPE)
def test_cleaner_loses_nothing(text):
    """Every line is kept, the title, or in `removed` under its own number; no block comes from nowhere."""
    assert unaccounted(text, clean_text(text)) == []


@SETTINGS
@given(_TEXT)
def test_cleaning_is_idempotent(text):
    once = clean_text(text)
    again_input = "\n".join(([once.title] if once.title else []) + [b.text for b in once.blocks])
    twice = clean_text(again_input)
    assert [b.text for b in twice.blocks] == [b.text for b in once.blocks]
    assert twice.removed == []


# Every name Python's codecs answer to, and names that are none: what a page or a server may declare.
_CHARSETS = st.none() | st.sampled_from(sorted(set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values()) | {"hex", "rot13", "idna", "punycode", "undefined", "x-bogus"}))
# Bytes as legacy pages hold them: printable ASCII and high bytes, so strict UTF-8 fails and the declared charset is read.
_LEGACY_BYTES = st.lists(st.integers(32, 255), max_size=2048).map(bytes)


@SETTINGS
@given(st.binary(max_size=4096) | _LEGACY_BYTES, _CHARSETS, st.booleans())
def test_decoding_never_raises_anything_but_input_error(data, charset, in_the_page):
    if charset and in_the_page:
        data, charset = f'<meta charset="{charset}">'.encode("ascii") + data, None
    try:
        decode(data, "blob", declared=charset)
    except InputError:
        pass


# Text as files hold it: no control characters but tab, newlines, form feed and escape, and no
# binary file's magic number at the start.
_TEXT_FILE = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 12, 13, 27)]),
    max_size=2000,
).filter(lambda t: not t.startswith(("%PDF", "GIF8", "RIFF")))


@SETTINGS
@given(_TEXT_FILE)
def test_valid_utf8_round_trips(text):
    """Any text encoded as UTF-8 decodes to itself (less a leading BOM): never refused, never mangled."""
    decoded = decode(text.encode("utf-8"), "x")
    assert decoded.text == text.removeprefix("\ufeff")


import pytest  # noqa: E402


@pytest.fixture
def install_tr(install):
    install(("tr", "en"))


def _records(texts: list[str], translator=None) -> list:
    from ingest.read.sources import Item, Raw
    from ingest.run.local import LocalEngine
    from ingest.run.stages import Job
    from ingest.settings import Settings

    raws = [Raw(Item("file", f"doc{i}.txt"), t.encode("utf-8"), "0" * 64, "2026-01-01T00:00:00Z") for i, t in enumerate(texts)]
    settings = Settings(workers=0, translate=translator is not None)
    return list(LocalEngine(settings, translator).run(Job(i, raw.item, raw) for i, raw in enumerate(raws)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_TEXT, max_size=5), st.integers(0, 5))
def test_every_record_validates_against_the_schema(validator, texts, at):
    """Among generated texts (most give no article), an article that must give a record: there is always one to validate."""
    import json

    texts.insert(at, _TURKISH)
    outcomes = _records(texts)
    assert outcomes[min(at, len(texts) - 1)].record is not None
    for outcome in outcomes:
        if outcome.record:
            validator.validate(json.loads(outcome.record.to_json()))
        else:
            assert outcome.error.message


# A Turkish article: every example below has segments that the tr→en model translates.
_TURKISH = (
    "Türkiye ile Kırgızistan ortak projeler geliştiriyor\n"
    "Kırgızistan, Türkiye'den gelişmiş insansız hava araçlarını tedarik etti. Teslimat geçen hafta tamamlandı.\n"
    "Savunma sanayisi başta olmak üzere Türk devletleri ile ortak üretim hedefleniyor ve yeni anlaşmalar yolda.\n"
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_TEXT, max_size=5), st.integers(0, 5))
def test_segments_and_translations_stay_aligned(install_tr, texts, at):
    """Documents translated in one batch: each segment's translation is its own sentences translated alone."""
    from translate.engine import Translator

    translator = Translator()
    texts.insert(at, _TURKISH)
    outcomes = [o for o in _records(texts, translator) if o.record]
    segments = [s for o in outcomes for s in o.record.segments]
    assert any(s.translation_status == "translated" for s in segments)
    for segment in segments:
        if segment.translation_status == "translated":
            assert segment.translation == translated_alone(translator, segment.text, segment.lang, "tr")
        assert (segment.translation is not None) == (segment.translation_status in ("translated", "copied"))
    for outcome in outcomes:
        body = [s for s in outcome.record.segments if s.kind != "title"]
        assert outcome.record.translation.text == "\n\n".join(s.translation if s.translation is not None else s.text for s in body)
