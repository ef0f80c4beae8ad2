"""Readers: JSON, JSON Lines and CSV/TSV records."""

from __future__ import annotations

import json

import pytest

from index.errors import ReadError
from index.models import CONFIRMED, SOURCE_RECORD
from index.readers import read_bytes
from index.readers.base import Extracted


def values(article: Extracted) -> dict[str, str]:
    return {c.field: c.value for c in article.candidates}


# --- JSON -------------------------------------------------------------------------------


def test_json_single_object() -> None:
    record = {
        "headline": "Council approves budget",
        "body": "The council approved the budget on Tuesday.\n\nIt passed 31 to 12.",
        "summary": "Budget approved.",
        "source": {"id": "gaz", "name": "The Gazette"},
        "publishedAt": "2025-07-15T08:00:00Z",
        "byline": ["Ana Lima", "Ben Okafor"],
        "language": "de_DE",
        "link": "https://gazette.example/budget",
        "views": 1200,
        "tags": ["budget", "council"],
        "empty": None,
    }
    content = read_bytes(json.dumps(record).encode(), "a.json")
    (article,) = content.articles
    assert article.entry is None and not article.plain
    assert article.text == "The council approved the budget on Tuesday.\n\nIt passed 31 to 12."
    assert values(article) == {
        "title": "Council approves budget",
        "outlet": "The Gazette",
        "url": "https://gazette.example/budget",
        "date": "2025-07-15T08:00:00+00:00",
        "author": "Ana Lima, Ben Okafor",
        "language": "de-DE",
    }
    assert {(c.source, c.confidence) for c in article.candidates} == {(SOURCE_RECORD, CONFIRMED)}
    extra = dict(article.extra)
    assert extra["views"] == "1200" and extra["tags"] == '["budget", "council"]'
    assert extra["summary"] == "Budget approved." and "empty" not in extra


def test_json_fullest_text_key_wins_and_html_becomes_text() -> None:
    record = {
        "text": "Short teaser.",
        "content": "<p>The full <b>story</b> text.</p><script>steal()</script>"
        "<style>p{}</style><p>Second paragraph.</p>",
    }
    (article,) = read_bytes(json.dumps(record).encode(), "a.json").articles
    assert article.text == "The full story text.\n\nSecond paragraph."
    assert dict(article.extra)["text"] == "Short teaser."


def test_json_array_entries_and_records_without_text() -> None:
    data = [{"title": "A", "text": "Text A"}, {"title": "no text"}, 5, {"body": "Text C"}]
    content = read_bytes(json.dumps(data).encode(), "a.json")
    assert [(a.entry, a.text) for a in content.articles] == [(0, "Text A"), (3, "Text C")]
    assert content.warnings == (
        "item 3: not an object, skipped",
        "1 item with no text skipped (item 2)",
    )


@pytest.mark.parametrize(
    "wrapper", ["articles", "items", "data", "results", "entries", "documents"]
)
def test_json_wrapper_object(wrapper: str) -> None:
    data = {"status": "ok", "total": 2, wrapper: [{"text": "One"}, {"content": "Two"}]}
    content = read_bytes(json.dumps(data).encode(), "export.json")
    assert [(a.entry, a.text) for a in content.articles] == [(0, "One"), (1, "Two")]


def test_json_wordpress_rendered_fields() -> None:
    data = [{"title": {"rendered": "WP title"}, "content": {"rendered": "<p>WP body</p>"}}]
    (article,) = read_bytes(json.dumps(data).encode(), "wp.json").articles
    assert article.text == "WP body" and values(article)["title"] == "WP title"


def test_json_unix_timestamp_dates() -> None:
    (article,) = read_bytes(b'{"text": "x", "date": 1752566400}', "a.json").articles
    assert values(article)["date"] == "2025-07-15T08:00:00+00:00"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"title": "x", "text": "unterminated', "invalid JSON"),
        (b"[1, 2,, 3]", "invalid JSON"),
        (b'{"title": "only metadata"}', "no article text"),
        (b'[{"title": "a"}, {"title": "b"}]', "no article text in 2 items"),
        (b'"just a string"', "no article object"),
        (b"[]", "no article text in 0 items"),
    ],
)
def test_json_broken(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad.json")


def test_json_text_that_is_empty_after_cleaning_is_no_text() -> None:
    content = read_bytes(b'[{"text": "\\u200b  "}, {"text": "real"}]', "a.json")
    assert [a.text for a in content.articles] == ["real"]
    assert content.warnings == ("1 item with no text skipped (item 1)",)


def test_json_control_characters_and_lone_surrogates_are_safe() -> None:
    data = b'{"text": "a\\u001b[31m b\\ud800 c", "title": "t\\u009b"}'
    (article,) = read_bytes(data, "a.json").articles
    assert article.text == "a␛[31m b\ufffd c" and values(article)["title"] == "t<U+009B>"


def test_json_lines_saved_as_json() -> None:
    content = read_bytes(b'{"text": "one"}\n{"text": "two"}\n', "a.json")
    assert [a.text for a in content.articles] == ["one", "two"]


def test_json_content_with_unknown_extension() -> None:
    content = read_bytes(b'[{"text": "one"}]', "export.dat")
    assert [a.text for a in content.articles] == ["one"]


# --- JSON Lines -------------------------------------------------------------------------


def test_jsonl_bad_lines_are_warnings_and_good_lines_read() -> None:
    lines = [
        '{"title": "A", "text": "Alpha"}',
        "",
        '{"title": "B", "text": "Beta"',
        '{"title": "C", "body": "Gamma", "lang": "fr"}',
        "[1, 2]",
        '{"title": "no text"}',
        "not json at all",
        '{"text": "Delta"}',
    ]
    content = read_bytes("\n".join(lines).encode(), "a.jsonl")
    assert [(a.entry, a.text) for a in content.articles] == [
        (0, "Alpha"),
        (3, "Gamma"),
        (7, "Delta"),
    ]
    assert content.warnings == (
        "line 3: invalid JSON, skipped",
        "line 7: invalid JSON, skipped",
        "line 5: not an object, skipped",
        "1 line with no text skipped (line 6)",
    )


def test_jsonl_many_bad_lines_are_summarised() -> None:
    data = "\n".join(['{"text": "ok"}'] + ["{broken"] * 50).encode()
    content = read_bytes(data, "a.ndjson")
    assert len(content.articles) == 1 and len(content.warnings) <= 6
    assert "more lines of invalid JSON skipped" in content.warnings[-1]


def test_jsonl_detected_by_content() -> None:
    content = read_bytes(b'{"text": "one"}\n{"text": "two"}\n{"text": "three"}\n', "dump")
    assert [a.entry for a in content.articles] == [0, 1, 2]


def test_jsonl_all_lines_bad() -> None:
    with pytest.raises(ReadError, match="no line is valid JSON"):
        read_bytes(b"{bad\n{worse\n", "a.jsonl")


# --- CSV / TSV --------------------------------------------------------------------------


def test_csv_good_file() -> None:
    data = (
        b"title,Text,outlet,date,author\n"
        b'"Budget, approved","The council approved the budget.\nA second line.",Gazette,'
        b"2025-07-15,Ana Lima\n"
        b"Second,Another article text,Herald,15 July 2025,\n"
    )
    content = read_bytes(data, "a.csv")
    assert content.warnings == ()
    first, second = content.articles
    assert first.entry == 0 and second.entry == 1
    assert first.text == "The council approved the budget.\nA second line."
    assert values(first) == {
        "title": "Budget, approved",
        "outlet": "Gazette",
        "date": "2025-07-15",
        "author": "Ana Lima",
    }
    assert values(second)["date"] == "15 July 2025"


def test_csv_semicolon_delimiter_sniffed() -> None:
    data = "titel;text;quelle\nA;Erster Text, mit Komma;Zeitung\nB;Zweiter Text;Blatt\n"
    content = read_bytes(data.encode("cp1252"), "export.csv")
    assert [a.text for a in content.articles] == ["Erster Text, mit Komma", "Zweiter Text"]
    assert values(content.articles[0]) == {"title": "A", "outlet": "Zeitung"}


def test_tsv() -> None:
    content = read_bytes(b"headline\tbody\nA\tFirst body\nB\tSecond body\n", "a.tsv")
    assert [(values(a)["title"], a.text) for a in content.articles] == [
        ("A", "First body"),
        ("B", "Second body"),
    ]


def test_csv_ragged_rows_counted_in_one_warning() -> None:
    data = b"title,text\nA,First\nB\nC,Third,extra,cells\n,\nD,Fourth\n"
    content = read_bytes(data, "a.csv")
    assert [a.text for a in content.articles] == ["First", "Third", "Fourth"]
    assert content.warnings[0].startswith("2 rows with more or fewer fields")
    assert "1 row with no text skipped" in content.warnings[1]
    assert dict(content.articles[1].extra)["_overflow"] == "extra | cells"


def test_csv_without_text_column() -> None:
    with pytest.raises(ReadError, match=r"^no text column \(expected one of: text, body, content"):
        read_bytes(b"title,author\nA,B\n", "a.csv")


def test_csv_huge_field() -> None:
    big = "word " * 40000
    content = read_bytes(f'text\n"{big}"\n'.encode(), "a.csv")
    assert content.articles[0].text == big.strip()


def test_csv_header_only() -> None:
    with pytest.raises(ReadError, match="no rows"):
        read_bytes(b"title,text\n", "a.csv")
