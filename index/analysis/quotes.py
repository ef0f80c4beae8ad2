"""Direct quotes and who they are attributed to, across a corpus; the same words
given to different speakers by different articles are flagged.

Rule kept here: a quote's text is exactly the words between its quote marks
(`Article.text[start:end]`); a speaker is taken only from the attribution
around the quote ("X said", "said X", "union president X told", "said the
director of the authority, X", "according to X", "X told ...:", and the same in
the other languages the index stems), or, as newspapers write it, from the
attribution of the quote before it in the same paragraph (an unattributed second
quote, or "she said"; for a pronoun, the paragraph before too) when nobody else is
named between the two; otherwise a pronoun names nobody. A surname alone is completed
only with the full name the same article gives it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from index.models import Article

if TYPE_CHECKING:
    from index.analysis.facts import Facts

_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_MIN_WORDS = 3
_SIMILAR = 0.7  # share of words two quotes share to be the same words
_NAME = (
    r"(?:(?i:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:spokes(?:person|man|woman)|officials?|executives?"
    r"|sources?|analysts?|researchers?|statement)"
    r"|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
)
# a title or role in lower case before a name ("union president Dana Whitlock"), never a
# word that starts another phrase ("said on Monday")
_ROLE = (
    r"(?:(?!(?:on|in|at|to|that|this|after|before|during|for|from|with|by|of|and|or|but"
    r"|then|last|next|earlier|later|also|again|when|while|as)\b)[a-z][\w'’-]*\s+){1,3}?"
)
# the body a role belongs to, before it ("Lorrimer Water Authority director Dana Whitfield")
_BODY = r"(?:[A-Z][\w'’&.-]*\s+){1,4}"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_VERB = (
    r"(?:said|says|added|told(?:\s+[\w ]{1,40}?)?|wrote|explained|stated|noted|insisted|warned"
    r"|argued|claimed|admitted|announced|described|called|urged|vowed|promised|stressed"
    # the same in the other languages the index stems (German, French, Spanish, Italian,
    # Portuguese, Dutch)
    r"|sagte|sagt|erklärte|betonte|schrieb|warnte|a\s+(?:déclaré|dit|affirmé|expliqué|ajouté"
    r"|souligné)|déclare|affirme|explique|dijo|afirmó|declaró|explicó|señaló|añadió|aseguró"
    r"|ha\s+(?:detto|dichiarato|spiegato|affermato|aggiunto)|disse|afirmou|declarou|explicou"
    r"|zei|zegt|verklaarde)"
)
_ACCORDING = r"(?i:according\s+to|laut|selon|según|secondo|segundo|volgens)"
# a full name, its words capitalised, accented capitals too ("Élodie Martin")
_PERSON = r"[A-ZÀ-ÝĀ-Ž][\w'’.-]*(?:\s+[A-ZÀ-ÝĀ-Ž][\w'’.-]*){1,3}"
# what the attribution says of the speaker between commas: "Mr Birch, now 64, said"
_APPOSITION = r"(?:,[^,\"“”\n]{1,40},)?"
_AFTER = (
    re.compile(rf"^\s*,?\s*{_VERB}\s+{_BODY}{_ROLE}(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*{_VERB}\s+(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*(?P<speaker>{_NAME})\s+{_VERB}\b"),
    # who the speaker is, then their name, closing the sentence ('said the director of
    # the water authority, Dana Whitfield.', 'sagte die Direktorin der Wasserbehörde,
    # Dana Whitfield.'); before a lower-case role, which German's capital nouns would fool
    re.compile(
        rf"^\s*,?\s*{_VERB}\s+(?:[^\W\d_][\w'’-]*\s+){{1,8}}?[^\W\d_][\w'’-]*,\s+"
        rf"(?P<speaker>{_PERSON})\s*(?:[.!?]|$)"
    ),
    re.compile(rf"^\s*,?\s*{_VERB}\s+{_ROLE}(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*{_ROLE}(?P<speaker>{_NAME})\s+{_VERB}\b"),
    re.compile(rf"^\s*,?\s*(?P<pronoun>{_PRONOUN})\s+{_VERB}\b"),
    re.compile(rf"^\s*,?\s*{_ACCORDING}\s+(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*{_BODY}{_ROLE}(?P<speaker>{_NAME})\s+{_VERB}\b"),
)
_BEFORE = (
    re.compile(rf"(?P<speaker>{_NAME}){_APPOSITION}\s+{_VERB}\s*[:,]?\s*$"),
    re.compile(rf"{_ACCORDING}\s+(?P<speaker>{_NAME})\s*[:,]?\s*$"),
    # a partial quote inside the attribution: 'Ortiz said the plan "was a mistake"'
    re.compile(rf"(?P<speaker>{_NAME}){_APPOSITION}\s+{_VERB}\s+(?:[\w'’-]+\s+){{1,6}}$"),
    # 'Marsh said staff were heartbroken, adding: "..."'
    re.compile(
        rf"(?P<speaker>{_NAME}){_APPOSITION}\s+{_VERB}\b[^\"“”\n]{{0,100}}?,\s+adding(?:\s+that)?:?\s*$"
    ),
)
# the sentence's subject did something first, then spoke: 'Mayor Greg Tolliver asked
# residents to stay calm and said the city would "not cut corners"'; the name, two words
# at least (any word opening a sentence is capitalised), must open it (`_SUBJECT_OPENS`)
_SUBJECT = re.compile(
    rf"(?P<speaker>{_PERSON}),?\s+(?:[\w'’-]+,?\s+){{1,12}}?and\s+{_VERB}\s+(?:[\w'’-]+\s+){{1,6}}$"
)
_SUBJECT_OPENS = re.compile(r"(?:^|[.!?][\"”’)]?\s+)$")
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


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
                inner = text[i + 1 : close]
                if len(inner.split()) >= _MIN_WORDS:
                    spans.append((i + 1, close))
                i = close + 1
                continue
        i += 1
    return spans


class _Pronoun(str):
    """An attribution to "he", "she" or "they": the speaker of a quote before it."""


def _attribution(text: str, start: int, end: int) -> str | None:
    after = text[end + 1 : end + 120].split("\n", 1)[0]
    for pattern in _AFTER:
        match = pattern.match(after)
        if match:
            return _clean(match.groupdict().get("pronoun") or match.group("speaker"))
    line_start = text.rfind("\n", 0, start - 1) + 1
    origin = max(line_start, start - 121)
    before = text[origin : start - 1]
    for pattern in _BEFORE:
        match = pattern.search(before)
        if match:
            return _clean(match.group("speaker"))
    for match in _SUBJECT.finditer(before):
        opening = text[line_start : origin + match.start()]
        if _SUBJECT_OPENS.search(opening):
            return _clean(match.group("speaker"))
    return None


def speaker_of(text: str, start: int, end: int) -> str | None:
    """The speaker the attribution around one quote names (None for a pronoun)."""
    speaker = _attribution(text, start, end)
    return None if isinstance(speaker, _Pronoun) else speaker


def attributed_quotes(text: str) -> tuple[tuple[int, int, str | None], ...]:
    """Every quote of `text` as (start, end, speaker). A quote whose attribution names
    nobody takes the speaker of the quote before it in its paragraph; one given to a
    pronoun takes the speaker of the quote before it in its paragraph or the one
    before (newspapers open a paragraph with '"...," she said.'). Only where nobody
    else can be meant: every capitalised word between the two quotes is a word of that
    speaker's name or a pronoun ('The judge disagreed. "...," she said.' names nobody)."""
    found: list[tuple[int, int, str | None]] = []
    for start, end in quote_spans(text):
        speaker = _attribution(text, start, end)
        if (speaker is None or isinstance(speaker, _Pronoun)) and found:
            previous_start, previous_end, previous = found[-1]
            between = text[previous_end + 1 : start - 1]  # without the quote marks
            breaks = len(_PARAGRAPH_BREAK.findall(between))
            reach = breaks == 0 or (breaks == 1 and speaker is not None)
            if not text[previous_start:previous_end].rstrip().endswith((".", "!", "?")):
                between = between[_sentence_end(between) :]  # its attribution: the speaker's
            speaker = previous if reach and _only_named(between, previous) else None
        found.append((start, end, None if isinstance(speaker, _Pronoun) else speaker))
    return tuple(found)


_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_ENDS = re.compile(r"([\w'’-]*)[.!?]+(?:\s+|$)")
# words ending in a full stop that do not end a sentence inside a name ("Dr. Ana Ruiz")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov",
                  "lt", "col", "sgt", "capt", "mme", "mlle"}  # fmt: skip


def _sentence_end(text: str) -> int:
    """Where the sentence `text` opens in ends (after a title's or an initial's full
    stop: "said Dr. Ana Ruiz, head of the Port Authority."), or the end of `text`."""
    for end in _ENDS.finditer(text):
        word = end.group(1)
        if len(word) > 1 and word.lower() not in _ABBREVIATIONS:
            return end.end()
    return len(text)


def _only_named(between: str, speaker: str | None) -> bool:
    """Whether `between` names nobody but `speaker` (its capitalised words are the
    speaker's or pronouns)."""
    if speaker is None:
        return False
    own = set(re.findall(r"[\w'’-]+", speaker))
    return all(w in own or w.lower() in _PRONOUNS for w in _CAPITALISED.findall(between))


def _clean(speaker: str) -> str | None:
    # a name ends with its sentence: "said Dana Whitlock. Mayor Ruiz ..." is Whitlock
    speaker = speaker[: _sentence_end(speaker)].strip(" ,.:;")
    if not speaker:
        return None
    if speaker.lower() in _PRONOUNS:
        return _Pronoun(speaker)
    return speaker


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _speaker_key(speaker: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", speaker.lower()).strip()


def _same_speaker(a: str | None, b: str | None) -> bool:
    """One person however named: "Vinter" and "Tomas Vinter" (a surname alone is
    the end of the full name)."""
    if a is None or b is None:
        return a == b
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return len(short) < len(long) and long[-len(short) :] == short


_TITLES = {"the", "a", "an", "mr", "mrs", "ms", "dr", "prof", "herr", "frau", "m", "mme"}
# capitalised words that start a name's run without being a given name
_NOT_NAMES = {
    "in", "on", "at", "but", "and", "as", "after", "before", "when", "while", "if", "by",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}  # fmt: skip


def full_name(text: str, speaker: str) -> str:
    """A speaker named by surname alone ("Vinter said") with the full name the
    article gives them elsewhere ("Tomas Vinter"); the speaker as given if the
    article names nobody so."""
    if " " in speaker or not speaker[:1].isupper():
        return speaker
    pattern = re.compile(rf"((?:[A-Z][\w'’-]+\s+){{1,2}}){re.escape(speaker)}(?![\w'’-])")
    for match in pattern.finditer(text):
        before = text[: match.start()].rstrip(" \t\"“”'‘’„«»(")
        abbreviated = re.search(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St)\.$", before) is not None
        if not before or (before[-1] in ".!?\n:" and not abbreviated):
            continue  # at a sentence's start any word is capitalised: no evidence of a name
        words = match.group(1).split()
        while words and words[0].lower().strip(".") in _TITLES | _NOT_NAMES:
            words = words[1:]
        if words and not any(w.endswith(("'s", "’s")) or w.lower() in _NOT_NAMES for w in words):
            return " ".join([*words, speaker])
    return speaker


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
    attributed = [i for i, q in enumerate(quotes) if q.speaker]
    chosen = [i for i in attributed if fresh[i]]
    if len(chosen) > _FEW:
        words = [_words(q.text) for q in quotes]
        keys = [_speaker_key(q.speaker) if q.speaker else None for q in quotes]
        return {(i, j) for i, j in _similar_pairs(words, keys) if fresh[i] or fresh[j]}
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
    return pairs


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
        if first.article.id == second.article.id or _same_speaker(
            _speaker_key(str(first.speaker)), _speaker_key(str(second.speaker))
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
    keys = [_speaker_key(q.speaker) if q.speaker else None for q in quotes]
    return _flagged(quotes, {a.id: n for n, a in enumerate(articles)}, _similar_pairs(words, keys))


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
