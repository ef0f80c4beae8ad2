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


def _terms(text: str, language: str | None) -> list[str]:
    stem = stemmer(language) if language in STEMMED_LANGUAGES else (lambda w: w)
    return [stem(w) for w, _s, _e in plain_words(text) if w not in _STOP and not w.isdigit()]


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
    first. Prefix filtering: each vector is indexed under its terms but the most common
    ones whose weights together (their norm) stay below `similar`; a pair that similar
    must share one of the indexed terms, so only those pairs are scored."""
    df: dict[str, int] = defaultdict(int)
    for vec in vectors:
        for term in vec:
            df[term] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    pairs: list[tuple[float, int, int]] = []
    bound = similar * similar
    for i, vec in enumerate(vectors):
        seen: set[int] = set()
        for term in vec:
            for j in postings.get(term, ()):
                if j not in seen:
                    seen.add(j)
                    if owners[j] != owners[i]:
                        score = _dot(vec, vectors[j])
                        if score >= similar:
                            pairs.append((score, j, i))
        ordered = sorted(vec, key=lambda t: (-df[t], t))  # most common first
        rest = 0.0
        skip = 0
        while skip < len(ordered) and rest + vec[ordered[skip]] ** 2 < bound:
            rest += vec[ordered[skip]] ** 2
            skip += 1
        for term in ordered[skip:]:
            postings[term].append(i)
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


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
