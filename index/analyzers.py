"""Whoosh analyzers built on `index.tokens`, so the index sees exactly the tokens
the highlighter computes on the display text.

Rule kept here: only this module and the schema hand tokens to Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from whoosh.analysis import Analyzer, StemFilter, Token, Tokenizer

from index.tokens import fold, token_tuples

_Tuple = tuple[str, int, int, int, bool]
# the last text tokenised and its tokens: an article's body feeds the unstemmed
# field and its language's stemmed one, and is cut into words once
_last: tuple[str, str, tuple[_Tuple, ...]] = ("", "", ())
_REMEMBERED_FROM = 256  # characters; shorter values are cut again


class WordTokenizer(Tokenizer):
    """Whoosh face of `word_tokens`."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(
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
            items: Iterator[_Tuple] | tuple[_Tuple, ...] = iter(
                [(fold(value), 0, len(value), 0, False)]
            )
        else:
            items = _tokens_of(value, mode or "index")
        for text, start, end, pos, _cjk in items:
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


def _tokens_of(value: str, mode: str) -> Iterator[_Tuple] | tuple[_Tuple, ...]:
    global _last
    if len(value) < _REMEMBERED_FROM:
        return token_tuples(value, mode)
    last = _last  # one read: another thread may replace it meanwhile
    if last[0] is value and last[1] == mode:
        return last[2]
    found = tuple(token_tuples(value, mode))
    _last = (value, mode, found)
    return found


class CachedStemFilter(StemFilter):
    """Whoosh's StemFilter with functools' LRU cache (in C) instead of Whoosh's
    LFU cache (in Python, a third of the stemming time); the same stems."""

    def clear(self) -> None:
        from whoosh.lang import stemmer_for_language

        stemfn: Callable[[str], str] = stemmer_for_language(self.lang) if self.lang else self.stemfn
        size = self.cachesize if isinstance(self.cachesize, int) and self.cachesize > 0 else None
        self._stem = lru_cache(maxsize=size)(stemfn) if self.cachesize else stemfn


def word_analyzer() -> Analyzer:
    return WordTokenizer()


def stem_analyzer(lang: str) -> Analyzer:
    return WordTokenizer() | CachedStemFilter(lang=lang, cachesize=50000)
