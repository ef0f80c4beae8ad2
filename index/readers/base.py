"""What a format reader hands back: the text of each article in a file and
the metadata values the file itself states.

Rule kept here: readers only extract; deciding between candidate values,
inferring the missing ones and giving ids is `index.corpus`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """A value for one metadata field, proposed by one source."""

    field: str  # one of models.META_FIELDS
    value: str
    source: str  # one of the models.SOURCE_* names
    confidence: str  # models.CONFIRMED or models.INFERRED
    note: str = ""


@dataclass(frozen=True)
class Extracted:
    """One article as a reader found it."""

    text: str  # decoded text (newlines normalised); chrome already removed for HTML/feeds
    entry: int | None = None  # position inside a multi-article file
    candidates: tuple[Candidate, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # keys no field takes (unknown front matter ...)
    plain: bool = False  # raw text (plain text, Markdown body): page chrome may surround it


@dataclass(frozen=True)
class FileContent:
    """Everything read from one file; `warnings` are one-line problems that did not stop it."""

    articles: tuple[Extracted, ...]
    warnings: tuple[str, ...] = ()
