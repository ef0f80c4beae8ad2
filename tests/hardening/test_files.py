"""Hostile and broken files: each is read or skipped with one line naming it and why, and
nothing else in the corpus (or already in the index) is lost. One named test per case;
the reader-level unit tests they build on are in tests/test_readers_*.py and
tests/test_corpus.py."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from index import Library
from index.corpus import MAX_ARTICLE_CHARS, MAX_ARTICLE_FILE, read_file
from tests.hardening.conftest import Hostile
from tests.hardening.hostile import BODY, SCRIPT_WORD, SKIPPED, WORDS, article


def hits(hostile: Hostile, query: str) -> list[str]:
    return [hit.file for hit in hostile.library.search(query, limit=None, strict=True).hits]


def text_of(hostile: Hostile, file: str) -> str:
    return hostile.library.article(file).article.text


def test_every_readable_hostile_file_is_indexed_and_every_other_is_named(hostile: Hostile) -> None:
    for file, word in WORDS.items():
        assert hits(hostile, word) == [file], file
    skipped = {s.file for s in hostile.summary.skipped}
    assert skipped == SKIPPED
    indexed = {a.file for a in hostile.library.articles()}
    assert indexed == set(WORDS)


def test_latin1_file_is_decoded(hostile: Hostile) -> None:
    assert "Café déjà vu" in text_of(hostile, "latin1.txt")
    assert "Señor Müller" in text_of(hostile, "latin1.txt")


def test_windows_1252_file_is_decoded(hostile: Hostile) -> None:
    text = text_of(hostile, "cp1252.txt")
    assert "“Quoted” —" in text and "€5" in text


def test_shift_jis_file_is_decoded(hostile: Hostile) -> None:
    assert "フェリー網の拡大" in text_of(hostile, "shiftjis.txt")
    assert hostile.library.article("shiftjis.txt").article.language == "ja"


def test_gb18030_file_is_decoded(hostile: Hostile) -> None:
    assert "扩大渡轮网络" in text_of(hostile, "gb18030.txt")


def test_utf8_bom_is_dropped(hostile: Hostile) -> None:
    assert text_of(hostile, "bom-utf8.txt").startswith("The zythbomeight desk")


def test_utf16_bom_is_decoded(hostile: Hostile) -> None:
    assert text_of(hostile, "bom-utf16.txt").startswith("The zythbomsixteen desk")


def test_empty_file_is_skipped_with_a_reason(hostile: Hostile) -> None:
    assert hostile.reasons()["empty.txt"] == "empty file"


def test_whitespace_only_file_is_skipped_with_a_reason(hostile: Hostile) -> None:
    assert hostile.reasons()["blank.txt"] == "empty file"


def test_image_renamed_txt_is_skipped_as_an_image(hostile: Hostile) -> None:
    assert hostile.reasons()["image.txt"] == "not a text file (a PNG image)"


def test_a_50_mb_file_is_skipped_by_its_size_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    with open(big, "wb") as handle:  # a text opening, then a sparse 50 MB tail
        handle.write((article("zythbig") + "\n").encode() * 100)
        handle.truncate(50 << 20)
    assert big.stat().st_size > MAX_ARTICLE_FILE
    tracemalloc.start()
    try:
        result = read_file(tmp_path, big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.articles == ()
    assert [s.file for s in result.skipped] == ["dump.txt"]
    assert "too large for one article (50 MB; the limit is 16 MB)" in result.skipped[0].reason
    assert "split it" in result.skipped[0].reason
    assert peak < 4 << 20  # the file was never read whole


def test_an_over_long_record_is_left_out_and_its_neighbours_read(tmp_path: Path) -> None:
    records = [
        {"title": "Huge", "text": "word " * (MAX_ARTICLE_CHARS // 5 + 10)},
        {"title": "Fine", "text": article("zythneighbour")},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = read_file(tmp_path, path)
    assert [a.title for a in result.articles] == ["Fine"]
    assert [w.file for w in result.warnings] == ["dump.jsonl (entry 0)"]
    assert "longer than any news article" in result.warnings[0].reason


def test_nul_bytes_are_shown_as_a_symbol(hostile: Hostile) -> None:
    text = text_of(hostile, "nul.txt")
    assert "\x00" not in text and "\u2400\u2400 and more." in text


def test_mixed_line_endings_become_newlines(hostile: Hostile) -> None:
    text = text_of(hostile, "mixed-eol.txt")
    assert "\r" not in text
    assert text.endswith("Third.\nFourth.")


def test_html_script_and_style_text_is_never_in_the_article(hostile: Hostile) -> None:
    text = text_of(hostile, "page.html")
    assert "zythhtml" in text and SCRIPT_WORD not in text
    assert "alert" not in text and "color:red" not in text
    assert hits(hostile, SCRIPT_WORD) == []


def test_invalid_json_file_is_skipped_with_a_reason(hostile: Hostile) -> None:
    assert "JSON" in hostile.reasons()["broken.json"]


def test_invalid_jsonl_lines_are_named_and_good_lines_read(hostile: Hostile) -> None:
    lines = [w.reason for w in hostile.summary.warnings if w.file == "lines.jsonl"]
    assert lines == ["line 2: invalid JSON, skipped", "line 3: invalid JSON, skipped"]
    entries = [a.entry for a in hostile.library.articles() if a.file == "lines.jsonl"]
    assert entries == [0, 4]


def test_csv_with_ragged_rows_reads_the_rows_it_can(hostile: Hostile) -> None:
    rows = [a.title for a in hostile.library.articles() if a.file == "ragged.csv"]
    assert rows == ["Ragged one", "Too many"]
    warned = [w.reason for w in hostile.summary.warnings if w.file == "ragged.csv"]
    assert any("more or fewer fields than the header" in w for w in warned)
    assert any("row with no text skipped (row 2)" in w for w in warned)


def test_malformed_rss_is_skipped_with_its_parse_error(hostile: Hostile) -> None:
    reason = hostile.reasons()["broken.rss"]
    assert reason.startswith("ill-formed feed (") and reason.endswith("no entries read")


def test_front_matter_that_is_not_yaml_keeps_the_body(hostile: Hostile) -> None:
    assert hostile.reasons()["not-yaml.md"] == "front matter is not valid YAML; metadata ignored"
    assert text_of(hostile, "not-yaml.md").startswith("The zythnotyaml desk")


def test_impossible_date_is_a_warning_and_the_other_keys_are_kept(hostile: Hostile) -> None:
    found = hostile.library.article("bad-date.md").article
    assert found.title == "Bad date"  # PyYAML alone would have dropped the whole front matter
    assert found.date is None
    assert "2025-13-45" in hostile.reasons()["bad-date.md"]


def test_future_date_is_kept_as_stated_with_a_warning(hostile: Hostile) -> None:
    assert hostile.library.article("future.md").article.date == "2999-01-01"
    assert "lies in the future" in hostile.reasons()["future.md"]


def test_a_symlink_loop_is_not_followed(hostile: Hostile) -> None:
    assert (hostile.corpus / "loop" / "again").is_symlink()
    assert not any(a.file.startswith("loop/") for a in hostile.library.articles())


def test_an_unreadable_file_is_skipped_and_the_others_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """We run as root, so permissions are simulated: reading one file raises EACCES."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "locked.txt").write_text(article("zythlocked"), encoding="utf-8")
    (corpus / "open.txt").write_text(article("zythopen"), encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    library = Library(corpus, tmp_path / "ix")
    summary = library.build(workers=1)
    assert [(s.file, s.reason) for s in summary.skipped] == [
        ("locked.txt", "cannot be read: permission denied")
    ]
    assert [a.file for a in library.articles()] == ["open.txt"]
    monkeypatch.setattr(Path, "read_bytes", real)
    assert library.build(workers=1).indexed == 1  # readable again: picked up
    assert len(library.articles()) == 2


def test_a_path_with_spaces_and_non_ascii_is_indexed_and_shown(hostile: Hostile) -> None:
    found = hostile.library.article("with space ü.txt").article
    assert found.file == "with space ü.txt"
    assert hits(hostile, "zythspace") == ["with space ü.txt"]


def test_hostile_files_added_later_lose_no_indexed_article(tmp_path: Path) -> None:
    from tests.hardening.hostile import write_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(f"The zythgood desk {BODY}", encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    library.build(workers=1)
    first = {a.id for a in library.articles()}
    write_corpus(corpus)
    summary = library.build(workers=1)
    assert first <= {a.id for a in library.articles()}
    assert summary.unchanged == 1 and {s.file for s in summary.skipped} == SKIPPED
    assert len(library.articles()) == len(first) + len(WORDS) + 2  # two files hold two records


def test_a_file_name_that_is_not_utf8_is_indexed_under_an_escaped_name(tmp_path: Path) -> None:
    """A Latin-1 name (bytes no UTF-8 decoder accepts) used to stop the whole build."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(article("zythlatinname").encode())
    (corpus / "plain.txt").write_text(article("zythplainname"), encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    summary = library.build(workers=1)
    assert summary.indexed == 2 and summary.skipped == ()
    found = library.article("caf").article
    assert found.file == "caf\\xe9.txt" and "zythlatinname" in found.text
    assert library.changed_on_disk(found) is None  # found again on disk by its escaped name
    assert library.build(workers=1).unchanged == 2
