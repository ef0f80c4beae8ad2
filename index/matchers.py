"""Faster Whoosh reads for `index.search`: the same matches,
scores and highlights, with less Python per query and per posting.

Phrases walk their rarest word's matches and skip the other words' postings to
each of them; Whoosh's term postings skip within a block one posting at a time
(thousands of Python calls per skip in a common word), so `_skip_to` finds the
posting by bisection in the block's sorted ids. It replaces the method of
Whoosh's postings reader once, at import: the same position after every skip,
so the same matches.

Looking a word or a prefix up in the lexicon is a binary search of the terms
file, each step a file read; the steps near the top are the same for every
word, so `remember_lexicon` keeps the keys read (per searcher, at most
_KEYS_KEPT). A prefix's terms come with their document counts from one walk of
each segment's lexicon (`prefix_terms`), not a lookup in every segment for each;
the counts are kept, so the scorer's lookup of each term's count is not a second,
and so are the segments holding each term, so its postings are not looked for in the
others (`segments_holding`).

Highlighting stems every distinct word of a hit's text (once per word per
process): `stemless_hits` names the hits whose stemmed field holds none of the
query's stems, whose words therefore need no stemming.

Rule kept here: what Whoosh's own methods would find, found with fewer calls.
Used only by `index.search` (phrases scored by `index.bulk` run through it).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filetables import OrderedHashReader
from whoosh.matching import ReadTooFar
from whoosh.reading import TermNotFound

from index import columns
from index import schema as sf
from index.query import HighlightTerms

_KEYS_KEPT = 20000  # lexicon keys remembered per segment (about 2 MB at most)
_REMEMBERED = "_explorer_lexicon"  # attribute on the searcher: lives and dies with it
_COUNTS = "_explorer_counts"  # attribute on the reader: the document counts walked
_COUNTS_KEPT = 200_000  # counts kept per reader (about 30 MB at most)


def prefix_terms(reader: Any, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
    """(term, documents holding it) for the first `limit` of the field's terms beginning
    with `prefix`, in lexicon order. Raises KeyError for a field the index lacks, as
    Whoosh does.

    Each segment's terms are walked with their counts (one read of the lexicon, where
    Whoosh's merged walk looks each term's count up again in every segment). A term
    among the first `limit` of all segments is among the first `limit` of each segment
    holding it, so its count summed over those walks is whole. The counts are kept for
    the searcher's later lookups (`remember_lexicon`)."""
    counts: dict[str, int] = {}
    holders: dict[str, int] = {}  # the segments holding the term, one bit each
    for segment, (leaf, _offset) in enumerate(reader.leaf_readers()):
        for n, (term, info) in enumerate(leaf.iter_prefix(field, prefix)):
            if n == limit:
                break
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            counts[text] = counts.get(text, 0) + info.doc_frequency()
            holders[text] = holders.get(text, 0) | 1 << segment
    found = sorted(counts.items())[:limit]
    known = getattr(reader, _COUNTS, None)
    if known is not None and len(known) < _COUNTS_KEPT:
        known.update(((field, text), (count, holders[text])) for text, count in found)
    return found


def segments_holding(searcher: Any, field: str, text: bytes) -> int | None:
    """The segments (bit n: the searcher's n-th leaf) whose lexicon holds the term, if
    a walk of `prefix_terms` saw it in all of them; None if not known."""
    known = getattr(searcher.reader(), _COUNTS, None)
    found = None if known is None else known.get((field, text.decode("utf-8")))
    return None if found is None else found[1]


def remember_lexicon(searcher: Any) -> None:
    """Give each segment's lexicon a binary search that remembers the keys it read."""
    if getattr(searcher, _REMEMBERED, False):
        return
    setattr(searcher, _REMEMBERED, True)
    reader = searcher.reader()
    if not reader.is_atomic():
        _remember_counts(reader)
        searcher.doc_frequency = reader.doc_frequency  # Whoosh copied the reader's method
    for leaf, _offset in searcher.reader().leaf_readers():
        table: Any = getattr(getattr(leaf, "_terms", None), "_tindex", None)
        if type(table) is OrderedHashReader:
            table.closest_key_pos = _remembering_search(table)


def _remember_counts(reader: Any) -> None:
    """Let the reader answer the document count of a term `prefix_terms` has walked
    without looking it up in every segment again (the scorer asks for it per term)."""
    known: dict[tuple[str, str], tuple[int, int]] = {}  # (count, segments_holding)
    setattr(reader, _COUNTS, known)
    looked_up = reader.doc_frequency

    def doc_frequency(fieldname: str, text: Any) -> int:
        key = (fieldname, text.decode("utf-8") if isinstance(text, bytes) else text)
        found = known.get(key)
        return int(looked_up(fieldname, text)) if found is None else found[0]

    reader.doc_frequency = doc_frequency


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
