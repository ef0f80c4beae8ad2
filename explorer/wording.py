"""Counts in words for the terminal: "1 quote", "8 quotes".

Rule kept here: English nouns whose plural adds an "s"; nothing from a corpus.
"""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """The number (grouped by thousands) and the noun, plural unless the number is 1."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
