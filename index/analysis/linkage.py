"""How close two claim sentences, or two groups of them, are: the scores story beats
are grouped by (`index.analysis.claims`), and the average-linkage grouping itself.

Two English sentences score the cosine of their embeddings, plus LEX_WEIGHT times the
TF-IDF cosine of their content words, plus what their quantities say
(`index.analysis.anchors`): the same value stated in both adds up to ANCHOR, values
stated in both with none in common take off CONFLICT ("8,000 hectares" is not "600
hectares"). Every part is a dot product of vectors of the sentences, so the mean
score of all the cross pairs of two groups is a dot product of the groups' sums.
Pairs with a score of at least SEMANTIC join their groups, strongest first, while
the groups' mean cross score, less SHARED times the share of articles both groups
already hold (one article rarely tells a beat twice), stays at least SEMANTIC_LINK.
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
from dataclasses import dataclass
from typing import Any

SEMANTIC = 0.65  # combined score at which two English sentences tell the same beat
SEMANTIC_LINK = 0.49  # embedded groups merge while their mean cross score is at least this
LEX_WEIGHT = 3.0  # weight of the TF-IDF cosine added to the embedding cosine
ANCHOR = 0.9  # added when two sentences state the same quantities
CONFLICT = 0.6  # taken off when both state quantities and share none
SHARED = 0.15  # taken off two groups' mean per share of articles both already hold
EMBEDDED_FLOOR = 0.2  # embedding cosine below which no other evidence pairs two sentences
_LEX_FLOOR = 0.1  # TF-IDF cosine below which words are not looked at for an embedded pair
_COMMON_SHARE = 0.25  # words in more of the sentences than this say nothing of a beat
_COMMON_FLOOR = 8  # ... but in a handful of sentences, even a word in most of them tells
_KEY_SENTENCES = 400  # terms in more sentences than this do not pair sentences on their own
_BLOCK = 512  # sentences per block of the candidate products
_DENSE_TERMS = 48  # a group's summed vector with more terms than this is kept as arrays

Sparse = dict[str, float]


def tfidf(bags: list[dict[str, int]], idf: bool = True) -> list[Sparse]:
    """TF-IDF (or counts only, without `idf`), unit length; terms in more than
    `_COMMON_SHARE` of the bags dropped."""
    n = len(bags)
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for term in bag:
            df[term] += 1
    limit = max(_COMMON_FLOOR, int(n * _COMMON_SHARE))
    vectors: list[Sparse] = []
    for bag in bags:
        vec = {
            t: c * (math.log(1 + n / df[t]) if idf else 1.0)
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


def _matrix(vectors: list[Sparse]) -> tuple[Any, dict[str, int]]:
    """The vectors as a CSR matrix, one row each; columns numbered by first appearance."""
    import numpy as np
    from scipy import sparse

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
    return matrix, vocabulary


def lexical_pairs(
    vectors: list[Sparse], owners: list[int], similar: float
) -> list[tuple[float, int, int]]:
    """Pairs of sentences of different articles with cosine >= `similar`, most similar
    first, by sparse matrix products. Candidates are the pairs sharing a key term: one
    that at least two and at most `_KEY_SENTENCES` sentences hold (a word that common
    alone does not make two sentences one beat, and pairing every sentence that shares
    one is quadratic). A candidate's cosine over its key terms plus the most its other
    terms could add (the product of their norms) must reach `similar` before those
    other terms are scored."""
    import numpy as np

    n = len(vectors)
    matrix, vocabulary = _matrix(vectors)
    if not vocabulary:
        return []
    df = np.asarray((matrix != 0).sum(axis=0)).ravel()
    is_key = (df >= 2) & (df <= _KEY_SENTENCES)
    keys = matrix[:, np.flatnonzero(is_key)].tocsr()
    keys_t = keys.T.tocsr()
    common = matrix[:, np.flatnonzero(~is_key)].tocsr()
    reach = np.sqrt(np.asarray(common.multiply(common).sum(axis=1)).ravel())
    owner = np.asarray(owners)
    found: list[tuple[Any, Any, Any]] = []  # (scores, first, second) of each block
    for start in range(0, n, _BLOCK):
        block = (keys[start : start + _BLOCK] @ keys_t).tocoo()
        first = block.row.astype(np.int64) + start
        second = block.col.astype(np.int64)
        partial = block.data
        keep = (
            (second > first)
            & (owner[first] != owner[second])
            & (partial + reach[first] * reach[second] >= similar)
        )
        first, second, partial = first[keep], second[keep], partial[keep]
        if not len(first):
            continue
        rest = np.asarray(common[first].multiply(common[second]).sum(axis=1)).ravel()
        scores = partial + rest
        close = scores >= similar
        found.append((scores[close], first[close], second[close]))
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


def _quantity_part(qa: Sparse, qb: Sparse) -> float:
    if not qa or not qb:
        return 0.0
    return (ANCHOR + CONFLICT) * dot(qa, qb) - CONFLICT


def scored_pairs(
    vectors: list[Sparse], owners: list[int], similar: float, meaning: Meaning | None
) -> list[tuple[float, int, int]]:
    """Candidate pairs, strongest first, each with its strength as a share of its
    threshold: where both sentences are embedded, the combined score (>= SEMANTIC),
    else the TF-IDF cosine (>= `similar`)."""
    import numpy as np

    if meaning is None:  # words alone: only pairs at `similar` (a lower floor is millions)
        return [(lex / similar, i, j) for lex, i, j in lexical_pairs(vectors, owners, similar)]
    lexical = lexical_pairs(vectors, owners, min(similar, _LEX_FLOOR))
    n = len(vectors)
    where = np.full(n, -1, dtype=np.int64)
    where[meaning.rows] = np.arange(len(meaning.rows))
    emb = meaning.vectors
    quantities = meaning.quantities
    scored: dict[tuple[int, int], float] = {}
    owner = np.asarray(owners)

    def combined(i: int, j: int, close: float, lex: float) -> None:
        if close < EMBEDDED_FLOOR:
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
    stating = np.asarray(stated.getnnz(axis=1) > 0, dtype=np.float32)
    stated_t = stated.T.tocsr()
    for start in range(0, len(rows), _BLOCK):
        block = emb[start : start + _BLOCK] @ emb.T
        part = stated[start : start + _BLOCK] @ stated_t
        total = block + (ANCHOR + CONFLICT) * part.toarray().astype(np.float32)
        total -= CONFLICT * np.outer(stating[start : start + _BLOCK], stating)
        first, second = np.nonzero((total >= reach) & (block >= EMBEDDED_FLOOR))
        keep = second > first + start
        first, second = first[keep] + start, second[keep]
        i_s, j_s = rows[first], rows[second]
        keep = owner[i_s] != owner[j_s]
        for r, s, i, j in zip(first[keep], second[keep], i_s[keep], j_s[keep], strict=True):
            if (int(i), int(j)) not in scored:
                combined(int(i), int(j), float(block[r - start, s]), dot(vectors[i], vectors[j]))
    return sorted(((v, i, j) for (i, j), v in scored.items()), key=lambda p: (-p[0], p[1], p[2]))


def group(
    vectors: list[Sparse],
    pairs: list[tuple[float, int, int]],
    link: float,
    meaning: Meaning | None = None,
    owners: list[int] | None = None,
) -> list[list[int]]:
    """Beats by average linkage over the candidate pairs: two groups joined by a pair
    merge only when their mean cross score is high enough (combined score >=
    SEMANTIC_LINK where both hold embedded sentences, else TF-IDF cosine >= `link`), so
    one bridging sentence does not chain two beats together."""
    n = len(vectors)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[int]] = {i: {owners[i]} for i in range(n)} if owners else {}
    sums = _GroupSums(vectors)
    # group: (sum of its embedded members' embeddings, how many, sum of quantity vectors,
    # how many members state quantities)
    embedded: dict[int, Any] = {}
    quantity: dict[int, tuple[Sparse, int]] = {}
    if meaning is not None:
        for r, i in enumerate(meaning.rows.tolist()):
            embedded[i] = (meaning.vectors[r].astype("float64"), 1)
        for i, q in enumerate(meaning.quantities):
            quantity[i] = (dict(q), 1 if q else 0)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _score, i, j in pairs:
        a, b = find(i), find(j)
        if a == b:
            continue
        cross = len(members[a]) * len(members[b])
        lexical = sums.dot(a, b) / cross
        if a in embedded and b in embedded:
            (sum_a, count_a), (sum_b, count_b) = embedded[a], embedded[b]
            (q_a, stating_a), (q_b, stating_b) = quantity[a], quantity[b]
            mean = (
                float(sum_a @ sum_b) / (count_a * count_b)
                + LEX_WEIGHT * lexical
                + ((ANCHOR + CONFLICT) * dot(q_a, q_b) - CONFLICT * stating_a * stating_b) / cross
            )
            if SHARED and articles:
                both = len(articles[a] & articles[b])
                mean -= SHARED * both / min(len(articles[a]), len(articles[b]))
            if mean < SEMANTIC_LINK:
                continue
        elif lexical < link:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a].extend(members.pop(b))
        if articles:
            articles[a] |= articles.pop(b)
        sums.merge(a, b)
        if b in embedded:
            sum_b, count_b = embedded.pop(b)
            if a in embedded:
                sum_a, count_a = embedded[a]
                embedded[a] = (sum_a + sum_b, count_a + count_b)
            else:
                embedded[a] = (sum_b, count_b)
        if b in quantity:
            q_b, stating_b = quantity.pop(b)
            q_a, stating_a = quantity[a]
            _add(q_a, q_b)
            quantity[a] = (q_a, stating_a + stating_b)
    return [sorted(g) for g in members.values()]


def _add(total: Sparse, more: Sparse) -> None:
    for term, weight in more.items():
        total[term] = total.get(term, 0.0) + weight


class _GroupSums:
    """Each group's sum of its members' TF-IDF vectors, for the mean cross cosine of two
    groups. A group's sum is a dict while it has few terms; past `_DENSE_TERMS` it is
    two arrays (term numbers ascending, weights), so a product with it is a sorted
    lookup in numpy instead of a Python loop over hundreds of terms."""

    def __init__(self, vectors: list[Sparse]) -> None:
        self._small: dict[int, Sparse] = {i: dict(v) for i, v in enumerate(vectors)}
        self._large: dict[int, tuple[Any, Any]] = {}
        self._looked_up: dict[int, tuple[Any, Any]] = {}  # small groups' sums as arrays
        self._numbers: dict[str, int] = {}

    def _arrays(self, sparse: Sparse) -> tuple[Any, Any]:
        import numpy as np

        numbers = self._numbers
        for term in sparse:
            if term not in numbers:
                numbers[term] = len(numbers)
        ids = np.fromiter(map(numbers.__getitem__, sparse), np.int64, len(sparse))
        weights = np.fromiter(sparse.values(), np.float64, len(sparse))
        order = np.argsort(ids)
        return ids[order], weights[order]

    def _take(self, group: int) -> tuple[Any, Any]:
        if group in self._large:
            return self._large.pop(group)
        self._looked_up.pop(group, None)
        return self._arrays(self._small.pop(group))

    def _lookup(self, group: int) -> tuple[Any, Any]:
        """A small group's sum as arrays, kept until the group changes."""
        found = self._looked_up.get(group)
        if found is None:
            found = self._looked_up[group] = self._arrays(self._small[group])
        return found

    def dot(self, a: int, b: int) -> float:
        large_a, large_b = self._large.get(a), self._large.get(b)
        if large_a is None and large_b is None:
            return dot(self._small[a], self._small[b])
        if large_a is None:
            large_a, large_b, a, b = large_b, large_a, b, a
        assert large_a is not None
        if large_b is None:
            large_b = self._lookup(b)
        elif len(large_b[0]) > len(large_a[0]):
            large_a, large_b = large_b, large_a
        return _sorted_dot(large_a, large_b)

    def merge(self, a: int, b: int) -> None:
        """Group `b`'s sum added into group `a`'s."""
        import numpy as np

        if a not in self._large and b not in self._large:
            self._looked_up.pop(a, None)
            self._looked_up.pop(b, None)
            total = self._small[a]
            _add(total, self._small.pop(b))
            if len(total) > _DENSE_TERMS:
                self._large[a] = self._arrays(self._small.pop(a))
            return
        ids_a, weights_a = self._take(a)
        ids_b, weights_b = self._take(b)
        ids, where = np.unique(np.concatenate((ids_a, ids_b)), return_inverse=True)
        weights = np.bincount(where, np.concatenate((weights_a, weights_b)), len(ids))
        self._large[a] = (ids, weights)


def _sorted_dot(large: tuple[Any, Any], other: tuple[Any, Any]) -> float:
    """The dot product of two sparse vectors as (ascending term numbers, weights)."""
    ids, weights = large
    at = ids.searchsorted(other[0])
    at[at == len(ids)] = 0
    shared = ids[at] == other[0]
    return float(weights[at[shared]] @ other[1][shared])
