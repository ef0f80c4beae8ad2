"""What a build knows of the index before reading it: `files.json` beside the committed
index (each file's signature and article ids), used only while it describes the
index's latest commit, and signatures refreshed for files touched without change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index import Library, changes, store
from index import schema as sf


def txt(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body + "\n", encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    txt(root / "tram.txt", "The council voted to expand the tram network after a long debate.")
    txt(root / "ferry.txt", "Ferry fees will rise in April, the harbour authority said today.")
    txt(root / "sub" / "bus.txt", "New bus lanes open on the ring road next month, officials said.")
    return root


def sidecar(library: Library) -> Path:
    generation = store.current_generation(library.index_dir, sf.SCHEMA_VERSION)
    assert generation is not None
    return generation / changes.FILES


def test_the_sidecar_names_every_indexed_file_and_article(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "ix")
    library.build()
    data = store.read_json(sidecar(library))
    assert sorted(data["files"]) == ["ferry.txt", "sub/bus.txt", "tram.txt"]
    ids = sorted(aid for _sig, held in data["files"].values() for aid in held)
    assert ids == sorted(a.id for a in library.articles())


@pytest.mark.parametrize("damage", ["missing", "garbage", "stale"])
def test_a_missing_damaged_or_stale_sidecar_is_not_believed(
    corpus: Path, tmp_path: Path, damage: str
) -> None:
    library = Library(corpus, tmp_path / "ix")
    library.build()
    old = sidecar(library).read_bytes()
    txt(corpus / "ferry.txt", "Ferry fees stay the same this year, the harbour authority said.")
    (corpus / "sub" / "bus.txt").unlink()
    library.build()  # a new commit: the old sidecar describes the index before it
    if damage == "missing":
        sidecar(library).unlink()
    elif damage == "garbage":
        sidecar(library).write_text("{not json", encoding="utf-8")
    else:
        sidecar(library).write_bytes(old)  # says bus.txt is indexed, and ferry's old text
    txt(corpus / "tram.txt", "Trams will run all night at weekends from May, the council said.")
    summary = library.build()
    assert (summary.indexed, summary.unchanged, summary.removed) == (1, 1, 0)
    assert library.search("night").total == 1 and library.search("expand").total == 0
    assert library.search("stay").total == 1 and library.search("lanes").total == 0
    assert len(library.articles()) == 2


def test_a_file_touched_without_change_is_hashed_once(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(corpus, tmp_path / "ix")
    library.build()
    tram = corpus / "tram.txt"
    stat = tram.stat()
    os.utime(tram, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # a copy, a checkout
    hashed: list[str] = []
    real = changes.content_hash

    def counting(path: Path | str) -> str:
        hashed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(changes, "content_hash", counting)
    first = library.build()
    second = library.build()
    assert (first.indexed, first.unchanged) == (0, 3) and (second.indexed, second.unchanged) == (
        0,
        3,
    )
    assert hashed == ["tram.txt"]
