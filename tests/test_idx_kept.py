"""index with no UI: exports (CSV a spreadsheet opens, JSON, JSONL, Markdown), atomic
writes, the saved state (surviving a kill mid-write) and the comparison report,
on a small corpus of articles written for these tests."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from index import (
    ExplorerError,
    Library,
    State,
    article_markdown,
    export_format,
    gather,
    render_rows,
    report_html,
    report_markdown,
    result_rows,
    write_atomic,
)

ARTICLES = {
    "gazette.md": """---
title: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
outlet: Harbour Gazette
date: 2024-03-02
author: "@ana"
---
The harbour authority said on Monday that the north quay will close for repairs until June.
"We cannot keep ships waiting," said Marta Lindqvist, the harbour master.
Fishers fear the closure will cost them the spring season, the union said.
<script>alert('x')</script> *not bold* | a pipe | and # not a heading.
""",
    "courier.md": """---
title: Quay closes for repairs
outlet: Coast Courier
date: 2024-03-03
---
The harbour authority said on Monday that the north quay will close for repairs until June.
"We cannot keep ships waiting," said the mayor, Jonas Berg, at a meeting on Tuesday.
-1 is what the union called the deal, with +2 percent promised later.
The city council will vote on the repair budget next week, officials said.
""",
    "wire.txt": "Tidal Wire\nShipping lines were told to use the south quay while the north quay "
    "is repaired, the harbour authority said in a statement on Monday afternoon.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("harbour")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    lib = Library(root, tmp_path_factory.mktemp("ix"))
    lib.build(workers=1)
    return lib


def rows_of(library: Library, query: str) -> tuple[list[dict[str, object]], object]:
    result = library.search(query, limit=None)
    return result_rows(result, {a.id: a for a in library.articles()}), result


def test_csv_opens_as_a_spreadsheet_and_guards_formulas(library: Library) -> None:
    rows, result = rows_of(library, "quay")
    text = render_rows("csv", rows, result, "c", "2024-01-01T00:00:00+00:00")  # type: ignore[arg-type]
    assert text.startswith("\ufeff") and "\r\n" in text
    table = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(table) == result.total == 3  # type: ignore[attr-defined]
    gazette = next(r for r in table if r["outlet"] == "Harbour Gazette")
    assert gazette["title"].startswith("'=HYPERLINK(")  # a formula is text, not run
    assert gazette["author"] == "'@ana"
    assert gazette["date_confidence"] == "confirmed" and gazette["date_source"] == "front-matter"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in table for cell in r.values())
    assert {r["rank"] for r in table} == {"1", "2", "3"}


def test_json_and_jsonl_carry_metadata_and_confidence(library: Library) -> None:
    rows, result = rows_of(library, "quay")
    data = json.loads(render_rows("json", rows, result, "/c", "2024-01-01T00:00:00+00:00"))  # type: ignore[arg-type]
    assert data["query"] == "quay" and data["total"] == 3 and len(data["rows"]) == 3
    lines = render_rows("jsonl", rows, result, "/c", "t").splitlines()  # type: ignore[arg-type]
    parsed = [json.loads(line) for line in lines]
    assert parsed == data["rows"]
    wire = next(r for r in parsed if r["file"] == "wire.txt")
    assert wire["title"] is None or wire["title_confidence"] != "confirmed"
    assert all(r["title"] != "'" for r in parsed)  # JSON keeps values as they are


def test_format_comes_from_the_extension_or_is_an_error(tmp_path: Path) -> None:
    assert export_format(tmp_path / "a.CSV") == "csv"
    assert export_format(tmp_path / "a.txt", "jsonl") == "jsonl"
    with pytest.raises(ExplorerError, match=r"\.txt"):
        export_format(tmp_path / "a.txt")
    with pytest.raises(ExplorerError):
        export_format(tmp_path / "a.csv", "xlsx")


def test_markdown_has_front_matter_and_escapes_markup(library: Library) -> None:
    article = next(a for a in library.articles() if a.file == "gazette.md")
    text = article_markdown(article)
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["outlet"] == "Harbour Gazette" and meta["id"] == article.id
    assert meta["metadata"]["date"]["confidence"] == "confirmed"
    assert "<script>" not in body and "\\<script\\>" in body
    assert "\\*not bold\\*" in body
    assert "Marta Lindqvist" in body


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new,ü\n")
    assert target.read_text(encoding="utf-8") == "new,ü\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    with pytest.raises(ExplorerError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "x.csv", "x")
    with pytest.raises(ExplorerError, match="folder"):
        write_atomic(tmp_path, "x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        # root ignores permissions: /proc takes no new files from anyone
        unwritable = locked if not os.access(locked, os.W_OK) else Path("/proc")
        with pytest.raises(ExplorerError, match="cannot write"):
            write_atomic(unwritable / "x.csv", "x")
    finally:
        locked.chmod(0o700)


def test_state_keeps_notes_tags_queries_and_bookmarks(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite3")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = state.add_note(corpus, "a1", "Check the 100% figure", "Title A", ("todo",))
    state.add_note(corpus, "a2", "Second note_x", "Title B")
    state.add_note(tmp_path, "a1", "other corpus")
    assert first.tags == ("todo",)
    assert [n.text for n in state.notes(corpus, "a1")] == ["Check the 100% figure"]
    assert [n.text for n in state.notes(search="100%")] == ["Check the 100% figure"]
    assert [n.text for n in state.notes(search="TODO")] == ["Check the 100% figure"]
    assert [n.text for n in state.notes(search="e_x")] == ["Second note_x"]
    assert state.notes(search="e%x") == ()  # % is literal, not a wildcard
    assert len(state.notes()) == 3 and len(state.notes(corpus)) == 2
    with pytest.raises(ExplorerError):
        state.add_note(corpus, "a1", "   ")
    state.set_last_query(corpus, "quay AND repair")
    state.opened(corpus)
    assert state.last_query(corpus) == "quay AND repair"
    assert state.recent()[0].path == str(corpus.resolve())
    assert state.toggle_bookmark(corpus, "a1", "Title A") is True
    assert [b.article for b in state.bookmarks(corpus)] == ["a1"]
    assert state.toggle_bookmark(corpus, "a1") is False and state.bookmarks() == ()
    state.set("theme", "nord")
    state.close()
    again = State(tmp_path / "s.sqlite3")
    assert again.get("theme") == "nord" and len(again.notes()) == 3


_WRITER = """
import sys
from index import State
state = State(sys.argv[1])
for i in range(3):
    state.add_note("/corpus", f"a{i}", f"kept note {i}")
print("ready", flush=True)
i = 0
while True:
    state.add_note("/corpus", "busy", "x" * 5000 + str(i), tags=("t" + str(i),))
    i += 1
"""


def test_notes_survive_a_kill_mid_write(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(_WRITER), str(path)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    import time

    time.sleep(0.5)  # well inside the loop of writes
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    state = State(path)
    kept = {n.text for n in state.notes(article=None) if n.article != "busy"}
    assert kept == {"kept note 0", "kept note 1", "kept note 2"}
    busy = state.notes("/corpus", "busy")
    assert busy and all(len(n.text) > 5000 for n in busy)  # no half-written note
    state.add_note("/corpus", "a0", "after the crash")
    assert len(state.notes("/corpus", "a0")) == 2


def test_report_shows_coverage_with_evidence(library: Library) -> None:
    report = gather(library, "2024-01-01T00:00:00+00:00")
    # the library's own answers, worked out once beside the index, not analysed again
    assert report.beats is library.beats().beats and report.reuse is library.reuse()
    assert report.quotes is library.quotes() and report.frames is library.frames()[0]
    assert {"Coast Courier", "Harbour Gazette"} <= set(report.outlets)
    assert len(report.outlets) == 3
    md = report_markdown(report)
    for heading in ("## Outlets and dates", "## Frames by outlet", "## Claim coverage",
                    "## Shared passages and reuse", "## Quote ledger"):  # fmt: skip
        assert heading in md
    assert "Marta Lindqvist" in md and "Jonas Berg" in md  # two speakers, the same words
    assert "north quay will close for repairs until June" in md  # the shared passage
    assert "<script>" not in md
    html = report_html(report)
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "http://" not in html.replace("http://evil.example", "")  # nothing to fetch
    assert "https://" not in html


def test_report_on_a_query_covers_only_its_articles(library: Library) -> None:
    report = gather(library, "t", query="council")
    assert [a.file for a in report.articles] == ["courier.md"]
    (courier,) = report.articles
    analysed = {f.article.id for f in report.frames} | {q.article.id for q in report.quotes}
    analysed |= {m.article.id for beat in report.beats for m in beat.mentions}
    assert analysed == {courier.id} and not report.reuse.pairs
    assert "articles matching council" in report_markdown(report)


def test_the_suggested_export_folder_is_never_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index import default_export_folder

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(corpus / "sub")
    assert default_export_folder(corpus) == tmp_path / "home"
    monkeypatch.chdir(tmp_path)
    assert default_export_folder(corpus) == tmp_path
