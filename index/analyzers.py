"""Tokenising for the index and for highlighting: words with their character
offsets in the display text, case-folded and NFKC-normalised; Chinese,
Japanese and Korean runs as overlapping character bigrams.

Rule kept here: the same tokeniser feeds the index, the query and the
highlighter, so a match found by search is always a span the reader can see;
text is stemmed only by the stemmer of its own language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import Analyzer, StemFilter, Token, Tokenizer

# Languages whose articles get a stemmed field of their own (Snowball stemmers in Whoosh).
STEMMED_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "sv", "da", "no", "fi")

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff]+"
)


@dataclass(frozen=True)
class WordToken:
    text: str  # normalised form
    start: int
    end: int
    pos: int
    cjk: bool = False


def fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def word_tokens(text: str, mode: str = "index") -> Iterator[WordToken]:
    """Normalised tokens with offsets into `text`. CJK runs give bigrams (and, when
    indexing, single characters too, so a one-character query still finds them)."""
    pos = 0
    for match in _WORD.finditer(text):
        word, base = match.group(0), match.start()
        last = 0
        for run in _CJK.finditer(word):
            if run.start() > last:
                yield WordToken(fold(word[last : run.start()]), base + last, base + run.start(), pos)
                pos += 1
            chars = run.group(0)
            offset = base + run.start()
            if len(chars) == 1:
                yield WordToken(chars, offset, offset + 1, pos, True)
                pos += 1
            else:
                for i in range(len(chars) - 1):
                    if mode != "query":
                        yield WordToken(chars[i], offset + i, offset + i + 1, pos, True)
                    yield WordToken(chars[i : i + 2], offset + i, offset + i + 2, pos, True)
                    pos += 1
                if mode != "query":
                    end = offset + len(chars)
                    yield WordToken(chars[-1], end - 1, end, pos, True)
                    pos += 1
            last = run.end()
        if last < len(word):
            yield WordToken(fold(word[last:]), base + last, base + len(word), pos)
            pos += 1


class WordTokenizer(Tokenizer):  # type: ignore[misc]
    """Whoosh face of `word_tokens`."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            items: Iterator[WordToken] = iter([WordToken(fold(value), 0, len(value), 0)])
        else:
            items = word_tokens(value, mode or "index")
        for item in items:
            t.text = item.text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = item.text
            if positions:
                t.pos = start_pos + item.pos
            if chars:
                t.startchar = start_char + item.start
                t.endchar = start_char + item.end
            yield t


def word_analyzer() -> Analyzer:
    return WordTokenizer()


def stem_analyzer(lang: str) -> Analyzer:
    return WordTokenizer() | StemFilter(lang=lang, cachesize=50000)


@lru_cache(maxsize=None)
def stemmer(lang: str) -> Callable[[str], str]:
    """The Snowball stemmer of `lang` as a function of one folded word."""
    from whoosh.lang import stemmer_for_language

    stem = stemmer_for_language(lang)
    cache: dict[str, str] = {}

    def cached(word: str) -> str:
        if word not in cache:
            cache[word] = stem(word)
        return cache[word]

    return cached
