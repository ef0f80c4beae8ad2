"""Readers: format detection, plain text and Markdown with front matter."""

from __future__ import annotations

import pytest

from index.errors import ReadError
from index.models import CONFIRMED, INFERRED, META_FIELDS, SOURCE_FRONT_MATTER, SOURCE_TEXT
from index.readers import FileContent, detect_format, read_bytes
from index.readers.base import Extracted


def only(content: FileContent) -> Extracted:
    assert len(content.articles) == 1, content
    return content.articles[0]


def values(article: Extracted) -> dict[str, str]:
    return {c.field: c.value for c in article.candidates}


# --- format detection -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "feed.txt", "feed"),
        (b"<!-- c -->\n<feed xmlns='http://www.w3.org/2005/Atom'/>", "noext", "feed"),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'/>", "a.xml", "feed"),
        (b'<!DOCTYPE rss [<!ENTITY a "b">]>\n<rss/>', "a.dat", "feed"),
        (b"<!doctype html><p>x", "page.txt", "html"),
        (b"<!DOCTYPE html>\n<meta charset=utf-8><title>t</title>", "page", "html"),
        (b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<rss><channel/></rss>', "a", "feed"),
        (b"<html><body>x</body></html>", "page", "html"),
        (b"<div>fragment</div>", "page.htm", "html"),
        (b'{"text": "x"}', "a.json", "json"),
        (b'{"text": "x"}', "a.jsonl", "jsonl"),
        (b'{"text": "x"}', "a.dat", "json?"),
        (b"a,b\n1,2", "a.csv", "csv"),
        (b"a\tb\n1\t2", "a.tsv", "tsv"),
        (b"# T\n\nx", "a.md", "markdown"),
        (b"[link](x) opens the Markdown", "a.md", "markdown"),
        (b"plain words", "a.txt", "text"),
        (b"plain words", "README", "text"),
    ],
)
def test_detect_format_content_first(data: bytes, name: str, expected: str) -> None:
    assert detect_format(data, name) == expected


# --- plain text ---------------------------------------------------------------------


def test_plain_text_is_plain_and_clean() -> None:
    data = b"Erste Zeile\r\nzweite\rdritte  \n\n\n\nvierte \x1b[2J\n"
    article = only(read_bytes(data, "notes/a.txt"))
    assert article.plain is True
    assert article.text == "Erste Zeile\nzweite\ndritte\n\nvierte ␛[2J"
    assert article.entry is None and article.candidates == ()


def test_unknown_extension_that_is_text_reads_as_text() -> None:
    article = only(read_bytes(b"Some words in a file with no extension.", "STORY"))
    assert article.text == "Some words in a file with no extension." and article.plain


def test_text_opening_with_a_bracket_is_still_text() -> None:
    article = only(read_bytes(b"[Update] The council met again on Monday.", "a.txt"))
    assert article.text.startswith("[Update]")


def test_text_file_with_front_matter_uses_it() -> None:
    data = b"---\ntitle: Notes\nsource: Example Post\n---\nThe body of the note.\n"
    article = only(read_bytes(data, "a.txt"))
    assert values(article) == {"title": "Notes", "outlet": "Example Post"}
    assert article.text == "The body of the note." and article.plain


def test_text_file_opening_with_dashes_is_kept_whole() -> None:
    data = b"---\nnot: [yaml\n---\nbody\n"
    article = only(read_bytes(data, "a.txt"))
    assert article.text == "---\nnot: [yaml\n---\nbody"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Grüße aus München. Die Straße ist schön, sagt Jürgen Weiß.", "latin-1"),
        ("L’été à Paris : « C’est très chaud », dit-il… 30 €.", "cp1252"),
        ("東京で新しい人工知能の開発が発表されました。研究者たちは議論しています。", "shift_jis"),
        ("北京宣布了新的人工智能开源计划。研究人员讨论了开源模型与闭源模型之间的区别。", "gb18030"),
        ("Text in UTF-16 mit Umlauten: äöü ß.", "utf-16"),
    ],
)
def test_plain_text_in_other_encodings(text: str, codec: str) -> None:
    assert only(read_bytes(text.encode(codec), "a.txt")).text == text


def test_mixed_line_endings() -> None:
    article = only(read_bytes(b"one\r\ntwo\nthree\rfour\r\n\r\n\r\nfive", "a.txt"))
    assert article.text == "one\ntwo\nthree\nfour\n\nfive"


def test_nul_bytes_stay_visible_in_text() -> None:
    article = only(read_bytes(b"Before\x00after, and the rest of the sentence.", "a.txt"))
    assert article.text == "Before\u2400after, and the rest of the sentence."


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n  ", "\ufeff \u200b\n".encode(), b"\xff\xfe \x00"]
)
def test_empty_and_whitespace_files(data: bytes) -> None:
    with pytest.raises(ReadError, match="^empty file$"):
        read_bytes(data, "a.txt")


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "photo.txt", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4, "x.txt", "JPEG"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "report.txt", "PDF"),
        (b"PK\x03\x04" + bytes(200), "story.docx", "ZIP"),
        (bytes(range(256)) * 16, "data.txt", "not a text file"),
        (b"\x00\x00\x00\x01" * 300, "data.md", "not a text file"),
    ],
)
def test_binary_files_are_refused(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(ReadError, match=reason) as info:
        read_bytes(data, name)
    assert name not in str(info.value)  # the caller names the file


def test_asset_files_of_saved_pages_are_unsupported() -> None:
    with pytest.raises(ReadError, match=r"unsupported format \(\.css"):
        read_bytes(b"body { color: red }", "page_files/style.css")


# --- Markdown -------------------------------------------------------------------------

FRONT = """---
headline: "Meta weighs a closed model"
publisher: The Example Times
canonical_url: https://example.com/2025/07/15/meta
published: 2025-07-15
updated: 2025-07-16T09:00:00Z
authors: [Ana Lima, Ben Okafor]
lang: en_us
tags: [ai, meta]
rating: 5
---
# A heading that is not the title

Body paragraph one.

Body paragraph two with **bold** kept as written.
"""


def test_markdown_front_matter_fields_and_aliases() -> None:
    article = only(read_bytes(FRONT.encode(), "a.md"))
    assert values(article) == {
        "title": "Meta weighs a closed model",
        "outlet": "The Example Times",
        "url": "https://example.com/2025/07/15/meta",
        "date": "2025-07-15",
        "author": "Ana Lima, Ben Okafor",
        "language": "en-US",
    }
    assert all(c.source == SOURCE_FRONT_MATTER for c in article.candidates)
    assert all(c.confidence == CONFIRMED for c in article.candidates)
    assert all(c.field in META_FIELDS for c in article.candidates)
    extra = dict(article.extra)
    assert extra["tags"] == '["ai", "meta"]' and extra["rating"] == "5"
    assert extra["updated"] == "2025-07-16T09:00:00+00:00"
    assert article.text.startswith("# A heading that is not the title\n\nBody paragraph one.")
    assert "**bold**" in article.text and article.plain is False


def test_markdown_updated_date_only_when_nothing_else() -> None:
    data = b"---\ntitle: T\nupdated: 2025-07-16\n---\nBody text.\n"
    (cand,) = [c for c in only(read_bytes(data, "a.md")).candidates if c.field == "date"]
    assert cand.value == "2025-07-16" and cand.confidence == INFERRED


def test_markdown_without_title_key_uses_first_heading() -> None:
    data = b"---\nauthor: Kim\n---\n```\n# not a heading\n```\n\nMain Title\n==========\n\nText.\n"
    article = only(read_bytes(data, "a.md"))
    (title,) = [c for c in article.candidates if c.field == "title"]
    assert (title.value, title.source, title.confidence) == ("Main Title", SOURCE_TEXT, INFERRED)


def test_markdown_invalid_front_matter_reads_body_with_warning() -> None:
    data = b"---\ntitle: [unclosed\n  : : :\n---\n# Heading\n\nThe body is still read.\n"
    content = read_bytes(data, "post.markdown")
    assert content.warnings == ("front matter is not valid YAML; metadata ignored",)
    article = only(content)
    assert article.text == "The body is still read."  # its heading is its title
    assert values(article) == {"title": "Heading"}


def test_markdown_heading_that_repeats_the_title_is_not_kept_in_the_text() -> None:
    data = b"---\ntitle: Water crisis: what we know\n---\n\n# Water crisis: what we know\n\nBody.\n"
    assert only(read_bytes(data, "a.md")).text == "Body."
    other = b"---\ntitle: Another title\n---\n\n# Water crisis\n\nBody.\n"
    assert only(read_bytes(other, "b.md")).text == "# Water crisis\n\nBody."
    alone = b"# Nothing but a heading\n"
    assert only(read_bytes(alone, "c.md")).text == "# Nothing but a heading"


def test_markdown_front_matter_not_a_mapping() -> None:
    content = read_bytes(b"---\n- just\n- a list\n---\nBody.\n", "a.md")
    assert content.warnings == ("front matter is not valid YAML; metadata ignored",)
    assert only(content).text == "Body."


def test_markdown_toml_front_matter() -> None:
    data = b'+++\ntitle = "Hugo post"\ndate = 2025-07-15T10:00:00Z\n+++\nBody.\n'
    article = only(read_bytes(data, "a.md"))
    assert values(article) == {"title": "Hugo post", "date": "2025-07-15T10:00:00+00:00"}


def test_markdown_yaml_alias_bomb_stays_small() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    data = ("---\n" + "\n".join(lines) + "\n---\nBody.\n").encode()
    article = only(read_bytes(data, "a.md"))
    assert all(len(value) < 5000 for _, value in article.extra)


def test_markdown_only_front_matter_is_refused() -> None:
    with pytest.raises(ReadError, match="no text after the front matter"):
        read_bytes(b"---\ntitle: Only metadata\n---\n\n", "a.md")


def test_markdown_metadata_values_are_display_safe() -> None:
    data = '---\ntitle: "Evil \\e[31m title\\u202e"\nauthor: "a\\nb"\n---\nBody.\n'
    article = only(read_bytes(data.encode(), "a.md"))
    assert values(article)["title"] == "Evil ␛[31m title<U+202E>"
    assert values(article)["author"] == "a b"
