"""Story beats: claim-bearing sentences grouped across articles, and which
outlets report or omit each beat.

Sentences are compared by TF-IDF cosine over their content words, each word
reduced by its language's stemmer, and English ones also by meaning: the cosine of
their all-MiniLM-L6-v2 embeddings (`index.analysis.embed`), so that the same beat
told in other words is one beat. Pairs of sentences of different articles close
enough (words >= SIMILAR, or meaning >= SEMANTIC) join their groups, strongest
pairs first, but only while the two groups stay close on average (mean cross
embedding cosine >= SEMANTIC_LINK where both are embedded, else mean cross TF-IDF
cosine >= LINK_SHARE * SIMILAR): a sentence that shares words or a topic with two
beats cannot chain them into one. Sentences in other languages, corpora past
SEMANTIC_CAP claim sentences, and installs without the model are grouped by words
alone, and `Beats.note` says so. A beat is labelled by the mention closest to its
centre.

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
from typing import TYPE_CHECKING, Any

from index.analysis.sentences import Sentence, sentences
from index.models import Article
from index.schema import STEMMED_LANGUAGES
from index.tokens import plain_words, stemmer

if TYPE_CHECKING:
    from index.analysis.embed import VectorStore
    from index.analysis.facts import Facts

SIMILAR = 0.22  # cosine at which two sentences tell the same beat
LINK_SHARE = 0.45  # two groups merge when their mean cross cosine is this share of SIMILAR
SEMANTIC = 0.35  # embedding cosine at which two English sentences tell the same beat
SEMANTIC_LINK = 0.35  # embedded groups merge when the mean embedding cosine of their cross
# pairs is at least this; nor do shared words pair two embedded sentences further apart
SEMANTIC_CAP = 10_000  # English claim sentences; past it beats are grouped by words alone
MIN_WORDS = 7  # shorter sentences (headings, captions) are not claims
_COMMON_SHARE = 0.25  # words in more of the sentences than this say nothing of a beat
_COMMON_FLOOR = 8  # ... but in a handful of sentences, even a word in most of them tells
_KEY_SENTENCES = 400  # terms in more sentences than this do not pair sentences on their own
_BLOCK = 2048  # sentences per block of the candidate product
_LABEL_WORDS = 16
# fmt: off
_STOP = {
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "as", "into", "about", "over", "after", "before", "than", "that", "this",
    "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "do", "does", "did", "not", "no", "so", "such", "can", "could", "would",
    "should", "will", "may", "might", "must", "also", "more", "most", "very", "just",
    "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "them", "him",
    "us", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "there",
    "here", "then", "while", "said", "says", "say"
}
# fmt: on


@dataclass(frozen=True)
class Mention:
    article: Article
    sentence: Sentence


@dataclass(frozen=True)
class Beat:
    id: str
    label: str
    mentions: tuple[Mention, ...]
    method: str = "lexical"  # "combined": every mention compared by meaning and words;
    # "lexical": by words only (not English, or no model); "mixed": some of each

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
    n: int,
    vectors: list[dict[str, float]],
    pairs: list[tuple[float, int, int]],
    link: float,
    meaning: _Meaning | None = None,
) -> list[list[int]]:
    """Beats by average linkage over the similar pairs: two groups joined by a
    similar pair merge only when the mean cosine of all their cross pairs is at
    least `link`, so one bridging sentence does not chain two beats together.
    Where both groups hold embedded sentences, their mean embedding cosine decides
    instead (at least SEMANTIC_LINK): words that two beats share do not join them."""
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[str, float]] = {i: dict(vectors[i]) for i in range(n)}
    embedded: dict[int, Any] = {}  # group: (sum of its members' embeddings, how many)
    if meaning is not None:
        for r, i in enumerate(meaning.rows.tolist()):
            embedded[i] = (meaning.vectors[r].astype("float64"), 1)

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
        if a in embedded and b in embedded:
            (sum_a, count_a), (sum_b, count_b) = embedded[a], embedded[b]
            close = float(sum_a @ sum_b) / (count_a * count_b)
            if close < SEMANTIC_LINK:
                continue
        elif mean < link:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a].extend(members.pop(b))
        total = sums[a]
        for term, weight in sums.pop(b).items():
            total[term] = total.get(term, 0.0) + weight
        if b in embedded:
            sum_b, count_b = embedded.pop(b)
            if a in embedded:
                sum_a, count_a = embedded[a]
                embedded[a] = (sum_a + sum_b, count_a + count_b)
            else:
                embedded[a] = (sum_b, count_b)
    return [sorted(group) for group in members.values()]


@dataclass(frozen=True)
class _Meaning:
    vectors: Any  # numpy (m, DIMENSIONS): the embeddings of the sentences `rows`
    rows: Any  # numpy (m,): which sentences were embedded, ascending


@dataclass(frozen=True)
class Beats:
    """Beats with how they were grouped: `method` "combined" (meaning and words) or
    "lexical" (words only), the embedding model used, and a note saying why words alone
    grouped some or all sentences (not English, over the cap, no model)."""

    beats: tuple[Beat, ...]
    method: str
    model: str | None
    note: str | None


def _meaning(
    articles: Sequence[Article], claims: list[list[Sentence]], store: VectorStore | None
) -> tuple[_Meaning | None, str | None]:
    from index.analysis.embed import claim_vectors

    found, note = claim_vectors(
        [(a.id, a.language) for a in articles],
        [[s.text for s in c] for c in claims],
        store,
        SEMANTIC_CAP,
    )
    return (_Meaning(*found) if found is not None else None), note


def _scored_pairs(
    n: int,
    vectors: list[dict[str, float]],
    owners: list[int],
    similar: float,
    meaning: _Meaning | None,
) -> list[tuple[float, int, int]]:
    """Candidate pairs, strongest first: close in words (lexical cosine >= `similar`, and
    where both are embedded not far apart in meaning, >= SEMANTIC_LINK) or close in
    meaning (embedding cosine >= SEMANTIC). Strength: the larger of the two cosines, each
    as a share of its threshold."""
    import numpy as np

    from index.analysis import embed

    lexical = _similar_pairs(vectors, owners, similar)
    if meaning is None:
        return lexical
    where = np.full(n, -1, dtype=np.int64)
    where[meaning.rows] = np.arange(len(meaning.rows))
    emb = meaning.vectors
    scored: dict[tuple[int, int], float] = {}
    for lex, i, j in lexical:
        if where[i] >= 0 and where[j] >= 0:
            close = float(emb[where[i]] @ emb[where[j]])
            if close < SEMANTIC_LINK:
                continue
            scored[(i, j)] = max(lex / similar, close / SEMANTIC)
        else:
            scored[(i, j)] = lex / similar
    for i, j, close in embed.similar_pairs(emb, meaning.rows, np.asarray(owners), SEMANTIC):
        if (i, j) not in scored:
            scored[(i, j)] = max(close / SEMANTIC, _dot(vectors[i], vectors[j]) / similar)
    return sorted(((v, i, j) for (i, j), v in scored.items()), key=lambda p: (-p[0], p[1], p[2]))


def group_beats(
    articles: Sequence[Article],
    similar: float = SIMILAR,
    facts: Sequence[Facts | None] | None = None,
    semantic: bool = True,
    store: VectorStore | None = None,
) -> Beats:
    """Beats of the articles' claim sentences; `facts` (aligned with `articles`) give
    each article's claim sentences and their terms ready found. With `semantic`, English
    sentences are also compared by meaning (embeddings kept in `store` when given)."""
    given = list(facts) if facts is not None else [None] * len(articles)
    mentions: list[Mention] = []
    bags: list[dict[str, int]] = []
    owners: list[int] = []
    per_article: list[list[Sentence]] = []
    for number, (article, known) in enumerate(zip(articles, given, strict=True)):
        if known is not None:
            claims = [(known.sentences[i], terms) for i, terms in known.claims]
        else:
            claims = [
                (sentence, terms)
                for sentence in sentences(article.text, article.language)
                if (terms := claim_terms(sentence.text, article.language)) is not None
            ]
        per_article.append([sentence for sentence, _terms in claims])
        for sentence, terms in claims:
            bag: dict[str, int] = defaultdict(int)
            for term in terms:
                bag[term] += 1
            mentions.append(Mention(article, sentence))
            bags.append(bag)
            owners.append(number)
    n = len(bags)
    if n == 0:
        return Beats((), "lexical", None, None)
    meaning, note = _meaning(articles, per_article, store) if semantic else (None, None)
    vectors = _vectors(bags)
    pairs = _scored_pairs(n, vectors, owners, similar, meaning)
    groups = _group(n, vectors, pairs, similar * LINK_SHARE, meaning)
    embedded = set(meaning.rows.tolist()) if meaning is not None else set()
    beats = []
    for members in groups:
        centre: dict[str, float] = defaultdict(float)
        for i in members:
            for term, weight in vectors[i].items():
                centre[term] += weight
        central = max(members, key=lambda i: (_dot(vectors[i], centre), -i))
        words = mentions[central].sentence.text.split()
        label = " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")
        known_by_meaning = sum(1 for i in members if i in embedded)
        method = (
            "combined"
            if known_by_meaning == len(members)
            else "lexical"
            if not known_by_meaning
            else "mixed"
        )
        beats.append((members, label, method))
    beats.sort(key=lambda b: (-len({_outlet(mentions[i].article) for i in b[0]}), min(b[0])))
    return Beats(
        tuple(
            Beat(f"b{number}", label, tuple(mentions[i] for i in members), method)
            for number, (members, label, method) in enumerate(beats, 1)
        ),
        "combined" if meaning is not None else "lexical",
        _model_name() if meaning is not None else None,
        note,
    )


def _model_name() -> str:
    from index.analysis.embed import MODEL

    return MODEL


def find_beats(
    articles: Sequence[Article],
    similar: float = SIMILAR,
    facts: Sequence[Facts | None] | None = None,
    semantic: bool = True,
    store: VectorStore | None = None,
) -> tuple[Beat, ...]:
    """The beats of `group_beats`, without how they were grouped."""
    return group_beats(articles, similar, facts, semantic, store).beats
