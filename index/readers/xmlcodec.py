"""The encoding of a feed file read without HTTP headers: the bytes feedparser is handed;
and UTF-8 files with a few stray Windows-1252 bytes, for feeds and pages alike.

Rule kept here: a feed whose bytes match what it declares (or UTF-8, XML's
default, when it declares nothing) goes to feedparser untouched; one whose bytes
do not (a declaration copied from a template, a Latin-1 or KOI8-R file with no
declaration, UTF-8 bytes declared Latin-1) is decoded like any other text file
(`textutil.decode_bytes`: UTF-8 first, then detection) and handed over as UTF-8,
with one line saying so. Byte order marks and UTF-16/32 stay feedparser's.
"""

from __future__ import annotations

import codecs
import re

from index.errors import ReadError
from index.textutil import decode_bytes, normalise_charset

_DECLARATION = re.compile(rb"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])([^"']*)(["'])""")
_WIDE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def declared_encoding(data: bytes) -> str | None:
    """The encoding label of the XML declaration, as written."""
    match = _DECLARATION.match(data[:1024])
    return match.group(3).decode("ascii", "replace").strip() if match else None


def _single_byte(codec: str) -> bool:
    try:
        return (
            codecs.lookup(codec)
            .name.replace("_", "-")
            .startswith(
                ("cp1", "iso8859", "latin", "windows", "koi8", "mac-", "cp8", "cp4", "ascii")
            )
        )
    except LookupError:
        return False


def feed_bytes(data: bytes) -> tuple[bytes, str | None]:
    """(bytes for feedparser, a one-line note when the declared encoding was overridden)."""
    if data.startswith(_WIDE_BOMS) or b"\x00" in data[:512]:
        return data, None  # BOMs and UTF-16/32: feedparser reads these right
    label = declared_encoding(data)
    codec = normalise_charset(label) if label else "utf-8"
    if codec is not None:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if codec == "utf-8" or not _single_byte(codec) or data.isascii():
                return data, None
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return data, None
            return _as_utf8(data.decode("utf-8")), f"declared {label}, but written in UTF-8"
    if codec == "utf-8":
        mixed = mostly_utf8(data)
        if mixed is not None:
            return _as_utf8(
                mixed
            ), "UTF-8 with a few bytes in another encoding; those read as Windows-1252"
    try:
        text = decode_bytes(data)
    except ReadError:
        return data, None  # feedparser's own fallbacks, and its bozo line
    if not label:
        said = "not UTF-8 and no encoding declared"
    elif codec is None:
        said = f"declares an unknown encoding ({label})"
    else:
        said = f"declared {label}, but not written in it"
    return _as_utf8(text), f"{said}; read as detected"


def _cp1252_byte(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("cp1252", errors="replace"), error.end


codecs.register_error("explorer-cp1252-bytes", _cp1252_byte)


def mostly_utf8(data: bytes) -> str | None:
    """A UTF-8 file with a few stray bytes pasted in from Windows-1252 (a common feed
    mistake), decoded so: only when UTF-8's own multi-byte characters outnumber the
    bytes that are not UTF-8; else the file is in another encoding altogether."""
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in replaced if ch > "\x7f" and ch != "\ufffd")
    if bad <= 0 or good < bad:
        return None
    return data.decode("utf-8", errors="explorer-cp1252-bytes")


def _as_utf8(text: str) -> bytes:
    """The text as UTF-8 bytes, its XML declaration saying so."""
    data = text.removeprefix("\ufeff").encode("utf-8")
    return _DECLARATION.sub(rb"\1\2utf-8\4", data, count=1)
