"""Quantities of sentences (index.analysis.anchors): one value however it is written,
small counts and digits inside words ignored."""

from __future__ import annotations

from index.analysis.anchors import quantities, quantity_terms


def test_a_value_is_one_value_however_written() -> None:
    for text in (
        "About 40,000 drivers work through the app.",
        "Some forty thousand people drive for the platform.",
        "Roughly 40k drivers are covered by the decision.",
    ):
        assert quantities(text) == {40_000.0}, text
    assert quantities("Profit fell 38 percent to 1.2 billion dollars.") == {38.0, 1.2e9}
    assert quantities("The company's stock dropped six percent.") == {6.0}
    assert quantities("At least forty-five homes were lost.") == {45.0}


def test_small_counts_and_parts_of_words_are_not_quantities() -> None:
    assert quantities("One of the two teams has not yet played.") == frozenset()
    assert quantities("Someone left the stone at the tone.") == frozenset()
    assert quantities("The A380 landed.") == frozenset()


def test_one_value_is_one_term() -> None:
    assert quantity_terms("1.2 billion dollars") == quantity_terms("1,200 million dollars")
    assert quantity_terms("8,000 hectares") != quantity_terms("600 hectares")
    assert quantity_terms("Twelve thousand people fled.") == {"1.2e+04": 1, "~1e+04": 1}


def test_a_share_in_words_is_a_percentage_close_to_its_figure() -> None:
    nine_in_ten, figure = quantity_terms("nine in ten members"), quantity_terms("87 percent")
    assert "90" in nine_in_ten and set(nine_in_ten) & set(figure) == {"~9e+01"}
    assert "0.1" not in quantity_terms("2 in 2022")
