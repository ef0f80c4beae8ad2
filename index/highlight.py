"""Where a query matches an article's text, and the fragments shown in results.

Rule kept here: spans are computed on the display text with the index's own
tokeniser, never from markup, so every span is exactly what the reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import compress, filterfalse
from operator import methodcaller
from typing import NamedTuple

from index.models import Fragment, Span
from index.query import HighlightTerms
from index.tokens import NON_CJK_WORD, fold, has_cjk, stems_of

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3
_LEAD = 60  # characters of context before the first match of a fragment
_MAX_ANCHORS = 200  # matches tried as the start of a fragment
_TEXTS_KEPT = 256  # texts whose distinct words are kept (see _vocabulary)
_STEMS_RESPELL = frozenset({"ru"})  # stemmers that may change a word's first letter
WORD = re.compile(r"[^\W_]+")  # a word as index.tokens cuts them (letters and digits)


def match_spans(text: str, terms: HighlightTerms, language: str | None) -> tuple[Span, ...]:
    """Every span of `text` the terms match, in order, overlapping ones merged."""
    if not terms:
        return ()
    vocabulary = _vocabulary(text)
    chosen = _chosen(text, vocabulary, terms, language or "")
    if not vocabulary.cjk:
        return _merged(sorted(span for word in chosen for span in _whole_words(text, word)))
    # Words outside CJK runs as word_tokens cuts them; a CJK term (a character or a
    # bigram) matches wherever it occurs, overlapping occurrences included.
    spans = [(m.start(), m.end()) for m in NON_CJK_WORD.finditer(text) if m.group() in chosen]
    for term in terms.exact:
        if has_cjk(term):
            found = re.finditer(f"(?={re.escape(term)})", text)
            spans.extend((m.start(), m.start() + len(term)) for m in found)
    return _merged(sorted(spans))


class _Vocabulary(NamedTuple):
    cjk: bool  # the text holds CJK
    words: tuple[str, ...]  # its distinct words as written
    folded: tuple[str, ...]  # each of them folded
    distinct: tuple[str, ...]  # the distinct folded words


@lru_cache(maxsize=_TEXTS_KEPT)
def _vocabulary(text: str) -> _Vocabulary:
    """The words of a text, kept for the texts seen last: the next keystroke's hits are
    mostly the same."""
    cjk = has_cjk(text)
    found = set((NON_CJK_WORD if cjk else WORD).findall(text))
    # folding an ASCII word is lowering it (NFKC leaves it as it is), done in C
    plain, other = tuple(filter(str.isascii, found)), tuple(filterfalse(str.isascii, found))
    folded = (*map(str.lower, plain), *map(fold, other))
    return _Vocabulary(cjk, plain + other, folded, tuple(set(folded)))


@lru_cache(maxsize=_TEXTS_KEPT)
def _initials(text: str) -> tuple[str, ...]:
    """The first letter, without its accent, of each of the text's distinct folded words."""
    return tuple(map(_initial, _vocabulary(text).distinct))


def _whole_words(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where `word` occurs in `text` as a whole word: no letter or digit either side
    (`[^\\W_]`, a character of WORD, is exactly str.isalnum)."""
    size, end = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        after = at + size
        if (at == 0 or not text[at - 1].isalnum()) and (after == end or not text[after].isalnum()):
            yield at, after
        at = text.find(word, after)


def _chosen(text: str, vocabulary: _Vocabulary, terms: HighlightTerms, language: str) -> set[str]:
    """The distinct words as written that the terms match. Set operations and `map`
    over the words, so the per-word work runs in C, not in a Python loop."""
    distinct: Iterable[str] = vocabulary.distinct
    hits = set(terms.exact.intersection(distinct))
    if terms.prefixes:
        prefixes = tuple(terms.prefixes)
        hits.update(compress(distinct, map(methodcaller("startswith", prefixes), distinct)))
    for pattern in terms.patterns:
        hits.update(filter(pattern.fullmatch, distinct))
    stems = dict(terms.stems).get(language)
    if stems and language:
        # Snowball stemmers rewrite endings, and accents, never a word's first letter:
        # only the words starting with a stem's first letter can have that stem, and
        # stemming the rest (~30 µs a word, a text's whole vocabulary) is spared.
        # Not Russian: Whoosh's stemmer spells a Latin word's stem in Cyrillic.
        initials = set(map(_initial, stems))
        if "" not in initials and language not in _STEMS_RESPELL:
            distinct = compress(distinct, map(initials.__contains__, _initials(text)))
        candidates = list(distinct)
        hits.update(compress(candidates, map(stems.__contains__, stems_of(language, candidates))))
    if not hits:
        return set()
    return set(compress(vocabulary.words, map(hits.__contains__, vocabulary.folded)))


def _initial(word: str) -> str:
    """A word's first letter without its accent ("é" -> "e"); "" for an empty word."""
    first = word[:1]
    return first if first.isascii() else unicodedata.normalize("NFD", first)[:1]


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[Span, ...]:
    out: list[Span] = []
    for start, end in spans:
        if out and start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, end))
        else:
            out.append(Span(start, end))
    return tuple(out)


def fragments(text: str, spans: tuple[Span, ...]) -> tuple[Fragment, ...]:
    """Up to three windows of the text holding the most matches, in text order.
    With no match, the opening of the text."""
    if not spans:
        end = _snap_end(text, min(len(text), FRAGMENT_CHARS))
        return (Fragment(text[:end], 0, ()),) if end else ()
    starts = [s.start for s in spans]
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()  # indexes of spans inside a chosen window
    for _ in range(MAX_FRAGMENTS):
        best_count = 0
        best_anchor = -1
        for index, anchor in enumerate(spans[:_MAX_ANCHORS]):
            if index in taken:
                continue
            start = max(0, anchor.start - _LEAD)
            end = start + FRAGMENT_CHARS
            if any(a < end and start < b for a, b in chosen):
                continue
            low = bisect_left(starts, start)
            high = bisect_right(starts, end - 1)
            count = sum(1 for i in range(low, min(high, low + 64)) if i not in taken)
            if count > best_count:
                best_anchor, best_count = index, count
        if best_anchor < 0:
            break
        anchor = spans[best_anchor]
        raw = max(0, anchor.start - _LEAD)
        best = (
            _snap_start(text, raw, anchor.start),
            _snap_end(text, min(len(text), raw + FRAGMENT_CHARS), anchor.end),
        )
        chosen.append(best)
        taken.update(range(bisect_left(starts, best[0]), bisect_right(starts, best[1] - 1)))
    out = []
    for start, end in sorted(chosen):
        inside = tuple(
            Span(s.start - start, min(s.end, end) - start) for s in spans if start <= s.start < end
        )
        out.append(Fragment(text[start:end], start, inside))
    return tuple(out)


def _snap_start(text: str, start: int, keep: int) -> int:
    """Move a window's start to a line or word start, never past `keep`."""
    if start <= 0:
        return 0
    newline = text.rfind("\n", max(0, start - 30), start + 1)
    if newline >= 0:
        return newline + 1
    space = text.find(" ", start, min(keep, start + 30))
    return space + 1 if space >= 0 else start


def _snap_end(text: str, end: int, keep: int = 0) -> int:
    """Move a window's end back to a word end, never before `keep`."""
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", max(keep, end - 30), end)
    return space if space > 0 else end
