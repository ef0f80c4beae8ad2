"""What a claim sentence is, and what of it story beats compare: its content terms
(stemmed in its language, stopwords and numbers left out) and, for an English
sentence that joins two statements, each statement with its own terms.

Rule kept here: a statement's terms are found from its own words only; which
sentences count as claims is decided here alone (facts and beats both ask).
"""

from __future__ import annotations

import re
from functools import cache

from index.schema import STEMMED_LANGUAGES
from index.tokens import plain_words, stemmer

MIN_WORDS = 5  # shorter sentences (headings, captions, "Share this article.") are not claims
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


# a list item: news pages list their key points ("- Behemoth had completed its training")
# without a closing full stop, which a heading or caption lacks too
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪·]|\d{1,2}[.)])\s+(?=\w)")


def list_item(text: str) -> int:
    """Where a list item's text starts after its marker ("- ", "• ", "2. "); 0 if the
    text is not a list item."""
    item = _LIST_ITEM.match(text)
    return item.end() if item else 0


def _claim_like(text: str) -> bool:
    item = list_item(text)
    return (
        len(text[item:].split()) >= MIN_WORDS
        and not text.rstrip().endswith("?")
        and (item > 0 or bool(re.search(r"[.!\"”’)]\s*$", text)))
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
