"""Story beats on the larger stories: the calibration ones the thresholds were set on
(tests/beat_fixtures.py), three written as a held-out check (tests/beat_heldout.py) and
two longer ones written blind (tests/beat_fresh.py) and two more written blind later
(tests/beat_blind.py), each told by five outlets (wire copy, a rewrite, papers in their
own words). Pairwise
precision and recall of the mentions grouped stay at what was measured; quantities told
in other words join a beat; different quantities keep beats apart."""

from __future__ import annotations

import pytest

from index import BUNDLED_CORPUS, Beat
from index.analysis import group_beats, linkage
from index.corpus import read_corpus
from tests.beat_blind import BREACH, FACTORY
from tests.beat_bundled import bundled_pairs
from tests.beat_calibration import CALIBRATION
from tests.beat_fixtures import Story, beat_with, pair_counts, story_articles
from tests.beat_fresh import FRESH
from tests.beat_heldout import HELDOUT

BLIND = {"breach": BREACH, "factory": FACTORY}


@pytest.fixture(scope="module")
def grouped() -> dict[str, tuple[Beat, ...]]:
    stories = {**CALIBRATION, **HELDOUT, **FRESH, **BLIND}
    return {name: group_beats(story_articles(name, s)).beats for name, s in stories.items()}


def _precision_recall(
    stories: dict[str, Story], grouped: dict[str, tuple[Beat, ...]]
) -> tuple[float, float]:
    tp = fp = fn = 0
    for name, story in stories.items():
        t, f, n = pair_counts(story, grouped[name])
        tp, fp, fn = tp + t, fp + f, fn + n
    return tp / (tp + fp), tp / (tp + fn)


def test_pairwise_precision_and_recall(grouped: dict[str, tuple[Beat, ...]]) -> None:
    # measured: calibration 1.00 / 0.90, held-out 0.95 / 0.83 (benchmarks/eval_beats.py)
    precision, recall = _precision_recall(CALIBRATION, grouped)
    assert precision >= 0.95 and recall >= 0.84
    precision, recall = _precision_recall(HELDOUT, grouped)
    assert precision >= 0.92 and recall >= 0.78
    # written blind, longer and closer to real coverage: measured 0.91 / 0.91
    precision, recall = _precision_recall(FRESH, grouped)
    assert precision >= 0.88 and recall >= 0.85
    # written blind later: measured 0.78 / 0.88
    precision, recall = _precision_recall(BLIND, grouped)
    assert precision >= 0.73 and recall >= 0.80


def test_pairwise_precision_and_recall_on_the_bundled_corpus() -> None:
    """Real coverage, where every sentence is on one topic and outlets rewrite each other:
    far harder than the invented stories (measured 0.61 / 0.48 with a story's topic words
    weighed by their spread, 0.52 / 0.52 before; 0.28 / 0.35 with the weights the
    invented stories alone once chose)."""
    beats = group_beats(list(read_corpus(BUNDLED_CORPUS).articles)).beats
    tp = fp = fn = 0
    for _a, _b, same, together in bundled_pairs(beats):
        tp, fp, fn = (
            tp + (same and together),
            fp + (together and not same),
            fn + (same and not together),
        )
    assert tp / (tp + fp) >= 0.57 and tp / (tp + fn) >= 0.45


def test_a_quantity_in_other_words_joins_its_beat(grouped: dict[str, tuple[Beat, ...]]) -> None:
    fire, court = grouped["wildfire"], grouped["court"]
    evacuated = beat_with(fire, "About 12,000 residents were ordered to leave")
    assert evacuated is beat_with(fire, "Twelve thousand people fled")
    assert evacuated is beat_with(fire, "Evacuation orders now cover some 12,000 people")
    drivers = beat_with(court, "About 40,000 drivers work through the app")
    assert drivers is beat_with(court, "Some forty thousand people drive")
    assert drivers is beat_with(court, "Roughly 40k drivers")


def test_different_quantities_keep_beats_apart(grouped: dict[str, tuple[Beat, ...]]) -> None:
    fire, court, cuts = grouped["wildfire"], grouped["court"], grouped["layoffs"]
    earlier = beat_with(fire, "A smaller fire in 2022 burned 600 hectares")
    assert earlier.single_source
    assert earlier is not beat_with(fire, "The fire has burned more than 8,000 hectares")
    assert beat_with(court, "add 300 million euros a year") is not beat_with(
        court, "could claim up to 12,000 euros in back pay"
    )
    assert beat_with(cuts, "already cut 2,000 jobs last year") is not beat_with(
        cuts, "will cut 4,500 jobs worldwide, about 8 percent"
    )
    assert beat_with(grouped["transfer"], "The previous club record was").single_source


def test_without_quantities_the_evidence_is_missed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same story with quantities given no weight: "twelve thousand" is no longer
    told apart from the rest by its number, so the beat splits."""
    monkeypatch.setattr(linkage, "ANCHOR", 0.0)
    monkeypatch.setattr(linkage, "CONFLICT", 0.0)
    fire = group_beats(story_articles("wildfire", CALIBRATION["wildfire"])).beats
    evacuated = beat_with(fire, "About 12,000 residents were ordered to leave")
    assert evacuated is not beat_with(fire, "Twelve thousand people fled") or (
        evacuated is not beat_with(fire, "Evacuation orders now cover")
    )
