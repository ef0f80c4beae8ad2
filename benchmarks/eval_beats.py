"""Story beats against hand labels: pairwise precision and recall of the mentions
grouped, on the calibration stories (tests/beat_calibration.py), the ones written as a
held-out check (tests/beat_heldout.py), two longer ones written blind
(tests/beat_fresh.py), two more written blind later (tests/beat_blind.py) and the
bundled corpus (tests/beat_bundled.py, pairs of different outlets); then every labelled
story in one corpus, as a folder of many stories (two stories' sentences grouped are
false pairs). The weights were
chosen by a grid search over all of them but the last blind ones, and eight other
outlets' reports kept out of the repository (README, "Claims").

Rule kept here: a pair of mentions counts once; precision is the share of grouped
pairs that share a label, recall the share of same-label pairs that were grouped; a
sentence in two beats is grouped with each beat's mentions; a sentence in no beat (not a
claim) is grouped with none.

    python -m benchmarks.eval_beats [--words] [--misses]
"""

from __future__ import annotations

import argparse
import sys

from index import BUNDLED_CORPUS
from index.analysis import group_beats
from index.corpus import read_corpus
from tests.beat_blind import BREACH, FACTORY
from tests.beat_bundled import bundled_pairs
from tests.beat_calibration import CALIBRATION
from tests.beat_fixtures import Story, labelled_pairs, labels, story_articles
from tests.beat_fresh import FRESH
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


def report_bundled(semantic: bool, misses: bool) -> None:
    articles = list(read_corpus(BUNDLED_CORPUS).articles)
    beats = group_beats(articles, semantic=semantic).beats
    counts = [0, 0, 0]
    for a, b, same, grouped in bundled_pairs(beats):
        counts[0] += same and grouped
        counts[1] += grouped and not same
        counts[2] += same and not grouped
        if misses and same != grouped:
            print(f"  {'MISSED' if same else 'WRONG '} {a[:70]!r} ~ {b[:70]!r}")
    print(f"{'bundled':11} {'behemoth':9} " + _pr(counts))


def report_mixed(stories: dict[str, Story], semantic: bool) -> None:
    """Every labelled story in one corpus, as a folder of many stories is: the pairs of
    each story scored as alone, and every pair of two stories grouped is a false one."""
    articles, story_of = [], {}
    for name, story in stories.items():
        for article in story_articles(name, story):
            articles.append(article)
            story_of[article.id] = name
    beats = group_beats(articles, semantic=semantic).beats
    counts = [0, 0, 0]
    for name, story in stories.items():
        mine = [b for b in beats if any(story_of[m.article.id] == name for m in b.mentions)]
        for _a, _b, same, grouped in labelled_pairs(story, mine):
            counts[0] += same and grouped
            counts[1] += grouped and not same
            counts[2] += same and not grouped
    across = 0
    for beat in beats:
        told = [story_of[m.article.id] for m in beat.mentions]
        across += sum(a != b for i, a in enumerate(told) for b in told[i + 1 :])
    counts[1] += across
    print(f"{'one corpus':11} {'ALL':9} " + _pr(counts) + f"  ({across} false across stories)")


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
    report("fresh", FRESH, not args.words, args.misses)
    report("blind", {"breach": BREACH, "factory": FACTORY}, not args.words, args.misses)
    report_bundled(not args.words, args.misses)
    everything = {**CALIBRATION, **HELDOUT, **FRESH, "breach": BREACH, "factory": FACTORY}
    report_mixed(everything, not args.words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
