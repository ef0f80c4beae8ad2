"""Story beats against hand labels: pairwise precision and recall of the mentions
grouped, on the calibration stories (tests/beat_calibration.py, the ones thresholds may
be set on) and the held-out ones (tests/beat_heldout.py, never used to set anything).

Rule kept here: a pair of mentions counts once; precision is the share of grouped
pairs that share a label, recall the share of same-label pairs that were grouped.

    python -m benchmarks.eval_beats [--words] [--misses]
"""

from __future__ import annotations

import argparse
import sys

from index.analysis import group_beats
from tests.beat_calibration import CALIBRATION
from tests.beat_fixtures import Story, labelled_pairs, labels, story_articles
from tests.beat_heldout import HELDOUT


def score(name: str, story: Story, semantic: bool = True, misses: bool = False) -> list[int]:
    """[true, false, missed] pairs of the story's grouping."""
    beats = group_beats(story_articles(name, story), semantic=semantic).beats
    counts = [0, 0, 0]
    for a, b, same, grouped in labelled_pairs(story, beats):
        counts[0] += same and grouped
        counts[1] += grouped and not same
        counts[2] += same and not grouped
        if misses and (same != grouped):
            kind = "MISSED" if same else "WRONG "
            print(f"  {kind} {labels(story)[a]}/{labels(story)[b]}: {a[:70]!r} ~ {b[:70]!r}")
    return counts


def report(title: str, stories: dict[str, Story], semantic: bool, misses: bool) -> None:
    total = [0, 0, 0]
    for name, story in stories.items():
        counts = score(name, story, semantic, misses)
        total = [t + c for t, c in zip(total, counts, strict=True)]
        print(f"{title:11} {name:9} " + _pr(counts))
    print(f"{title:11} {'ALL':9} " + _pr(total))


def _pr(counts: list[int]) -> str:
    tp, fp, fn = counts
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return f"P {precision:.2f}  R {recall:.2f}  (tp {tp} fp {fp} fn {fn})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", action="store_true", help="words alone, no embeddings")
    parser.add_argument("--misses", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args(argv)
    report("calibration", CALIBRATION, not args.words, args.misses)
    report("held-out", HELDOUT, not args.words, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
