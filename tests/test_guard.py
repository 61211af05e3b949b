"""Guards in front of the chrome rules: they may skip a regex only where it could not have matched."""

import re
import sys
from pathlib import Path

from ingest.clean import chrome, guard
from ingest.clean.chrome import classify

PAGES = Path(__file__).parent / "corpus" / "pages"


def test_fold_agrees_with_ignorecase_for_every_character_the_rules_name():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    named = {c for _, pattern, _, _ in chrome._RULES for c in pattern.pattern}
    wrong = {
        (c, x) for c in named for x in re.findall(re.escape(c), every, re.I) if guard.fold(x) != guard.fold(c)
    }
    assert not wrong


def test_needs_takes_the_rarest_literal_a_match_must_contain():
    assert guard.needs(re.compile(r"\b(?:ab|cd)\s+\d+\s+pictures?", re.I)) == ("picture",)


def test_needs_of_alternatives_is_their_union():
    assert guard.needs(re.compile(r"\b(?:cookies?|çerez(ler)?)\b", re.I)) == ("cookie", "çerez")


def test_needs_nothing_when_an_alternative_needs_nothing():
    assert guard.needs(re.compile(r"\b(?:cookies?|\d+)\b", re.I)) is None


def test_needs_nothing_for_a_regex_that_fails_on_the_first_character():
    assert guard.needs(re.compile(r"^(?:cookies?|çerez)\b", re.I)) is None


def test_first_chars_include_an_optional_opening():
    assert guard.first_chars(re.compile(r"^\(?(?:ap|Reuters)\b", re.I)) == {"(", "a", "r"}


def test_first_chars_of_an_unanchored_or_empty_matching_regex_are_unknown():
    assert guard.first_chars(re.compile(r"(?:ap|reuters)", re.I)) is None
    assert guard.first_chars(re.compile(r"^(?=.*ap)", re.I)) is None


def test_guards_pass_every_corpus_line_their_rule_matches():
    lines = {line.strip() for page in PAGES.glob("*.txt") for line in page.read_text(encoding="utf-8").splitlines()}
    variants = {
        v for line in lines if line for v in (line, line.upper(), line.replace("i", "ı"), line.replace("I", "İ"))
    }
    missed = []
    for line in variants:
        folded = guard.fold(line)
        for _, pattern, _, _, starts, needs in chrome._GUARDED:
            if pattern.search(line) and (
                starts is not None and folded[:1] not in starts or needs and not any(w in folded for w in needs)
            ):
                missed.append((pattern.pattern[:40], line))
    assert not missed


def test_dotted_and_upper_case_turkish_still_match_guarded_rules():
    assert classify("TÜM HAKLARI SAKLIDIR").reason == "copyright"
    assert classify("Bu haber İHA KAYNAĞINDAN ALINAN bilgilere dayanıyor").reason == "source"
