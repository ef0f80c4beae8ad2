"""Tokens: words with their character offsets in the display text, case-folded
and NFKC-normalised; Chinese, Japanese and Korean runs as overlapping
character bigrams. Plus each language's stemmer as a plain function.

Rule kept here: the same tokeniser feeds the index, the query and the
highlighter, so a match found by search is always a span the reader can see;
text is stemmed only by the stemmer of its own language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK_CHARS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff"
_CJK = re.compile(f"[{_CJK_CHARS}]+")
# the parts of words outside CJK runs: what word_tokens yields as whole words
NON_CJK_WORD = re.compile(rf"[^\W_{_CJK_CHARS}]+")


@dataclass(frozen=True)
class WordToken:
    text: str  # normalised form
    start: int
    end: int
    pos: int
    cjk: bool = False


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def plain_words(text: str) -> Iterator[tuple[str, int, int]]:
    """(folded word, start, end) for a text without CJK runs: the fast path of word_tokens."""
    for match in _WORD.finditer(text):
        yield fold(match.group(0)), match.start(), match.end()


def word_tokens(text: str, mode: str = "index") -> Iterator[WordToken]:
    """Normalised tokens with offsets into `text`. CJK runs give bigrams (and, when
    indexing, single characters too, so a one-character query still finds them)."""
    for item in token_tuples(text, mode):
        yield WordToken(*item)


def token_tuples(text: str, mode: str = "index") -> Iterator[tuple[str, int, int, int, bool]]:
    """`word_tokens` as plain tuples (text, start, end, pos, cjk): what the index
    writer takes, without a dataclass built per token."""
    if not has_cjk(text):  # no word holds a CJK run: each word is one token
        for pos, match in enumerate(_WORD.finditer(text)):
            yield fold(match.group(0)), match.start(), match.end(), pos, False
        return
    pos = 0
    for match in _WORD.finditer(text):
        word, base = match.group(0), match.start()
        last = 0
        for run in _CJK.finditer(word):
            if run.start() > last:
                yield fold(word[last : run.start()]), base + last, base + run.start(), pos, False
                pos += 1
            chars = run.group(0)
            offset = base + run.start()
            if len(chars) == 1:
                yield chars, offset, offset + 1, pos, True
                pos += 1
            else:
                for i in range(len(chars) - 1):
                    if mode != "query":
                        yield chars[i], offset + i, offset + i + 1, pos, True
                    yield chars[i : i + 2], offset + i, offset + i + 2, pos, True
                    pos += 1
                if mode != "query":
                    end = offset + len(chars)
                    yield chars[-1], end - 1, end, pos, True
                    pos += 1
            last = run.end()
        if last < len(word):
            yield fold(word[last:]), base + last, base + len(word), pos, False
            pos += 1


_STEMS: dict[str, dict[str, str]] = {}  # language -> folded word -> its stem


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """The Snowball stemmer of `lang` as a function of one folded word."""
    from whoosh.lang import stemmer_for_language

    stem = stemmer_for_language(lang)
    cache = _STEMS.setdefault(lang, {})

    def cached(word: str) -> str:
        if word not in cache:
            cache[word] = stem(word)
        return cache[word]

    return cached


def stems_of(lang: str, words: list[str]) -> list[str]:
    """The stems of many folded words, in order (each word stemmed once per process)."""
    stem = stemmer(lang)
    cache = _STEMS[lang]
    for word in set(words).difference(cache):  # looks each word up, never walks the cache
        stem(word)
    return list(map(cache.__getitem__, words))
