"""The corpus analyses' answers kept beside the index: a later process on the same
commit reads them instead of working them out; a new commit, another analysis
version, a damaged file or a file naming foreign code is worked out again."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from index import Library
from index import analysis as analysis_package
from index import answers_cache as answers
from index.analysis import embed
from tests.test_idx_analysis_cache import write_corpus

ANALYSES = {  # the function each analysis works its answer out with
    "frames": "analyse_frames",
    "quotes": "find_quotes",
    "beats": "update_beats",
    "reuse": "find_reuse",
}
UPDATES = ("update_quotes", "update_reuse")  # from the answer of an earlier commit


@pytest.fixture(autouse=True)
def words_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beats by words alone: the sentence model's load is not what is tested here."""
    monkeypatch.delitem(embed._loaded, "model", raising=False)
    monkeypatch.setitem(embed._loaded, "error", "words only in these tests")


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    corpus = write_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "ix"
    Library(corpus, index_dir).build(workers=1)
    return corpus, index_dir


def answers_of(library: Library) -> dict[str, object]:
    return {name: getattr(library, name)() for name in ANALYSES}


def forbid_working_out(monkeypatch: pytest.MonkeyPatch) -> None:
    for function in (*ANALYSES.values(), *UPDATES):

        def refuse(*args: object, _name: str = function, **kwargs: object) -> None:
            raise AssertionError(f"{_name} ran: the kept answer was not read")

        monkeypatch.setattr(analysis_package, function, refuse)


def count_working_out(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = dict.fromkeys((*ANALYSES.values(), *UPDATES), 0)
    for function in calls:
        original = getattr(analysis_package, function)

        def counted(*args: object, _name: str = function, _f: object = original, **kw: object):
            calls[_name] += 1
            return _f(*args, **kw)  # type: ignore[operator]

        monkeypatch.setattr(analysis_package, function, counted)
    return calls


def test_a_later_library_reads_the_answers_kept_beside_the_index(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = answers_of(Library(*built))
    assert first["beats"].beats  # type: ignore[attr-defined]
    forbid_working_out(monkeypatch)
    later = Library(*built)
    kept = answers_of(later)
    assert kept == first
    # each mention's article is the library's own, not a copy read with the answer
    texts = {id(article) for article in later._corpus_texts()}
    mentions = [m for beat in kept["beats"].beats for m in beat.mentions]  # type: ignore[attr-defined]
    assert mentions and all(id(m.article) in texts for m in mentions)


def test_a_new_commit_works_the_answers_out_again(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built
    answers_of(Library(corpus, index_dir))
    (corpus / "coast-daily.md").unlink()
    Library(corpus, index_dir).build(workers=1)
    calls = count_working_out(monkeypatch)
    library = Library(corpus, index_dir)
    beats = library.beats().beats
    assert calls["update_beats"] == 1
    assert "Coast Daily" not in {o for beat in beats for o in beat.outlets}
    answers_of(library)
    assert calls == {"analyse_frames": 1, "find_quotes": 0, "update_beats": 1, "find_reuse": 0,
                     "update_quotes": 1, "update_reuse": 1}  # fmt: skip


@pytest.mark.parametrize(
    "damage",
    [b"", b"explorer-answer 1", b"\x00\xff" * 64, None],
    ids=["empty", "header only", "garbage", "truncated body"],
)
def test_a_damaged_answer_is_worked_out_again(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, damage: bytes | None
) -> None:
    first = Library(*built).beats()
    (kept,) = (p for p in next(built[1].glob("g-*")).glob("answers/claims-*.pickle"))
    data = kept.read_bytes()
    damaged = data[: data.index(b"\n") + 40] if damage is None else damage
    kept.write_bytes(damaged)
    calls = count_working_out(monkeypatch)
    assert Library(*built).beats() == first
    assert calls["update_beats"] == 1
    written = kept.read_bytes()  # written again, for the same commit
    assert written != damaged and written.split(b"\n", 1)[0] == data.split(b"\n", 1)[0]


def test_an_answer_naming_other_code_is_refused(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    library = Library(*built)
    first = library.beats()
    (kept,) = next(built[1].glob("g-*")).glob("answers/claims-*.pickle")
    head = kept.read_bytes().split(b"\n", 1)[0]
    witness = tmp_path / "ran"

    class Hostile:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            import os

            return (os.system, (f"touch {witness}",))

    kept.write_bytes(head + b"\n" + pickle.dumps(Hostile()))
    calls = count_working_out(monkeypatch)
    assert Library(*built).beats() == first
    assert not witness.exists() and calls["update_beats"] == 1


def test_another_analysis_version_is_not_read(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers_of(Library(*built))
    monkeypatch.setattr(answers, "fingerprint", lambda: "another version")
    calls = count_working_out(monkeypatch)
    answers_of(Library(*built))
    assert all(calls[name] == 1 for name in ANALYSES.values()), calls
    assert not any(calls[name] for name in UPDATES), calls


def test_an_unwritable_answers_folder_only_costs_the_work(built: tuple[Path, Path]) -> None:
    generation = next(built[1].glob("g-*"))
    (generation / answers.FOLDER).write_text("not a folder", encoding="utf-8")
    first = answers_of(Library(*built))
    assert answers_of(Library(*built)) == first


def test_a_query_s_articles_are_analysed_apart_and_not_kept(built: tuple[Path, Path]) -> None:
    library = Library(*built)
    one = {library.articles()[0].id}
    beats = library.beats(among=one).beats
    assert {m.article.id for beat in beats for m in beat.mentions} <= one
    assert not list(next(built[1].glob("g-*")).glob("answers/*"))
