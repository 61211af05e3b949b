"""Decoding bytes from the encodings Turkish, Dutch and Norwegian sites serve."""

import codecs
import gzip

import pytest

from ingest.errors import InputError
from ingest.read.decode import decode

TURKISH = "Şişli'de ılık bir gün: İstanbul'da ağaçlar çiçek açtı, öğrenciler sınavda."
NORWEGIAN = "Blåbærsyltetøy på Ærø: æ, ø og å i én setning."
DUTCH = "De ruïne werd geëvacueerd; café en reünie gingen door."


def test_utf8_round_trips():
    assert decode(TURKISH.encode("utf-8")).text == TURKISH


def test_utf8_bom_is_dropped():
    decoded = decode(codecs.BOM_UTF8 + NORWEGIAN.encode("utf-8"))
    assert decoded.text == NORWEGIAN


def test_utf16_with_bom():
    assert decode(NORWEGIAN.encode("utf-16")).text == NORWEGIAN


@pytest.mark.parametrize("encoding", ["windows-1254", "iso-8859-9"])
def test_legacy_turkish(encoding):
    decoded = decode(TURKISH.encode(encoding))
    assert decoded.text == TURKISH
    assert decoded.encoding == "cp1254"


@pytest.mark.parametrize("text", [NORWEGIAN, DUTCH])
@pytest.mark.parametrize("encoding", ["windows-1252", "iso-8859-1"])
def test_legacy_western(text, encoding):
    assert decode(text.encode(encoding)).text == text


def test_declared_charset_is_used_for_non_utf8():
    html = f'<html><head><meta charset="iso-8859-9"></head><body>{TURKISH}</body></html>'
    assert TURKISH in decode(html.encode("iso-8859-9")).text


NO_CHARSETS = ["hex", "rot13", "base64", "zlib", "idna", "punycode", "unicode_escape", "undefined", "x-no-such-charset"]


@pytest.mark.parametrize("charset", NO_CHARSETS)
def test_a_page_declaring_a_codec_that_is_no_charset_is_decoded_by_its_bytes(charset):
    html = f'<html><head><meta charset="{charset}"></head><body>{TURKISH}</body></html>'
    decoded = decode(html.encode("windows-1254"))
    assert TURKISH in decoded.text and decoded.encoding == "cp1254"


@pytest.mark.parametrize("charset", NO_CHARSETS)
def test_a_server_declaring_a_codec_that_is_no_charset_is_decoded_by_the_bytes(charset):
    decoded = decode(DUTCH.encode("windows-1252"), "page", declared=charset)
    assert decoded.text == DUTCH and decoded.encoding == "cp1252"


def test_no_codec_name_a_server_may_declare_makes_decoding_fail():
    import encodings.aliases

    names = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    failing = []
    for name in sorted(names):
        try:
            decode(TURKISH.encode("windows-1254"), "page", declared=name)
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            failing.append(f"{name}: {type(exc).__name__}")
    assert failing == []


def test_invalid_byte_in_utf8_text_does_not_turn_it_into_mojibake():
    data = TURKISH.encode("utf-8") + b" \xff " + TURKISH.encode("utf-8")
    text = decode(data).text
    assert text.count(TURKISH) == 2


def test_each_invalid_byte_sequence_is_counted_as_repaired():
    data = TURKISH.encode("utf-8") + b" \xff " + TURKISH.encode("utf-8") + b" \xc3 " + TURKISH.encode("utf-8")
    assert decode(data).repaired == 2


def test_a_replacement_character_the_text_holds_is_not_a_repair():
    data = TURKISH.encode("utf-8") + " \ufffd ".encode("utf-8") + TURKISH.encode("utf-8") + b" \xff " + TURKISH.encode("utf-8")
    decoded = decode(data)
    assert decoded.text.count("\ufffd") == 2 and decoded.repaired == 1


@pytest.mark.parametrize("data", [TURKISH.encode("utf-8"), TURKISH.encode("windows-1254"), codecs.BOM_UTF8 + DUTCH.encode("utf-8")], ids=["utf-8", "windows-1254", "utf-8 with a BOM"])
def test_text_valid_in_its_encoding_has_nothing_repaired(data):
    assert decode(data).repaired == 0


def test_gzip_is_unwrapped():
    assert decode(gzip.compress(DUTCH.encode("utf-8"))).text == DUTCH


@pytest.mark.parametrize("data,kind", [(b"%PDF-1.4 ...", "PDF"), (b"\x89PNG\r\n\x1a\n....", "PNG"), (b"PK\x03\x04....", "zip"), (b"abc\x00\x01\x02def", "NUL")])
def test_binary_is_refused_with_its_kind(data, kind):
    with pytest.raises(InputError, match=kind):
        decode(data, "x.bin")
