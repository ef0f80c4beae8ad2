"""The index: incremental and atomic builds, versions, locking, languages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index import IndexBusyError, IndexMissingError, Library, store
from index.schema import SCHEMA_VERSION


def md(path: Path, title: str, body: str, **meta: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = "".join(f"{k}: {v}\n" for k, v in {"title": title, **meta}.items())
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    md(root / "a.md", "Tram vote", "The council voted to expand the tram network on Tuesday "
       "after a long and bitter debate about costs.", outlet="City Post", date="2025-03-04",
       lang="en")  # fmt: skip
    md(root / "b.md", "Ferry fees", "Ferry fees will rise in April, the harbour authority "
       "said, blaming fuel costs and repairs to the old pier.", outlet="Harbour Wire",
       date="2025-03-02", lang="en")  # fmt: skip
    return root


def test_no_index_yet(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "ix")
    assert library.needs_build()
    with pytest.raises(IndexMissingError):
        library.search("tram")


def test_incremental_build_adds_changes_removes_and_skips_touched(
    corpus: Path, tmp_path: Path
) -> None:
    library = Library(corpus, tmp_path / "ix")
    first = library.build()
    assert (first.indexed, first.unchanged, first.removed, first.rebuilt) == (2, 0, 0, True)
    again = library.build()
    assert (again.indexed, again.unchanged, again.rebuilt) == (0, 2, False)
    md(corpus / "c.md", "Bus lanes", "New bus lanes open on the ring road next month, the "
       "transport office said, to cut journey times.", outlet="City Post", lang="en")  # fmt: skip
    (corpus / "b.md").unlink()
    md(corpus / "a.md", "Tram vote", "The council voted to expand the tram network again "
       "after a second debate about costs and routes.", outlet="City Post", lang="en")  # fmt: skip
    os.utime(corpus / "a.md")
    update = library.build()
    assert (update.indexed, update.unchanged, update.removed) == (2, 0, 1)
    assert library.search("ferry").total == 0
    assert library.search("again").total == 1
    assert library.search("bus").total == 1
    os.utime(corpus / "c.md", (1, 1))  # touched, content unchanged
    touched = library.build()
    assert (touched.indexed, touched.unchanged) == (0, 2)


def test_manifest_change_rereads_files(corpus: Path, tmp_path: Path) -> None:
    (corpus / "a.md").write_text(
        "The council voted to expand the tram network on Tuesday after a long debate.\n",
        encoding="utf-8",
    )
    library = Library(corpus, tmp_path / "ix")
    library.build()
    (corpus / "manifest.toml").write_text(
        '[[article]]\nfile = "a.md"\noutlet = "Manifest Daily"\n', encoding="utf-8"
    )
    summary = library.build()
    # both files are read again; only a.md's article changed, so only it is rewritten
    assert (summary.indexed, summary.unchanged) == (1, 1)
    assert library.article("a.md").article.outlet == "Manifest Daily"


def test_another_schema_version_is_rebuilt_with_a_message(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    library = Library(corpus, ix)
    library.build()
    state = json.loads((ix / store.STATE).read_text())
    state["schema"] = SCHEMA_VERSION - 1
    (ix / store.STATE).write_text(json.dumps(state))
    assert library.needs_build()
    summary = library.build()
    assert summary.rebuilt and "another version" in (summary.message or "")
    assert library.search("tram").total == 1
    assert len(list(ix.glob("g-*"))) == 1


def test_second_writer_is_told_the_index_is_busy(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "ix")
    library.build()
    with store.build_lock(tmp_path / "ix"), pytest.raises(IndexBusyError, match="busy"):
        Library(corpus, tmp_path / "ix").build()
    assert library.search("tram").total == 1  # readers keep working


def test_duplicates_across_files_are_reported(corpus: Path, tmp_path: Path) -> None:
    (corpus / "copy.md").write_text((corpus / "a.md").read_text(), encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    summary = library.build()
    assert summary.indexed == 2
    assert [(d.file, d.same_as) for d in summary.duplicates] == [("copy.md", "a.md")]
    assert [d.file for d in library.info().duplicates] == ["copy.md"]


BUILD = """
import sys
from index import Library
lib = Library(sys.argv[1], sys.argv[2])
def progress(p):
    if p.phase == "reading":
        print("reading", flush=True)
lib.build(progress=progress, workers=1)
print("done", flush=True)
"""


def test_kill_during_a_build_leaves_the_previous_index_usable(tmp_path: Path) -> None:
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    md(corpus / "old.md", "Old", "The original article about the lighthouse keeper and the storm "
       "that closed the harbour for three days.", lang="en")  # fmt: skip
    library = Library(corpus, ix)
    library.build()
    for number in range(600):
        md(corpus / f"new{number:03}.md", f"New {number}", f"Lighthouse report {number}: "
           "the keeper logged the storm, the tides and the ships that passed at night.",
           lang="en")  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(corpus), str(ix)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its reader processes die with it
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "reading"
    time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    survivor = Library(corpus, ix)
    result = survivor.search("lighthouse keeper storm")
    assert result.total >= 1 and "old.md" in {hit.file for hit in result.hits}
    recovered = survivor.build()
    assert recovered.indexed + recovered.unchanged == 601
    assert survivor.search("lighthouse", limit=None).total == 601


def test_cjk_articles_are_found_by_their_words(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    md(corpus / "ja.md", "メタのAI", "メタは新しい人工知能モデルの開発を検討している。"
       "オープンソースの方針を見直す可能性がある。", lang="ja")  # fmt: skip
    md(corpus / "zh.md", "Meta 的模型", "Meta 正在讨论放弃开源模型，转向闭源模型的开发路线。",
       lang="zh")  # fmt: skip
    md(corpus / "en.md", "Meta's model", "Meta is weighing a closed model for its lab.", lang="en")
    library = Library(corpus, tmp_path / "ix")
    library.build()
    assert {h.file for h in library.search("開発", strict=True).hits} == {"ja.md"}
    assert {h.file for h in library.search("开源", strict=True).hits} == {"zh.md"}
    assert {h.file for h in library.search("人工知能", strict=True).hits} == {"ja.md"}
    view = library.article("zh.md", "开源")
    assert [view.article.text[s.start : s.end] for s in view.matches] == ["开源"]


def test_each_language_is_stemmed_by_its_own_stemmer(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    md(corpus / "en.md", "Models", "The lab trains several closed models this year.", lang="en")
    md(corpus / "de.md", "Häuser", "Die Häuser am Hafen wurden renoviert und verkauft.", lang="de")
    library = Library(corpus, tmp_path / "ix")
    library.build()
    assert {h.file for h in library.search("model", strict=True).hits} == {"en.md"}
    assert {h.file for h in library.search("haus", strict=True).hits} == {"de.md"}  # German stem
    assert {h.file for h in library.search("renovierten", strict=True).hits} == {"de.md"}
    spans = library.article("de.md", "haus").matches
    assert (
        spans and library.article("de.md").article.text[spans[0].start : spans[0].end] == "Häuser"
    )


def test_a_corpus_with_no_readable_article_still_answers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    library = Library(corpus, tmp_path / "ix")
    summary = library.build()
    assert summary.indexed == 0 and [s.file for s in summary.skipped] == ["image.txt"]
    assert library.search("").total == 0
    assert library.search("anything").total == 0
    assert library.info().articles == 0
    assert library.build().indexed == 0
