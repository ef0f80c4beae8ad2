"""Story beats updated after articles come or go: the articles kept keep their beats,
a new article's statements join the beats they tell, a removed article's leave theirs,
and the corpus is grouped whole again once the changes are too many or the grouping
kept was made another way. The pair search and the grouping restricted to the new
statements give what the whole search gives for them."""

from __future__ import annotations

import math
import pickle
import random
from pathlib import Path

import numpy as np
import pytest

from index import Library
from index.analysis import Beat, beat_updates, embed, grouping, linkage, update_beats
from index.analysis.claims import claim_units, group_beats
from tests.beat_calibration import CALIBRATION
from tests.beat_fixtures import story_articles
from tests.test_idx_linkage import random_vectors


def groups(beats: tuple[Beat, ...]) -> list[list[tuple[str, int]]]:
    return sorted(sorted((m.article.id, m.sentence.start) for m in b.mentions) for b in beats)


@pytest.fixture()
def any_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Updates at any share of changed articles (the stories have four or five)."""
    monkeypatch.setattr(beat_updates, "REGROUP_SHARE", 1.0)


@pytest.mark.usefixtures("any_share")
@pytest.mark.parametrize("semantic", [True, False], ids=["meaning", "words"])
def test_an_added_article_joins_the_beats_it_tells(semantic: bool) -> None:
    articles = story_articles("transfer", CALIBRATION["transfer"])
    *kept, added = articles
    _beats, before = update_beats(kept, None, semantic=semantic)
    updated, after = update_beats(articles, before, semantic=semantic)
    assert groups(updated.beats) == groups(group_beats(articles, semantic=semantic).beats)
    told = [b for b in updated.beats if any(m.article is added for m in b.mentions)]
    assert any(len(b.outlets) > 1 for b in told), "the new article joined no beat"
    assert after.changed == 1 and set(after.units) == {a.id for a in articles}


@pytest.mark.usefixtures("any_share")
def test_a_removed_article_leaves_its_beats_and_the_others_stay() -> None:
    articles = story_articles("wildfire", CALIBRATION["wildfire"])
    whole, kept = update_beats(articles, None)
    gone = articles[1]
    updated, after = update_beats([a for a in articles if a is not gone], kept)
    expected = [
        [m for m in g if m[0] != gone.id]
        for g in groups(whole.beats)
        if any(m[0] != gone.id for m in g)
    ]
    assert groups(updated.beats) == sorted(expected)
    assert gone.id not in after.units and after.changed == 1


@pytest.mark.usefixtures("any_share")
def test_beats_no_change_touched_keep_their_labels() -> None:
    articles = story_articles("tram", CALIBRATION["tram"])
    whole, kept = update_beats(articles, None)
    again, _ = update_beats(articles, kept)
    assert [(b.label, b.method) for b in again.beats] == [(b.label, b.method) for b in whole.beats]
    assert groups(again.beats) == groups(whole.beats)


def test_past_the_share_of_changes_the_corpus_is_grouped_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = story_articles("transfer", CALIBRATION["transfer"])
    _beats, before = update_beats(articles[:-1], None, semantic=False)
    monkeypatch.setattr(beat_updates, "REGROUP_SHARE", 0.1)  # one in five is too many
    whole = []
    real = linkage.tfidf
    monkeypatch.setattr(linkage, "tfidf", lambda bags, **how: whole.append(1) or real(bags, **how))
    _beats, after = update_beats(articles, before, semantic=False)
    assert whole and after.changed == 0


def test_changes_add_up_until_the_corpus_is_grouped_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = story_articles("transfer", CALIBRATION["transfer"])
    monkeypatch.setattr(beat_updates, "REGROUP_SHARE", 2 / len(articles))
    _beats, grouped = update_beats(articles[:-2], None, semantic=False)
    _beats, grouped = update_beats(articles[:-1], grouped, semantic=False)
    assert grouped.changed == 1
    _beats, grouped = update_beats(articles, grouped, semantic=False)
    assert grouped.changed == 2
    _beats, grouped = update_beats(articles[1:], grouped, semantic=False)
    assert grouped.changed == 0, "three changes in five articles: grouped whole"


@pytest.mark.usefixtures("any_share")
def test_a_grouping_made_another_way_is_not_updated(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = story_articles("tram", CALIBRATION["tram"])
    _beats, by_words = update_beats(articles[:-1], None, semantic=False)
    by_meaning = claim_units(articles, None, semantic=True)
    assert beat_updates.plan(by_words, articles, by_meaning, by_meaning=True) is None
    by_words_now = claim_units(articles, None, semantic=False)
    assert beat_updates.plan(by_words, articles, by_words_now, by_meaning=False) is not None


def test_tfidf_as_a_matrix_matches_the_dictionaries() -> None:
    chance = random.Random(5)
    bags = [
        {f"w{chance.randint(0, 60)}": chance.randint(1, 3) for _ in range(chance.randint(0, 9))}
        for _ in range(300)
    ]
    owners = [i // 7 for i in range(len(bags))]
    scaled = [chance.random() < 0.8 for _ in bags]
    for spread in ({}, {"owners": owners}, {"owners": owners, "scaled": scaled}):
        plain = linkage.tfidf(bags, **spread)  # type: ignore[arg-type]
        matrix = linkage.tfidf_matrix(bags, **spread)  # type: ignore[arg-type]
        assert len(matrix) == len(plain)
        for row, expected in enumerate(plain):
            found = matrix[row]
            assert found.keys() == expected.keys()
            assert all(math.isclose(found[t], w, abs_tol=1e-12) for t, w in expected.items())


def test_pairs_of_some_rows_are_the_whole_search_s_pairs_holding_them() -> None:
    vectors = random_vectors(700, seed=13)
    owners = [i // 4 for i in range(len(vectors))]
    whole = linkage.lexical_pairs(vectors, owners, 0.2)
    among = np.asarray(sorted(random.Random(2).sample(range(len(vectors)), 40)))
    chosen = set(among.tolist())
    expected = [(i, j) for _s, i, j in whole if i in chosen or j in chosen]
    found = linkage.lexical_pairs(vectors, owners, 0.2, among)
    assert [(i, j) for _s, i, j in found] == expected and expected


def test_scored_pairs_of_some_rows_by_meaning_are_the_whole_search_s() -> None:
    vectors = random_vectors(400, seed=17)
    owners = [i // 3 for i in range(len(vectors))]
    chance = np.random.default_rng(4)
    embedded = chance.normal(size=(len(vectors), 8)).astype(np.float32)
    embedded /= np.linalg.norm(embedded, axis=1, keepdims=True)
    rows = np.arange(0, len(vectors), 2, dtype=np.int64)  # every other one embedded
    quantities: list[linkage.Sparse] = [{} for _ in vectors]
    meaning = linkage.Meaning(embedded[rows], rows, quantities)
    whole = linkage.scored_pairs(vectors, owners, 0.2, meaning)
    among = np.asarray([3, 8, 10, 101, 250, 399])
    expected = [p for p in whole if p[1] in set(among.tolist()) or p[2] in set(among.tolist())]
    found = linkage.scored_pairs(vectors, owners, 0.2, meaning, among)
    assert [(i, j) for _s, i, j in found] == [(i, j) for _s, i, j in expected] and expected
    assert all(math.isclose(a[0], b[0], rel_tol=1e-6) for a, b in zip(found, expected, strict=True))


def test_grouping_from_known_groups_keeps_them_and_joins_by_the_pairs() -> None:
    vectors = random_vectors(300, seed=19)
    owners = [i // 3 for i in range(len(vectors))]
    pairs = linkage.lexical_pairs(vectors, owners, 0.2)
    whole = grouping.group(vectors, pairs, 0.1, owners=owners)
    assert sorted(grouping.group(vectors, [], 0.1, owners=owners, start=whole)) == sorted(whole)


@pytest.fixture()
def words_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(embed._loaded, "model", raising=False)
    monkeypatch.setitem(embed._loaded, "error", "words only in these tests")


def _story_corpus(root: Path, story: dict[str, list[tuple[str, str]]]) -> Path:
    root.mkdir(parents=True)
    for number, (outlet, told) in enumerate(story.items()):
        text = " ".join(sentence for _label, sentence in told)
        (root / f"a{number}.md").write_text(
            f"---\noutlet: {outlet}\ndate: 2025-07-0{number + 1}\n---\n\n{text}\n",
            encoding="utf-8",
        )
    return root


@pytest.mark.usefixtures("any_share", "words_only")
def test_the_library_updates_its_beats_after_a_file_is_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = CALIBRATION["transfer"]
    corpus = _story_corpus(tmp_path / "corpus", story)
    last = max(corpus.iterdir())
    held = last.read_text(encoding="utf-8")
    last.unlink()
    index_dir = tmp_path / "ix"
    Library(corpus, index_dir).build(workers=1)
    before = Library(corpus, index_dir).beats()
    last.write_text(held, encoding="utf-8")
    Library(corpus, index_dir).build(workers=1)

    def whole(bags: object) -> None:
        raise AssertionError("the corpus was grouped whole, not updated")

    monkeypatch.setattr(linkage, "tfidf", whole)
    after = Library(corpus, index_dir).beats()
    outlet = list(story)[-1]
    assert outlet not in {o for b in before.beats for o in b.outlets}
    assert any(outlet in b.outlets and len(b.outlets) > 1 for b in after.beats)


@pytest.mark.usefixtures("any_share", "words_only")
@pytest.mark.parametrize(
    "damage", [b"", b"\x00\xff" * 64, None, "hostile"], ids=["empty", "garbage", "cut", "hostile"]
)
def test_a_damaged_grouping_groups_the_corpus_whole(
    tmp_path: Path, damage: bytes | str | None
) -> None:
    corpus = _story_corpus(tmp_path / "corpus", CALIBRATION["transfer"])
    index_dir = tmp_path / "ix"
    Library(corpus, index_dir).build(workers=1)
    Library(corpus, index_dir).beats()
    (kept,) = index_dir.glob("g-*/answers/beat-grouping-*.pickle")
    data = kept.read_bytes()
    witness = tmp_path / "ran"
    if damage == "hostile":  # a file naming code to run: refused, never run
        hostile = pickle.dumps(_Hostile(f"touch {witness}"))
        kept.write_bytes(data.split(b"\n", 1)[0] + b"\n" + hostile)
    else:
        kept.write_bytes(data[: data.index(b"\n") + 30] if damage is None else bytes(damage))
    (last := max(corpus.iterdir())).write_text(last.read_text() + "\nA late line.\n")
    Library(corpus, index_dir).build(workers=1)
    articles = Library(corpus, index_dir)._analysis_input()[0]
    found = Library(corpus, index_dir).beats()
    assert groups(found.beats) == groups(group_beats(articles, semantic=False).beats)
    assert not witness.exists()


class _Hostile:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, (self.command,))
