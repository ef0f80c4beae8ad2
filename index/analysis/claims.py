"""Story beats: claim-bearing sentences grouped across articles, and which
outlets report or omit each beat.

Sentences are compared by TF-IDF cosine over their content words, each word
reduced by its language's stemmer. Pairs of sentences of different articles
close enough (>= SIMILAR) join their groups, most similar pairs first, but only
while the two groups stay close on average (mean cross cosine >= LINK_SHARE *
SIMILAR): a sentence that shares words with two beats cannot chain them into
one. A beat is labelled by the mention closest to its centre.

Rule kept here: every beat carries its mentions (the sentences as written,
with spans), so a reader can check each grouping.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from index.analysis.sentences import Sentence, sentences
from index.models import Article
from index.tokens import STEMMED_LANGUAGES, plain_words, stemmer

if TYPE_CHECKING:
    from index.analysis.facts import Facts

SIMILAR = 0.22  # cosine at which two sentences tell the same beat
LINK_SHARE = 0.45  # two groups merge when their mean cross cosine is this share of SIMILAR
MIN_WORDS = 7  # shorter sentences (headings, captions) are not claims
_COMMON_SHARE = 0.25  # words in more of the sentences than this say nothing of a beat
_COMMON_FLOOR = 8  # ... but in a handful of sentences, even a word in most of them tells
_KEY_SENTENCES = 400  # terms in more sentences than this do not pair sentences on their own
_BLOCK = 2048  # sentences per block of the candidate product
_LABEL_WORDS = 16
_STOP = set(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "about",
        "over",
        "after",
        "before",
        "than",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "so",
        "such",
        "can",
        "could",
        "would",
        "should",
        "will",
        "may",
        "might",
        "must",
        "also",
        "more",
        "most",
        "very",
        "just",
        "than",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "them",
        "him",
        "us",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "there",
        "here",
        "then",
        "while",
        "said",
        "says",
        "say",
    ]
)


@dataclass(frozen=True)
class Mention:
    article: Article
    sentence: Sentence


@dataclass(frozen=True)
class Beat:
    id: str
    label: str
    mentions: tuple[Mention, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({_outlet(m.article) for m in self.mentions}, key=str.casefold))

    @property
    def single_source(self) -> bool:
        return len(self.outlets) == 1


def _outlet(article: Article) -> str:
    return article.outlet or article.file


def _claim_like(text: str) -> bool:
    words = text.split()
    return (
        len(words) >= MIN_WORDS
        and not text.rstrip().endswith("?")
        and bool(re.search(r"[.!\"”’)]\s*$", text))
    )


@cache
def _stopwords(language: str | None) -> frozenset[str]:
    """Words that say nothing of a beat: the English list above, plus the language's own
    list where Whoosh has one (German "der", French "le" ...)."""
    from whoosh.lang import has_stopwords, stopwords_for_language

    own = stopwords_for_language(language) if language and has_stopwords(language) else ()
    return frozenset(_STOP) | frozenset(own)


def _terms(text: str, language: str | None) -> list[str]:
    stem = stemmer(language) if language in STEMMED_LANGUAGES else (lambda w: w)
    stop = _stopwords(language)
    return [stem(w) for w, _s, _e in plain_words(text) if w not in stop and not w.isdigit()]


def claim_terms(text: str, language: str | None) -> tuple[str, ...] | None:
    """The content terms of a claim-bearing sentence; None for a sentence that is not one."""
    if not _claim_like(text):
        return None
    terms = _terms(text, language)
    return tuple(terms) if len(terms) >= 3 else None


def _vectors(bags: list[dict[str, int]]) -> list[dict[str, float]]:
    """TF-IDF, unit length; words in more than `_COMMON_SHARE` of the sentences dropped."""
    n = len(bags)
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for term in bag:
            df[term] += 1
    limit = max(_COMMON_FLOOR, int(n * _COMMON_SHARE))
    vectors: list[dict[str, float]] = []
    for bag in bags:
        vec = {t: c * math.log(1 + n / df[t]) for t, c in bag.items() if df[t] <= limit}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def _similar_pairs(
    vectors: list[dict[str, float]], owners: list[int], similar: float
) -> list[tuple[float, int, int]]:
    """Pairs of sentences of different articles with cosine >= `similar`, most similar
    first, by sparse matrix products (scipy). Candidates are the pairs sharing a key
    term: one that at least two and at most `_KEY_SENTENCES` sentences hold (a word
    that common alone does not make two sentences one beat, and pairing every
    sentence that shares one is quadratic). A candidate's cosine over its key terms
    plus the most its other terms could add (the product of their norms) must reach
    `similar` before those other terms are scored."""
    import numpy as np
    from scipy import sparse

    n = len(vectors)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    weights: list[float] = []
    for i, vec in enumerate(vectors):
        for term, weight in vec.items():
            rows.append(i)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            weights.append(weight)
    if not vocabulary:
        return []
    matrix = sparse.csr_matrix((weights, (rows, columns)), shape=(n, len(vocabulary)))
    df = np.bincount(np.asarray(columns), minlength=len(vocabulary))
    is_key = (df >= 2) & (df <= _KEY_SENTENCES)
    keys = matrix[:, np.flatnonzero(is_key)].tocsr()
    keys_t = keys.T.tocsr()
    common = matrix[:, np.flatnonzero(~is_key)].tocsr()
    # what the common terms can add to a pair's cosine is at most the product of their norms
    reach = np.sqrt(np.asarray(common.multiply(common).sum(axis=1)).ravel())
    owner = np.asarray(owners)
    found: list[tuple[float, int, int]] = []
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
        found.extend(
            zip(scores[close].tolist(), first[close].tolist(), second[close].tolist(), strict=True)
        )
    found.sort(key=lambda p: (-p[0], p[1], p[2]))
    return found


def _group(
    n: int, vectors: list[dict[str, float]], pairs: list[tuple[float, int, int]], link: float
) -> list[list[int]]:
    """Beats by average linkage over the similar pairs: two groups joined by a
    similar pair merge only when the mean cosine of all their cross pairs is at
    least `link`, so one bridging sentence does not chain two beats together."""
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[str, float]] = {i: dict(vectors[i]) for i in range(n)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _score, i, j in pairs:
        a, b = find(i), find(j)
        if a == b:
            continue
        mean = _dot(sums[a], sums[b]) / (len(members[a]) * len(members[b]))
        if mean < link:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a].extend(members.pop(b))
        total = sums[a]
        for term, weight in sums.pop(b).items():
            total[term] = total.get(term, 0.0) + weight
    return [sorted(group) for group in members.values()]


def find_beats(
    articles: Sequence[Article],
    similar: float = SIMILAR,
    facts: Sequence[Facts | None] | None = None,
) -> tuple[Beat, ...]:
    """Beats of the articles' claim sentences; `facts` (aligned with `articles`) give
    each article's claim sentences and their terms ready found."""
    given = list(facts) if facts is not None else [None] * len(articles)
    mentions: list[Mention] = []
    bags: list[dict[str, int]] = []
    owners: list[int] = []
    for number, (article, known) in enumerate(zip(articles, given, strict=True)):
        if known is not None:
            claims = [(known.sentences[i], terms) for i, terms in known.claims]
        else:
            claims = [
                (sentence, terms)
                for sentence in sentences(article.text, article.language)
                if (terms := claim_terms(sentence.text, article.language)) is not None
            ]
        for sentence, terms in claims:
            bag: dict[str, int] = defaultdict(int)
            for term in terms:
                bag[term] += 1
            mentions.append(Mention(article, sentence))
            bags.append(bag)
            owners.append(number)
    n = len(bags)
    if n == 0:
        return ()
    vectors = _vectors(bags)
    groups = _group(n, vectors, _similar_pairs(vectors, owners, similar), similar * LINK_SHARE)
    beats = []
    for members in groups:
        centre: dict[str, float] = defaultdict(float)
        for i in members:
            for term, weight in vectors[i].items():
                centre[term] += weight
        central = max(members, key=lambda i: (_dot(vectors[i], centre), -i))
        words = mentions[central].sentence.text.split()
        label = " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")
        beats.append((members, label))
    beats.sort(key=lambda b: (-len({_outlet(mentions[i].article) for i in b[0]}), min(b[0])))
    return tuple(
        Beat(f"b{number}", label, tuple(mentions[i] for i in members))
        for number, (members, label) in enumerate(beats, 1)
    )
