"""Average-linkage grouping of claim sentences into story beats, over the candidate
pairs and scores of `index.analysis.linkage`: close pairs join their groups, strongest
first, while the groups stay close on average, so one sentence that shares words
with two beats cannot chain them into one.

Grouping can start from groups already known (the beats before some articles were
added, `index.analysis.beat_updates`): those groups are taken as they are and only
the pairs given can join them. A group's sums are worked out when a pair first
reaches it, so the groups no pair touches cost nothing.

Rule kept here: only scores and indices, no sentences or articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.analysis import linkage
from index.analysis.anchors import states_amounts
from index.analysis.linkage import Meaning, Sparse, dot

_DENSE_TERMS = 48  # a group's summed vector with more terms than this is kept as arrays


def group(
    vectors: Sequence[Sparse],
    pairs: list[tuple[float, int, int]],
    link: float,
    meaning: Meaning | None = None,
    owners: list[int] | None = None,
    start: Sequence[Sequence[int]] = (),
) -> list[list[int]]:
    """Beats by average linkage over the candidate pairs: two groups joined by a pair
    merge only when their mean cross score is high enough (combined score >=
    SEMANTIC_LINK where both hold embedded sentences, else TF-IDF cosine >= `link`), so
    one bridging sentence does not chain two beats together. `start` lists groups
    taken as they are before any pair is looked at."""
    n = len(vectors)
    parent = list(range(n))
    sums = _GroupSums(vectors)
    members: dict[int, list[int]] = {}
    articles: dict[int, set[int]] = {}
    alone: Sequence[int] = range(n)  # the statements in no known group
    if start:  # taken as they are: no check, no sums until a pair reaches them
        covered = bytearray(n)
        for known in start:
            first = known[0]
            members[first] = list(known)
            for other in known:
                parent[other] = first
                covered[other] = 1
            if owners:
                articles[first] = {owners[i] for i in known}
            sums.defer(first, list(known))
        alone = [i for i in range(n) if not covered[i]]
    members.update((i, [i]) for i in alone)
    if owners:
        articles.update((i, {owners[i]}) for i in alone)
    # group: (sum of its embedded members' embeddings, how many, sum of quantity vectors,
    # how many members state amounts)
    embedded: dict[int, Any] = {}
    quantity: dict[int, tuple[Sparse, int]] = {}
    if meaning is not None:
        for r, i in enumerate(meaning.rows.tolist()):
            embedded[i] = (meaning.vectors[r].astype("float64"), 1)
        for i, q in enumerate(meaning.quantities):
            quantity[i] = (dict(q), 1 if states_amounts(q) else 0)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        """Group `b` into group `a`; both are roots."""
        parent[b] = a
        members[a].extend(members.pop(b))
        if articles:
            articles[a] |= articles.pop(b)
        _join_meaning(embedded, quantity, a, b)

    if meaning is not None:
        for known in start:
            for other in known[1:]:
                _join_meaning(embedded, quantity, known[0], other)

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
                + linkage.LEX_WEIGHT * lexical
                + (
                    (linkage.ANCHOR + linkage.CONFLICT) * dot(q_a, q_b)
                    - linkage.CONFLICT * stating_a * stating_b
                )
                / cross
            )
            if linkage.SHARED and articles:
                both = len(articles[a] & articles[b])
                mean -= linkage.SHARED * both / min(len(articles[a]), len(articles[b]))
            if mean < linkage.SEMANTIC_LINK:
                continue
        elif lexical < link:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        sums.merge(a, b)
        join(a, b)
    return [sorted(g) for g in members.values()]


def _join_meaning(
    embedded: dict[int, Any], quantity: dict[int, tuple[Sparse, int]], a: int, b: int
) -> None:
    """Group `b`'s embedding and quantity sums added into group `a`'s."""
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


def _add(total: Sparse, more: Sparse) -> None:
    for term, weight in more.items():
        total[term] = total.get(term, 0.0) + weight


class _GroupSums:
    """Each group's sum of its members' TF-IDF vectors, for the mean cross cosine of two
    groups, worked out when the group is first looked at. A group's sum is a dict while
    it has few terms; past `_DENSE_TERMS` it is two arrays (term numbers ascending,
    weights), so a product with it is a sorted lookup in numpy instead of a Python loop
    over hundreds of terms."""

    def __init__(self, vectors: Sequence[Sparse]) -> None:
        self._vectors = vectors
        self._small: dict[int, Sparse] = {}
        self._large: dict[int, tuple[Any, Any]] = {}
        self._looked_up: dict[int, tuple[Any, Any]] = {}  # small groups' sums as arrays
        self._deferred: dict[int, list[int]] = {}  # known groups' members, summed on use
        self._seen: set[int] = set()  # groups whose sum has been worked out
        self._numbers: dict[str, int] = {}

    def defer(self, group: int, members: list[int]) -> None:
        """`group` holds `members` (a known group): its sum is worked out on first use."""
        self._deferred[group] = members

    def _ready(self, group: int) -> None:
        if group in self._seen:
            return
        self._seen.add(group)
        total: Sparse = {}
        for member in self._deferred.pop(group, [group]):
            _add(total, self._vectors[member])
        if len(total) > _DENSE_TERMS:
            self._large[group] = self._arrays(total)
        else:
            self._small[group] = total

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
        self._ready(a)
        self._ready(b)
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

        self._ready(a)
        self._ready(b)
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
