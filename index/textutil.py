"""Turning bytes of unknown encoding into text, and any text into display-safe text.

Rule kept here: the displayed text stays as written (no NFKC, no rewording); only what
cannot be shown safely changes. Control characters (ANSI/OSC escapes, BiDi overrides)
become visible tokens so they never reach a terminal yet stay in view, and invisible
characters that only hinder reading and search (soft hyphens, zero-width spaces) go.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from index.errors import ReadError

__all__ = ["binary_kind", "clean_line", "clean_text", "decode_bytes", "normalise_charset"]

# Magic numbers of common binary formats people drop into a corpus folder.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (docx, epub, xlsx ...)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"{\\rtf", "an RTF document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# What browsers actually use for these labels (WHATWG Encoding standard).
_CHARSET_ALIASES = {
    "latin1": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "iso8859_9": "cp1254",
    "tis_620": "cp874",
}
_MAX_SAMPLE = 1 << 16

_BINARY = "not a text file (binary data)"


def normalise_charset(label: str | None) -> str | None:
    """The Python codec for a declared charset label, or None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except (LookupError, ValueError):
        return None
    return _CHARSET_ALIASES.get(name.replace("-", "_"), name)


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is by its magic number, or None."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def _bom_codec(data: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """utf-16-le/be when every other byte of ASCII-range text is NUL."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _too_many_controls(text: str) -> bool:
    """Binary decoded by accident: many control characters that text never holds."""
    sample = text[:_MAX_SAMPLE]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v\x1b")
    return controls > max(2, len(sample) // 20)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a file's bytes: BOM, then UTF-8, then a declared charset, then detection.

    Raises ReadError for binary data or bytes no encoding explains.
    """
    if not data:
        return ""
    bom = _bom_codec(data)
    if bom is not None:
        codec, size = bom
        return data[size:].decode(codec, errors="replace")
    kind = binary_kind(data)
    if kind is not None:
        raise ReadError(f"not a text file ({kind})")
    sample = data[:_MAX_SAMPLE]
    if 0 in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16 is not None:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass
        if sample.count(0) > max(4, len(sample) // 100):
            raise ReadError(_BINARY)
    # Valid UTF-8 beats a declaration: pages declaring latin-1 while saved as UTF-8 are
    # common, and non-ASCII text in another encoding is almost never valid UTF-8 by chance.
    candidates: list[str | None] = ["utf-8", normalise_charset(declared)]
    for charset in candidates:
        if charset is None:
            continue
        try:
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        if _too_many_controls(text):
            raise ReadError(_BINARY)
        return text
    import charset_normalizer  # lazily: detection is only needed for non-UTF-8 files

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadError("not a text file (binary data or an unknown encoding)")
    text = str(best)
    western = _western_alternative(data, best, matches)
    if western is not None:
        text = western
    if _too_many_controls(text):
        raise ReadError(_BINARY)
    return text


_SINGLE_BYTE_PREFIXES = ("cp12", "iso8859", "latin", "mac_", "cp7", "cp8", "kz1048", "ptcp")


def _western_alternative(data: bytes, best: Any, matches: Any) -> str | None:
    """Windows-1252 when detection ranks it (nearly) as plausible as another single-byte code page.

    Short German or French texts are often scored alike by several code pages,
    and the first may turn "è" into "č"; like browsers in Western locales,
    prefer windows-1252 on such a tie.
    """
    if best.encoding == "cp1252" or not best.encoding.startswith(_SINGLE_BYTE_PREFIXES):
        return None
    if "cp1252" in getattr(best, "could_be_from_charset", ()):
        return None  # the same text either way
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.05:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    return None


def _translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x20):
        if chr(code) not in "\t\n":
            table[code] = chr(0x2400 + code)  # Unicode control pictures: ␀ ␛ ...
    # Form feed and vertical tab break pages and lines; keep them as line breaks.
    table[0x0B] = "\n"
    table[0x0C] = "\n"
    table[0x0D] = "\n"
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = f"<U+{code:04X}>"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[code] = f"<U+{code:04X}>"  # BiDi embeddings, overrides, isolates
    for code in (0x00AD, 0x200B, 0xFEFF, 0x2060):
        table[code] = None  # soft hyphen, zero-width space, BOM/ZWNBSP, word joiner
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    return table


_TRANSLATION = _translation()
# str.translate looks every character up in the table (slow on megabytes of text):
# it runs only on text holding a character the table changes, which a C regex finds
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATION) + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BLANK_RUN = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Display-safe text: newlines normalised, controls visible, invisibles removed,
    trailing spaces trimmed, runs of blank lines collapsed to one, no blank edges."""
    text = text.replace("\r\n", "\n")
    if _TRANSLATED.search(text):
        text = text.translate(_TRANSLATION)
    if not text.isascii():  # lone surrogates (JSON escapes) cannot be shown
        text = _SURROGATE.sub("\ufffd", text)
    # each line's trailing whitespace (str.isspace, as a regex's \s): ~7x faster than
    # a multiline regex
    text = "\n".join(map(str.rstrip, text.split("\n")))
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")


def clean_line(text: str) -> str:
    """A one-line value (a title, an author): clean_text with all whitespace runs as one space."""
    return " ".join(clean_text(text).split())
