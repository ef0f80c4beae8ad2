"""Frames, tone, hedging and quotes on small articles of our own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index import Article, Metadata, MetaField, ReadError
from index.analysis import (
    analyse_frames,
    find_beats,
    find_quotes,
    find_reuse,
    load_lexicon,
    sentences,
)


def article(ident: str, text: str, language: str | None = "en", outlet: str = "") -> Article:
    meta = Metadata(
        outlet=MetaField(outlet or ident, "manifest", "confirmed"),
        language=MetaField(language, "detected", "inferred"),
    )
    return Article(ident, f"{ident}.txt", None, text, meta)


def test_sentences_keep_their_spans() -> None:
    text = "Heading line\nDr. Smith said it works. It costs $5.5 billion! Does it?\n- a bullet"
    found = sentences(text, "en")
    assert [s.text for s in found] == [
        "Heading line", "Dr. Smith said it works.", "It costs $5.5 billion!", "Does it?",
        "- a bullet",
    ]  # fmt: skip
    for sentence in found:
        assert text[sentence.start : sentence.end] == sentence.text


def test_frames_are_scored_with_their_evidence() -> None:
    text = (
        "The company expects revenue to fall as costs rise.\n"
        "Investors sold shares on Monday.\n"
        "Regulators in Brussels opened a review of the deal.\n"
        "The weather was fine."
    )
    (result,) = analyse_frames([article("a", text)])
    assert result.scored and result.primary == "Economic"
    scores = {s.frame: s for s in result.scores}
    assert scores["Economic"].score == 0.5
    assert [s.text for s in scores["Economic"].evidence] == [
        "The company expects revenue to fall as costs rise.",
        "Investors sold shares on Monday.",
    ]
    assert scores["External regulation and reputation"].evidence[0].text.startswith("Regulators")
    assert result.tone is not None and -1 <= result.tone <= 1


def test_an_uncovered_language_is_not_scored_as_english() -> None:
    (german,) = analyse_frames([article("de", "Die Kosten steigen, sagte der Minister.", "de")])
    assert not german.scored and german.primary is None and german.scores == ()
    assert "de" in german.reason and german.tone is None
    (unknown,) = analyse_frames([article("x", "Costs rise.", None)])
    assert not unknown.scored


def test_hedges_are_counted_with_their_sentences() -> None:
    (result,) = analyse_frames(
        [article("h", "The plan may change. It reportedly stalled. It is done.")]
    )
    assert [s.text for s in result.hedges] == ["The plan may change.", "It reportedly stalled."]


def test_a_users_own_lexicon(tmp_path: Path) -> None:
    own = tmp_path / "mine.toml"
    own.write_text(
        'languages = ["en", "de"]\n[frames.weather]\nname = "Weather"\nletter = "W"\n'
        'cues = ["rain*", "regen*"]\n',
        encoding="utf-8",
    )
    lexicon = load_lexicon(own)
    (result,) = analyse_frames([article("d", "Es hat geregnet. Morgen Regen.", "de")], lexicon)
    assert result.scored and result.primary == "Weather"
    bad = tmp_path / "bad.toml"
    bad.write_text("frames = 3\n", encoding="utf-8")
    with pytest.raises(ReadError, match="bad.toml"):
        load_lexicon(bad)


def test_quotes_speakers_and_conflicts() -> None:
    articles = [
        article(
            "a", 'Zuckerberg said: "We will keep releasing open models for everyone."', outlet="A"
        ),
        article(
            "b",
            '"We will keep releasing open models for everyone," a company spokesperson told reporters.',
            outlet="B",
        ),
        article(
            "c", 'According to Jane Roe, "the plan is dead in the water now." She left.', outlet="C"
        ),
        article("d", 'It was "a big day" and "nothing else".', outlet="D"),
    ]
    quotes = find_quotes(articles)
    by_article = {q.article.id: q for q in quotes}
    assert by_article["a"].speaker == "Zuckerberg"
    assert by_article["b"].speaker == "a company spokesperson"
    assert by_article["c"].speaker == "Jane Roe"
    assert [(s, a.id) for s, a in by_article["a"].conflict] == [("a company spokesperson", "b")]
    assert by_article["c"].conflict == ()
    assert "d" not in by_article or by_article["d"].speaker is None
    for quote in quotes:
        assert quote.article.text[quote.start : quote.end] == quote.text


def test_the_same_beat_in_different_words_is_one_beat() -> None:
    articles = [
        article(
            "a",
            "The city council voted on Tuesday to close the old harbour bridge to cars.\n"
            "The mayor said the repairs would cost four million euros next year.",
            outlet="A",
        ),
        article(
            "b",
            "Councillors decided on Tuesday that cars may no longer cross the old harbour bridge.\n"
            "A local bakery won a national prize for its rye bread this weekend.",
            outlet="B",
        ),
        article(
            "c",
            "Cars are banned from the harbour bridge after a council vote on Tuesday.\n"
            "Repairs to the bridge will cost the city four million euros, the mayor said.",
            outlet="C",
        ),
    ]
    beats = find_beats(articles)
    bridge = next(b for b in beats if "bridge" in b.label and len(b.outlets) >= 2)
    assert set(bridge.outlets) >= {"A", "C"}
    bakery = next(b for b in beats if "bakery" in b.label)
    assert bakery.single_source and bakery.outlets == ("B",)
    for beat in beats:
        for mention in beat.mentions:
            assert (
                mention.article.text[mention.sentence.start : mention.sentence.end]
                == mention.sentence.text
            )


def test_reuse_finds_the_copied_passage_and_its_direction() -> None:
    original = (
        "The harbour authority confirmed on Monday that the ferry to the island will stop "
        "running in winter because the old pier can no longer carry the new boats safely."
    )
    early = article("early", original + " Locals were angry.", outlet="Wire")
    late = article("late", "In other news. " + original + " More soon.", outlet="Copy")
    early = replace(
        early, meta=replace(early.meta, date=MetaField("2025-01-01", "feed", "confirmed"))
    )
    late = replace(late, meta=replace(late.meta, date=MetaField("2025-01-03", "feed", "inferred")))
    other = article(
        "other", "A completely different story about mountain goats and their kids in spring."
    )
    result = find_reuse([late, other, early])
    (pair,) = result.pairs
    assert (pair.source.id, pair.target.id) == ("early", "late")
    assert pair.direction == "earlier-to-later" and pair.date_confidence == "inferred"
    assert pair.shared_words >= 25
    passage = pair.passages[0]
    assert early.text[passage.left.start : passage.left.end].startswith("The harbour authority")
    assert result.groups and {a.id for a in result.groups[0]} == {"early", "late"}
