"""Faster Whoosh reads for `index.search`: the same matches, scores (summed in the
same order), totals and highlights, with less Python per query and per posting.

Whoosh answers an `Or` of three or more parts on a small index (5,000 documents or
fewer) with an array matcher: every part's postings of a block of 2,048 documents
are scored into an array, then the array is scanned for the matched ones. Whoosh
fills and clears that array and scans it one element at a time in Python, so a
query finding 4 articles in 1,000 still walks thousands of slots; and it reads
each posting through four method calls. Here the array is cleared in C, the
matched slots are listed as they are written (no scan), and plain term postings
are read a block at a time, each scored by Whoosh's own scorer.

Phrases and AND walk their rarest word's matches and skip the other words'
postings to each of them; Whoosh's term postings skip within a block one
posting at a time (thousands of Python calls per skip in a common word), so
`_skip_to` finds the posting by bisection in the block's sorted ids. It replaces
the method of Whoosh's postings reader once, at import: the same position after
every skip, so the same matches.

Looking a word or a prefix up in the lexicon is a binary search of the terms
file, each step a file read; the steps near the top are the same for every
word, so `remember_lexicon` keeps the keys read (per searcher, at most
_KEYS_KEPT). A prefix's terms come with their document counts from the one walk
of the lexicon (`prefix_terms`), not a second lookup each.

Highlighting stems every distinct word of a hit's text (once per word per
process): `stemless_hits` names the hits whose stemmed field holds none of the
query's stems, whose words therefore need no stemming.

Rule kept here: every score is computed by the same Whoosh functions with the same
operations in the same order, so hits, order and scores are exactly Whoosh's.
Used only by `index.search`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filetables import OrderedHashReader
from whoosh.matching import ArrayUnionMatcher, ReadTooFar, WrappingMatcher
from whoosh.matching.combo import CombinationMatcher
from whoosh.query.compound import DefaultOr
from whoosh.reading import TermNotFound
from whoosh.scoring import WeightLengthScorer

from index import columns
from index import schema as sf
from index.query import HighlightTerms

_ARRAY_DOCS = 5000  # Whoosh's own threshold: above it, a tree of union matchers
_KEYS_KEPT = 20000  # lexicon keys remembered per segment (about 2 MB at most)
_REMEMBERED = "_explorer_lexicon"  # attribute on the searcher: lives and dies with it


def prefix_terms(reader: Any, field: str, prefix: str) -> Iterator[tuple[str, int]]:
    """(term, documents holding it) for the field's terms beginning with `prefix`,
    in lexicon order. Raises KeyError for a field the index lacks, as Whoosh does."""
    if reader.is_atomic():  # one segment: the counts are read with the terms
        for term, info in reader.iter_prefix(field, prefix):
            yield (term.decode("utf-8") if isinstance(term, bytes) else term), info.doc_frequency()
        return
    for term in reader.expand_prefix(field, prefix):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        yield text, reader.doc_frequency(field, text)


def remember_lexicon(searcher: Any) -> None:
    """Give each segment's lexicon a binary search that remembers the keys it read."""
    if getattr(searcher, _REMEMBERED, False):
        return
    setattr(searcher, _REMEMBERED, True)
    for leaf, _offset in searcher.reader().leaf_readers():
        table: Any = getattr(getattr(leaf, "_terms", None), "_tindex", None)
        if type(table) is OrderedHashReader:
            table.closest_key_pos = _remembering_search(table)


def _remembering_search(table: Any) -> Any:
    """OrderedHashReader.closest_key_pos of this table, with the keys read kept."""
    keys: dict[int, bytes] = {}
    base, size, count = table.indexbase, table.indexsize, table.indexlen
    key_at, get_pos = table.key_at, table._get_pos

    def closest_key_pos(key: bytes) -> int | None:
        if not isinstance(key, bytes):
            raise TypeError(f"Key {key!r} should be bytes")
        lo, hi = 0, count
        while lo < hi:
            mid = (lo + hi) // 2
            midkey = keys.get(mid)
            if midkey is None:
                midkey = key_at(get_pos(base + mid * size))
                if len(keys) < _KEYS_KEPT:
                    keys[mid] = midkey
            if midkey < key:
                lo = mid + 1
            else:
                hi = mid
        return None if lo == count else get_pos(base + lo * size)

    return closest_key_pos


def _skip_to(self: Any, targetid: int) -> None:
    """W3LeafMatcher.skip_to, bisecting in the block rather than stepping."""
    if not self.is_active():
        raise ReadTooFar
    if targetid <= self.id():
        return
    if targetid > self._maxid:
        self._skip_to_block(lambda: targetid > self._maxid)
    if not self.is_active():
        return
    if self._ids is None:
        self._read_ids()
    n = self._blocklength
    at = bisect_left(self._ids, targetid, self._i, n)
    if at < n:
        self._i = at
        return
    self._i = n - 1  # (never, as a block ends at its max id) step on as Whoosh does
    self.next()
    while self.is_active() and self.id() < targetid:
        self.next()


W3LeafMatcher.skip_to = _skip_to


class Or(wq.Or):
    """`whoosh.query.Or`, whose array matcher (chosen as Whoosh chooses it) is
    `_ArrayUnion`."""

    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        if self.matcher_type != self.AUTO_MATCHER:
            return super()._matcher(subs, searcher, context)
        needs_current = context.needs_current if context else True
        doccount = searcher.doc_count_all()
        if len(subs) < self.TOO_MANY_CLAUSES and (
            needs_current or self.scale or len(subs) == 2 or doccount > _ARRAY_DOCS
        ):
            return DefaultOr(
                subs, boost=self.boost, minmatch=self.minmatch, scale=self.scale
            ).matcher(searcher, context)
        scored = context.weighting is not None if context else True
        matchers = [sub.matcher(searcher, context) for sub in subs]
        return _ArrayUnion(matchers, doccount, self.boost, scored)


def _plain_leaf(matcher: Any) -> tuple[Any, float] | None:
    """A term's postings (possibly under a boost) scored by a weight-and-length
    scorer such as BM25F: (the leaf, its boost), else None."""
    boost = 1.0
    if type(matcher) is WrappingMatcher:
        boost = matcher.boost
        matcher = matcher.child
    if type(matcher) is not W3LeafMatcher:
        return None
    scorer = matcher.scorer
    if scorer is None or type(scorer).score is not WeightLengthScorer.score:
        return None
    return matcher, boost


class _ArrayUnion(ArrayUnionMatcher):
    """Whoosh's ArrayUnionMatcher with the matched slots of the block listed."""

    def __init__(
        self, submatchers: list[Any], doccount: int, boost: float = 1.0, scored: bool = True
    ) -> None:
        CombinationMatcher.__init__(self, submatchers, boost=boost)
        self._scored = scored
        self._doccount = doccount
        self._partsize = partsize = 2048
        self._a = array("d", bytes(8 * partsize))
        self._zeros = array("d", bytes(8 * partsize))
        self._live: list[int] = []
        self._docnum = self._min_id()
        self._read_part()

    def _read_part(self) -> None:
        scored = self._scored
        boost = self._boost
        limit = min(self._docnum + self._partsize, self._doccount)
        offset = self._docnum
        a = self._a
        a[:] = self._zeros
        touched: list[int] = []
        for m in self._submatchers:
            leaf = _plain_leaf(m) if scored else None
            if leaf is not None:
                _read_leaf(leaf[0], leaf[1], boost, limit, offset, a, touched)
                continue
            while m.is_active() and m.id() < limit:
                i = m.id() - offset
                if scored:
                    a[i] += m.score() * boost
                else:
                    a[i] = 1
                touched.append(i)
                m.next()
        self._offset = offset
        self._limit = limit
        self._live = sorted(i for i in set(touched) if a[i] > 0)

    def _find_next(self) -> None:
        live = self._live
        at = bisect_left(live, self._docnum - self._offset)
        if at < len(live):
            self._docnum = live[at] + self._offset
        else:
            self._docnum = self._min_id()
            self._read_part()

    def all_ids(self) -> Iterator[int]:
        doccount = self._doccount
        docnum = self._docnum
        while docnum < doccount:
            offset, limit, live = self._offset, self._limit, self._live
            for i in live[bisect_left(live, docnum - offset) :]:
                yield i + offset
            docnum = limit
            self._docnum = docnum
            self._read_part()


def _read_leaf(
    m: Any, wrap: float, boost: float, limit: int, offset: int, a: Any, touched: list[int]
) -> None:
    """Score a term's postings below `limit` into the array, block by block, as
    ArrayUnionMatcher does through the matcher (`m.score() * boost`, where a
    boosted term's score is the scorer's times its boost)."""
    scorer = m.scorer
    score, dfl = scorer._score, scorer.dfl
    while m.is_active():
        if m._ids is None:
            m._read_ids()
        if m._weights is None:
            m._read_weights()
        ids, weights, i, n = m._ids, m._weights, m._i, m._blocklength
        end = n if ids[n - 1] < limit else bisect_left(ids, limit, i, n)
        for j in range(i, end):
            docid = ids[j]
            s = score(weights[j], dfl(docid))
            if wrap != 1.0:
                s = s * wrap
            a[docid - offset] += s * boost
            touched.append(docid - offset)
        if end < n:
            m._i = end
            return
        m._i = n - 1
        m.next()


def _docs_holding(searcher: Any, field: str, text: str, docnums: list[int]) -> set[int]:
    """Which of `docnums` hold the term (their postings skipped to, in order)."""
    try:
        postings = searcher.reader().postings(field, text)
    except (TermNotFound, KeyError):
        return set()
    found = set()
    for docnum in sorted(docnums):
        if not postings.is_active():
            break
        postings.skip_to(docnum)
        if postings.is_active() and postings.id() == docnum:
            found.add(docnum)
    return found


def stemless_hits(searcher: Any, terms: HighlightTerms, docnums: list[int]) -> set[int]:
    """The hits none of whose words stem to a stem of the query: their language's
    stemmed field (the stems of every word of the text) holds none of those stems.
    Highlighting them stems no word (a word of an article seen first costs the most)."""
    if not terms.stems or not docnums:
        return set()
    languages = columns.column(searcher, sf.LANGUAGE)
    wanted = dict(terms.stems)
    by_language: dict[str, list[int]] = {}
    for docnum in docnums:
        by_language.setdefault(languages[docnum], []).append(docnum)
    lacking: set[int] = set()
    for language, docs in by_language.items():
        if language not in wanted:
            continue  # the highlighter has no stems for it either
        holding: set[int] = set()
        for stem in wanted[language]:
            holding |= _docs_holding(searcher, sf.stemmed_body(language), stem, docs)
        lacking.update(d for d in docs if d not in holding)
    return lacking
