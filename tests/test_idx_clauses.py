"""A claim sentence joining two statements is compared as its parts, and can be a
mention of two beats; lists and short tails stay whole."""

from __future__ import annotations

from index import Article, Metadata, MetaField
from index.analysis import group_beats
from index.analysis.statements import claim_terms, clauses


def _parts(text: str, language: str = "en") -> list[str]:
    terms = claim_terms(text, language)
    assert terms is not None
    return [part for part, _terms in clauses(text, language, terms)]


def test_a_sentence_joining_two_statements_is_compared_as_its_parts() -> None:
    assert _parts(
        "The company had finished training the reactor model, but its launch was "
        "delayed after weak internal results."
    ) == [
        "The company had finished training the reactor model",
        "its launch was delayed after weak internal results.",
    ]
    assert len(_parts("The mayor must approve any change; the council meets again in June.")) == 2


def test_lists_short_tails_and_other_languages_stay_whole() -> None:
    listed = "Rivals such as Northwind, Contoso, Fabrikam, and Tailspin sell the same parts."
    assert _parts(listed) == [listed]
    short = "The vote was postponed again, but not for long."
    assert _parts(short) == [short]
    german = "Der Rat hat die Abstimmung verschoben, aber die Kosten steigen weiter stark an."
    assert _parts(german, "de") == [german]


def _article(number: int, outlet: str, text: str) -> Article:
    meta = Metadata(
        outlet=MetaField(outlet, "manifest", "confirmed"),
        language=MetaField("en", "detected", "inferred"),
    )
    return Article(f"c{number}", f"c{number}.txt", None, text, meta)


def test_a_sentence_telling_two_beats_is_a_mention_of_both() -> None:
    both = (
        "Harbour Rail finished testing its new night trains in March, but the launch of "
        "the service was delayed by a shortage of drivers."
    )
    articles = [
        _article(0, "Coast Post", both),
        _article(
            1, "Rail Desk", "Harbour Rail completed testing of the new night trains in March."
        ),
        _article(
            2,
            "City Wire",
            "The launch of the night train service was delayed by a shortage of drivers.",
        ),
    ]
    beats = group_beats(articles).beats
    holding = [b for b in beats if any(m.sentence.text == both for m in b.mentions)]
    assert len(holding) == 2
    assert {frozenset(b.outlets) for b in holding} == {
        frozenset({"Coast Post", "Rail Desk"}),
        frozenset({"Coast Post", "City Wire"}),
    }
    assert {b.label for b in holding} == {
        "Harbour Rail finished testing its new night trains in March…",
        "…the launch of the service was delayed by a shortage of drivers.",
    }


def test_the_parts_of_one_sentence_told_alike_elsewhere_are_one_beat() -> None:
    quoted = (
        '"Safety comes before throughput at this port, and we will not restart until every'
        ' crane has been certified," the port director said.'
    )
    alone = "The harbour board postponed its vote on the new ferry terminal until spring."
    articles = [
        _article(0, "Coast Post", quoted + " " + alone),
        _article(1, "Rail Desk", "Night shifts stopped on Sunday. " + quoted),
        _article(2, "City Wire", alone.replace("its vote", "the vote")),
    ]
    beats = group_beats(articles).beats
    holding = [b for b in beats if any(m.sentence.text == quoted for m in b.mentions)]
    # its two parts each grouped with the other article's copy: one beat, labelled whole
    assert len(holding) == 1
    assert holding[0].outlets == ("Coast Post", "Rail Desk")
    assert len(holding[0].mentions) == 2
    assert holding[0].label == " ".join(quoted.split()[:16]) + "…"


def test_a_list_item_is_a_claim_without_its_full_stop() -> None:
    assert claim_terms("- The harbour board postponed the vote until late next spring", "en")
    assert claim_terms("2. Port officials expect a backlog of about two weeks", "en")
    assert claim_terms("The Harbour Board Postponed Its Vote Until Spring", "en") is None
    assert claim_terms("- Postponed until spring", "en") is None  # short: not a claim
    assert claim_terms("- Will the harbour board postpone the vote until spring?", "en") is None
    articles = [
        _article(1, "Wire", "Key points:\n- The harbour board postponed the vote until spring\n"),
        _article(2, "Ledger", "The harbour board has postponed its vote until the spring.\n"),
    ]
    (beat,) = [b for b in group_beats(articles, semantic=False).beats if len(b.outlets) == 2]
    assert beat.label.startswith("The harbour board")  # the list marker is no part of it
    assert any(m.sentence.text.startswith("- The harbour") for m in beat.mentions)
    from index.analysis.claims import _label

    item = "- The harbour board postponed the vote until spring"
    assert _label(item, item) == "The harbour board postponed the vote until spring"
