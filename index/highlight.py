"""Where a query matches an article's text, and the fragments shown in results.

Rule kept here: spans are computed on the display text with the index's own
tokeniser, never from markup, so every span is exactly what the reader sees.
"""

from __future__ import annotations

from index.models import Fragment, Span
from index.query import HighlightTerms
from index.tokens import stemmer, word_tokens

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3
_LEAD = 60  # characters of context before the first match of a fragment


def match_spans(text: str, terms: HighlightTerms, language: str | None) -> tuple[Span, ...]:
    """Every span of `text` the terms match, in order, overlapping ones merged."""
    if not terms:
        return ()
    stems = dict(terms.stems).get(language or "", frozenset())
    stem = stemmer(language) if stems and language else None
    spans: list[Span] = []
    for token in word_tokens(text, "index"):
        word = token.text
        hit = word in terms.exact
        if not hit and not token.cjk:
            hit = (
                any(word.startswith(p) for p in terms.prefixes)
                or any(p.fullmatch(word) for p in terms.patterns)
                or (stem is not None and stem(word) in stems)
            )
        if hit:
            if spans and token.start <= spans[-1].end:
                spans[-1] = Span(spans[-1].start, max(spans[-1].end, token.end))
            else:
                spans.append(Span(token.start, token.end))
    return tuple(spans)


def fragments(text: str, spans: tuple[Span, ...]) -> tuple[Fragment, ...]:
    """Up to three windows of the text holding the most matches, in text order.
    With no match, the opening of the text."""
    if not spans:
        end = _snap_end(text, min(len(text), FRAGMENT_CHARS))
        return (Fragment(text[:end], 0, ()),) if end else ()
    chosen: list[tuple[int, int]] = []
    remaining = list(spans)
    while remaining and len(chosen) < MAX_FRAGMENTS:
        best_start, best_count = 0, -1
        for anchor in remaining:
            start = max(0, anchor.start - _LEAD)
            count = sum(
                1 for s in remaining if s.start >= start and s.end <= start + FRAGMENT_CHARS
            )
            if count > best_count:
                best_start, best_count = start, count
        start = _snap_start(text, best_start)
        end = _snap_end(text, min(len(text), best_start + FRAGMENT_CHARS))
        chosen.append((start, end))
        remaining = [s for s in remaining if not (s.start >= start and s.end <= end)]
        remaining = [s for s in remaining if not any(a <= s.start < b for a, b in chosen)]
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
