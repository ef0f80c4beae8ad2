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
    assert data["counts"] == [1, 1, 1] and len(data["signatures"]) == 3
    by_file = {a.file: a.id for a in library.articles()}
    assert data["ids"] == [by_file[file] for file in data["files"]]  # in the files' order


def test_a_file_with_several_articles_keeps_their_ids_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "corpus"
    lines = [f'{{"title": "Item {n}", "text": "Harbour item number {n} of the feed."}}'
             for n in range(3)]  # fmt: skip
    txt(root / "feed.jsonl", "\n".join(lines))
    txt(root / "tram.txt", "The council voted to expand the tram network after a long debate.")
    library = Library(root, tmp_path / "ix")
    library.build()
    data = store.read_json(sidecar(library))
    counts = dict(zip(data["files"], data["counts"], strict=True))
    assert counts == {"feed.jsonl": 3, "tram.txt": 1}
    txt(root / "tram.txt", "Trams will run all night at weekends from May, the council said.")

    def no_columns(*_args: object) -> None:
        raise AssertionError("the index's columns were read: the sidecar was not believed")

    monkeypatch.setattr("index.builder.existing", no_columns)
    summary = library.build()  # only tram.txt is read again
    assert (summary.indexed, summary.unchanged, summary.removed) == (1, 3, 0)
    assert len(library.articles()) == 4


@pytest.mark.parametrize(
    "damage", ["missing", "garbage", "stale", "older layout", "short column", "id twice"]
)
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
    elif damage == "stale":
        sidecar(library).write_bytes(old)  # says bus.txt is indexed, and ferry's old text
    else:
        data = store.read_json(sidecar(library))
        if damage == "older layout":
            data["layout"] = 1
        elif damage == "short column":
            data["signatures"].pop()
        else:
            data["ids"][1] = data["ids"][0]
        store.write_json_atomic(sidecar(library), data)
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
