"""Story beats: claim-bearing sentences grouped across articles, and which
outlets report or omit each beat.

Sentences are compared by TF-IDF cosine over their content words, each word
reduced by its language's stemmer, and English ones also by meaning and by the
quantities they state: the cosine of their all-MiniLM-L6-v2 embeddings
(`index.analysis.embed`) plus a multiple of the words' cosine plus agreement or
conflict of their numbers (`index.analysis.anchors`), so that the same beat told in
other words is one beat. An English sentence joining two statements is compared as
its parts (`clauses`) and can be a mention of two beats. Close pairs join their
groups, strongest first, while the groups stay close on average
(`index.analysis.linkage`): a sentence that shares words or a topic with two beats
cannot chain them into one. Sentences in other languages, corpora past SEMANTIC_CAP
claim sentences, and installs without the model are grouped by words alone (TF-IDF
cosine >= SIMILAR, groups' mean >= LINK_SHARE * SIMILAR), and `Beats.note` says so.
A beat is labelled by the mention closest to its centre.

Rule kept here: every beat carries its mentions (the sentences as written,
with spans), so a reader can check each grouping.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from index.analysis import linkage
from index.analysis.anchors import quantity_terms
from index.analysis.sentences import Sentence, sentences
from index.models import Article
from index.schema import STEMMED_LANGUAGES
from index.tokens import plain_words, stemmer

if TYPE_CHECKING:
    from index.analysis.embed import VectorStore
    from index.analysis.facts import Facts

SIMILAR = 0.22  # cosine at which two sentences tell the same beat
LINK_SHARE = 0.45  # two groups merge when their mean cross cosine is this share of SIMILAR
SEMANTIC_CAP = 10_000  # English claim sentences; past it beats are grouped by words alone
MIN_WORDS = 7  # shorter sentences (headings, captions) are not claims
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


# where an English sentence joins two statements: ", but", ", and", ", while", ";", " — "
_JOINS = re.compile(
    r",\s+(?:but|and|while|whereas|although|though|yet|as)\s+|;\s+|\s+[—–]\s+", re.IGNORECASE
)
SPLIT_CLAUSES = True  # off: each sentence compared whole (an A/B of the clause parts)


def clauses(
    text: str, language: str | None, terms: tuple[str, ...]
) -> list[tuple[str, tuple[str, ...]]]:
    """The statements of a claim sentence, each with its content terms: an English
    sentence that joins two statements ("had completed training, but delayed its
    release") is compared as its parts, so it can be a mention of both beats. A part
    with fewer than three content terms stays with the part before it."""
    if not SPLIT_CLAUSES or (language or "").lower().split("-")[0] != "en":
        return [(text, terms)]
    parts: list[tuple[str, tuple[str, ...]]] = []
    start = 0
    joins = [j for j in _JOINS.finditer(text) if not _ends_list(text, j)]
    for join in [*joins, None]:
        end = join.start() if join is not None else len(text)
        piece = text[start:end].strip()
        found = tuple(_terms(piece, language))
        if parts and (len(found) < 3 or len(parts[-1][1]) < 3):
            before, known = parts.pop()
            piece, found = f"{before} {piece}", known + found
        parts.append((piece, found))
        if join is not None:
            start = join.end()
    if len(parts) < 2 or any(len(found) < 3 for _p, found in parts):
        return [(text, terms)]
    return parts


def _ends_list(text: str, join: re.Match[str]) -> bool:
    """Whether ", and" closes a list ("OpenAI, Anthropic, and xAI"): the item before it
    is a few words after another comma."""
    if join.group().strip(", ").lower() not in {"and", "as"}:
        return False
    before = text[: join.start()]
    comma = before.rfind(",")
    return comma >= 0 and len(before[comma + 1 :].split()) <= 4


def claim_terms(text: str, language: str | None) -> tuple[str, ...] | None:
    """The content terms of a claim-bearing sentence; None for a sentence that is not one."""
    if not _claim_like(text):
        return None
    terms = _terms(text, language)
    return tuple(terms) if len(terms) >= 3 else None


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
    articles: Sequence[Article], claims: list[list[str]], store: VectorStore | None
) -> tuple[linkage.Meaning | None, str | None]:
    from index.analysis.embed import claim_vectors

    found, note = claim_vectors([(a.id, a.language) for a in articles], claims, store, SEMANTIC_CAP)
    if found is None:
        return None, note
    stated = [
        quantity_terms(text) if _covered(a) else {}
        for a, texts in zip(articles, claims, strict=True)
        for text in texts
    ]
    return linkage.Meaning(found[0], found[1], linkage.tfidf(stated, idf=False)), note


def _covered(article: Article) -> bool:
    from index.analysis.embed import covers

    return covers(article.language)


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
    per_article: list[list[str]] = []  # the texts compared, article by article
    found: list[list[tuple[Sentence, tuple[str, ...]]]] = []
    for article, known in zip(articles, given, strict=True):
        if known is not None:
            found.append([(known.sentences[i], terms) for i, terms in known.claims])
        else:
            found.append(
                [
                    (sentence, terms)
                    for sentence in sentences(article.text, article.language)
                    if (terms := claim_terms(sentence.text, article.language)) is not None
                ]
            )
    # parts of sentences only where meaning is compared: past the cap, words alone group
    # whole sentences (splitting there would cost time and pairs for little)
    english = sum(len(c) for a, c in zip(articles, found, strict=True) if _covered(a))
    split = semantic and english <= SEMANTIC_CAP
    for number, (article, claims) in enumerate(zip(articles, found, strict=True)):
        units: list[str] = []
        for sentence, terms in claims:
            parts = clauses(sentence.text, article.language, terms) if split else []
            for unit, unit_terms in parts or [(sentence.text, terms)]:
                bag: dict[str, int] = defaultdict(int)
                for term in unit_terms:
                    bag[term] += 1
                mentions.append(Mention(article, sentence))
                bags.append(bag)
                owners.append(number)
                units.append(unit)
        per_article.append(units)
    n = len(bags)
    if n == 0:
        return Beats((), "lexical", None, None)
    compared = [text for texts in per_article for text in texts]
    meaning, note = _meaning(articles, per_article, store) if semantic else (None, None)
    vectors = linkage.tfidf(bags)
    pairs = linkage.scored_pairs(vectors, owners, similar, meaning)
    groups = linkage.group(vectors, pairs, similar * LINK_SHARE, meaning, owners)
    embedded = set(meaning.rows.tolist()) if meaning is not None else set()
    beats = []
    for members in groups:
        centre: dict[str, float] = defaultdict(float)
        for i in members:
            for term, weight in vectors[i].items():
                centre[term] += weight
        central = max(members, key=lambda i: (linkage.dot(vectors[i], centre), -i))
        label = _label(compared[central], mentions[central].sentence.text)
        known_by_meaning = sum(1 for i in members if i in embedded)
        method = (
            "combined"
            if known_by_meaning == len(members)
            else "lexical"
            if not known_by_meaning
            else "mixed"
        )
        beats.append((_one_each(members, mentions), label, method))
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


def _label(part: str, sentence: str) -> str:
    """A beat's label: its central mention, or the part of it that tells the beat
    ("…delayed its release due to underwhelming internal performance.")."""
    words = part.split()
    text = " ".join(words[:_LABEL_WORDS])
    cut = len(words) > _LABEL_WORDS or (part != sentence and sentence.startswith(part))
    return ("" if sentence.startswith(part) else "…") + text + ("…" if cut else "")


def _one_each(members: list[int], mentions: list[Mention]) -> list[int]:
    """The members with each sentence once (two of its statements may tell one beat)."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for i in members:
        key = (mentions[i].article.id, mentions[i].sentence.start)
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return kept


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
