"""index.bulk scores every match as Whoosh's own search does: the same matches,
the same scores (to the last bits of a sum) and the same order, on an index with
several segments and deleted articles, for every query form explorer builds."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from whoosh.filedb.filestore import FileStorage

from index import Library, bulk, store
from index import schema as sf
from index.search import _parsed_query

VOCABULARY = {
    "en": "market budget vote minister court ruling climate energy strike union rates "
    "inflation bank growth election policy border trade tariff model open closed release "
    "delay approve launch report source said reportedly the a of and to in is was for on "
    "that with by as at from",
    "de": "der die das und Markt Regierung Gericht Wahl Bank Streik Modell offen",
    "fr": "le la les et marché gouvernement tribunal élection banque grève modèle",
}
OUTLETS = ("Herald", "Gazette", "Daily Post", "Courier", "Wire")


def _article(rng: random.Random, root: Path, name: str) -> None:
    language = rng.choices(("en", "de", "fr"), weights=(8, 1, 1))[0]
    vocabulary = VOCABULARY[language].split()
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    body = " ".join(rng.choices(vocabulary, weights=weights, k=rng.randint(8, 120)))
    title = " ".join(rng.sample(vocabulary, 3)).capitalize()
    date = (
        f"date: 2025-{rng.randint(3, 6):02}-{rng.randint(1, 28):02}\n" if rng.random() < 0.9 else ""
    )
    (root / name).write_text(
        f"---\ntitle: {title}\noutlet: {rng.choice(OUTLETS)}\nlang: {language}\n{date}---\n"
        f"{body}.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Any:
    rng = random.Random(11)
    root = tmp_path_factory.mktemp("corpus")
    for i in range(260):
        _article(rng, root, f"a{i:03}.md")
    index_dir = tmp_path_factory.mktemp("ix")
    library = Library(root, index_dir)
    library.build()
    for i in range(0, 260, 13):  # removed, changed and added: deletions, a second segment
        (root / f"a{i:03}.md").unlink()
        _article(rng, root, f"a{i + 1:03}.md")
        _article(rng, root, f"new{i:03}.md")
    library.build()
    library.close()
    generation = store.current_generation(index_dir, sf.SCHEMA_VERSION)
    assert generation is not None
    opened = FileStorage(str(generation), supports_mmap=False).open_index().searcher()
    yield opened
    opened.close()


QUERIES = [
    "market", "the", "budget", "zzz", "m", "ma", "mar", "ele", "clos", "report*",
    "market budget", "market AND vote", "market OR markt", "court NOT ruling",
    "court -ruling", "NOT the", "(rates OR bank) AND growth", '"open model"',
    '"the market"', "open mod", "title:market", "outlet:herald", "outlet:daily",
    "lang:de", "lang:fr markt", "date:2025-04", "date:2025-04-01..2025-05-15 court",
    "markt", "marché", "gericht OR tribunal", "reportedly said", "a OR NOT b",
    "said NOT (market OR budget)", "", '"the the"', '"of the market"', '"market zzz"',
    '"the market" -budget', '"said the" OR "the a"', 'title:"market budget"',
    '"die das"',
]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_bulk_scores_match_whoosh(searcher: Any, query: str) -> None:
    wquery = _parsed_query(searcher, query, ("de", "en", "fr"))
    reference = [(hit.docnum, hit.score) for hit in
                 searcher.search(wquery, limit=None, optimize=False)]  # fmt: skip
    scored = bulk.score_all(searcher, wquery)
    docs = np.flatnonzero(scored.matched)
    ours = bulk.top(scored.scores, docs, None)
    assert {d for d, _s in ours} == {d for d, _s in reference}
    expected = dict(reference)
    for docnum, score in ours:
        assert score == pytest.approx(expected[docnum], rel=1e-12, abs=1e-12)
    ranked = sorted(reference, key=lambda pair: (-pair[1], pair[0]))
    assert [d for d, _s in ours[:30]] == [d for d, _s in ranked[:30]]
    assert [d for d, _s in bulk.top(scored.scores, docs, 7)] == [d for d, _s in ours[:7]]


def test_the_fixture_has_deletions_and_segments(searcher: Any) -> None:
    assert searcher.reader().has_deletions()
    assert len(searcher.leaf_searchers()) > 1


def test_top_breaks_ties_in_index_order_at_the_cut() -> None:
    scores = np.array([1.0, 2.0, 2.0, 3.0, 2.0, 0.0])
    docs = np.array([0, 1, 2, 3, 4])
    assert [d for d, _s in bulk.top(scores, docs, 3)] == [3, 1, 2]
    assert [d for d, _s in bulk.top(scores, docs, None)] == [3, 1, 2, 4, 0]
    assert bulk.top(scores, np.array([], dtype=np.int64), 3) == []


@pytest.mark.parametrize("prefix", ["m", "ma", "re", "t", "zz", "gr"])
@pytest.mark.parametrize("limit", [1, 3, 50])
def test_prefix_terms_walk_each_segment_to_whooshs_counts(
    searcher: Any, prefix: str, limit: int
) -> None:
    from index.matchers import prefix_terms, remember_lexicon, segments_holding

    reader = searcher.reader()
    remember_lexicon(searcher)
    unpatched = type(reader).doc_frequency
    merged = [
        t.decode() if isinstance(t, bytes) else t for t in reader.expand_prefix(sf.BODY, prefix)
    ]
    expected = [(t, unpatched(reader, sf.BODY, t)) for t in merged[:limit]]
    assert prefix_terms(reader, sf.BODY, prefix, limit) == expected
    for text, count in expected:  # the remembered counts answer as Whoosh would
        assert searcher.doc_frequency(sf.BODY, text) == count
        assert searcher.doc_frequency(sf.BODY, text.encode()) == count
    assert searcher.doc_frequency(sf.BODY, "nosuchword") == 0
    for text, _count in expected:  # and the segments holding each term
        leaves = [leaf for leaf, _offset in reader.leaf_readers()]
        holding = sum(1 << n for n, leaf in enumerate(leaves) if (sf.BODY, text) in leaf)
        assert segments_holding(searcher, sf.BODY, text.encode()) == holding
    assert segments_holding(searcher, sf.BODY, b"nosuchword") is None


@pytest.mark.parametrize(
    ("low", "high"), [(20250401, 20250515), (20250300, 20250331), (1, 99991231), (20250601, None)]
)
def test_a_date_range_is_read_from_its_column_as_whoosh_matches_it(
    searcher: Any, monkeypatch: pytest.MonkeyPatch, low: int, high: int | None
) -> None:
    from whoosh import query as wq

    reference = {hit.docnum: hit.score for hit in searcher.search(
        wq.NumericRange(sf.DAY_NUMBER, low, high), limit=None, optimize=False)}  # fmt: skip

    def whooshs_own(*_args: Any) -> None:
        raise AssertionError("the range went to Whoosh's matcher")

    monkeypatch.setattr(bulk, "_by_whoosh", whooshs_own)
    scored = bulk.score_all(searcher, wq.NumericRange(sf.DAY_NUMBER, low, high))
    assert reference  # the fixture has articles in every range asked
    assert dict(bulk.top(scored.scores, np.flatnonzero(scored.matched), None)) == reference


def test_a_range_holding_the_undated_default_is_left_to_whoosh(searcher: Any) -> None:
    from whoosh import query as wq

    q = wq.NumericRange(sf.DAY_NUMBER, 0, 20250401)
    reference = {hit.docnum for hit in searcher.search(q, limit=None, optimize=False)}
    assert set(np.flatnonzero(bulk.score_all(searcher, q).matched)) == reference
