"""Exact phrases for `index.bulk`: the documents holding every word (intersected as
arrays), then the words' positions read for those documents only.

Whoosh checks a phrase with span matchers: its words' postings are intersected one
skip at a time and every position becomes a Span object, ~200 ms for a phrase of
common words at 100k articles. The same documents match here: a phrase of words
w0..wn (slop 1) matches where some position p holds w0, p+1 holds w1, and so on,
which is what Whoosh's ordered spans at distance one require. The score is
Whoosh's: the sum of the words' BM25F scores, added as its binary tree of
intersections adds them, times the phrase's boost.

Rule kept here: positions are decoded as the field's own format decodes them (for
Whoosh's `Positions`, the same steps with the running sum in C); Whoosh objects
stay inside this module and `index.bulk`.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from functools import partial
from itertools import accumulate
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.formats import Positions
from whoosh.matching import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE

Postings = tuple[np.ndarray, np.ndarray]


def phrase(
    searcher: Any, q: wq.Phrase, term_postings: Callable[[Any, wq.Term], Postings]
) -> Postings:
    """The phrase's matches (global numbers, ascending) and scores."""
    words = [term_postings(searcher, wq.Term(q.fieldname, word)) for word in q.words]
    candidates = words[0][0]
    for ids, _scores in words[1:]:
        candidates = np.intersect1d(candidates, ids, assume_unique=True)
    if not len(candidates):
        return candidates, np.zeros(0)
    field = searcher.schema[q.fieldname]
    texts = [field.to_bytes(word) for word in q.words]
    keep = np.zeros(len(candidates), dtype=bool)
    for leaf, offset in searcher.leaf_searchers():
        count = leaf.reader().doc_count_all()
        low, high = np.searchsorted(candidates, [offset, offset + count])
        if low == high:
            continue
        local = candidates[low:high] - offset
        found = [_positions(leaf, q.fieldname, text, local) for text in texts]
        for at, docnum in enumerate(local.tolist()):
            starts = set(found[0].get(docnum, ()))
            for shift, positions in enumerate(found[1:], 1):
                held = set(positions.get(docnum, ()))
                starts = {p for p in starts if p + shift in held}
                if not starts:
                    break
            keep[low + at] = bool(starts)
    matched = candidates[keep]
    scores = _tree_sum([_scores_at(ids, scores, matched) for ids, scores in words])
    return matched, scores * q.boost if q.boost != 1.0 else scores


def _scores_at(ids: np.ndarray, scores: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    return scores[np.searchsorted(ids, wanted)]


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Sum as whoosh.matching.make_binary_tree nests the words' intersections."""
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    return _tree_sum(parts[:middle]) + _tree_sum(parts[middle:])


def _positions_of(value: bytes) -> list[int]:
    """whoosh.formats.Positions.decode_positions, with its running sum in C."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(pickle.loads(value[_INT_SIZE:])))


def _positions(leaf: Any, field: str, text: bytes, wanted: np.ndarray) -> dict[int, list[int]]:
    """The word's positions in each of `wanted` (local numbers, ascending) that holds
    it, reading only the posting blocks those documents fall in."""
    try:
        matcher = leaf.reader().postings(field, text)
    except (TermNotFound, KeyError):
        return {}
    if type(matcher) is FilterMatcher:
        matcher = matcher.child  # (deleted documents are never among the wanted)
    fmt = matcher.format
    decode = _positions_of if type(fmt) is Positions else partial(fmt.decode_as, "positions")
    found: dict[int, list[int]] = {}
    at = 0
    while matcher.is_active() and at < len(wanted):
        target = int(wanted[at])
        if matcher._maxid < target:
            matcher._skip_to_block(lambda target=target: target > matcher._maxid)
            continue
        if matcher._data is None:
            matcher._read_data()
        raw = np.asarray(matcher._data[0], dtype=np.int64)
        ids = raw if matcher._byteids else np.cumsum(raw)
        if matcher._values is None:
            matcher._read_values()
        values = matcher._values
        end = int(np.searchsorted(wanted, matcher._maxid, side="right"))
        block_wanted = wanted[at:end]
        slots = np.searchsorted(ids, block_wanted)
        for docnum, slot in zip(block_wanted.tolist(), slots.tolist(), strict=True):
            if slot < len(ids) and ids[slot] == docnum:
                found[docnum] = decode(values[slot])
        at = end
        matcher._i = matcher._blocklength - 1
        matcher.next()
    return found
