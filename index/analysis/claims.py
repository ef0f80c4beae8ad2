"""Story beats: claim-bearing sentences grouped across articles, and which
outlets report or omit each beat.

Sentences are compared by TF-IDF cosine over their content words, each word
reduced by its language's stemmer, and English ones also by meaning and by the
quantities they state: the cosine of their all-MiniLM-L6-v2 embeddings
(`index.analysis.embed`) plus a multiple of the words' cosine plus agreement or
conflict of their numbers (`index.analysis.anchors`), so that the same beat told in
other words is one beat. An English sentence joining two statements is compared as
its parts (`index.analysis.statements`) and can be a mention of two beats. Close pairs
join their groups, strongest first, while the groups stay close on average
(`index.analysis.linkage`, `index.analysis.grouping`): a sentence that shares words or
a topic with two beats cannot chain them into one, and English sentences of articles
about two stories (far apart by their mean embeddings) never pair. After articles come
or go, the grouping kept from the last run is updated (`index.analysis.beat_updates`).
Sentences in other languages, corpora past SEMANTIC_CAP claim sentences, and installs
without the model are grouped by words alone (TF-IDF cosine >= SIMILAR, groups' mean
>= LINK_SHARE * SIMILAR), and `Beats.note` says so.
A beat is labelled by the mention closest to its centre.

Rule kept here: every beat carries its mentions (the sentences as written,
with spans), so a reader can check each grouping.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.analysis import beat_updates, grouping, linkage
from index.analysis.anchors import quantity_terms
from index.analysis.sentences import Sentence, sentences
from index.analysis.statements import claim_terms, clauses, list_item
from index.collection import paused
from index.models import Article

if TYPE_CHECKING:
    from index.analysis.beat_updates import Grouping
    from index.analysis.embed import VectorStore
    from index.analysis.facts import Facts

SIMILAR = 0.22  # cosine at which two sentences tell the same beat
LINK_SHARE = 0.45  # two groups merge when their mean cross cosine is this share of SIMILAR
SEMANTIC_CAP = 10_000  # English claim sentences; past it beats are grouped by words alone
_LABEL_WORDS = 16


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
    return linkage.Meaning(found[0], found[1], linkage.tfidf(stated, idf=False), found[2]), note


def _covered(article: Article) -> bool:
    from index.analysis.embed import covers

    return covers(article.language)


@dataclass(frozen=True)
class Units:
    """The statements compared, in order, article by article: each with its mention
    (the sentence it is part of), its content terms' counts and its article's number;
    `per_article` holds their texts, `split` whether sentences were cut into clauses."""

    mentions: list[Mention]
    bags: list[dict[str, int]]
    owners: list[int]
    per_article: list[list[str]]
    split: bool


def claim_units(
    articles: Sequence[Article], facts: Sequence[Facts | None] | None, semantic: bool
) -> Units:
    """The articles' claim sentences (from `facts` where given), English ones cut into
    their statements where meaning is compared."""
    given = list(facts) if facts is not None else [None] * len(articles)
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
    units = Units([], [], [], [], semantic and english <= SEMANTIC_CAP)
    for number, (article, claims) in enumerate(zip(articles, found, strict=True)):
        texts: list[str] = []
        for sentence, terms in claims:
            parts = clauses(sentence.text, article.language, terms) if units.split else []
            for unit, unit_terms in parts or [(sentence.text, terms)]:
                units.mentions.append(Mention(article, sentence))
                units.bags.append(_counts(unit_terms))
                units.owners.append(number)
                texts.append(unit)
        units.per_article.append(texts)
    return units


def _counts(terms: tuple[str, ...]) -> dict[str, int]:
    if len(set(terms)) == len(terms):  # most statements name each term once
        return dict.fromkeys(terms, 1)
    counts: dict[str, int] = defaultdict(int)
    for term in terms:
        counts[term] += 1
    return counts


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
    return update_beats(articles, None, similar, facts, semantic, store)[0]


def update_beats(
    articles: Sequence[Article],
    previous: Grouping | None,
    similar: float = SIMILAR,
    facts: Sequence[Facts | None] | None = None,
    semantic: bool = True,
    store: VectorStore | None = None,
) -> tuple[Beats, Grouping]:
    """The beats of `group_beats`, with how they were grouped to keep for the next
    change. Given the grouping of the same corpus before some articles came or went
    (`previous`), the articles kept keep their beats and only the new articles'
    statements are paired and joined to them (`index.analysis.beat_updates`), unless the
    changes since the corpus was last grouped whole are too many."""
    with paused():  # statements, vectors and groups by the hundred thousand, all kept
        return _update_beats(articles, previous, similar, facts, semantic, store)


def _update_beats(
    articles: Sequence[Article],
    previous: Grouping | None,
    similar: float,
    facts: Sequence[Facts | None] | None,
    semantic: bool,
    store: VectorStore | None,
) -> tuple[Beats, Grouping]:
    units = claim_units(articles, facts, semantic)
    if not units.bags:
        return Beats((), "lexical", None, None), beat_updates.empty(articles, units.split)
    meaning, note = _meaning(articles, units.per_article, store) if semantic else (None, None)
    plan = beat_updates.plan(previous, articles, units, meaning is not None)
    # where meaning is compared, a story's topic words count less (`linkage.tfidf`)
    owners = units.owners if meaning is not None else None
    scaled = _embedded(meaning, len(units.bags)) if meaning is not None else None
    vectors = (
        linkage.tfidf(units.bags, owners=owners, scaled=scaled)
        if plan is None and meaning is None
        else linkage.tfidf_matrix(
            units.bags, owners, scaled, meaning.topics if meaning is not None else None
        )
    )
    among = None if plan is None else plan.fresh
    pairs = linkage.scored_pairs(vectors, units.owners, similar, meaning, among)
    start = () if plan is None else plan.start
    groups = grouping.group(vectors, pairs, similar * LINK_SHARE, meaning, units.owners, start)
    known = None if plan is None else plan.known
    beats, assignment = _assemble(units, groups, vectors, meaning, note, known)
    changed = 0 if plan is None else plan.changed
    return beats, beat_updates.grouping(articles, units, beats, assignment, changed)


def _embedded(meaning: linkage.Meaning, count: int) -> list[bool]:
    """Which of `count` statements have embeddings."""
    marked = [False] * count
    for row in meaning.rows.tolist():
        marked[row] = True
    return marked


def _assemble(
    units: Units,
    groups: list[list[int]],
    vectors: Sequence[linkage.Sparse],
    meaning: linkage.Meaning | None,
    note: str | None,
    known: Callable[[list[int]], tuple[str, str] | None] | None,
) -> tuple[Beats, list[int]]:
    """The beats of the groups, told by most outlets first, and each statement's beat
    (its position). A beat is labelled by its mention closest to its centre; a group
    `known` gives the label and method of is taken as it was."""
    mentions, compared = units.mentions, [t for texts in units.per_article for t in texts]
    embedded = set(meaning.rows.tolist()) if meaning is not None else set()
    made = []
    for members in groups:
        found = known(members) if known is not None else None
        if found is not None:
            label, method = found
        else:
            centre: dict[str, float] = defaultdict(float)
            for i in members:
                for term, weight in vectors[i].items():
                    centre[term] += weight
            central = max(members, key=lambda i: (linkage.dot(vectors[i], centre), -i))
            label = _label(compared[central], mentions[central].sentence.text)
            by_meaning = sum(1 for i in members if i in embedded)
            method = (
                "combined"
                if by_meaning == len(members)
                else "lexical"
                if not by_meaning
                else "mixed"
            )
        kept = _one_each(members, mentions) if units.split else members
        made.append((kept, label, method, members))
    if units.split:
        made = _merged_when_alike(made, mentions)
    outlets: dict[int, str] = {}  # each article's outlet, by its number
    for i, owner in enumerate(units.owners):
        if owner not in outlets:
            outlets[owner] = _outlet(mentions[i].article)
    owners = units.owners

    def telling(kept: list[int]) -> int:
        return 1 if len(kept) == 1 else len({outlets[owners[i]] for i in kept})

    made.sort(key=lambda b: (-telling(b[0]), min(b[0])))
    assignment = [0] * len(mentions)
    for number, (_kept, _label_text, _method, members) in enumerate(made):
        for i in members:
            assignment[i] = number
    beats = Beats(
        tuple(
            Beat(f"b{number}", label, tuple(mentions[i] for i in kept), method)
            for number, (kept, label, method, _members) in enumerate(made, 1)
        ),
        "combined" if meaning is not None else "lexical",
        _model_name() if meaning is not None else None,
        note,
    )
    return beats, assignment


def _label(part: str, sentence: str) -> str:
    """A beat's label: its central mention, or the part of it that tells the beat
    ("…delayed its release due to underwhelming internal performance.")."""
    item = list_item(part)  # a list item's marker ("- ", "2. ") is not the beat's
    words = part[item:].split()
    text = " ".join(words[:_LABEL_WORDS])
    cut = len(words) > _LABEL_WORDS or (part != sentence and sentence.startswith(part))
    return ("" if sentence.startswith(part) else "…") + text + ("…" if cut else "")


def _merged_when_alike(
    made: list[tuple[list[int], str, str, list[int]]], mentions: list[Mention]
) -> list[tuple[list[int], str, str, list[int]]]:
    """One beat for the beats that hold the same sentences: the parts of one sentence
    ("Safety comes first, and we will not restart until...") grouped with the same
    sentences elsewhere are two groups a reader could not tell apart."""
    at: dict[frozenset[tuple[str, int]], int] = {}
    merged: list[tuple[list[int], str, str, list[int]]] = []
    for kept, label, method, members in made:
        key = frozenset((mentions[i].article.id, mentions[i].sentence.start) for i in kept)
        first = at.get(key)
        if first is None:
            at[key] = len(merged)
            merged.append((kept, label, method, members))
            continue
        kept_first, _label_first, method_first, members_first = merged[first]
        method = method_first if method == method_first else "mixed"
        whole = mentions[kept_first[0]].sentence.text  # the beat is the sentences whole
        merged[first] = (kept_first, _label(whole, whole), method, members_first + members)
    return merged


def _one_each(members: list[int], mentions: list[Mention]) -> list[int]:
    """The members with each sentence once (two of its statements may tell one beat)."""
    if len(members) == 1:
        return members
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
