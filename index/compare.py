"""Shared passages between two texts, for side-by-side reading.

Word runs both texts contain are found by hashing word n-grams of one text,
scanning the other, and growing each seed both ways; a single differing word
inside a run is tolerated so a lightly edited copy still lines up.

Rule kept here: spans are character offsets into the texts exactly as given,
snapped to whole words; passages never overlap on either side.
"""

from __future__ import annotations

from index.models import SharedPassage, Span
from index.tokens import WordToken, word_tokens

_SEED = 4  # words in the n-grams that start a passage
_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‑": "-", "–": "-"})


def _words(text: str) -> list[WordToken]:
    # one character for one, so offsets stay those of `text`
    return list(word_tokens(text.translate(_QUOTE_FOLD), "query"))


def shared_passages(left: str, right: str, min_words: int = 6) -> tuple[SharedPassage, ...]:
    """Passages `left` and `right` share, in the order they appear in `left`."""
    a, b = _words(left), _words(right)
    if len(a) < _SEED or len(b) < _SEED:
        return ()
    seeds: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - _SEED + 1):
        seeds.setdefault(tuple(t.text for t in b[j : j + _SEED]), []).append(j)
    used_b = [False] * len(b)
    passages: list[SharedPassage] = []
    i = 0
    while i <= len(a) - _SEED:
        best: tuple[int, int, int, int] | None = None  # (length, j, matched, end_i)
        for j in seeds.get(tuple(t.text for t in a[i : i + _SEED]), []):
            if used_b[j]:
                continue
            end_i, _end_j, matched = _grow(a, b, i, j, used_b)
            if best is None or end_i - i > best[0]:
                best = (end_i - i, j, matched, end_i)
        if best is None or best[2] < min_words:
            i += 1
            continue
        length, j, matched, end_i = best
        end_j = j + length  # substitutions advance both sides alike
        for k in range(j, min(end_j, len(b))):
            used_b[k] = True
        passages.append(
            SharedPassage(
                Span(a[i].start, a[end_i - 1].end),
                Span(b[j].start, b[min(end_j, len(b)) - 1].end),
                matched,
                round(matched / max(length, end_j - j), 3),
            )
        )
        i = end_i
    return tuple(passages)


def _grow(
    a: list[WordToken], b: list[WordToken], i: int, j: int, used_b: list[bool]
) -> tuple[int, int, int]:
    """Extend a seed forward; one substituted word is allowed between matching runs."""
    matched = 0
    while i < len(a) and j < len(b) and not used_b[j]:
        if a[i].text == b[j].text:
            matched += 1
            i, j = i + 1, j + 1
            continue
        if (
            i + 2 < len(a)
            and j + 2 < len(b)
            and a[i + 1].text == b[j + 1].text
            and a[i + 2].text == b[j + 2].text
        ):
            i, j = i + 1, j + 1  # one word changed
            continue
        break
    return i, j, matched
