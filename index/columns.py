"""The few per-article columns a search reads for every match, held in memory once
per searcher: facets, date sorts and the field lengths BM25 scores with.

Rule kept here: the index is read through files (not memory-mapped, to keep the
app's memory low), where each column value read per match is a file read; so
what a query reads for each of thousands of matches is read once per searcher,
as plain Python sequences indexed by document number, and the searcher's own
objects stay inside `index.search`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

_CACHE = "_explorer_columns"  # attribute on the searcher: lives and dies with it


def _cache(searcher: Any) -> dict[str, Any]:
    cache: dict[str, Any] | None = getattr(searcher, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(searcher, _CACHE, cache)
    return cache


def column(searcher: Any, field: str) -> Sequence[Any]:
    """Every document's value of a sortable field, by global document number
    (equal values share one object, so a column of 100k articles is a list of
    pointers)."""
    cache = _cache(searcher)
    found = cache.get(field)
    if found is None:
        shared: dict[Any, Any] = {}
        reader = searcher.reader()
        values = reader.column_reader(field) if reader.doc_count_all() else ()
        found = [shared.setdefault(v, v) for v in values]
        cache[field] = found
    return found


def numbers(searcher: Any, field: str) -> Any:
    """A numeric sortable field's column as a numpy array (int64), by global number."""
    cache = _cache(searcher)
    key = f"numbers:{field}"
    found = cache.get(key)
    if found is None:
        import numpy as np

        found = np.array(column(searcher, field), dtype=np.int64)
        cache[key] = found
    return found


def lengths_in_memory(searcher: Any) -> None:
    """Give each segment's field-length columns (one byte per document and field,
    read for every document BM25 scores) to Whoosh as bytes in memory."""
    cache = _cache(searcher)
    if cache.get("lengths"):
        return
    cache["lengths"] = True
    reader = searcher.reader()
    if not reader.doc_count_all():
        return  # an index with no segment yet
    for leaf, _offset in reader.leaf_readers():
        perdoc = getattr(leaf, "_perdoc", None)
        readers = getattr(perdoc, "_readers", None)
        cached_reader = getattr(perdoc, "_cached_reader", None)
        if readers is None or cached_reader is None:
            continue  # another codec: its own reads stay as they are
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        for name in leaf.schema.scorable_names():
            reader = cached_reader(_lenfield(name), LENGTHS_COLUMN)
            if reader is not None and not isinstance(reader, bytes):
                readers[_lenfield(name)] = bytes(reader)


def counts(searcher: Any, field: str, docs: Iterable[int]) -> Counter[Any]:
    """How many of `docs` hold each value of the field."""
    values = column(searcher, field)
    return Counter(map(values.__getitem__, docs))


def pair_counts(searcher: Any, first: str, second: str, docs: Iterable[int]) -> Counter[Any]:
    """How many of `docs` hold each (first, second) pair of values."""
    a, b = column(searcher, first), column(searcher, second)
    return Counter((a[d], b[d]) for d in docs)
