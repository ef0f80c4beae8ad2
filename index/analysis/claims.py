"""Story beats: claim-bearing sentences grouped across articles, and which
outlets report or omit each beat.

Sentences are compared by TF-IDF cosine over their content words, each word
reduced by its language's stemmer; two sentences of different articles close
enough are the same beat (grouped transitively). A beat is labelled by its most
central mention.

Rule kept here: every beat carries its mentions (the sentences as written,
with spans), so a reader can check each grouping.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from index.analysis.sentences import Sentence, sentences
from index.models import Article
from index.tokens import STEMMED_LANGUAGES, plain_words, stemmer

SIMILAR = 0.22  # cosine at which two sentences tell the same beat
MIN_WORDS = 7  # shorter sentences (headings, captions) are not claims
_COMMON_SHARE = 0.25  # words in more of the sentences than this say nothing of a beat
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


def find_beats(articles: Sequence[Article], similar: float = SIMILAR) -> tuple[Beat, ...]:
    mentions: list[Mention] = []
    bags: list[dict[str, int]] = []
    for article in articles:
        for sentence in sentences(article.text, article.language):
            if not _claim_like(sentence.text):
                continue
            terms = _terms(sentence.text, article.language)
            if len(terms) < 3:
                continue
            bag: dict[str, int] = defaultdict(int)
            for term in terms:
                bag[term] += 1
            mentions.append(Mention(article, sentence))
            bags.append(bag)
    n = len(bags)
    if n == 0:
        return ()
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for term in bag:
            df[term] += 1
    limit = max(2, int(n * _COMMON_SHARE))
    vectors: list[dict[str, float]] = []
    for bag in bags:
        vec = {t: c * math.log(1 + n / df[t]) for t, c in bag.items() if df[t] <= limit}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vec in enumerate(vectors):
        for term in vec:
            postings[term].append(index)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    centrality = [0.0] * n
    for i, vec in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        for term, weight in vec.items():
            for j in postings[term]:
                if j > i:
                    scores[j] += weight * vectors[j][term]
        for j, score in scores.items():
            if score >= similar and mentions[i].article.id != mentions[j].article.id:
                parent[find(i)] = find(j)
                centrality[i] += score
                centrality[j] += score
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    beats = []
    for members in groups.values():
        central = max(members, key=lambda i: (centrality[i], -i))
        words = mentions[central].sentence.text.split()
        label = " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")
        beats.append((members, label))
    beats.sort(key=lambda b: (-len({_outlet(mentions[i].article) for i in b[0]}), min(b[0])))
    return tuple(
        Beat(f"b{number}", label, tuple(mentions[i] for i in sorted(members)))
        for number, (members, label) in enumerate(beats, 1)
    )
