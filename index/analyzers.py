"""Whoosh analyzers built on `index.tokens`, so the index sees exactly the tokens
the highlighter computes on the display text.

Rule kept here: only this module and the schema hand tokens to Whoosh.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Analyzer, StemFilter, Token, Tokenizer

from index.tokens import WordToken, fold, word_tokens


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
