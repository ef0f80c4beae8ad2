"""How close two claim sentences, or two groups of them, are: the scores story beats
are grouped by (`index.analysis.claims`; the grouping is `index.analysis.grouping`).

Two English sentences score the cosine of their embeddings, plus LEX_WEIGHT times the
TF-IDF cosine of their content words (each word's weight scaled by its spread across
articles, `tfidf`: the story's own names say little of a beat), plus what their
quantities say (`index.analysis.anchors`): the same value stated in both adds up to
ANCHOR; where both state amounts (not only times or small counts) and share no quantity,
CONFLICT is taken off ("8,000 hectares" is not "600 hectares"). Every part is a dot
product of vectors of the sentences, so the mean score of all the cross pairs of two
groups is a dot product of the groups' sums.
Pairs with a score of at least SEMANTIC join their groups, strongest first, while
the groups' mean cross score, less SHARED times the share of articles both groups
already hold (one article rarely tells a beat twice), stays at least SEMANTIC_LINK.
Two English sentences pair only when their articles are about one story: the cosine of
the articles' mean embeddings is at least STORY (in a folder of many stories, "shares
fell 6 percent" in one company's story is not "shares rose 3 percent" in another's);
their words' document frequencies are counted among their own story's sentences
(`tfidf_matrix`).
Sentences without embeddings (not English, no model) are compared by words alone:
TF-IDF cosine at least `similar`, groups' mean cross cosine at least `link`.

Rule kept here: only scores and indices, no sentences or articles. The weights and
thresholds were chosen together by a grid search over every labelled set
(benchmarks/eval_beats.py and the README say which and what they score).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from index.analysis.anchors import states_amounts
from index.analysis.stories import STORY, stories_told, story_frequencies

SEMANTIC = 0.55  # combined score at which two English sentences tell the same beat
SEMANTIC_LINK = 0.4  # embedded groups merge while their mean cross score is at least this
LEX_WEIGHT = 2.0  # weight of the TF-IDF cosine added to the embedding cosine
ANCHOR = 0.9  # added when two sentences state the same quantities
CONFLICT = 0.6  # taken off when both state amounts and share no quantity
SHARED = 0.15  # taken off two groups' mean per share of articles both already hold
EMBEDDED_FLOOR = 0.2  # embedding cosine below which no other evidence pairs two sentences
_LEX_FLOOR = 0.1  # TF-IDF cosine below which words are not looked at for an embedded pair
_COMMON_SHARE = 0.25  # words in more of the sentences than this say nothing of a beat
_COMMON_FLOOR = 8  # ... but in a handful of sentences, even a word in most of them tells
_KEY_SENTENCES = 400  # terms in more sentences than this do not pair sentences on their own
_BLOCK = 512  # sentences per block of the candidate products

Sparse = dict[str, float]


def tfidf(
    bags: list[dict[str, int]],
    idf: bool = True,
    owners: Sequence[int] | None = None,
    scaled: Sequence[bool] | None = None,
) -> list[Sparse]:
    """TF-IDF (or counts only, without `idf`), unit length; terms in more than
    `_COMMON_SHARE` of the bags dropped. Given each bag's article (`owners`), a term's
    weight is also scaled by its spread: the articles holding it over the bags holding
    it (in the bags `scaled` marks, or all). A beat is told about once an article, so
    its words are spread one to an article; a word an article repeats sentence after
    sentence (the lab, the company at the centre of the story) is the story's topic,
    which the sentences' embeddings already share."""
    n = len(bags)
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for term in bag:
            df[term] += 1
    limit = max(_COMMON_FLOOR, int(n * _COMMON_SHARE))
    spread: dict[str, float] = {}
    if owners is not None:
        held: dict[str, set[int]] = defaultdict(set)
        for bag, owner in zip(bags, owners, strict=True):
            for term in bag:
                held[term].add(owner)
        spread = {term: len(articles) / df[term] for term, articles in held.items()}
    vectors: list[Sparse] = []
    for number, bag in enumerate(bags):
        spreads = spread if spread and (scaled is None or scaled[number]) else None
        vec = {
            t: c
            * (math.log(1 + n / df[t]) if idf else 1.0)
            * (spreads[t] if spreads is not None else 1.0)
            for t, c in bag.items()
            if df[t] <= limit
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def dot(a: Sparse, b: Sparse) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


class Vectors(Sequence[Sparse]):
    """TF-IDF vectors held as one CSR matrix (one unit-length row each, columns numbered
    as `terms`), each read as a dict when asked for: a corpus's vectors are built in a
    few numpy passes and only the rows looked at become dicts."""

    def __init__(self, matrix: Any, terms: list[str]) -> None:
        self.matrix = matrix
        self.terms = terms

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    @overload
    def __getitem__(self, row: int) -> Sparse: ...

    @overload
    def __getitem__(self, row: slice) -> Sequence[Sparse]: ...

    def __getitem__(self, row: int | slice) -> Sparse | Sequence[Sparse]:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        columns = self.matrix.indices[start:end].tolist()
        weights = self.matrix.data[start:end].tolist()
        return dict(zip(map(self.terms.__getitem__, columns), weights, strict=True))


def tfidf_matrix(
    bags: list[dict[str, int]],
    owners: Sequence[int] | None = None,
    scaled: Sequence[bool] | None = None,
    topics: Any = None,
) -> Vectors:
    """The vectors of `tfidf` (the same weights, to rounding), built as arrays. Given
    each owner's mean embedding (`topics`, which tells the articles about one story,
    `index.analysis.stories`), a bag that `scaled` marks counts its terms' document frequencies
    and spreads among the bags of its own story's articles, not the whole corpus': in a
    folder of many stories a story's own names are as common in its sentences as on a
    corpus of that story alone, and weigh as little."""
    import numpy as np
    from scipy import sparse

    n = len(bags)
    lengths = np.fromiter(map(len, bags), np.int64, n)
    terms = dict.fromkeys(itertools.chain.from_iterable(bags))
    numbers = {term: number for number, term in enumerate(terms)}
    columns = np.fromiter(
        map(numbers.__getitem__, itertools.chain.from_iterable(bags)), np.int64, int(lengths.sum())
    )
    counts = np.fromiter(
        itertools.chain.from_iterable(bag.values() for bag in bags), np.float64, len(columns)
    )
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    df = np.bincount(columns, minlength=len(numbers))
    among = np.full(len(columns), float(n))  # the bags each entry's frequency is among
    frequency = df[columns].astype(np.float64)
    spread = None
    if owners is not None and stories_told(topics):
        spread = story_frequencies(rows, columns, np.asarray(owners, np.int64), scaled,
                                    topics, among, frequency)  # fmt: skip
    limit = np.maximum(_COMMON_FLOOR, (among * _COMMON_SHARE).astype(np.int64))
    keep = frequency <= limit
    rows, columns, counts = rows[keep], columns[keep], counts[keep]
    weights = counts * np.log1p(among[keep] / frequency[keep])
    if spread is not None:
        weights *= spread[keep]
    elif owners is not None:
        weights *= _spreads(rows, columns, df, np.asarray(owners, dtype=np.int64), scaled)
    norms = np.sqrt(np.bincount(rows, weights * weights, n))
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(
        (weights / norms[rows], (rows, columns)), shape=(n, max(1, len(numbers)))
    )
    matrix.sort_indices()
    return Vectors(matrix, list(numbers))


def _spreads(rows: Any, columns: Any, df: Any, owners: Any, scaled: Sequence[bool] | None) -> Any:
    """Each entry's spread factor of `tfidf`: articles holding its term over bags
    holding it (1 in the rows `scaled` leaves out)."""
    import numpy as np

    if not len(columns):
        return np.ones(0)
    articles = int(owners.max()) + 1
    held = np.unique(columns * articles + owners[rows]) // articles
    factor = np.bincount(held, minlength=len(df)) / np.maximum(df, 1)
    if scaled is None:
        return factor[columns]
    return np.where(np.asarray(scaled, dtype=bool)[rows], factor[columns], 1.0)


def _matrix(vectors: Sequence[Sparse]) -> tuple[Any, int]:
    """The vectors as a CSR matrix, one row each, with how many terms it has; columns
    numbered by first appearance."""
    import numpy as np
    from scipy import sparse

    if isinstance(vectors, Vectors):
        return vectors.matrix, len(vectors.terms)
    lengths = np.fromiter(map(len, vectors), np.int64, len(vectors))
    total = int(lengths.sum())
    terms = itertools.chain.from_iterable(vectors)
    vocabulary = {term: number for number, term in enumerate(dict.fromkeys(terms))}
    columns = np.fromiter(
        map(vocabulary.__getitem__, itertools.chain.from_iterable(vectors)), np.int64, total
    )
    weights = np.fromiter(
        itertools.chain.from_iterable(v.values() for v in vectors), np.float64, total
    )
    pointers = np.zeros(len(vectors) + 1, np.int64)
    np.cumsum(lengths, out=pointers[1:])
    shape = (len(vectors), max(1, len(vocabulary)))
    matrix = sparse.csr_matrix((weights, columns, pointers), shape=shape)
    matrix.sort_indices()  # each row's columns ascending, as the sparse products keep them
    return matrix, len(vocabulary)


def _chunks(count: int, among: Any) -> list[tuple[Any, Any]]:
    """Blocks of the rows to pair: (what selects them, their numbers), every row in
    slices, or the rows `among` (ascending numbers) in pieces."""
    import numpy as np

    if among is None:
        return [
            (slice(start, min(start + _BLOCK, count)), np.arange(start, min(start + _BLOCK, count)))
            for start in range(0, count, _BLOCK)
        ]
    return [(among[s : s + _BLOCK], among[s : s + _BLOCK]) for s in range(0, len(among), _BLOCK)]


def _fresh_mask(count: int, among: Any) -> Any:
    """Which rows are among those paired (None: every row)."""
    import numpy as np

    if among is None:
        return None
    mask = np.zeros(count, dtype=bool)
    mask[among] = True
    return mask


def lexical_pairs(
    vectors: Sequence[Sparse], owners: list[int], similar: float, among: Any = None
) -> list[tuple[float, int, int]]:
    """Pairs of sentences of different articles with cosine >= `similar`, most similar
    first, by sparse matrix products; with `among` (an ascending array of rows) only the
    pairs holding one of those rows. Candidates are the pairs sharing a key term: one
    that at least two and at most `_KEY_SENTENCES` sentences hold (a word that common
    alone does not make two sentences one beat, and pairing every sentence that shares
    one is quadratic). A candidate's cosine over its key terms plus the most its other
    terms could add (the product of their norms) must reach `similar` before those
    other terms are scored."""
    import numpy as np

    n = len(vectors)
    matrix, terms = _matrix(vectors)
    if not terms:
        return []
    df = np.asarray((matrix != 0).sum(axis=0)).ravel()
    is_key = (df >= 2) & (df <= _KEY_SENTENCES)
    keys = matrix[:, np.flatnonzero(is_key)].tocsr()
    keys_t = keys.T.tocsr()
    common = matrix[:, np.flatnonzero(~is_key)].tocsr()
    reach = np.sqrt(np.asarray(common.multiply(common).sum(axis=1)).ravel())
    owner = np.asarray(owners)
    fresh = _fresh_mask(n, among)
    found: list[tuple[Any, Any, Any]] = []  # (scores, first, second) of each block
    for chosen, numbers in _chunks(n, among):
        block = (keys[chosen] @ keys_t).tocoo()
        first = numbers[block.row]
        second = block.col.astype(np.int64)
        partial = block.data
        later = second > first if fresh is None else (second > first) | ~fresh[second]
        keep = (
            later
            & (owner[first] != owner[second])
            & (partial + reach[first] * reach[second] >= similar)
        )
        first, second, partial = first[keep], second[keep], partial[keep]
        if not len(first):
            continue
        rest = np.asarray(common[first].multiply(common[second]).sum(axis=1)).ravel()
        scores = partial + rest
        close = scores >= similar
        first, second = first[close], second[close]
        found.append((scores[close], np.minimum(first, second), np.maximum(first, second)))
    if not found:
        return []
    scores, first, second = (np.concatenate(parts) for parts in zip(*found, strict=True))
    order = np.lexsort((second, first, -scores))  # most similar first, then by position
    return list(
        zip(scores[order].tolist(), first[order].tolist(), second[order].tolist(), strict=True)
    )


@dataclass(frozen=True)
class Meaning:
    """The English sentences' evidence beyond words: embeddings (unit rows, centred)
    of the sentences `rows`, and every sentence's quantities as a unit vector."""

    vectors: Any  # numpy (m, DIMENSIONS), row r for sentence rows[r]
    rows: Any  # numpy (m,), ascending
    quantities: list[Sparse]  # one per sentence (empty: states none)
    topics: Any = None  # numpy (articles, DIMENSIONS): each article's mean embedding


def _quantity_part(qa: Sparse, qb: Sparse) -> float:
    if not qa or not qb:
        return 0.0
    return (ANCHOR + CONFLICT) * dot(qa, qb) - CONFLICT * (
        states_amounts(qa) and states_amounts(qb)
    )


def scored_pairs(
    vectors: Sequence[Sparse],
    owners: list[int],
    similar: float,
    meaning: Meaning | None,
    among: Any = None,
) -> list[tuple[float, int, int]]:
    """Candidate pairs, strongest first, each with its strength as a share of its
    threshold: where both sentences are embedded, the combined score (>= SEMANTIC),
    else the TF-IDF cosine (>= `similar`). With `among` (an ascending array of rows),
    only the pairs holding one of those rows."""
    import numpy as np

    if meaning is None:  # words alone: only pairs at `similar` (a lower floor is millions)
        return [
            (lex / similar, i, j) for lex, i, j in lexical_pairs(vectors, owners, similar, among)
        ]
    lexical = lexical_pairs(vectors, owners, min(similar, _LEX_FLOOR), among)
    n = len(vectors)
    where = np.full(n, -1, dtype=np.int64)
    where[meaning.rows] = np.arange(len(meaning.rows))
    emb = meaning.vectors
    quantities = meaning.quantities
    scored: dict[tuple[int, int], float] = {}
    owner = np.asarray(owners)

    topics = meaning.topics
    topic_of: dict[tuple[int, int], float] = {}

    def one_story(i: int, j: int) -> bool:
        """Whether the articles of sentences i and j are about one story."""
        if topics is None:
            return True
        key = (int(owner[i]), int(owner[j]))
        found = topic_of.get(key)
        if found is None:
            found = topic_of[key] = float(topics[key[0]] @ topics[key[1]])
        return found >= STORY

    def combined(i: int, j: int, close: float, lex: float) -> None:
        if close < EMBEDDED_FLOOR or not one_story(i, j):
            return
        score = close + LEX_WEIGHT * lex + _quantity_part(quantities[i], quantities[j])
        if score >= SEMANTIC:
            scored[(i, j)] = score / SEMANTIC

    for lex, i, j in lexical:
        if where[i] >= 0 and where[j] >= 0:
            combined(i, j, float(emb[where[i]] @ emb[where[j]]), lex)
        elif lex >= similar:
            scored[(i, j)] = lex / similar
    # pairs that words did not find: the embedding and quantities must carry them, all
    # but what words below the lexical candidates' floor could add; scored a block of
    # sentences at a time, quantities by a sparse product
    reach = SEMANTIC - LEX_WEIGHT * _LEX_FLOOR
    rows = meaning.rows
    stated, _terms = _matrix([quantities[i] for i in rows.tolist()])
    stating = np.asarray([states_amounts(quantities[i]) for i in rows.tolist()], np.float32)
    stated_t = stated.T.tocsr()
    fresh = _fresh_mask(n, among)
    embedded_among = None if fresh is None else np.flatnonzero(fresh[rows])
    for chosen, numbers in _chunks(len(rows), embedded_among):
        block = emb[chosen] @ emb.T
        part = stated[chosen] @ stated_t
        total = block + (ANCHOR + CONFLICT) * part.toarray().astype(np.float32)
        total -= CONFLICT * np.outer(stating[chosen], stating)
        local, second = np.nonzero((total >= reach) & (block >= EMBEDDED_FLOOR))
        first = numbers[local]
        later = second > first if fresh is None else (second > first) | ~fresh[rows[second]]
        local, first, second = local[later], first[later], second[later]
        i_s, j_s = rows[first], rows[second]
        keep = owner[i_s] != owner[j_s]
        for r, s, i, j in zip(local[keep], second[keep], i_s[keep], j_s[keep], strict=True):
            i, j = (int(i), int(j)) if i < j else (int(j), int(i))
            if (i, j) not in scored:
                combined(i, j, float(block[r, s]), dot(vectors[i], vectors[j]))
    return sorted(((v, i, j) for (i, j), v in scored.items()), key=lambda p: (-p[0], p[1], p[2]))
