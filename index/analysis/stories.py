"""Which articles of a corpus are about one story, and what a story's own sentences
count: the articles whose mean embeddings (their topics, `index.analysis.embed`) are
close, worked out a block of articles at a time, and the document frequencies and
spreads of a story's words among its own sentences (`index.analysis.linkage`). In a
folder of many stories, each story is centred and weighed as on a corpus of its own.

Rule kept here: only arrays of topics, rows and counts, no sentences or articles; never
an array of every article against every other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

STORY = 0.45  # cosine of two articles' mean embeddings below which they tell two stories
_STORY_BLOCK = 256  # articles per block of the one-story arrays
# past this many English articles, a sentence is centred and its words counted on the
# whole corpus, not its story: every article against every other is too slow
STORY_ARTICLES = 3000


def stories_told(topics: Any) -> bool:
    """Whether sentences are centred and weighed on their own story (`story_blocks`):
    for at most STORY_ARTICLES articles with embeddings."""
    import numpy as np

    return topics is not None and int(np.count_nonzero(topics.any(axis=1))) <= STORY_ARTICLES


def story_blocks(topics: Any) -> Iterator[tuple[int, int, Any]]:
    """Which articles are about one story, a block of articles at a time: (first, end,
    a boolean array of the articles first..end-1 against every article), their mean
    embeddings' cosine at least STORY. An article without embeddings (a zero topic) is
    near none, not even itself. In blocks, so that a corpus of many short articles never
    holds a square array of them."""
    for first in range(0, len(topics), _STORY_BLOCK):
        end = min(first + _STORY_BLOCK, len(topics))
        yield first, end, (topics[first:end] @ topics.T) >= STORY


def story_frequencies(
    rows: Any,
    columns: Any,
    owners: Any,
    scaled: Sequence[bool] | None,
    topics: Any,
    among: Any,
    frequency: Any,
) -> Any:
    """For the entries of the rows `scaled` marks: how many bags of the row's story hold
    the term (`frequency`) and how many bags that story has (`among`), in place; and
    each entry's spread factor (`tfidf`) within its story (1 for the other rows)."""
    import numpy as np
    from scipy import sparse

    articles = len(topics)
    chosen = np.ones(len(rows), bool) if scaled is None else np.asarray(scaled, bool)[rows]
    picked = np.flatnonzero(chosen)
    spread = np.ones(len(rows))
    if not len(picked):
        return spread
    width = int(columns.max()) + 1
    held = sparse.csr_matrix(  # bags of each article holding each term
        (np.ones(len(columns)), (owners[rows], columns)), shape=(articles, width)
    )
    holding = (held > 0).astype(np.float64)  # whether each article holds each term
    bags = np.bincount(owners, minlength=articles).astype(np.float64)
    story = owners[rows[picked]]
    order = np.argsort(story, kind="stable")
    bounds = np.searchsorted(story[order], np.arange(0, articles + _STORY_BLOCK, _STORY_BLOCK))
    for number, (first, _end, near) in enumerate(story_blocks(topics)):
        entries = picked[order[bounds[number] : bounds[number + 1]]]
        if not len(entries):
            continue
        block = sparse.csr_matrix(near.astype(np.float64))
        story_held = (block @ held).tocsr()
        local = owners[rows[entries]] - first
        frequency[entries] = np.asarray(story_held[local, columns[entries]]).ravel()
        among[entries] = (block @ bags)[local]
        story_holding = (block @ holding).tocsr()
        spread[entries] = (
            np.asarray(story_holding[local, columns[entries]]).ravel() / frequency[entries]
        )
    return spread
