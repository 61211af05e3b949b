"""Wire copies and stories: the corpus of tests/stories, and the rules behind the figures."""

from __future__ import annotations

import re
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, jsonl

from ingest.cli import main
from ingest.stories import minhash
from ingest.stories.anchors import anchors
from babeltext.case import fold
from ingest.stories.linker import Fingerprint, Linker

sys.path.insert(0, str(ROOT / "bench"))
import stories as bench  # noqa: E402

DAY = 86400.0


@pytest.fixture(scope="module")
def corpus_figures():
    return bench.score(bench.run_babelwire(bench.arrival("published")))


def test_wire_copies_on_the_corpus_meet_the_targets(corpus_figures):
    figures = corpus_figures["duplicates"]
    assert figures["precision"] >= 0.98 and figures["recall"] >= 0.95, corpus_figures["wrong"]["duplicates"]


def test_stories_on_the_corpus_keep_different_events_apart(corpus_figures):
    figures = corpus_figures["stories"]
    assert figures["precision"] >= 0.95, corpus_figures["wrong"]["stories"]
    assert figures["recall"] >= 0.9, corpus_figures["wrong"]["stories"]


def test_arrival_order_does_not_change_what_is_linked():
    figures = bench.score(bench.run_babelwire(bench.arrival("name")))
    assert figures["duplicates"]["precision"] >= 0.98 and figures["stories"]["precision"] >= 0.95


def test_a_wire_copy_names_the_earlier_record_and_joins_its_story():
    articles = ROOT / "tests" / "stories" / "articles"
    first, copy = articles / "w3-tronder.html", articles / "w3-bergensposten.txt"
    records = jsonl(CliRunner().invoke(main, ["ingest", "--no-translate", str(first), str(copy)]).stdout)
    assert records[0]["duplicate_of"] is None and records[0]["story"] == records[0]["id"]
    assert records[1]["duplicate_of"]["id"] == records[0]["id"] and 0.5 <= records[1]["duplicate_of"]["similarity"] <= 1
    assert records[1]["story"] == records[0]["id"]


def shingled(words: list[str]) -> str:
    return " ".join(words)


def test_minhash_estimates_the_jaccard_similarity_of_shingles():
    words = [f"w{i}" for i in range(400)]
    a, b = shingled(words[:300]), shingled(words[100:400])  # 197 of 397 + 3 shingles shared: J ~ 0.49
    grams = lambda t: {" ".join(t.split()[i : i + 4]) for i in range(len(t.split()) - 3)}  # noqa: E731
    truth = len(grams(a) & grams(b)) / len(grams(a) | grams(b))
    assert abs(minhash.similarity(minhash.signature(a), minhash.signature(b)) - truth) < 0.12


def test_a_copy_of_a_copy_points_to_the_first_original():
    words = [f"w{i}" for i in range(200)]
    original = shingled(words)
    copy = shingled(words[:190] + ["edited"] * 3)
    copy_of_copy = shingled(words[:180] + ["edited"] * 3)
    linker = Linker()
    for key, text in (("a" * 16, original), ("b" * 16, copy), ("c" * 16, copy_of_copy)):
        link, _ = linker.link(key, 0.0, Fingerprint(minhash.signature(text), frozenset()))
    assert link.duplicate_of["id"] == "a" * 16 and link.story == "a" * 16


REPORT = frozenset({"w:goksun", "w:kahram", "a:afad", "n:5.8", "n:47"})


def test_reports_sharing_names_and_figures_within_days_are_one_story():
    linker = Linker()
    linker.link("a" * 16, 0.0, Fingerprint(None, REPORT | {"w:turkij"}))
    link, _ = linker.link("b" * 16, 1 * DAY, Fingerprint(None, REPORT | {"w:tyrkia"}))
    assert link.story == "a" * 16


def test_the_same_anchors_published_weeks_apart_are_different_stories():
    linker = Linker()
    linker.link("a" * 16, 0.0, Fingerprint(None, REPORT))
    link, _ = linker.link("b" * 16, 7 * DAY, Fingerprint(None, REPORT))
    assert link.story == "b" * 16


def test_names_alone_never_make_a_story():
    names = frozenset({"w:aalder", "w:brusse", "w:navo", "w:defens", "a:eu"})
    linker = Linker()
    linker.link("a" * 16, 0.0, Fingerprint(None, names))
    link, _ = linker.link("b" * 16, 0.0, Fingerprint(None, names))
    assert link.story == "b" * 16


def test_a_linker_keeps_at_most_keep_records_forgetting_the_earliest_to_arrive():
    from ingest.stories.linker import LinkOptions

    linker = Linker(LinkOptions(keep_records=3))
    for i in range(6):
        linker.link(f"{i:016d}", i * 60.0, Fingerprint(None, REPORT | {f"w:extra{i}"}))
    assert len(linker) == 3
    assert [linker.entry(f"{i:016d}").id for i in (3, 4, 5)] == [f"{i:016d}" for i in (3, 4, 5)]
    with pytest.raises(KeyError):
        linker.entry(f"{0:016d}")


def test_a_story_is_found_among_many_records_that_share_only_common_anchors():
    """More records in the window than are scored (MAX_CANDIDATES) share common anchors with a report;
    its story is found through its rarest anchors."""
    from ingest.stories.linker import MAX_CANDIDATES

    common = frozenset({"w:turkiy", "n:100", "a:aa", "w:ankara"})
    linker = Linker()
    linker.link("a" * 16, 0.0, Fingerprint(None, REPORT | common))
    for i in range(3 * MAX_CANDIDATES):
        linker.link(f"{i:016d}", 3600.0 + i, Fingerprint(None, common | {f"w:name{i}", f"n:{1000 + i}"}))
    link, _ = linker.link("b" * 16, DAY, Fingerprint(None, REPORT | common))
    assert link.story == "a" * 16


def test_a_copy_of_a_text_copied_many_times_still_names_the_first_original():
    from ingest.stories.minhash import MAX_COPIES

    text = shingled([f"w{i}" for i in range(200)])
    linker = Linker()
    for i in range(3 * MAX_COPIES):
        link, _ = linker.link(f"{i:016d}", float(i), Fingerprint(minhash.signature(text), frozenset()))
    assert link.duplicate_of["id"] == f"{0:016d}" and link.story == f"{0:016d}"


@pytest.mark.parametrize(("tr", "en"), [("1.500 kişi", "1,500 people"), ("yüzde 3,5", "3.5 percent"), ("S-400 sistemi", "the S400 system")])
def test_figures_and_codes_are_the_same_anchor_in_every_language(tr, en):
    assert anchors(f"Bakan dedi ki {tr} geldi.", "tr") & anchors(f"The minister said {en} came.", "en")


def test_times_of_day_years_and_month_names_are_not_anchors():
    found = anchors("Ankara, 4 March 2026 - At 09.15 on Wednesday the talks began in March.", "en")
    assert not {a for a in found if re.match(r"n:(2026|9\.15)|w:(march|wednes)", a)}


@pytest.mark.parametrize(("text", "lang", "key"), [("İSTANBUL", "tr", "istanbul"), ("Istanbul", "en", "istanbul"), ("TROMSØ", "nb", "tromso"), ("Straße", "de", "strasse")])
def test_fold_gives_one_key_across_case_accents_and_turkish_i(text, lang, key):
    assert fold(text, lang) == key


def test_translations_in_the_target_language_link_reports_whose_originals_share_too_little():
    linker = Linker()
    english = frozenset({"w:ministr", "w:kahram", "n:5.8", "a:afad"})
    linker.link("a" * 16, 0.0, Fingerprint(None, frozenset({"w:bakan"}), english))
    link, _ = linker.link("b" * 16, DAY, Fingerprint(None, frozenset({"w:minist"}), english))
    assert link.story == "a" * 16


def test_nonsense_translations_change_no_link_on_the_corpus(install, corpus_figures):
    install(("tr", "en"), ("nb", "en"), ("nl", "en"))  # the tests' cipher models: their English is nonsense
    records = bench.run_babelwire(bench.arrival("published"), translate=True)
    assert {r["translation"]["status"] for r in records} == {"complete"}
    figures = bench.score(records)
    assert [(f["precision"], f["recall"]) for f in (figures["duplicates"], figures["stories"])] == [
        (corpus_figures[k]["precision"], corpus_figures[k]["recall"]) for k in ("duplicates", "stories")
    ]


def record_translated_as(translation: str):
    from ingest.write.record import Record, Segment, Source, Translation

    segment = Segment("paragraph", "Bakan Ankara'da 5,8 büyüklüğündeki depremi anlattı.", "tr", 0.99, "detected", translation, "translated")
    return Record(
        id="a" * 16, source=Source("file", "0" * 64, "2026-03-04T10:00:00+00:00", "text", "utf-8", path="/x.txt"), title=None,
        published=None, author=None, sitename=None, category=None, lang="tr", lang_confidence=0.99, text=segment.text,
        segments=[segment], translation=Translation("en", None, translation, "complete"), removed=[], dates=[],
    )


def test_a_translation_that_reads_as_english_gives_its_anchors():
    from ingest.stories.annotate import translated_anchors

    found = translated_anchors(record_translated_as("The minister described the magnitude 5.8 earthquake in Ankara to reporters."))
    assert {"n:5.8", "w:ankara"} <= found


def test_a_translation_that_does_not_read_as_the_target_language_gives_none():
    from ingest.stories.annotate import translated_anchors

    assert translated_anchors(record_translated_as("rijGö oh.M7rrij7'g-'ürij oD- ounhun Ankara 5.8 TchIITt1tI DieTDunET")) == frozenset()


@pytest.mark.parametrize(("value", "day"), [("2025-05", "2025-05-01"), ("2021", "2021-01-01"), ("2026-03-04T23:30:00-05:00", "2026-03-05")])
def test_dates_as_precise_as_the_page_says_are_dates(value, day):
    from datetime import datetime, timezone

    from ingest.stories.annotate import epoch

    assert datetime.fromtimestamp(epoch(value), timezone.utc).date().isoformat() == day
