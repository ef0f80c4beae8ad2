"""Reading a corpus: walking, files to articles, ids, duplicates, skip reasons, the manifest."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import index.corpus as corpus
from index import BUNDLED_CORPUS
from index.corpus import (
    article_id,
    corpus_files,
    corpus_root,
    load_manifest,
    read_corpus,
    read_file,
)
from index.errors import CorpusError, ReadError
from index.models import CONFIDENCES, CONFIRMED, INFERRED, META_FIELDS, UNKNOWN
from index.readers import Candidate, Extracted, FileContent

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
ARTICLE = (
    "The harbour authority met on Monday to discuss dredging, fees and the new ferry "
    "timetable, which residents say will change their commute for good."
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def relative(root: Path, paths: list[Path]) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


# The bundled corpus -------------------------------------------------------------


def test_bundled_corpus_gives_five_articles_from_five_outlets() -> None:
    result = read_corpus(BUNDLED_CORPUS)
    assert len(result.articles) == 5
    assert not result.skipped and not result.duplicates and not result.warnings
    assert len({a.outlet for a in result.articles}) == 5
    for article in result.articles:
        for name in META_FIELDS:
            assert article.meta.field(name).confidence in CONFIDENCES
        assert article.meta.outlet.source == "manifest" and article.meta.url.confidence == CONFIRMED
        assert (article.language, article.meta.language.source) == ("en", "detected")


def test_bundled_003_is_dated_inferred_and_without_chrome() -> None:
    result = read_corpus(BUNDLED_CORPUS)
    beam = next(a for a in result.articles if a.file.startswith("003_"))
    assert beam.date == "2025-07-15T08:32:03Z" and beam.date.startswith("2025-07-15")
    assert (beam.meta.date.confidence, beam.meta.date.source) == (INFERRED, "manifest")
    assert "Unix time" in beam.meta.date.note and "15h ago" in beam.meta.date.note
    assert beam.meta.author.value == "Andrew Lee"
    assert beam.title is not None and beam.title.startswith("Meta AI's Bold Shift")
    assert beam.text.startswith("In a surprising turn of events")
    for chrome in ("Logo", "HomeNews", "15h ago", "More Pictures", "entrepreneurship", "©"):
        assert chrome not in beam.text


def test_bundled_dates_known_only_as_bounds_say_why() -> None:
    by_prefix = {a.file[:3]: a for a in read_corpus(BUNDLED_CORPUS).articles}
    for key in ("000", "004"):
        meta = by_prefix[key].meta
        assert meta.date.value is None and meta.date.confidence == UNKNOWN
        assert (meta.date_earliest, meta.date_latest) == ("2025-07-14", None)
        assert "2025-07-14" in meta.date.note
        assert meta.title.value is None and meta.title.note == "none on the page"
    mid_july = by_prefix["002"].meta
    assert (mid_july.date_earliest, mid_july.date_latest) == ("2025-07-14", "2025-07-20")
    assert "mid-July" in mid_july.date.note
    about = by_prefix["001"].meta.date
    assert (about.value, about.confidence) == ("2025-07-15", INFERRED)


def test_bundled_headlines_are_titles_and_the_bodies_keep_labels_and_bullets() -> None:
    by_prefix = {a.file[:3]: a for a in read_corpus(BUNDLED_CORPUS).articles}
    newsbytes, imp = by_prefix["001"], by_prefix["002"]
    assert (
        newsbytes.title
        == "Meta's AI team weighs scrapping open‑source model for closed alternative"
    )
    assert newsbytes.text.startswith("What's the story\n")
    assert "\nModel performance\n" in newsbytes.text
    assert imp.text.startswith("Internal debate over Behemoth")
    assert "\n- Licensing fees for enterprise customers\n" in imp.text
    raw_000 = (BUNDLED_CORPUS / "000_4729bb68434f524b.txt").read_text(encoding="utf-8")
    assert by_prefix["000"].text == raw_000.strip()


# Walking ------------------------------------------------------------------------


def test_walk_is_sorted_recursive_and_skips_hidden_and_the_manifest(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", ".hidden.txt",
                 ".git/config.txt", "sub/.cache/e.txt", "manifest.toml", "manifest.csv"):  # fmt: skip
        write(tmp_path / name, ARTICLE)
    names = relative(tmp_path, corpus_files(tmp_path))
    assert names == ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]


def test_a_file_alone_is_a_corpus(tmp_path: Path) -> None:
    path = write(tmp_path / "one story.txt", ARTICLE)
    assert corpus_files(path) == [path.resolve()]
    assert corpus_root(path) == tmp_path.resolve()
    result = read_corpus(path)
    assert [a.file for a in result.articles] == ["one story.txt"]


def test_a_missing_path_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file or folder"):
        read_corpus(tmp_path / "nowhere")


def test_symlink_loops_do_not_hang_and_linked_files_are_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    outside = write(tmp_path.parent / f"{tmp_path.name}-outside.txt", ARTICLE + " Linked.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "linked.txt").symlink_to(outside)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert relative(tmp_path, corpus_files(tmp_path)) == ["a.txt", "dangling.txt", "linked.txt"]
    result = read_corpus(tmp_path)
    assert {a.file for a in result.articles} == {"a.txt", "linked.txt"}
    assert [(s.file, "cannot be read" in s.reason) for s in result.skipped] == [
        ("dangling.txt", True)
    ]


def test_paths_with_spaces_and_non_ascii_are_relative_posix() -> None:
    result = read_corpus(FIXTURES)
    files = sorted(a.file for a in result.articles)
    assert files == ["de/rathaus.txt", "en/city council ü.txt", "fr/mairie.txt", "ja/kaihatsu.txt"]
    assert not any("drafts" in f for f in files)  # a hidden folder


def skip_if_permissions_do_not_bind(path: Path) -> None:
    """Root (with its usual capabilities) reads and lists anything: nothing to test then."""
    try:
        if path.is_dir():
            os.listdir(path)
        else:
            path.read_bytes()
    except PermissionError:
        return
    path.chmod(0o755)
    pytest.skip("this user reads files whatever their permissions (root)")


def test_an_unreadable_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    locked = write(tmp_path / "locked.txt", ARTICLE + " Locked.")
    locked.chmod(0)
    skip_if_permissions_do_not_bind(locked)
    try:
        result = read_corpus(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [a.file for a in result.articles] == ["a.txt"]
    assert [s.file for s in result.skipped] == ["locked.txt"]
    assert "cannot be read" in result.skipped[0].reason


def test_a_file_that_fails_to_read_is_skipped_with_the_os_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "locked.txt", ARTICLE + " Locked.")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = read_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["a.txt"]
    assert [(s.file, s.reason) for s in result.skipped] == [
        ("locked.txt", "cannot be read: permission denied")
    ]


def test_an_unreadable_folder_is_named_and_the_rest_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    locked = tmp_path / "locked"
    write(locked / "b.txt", ARTICLE + " B.")
    locked.chmod(0)
    skip_if_permissions_do_not_bind(locked)
    try:
        result = read_corpus(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [a.file for a in result.articles] == ["a.txt"]
    assert [s.file for s in result.skipped] == ["locked"]


def test_a_folder_that_cannot_be_listed_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "locked" / "b.txt", ARTICLE + " B.")
    real = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = read_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["a.txt"]
    assert [(s.file, "cannot be listed" in s.reason) for s in result.skipped] == [("locked", True)]


# Articles, ids and duplicates ------------------------------------------------------


def test_ids_are_stable_and_come_from_the_content(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    first = read_corpus(tmp_path).articles[0]
    again = read_corpus(tmp_path).articles[0]
    assert first.id == again.id == article_id(first.text)
    assert article_id("A  text\r\nwith spaces ") == article_id("A text with spaces")
    assert article_id("A text") != article_id("Another text")
    assert len(first.id) == 16 and int(first.id, 16) >= 0


def test_exact_duplicates_are_reported_not_returned_twice(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "copy" / "b.txt", "\n" + ARTICLE + "\n\n")
    write(tmp_path / "c.txt", ARTICLE + " A different ending.")
    result = read_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["a.txt", "c.txt"]
    assert [(d.file, d.same_as, d.entry) for d in result.duplicates] == [
        ("copy/b.txt", "a.txt", None)
    ]
    assert result.duplicates[0].id == result.articles[0].id


def test_empty_and_binary_files_are_skipped_with_one_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "empty.txt", " \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = read_corpus(tmp_path)
    skipped = {s.file: s.reason for s in result.skipped}
    assert set(skipped) == {"empty.txt", "image.txt"}
    assert all(reason and "\n" not in reason for reason in skipped.values())


def test_languages_dates_and_chrome_of_the_fixture_corpus() -> None:
    articles = {a.file: a for a in read_corpus(FIXTURES).articles}
    german = articles["de/rathaus.txt"]
    assert (german.language, german.outlet, german.date) == (
        "de",
        "Berliner Stadtblatt",
        "2025-07-15",
    )
    assert german.meta.date.source == "url" and german.meta.author.value == "Anna Schmidt"
    assert german.title == "Stadtrat beschließt neue Straßenbahnlinie"
    assert not german.text.startswith("Stadtrat beschließt")
    french = articles["fr/mairie.txt"]
    assert (french.language, french.meta.language.source) == ("fr", "manifest")
    assert french.meta.author.value == "Claire Martin"
    assert french.text.endswith("prévu pour le printemps prochain.")
    assert (french.outlet, french.meta.outlet.confidence) == ("Test Wire", INFERRED)
    japanese = articles["ja/kaihatsu.txt"]
    assert (japanese.language, japanese.meta.language.source) == ("ja", "detected")
    assert (japanese.date, japanese.meta.date_earliest) == (None, "2025-07-14")
    english = articles["en/city council ü.txt"]
    assert (english.title, english.meta.title.confidence) == ("Harbour fees and ferries", INFERRED)
    assert (english.date, english.meta.date.confidence) == ("2025-03-03", CONFIRMED)


# What a reader hands over ---------------------------------------------------------


def fake_reader(monkeypatch: pytest.MonkeyPatch, content: FileContent | ReadError) -> None:
    def read_bytes(data: bytes, relpath: str) -> FileContent:
        if isinstance(content, ReadError):
            raise content
        return content

    monkeypatch.setattr(corpus, "read_bytes", read_bytes)


def test_the_files_own_metadata_beats_inference_and_the_manifest_beats_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "feed.xml", "<rss/>")
    entries = tuple(
        Extracted(
            text=f"Entry {n}: {ARTICLE}",
            entry=n,
            candidates=(
                Candidate("title", f"Entry {n}", "feed", CONFIRMED),
                Candidate("outlet", "Feed Outlet", "feed", CONFIRMED),
                Candidate("url", f"https://www.wire.example/2025/07/1{n}/story", "feed", CONFIRMED),
            ),
            extra=(("guid", str(n)),),
        )
        for n in range(3)
    )
    fake_reader(monkeypatch, FileContent(entries, warnings=("one item had no link",)))
    write(
        tmp_path / "manifest.toml",
        '[[article]]\nfile = "feed.xml"\nentry = 1\noutlet = "Override"\n',
    )
    result = read_corpus(tmp_path)
    assert [(a.entry, a.outlet, a.date, a.title) for a in result.articles] == [
        (0, "Feed Outlet", "2025-07-10", "Entry 0"),
        (1, "Override", "2025-07-11", "Entry 1"),
        (2, "Feed Outlet", "2025-07-12", "Entry 2"),
    ]
    assert result.articles[0].meta.date.source == "url"
    assert result.articles[0].meta.extra == (("guid", "0"),)
    assert [(w.file, w.reason) for w in result.warnings] == [("feed.xml", "one item had no link")]


def test_a_reader_error_is_a_skip_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "broken.json", "{")
    fake_reader(monkeypatch, ReadError("not valid JSON (line 1, column 2)"))
    result = read_file(tmp_path, path)
    assert result.articles == ()
    assert [(s.file, s.reason) for s in result.skipped] == [
        ("broken.json", "not valid JSON (line 1, column 2)")
    ]


def test_an_entry_without_text_is_left_out_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "items.jsonl", "{}")
    fake_reader(monkeypatch, FileContent((Extracted(ARTICLE, entry=0), Extracted("  ", entry=1))))
    result = read_file(tmp_path, path)
    assert [a.entry for a in result.articles] == [0]
    assert [(w.file, "no text" in w.reason) for w in result.warnings] == [
        ("items.jsonl (entry 1)", True)
    ]


def test_an_impossible_date_is_a_warning_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "story.md", "x")
    fake_reader(
        monkeypatch,
        FileContent(
            (
                Extracted(
                    ARTICLE,
                    candidates=(Candidate("date", "2025-13-45", "front-matter", CONFIRMED),),
                ),
            )
        ),
    )
    result = read_file(tmp_path, path)
    assert result.articles[0].date is None
    assert [w.file for w in result.warnings] == ["story.md"]
    assert "2025-13-45" in result.warnings[0].reason


def test_a_headline_stays_in_the_text_unless_it_is_the_title(tmp_path: Path) -> None:
    text = "Ferry fees rise again\n" + ARTICLE + "\nOfficials said more was to come this year."
    write(tmp_path / "a.txt", text)
    article = read_corpus(tmp_path).articles[0]
    assert (article.title, article.meta.title.source) == ("Ferry fees rise again", "text")
    assert article.text.startswith("The harbour authority")
    write(tmp_path / "manifest.toml", '[[article]]\nfile = "a.txt"\ntitle = "Another title"\n')
    article = read_corpus(tmp_path).articles[0]
    assert article.title == "Another title"
    assert article.text.startswith("Ferry fees rise again\nThe harbour authority")


def test_a_text_that_is_only_a_headline_is_kept(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Ferry fees rise again")
    assert read_corpus(tmp_path).articles[0].text == "Ferry fees rise again"


# The manifest in a corpus ---------------------------------------------------------


def test_a_broken_manifest_is_a_warning_and_the_corpus_is_read_without_it(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "manifest.toml", '[[article]]\nfile = "a.txt"\noutlet = { value = 1 }\n')
    with pytest.raises(ReadError, match=r"^manifest\.toml: article #1 \(a\.txt\): outlet"):
        load_manifest(tmp_path)
    result = read_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["a.txt"] and not result.skipped
    assert [w.file for w in result.warnings] == ["manifest.toml"]
    assert "metadata was not used" in result.warnings[0].reason


def test_a_manifest_naming_a_missing_file_warns(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "manifest.csv", "file,outlet\na.txt,A Times\nmissing.txt,B Times\n")
    result = read_corpus(tmp_path)
    assert result.articles[0].outlet == "A Times"
    assert [(w.file, "missing.txt" in w.reason) for w in result.warnings] == [
        ("manifest.csv", True)
    ]


def test_the_bundled_corpus_copied_without_its_manifest_still_reads(tmp_path: Path) -> None:
    for path in BUNDLED_CORPUS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    result = read_corpus(tmp_path)
    assert len(result.articles) == 5 and not result.skipped
    beam = next(a for a in result.articles if a.file.startswith("003_"))
    assert (beam.meta.author.value, beam.meta.author.confidence) == ("Andrew Lee", INFERRED)
    assert (beam.meta.title.source, beam.meta.title.confidence) == ("text", INFERRED)
    assert beam.date is None  # without the URL nothing dates it; "15h ago" is no date


def test_a_copied_page_s_copyright_line_names_its_outlet(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(
        "Newswire UK\nHome | UK | World\nGold hoard stolen from museum\nShare this article\n\n"
        "Thieves broke into the museum overnight and took a hoard of Anglo-Saxon gold.\n\n"
        "Police said the raid was planned and asked witnesses to come forward.\n\n"
        "Advertisement\n© 2026 Newswire UK. All rights reserved.\n",
        encoding="utf-8",
    )
    (article,) = read_corpus(tmp_path).articles
    assert article.outlet == "Newswire UK"
    assert article.meta.outlet.confidence == "inferred"
    assert "©" not in article.text
