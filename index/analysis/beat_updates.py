"""Story beats kept up to date as articles come and go, instead of grouped again
whole: grouping 10,000 articles' claim sentences takes minutes, a changed file should
not.

The grouping of the last run is kept (`Grouping`: each article's statements' beats,
each beat's label and method). On the next run the statements of the articles kept
start in their beats, those of removed articles leave them, and only the new
articles' statements are paired with the corpus and joined by the usual average
linkage (`index.analysis.grouping`). The result can differ from grouping the corpus
whole: a beat whose only bridging sentence left stays one beat, and weights of words
follow the corpus as it is now only for the pairs worked out now. So once the
articles added or removed since the last whole grouping pass REGROUP_SHARE of the
corpus, the corpus is grouped whole again.

Rule kept here: a grouping is used only where it fits (the same way of cutting and
comparing statements, and each kept article with as many statements as before);
anything else groups the corpus whole.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.analysis.claims import Beats, Units
    from index.models import Article

REGROUP_SHARE = 0.1  # articles added or removed, as a share of the corpus, before a regroup


@dataclass(frozen=True)
class Grouping:
    """How beats were grouped: for each article (by id) the beat of each of its
    statements (a position in `labels`), each beat's label and method, whether
    sentences were cut into clauses and compared by meaning, and how many articles
    came or went since the corpus was last grouped whole."""

    units: dict[str, tuple[int, ...]]
    labels: tuple[str, ...]
    methods: tuple[str, ...]
    split: bool
    by_meaning: bool
    changed: int


@dataclass(frozen=True)
class Plan:
    """What an update regroups: the statements to pair (`fresh`, ascending), the beats
    the others start in, and a lookup of the label and method of a beat left as it was."""

    fresh: Any  # numpy int64 array
    start: list[list[int]]
    known: Callable[[list[int]], tuple[str, str] | None]
    changed: int


def empty(articles: Sequence[Article], split: bool) -> Grouping:
    return Grouping({a.id: () for a in articles}, (), (), split, False, 0)


def plan(
    previous: Grouping | None, articles: Sequence[Article], units: Units, by_meaning: bool
) -> Plan | None:
    """How to update `previous` to these articles, or None to group them whole."""
    import numpy as np

    if previous is None or (previous.split, previous.by_meaning) != (units.split, by_meaning):
        return None
    present = {a.id for a in articles}
    added = sum(1 for a in articles if a.id not in previous.units)
    removed = sum(1 for known in previous.units if known not in present)
    changed = previous.changed + added + removed
    if changed > REGROUP_SHARE * len(articles):
        return None
    counts = Counter(units.owners)
    start: dict[int, list[int]] = defaultdict(list)
    was: dict[int, int] = {}  # statement -> its beat before
    fresh: list[int] = []
    unit = 0
    for number, article in enumerate(articles):
        count = counts.get(number, 0)
        before = previous.units.get(article.id)
        if before is not None and len(before) == count:
            for offset, beat in enumerate(before):
                start[beat].append(unit + offset)
                was[unit + offset] = beat
        else:
            fresh.extend(range(unit, unit + count))
        unit += count
    sizes = Counter(beat for beats in previous.units.values() for beat in beats)

    def known(members: list[int]) -> tuple[str, str] | None:
        beats = {was.get(i, -1) for i in members}
        if len(beats) != 1 or -1 in beats:
            return None
        (beat,) = beats
        if sizes[beat] != len(members):
            return None
        return previous.labels[beat], previous.methods[beat]

    return Plan(np.asarray(fresh, dtype=np.int64), list(start.values()), known, changed)


def grouping(
    articles: Sequence[Article],
    units: Units,
    beats: Beats,
    assignment: list[int],
    changed: int,
) -> Grouping:
    """The grouping to keep for the next update."""
    per_article: dict[str, list[int]] = {a.id: [] for a in articles}
    for i, owner in enumerate(units.owners):
        per_article[articles[owner].id].append(assignment[i])
    return Grouping(
        {aid: tuple(found) for aid, found in per_article.items()},
        tuple(b.label for b in beats.beats),
        tuple(b.method for b in beats.beats),
        units.split,
        beats.method == "combined",
        changed,
    )
