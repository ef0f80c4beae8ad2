"""Outlets in tables: short headers told apart where they begin alike, and the outlets
reporting most beats where not every outlet gets a column."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index import Beat


def bare_name(outlet: str) -> str:
    """The outlet's name without a leading "The", as it is sorted and shown."""
    return outlet[4:] if outlet[:4].casefold() == "the " and len(outlet) > 4 else outlet


def column_names(outlets: list[str], width: int = 10) -> dict[str, str]:
    """A header of at most `width` cells for each outlet, told apart where their first
    letters are alike ("The Alpine Courier": "Alpine Cou"; "Alpine Dispatch Daily" and
    "Alpine Dispatch Weekly": "Alpi…Daily", "Alpi…eekly"); the full name is in the
    app's evidence panel and in the commands' JSON."""
    bare = {outlet: bare_name(outlet) for outlet in outlets}
    cut = {o: name[:width] for o, name in bare.items()}
    sharing = Counter(cut.values())
    head = (width - 1) // 2
    for outlet, name in bare.items():
        if sharing[cut[outlet]] > 1 and len(name) > width:
            cut[outlet] = f"{name[:head]}…{name[-(width - 1 - head) :]}"
    return cut


def most_reporting(outlets: Collection[str], beats: Iterable[Beat], limit: int) -> set[str]:
    """The `limit` outlets that report most of `beats` (ties by name)."""
    reported = Counter(outlet for beat in beats for outlet in beat.outlets)
    return set(sorted(outlets, key=lambda o: (-reported[o], o.casefold()))[:limit])
