"""Frames, tone, hedging and quotes on small articles of our own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index import Article, Beat, Metadata, MetaField, ReadError
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


def test_a_cue_does_not_reach_words_of_another_meaning() -> None:
    from index.analysis.frames import load_lexicon

    frames = {f.name: f.pattern for f in load_lexicon().frames}

    def cued(frame: str, text: str) -> bool:
        pattern = frames[frame]
        return pattern is not None and pattern.search(text) is not None

    assert cued("Economic", "Investors pulled out and the insurer raised its premiums.")
    assert not cued("Economic", "Police opened an investigation into the crash.")
    assert not cued("Economic", "Insurgents attacked the convoy at dawn.")
    assert cued("Morality", "It is a moral failure.")
    assert not cued("Morality", "Staff morale has never been lower.")
    assert not cued("Health and safety", "She waited patiently for the results.")


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


def test_a_word_or_two_in_quote_marks_is_a_quote_only_with_its_speaker() -> None:
    def found(text: str) -> list[tuple[str, str | None]]:
        return [(q.text, q.speaker) for q in find_quotes([article("a", text)])]

    assert found('Ortiz said the plan was "unchanged".') == [("unchanged", "Ortiz")]
    assert found('A spokesperson for the port said the schedule was "unchanged".') == [
        ("unchanged", "A spokesperson for the port")
    ]
    assert found('- Company spokesperson insists the stance remains "unchanged"') == [
        ("unchanged", "Company spokesperson")
    ]
    assert found(
        'It needs approval from CEO Dana Ruiz, who has so far maintained that the plan is "on'
        ' track".'
    ) == [("on track", "CEO Dana Ruiz")]
    # scare quotes, a term, a pronoun's word: nobody's quote
    assert found('Behemoth, a "frontier" model, was paused.') == []
    assert found('It was called "superintelligence" by many.') == []
    assert found('"Fine," she said.') == []


def test_the_same_short_quote_given_to_two_speakers_about_one_thing_is_flagged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from index.analysis import quotes as quotes_module

    articles = [
        article("a", 'Mark Zuckerberg has maintained that the stance on open models remains'
                ' "unchanged."', outlet="A"),
        article("b", '- Company spokesperson insists the open models stance remains'
                ' "unchanged"', outlet="B"),
        article("c", 'A spokesman for the company told reporters the stance on open models'
                ' was "unchanged".', outlet="C"),
        # the same word, another story
        article("d", 'Coach Lee Park said the team for the cup final was "unchanged".',
                outlet="D"),
    ]  # fmt: skip
    conflicts = {q.article.id: sorted(a.id for _, a in q.conflict) for q in find_quotes(articles)}
    # the spokesperson and the spokesman are one unnamed speaker of the company
    assert conflicts == {"a": ["b", "c"], "b": ["a"], "c": ["a"], "d": []}
    # words that more quotes give than a common phrase's count: never flagged
    monkeypatch.setattr(quotes_module, "_COMMON_PHRASE", 3)
    assert all(not q.conflict for q in find_quotes(articles))


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


def dated(ident: str, text: str, outlet: str, date: str) -> Article:
    made = article(ident, text, outlet=outlet)
    return replace(made, meta=replace(made.meta, date=MetaField(date, "feed", "confirmed")))


# An invented story told by four outlets in their own words; the last copies the first.
_WIRE_LEAD = (
    "Norvik Motors is weighing a pivot to a closed licensing approach for its battery designs, "
    "people familiar with the matter said. "
    "The company has postponed the launch of its Tarn electric truck after disappointing "
    "winter tests."
)
NORVIK = [
    dated(
        "fjord",
        _WIRE_LEAD + "\nAny change to the licensing policy would need the approval of board chair "
        "Ingrid Solberg.\nA Norvik spokesperson said the company remains committed to sharing its "
        "research with partners.",
        "Fjord Wire",
        "2025-05-01",
    ),
    dated(
        "ledger",
        "Executives at Norvik Motors are discussing abandoning the open licence that lets rivals "
        "copy its battery designs.\nThe launch of the Tarn truck has been pushed back after it "
        "performed poorly in cold-weather tests.\nChair Ingrid Solberg has the final say on any "
        "shift in the licensing strategy.\nNorvik has also been hiring battery engineers with "
        "signing bonuses worth up to two million crowns.",
        "Auto Ledger",
        "2025-05-02",
    ),
    dated(
        "review",
        "Norvik Motors may stop licensing its battery designs openly to rivals, according to two "
        "executives.\nEngineers were offered signing bonuses of two million crowns to join the "
        "carmaker.\nThe carmaker's spokesperson said its research would remain open to partners.\n"
        "A football club in Tromso won its first league title this weekend after a dramatic "
        "final match.",
        "Nordic Tech Review",
        "2025-05-02",
    ),
    dated(
        "copydesk",
        "From the wires. " + _WIRE_LEAD + "\nShares of the carmaker fell four percent in Oslo "
        "trading on Thursday after the report.",
        "Copy Desk",
        "2025-05-03",
    ),
]


def _beat_with(beats: tuple[Beat, ...], *words: str) -> Beat:
    found = [b for b in beats if any(all(w in m.sentence.text for w in words) for m in b.mentions)]
    assert len(found) == 1, f"{words}: in {len(found)} beats"
    return found[0]


def test_beats_of_a_story_told_in_other_words() -> None:
    beats = find_beats(NORVIK)
    pivot = _beat_with(beats, "weighing a pivot")
    assert pivot is _beat_with(beats, "discussing abandoning")
    assert pivot is _beat_with(beats, "stop licensing")
    assert set(pivot.outlets) == {"Fjord Wire", "Auto Ledger", "Nordic Tech Review", "Copy Desk"}
    delay = _beat_with(beats, "postponed the launch")
    assert delay is _beat_with(beats, "pushed back")
    approval = _beat_with(beats, "approval of board chair")
    assert approval is _beat_with(beats, "final say")
    assert approval is not pivot and approval is not delay
    spokesperson = _beat_with(beats, "remains committed")
    assert spokesperson is _beat_with(beats, "remain open to partners")
    bonuses = _beat_with(beats, "signing bonuses worth")
    assert set(bonuses.outlets) == {"Auto Ledger", "Nordic Tech Review"}
    shares = _beat_with(beats, "Shares of the carmaker")
    assert shares.single_source and shares.outlets == ("Copy Desk",)
    football = _beat_with(beats, "football club")
    assert football.single_source and football.outlets == ("Nordic Tech Review",)
    for beat in beats:
        for mention in beat.mentions:
            sentence = mention.sentence
            assert mention.article.text[sentence.start : sentence.end] == sentence.text


def test_one_sentence_sharing_words_with_two_beats_does_not_join_them() -> None:
    stadium = [
        article(
            "p",
            "The council approved a new budget for the stadium roof on Monday evening.",
            outlet="P",
        ),
        article(
            "q",
            "Councillors passed the budget for the stadium roof on Monday after a long debate.",
            outlet="Q",
        ),
        article(
            "u", "The stadium roof budget was approved by the council on Monday night.", outlet="U"
        ),
    ]
    bridge = article(
        "r", "The stadium roof budget also pushed back the school lunch programme until autumn.",
        outlet="R",
    )  # fmt: skip
    lunch = [
        article(
            "s",
            "Parents learned that the school lunch programme is pushed back until autumn.",
            outlet="S",
        ),
        article(
            "t",
            "The school lunch programme will not start before autumn, parents were told.",
            outlet="T",
        ),
        article(
            "v", "Parents were told the school lunch programme now starts in autumn.", outlet="V"
        ),
    ]
    beats = find_beats([*stadium, bridge, *lunch])
    roof = _beat_with(beats, "stadium roof on Monday evening")
    meals = _beat_with(beats, "will not start before autumn")
    assert roof is not meals
    assert {"P", "Q", "U"} <= set(roof.outlets) and {"S", "T", "V"} <= set(meals.outlets)


def test_reuse_direction_and_passages_on_the_invented_story() -> None:
    result = find_reuse(NORVIK)
    (pair,) = [p for p in result.pairs if {p.source.id, p.target.id} == {"fjord", "copydesk"}]
    assert (pair.source.id, pair.target.id) == ("fjord", "copydesk")
    assert pair.direction == "earlier-to-later" and pair.date_confidence == "confirmed"
    for passage in pair.passages:
        copied = pair.source.text[passage.left.start : passage.left.end]
        assert copied in pair.target.text
    assert all({p.source.id, p.target.id} != {"ledger", "review"} for p in result.pairs)


def test_reuse_candidates_from_cached_signatures_on_a_large_corpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from index.analysis import article_facts
    from index.analysis import reuse as reuse_module

    monkeypatch.setattr(reuse_module, "_ALL_PAIRS_UP_TO", 1)  # the LSH path, as above 300
    facts = [article_facts(a) for a in NORVIK]
    result = find_reuse(NORVIK, facts)
    assert [(p.source.id, p.target.id) for p in result.pairs] == [("fjord", "copydesk")]
    assert result == find_reuse(NORVIK)
    unsigned = [article_facts(a, signature=False) for a in NORVIK]  # worked out when needed
    assert find_reuse(NORVIK, unsigned) == result


def test_partial_quote_inside_the_attribution_names_its_speaker() -> None:
    from index.analysis.speakers import speaker_of

    def speaker(text: str) -> str | None:
        start = text.index('"') + 1
        return speaker_of(text, start, text.index('"', start))

    assert speaker('Mayor Lena Ortiz said the project "remains our top priority".') == (
        "Mayor Lena Ortiz"
    )
    assert speaker('Brandt told the paper the plan "was a failure of planning".') == "Brandt"
    # a sentence between the attribution and the quote: nobody is named
    assert speaker('Ortiz said no. Later "the plan was dropped for good" came out.') is None


def test_a_role_before_the_name_and_a_quote_s_paragraph_name_its_speaker() -> None:
    from index.analysis.quotes import attributed_quotes

    def speakers(text: str) -> list[str | None]:
        return [speaker for _, _, speaker in attributed_quotes(text)]

    assert speakers('"We won a fair deal," union president Dana Whitlock told reporters.') == [
        "Dana Whitlock"
    ]
    assert speakers('"The port reopens today," said harbour master Ines Brook.') == ["Ines Brook"]
    # a second quote of the paragraph, unattributed or given to a pronoun: the same speaker
    assert speakers(
        '"We won a fair deal," said Dana Whitlock. "Nobody wanted this strike, but we held out."'
        ' "The members voted by a wide margin," she said.'
    ) == ["Dana Whitlock", "Dana Whitlock", "Dana Whitlock"]
    # someone else named between the two quotes: the pronoun may be theirs, nobody is named
    assert speakers(
        'Whitlock said: "The deal is done and signed."\n\nThe judge disagreed. "This ruling'
        ' is final and binding," she said.'
    ) == ["Whitlock", None]
    assert speakers(
        '"We won a fair deal," said Dana Whitlock. Mayor Ruiz was less sure. "It settles'
        ' nothing at all," she said.'
    ) == ["Dana Whitlock", None]
    # what the attribution says of the speaker names no one else
    assert speakers(
        '"We won a fair deal," said Dana Whitlock, president of the Westmere Dockworkers'
        ' Union. "Nobody wanted this strike, but we held out."'
    ) == ["Dana Whitlock", "Dana Whitlock"]
    assert speakers(
        '"We won a fair deal," said Dana Whitlock. "The vote was never in doubt." Mayor Ruiz'
        ' was less sure. "It settles nothing at all," she said.'
    ) == ["Dana Whitlock", "Dana Whitlock", None]
    # a name ends where its sentence does, not at a title's full stop
    assert speakers('"We have a deal here today," said Dr. Ana Ruiz. Talks ran late.') == [
        "Dr. Ana Ruiz"
    ]
    # a pronoun opening the next paragraph: the speaker of the quote just before
    assert speakers(
        'Whitlock said: "The deal is done and signed."\n\n"Now we go back to work," she said.'
    ) == ["Whitlock", "Whitlock"]
    # an unattributed quote in another paragraph, or a pronoun two paragraphs on: nobody
    assert speakers(
        'Whitlock said: "The deal is done and signed."\n\n"A strike nobody wanted" is over.'
        '\n\nThe vote came late.\n\n"We were tired of it all," he said.'
    ) == ["Whitlock", None, None]
    # the body the role belongs to comes first
    assert speakers(
        '"We are working around the clock," Lorrimer Water Authority director Dana Whitfield'
        " said at a news conference."
    ) == ["Dana Whitfield"]
    # the subject did something, then spoke: a full name opening the sentence
    assert speakers(
        "Mayor Greg Tolliver asked residents to check on elderly neighbors and said the city"
        ' would "not cut corners" on testing.'
    ) == ["Mayor Greg Tolliver"]
    assert speakers(
        "Dana Whitfield, who leads the water authority, apologized for the disruption and said"
        ' crews were working "around the clock."'
    ) == ["Dana Whitfield"]
    assert speakers('"We need the water back," said Kessler Road resident Tasha Greer.') == [
        "Tasha Greer"
    ]
    # what the attribution says of the speaker between commas, "adding:", other verbs
    assert speakers('Mr Birch, now 64, said he felt "sick to the stomach" when he heard.') == [
        "Mr Birch"
    ]
    assert speakers(
        'Director Helen Marsh said staff were heartbroken, adding: "It belongs to the people'
        ' of this town."'
    ) == ["Director Helen Marsh"]
    assert speakers('Avonshire Police described the raid as "targeted and carefully planned".') == [
        "Avonshire Police"
    ]
    assert speakers('"We will rebuild the town," warned Mayor Ana Ruiz.') == ["Mayor Ana Ruiz"]
    # who the speaker is, then their name; and the languages besides English
    assert speakers(
        '"We are working around the clock," said the director of the water authority, Dana'
        " Whitfield."
    ) == ["Dana Whitfield"]
    assert speakers(
        '"Wir arbeiten rund um die Uhr", sagte die Direktorin der Wasserbehörde, Dana Whitfield.'
    ) == ["Dana Whitfield"]
    assert speakers(
        "« Nous travaillons jour et nuit », a déclaré la directrice, Élodie Martin."
    ) == ["Élodie Martin"]
    assert speakers('"Trabajamos sin descanso", dijo Ana Ruiz.') == ["Ana Ruiz"]
    assert speakers('Laut Dana Whitfield: "Wir arbeiten rund um die Uhr."') == ["Dana Whitfield"]
    # a capitalised word opening a sentence is no name; nor one that does not open it
    assert speakers(
        'Residents of Lorrimer asked for answers and said the city would "not cut corners".'
    ) == [None]
    assert speakers(
        'Yesterday the water in Lorrimer ran brown and said nothing "about the cut corners".'
    ) == [None]
    # words that open another phrase are not a role: no speaker is made of a weekday
    assert speakers('"Cargo will move again soon," said on Monday the harbour office.') == [None]
    assert speakers('"Cargo will move again soon," he said.') == [None]


_STRIKE = (
    "Dock workers at Port Halvard walked off the job on Tuesday morning, halting container "
    "traffic at the harbour in protest at a plan to replace crane operators with remote systems."
)


def test_reuse_orders_a_same_day_pair_by_the_instant_across_time_zones() -> None:
    # 23:30 in New York is 04:30 the next day in UTC: later than 02:00 UTC that day
    wire = dated("wire", _STRIKE + " More later.", "Wire", "2026-03-04T02:00:00+00:00")
    copy = dated("copy", "Local view. " + _STRIKE, "Copy", "2026-03-03T23:30:00-05:00")
    (pair,) = find_reuse([copy, wire]).pairs
    assert (pair.source.id, pair.target.id, pair.direction) == ("wire", "copy", "earlier-to-later")


def test_reuse_credited_when_the_dates_do_not_tell() -> None:
    wire = dated("wire", _STRIKE, "Northern Wire", "2026-03-03")
    copy = dated("copy", _STRIKE + " The Northern Wire news agency first reported the walkout.",
                 "Coastal Courier", "2026-03-03")  # fmt: skip
    (pair,) = find_reuse([copy, wire]).pairs
    assert (pair.source.id, pair.target.id, pair.direction) == ("wire", "copy", "credited")
    both = dated("both", _STRIKE + " Coastal Courier readers wrote in.", "Northern Wire",
                 "2026-03-03")  # fmt: skip
    (unsure,) = find_reuse([copy, both]).pairs
    assert unsure.direction == "unknown"  # each names the other: no evidence either way


def test_a_surname_speaker_takes_the_full_name_the_article_gives() -> None:
    first = article(
        "a",
        'The port director, Tomas Vinter, met the union. "Every operator will be retrained," '
        'Vinter said. Tomas Vinter spoke first. "We will keep talking to them," Tomas said.',
        outlet="A",
    )
    second = article("b", '"Every operator will be retrained," said Vinter.', outlet="B")
    third = article(
        "c",
        'Later Smith arrived. "Every operator will be retrained," Smith said.',
        outlet="C",
    )
    quotes = {(q.article.id, q.text): q for q in find_quotes([first, second, third])}
    assert quotes[("a", "Every operator will be retrained,")].speaker == "Tomas Vinter"
    # named at a sentence's start only ("Later Smith"): no evidence of a given name
    assert quotes[("c", "Every operator will be retrained,")].speaker == "Smith"
    # "Vinter" in one article and "Tomas Vinter" in another are one speaker, not a conflict
    given_to = {s for s, _ in quotes[("a", "Every operator will be retrained,")].conflict}
    assert given_to == {"Smith"}


def test_unnamed_speakers_and_long_appositions_name_the_speaker() -> None:
    from index.analysis.quotes import attributed_quotes

    def speakers(text: str) -> list[str | None]:
        return [speaker for _, _, speaker in attributed_quotes(text)]

    assert speakers(
        "Doreen Makepeace, chair of the Kiln and Allied Workers' Union branch at the site,"
        ' said: "This is a betrayal of the people who kept it going."'
    ) == ["Doreen Makepeace"]
    assert speakers('"It left the door open to attackers," the judge wrote.') == ["the judge"]
    assert speakers(
        '"You just sat there in silence," one worker, who did not want to be named, told Northway.'
    ) == ["one worker"]
    # a role before "said" is still not taken for the name that closes the sentence
    assert speakers('"We are on it," said the director of the authority, Dana Whitfield.') == [
        "Dana Whitfield"
    ]


def test_a_role_is_the_same_speaker_as_the_name_it_titles() -> None:
    words = '"Velmora did not lose a battle against an unbeatable adversary," '
    articles = [
        article("a", words + "the judge wrote.", outlet="A"),
        article("b", words + "Judge Miriam Castellane wrote.", outlet="B"),
        article("c", words + "lawyer Rafael Osei said.", outlet="C"),
    ]
    by_article = {q.article.id: q for q in find_quotes(articles)}
    assert by_article["a"].speaker == "the judge"  # article a names no judge
    assert [s for s, _a in by_article["a"].conflict] == ["Rafael Osei"]
    assert [s for s, _a in by_article["b"].conflict] == ["Rafael Osei"]


def test_a_role_is_the_one_person_the_article_titles_so() -> None:
    from index.analysis.speakers import full_name

    text = "Judge Miriam Castellane ruled on Friday. Judge Castellane said more."
    assert full_name(text, "the judge") == "Judge Miriam Castellane"
    # two mayors, or none: the role stays as written
    assert full_name("Mayor Greg Tolliver met Mayor Ann Bell.", "the mayor") == "the mayor"
    assert full_name("The spokesperson declined.", "the spokesperson") == "the spokesperson"


def test_a_full_name_opening_a_sentence_counts_when_an_apposition_follows() -> None:
    from index.analysis.speakers import full_name

    text = 'Gwen Tallis, a 67-year-old retired teacher, sued. "It hurt," Tallis said.'
    assert full_name(text, "Tallis") == "Gwen Tallis"
    # any word opening a sentence is capitalised: "Yesterday" is no given name
    assert full_name('Yesterday Tallis sued. "It hurt," Tallis said.', "Tallis") == "Tallis"


def test_only_a_role_is_the_same_speaker_as_a_name_it_opens() -> None:
    from index.analysis.speakers import same_speaker

    assert same_speaker("judge", "judge miriam castellane")
    assert same_speaker("castellane", "miriam castellane")
    # a given name alone is not the person whose name it opens
    assert not same_speaker("dana", "dana whitlock")
