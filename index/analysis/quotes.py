"""Direct quotes and who they are attributed to, across a corpus; the same words
given to different speakers by different articles are flagged.

Rule kept here: a quote's text is exactly the words between its quote marks
(`Article.text[start:end]`); a speaker is taken only from the attribution
around the quote ("X said", "said X", "according to X", "X told ...:"),
never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from index.models import Article

_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_MIN_WORDS = 3
_SIMILAR = 0.7  # share of words two quotes share to be the same words
_NAME = (
    r"(?:(?i:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:spokes(?:person|man|woman)|officials?|executives?"
    r"|sources?|analysts?|researchers?|statement)"
    r"|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
)
_VERB = r"(?:said|says|added|told(?:\s+[\w ]{1,40}?)?|wrote|explained|stated|noted|insisted)"
_AFTER = (
    re.compile(rf"^\s*,?\s*{_VERB}\s+(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*(?P<speaker>{_NAME})\s+{_VERB}\b"),
    re.compile(rf"^\s*,?\s*(?i:according)\s+to\s+(?P<speaker>{_NAME})"),
)
_BEFORE = (
    re.compile(rf"(?P<speaker>{_NAME})\s+{_VERB}\s*[:,]?\s*$"),
    re.compile(rf"(?i:according)\s+to\s+(?P<speaker>{_NAME})\s*[:,]?\s*$"),
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    article: Article
    conflict: tuple[tuple[str, Article], ...] = ()  # (speaker, article) giving the same words


def _quote_spans(text: str) -> list[tuple[int, int]]:
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


def _speaker(text: str, start: int, end: int) -> str | None:
    after = text[end + 1 : end + 120].split("\n", 1)[0]
    for pattern in _AFTER:
        match = pattern.match(after)
        if match:
            return _clean(match.group("speaker"))
    before = text[max(0, start - 121) : start - 1].rsplit("\n", 1)[-1]
    for pattern in _BEFORE:
        match = pattern.search(before)
        if match:
            return _clean(match.group("speaker"))
    return None


def _clean(speaker: str) -> str | None:
    speaker = speaker.strip(" ,.:;")
    if speaker.lower() in _PRONOUNS or not speaker:
        return None
    return speaker


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _same_words(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= _SIMILAR


def _speaker_key(speaker: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", speaker.lower()).strip()


def find_quotes(articles: Sequence[Article]) -> tuple[Quote, ...]:
    """Every direct quote of the articles with its speaker, conflicts flagged."""
    quotes: list[Quote] = []
    for article in articles:
        for start, end in _quote_spans(article.text):
            quotes.append(
                Quote(
                    article.text[start:end],
                    start,
                    end,
                    _speaker(article.text, start, end),
                    article,
                )
            )
    words = [_words(q.text) for q in quotes]
    out: list[Quote] = []
    for i, quote in enumerate(quotes):
        others: list[tuple[str, Article]] = []
        if quote.speaker:
            for j, other in enumerate(quotes):
                if (
                    other.article.id != quote.article.id
                    and other.speaker
                    and _speaker_key(other.speaker) != _speaker_key(quote.speaker)
                    and _same_words(words[i], words[j])
                ):
                    others.append((other.speaker, other.article))
        out.append(replace(quote, conflict=tuple(others)))
    return tuple(out)
