"""Scoring every match of a query at once, with numpy, for `index.search`.

Whoosh scores a query by walking a tree of matchers in Python, one posting and
several method calls at a time: a common word or a short prefix on 10k articles
is tens of thousands of postings, ~100-200 ms. Here a term's postings are read a
block at a time as arrays and scored by BM25F in one numpy expression, and the
union (`Or`) and intersection (`And`) of terms are array operations over every
document; `Not` and `Every` are masks (each match scoring 1, as in Whoosh); an
exact phrase is the `And` of its words checked at their positions
(`index.bulk_phrase`); a range of a sortable number (a date range) is a mask over
the field's column. Any other part of a query (other ranges, wildcards, a phrase
being typed) is run by Whoosh's own matcher for that part alone, and its matches
and scores join the arrays. A term's scored
postings are kept per searcher (least recently used dropped past 32 MB): typing a
word letter by letter asks for mostly the same terms at every key.

Rule kept here: the same matches as Whoosh, and each posting's score computed by
the same formula with the same operations in the same order (so bit for bit);
only the order in which a document's term scores are added may differ from
Whoosh's matcher tree, a difference in the last bits of a sum. Whoosh objects stay
inside this module and `index.search`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.fields import NUMERIC
from whoosh.matching import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

from index import columns
from index.matchers import segments_holding

_LENGTHS = "_explorer_bulk_lengths"  # attribute on the searcher: lives and dies with it
_POSTINGS = "_explorer_bulk_postings"  # attribute on the searcher, as _LENGTHS
_POSTINGS_BYTES = 32 * 2**20  # most memory the terms' scored postings keep
_NONE = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
_DECODED = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass
class Scored:
    """Which documents match (by global number) and their scores (0 elsewhere)."""

    matched: np.ndarray  # bool, one per document
    scores: np.ndarray  # float64, one per document


def score_all(searcher: Any, wquery: wq.Query) -> Scored:
    """Every match of `wquery` and its BM25F score, as Whoosh would score it."""
    total = searcher.doc_count_all()
    return _node(searcher, wquery, total)


def top(scores: np.ndarray, docs: np.ndarray, limit: int | None) -> list[tuple[int, float]]:
    """The best `limit` (all with None) of `docs` by score, ties in index order."""
    scores = scores[docs]
    if limit is not None and len(docs) > limit:
        kth = np.partition(scores, len(docs) - limit)[len(docs) - limit]
        keep = scores >= kth
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))
    if limit is not None:
        order = order[:limit]
    return [(int(d), float(s)) for d, s in zip(docs[order], scores[order], strict=True)]


def _node(searcher: Any, q: wq.Query, total: int) -> Scored:
    kind = type(q)
    if kind is wq.Term:
        return _term(searcher, q, total)
    if isinstance(q, wq.Or) and _plain_compound(q, wq.Or):
        return _union(searcher, q, total)
    if kind is wq.And:
        return _intersection(searcher, q, total)
    if kind is wq.Not:
        return _excluded(searcher, q, total)
    if kind is wq.Every and q.fieldname in (None, "", "*"):
        return _every(searcher, total, q.boost)
    if kind is wq.Phrase and q.slop == 1 and len(q.words) > 1 and _has_positions(searcher, q):
        from index.bulk_phrase import phrase

        ids, scores = phrase(searcher, q, _term_postings)
        result = _empty(total)
        result.matched[ids] = True
        result.scores[ids] = scores
        return result
    if kind is wq.NumericRange and q.constantscore and _sortable_number(searcher, q.fieldname):
        return _numeric_range(searcher, q, total)
    return _by_whoosh(searcher, q, total)


def _sortable_number(searcher: Any, field: str) -> bool:
    if field not in searcher.schema:
        return False
    found = searcher.schema[field]
    return bool(isinstance(found, NUMERIC) and found.column_type is not None)


def _in_range(values: Any, q: wq.NumericRange) -> Any:
    """Whether each value (an array, or one number) lies in the range."""
    inside = np.ones(np.shape(values), dtype=bool)
    if q.start is not None:
        inside &= values > q.start if q.startexcl else values >= q.start
    if q.end is not None:
        inside &= values < q.end if q.endexcl else values <= q.end
    return inside


def _numeric_range(searcher: Any, q: wq.NumericRange, total: int) -> Scored:
    """A range of a sortable number (a date range) from the field's column: the
    documents whose value lies in it, each scoring the query's boost, as Whoosh's
    constant-score range does. A document without a value has the field's default in
    the column but no term in the index, so a range holding the default is Whoosh's
    to run."""
    default = searcher.schema[q.fieldname].default
    if default is not None and _in_range(default, q):
        return _by_whoosh(searcher, q, total)
    matched = _live(searcher, total) & _in_range(columns.numbers(searcher, q.fieldname), q)
    return Scored(matched, np.where(matched, 1.0 * q.boost, 0.0))


def _has_positions(searcher: Any, q: wq.Phrase) -> bool:
    if q.fieldname not in searcher.schema:
        return False
    found = searcher.schema[q.fieldname].format
    return bool(found and found.supports("positions"))


def _plain_compound(q: Any, base: type) -> bool:
    """An Or as Whoosh's own: no scaling, no minimum match, no boost of its own."""
    return bool(
        not getattr(q, "scale", None)
        and getattr(q, "minmatch", 0) in (0, None)
        and q.boost == 1.0
        and getattr(type(q), "matcher", None) is getattr(base, "matcher", None)
    )


def _empty(total: int) -> Scored:
    return Scored(np.zeros(total, dtype=bool), np.zeros(total, dtype=np.float64))


def _union(searcher: Any, q: wq.Or, total: int) -> Scored:
    result = _empty(total)
    for sub in q.subqueries:
        if type(sub) is wq.Term:  # the usual part: added where it matches, not everywhere
            ids, scores = _term_postings(searcher, sub)
            result.matched[ids] = True
            result.scores[ids] += scores
            continue
        part = _node(searcher, sub, total)
        result.matched |= part.matched
        result.scores += part.scores
    return result


def _intersection(searcher: Any, q: wq.And, total: int) -> Scored:
    if q.boost != 1.0 or not q.subqueries:
        return _by_whoosh(searcher, q, total)
    parts = [_node(searcher, sub, total) for sub in q.subqueries]
    matched = parts[0].matched.copy()
    scores = parts[0].scores.copy()
    for part in parts[1:]:
        matched &= part.matched
        scores += part.scores
    scores[~matched] = 0.0
    return Scored(matched, scores)


class _Kept:
    """Scored postings of the terms read last, least recently used dropped first,
    at most _POSTINGS_BYTES (a prefix's terms hold the next prefix's)."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._bytes = 0

    def get(self, key: tuple[str, bytes]) -> tuple[np.ndarray, np.ndarray] | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple[str, bytes], value: tuple[np.ndarray, np.ndarray]) -> None:
        size = value[0].nbytes + value[1].nbytes
        if size > _POSTINGS_BYTES // 4:
            return  # one huge term would push out everything else
        self._items[key] = value
        self._bytes += size
        while self._bytes > _POSTINGS_BYTES:
            _key, (ids, scores) = self._items.popitem(last=False)
            self._bytes -= ids.nbytes + scores.nbytes


def _cache(searcher: Any) -> _Kept:
    kept: _Kept | None = getattr(searcher, _POSTINGS, None)
    if kept is None:
        kept = _Kept()
        setattr(searcher, _POSTINGS, kept)
    return kept


def _live(searcher: Any, total: int) -> np.ndarray:
    """True for every document not deleted."""
    live = np.ones(total, dtype=bool)
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if reader.has_deletions():
            gone = np.fromiter(reader.deleted_docs_set, dtype=np.int64)
            live[gone + offset] = False
    return live


def _every(searcher: Any, total: int, boost: float) -> Scored:
    """Every document, each scoring 1 (times the boost) as Whoosh's `Every` does."""
    live = _live(searcher, total)
    return Scored(live, np.where(live, 1.0 * boost, 0.0))


def _excluded(searcher: Any, q: wq.Not, total: int) -> Scored:
    """`NOT x`: the documents x does not match, each scoring 1 (as Whoosh's inverse
    matcher does inside an And)."""
    kept = _live(searcher, total) & ~_node(searcher, q.query, total).matched
    return Scored(kept, np.where(kept, 1.0, 0.0))


def _term(searcher: Any, q: wq.Term, total: int) -> Scored:
    result = _empty(total)
    ids, scores = _term_postings(searcher, q)
    result.matched[ids] = True
    result.scores[ids] = scores
    return result


def _term_postings(searcher: Any, q: wq.Term) -> tuple[np.ndarray, np.ndarray]:
    """A term's matches (global numbers, ascending) and scores, times its boost."""
    field = q.fieldname
    if field not in searcher.schema:
        return _NONE
    try:
        text = searcher.schema[field].to_bytes(q.text)
    except ValueError:
        return _NONE
    cache = _cache(searcher)
    found = cache.get((field, text))
    if found is None:
        found = _read_term(searcher, field, text)
        cache.put((field, text), found)
    ids, scores = found
    return (ids, scores * q.boost) if q.boost != 1.0 else found


def _read_term(searcher: Any, field: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    id_parts, score_parts = [], []
    holders = segments_holding(searcher, field, text)
    for segment, (leaf, offset) in enumerate(searcher.leaf_searchers()):
        if holders is None:
            if (field, text) not in leaf.reader():
                continue
        elif not holders >> segment & 1:
            continue
        try:
            matcher = leaf.postings(field, text, weighting=searcher.weighting)
        except TermNotFound:
            continue
        ids, scores = _postings(leaf, field, matcher)
        id_parts.append(ids + offset)
        score_parts.append(scores)
    if not id_parts:
        return _NONE
    return np.concatenate(id_parts), np.concatenate(score_parts)


def _postings(leaf: Any, field: str, matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment: (local ids, scores)."""
    deleted: Any = None
    if type(matcher) is FilterMatcher and matcher._exclude:
        deleted, matcher = matcher._ids, matcher.child
    scorer: Any = matcher.scorer if type(matcher) is W3LeafMatcher else None
    if type(scorer) is not BM25FScorer:  # another weighting: its own scorer, per posting
        return _walk(matcher if deleted is None else FilterMatcher(matcher, deleted, True))
    id_blocks, weight_blocks = [], []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        if matcher._weights is None:
            matcher._read_weights()
        start = matcher._i
        raw = np.asarray(matcher._data[0], dtype=np.int64)
        ids = raw if matcher._byteids else np.cumsum(raw)  # whoosh: delta-coded ids
        id_blocks.append(ids[start:])
        weight_blocks.append(np.asarray(matcher._weights[start:], dtype=np.float64))
        matcher._i = matcher._blocklength - 1
        matcher.next()
    ids = np.concatenate(id_blocks) if id_blocks else np.zeros(0, dtype=np.int64)
    weights = np.concatenate(weight_blocks) if weight_blocks else np.zeros(0)
    if deleted:
        keep = ~np.isin(ids, np.fromiter(deleted, dtype=np.int64))
        ids, weights = ids[keep], weights[keep]
    lengths = _lengths(leaf, field)[ids]
    # whoosh.scoring.bm25, term for term and in its order
    idf, k1, b, average = scorer.idf, scorer.K1, scorer.B, scorer.avgfl
    scores = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average)))
    return ids, scores


def _lengths(leaf: Any, field: str) -> np.ndarray:
    """Each document's length in the field as BM25 reads it (Whoosh's one-byte
    approximation; 1 where the segment keeps no lengths), cached per searcher."""
    cache: dict[str, np.ndarray] | None = getattr(leaf, _LENGTHS, None)
    if cache is None:
        cache = {}
        setattr(leaf, _LENGTHS, cache)
    found = cache.get(field)
    if found is None:
        reader = leaf.reader()
        count = reader.doc_count_all()
        perdoc = getattr(reader, "_perdoc", None)
        column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) if perdoc else None
        if column is None:
            found = np.ones(count, dtype=np.float64)
        else:
            raw = np.zeros(count, dtype=np.uint8)  # a document past the column: length 0
            if isinstance(column, bytes | bytearray):
                held = np.frombuffer(column, dtype=np.uint8)[:count]
            else:  # Whoosh's column reader, one value per call
                held = np.fromiter((column[d] for d in range(len(column))), dtype=np.uint8)
            raw[: len(held)] = held[:count]
            found = _DECODED[raw]
        cache[field] = found
    return found


def _walk(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    ids: list[int] = []
    scores: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        scores.append(matcher.score())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64)


def _by_whoosh(searcher: Any, q: wq.Query, total: int) -> Scored:
    """A part of the query run by Whoosh's own matcher, segment by segment."""
    result = _empty(total)
    context = searcher.context(needs_current=False)
    for leaf, offset in searcher.leaf_searchers():
        matcher = q.matcher(leaf, context)
        ids, scores = _walk(matcher)
        result.matched[ids + offset] = True
        result.scores[ids + offset] = scores
    return result
