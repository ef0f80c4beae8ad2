"""Builds: where the index lives, incremental updates, schema versions,
duplicates, the persisted report, the writer lock, and builds killed half way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index import BuildProgress, IndexBusyError, Library, store
from index import schema as sf


def md(path: Path, body: str, **meta: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def txt(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body + "\n", encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    txt(root / "tram.txt", "The council voted to expand the tram network on Tuesday after a "
        "long and bitter debate about the costs of the new lines.")  # fmt: skip
    txt(root / "ferry.txt", "Ferry fees will rise in April, the harbour authority said, "
        "blaming fuel costs and repairs to the old wooden pier.")  # fmt: skip
    txt(root / "sub" / "bus.txt", "New bus lanes open on the ring road next month, the "
        "transport office said, to cut journey times for commuters.")  # fmt: skip
    return root


def test_default_index_dir_is_under_user_data_and_outside_the_corpus(corpus: Path) -> None:
    library = Library(corpus)
    data_home = Path(os.environ["XDG_DATA_HOME"]).resolve()
    assert library.index_dir.is_relative_to(data_home / "explorer" / "indexes")
    assert library.index_dir.name.startswith("corpus-")
    assert not library.index_dir.is_relative_to(corpus)
    assert Library(corpus).index_dir == library.index_dir
    library.build()
    assert library.search("tram").total == 1
    assert not any(p.name.startswith(("state", "g-")) for p in corpus.rglob("*"))


def test_incremental_build_reads_only_new_changed_and_removed(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "ix")
    first = library.build()
    assert (first.indexed, first.unchanged, first.removed, first.rebuilt) == (3, 0, 0, True)
    assert first.message is None
    assert (library.build().indexed, library.build().unchanged) == (0, 3)

    os.utime(corpus / "tram.txt", ns=(1, 1))  # touched, same content: not re-indexed
    txt(corpus / "ferry.txt", "Ferry fees will fall in May after the harbour authority "
        "found money for repairs to the old wooden pier.")  # fmt: skip
    (corpus / "sub" / "bus.txt").unlink()
    txt(corpus / "cycle.txt", "A cycle path along the canal opens next week, linking the "
        "station with the university campus.")  # fmt: skip
    phases: list[str] = []
    update = library.build(progress=lambda p: phases.append(p.phase))
    assert (update.indexed, update.unchanged, update.removed, update.rebuilt) == (2, 1, 1, False)
    assert {"scanning", "reading", "indexing", "committing"} <= set(phases)
    assert library.search("fall", strict=True).total == 1
    assert library.search("rise", strict=True).total == 0
    assert library.search("lanes", strict=True).total == 0
    assert library.search("canal", strict=True).total == 1
    assert library.info().articles == 3


def test_files_are_read_again_by_other_readers(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version whose readers take something else from a file reads every file again
    once; what was read the same stays as it is."""
    from index import changes

    library = Library(corpus, tmp_path / "ix")
    library.build()
    monkeypatch.setattr(changes, "READERS_VERSION", changes.READERS_VERSION + 1)
    seen: list[BuildProgress] = []
    again = library.build(progress=seen.append)
    assert {p.done for p in seen if p.phase == "reading"} == {1, 2, 3}
    assert again.removed == 0 and library.info().articles == 3
    assert (library.build().indexed, library.build().unchanged) == (0, 3)


def test_progress_reports_files_done_of_total(corpus: Path, tmp_path: Path) -> None:
    seen: list[BuildProgress] = []
    Library(corpus, tmp_path / "ix").build(progress=seen.append)
    reading = [p for p in seen if p.phase == "reading"]
    assert [p.done for p in reading] == [1, 2, 3] and {p.total for p in reading} == {3}
    phases = [p.phase for p in seen]
    # the per-article analysis follows the commit, and ends the build
    assert "committing" in phases and phases.index("committing") < phases.index("analysing")
    assert seen[-1].phase == "analysing" and seen[-1].done == seen[-1].total == 3


def test_another_schema_version_is_rebuilt_with_a_message(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    library = Library(corpus, ix)
    library.build()
    old_generation = store.current_generation(ix, sf.SCHEMA_VERSION)
    state = json.loads((ix / store.STATE).read_text())
    state["schema"] = sf.SCHEMA_VERSION - 1
    (ix / store.STATE).write_text(json.dumps(state))
    assert library.needs_build()
    summary = library.build()
    assert summary.rebuilt and summary.indexed == 3
    assert summary.message == "index was built by another version of explorer; rebuilt"
    assert not library.needs_build()
    assert store.current_generation(ix, sf.SCHEMA_VERSION) != old_generation
    assert old_generation is not None and not old_generation.exists()
    assert library.search("ferry").total == 1


def test_exact_duplicates_are_indexed_once_and_reported(corpus: Path, tmp_path: Path) -> None:
    (corpus / "zz-copy.txt").write_bytes((corpus / "tram.txt").read_bytes())
    library = Library(corpus, tmp_path / "ix")
    summary = library.build()
    assert summary.indexed == 3
    assert [(d.file, d.same_as) for d in summary.duplicates] == [("zz-copy.txt", "tram.txt")]
    assert library.search("tram", limit=None).total == 1
    # the report survives an incremental build that reads nothing
    library.build()
    assert [d.file for d in library.info().duplicates] == ["zz-copy.txt"]
    # when the kept copy goes, the other one is indexed in its place
    (corpus / "tram.txt").unlink()
    library.build()
    assert [h.file for h in library.search("tram").hits] == ["zz-copy.txt"]
    assert library.info().duplicates == ()


def test_skipped_files_are_reported_and_retried(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    summary = library.build()
    assert [s.file for s in summary.skipped] == ["empty.txt"]
    assert [s.file for s in library.info().skipped] == ["empty.txt"]
    assert [s.file for s in library.build().skipped] == ["empty.txt"]
    txt(corpus / "empty.txt", "Now the file holds an article about the harbour's new crane "
        "and the jobs it brings to the docks.")  # fmt: skip
    retried = library.build()
    assert retried.skipped == () and retried.indexed == 1
    assert library.info().skipped == ()
    assert library.search("crane").total == 1


def test_a_second_writer_is_told_the_index_is_busy(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    library = Library(corpus, ix)
    library.build()
    with store.build_lock(ix):
        with pytest.raises(IndexBusyError) as error:
            Library(corpus, ix).build()
        assert str(error.value) == (
            f"index {ix} is busy: another explorer is building it; try again when it finishes"
        )
        assert library.search("ferry").total == 1  # readers keep working
    assert library.build().unchanged == 3


BUILD = """
import sys
from index import Library

def progress(p):
    if p.phase == "indexing" and p.done == int(sys.argv[3]):
        print("halfway", flush=True)
        sys.stdin.readline()  # wait here until killed

if __name__ == "__main__":
    Library(sys.argv[1], sys.argv[2]).build(progress=progress, workers=int(sys.argv[4]))
"""


def _killed_build(corpus: Path, ix: Path, tmp_path: Path, at: int, workers: int = 1) -> None:
    script = tmp_path / "build_script.py"
    script.write_text(BUILD, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(ix), str(at), str(workers)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its reader processes die with it
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "halfway"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _many(corpus: Path, count: int) -> None:
    for number in range(count):
        txt(corpus / "many" / f"report-{number:04}.txt", f"Lighthouse report number {number}: "
            f"the keeper logged the storm, tide {number % 7} and the ships passing at night.")  # fmt: skip


def test_a_killed_build_leaves_the_previous_index_searchable(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    library = Library(corpus, ix)
    library.build()
    before = library.search("harbour OR tram", limit=None)
    _many(corpus, 300)
    txt(corpus / "ferry.txt", "Ferry fees are frozen for a year, the harbour authority said.")
    _killed_build(corpus, ix, tmp_path, at=150, workers=2)

    survivor = Library(corpus, ix)
    after = survivor.search("harbour OR tram", limit=None)
    assert [(h.id, h.file) for h in after.hits] == [(h.id, h.file) for h in before.hits]
    assert survivor.search("lighthouse").total == 0
    assert survivor.search("frozen").total == 0

    recovered = survivor.build()
    assert not recovered.rebuilt
    assert recovered.indexed == 301 and recovered.unchanged == 2
    assert survivor.search("lighthouse", limit=None).total == 300
    assert survivor.search("frozen").total == 1
    assert survivor.search("rise").total == 0


def test_a_killed_first_build_is_redone_and_its_leftovers_removed(
    corpus: Path, tmp_path: Path
) -> None:
    ix = tmp_path / "ix"
    _many(corpus, 100)
    _killed_build(corpus, ix, tmp_path, at=50)
    library = Library(corpus, ix)
    assert library.needs_build()
    summary = library.build()
    assert summary.rebuilt and summary.indexed == 103
    generations = [p.name for p in ix.glob("g-*")]
    assert generations == [json.loads((ix / store.STATE).read_text())["generation"]]


def _wire(path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _listing(library: Library) -> list[tuple[str, str, int | None, str | None, str]]:
    return [(a.id, a.file, a.entry, a.title, a.text) for a in library.articles()]


def test_a_changed_feed_rewrites_only_its_changed_entries(corpus: Path, tmp_path: Path) -> None:
    records = [{"title": f"Story {i}", "outlet": "Wire", "date": f"2025-07-{i + 1:02d}",
                "text": f"Dispatch number {i} about the harbour and its ferries, item {i}."}
               for i in range(8)]  # fmt: skip
    _wire(corpus / "wire.jsonl", records)
    library = Library(corpus, tmp_path / "ix")
    assert library.build().indexed == 11
    records[2]["text"] += " A correction was appended."  # new text: a new id
    records[5]["title"] = "Story five, retitled"  # same text and id, other metadata
    del records[6]
    records.insert(0, {"title": "Late", "outlet": "Wire", "text": "A late dispatch on trams."})
    _wire(corpus / "wire.jsonl", records)
    update = library.build()
    # entries after the inserted line moved (their entry number is stored): rewritten too
    assert update.indexed < 11 and update.removed == 0
    assert library.search('"correction was appended"').total == 1
    assert library.search("dispatch number 6").total == 0  # the deleted line is gone
    assert library.search('"story five retitled"').total == 1
    again = library.build()
    assert (again.indexed, again.unchanged) == (0, 11)  # the file's new signature was kept
    fresh = Library(corpus, tmp_path / "fresh")
    fresh.build()
    assert _listing(library) == _listing(fresh)
    records[3]["text"] += " Another fix."  # no line moves: one entry rewritten
    _wire(corpus / "wire.jsonl", records)
    assert (library.build().indexed, library.build().indexed) == (1, 0)
