"""Sentence splitting and case handling for MT."""

from babeltext.case import lower
from translate.segment import normalise_caps, split_long, split_sentences


def test_english_abbreviations_do_not_end_sentences():
    assert split_sentences("Dr. Ali Bakir met U.S. officials. They agreed.", "en") == ["Dr. Ali Bakir met U.S. officials.", "They agreed."]


def test_norwegian_ordinal_dates_do_not_end_sentences():
    assert split_sentences("Det skjedde 2. oktober i Oslo. Så kom regnet.", "nb") == ["Det skjedde 2. oktober i Oslo.", "Så kom regnet."]


def test_turkish_initials_do_not_end_sentences():
    assert split_sentences("Sanıklar H.M.K. ve Y.A. gelmedi. Dava ertelendi.", "tr") == ["Sanıklar H.M.K. ve Y.A. gelmedi.", "Dava ertelendi."]


def test_closing_quotes_stay_with_their_sentence():
    assert split_sentences("He said “no.” Then he left.", "en") == ["He said “no.”", "Then he left."]


def test_split_long_keeps_every_word_in_order():
    sentence = "one two three, four five six seven eight nine ten eleven; twelve"
    pieces = split_long(sentence, lambda s: len(s.split()), 4)
    assert " ".join(pieces).split() == sentence.split()
    assert all(len(p.split()) <= 4 for p in pieces)


def test_short_sentence_is_not_split():
    assert split_long("short one", lambda s: len(s.split()), 4) == ["short one"]


def test_turkish_lowercase_handles_dotted_and_dotless_i():
    assert lower("İSTANBUL IRMAK", "tr") == "istanbul ırmak"
    assert lower("ISTANBUL", "en") == "istanbul"


def test_all_caps_headline_becomes_sentence_case():
    assert normalise_caps("KIRGIZİSTAN'LA STRATEJİK İŞ BİRLİĞİ", "tr") == "Kırgızistan'la stratejik iş birliği"
    assert normalise_caps("İSTANBUL'DA YENİ HAT", "tr") == "İstanbul'da yeni hat"


def test_mixed_case_text_is_left_alone():
    assert normalise_caps("NATO kalibre mühimmat", "tr") == "NATO kalibre mühimmat"


def test_a_word_longer_than_the_model_takes_is_cut_into_pieces_it_takes():
    """A run of characters without a space: one piece of it all would cost the model's attention its length squared."""
    word = "x" * 5000
    count = lambda s: len(s) // 4 + 1  # noqa: E731  a tokenizer's cost
    pieces = split_long(f"before {word} after", count, 250)
    assert all(count(p) <= 250 for p in pieces)
    assert "".join(pieces).replace(" ", "") == f"before{word}after"


def test_a_line_of_initials_that_never_ends_a_sentence_stays_one_sentence_whole():
    line = " ".join(["Ali H. K. Veli"] * 2000)
    assert split_sentences(line, "tr") == [line]
