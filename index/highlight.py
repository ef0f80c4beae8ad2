"""Where a query matches an article's text, and the fragments shown in results.

Rule kept here: spans are computed on the display text with the index's own
tokeniser, never from markup, so every span is exactly what the reader sees.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from index.models import Fragment, Span
from index.query import HighlightTerms
from index.tokens import has_cjk, plain_words, stemmer, word_tokens

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3
_LEAD = 60  # characters of context before the first match of a fragment
_MAX_ANCHORS = 200  # matches tried as the start of a fragment


def match_spans(text: str, terms: HighlightTerms, language: str | None) -> tuple[Span, ...]:
    """Every span of `text` the terms match, in order, overlapping ones merged."""
    if not terms:
        return ()
    stems = dict(terms.stems).get(language or "", frozenset())
    stem = stemmer(language) if stems and language else None
    prefixes = terms.prefixes
    spans: list[Span] = []
    verdicts: dict[str, bool] = {}  # a word's answer, for the words an article repeats
    tokens: Iterator[tuple[str, int, int, bool]] = (
        ((t.text, t.start, t.end, t.cjk) for t in word_tokens(text, "index"))
        if has_cjk(text)
        else ((word, start, end, False) for word, start, end in plain_words(text))
    )
    for word, start, end, cjk in tokens:
        hit = verdicts.get(word)
        if hit is None:
            hit = word in terms.exact or (
                not cjk
                and (
                    any(word.startswith(p) for p in prefixes)
                    or any(p.fullmatch(word) for p in terms.patterns)
                    or (stem is not None and stem(word) in stems)
                )
            )
            verdicts[word] = hit
        if hit:
            if spans and start <= spans[-1].end:
                spans[-1] = Span(spans[-1].start, max(spans[-1].end, end))
            else:
                spans.append(Span(start, end))
    return tuple(spans)


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
        best_start, best_count = -1, 0
        for index, anchor in enumerate(spans[:_MAX_ANCHORS]):
            if index in taken:
                continue
            start = max(0, anchor.start - _LEAD)
            low = bisect_left(starts, start)
            high = bisect_right(starts, start + FRAGMENT_CHARS - 1)
            count = sum(1 for i in range(low, min(high, low + 64)) if i not in taken)
            if count > best_count:
                best_start, best_count = start, count
        if best_start < 0:
            break
        start = _snap_start(text, best_start)
        end = _snap_end(text, min(len(text), best_start + FRAGMENT_CHARS))
        if any(a < end and start < b for a, b in chosen):
            break
        chosen.append((start, end))
        taken.update(range(bisect_left(starts, start), bisect_right(starts, end - 1)))
    out = []
    for start, end in sorted(chosen):
        inside = tuple(
            Span(s.start - start, min(s.end, end) - start) for s in spans if start <= s.start < end
        )
        out.append(Fragment(text[start:end], start, inside))
    return tuple(out)


def _snap_start(text: str, start: int) -> int:
    if start <= 0:
        return 0
    space = text.find(" ", start, start + 30)
    newline = text.rfind("\n", max(0, start - 30), start + 1)
    if newline >= 0:
        return newline + 1
    return space + 1 if space >= 0 else start


def _snap_end(text: str, end: int) -> int:
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, end - 30), end)
    return space if space > 0 else end
