"""Shared passages between two texts, for side-by-side reading.

Rule kept here: spans are character offsets into the texts exactly as given.
Placeholder until the alignment lands: finds nothing.
"""

from __future__ import annotations

from index.models import SharedPassage


def shared_passages(left: str, right: str, min_words: int = 6) -> tuple[SharedPassage, ...]:
    """Passages `left` and `right` share, in the order they appear in `left`."""
    return ()
