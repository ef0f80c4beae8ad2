"""Text reuse between articles: candidate pairs by MinHash LSH over word
shingles (datasketch), shared passages aligned word by word, near-duplicate
groups (syndication), and the likely direction of copying.

Rule kept here: a pair is reported only with the passages both articles
contain; the direction is "earlier-to-later" only when both dates are known
and tell (the day, or the instant when both carry a time), "credited" when
the dates do not tell but one article names the other's outlet and not the
reverse ("..., Northern Wire reported"), else "unknown"; each says how sure
the dates are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from index.compare import shared_passages
from index.models import Article, SharedPassage
from index.tokens import plain_words

if TYPE_CHECKING:
    from index.analysis.facts import Facts

SHINGLE = 5
MIN_SHARED_WORDS = 12  # less in common is coincidence, not reuse
NEAR_DUPLICATE = 0.8  # share of the shorter article's words
_LSH_THRESHOLD = 0.05
_ALL_PAIRS_UP_TO = 300  # articles; above this, LSH picks the candidates
NUM_PERM = 64


@dataclass(frozen=True)
class ReusePair:
    source: Article  # the likely original (the earlier one, when dates tell)
    target: Article
    score: float  # shared words / words of the shorter article
    direction: str  # "earlier-to-later", "credited" or "unknown"
    date_confidence: str  # the weaker confidence of the two dates
    passages: tuple[SharedPassage, ...]  # left = source, right = target

    @property
    def shared_words(self) -> int:
        return sum(p.words for p in self.passages)


@dataclass(frozen=True)
class Reuse:
    pairs: tuple[ReusePair, ...]
    groups: tuple[tuple[Article, ...], ...]  # near-duplicates of each other
    compared: frozenset[str] = frozenset()  # ids of the articles compared


def _shingles(text: str) -> set[str]:
    words = [w for w, _s, _e in plain_words(text)]
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def minhash_values(text: str) -> tuple[int, ...]:
    """The MinHash signature of the text's word shingles (datasketch)."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([shingle.encode("utf-8") for shingle in _shingles(text)])
    return tuple(int(v) for v in minhash.hashvalues)


def _candidates(
    articles: Sequence[Article], signatures: Sequence[tuple[int, ...]]
) -> list[tuple[int, int]]:
    n = len(articles)
    if n <= _ALL_PAIRS_UP_TO:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=NUM_PERM)
    # signatures come from this datasketch (the cache is keyed on its version): its scheme
    template = MinHash(num_perm=NUM_PERM)
    same: dict[str, Any] = {"permutations": template.permutations}
    if hasattr(template, "scheme"):
        same["scheme"] = template.scheme
    hashes = []
    for index, values in enumerate(signatures):
        minhash = MinHash(num_perm=NUM_PERM, hashvalues=values, **same)
        lsh.insert(str(index), minhash)
        hashes.append(minhash)
    pairs = set()
    for index, minhash in enumerate(hashes):
        for other in lsh.query(minhash):
            j = int(other)
            if j != index:
                pairs.add((min(index, j), max(index, j)))
    return sorted(pairs)


def _instant(value: str | None) -> datetime | None:
    """The moment a date with a time of day names (UTC); None for a bare day."""
    if not value or len(value) <= 10:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _names(text: str, outlet: str) -> bool:
    """Whether `text` names `outlet` (whole words, any case)."""
    name = outlet.strip()
    if len(name) < 3:
        return False
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def _order(a: Article, b: Article) -> tuple[Article, Article, str, str]:
    confidences = {a.meta.date.confidence, b.meta.date.confidence}
    weaker = "unknown" if "unknown" in confidences else (
        "inferred" if "inferred" in confidences else "confirmed")  # fmt: skip
    first_at, second_at = _instant(a.date), _instant(b.date)
    if first_at and second_at and first_at != second_at:
        return (a, b, "earlier-to-later", weaker) if first_at < second_at else (
            b, a, "earlier-to-later", weaker)  # fmt: skip
    if a.date and b.date and a.date[:10] != b.date[:10]:
        first, second = (a, b) if a.date < b.date else (b, a)
        return first, second, "earlier-to-later", weaker
    if a.outlet and b.outlet and a.outlet.casefold() != b.outlet.casefold():
        b_credits_a, a_credits_b = _names(b.text, a.outlet), _names(a.text, b.outlet)
        if b_credits_a != a_credits_b:
            return (a, b, "credited", weaker) if b_credits_a else (b, a, "credited", weaker)
    return a, b, "unknown", weaker


def _signatures(
    articles: Sequence[Article], facts: Sequence[Facts | None] | None
) -> list[tuple[int, ...]]:
    given = list(facts) if facts is not None else [None] * len(articles)
    return [
        f.minhash if f is not None and len(f.minhash) == NUM_PERM else minhash_values(a.text)
        for a, f in zip(articles, given, strict=True)
    ]


def _aligned(first: Article, second: Article) -> ReusePair | None:
    """The pair with the passages both share (`first` before `second` in the corpus's
    order), or None where they share fewer than MIN_SHARED_WORDS words."""
    source, target, direction, confidence = _order(first, second)
    passages = shared_passages(source.text, target.text)
    shared = sum(p.words for p in passages)
    if shared < MIN_SHARED_WORDS:
        return None
    shorter = min(source.words, target.words) or 1
    score = round(min(1.0, shared / shorter), 4)
    return ReusePair(source, target, score, direction, confidence, passages)


def _answer(articles: Sequence[Article], pairs: list[ReusePair]) -> Reuse:
    """The pairs strongest first (ties in the corpus's order) and the near-duplicate groups."""
    position = {a.id: n for n, a in enumerate(articles)}

    def order(pair: ReusePair) -> tuple[float, int, int]:
        ends = sorted((position[pair.source.id], position[pair.target.id]))
        return -pair.score, ends[0], ends[1]

    pairs.sort(key=order)
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        if pair.score >= NEAR_DUPLICATE:
            parent[find(pair.source.id)] = find(pair.target.id)
    grouped: dict[str, list[Article]] = {}
    for article in articles:
        grouped.setdefault(find(article.id), []).append(article)
    groups = tuple(tuple(g) for g in grouped.values() if len(g) > 1)
    return Reuse(tuple(pairs), groups, frozenset(position))


def find_reuse(articles: Sequence[Article], facts: Sequence[Facts | None] | None = None) -> Reuse:
    """Pairs sharing passages, and near-duplicate groups; `facts` (aligned with
    `articles`) give each article's MinHash signature ready made."""
    signatures = _signatures(articles, facts) if len(articles) > _ALL_PAIRS_UP_TO else []
    found = (_aligned(articles[i], articles[j]) for i, j in _candidates(articles, signatures))
    return _answer(articles, [pair for pair in found if pair is not None])


def _fresh_candidates(
    articles: Sequence[Article], facts: Sequence[Facts | None] | None, fresh: list[int]
) -> set[tuple[int, int]]:
    """The candidate pairs (i < j) holding a fresh article: every such pair up to
    _ALL_PAIRS_UP_TO articles, else those `_candidates`' LSH gives, found by comparing
    the fresh signatures' bands with every article's (an LSH candidate shares a band)."""
    n = len(articles)
    if n <= _ALL_PAIRS_UP_TO:
        return {(min(i, j), max(i, j)) for i in fresh for j in range(n) if j != i}
    import numpy as np
    from datasketch import MinHashLSH

    bands = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=NUM_PERM).hashranges
    values = np.asarray(_signatures(articles, facts), dtype=np.uint64)
    pairs: set[tuple[int, int]] = set()
    for i in fresh:
        hit = np.zeros(n, dtype=bool)
        for start, end in bands:
            hit |= (values[:, start:end] == values[i, start:end]).all(axis=1)
        hit[i] = False
        pairs.update((min(i, j), max(i, j)) for j in np.flatnonzero(hit).tolist())
    return pairs


def update_reuse(
    previous: Reuse, articles: Sequence[Article], facts: Sequence[Facts | None] | None = None
) -> Reuse:
    """The reuse of `articles` from `previous`, worked out before the corpus changed (an
    article it names that is gone is anything but an `Article`): the pairs of articles
    still here are kept (their direction told again from today's dates and outlets),
    only the pairs holding an article `previous` did not compare are aligned. Equal to
    `find_reuse(articles, facts)`."""
    every_pair = len(articles) <= _ALL_PAIRS_UP_TO  # else LSH's candidates: another set
    if not previous.compared or (len(previous.compared) <= _ALL_PAIRS_UP_TO) != every_pair:
        return find_reuse(articles, facts)
    position = {a.id: n for n, a in enumerate(articles)}
    pairs: list[ReusePair] = []
    for pair in previous.pairs:
        ends = (pair.source, pair.target)
        if not all(isinstance(a, Article) and a.id in position for a in ends):
            continue
        first, second = sorted(ends, key=lambda a: position[a.id])
        source, target, direction, confidence = _order(first, second)
        if source is pair.source:
            pairs.append(replace(pair, direction=direction, date_confidence=confidence))
        elif (turned := _aligned(first, second)) is not None:  # the dates now tell otherwise
            pairs.append(turned)
    fresh = [n for n, a in enumerate(articles) if a.id not in previous.compared]
    for i, j in sorted(_fresh_candidates(articles, facts, fresh)):
        if (found := _aligned(articles[i], articles[j])) is not None:
            pairs.append(found)
    return _answer(articles, pairs)
