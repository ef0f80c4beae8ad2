"""Direct quotes and who they are attributed to, across a corpus; the same words
given to different speakers by different articles are flagged.

Rule kept here: a quote's text is exactly the words between its quote marks
(`Article.text[start:end]`); a speaker is taken only from the attribution
around the quote ("X said", "said X", "union president X told", "said the
director of the authority, X", "according to X", "X told ...:", and the same in
the other languages the index stems), or, as newspapers write it, from the
attribution of the quote before it in the same paragraph (an unattributed second
quote, or "she said"; for a pronoun, the paragraph before too) when nobody else is
named between the two; otherwise a pronoun names nobody. A word or two in quote marks
is a quote only with a speaker its own attribution names (a scare quote has none), and
is the same quote as another only where the sentences around the two share their
words. Who an attribution names, and when two names are one person:
`index.analysis.speakers`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from index.analysis.speakers import (
    PRONOUNS,
    Pronoun,
    attribution,
    full_name,
    same_speaker,
    sentence_end,
    speaker_key,
)
from index.models import Article

if TYPE_CHECKING:
    from index.analysis.facts import Facts

_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_MIN_WORDS = 3  # fewer words are a quote only with a named speaker (`attributed_quotes`)
_SIMILAR = 0.7  # share of words two quotes share to be the same words


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    article: Article
    conflict: tuple[tuple[str, Article], ...] = ()  # (speaker, article) giving the same words


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        opener = text[i]
        if opener in _PAIRS:
            close = text.find(_PAIRS[opener], i + 1)
            newline = text.find("\n", i + 1)
            if close > 0 and (newline < 0 or close < newline):
                if text[i + 1 : close].strip():
                    spans.append((i + 1, close))
                i = close + 1
                continue
        i += 1
    return spans


def attributed_quotes(text: str) -> tuple[tuple[int, int, str | None], ...]:
    """Every quote of `text` as (start, end, speaker). A quote whose attribution names
    nobody takes the speaker of the quote before it in its paragraph; one given to a
    pronoun takes the speaker of the quote before it in its paragraph or the one
    before (newspapers open a paragraph with '"...," she said.'). Only where nobody
    else can be meant: every capitalised word between the two quotes is a word of that
    speaker's name or a pronoun ('The judge disagreed. "...," she said.' names nobody)."""
    found: list[tuple[int, int, str | None]] = []
    for start, end in quote_spans(text):
        speaker = attribution(text, start, end)
        if len(text[start:end].split()) < _MIN_WORDS:
            # a word or two in quote marks is a quote only where the sentence says whose
            # ('the spokesperson said the stance was "unchanged"'), not a scare quote
            if speaker and not isinstance(speaker, Pronoun):
                found.append((start, end, speaker))
            continue
        if (speaker is None or isinstance(speaker, Pronoun)) and found:
            previous_start, previous_end, previous = found[-1]
            between = text[previous_end + 1 : start - 1]  # without the quote marks
            breaks = len(_PARAGRAPH_BREAK.findall(between))
            reach = breaks == 0 or (breaks == 1 and speaker is not None)
            if not text[previous_start:previous_end].rstrip().endswith((".", "!", "?")):
                between = between[sentence_end(between) :]  # its attribution: the speaker's
            speaker = previous if reach and _only_named(between, previous) else None
        found.append((start, end, None if isinstance(speaker, Pronoun) else speaker))
    return tuple(found)


_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")


def _only_named(between: str, speaker: str | None) -> bool:
    """Whether `between` names nobody but `speaker` (its capitalised words are the
    speaker's or pronouns)."""
    if speaker is None:
        return False
    own = set(re.findall(r"[\w'’-]+", speaker))
    return all(w in own or w.lower() in PRONOUNS for w in _CAPITALISED.findall(between))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _similar_pairs(words: list[set[str]], keys: list[str | None]) -> set[tuple[int, int]]:
    """The pairs (i < j) of attributed quotes sharing at least `_SIMILAR` of their words
    (Jaccard). Prefix filtering: with the words of every quote in one global order
    (rarest first), two quotes that similar share a word among the first
    |x| - ceil(_SIMILAR * |x|) + 1 of each, so only those are indexed."""
    frequency: dict[str, int] = defaultdict(int)
    attributed = [i for i, found in enumerate(words) if keys[i] is not None and found]
    for i in attributed:
        for word in words[i]:
            frequency[word] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    sizes = [len(found) for found in words]
    for i in attributed:
        mine, size = words[i], sizes[i]
        ordered = sorted(mine, key=lambda w: (frequency[w], w))
        seen: set[int] = set()
        for word in ordered[: size - math.ceil(_SIMILAR * size) + 1]:
            for j in postings[word]:  # each quote probes those before it, then is indexed
                if j not in seen:
                    seen.add(j)  # `_similar`, written out: millions of candidates at 10k
                    other = sizes[j]
                    if (size / other if size <= other else other / size) < _SIMILAR:
                        continue
                    common = len(mine & words[j])
                    if common / (size + other - common) >= _SIMILAR:
                        pairs.add((j, i))
            postings[word].append(i)
    return pairs


def _similar(a: set[str], b: set[str]) -> bool:
    small, large = sorted((len(a), len(b)))
    if not small or small / large < _SIMILAR:
        return False
    common = len(a & b)
    return common / (len(a) + len(b) - common) >= _SIMILAR


_FEW = 64  # fresh quotes compared one by one with every quote; more: the whole join


def _pairs_holding(quotes: list[Quote], fresh: Sequence[bool]) -> set[tuple[int, int]]:
    """The pairs of `_similar_pairs` that hold a fresh quote. For a few, each is compared
    with every quote, a quote's text first checked for any of the fresh quote's
    |x| - ceil(_SIMILAR * |x|) + 1 longest words (a quote that similar holds one of
    any that many of them): only texts holding one are split into words."""
    attributed = [i for i, q in enumerate(quotes) if q.speaker and not _short(q)]
    chosen = [i for i in attributed if fresh[i]]
    short = _short_pairs(quotes, [_words(q.text) if _short(q) else set() for q in quotes], fresh)
    if len(chosen) > _FEW:
        words = [_words(q.text) for q in quotes]
        keys = [speaker_key(q.speaker) if q.speaker and not _short(q) else None for q in quotes]
        return short | {(i, j) for i, j in _similar_pairs(words, keys) if fresh[i] or fresh[j]}
    lowered = [q.text.lower() for q in quotes]
    split: dict[int, set[str]] = {}

    def words_of(i: int) -> set[str]:
        found = split.get(i)
        if found is None:
            found = split[i] = _words(quotes[i].text)
        return found

    pairs: set[tuple[int, int]] = set()
    for i in chosen:
        mine = words_of(i)
        if not mine:
            continue
        ordered = sorted(mine, key=lambda w: (-len(w), w))
        probe = ordered[: len(ordered) - math.ceil(_SIMILAR * len(ordered)) + 1]
        for j in attributed:
            if j != i and any(w in lowered[j] for w in probe) and _similar(mine, words_of(j)):
                pairs.add((i, j) if i < j else (j, i))
    return pairs | short


def _short(quote: Quote) -> bool:
    return len(quote.text.split()) < _MIN_WORDS


def _short_pairs(
    quotes: list[Quote], words: list[set[str]], fresh: Sequence[bool] | None = None
) -> set[tuple[int, int]]:
    """The pairs (i < j) of short quotes (a word or two, each with its speaker) of
    different articles giving the same words in sentences about the same thing: a word
    such as "unchanged" is the same quote only where the two sentences around it share
    `_CONTEXT_SHARED` of their words. Words given by more than `_COMMON_PHRASE` quotes
    are a common phrase ("no comment"), not one quote: never paired, and never compared
    pair by pair. With `fresh`, only the pairs holding a fresh one."""
    same: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        if quote.speaker and words[i] and _short(quote):
            same[frozenset(words[i])].append(i)
    contexts: dict[int, set[str]] = {}

    def context(i: int) -> set[str]:
        found = contexts.get(i)
        if found is None:
            found = contexts[i] = _context_words(quotes[i])
        return found

    pairs: set[tuple[int, int]] = set()
    for members in same.values():
        if len(members) > _COMMON_PHRASE or (
            fresh is not None and not any(fresh[i] for i in members)
        ):
            continue
        for at, i in enumerate(members):
            for j in members[at + 1 :]:
                if fresh is not None and not (fresh[i] or fresh[j]):
                    continue
                if quotes[i].article.id == quotes[j].article.id:
                    continue
                mine, theirs = context(i), context(j)
                common = len(mine & theirs)
                union = len(mine) + len(theirs) - common
                if union and common / union >= _CONTEXT_SHARED:
                    pairs.add((i, j))
    return pairs


_CONTEXT_SHARED = 0.2  # share of their sentences' words two short quotes' sentences share
_COMMON_PHRASE = 300  # short quotes giving the same words past this: a common phrase
_CONTEXT_WORD = re.compile(r"[^\W\d_]{4,}")
_CONTEXT_STOP = frozenset(
    {"that", "this", "with", "from", "have", "been", "were", "would", "will", "which"}
    | {"their", "there", "about", "said", "says", "told", "after", "before", "when"}
    | {"while", "also", "into", "than", "then", "they", "them", "what"}
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+")


def _context_words(quote: Quote) -> set[str]:
    """The words of four letters or more of the sentence holding a quote, on its line,
    but the commonest few."""
    text = quote.article.text
    line_start = text.rfind("\n", 0, quote.start) + 1
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end < 0 else line_end
    opening = [m.end() for m in _SENTENCE_BREAK.finditer(text, line_start, quote.start - 1)]
    start = opening[-1] if opening else line_start
    closing = _SENTENCE_BREAK.search(text, quote.end + 1, line_end)
    end = closing.start() if closing else line_end
    return {w for w in _CONTEXT_WORD.findall(text[start:end].lower()) if w not in _CONTEXT_STOP}


def _article_quotes(article: Article, known: Facts | None) -> list[Quote]:
    text = article.text
    found = known.quotes if known is not None else attributed_quotes(text)
    return [
        Quote(text[s:e], s, e, full_name(text, speaker) if speaker else None, article)
        for s, e, speaker in found
    ]


def _flagged(
    quotes: list[Quote],
    position: dict[str, int],
    pairs: set[tuple[int, int]],
    carried: list[list[tuple[str, Article]]] | None = None,
) -> tuple[Quote, ...]:
    """The quotes with their conflicts: the `carried` ones (known from before) and
    those of the similar `pairs` given by different speakers in different articles,
    each quote's listed in the order of the articles, then by speaker."""
    conflicts = carried if carried is not None else [[] for _ in quotes]
    for i, j in pairs:
        first, second = quotes[i], quotes[j]
        if first.article.id == second.article.id or same_speaker(
            speaker_key(str(first.speaker)), speaker_key(str(second.speaker))
        ):
            continue
        conflicts[i].append((str(second.speaker), second.article))
        conflicts[j].append((str(first.speaker), first.article))
    return tuple(
        replace(q, conflict=tuple(sorted(c, key=lambda e: (position[e[1].id], e[0]))))
        if c or q.conflict
        else q
        for q, c in zip(quotes, conflicts, strict=True)
    )


def find_quotes(
    articles: Sequence[Article], facts: Sequence[Facts | None] | None = None
) -> tuple[Quote, ...]:
    """Every direct quote of the articles with its speaker, conflicts flagged;
    `facts` (aligned with `articles`) give each article's quotes ready found."""
    given = list(facts) if facts is not None else [None] * len(articles)
    quotes = [
        quote
        for article, known in zip(articles, given, strict=True)
        for quote in _article_quotes(article, known)
    ]
    words = [_words(q.text) for q in quotes]
    keys = [speaker_key(q.speaker) if q.speaker and not _short(q) else None for q in quotes]
    pairs = _similar_pairs(words, keys) | _short_pairs(quotes, words)
    return _flagged(quotes, {a.id: n for n, a in enumerate(articles)}, pairs)


def update_quotes(
    previous: Sequence[Quote],
    articles: Sequence[Article],
    facts: Sequence[Facts | None] | None = None,
) -> tuple[Quote, ...]:
    """The quote ledger of `articles` from `previous`, the ledger of the corpus before
    it changed (an article it names that is gone is anything but an `Article`): the
    quotes of the articles still here are kept with their conflicts among them; only
    the other articles' quotes are found and compared with all. Equal to
    `find_quotes(articles, facts)`."""
    position = {a.id: n for n, a in enumerate(articles)}
    kept: dict[str, list[Quote]] = defaultdict(list)
    for quote in previous:
        if isinstance(quote.article, Article) and quote.article.id in position:
            kept[quote.article.id].append(quote)
    given = list(facts) if facts is not None else [None] * len(articles)
    quotes: list[Quote] = []
    fresh: list[bool] = []
    carried: list[list[tuple[str, Article]]] = []
    for article, known in zip(articles, given, strict=True):
        found = kept.get(article.id)
        if found is None:
            found = _article_quotes(article, known)
            carried.extend([] for _ in found)
        else:
            carried.extend(
                [c for c in q.conflict if isinstance(c[1], Article) and c[1].id in position]
                for q in found
            )
        quotes.extend(found)
        fresh.extend([article.id not in kept] * len(found))
    return _flagged(quotes, position, _pairs_holding(quotes, fresh), carried)
