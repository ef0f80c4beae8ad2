"""Sentences with their spans in an article's text, by pysbd.

Rule kept here: a sentence's text is exactly `text[start:end]` (trimmed), so
evidence can always be found again in the article. Lines (headings, bullet
items) are segmented on their own; a sentence never spans two lines.

pysbd's own `segment` works out character spans with one new regex per
sentence, which also flushes Python's regex cache of pysbd's fixed rules (3x
the time of the segmentation itself); its processor gives the same sentences,
and their spans are found here by `str.find`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# Languages pysbd segments with rules of their own; others use its default rules,
# which only decide where sentences end (no scoring depends on them).
_PYSBD = {"en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl",
          "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk"}  # fmt: skip


_INNER_END = re.compile(r"[.!?…。！？;:]")
_TRAILING = ".!?…。！？\"'”’»)] \t"


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@cache
def _segmenter(language: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def sentences(text: str, language: str | None = None) -> tuple[Sentence, ...]:
    lang = language if language in _PYSBD else "en"
    segmenter = _segmenter(lang or "en")
    out: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        cursor = 0
        body = line.strip()
        if body and not _INNER_END.search(body.rstrip(_TRAILING)):
            # nothing inside the line could end a sentence: it is one (a heading, a
            # one-sentence paragraph); pysbd would say the same, at a cost
            found = line.find(body)
            out.append(Sentence(body, offset + found, offset + found + len(body)))
        elif body:
            for piece in segmenter.processor(line).process():
                body = piece.strip()
                found = line.find(body, cursor) if body else -1
                if found < 0:
                    continue  # pysbd changed the text: keep only what can be found again
                cursor = found + len(body)
                out.append(Sentence(body, offset + found, offset + cursor))
        offset += len(line) + 1
    return tuple(out)
