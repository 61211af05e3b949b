"""babelwire's vectorised langdetect gives stock langdetect's answers."""

from __future__ import annotations

import pytest
from conftest import DATA, SEEDS
from corpus.articles import ARTICLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from ingest.detect.detector import Detector, profiles

PRIORS = {"tr": 1.0, "nl": 1.0, "no": 1.0, "en": 1.0, "de": 1.0}


@pytest.fixture(scope="module")
def stock():
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


def _answers(detector, text: str, prior: bool):
    if prior:
        detector.set_prior_map({lang: PRIORS.get(lang, 0.05) for lang in detector.langlist})
    detector.append(text)
    try:
        return [(found.lang, found.prob) for found in detector.get_probabilities()]
    except LangDetectException as exc:
        return str(exc)


def _assert_same(stock_answer, ours):
    assert type(stock_answer) is type(ours)
    if isinstance(ours, str):
        assert ours == stock_answer
        return
    assert [lang for lang, _ in ours] == [lang for lang, _ in stock_answer]
    assert all(abs(p - q) < 1e-9 for (_, p), (_, q) in zip(ours, stock_answer, strict=True))


def _texts() -> list[str]:
    texts = [title for _lang, title, *_rest in ARTICLES]
    texts += [p for *_rest, paragraphs in ARTICLES for p in paragraphs]
    texts += [line for path in [*SEEDS.glob("*.txt"), DATA / "nb_blogg.txt", DATA / "nl_blog.txt", DATA / "tr_haber.txt"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


@pytest.mark.parametrize("prior", [False, True], ids=["no prior", "babelwire's priors"])
def test_same_languages_and_probabilities_as_stock_langdetect_on_news_text(stock, prior):
    texts = _texts()
    assert len(texts) > 150
    for text in texts:
        _assert_same(_answers(stock.create(), text, prior), _answers(Detector(profiles()), text, prior))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=300))
def test_same_answer_as_stock_langdetect_on_any_text(stock, text):
    _assert_same(_answers(stock.create(), text, True), _answers(Detector(profiles()), text, True))


def test_same_ngrams_as_stock_langdetect_for_capitals_spaces_and_punctuation(stock):
    text = "NATO-toppmøtet  i OSLO: «Det er ikke OK», sa GENERALSEKRETÆREN. İSTANBUL'da ŞOK! x  y"
    ours, theirs = Detector(profiles()), stock.create()
    ours.append(text)
    theirs.append(text)
    index = profiles().index
    assert ours._ngram_rows() == [index[gram] for gram in theirs._extract_ngrams()]
