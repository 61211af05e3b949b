"""Turn raw bytes into text, robustly, for the encodings Turkish, Dutch and
Norwegian sites actually serve."""

from __future__ import annotations

import codecs
import gzip
import io
import re
from dataclasses import dataclass

from ingest.errors import InputError

# Magic numbers of formats that are not text and that babelwire cannot read.
_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "zip archive",
    b"\x7fELF": "executable",
    b"RIFF": "RIFF media file",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# In windows-1254 / iso-8859-9 these bytes are ğ ı ş İ Ş Ğ; in windows-1252 /
# iso-8859-1 they are Icelandic letters (ð ý þ Ý Þ Ð) that Dutch, Norwegian,
# English and German text never uses. Their presence decides Turkish.
_TURKISH_BYTES = re.compile(rb"[\xf0\xfd\xfe\xdd\xde\xd0]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_MAX_GUNZIP = 64 * 1024 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repaired: int = 0  # byte sequences that were invalid in `encoding`, each replaced by U+FFFD


def decode(data: bytes, name: str = "<bytes>", declared: str | None = None) -> Decoded:
    """Decode bytes to text; raise InputError for binary data.

    Order: gzip is unwrapped, a BOM wins, then strict UTF-8, then a charset the
    page or server declares, then windows-1254 or windows-1252 by the bytes seen.
    """
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _repairing(data, encoding)
    _reject_binary(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for candidate in (declared, _meta_charset(data)):
        encoding = _known(candidate)
        if encoding and encoding != "utf-8":
            return _repairing(data, encoding)
    if _mostly_utf8(data):
        return _repairing(data, "utf-8")
    return _repairing(data, "cp1254" if _TURKISH_BYTES.search(data) else "cp1252")


def _repairing(data: bytes, encoding: str) -> Decoded:
    """Decode, each invalid byte sequence replaced by U+FFFD, and count them (a U+FFFD the text itself holds is not one)."""
    text = data.decode(encoding, errors="replace")
    repaired = text.count("\ufffd") and text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    return Decoded(text, encoding, repaired)


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(_MAX_GUNZIP + 1)
    except (OSError, EOFError) as exc:
        raise InputError(name, "decode", f"corrupt gzip data ({exc})") from None
    if len(out) > _MAX_GUNZIP:
        raise InputError(name, "decode", "gzip data expands past 64 MiB")
    return out


def _reject_binary(data: bytes, name: str) -> None:
    head = data[:8]
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise InputError(name, "decode", f"binary file ({kind}), not text or HTML")
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(name, "decode", "binary file (contains NUL bytes), not text or HTML")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.05:
        raise InputError(name, "decode", "binary file (mostly control bytes), not text or HTML")


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


# Codecs Python knows that are no charset of a page: they turn text into text or bytes into bytes
# (hex, rot13, base64, zlib: not text encodings at all), or they encode host names and escapes.
_NOT_CHARSETS = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"}


def _known(encoding: str | None) -> str | None:
    """The codec of a declared charset, or None when it is unknown or no text encoding (then the bytes decide)."""
    if not encoding:
        return None
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return None
    name = info.name
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_CHARSETS:
        return None
    # Browsers read these labels as their Windows supersets; so do we.
    return {"iso8859-9": "cp1254", "iso8859-1": "cp1252", "latin-1": "cp1252"}.get(name, name)


def _mostly_utf8(data: bytes) -> bool:
    """True when a text is UTF-8 with a few broken bytes, not a legacy encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127) - bad
    return multibyte > 4 * bad
