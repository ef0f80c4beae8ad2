"""textutil: decoding bytes of any encoding, and display-safe text."""

from __future__ import annotations

import pytest

from index.errors import ReadError
from index.textutil import clean_line, clean_text, decode_bytes

GERMAN = (
    "Die Bundesregierung hat am Mittwoch überraschend angekündigt, die Förderung für "
    "Künstliche Intelligenz zu erhöhen. Kritiker äußern Zweifel an der Finanzierung."
)
FRENCH = (
    "Le président a annoncé mercredi une réforme très attendue. Les élèves de l'école "
    "célèbrent à côté de la forêt, où l'on croise parfois des chevreuils."
)
JAPANESE = (
    "東京で新しい人工知能の開発が発表されました。研究者たちは、オープンモデルと"
    "クローズドモデルの違いについて議論しています。"
)
CHINESE = "北京宣布了新的人工智能开源计划。研究人员讨论了开源模型与闭源模型之间的区别。"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (GERMAN, "latin-1"),
        (FRENCH, "latin-1"),
        (FRENCH + " « Il coûte 5 € », dit-il — enfin…", "cp1252"),
        (GERMAN + " „Zitat“ – 20 €", "cp1252"),
        (JAPANESE, "shift_jis"),
        (CHINESE, "gb18030"),
        (GERMAN, "utf-8"),
    ],
)
def test_decode_detects_encoding(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_decode_boms(codec: str) -> None:
    data = (JAPANESE + " " + FRENCH).encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_bytes(data) == JAPANESE + " " + FRENCH


def test_decode_utf16_without_bom() -> None:
    assert decode_bytes(GERMAN.encode("utf-16-le")) == GERMAN


def test_declared_charset_wins_and_latin1_means_windows_1252() -> None:
    data = "“Quoted” café".encode("cp1252")
    assert decode_bytes(data, "iso-8859-1") == "“Quoted” café"
    assert decode_bytes("Grüße".encode(), "utf-8") == "Grüße"
    # A wrong declaration that does not decode falls back to detection.
    assert decode_bytes(GERMAN.encode("utf-8"), "ascii") == GERMAN
    assert decode_bytes(GERMAN.encode("utf-8"), "no-such-charset") == GERMAN


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(64),
        bytes(range(256)) * 40,
        b"\x00\x01\x02\x03" * 500,
    ],
)
def test_decode_rejects_binary(data: bytes) -> None:
    with pytest.raises(ReadError, match="not a text file"):
        decode_bytes(data)


def test_decode_keeps_a_stray_nul_visible() -> None:
    text = clean_text(decode_bytes(b"a text with one \x00 byte in the middle of it"))
    assert text == "a text with one \u2400 byte in the middle of it"


def test_clean_text_newlines_and_blank_lines() -> None:
    raw = "\n\n  \nfirst\r\nsecond\rthird\u2028fourth\u2029fifth  \t\n\n\n\n\nsixth\n\n"
    assert clean_text(raw) == "first\nsecond\nthird\nfourth\nfifth\n\nsixth"


def test_clean_text_keeps_indentation_and_single_blank_lines() -> None:
    assert clean_text("    code\n\n  quoted\ttab") == "    code\n\n  quoted\ttab"


def test_clean_text_makes_ansi_escapes_visible() -> None:
    csi = "\x1b[31mred\x1b[0m"
    osc8 = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07"
    osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
    out = clean_text(f"{csi} {osc8} {osc52}")
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith("␛[31mred␛[0m ␛]8;;https://evil.example␇click")
    assert "␛]52;c;cm0gLXJmIH4=␇" in out


def test_clean_text_c1_del_and_bidi_are_visible_tokens() -> None:
    out = clean_text("a\x9b31mb\x7fc\u202eevil\u202cd\u2066e\u2069")
    assert out == "a<U+009B>31mb␡c<U+202E>evil<U+202C>d<U+2066>e<U+2069>"


def test_clean_text_removes_invisibles_but_keeps_joiners() -> None:
    out = clean_text("Zei\u00adtung\u200b wort\u2060\ufeff 👩\u200d💻 ن\u200cا")
    assert out == "Zeitung wort 👩\u200d💻 ن\u200cا"


def test_clean_text_never_normalises_and_keeps_markup_literal() -> None:
    raw = "ﬁnal Ｆｕｌｌ ① [bold]not bold[/bold] [link=x]y[/link] <b>z</b>"
    assert clean_text(raw) == raw


def test_clean_text_replaces_lone_surrogates() -> None:
    assert clean_text("a\ud800b") == "a\ufffdb"


def test_clean_line_is_one_line() -> None:
    assert clean_line("  Title\n  over\ttwo lines\x1b[2J ") == "Title over two lines␛[2J"


def test_clean_text_gives_the_same_text_whether_or_not_a_character_needs_the_table() -> None:
    import random
    import re

    from index import textutil

    trailing_space = re.compile(r"[^\S\n]+$", re.MULTILINE)  # what each line loses at its end
    special = [chr(code) for code in textutil._TRANSLATION]
    plain = list("abc déf 東京 \t\n  \u00a0\u3000\u2003\x0b")
    rng = random.Random(7)
    for _ in range(300):
        pool = plain + (special if rng.random() < 0.5 else [])
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        expected = text.replace("\r\n", "\n").translate(textutil._TRANSLATION)
        expected = textutil._BLANK_RUN.sub(
            "\n\n", trailing_space.sub("", textutil._SURROGATE.sub("\ufffd", expected))
        ).strip("\n")
        assert clean_text(text) == expected
