"""Faults while building or reading: a build killed with SIGKILL, a full disk, a read-only
index folder, an index from an older schema, two processes on one index, and corpus files
deleted or edited while the app is open. Each asserts the one line the user sees and that
what was indexed before is still there. (Killed builds during reading are also covered in
tests/test_index_build.py: a killed rebuild and a killed first build.)"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.notifications import Notify
from whoosh.writing import SegmentWriter

from explorer import make_app
from explorer.app import ExplorerApp
from explorer.cli import main
from index import Library, store
from index import schema as sf
from tests.hardening.hostile import article

ROOT = Path(__file__).resolve().parents[2]


def small_corpus(root: Path, count: int = 3) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (root / f"story-{number:03}.txt").write_text(
            f"Story {number}: " + article(f"zythstory{number}"), encoding="utf-8"
        )
    return root


def built(tmp_path: Path, count: int = 3) -> tuple[Path, Path, Library, set[str]]:
    corpus = small_corpus(tmp_path / "corpus", count)
    ix = tmp_path / "ix"
    library = Library(corpus, ix)
    library.build(workers=1)
    return corpus, ix, library, {a.id for a in library.articles()}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    """The error line, after at most the "indexing ... …" line a build prints first."""
    lines = err.splitlines(keepends=True)
    assert "Traceback" not in err and len(lines) <= 2
    assert [line.startswith("explorer: ") for line in lines] == [False] * (len(lines) - 1) + [True]
    return lines[-1]


def disk_full(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


KILL_AT = """
import sys
from index import Library

def progress(p):
    if p.phase == sys.argv[3]:
        print("there", flush=True)
        sys.stdin.readline()  # wait here until killed

Library(sys.argv[1], sys.argv[2]).build(progress=progress, workers=1)
"""


def test_kill_9_while_committing_keeps_the_previous_index_and_the_next_build_recovers(
    tmp_path: Path,
) -> None:
    corpus, ix, library, before = built(tmp_path)
    library.close()
    small_corpus(tmp_path / "corpus", 40)  # 37 new stories to commit
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_AT, str(corpus), str(ix), "committing"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "there"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    survivor = Library(corpus, ix)
    assert {a.id for a in survivor.articles()} == before
    assert survivor.search("zythstory39").total == 0
    recovered = survivor.build(workers=1)
    assert recovered.indexed == 37 and recovered.unchanged == 3
    assert survivor.search("zythstory39").total == 1
    survivor.close()


def test_disk_full_while_indexing_is_one_line_and_the_previous_index_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ix, library, before = built(tmp_path)
    small_corpus(corpus, 6)
    files = {p.name for p in ix.glob("g-*/*")}
    real_add = SegmentWriter.add_document
    added: list[int] = []

    def fill_up(self: SegmentWriter, **fields: Any) -> None:
        added.append(1)
        if len(added) > 2:  # the disk fills after a couple of documents are written
            disk_full()
        real_add(self, **fields)

    monkeypatch.setattr(SegmentWriter, "add_document", fill_up)
    code, out, err = cli(capsys, "index", str(corpus), "--index", str(ix))
    assert code == 1 and out == ""
    assert one_line(err) == (
        f"explorer: index {ix} could not be written (no space left on device); free some "
        "space, or give another folder with --index DIR; the previous index is unchanged\n"
    )
    assert {a.id for a in library.articles()} == before
    left = {p.name for p in ix.glob("g-*/*")} - files
    assert left <= {"MAIN_WRITELOCK"}  # the failed writer's segment and spill files are gone
    monkeypatch.undo()
    assert library.build(workers=1).indexed == 3  # space again: the next build catches up


def test_disk_full_while_committing_keeps_the_previous_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, ix, library, before = built(tmp_path)
    (corpus / "story-000.txt").write_text(article("zythedited"), encoding="utf-8")
    monkeypatch.setattr(SegmentWriter, "commit", disk_full)
    with pytest.raises(Exception, match="no space left on device") as error:
        library.build(workers=1)
    assert type(error.value).__name__ == "ExplorerError"
    assert {a.id for a in library.articles()} == before
    assert library.search("zythstory0").total == 1 and library.search("zythedited").total == 0


def test_disk_full_on_a_first_build_leaves_no_half_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    ix = tmp_path / "ix"
    monkeypatch.setattr(store, "write_json_atomic", disk_full)
    code, _, err = cli(capsys, "index", str(corpus), "--index", str(ix))
    assert code == 1 and one_line(err).rstrip().endswith("nothing was indexed")
    assert list(ix.glob("g-*")) == []  # the half-made generation is gone


def read_only(monkeypatch: pytest.MonkeyPatch, ix: Path) -> None:
    """We run as root, so a read-only folder is simulated: opening the lock file fails."""
    real = open

    def fake_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == ix / store.LOCK:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(store, "open", fake_open, raising=False)


def test_read_only_index_folder_says_what_to_do_and_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ix, library, before = built(tmp_path)
    read_only(monkeypatch, ix)
    code, _, err = cli(capsys, "index", str(corpus), "--index", str(ix))
    assert code == 1 and one_line(err) == (
        f"explorer: index folder {ix} cannot be written (read-only file system); "
        "give another with --index DIR\n"
    )
    code, out, _ = cli(capsys, "search", "zythstory1", str(corpus), "--index", str(ix), "--json")
    assert code == 0 and json.loads(out)["total"] == 1  # read-only use of the index
    assert {a.id for a in library.articles()} == before


async def test_read_only_index_folder_in_the_app_shows_the_line_and_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, ix, _library, before = built(tmp_path)
    read_only(monkeypatch, ix)
    app = make_app(corpus, ix)
    messages: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await until(pilot, lambda: app.main is not None and app.main.ready)
        assert app.main is not None and {a.id for a in app.main.articles} == before
        await until(pilot, lambda: any("cannot be written (read-only file system)" in note
                                       for note in notes(messages)))  # fmt: skip


def test_an_index_from_an_older_schema_is_rebuilt_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ix, library, before = built(tmp_path)
    library.close()
    state = json.loads((ix / store.STATE).read_text())
    (ix / store.STATE).write_text(json.dumps({**state, "schema": sf.SCHEMA_VERSION - 1}))
    code, out, _ = cli(capsys, "index", str(corpus), "--index", str(ix))
    assert code == 0
    assert out.splitlines()[0] == "index was built by another version of explorer; rebuilt"
    assert {a.id for a in Library(corpus, ix).articles()} == before


async def test_an_older_index_opened_in_the_app_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    corpus, ix, library, before = built(tmp_path)
    library.close()
    state = json.loads((ix / store.STATE).read_text())
    (ix / store.STATE).write_text(json.dumps({**state, "schema": sf.SCHEMA_VERSION - 1}))
    app = make_app(corpus, ix)
    messages: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await until(pilot, lambda: app.main is not None and app.main.ready)
        assert app.main is not None and {a.id for a in app.main.articles} == before
        await until(pilot, lambda: "index was built by another version of explorer; rebuilt"
                    in notes(messages))  # fmt: skip


HOLD_LOCK = """
import sys
from index import store
with store.build_lock(__import__("pathlib").Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_two_processes_on_one_index_the_second_reads_or_is_told_it_is_busy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ix, library, before = built(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(ix)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        code, _, err = cli(capsys, "index", str(corpus), "--index", str(ix))
        assert code == 1 and one_line(err) == (
            f"explorer: index {ix} is busy: another explorer is building it; "
            "try again when it finishes\n"
        )
        code, out, _ = cli(
            capsys, "search", "zythstory2", str(corpus), "--index", str(ix), "--json"
        )
        assert code == 0 and json.loads(out)["total"] == 1  # the second one reads
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert {a.id for a in library.articles()} == before


async def until(pilot: Any, condition: Callable[[], bool], seconds: float = 20) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def notes(messages: list[Message]) -> list[str]:
    return [str(m.notification.message) for m in messages if isinstance(m, Notify)]


async def open_first_hit(pilot: Any, app: ExplorerApp, query: str) -> None:
    assert app.main is not None
    app.main.query_one("#query").value = query  # type: ignore[attr-defined]
    await until(pilot, lambda: app.main is not None and app.main.last_result is not None
                and app.main.last_result.query == query)  # fmt: skip
    hits = app.main.last_result.hits  # type: ignore[union-attr]
    assert hits
    app.main.open_article(hits[0].id, focus=True)


async def test_a_file_deleted_or_edited_while_the_app_is_open(tmp_path: Path) -> None:
    corpus, ix, _library, _ = built(tmp_path)
    app = make_app(corpus, ix)
    messages: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await until(pilot, lambda: app.main is not None and app.main.ready)
        (corpus / "story-001.txt").unlink()
        (corpus / "story-002.txt").write_text(article("zythrewritten"), encoding="utf-8")
        await open_first_hit(pilot, app, "zythstory1")
        await until(
            pilot, lambda: any("deleted after it was indexed" in n for n in notes(messages))
        )
        assert "story-001.txt (shown as indexed) was deleted after it was indexed; re-index to " \
               "drop it (Ctrl+P: Re-index)" in notes(messages)  # fmt: skip
        await open_first_hit(pilot, app, "zythstory2")
        await until(
            pilot, lambda: any("changed after it was indexed" in n for n in notes(messages))
        )
        assert app.is_running
        app.action_reindex()
        await until(pilot, lambda: len([m for m in messages
                                        if isinstance(m, ExplorerApp.BuildFinished)]) == 2)  # fmt: skip
        assert app.main is not None
        files = sorted(a.file for a in app.main.articles)
        assert files == ["story-000.txt", "story-002.txt"]
        assert app.main.library.search("zythrewritten").total == 1
        assert app.main.library.search("zythstory1").total == 0


def test_show_names_a_file_changed_since_indexing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ix, library, _ = built(tmp_path)
    (corpus / "story-000.txt").write_text(article("zythnewer"), encoding="utf-8")
    code, out, err = cli(capsys, "show", "story-000", str(corpus), "--index", str(ix))
    assert code == 0 and "zythstory0" in out
    assert err == (
        "explorer: note: story-000.txt (shown as indexed) changed after it was indexed; "
        f"re-index to read the new version (explorer index {corpus})\n"
    )
    os.utime(corpus / "story-001.txt")  # touched, same content: no note
    code, _, err = cli(capsys, "show", "story-001", str(corpus), "--index", str(ix))
    assert code == 0 and err == ""


async def test_a_corpus_folder_gone_while_the_app_is_open_loses_nothing(tmp_path: Path) -> None:
    """An unmounted drive or a moved folder: a re-index must not read it as every file removed."""
    corpus, ix, _library, before = built(tmp_path)
    app = make_app(corpus, ix)
    messages: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await until(pilot, lambda: app.main is not None and app.main.ready)
        corpus.rename(tmp_path / "moved")
        app.action_reindex()
        await until(
            pilot, lambda: any("moved, deleted or unmounted?" in n for n in notes(messages))
        )
        assert app.is_running and app.main is not None
        assert {a.id for a in app.main.articles} == before
    assert {a.id for a in Library(tmp_path / "moved", ix).articles()} == before


def test_a_folder_that_cannot_be_listed_keeps_what_was_indexed_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sub-folder whose permissions changed (simulated: we run as root) is not read as
    all its files removed; it is named, and read again once it can be listed."""
    corpus, ix, library, _ = built(tmp_path)
    (corpus / "sub").mkdir()
    for name in ("one", "two"):
        (corpus / "sub" / f"{name}.txt").write_text(article(f"zythsub{name}"), encoding="utf-8")
    assert library.build(workers=1).indexed == 2
    everything = {a.id for a in library.articles()}
    real = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = library.build(workers=1)
    assert summary.removed == 0 and summary.unchanged == 5
    assert [(s.file, s.reason) for s in summary.skipped] == [
        ("sub", "folder cannot be listed; what was indexed from it is kept")
    ]
    assert {a.id for a in library.articles()} == everything
    monkeypatch.undo()
    assert library.build(workers=1).skipped == ()
    assert {a.id for a in library.articles()} == everything


def test_an_indexed_file_that_cannot_be_read_now_keeps_what_was_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edited, then unreadable (permissions, a network share's hiccup; simulated: we run as
    root): the build names it and keeps its indexed text instead of dropping it."""
    from index import changes

    corpus, ix, library, before = built(tmp_path)
    (corpus / "story-001.txt").write_text(article("zythnewtext"), encoding="utf-8")
    real = changes.content_hash

    def content_hash(path: Path | str) -> str:
        if Path(path).name == "story-001.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(changes, "content_hash", content_hash)
    for _ in range(2):  # and again: one line, not one more per build
        summary = library.build(workers=1)
        assert summary.removed == 0 and summary.unchanged == 3
        assert [(s.file, s.reason) for s in summary.skipped] == [
            (
                "story-001.txt",
                "cannot be read now (permission denied); what was indexed from it is kept",
            )
        ]
        assert {a.id for a in library.articles()} == before
    monkeypatch.undo()
    assert library.build(workers=1).indexed == 1
    assert library.search("zythnewtext").total == 1 and library.search("zythstory1").total == 0
