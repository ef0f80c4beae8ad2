"""Quantities of sentences (index.analysis.anchors): one value however it is written,
small counts and digits inside words ignored."""

from __future__ import annotations

from index.analysis.anchors import quantities, quantity_terms, states_amounts


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


def test_a_day_of_the_year_is_a_time_not_an_amount() -> None:
    deadline = quantity_terms("Class members have until June 30 to file a claim.")
    assert deadline == {"@jun-30": 1}
    assert quantity_terms("Velmora has 30 days to file a notice of appeal.").keys() == {
        "30",
        "~3e+01",
    }
    for text in (
        "It closes on 30th of June.",
        "It closes on 30 June 2026.",
        "By Jun. 30, it shuts.",
    ):
        assert "@jun-30" in quantity_terms(text), text
    # "may" the verb is no month; "Sept." and "Dec 25th" are
    assert quantity_terms("It may 30 people affect.").keys() == {"30", "~3e+01"}
    assert {"@sep-4", "@dec-25"} <= quantity_terms("Sept. 4 and Dec 25th").keys()


def test_a_year_is_an_exact_time_that_does_not_count_against_an_amount() -> None:
    since = quantity_terms("Since 2021, its gas bill has roughly tripled.")
    assert since == {"@2021": 1}
    assert not states_amounts(since) and not states_amounts(quantity_terms("Until June 30."))
    assert states_amounts(quantity_terms("A gas bill that has tripled to 40 million."))
    assert states_amounts(quantity_terms("About 2,023 households in 2021."))


def test_a_small_count_is_told_with_what_it_counts() -> None:
    hospitals = quantity_terms("Velmora runs three hospitals and more than a dozen clinics.")
    audits = quantity_terms("The court ordered three years of security audits.")
    assert hospitals == {"@3 hospital": 1} and audits == {"@3 year": 1}
    assert quantity_terms("an audit every year for three years") == audits
    assert quantity_terms("a five-year deal") == {"@5 year": 1}
    assert not states_amounts(hospitals)  # nor does it count against another amount
    assert quantity_terms("nine in ten members").keys() == {"90", "~9e+01"}
