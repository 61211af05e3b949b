"""Translation with tiny real Argos packages: structure, alignment, statuses; never quality."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import DATA, SEEDS, jsonl, translated_alone

from ingest.cli import main
from translate import models
from translate.engine import Translator


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_turkish_seed_translates_every_segment(install, validator):
    install(("tr", "en"))
    result = run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"))
    record = jsonl(result.stdout)[0]
    validator.validate(record)
    assert result.exit_code == 0
    assert all(s["translation_status"] == "translated" and s["translation"] for s in record["segments"])
    assert record["translation"]["status"] == "complete"
    assert record["translation"]["models"] == [{"package": "translate-tr_en", "from": "tr", "to": "en", "version": "1.0"}]


def test_each_segment_carries_its_own_translation(install):
    """Segments and sentences are translated in one batch; each must get back its own, in place, in the
    segments, the title and the paragraphs of the translated text."""
    install(("tr", "en"))
    record = jsonl(run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt")).stdout)[0]
    translator = Translator()
    alone = [translated_alone(translator, s["text"], s["lang"]) for s in record["segments"]]
    assert len(set(alone)) == len(alone) > 5 and all(s["lang"] == "tr" for s in record["segments"])
    assert [s["translation"] for s in record["segments"]] == alone
    assert record["translation"]["title"] == alone[0] and record["segments"][0]["kind"] == "title"
    assert record["translation"]["text"].split("\n\n") == alone[1:]


def test_batching_keeps_segments_aligned_across_documents_of_different_languages(install):
    """Five documents in three languages share batches: every segment of each gets its own translation."""
    install(("tr", "en"), ("nl", "en"), ("nb", "en"))
    inputs = [SEEDS / "000_d5a73210c1fcf6c2.txt", DATA / "nl_blog.txt", SEEDS / "004_088c51889cfd21ad.txt", DATA / "nb_blogg.txt", DATA / "tr_haber.txt"]
    records = jsonl(run("ingest", *map(str, inputs)).stdout)
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in records] == [path.name for path in inputs]
    translator = Translator()
    segments = [s for r in records for s in r["segments"] if s["translation_status"] == "translated"]
    alone = [translated_alone(translator, s["text"], s["lang"]) for s in segments]
    assert {s["lang"] for s in segments} == {"tr", "nl", "nb"} and len(set(alone)) == len(alone) > 20
    assert [s["translation"] for s in segments] == alone


def test_mixed_page_translates_only_the_foreign_segments(install):
    install(("nb", "en"))
    record = jsonl(run("ingest", str(SEEDS / "004_088c51889cfd21ad.txt")).stdout)[0]
    statuses = {s["kind"]: set() for s in record["segments"]}
    for s in record["segments"]:
        statuses[s["kind"]].add((s["lang"], s["translation_status"]))
    assert statuses["title"] == {("nb", "translated")}
    assert statuses["paragraph"] == {("en", "copied")}


def test_missing_pair_among_installed_ones_is_partial(install):
    install(("nb", "en"))
    result = run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), str(SEEDS / "004_088c51889cfd21ad.txt"))
    turkish, mixed = jsonl(result.stdout)
    assert result.exit_code == 1
    assert turkish["translation"]["status"] == "none"
    assert mixed["translation"]["status"] == "complete"
    assert "babelwire models install tr --to en" in result.stderr
    assert "install nb" not in result.stderr


def test_pivot_through_english_lists_both_packages(install):
    install(("tr", "en"), ("en", "de"))
    record = jsonl(run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--target", "de").stdout)[0]
    assert {m["package"] for m in record["translation"]["models"]} == {"translate-tr_en", "translate-en_de"}
    assert all(s["translation_status"] == "translated" for s in record["segments"])


def test_pivot_equals_the_two_legs_run_by_hand(install):
    install(("tr", "en"), ("en", "de"))
    translator = Translator()
    sentences = ["Hat, günde yaklaşık iki yüz bin yolcuya hizmet verecek.", "İlk hafta boyunca yolculuklar ücretsiz olacak."]
    english = translator.translate("tr", "en", sentences)
    assert translator.translate("tr", "de", sentences) == translator.translate("en", "de", english)


def test_long_sentence_is_split_not_truncated(install, monkeypatch):
    install(("tr", "en"))
    import translate.engine as engine

    calls = []
    monkeypatch.setattr(engine, "MAX_INPUT_TOKENS", 20)
    translator = Translator()
    loaded = translator.load(models.find("tr", "en"))
    real = loaded.translate_tokens
    monkeypatch.setattr(loaded, "translate_tokens", lambda tokens: calls.append(tokens) or real(tokens))
    sentence = ", ".join(f"{n}. bölgede gelişmiş insansız hava araçlarını tedarik etti" for n in range(6)) + "."
    out = translator.translate("tr", "en", [sentence])
    pieces = calls[0]
    assert len(out) == 1 and len(pieces) > 1
    assert all(len(piece) <= 20 for piece in pieces)
    assert set(" ".join("".join(piece).replace("▁", " ") for piece in pieces).split()) == set(sentence.split())


def test_identical_sentences_are_translated_once(install, monkeypatch):
    install(("tr", "en"))
    translator = Translator()
    loaded = translator.load(models.find("tr", "en"))
    seen = []
    real = loaded.translate_tokens
    monkeypatch.setattr(loaded, "translate_tokens", lambda tokens: seen.extend(tokens) or real(tokens))
    out = translator.translate("tr", "en", ["Merhaba dünya.", "Merhaba dünya.", "İkinci cümle."])
    assert out[0] == out[1]
    assert sorted(seen) == sorted([loaded.encode("Merhaba dünya."), loaded.encode("İkinci cümle.")])


def test_model_is_loaded_once_per_pair_for_the_run(install, monkeypatch):
    install(("tr", "en"))
    import translate.engine as engine

    loads = []
    real = engine.LoadedModel.__init__
    monkeypatch.setattr(engine.LoadedModel, "__init__", lambda self, *a: loads.append(a[0].name) or real(self, *a))
    result = run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), str(DATA / "tr_haber.txt"), str(DATA / "tr_haber_cp1254.txt"))
    assert result.exit_code == 0
    assert loads == ["translate-tr_en"]


def test_cache_hit_returns_same_text_without_calling_the_model(install, monkeypatch, tmp_path):
    install(("tr", "en"))
    import translate.engine as engine

    cache_file = tmp_path / "cache.sqlite3"
    first = jsonl(run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--cache", str(cache_file)).stdout)
    monkeypatch.setattr(engine.LoadedModel, "translate_tokens", lambda self, tokens: pytest.fail(f"model called for {tokens}"))
    second = run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--cache", str(cache_file))
    assert second.exit_code == 0
    assert [s["translation"] for s in jsonl(second.stdout)[0]["segments"]] == [s["translation"] for s in first[0]["segments"]]


def test_cache_key_includes_decoding_options(install, tmp_path):
    install(("tr", "en"))
    cache_file = tmp_path / "cache.sqlite3"
    run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--cache", str(cache_file), "--beam-size", "4")
    once = json.loads(run("cache", "stats", "--cache", str(cache_file)).stdout)
    run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--cache", str(cache_file), "--beam-size", "1")
    twice = json.loads(run("cache", "stats", "--cache", str(cache_file)).stdout)
    assert len(once["models"]) == 1 and len(twice["models"]) == 2
    assert twice["entries"] == 2 * once["entries"]


def test_rerun_through_cli_uses_cache_and_cache_commands_report_it(install, tmp_path):
    install(("tr", "en"))
    cache_file = tmp_path / "c.sqlite3"
    first = jsonl(run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--cache", str(cache_file)).stdout)
    stats = json.loads(run("cache", "stats", "--cache", str(cache_file)).stdout)
    assert stats["entries"] > 0 and list(stats["models"])[0].startswith("translate-tr_en@1.0;")
    second = jsonl(run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--cache", str(cache_file)).stdout)
    assert [s["translation"] for s in first[0]["segments"]] == [s["translation"] for s in second[0]["segments"]]
    assert "removed" in run("cache", "clear", "--cache", str(cache_file)).stderr
    assert json.loads(run("cache", "stats", "--cache", str(cache_file)).stdout)["entries"] == 0


def test_no_cache_writes_no_cache_file(install, tmp_path):
    install(("tr", "en"))
    from translate.cache import default_path

    run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--no-cache")
    assert not default_path().exists()


def test_corrupt_cache_file_is_reported_and_translation_goes_on(install, tmp_path):
    install(("tr", "en"))
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    result = run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--cache", str(broken))
    record = jsonl(result.stdout)[0]
    assert result.exit_code == 0
    assert "broken.sqlite3 is unusable" in result.stderr and "--no-cache" in result.stderr
    assert record["translation"]["status"] == "complete"
    assert broken.read_bytes().startswith(b"this is not a database")


def test_cache_clear_removes_a_corrupt_cache_file(tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"garbage" * 100)
    assert run("cache", "clear", "--cache", str(broken)).exit_code == 0
    assert not broken.exists()
