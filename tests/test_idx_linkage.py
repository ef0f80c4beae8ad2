"""Average linkage's group sums: kept as arrays past a few dozen terms, they give the
products and groups that plain dictionaries give."""

from __future__ import annotations

import math
import random

import pytest

from index.analysis import grouping, linkage, stories


def random_vectors(count: int, seed: int) -> list[linkage.Sparse]:
    chance = random.Random(seed)
    words = [f"w{i}" for i in range(400)]
    vectors = []
    for _ in range(count):
        chosen = chance.sample(words[: chance.choice((40, 400))], chance.randint(3, 14))
        weights = {word: chance.random() for word in chosen}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vectors.append({word: w / norm for word, w in weights.items()})
    return vectors


def test_sums_as_arrays_match_dictionaries() -> None:
    vectors = random_vectors(300, seed=7)
    sums = grouping._GroupSums(vectors)
    plain = {i: dict(v) for i, v in enumerate(vectors)}
    alive = list(range(len(vectors)))
    chance = random.Random(3)
    while len(alive) > 2:
        a, b = chance.sample(alive, 2)
        assert sums.dot(a, b) == pytest.approx(linkage.dot(plain[a], plain[b]), abs=1e-12)
        sums.merge(a, b)
        grouping._add(plain[a], plain.pop(b))
        alive.remove(b)
    assert sums._large, "no group grew past the terms kept as a dictionary"


def test_grouping_is_the_same_with_and_without_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = random_vectors(600, seed=11)
    owners = [i // 3 for i in range(len(vectors))]
    pairs = linkage.lexical_pairs(vectors, owners, 0.2)
    grouped = grouping.group(vectors, pairs, 0.1, owners=owners)
    monkeypatch.setattr(grouping, "_DENSE_TERMS", 10**9)
    assert grouping.group(vectors, pairs, 0.1, owners=owners) == grouped
    assert max(len(g) for g in grouped) > 10


def test_a_word_an_article_repeats_weighs_less_than_one_told_once_an_article() -> None:
    # article 0 names "lab" in three statements, article 1 in two; "pivot" is told once in each
    bags = [
        {"lab": 1, "pivot": 1},
        {"lab": 1, "hire": 1},
        {"lab": 1, "salary": 1},
        {"lab": 1, "pivot": 1},
        {"lab": 1, "delay": 1},
    ] + [{f"filler{i}": 1, f"other{i}": 1} for i in range(12)]
    owners = [0, 0, 0, 1, 1] + list(range(2, 14))
    plain = linkage.tfidf(bags)
    spread = linkage.tfidf(bags, owners=owners)
    assert plain[0]["lab"] < plain[0]["pivot"]  # fewer statements hold "pivot" already
    assert spread[0]["lab"] / spread[0]["pivot"] == pytest.approx(
        (plain[0]["lab"] / plain[0]["pivot"]) * (2 / 5)
    )  # "lab": two articles over five statements; "pivot": two over two
    unscaled = linkage.tfidf(bags, owners=owners, scaled=[False] + [True] * 16)
    assert unscaled[0] == pytest.approx(plain[0])


def test_each_sentence_is_centred_on_its_story_mean() -> None:
    import numpy as np

    from index.analysis.embed import DIMENSIONS, _story_means

    def unit(*values: float) -> np.ndarray:
        vector = np.zeros(DIMENSIONS, np.float32)
        vector[: len(values)] = values
        return vector / np.linalg.norm(vector)

    # two articles of one story (topics along the first axis), one of another (the second)
    found = [
        np.stack([unit(1, 0.2), unit(1, -0.2)]),
        np.stack([unit(1, 0.1)]),
        np.stack([unit(0.1, 1), unit(-0.1, 1)]),
    ]
    topics = np.stack([unit(*e.mean(axis=0)[:2]) for e in found])
    means = _story_means(topics, found)
    assert means.shape == (5, DIMENSIONS)
    story = np.concatenate(found[:2]).mean(axis=0)
    for row in range(3):  # the first story's three sentences: their story's mean
        assert np.allclose(means[row], story, atol=1e-6)
    for row in (3, 4):  # the other story's: its own
        assert np.allclose(means[row], found[2].mean(axis=0), atol=1e-6)
    # one story: the corpus' mean, as before stories were told apart
    one = _story_means(topics[:2], found[:2])
    assert np.allclose(one, np.concatenate(found[:2]).mean(axis=0), atol=1e-6)


def test_a_story_s_own_name_weighs_as_little_in_a_folder_of_stories() -> None:
    import numpy as np

    # four bags of one story name its company; twelve of another story never do
    bags = [{"velmora": 1, f"beat{i}": 1} for i in range(4)]
    bags += [{"council": 1, f"vote{i}": 1} for i in range(12)]
    owners = [0, 1, 0, 1] + [2 + i % 3 for i in range(12)]
    topics = np.zeros((5, 4), np.float32)  # each article's mean embedding: two stories
    topics[:2, 0] = topics[2:, 1] = 1.0

    def share(vectors: linkage.Vectors) -> float:
        first = vectors[0]
        return first["velmora"] / first["beat0"]

    corpus_wide = linkage.tfidf_matrix(bags, owners)
    per_story = linkage.tfidf_matrix(bags, owners, topics=topics)
    # among 16 bags "velmora" is in a quarter; among its story's four it is in every
    # one (both times halved by its spread: two articles, four bags)
    assert math.isclose(share(corpus_wide), 0.5 * math.log1p(16 / 4) / math.log1p(16))
    assert math.isclose(share(per_story), 0.5 * math.log1p(4 / 4) / math.log1p(4))
    # a corpus of one story: the same weights as the whole corpus' counts
    alone = linkage.tfidf_matrix(bags[:4], owners[:4], topics=topics[:2])
    assert np.allclose(
        alone.matrix.toarray(), linkage.tfidf_matrix(bags[:4], owners[:4]).matrix.toarray()
    )


def test_stories_in_blocks_give_what_one_block_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from index.analysis.embed import _story_means

    rng = np.random.default_rng(7)
    topics = rng.normal(size=(9, 6)).astype(np.float32)
    topics[:4] += 3.0 * np.eye(6, dtype=np.float32)[0]  # four articles of one story
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    found = [rng.normal(size=(1 + i % 3, 6)).astype(np.float32) for i in range(9)]
    bags = [{f"w{(3 * i + j) % 11}": 1 for j in range(3)} for i in range(9)]
    owners = list(range(9))
    whole = (_story_means(topics, found), linkage.tfidf_matrix(bags, owners, topics=topics))
    monkeypatch.setattr(stories, "_STORY_BLOCK", 2)
    blocked = (_story_means(topics, found), linkage.tfidf_matrix(bags, owners, topics=topics))
    assert np.allclose(whole[0], blocked[0])
    assert np.allclose(whole[1].matrix.toarray(), blocked[1].matrix.toarray())


def test_past_the_story_limit_the_corpus_counts_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    bags = [{"velmora": 1, f"beat{i}": 1} for i in range(4)] + [{"vote": 1}] * 4
    topics = np.zeros((8, 2), np.float32)
    topics[:4, 0] = topics[4:, 1] = 1.0
    owners = list(range(8))
    corpus_wide = linkage.tfidf_matrix(bags, owners).matrix.toarray()
    assert not np.allclose(linkage.tfidf_matrix(bags, owners, topics=topics).matrix.toarray(),
                           corpus_wide)  # fmt: skip
    monkeypatch.setattr(stories, "STORY_ARTICLES", 7)
    assert np.allclose(linkage.tfidf_matrix(bags, owners, topics=topics).matrix.toarray(),
                       corpus_wide)  # fmt: skip
