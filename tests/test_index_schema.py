"""The schema and its analysis: tokens with offsets into the display text, CJK
bigrams, each language stemmed only by its own stemmer."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.analysis import StemFilter

from index import Library
from index import schema as sf
from index.analyzers import stem_analyzer, word_analyzer
from index.tokens import token_tuples, word_tokens


def md(path: Path, body: str, **meta: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def test_tokens_keep_offsets_into_the_display_text() -> None:
    text = "Ｍｅｔａ’s ÉTÉ Straße—Superintelligence Lab, 2025"
    tokens = list(word_tokens(text))
    assert [t.text for t in tokens] == ["meta", "s", "été", "strasse", "superintelligence",
                                        "lab", "2025"]  # fmt: skip
    for token in tokens:
        assert word_tokens(text[token.start : token.end]).__next__().text == token.text


def test_cjk_runs_become_bigrams_and_single_characters() -> None:
    text = "AI開発 と 开源模型"
    indexed = [(t.text, text[t.start : t.end]) for t in word_tokens(text)]
    for gram in ("開発", "开源", "源模", "模型", "と", "開", "源"):
        assert gram in {t for t, _ in indexed}
    assert all(token == shown.casefold() for token, shown in indexed)
    assert [t.text for t in word_tokens("开源模型", "query")] == ["开源", "源模", "模型"]


def test_whoosh_analyzer_reports_the_same_offsets() -> None:
    text = "Die Häuser in Berlin, 開発"
    ours = [(t.text, t.start, t.end) for t in word_tokens(text)]
    whoosh = [(t.text, t.startchar, t.endchar) for t in word_analyzer()(text, chars=True)]
    assert ours == whoosh


def test_a_text_without_cjk_gives_the_words_a_cjk_text_gives_for_it() -> None:
    words = "Die Häuser in Berlin: Ｍｅｔａ’s 2025 plan_b"
    plain = [(t.text, t.start, t.end, t.pos) for t in word_tokens(words)]
    mixed = list(word_tokens(words + " 開発"))  # the path that looks for CJK runs
    assert plain == [(t.text, t.start, t.end, t.pos) for t in mixed if not t.cjk]
    assert [t.text for t in mixed if t.cjk] == ["開", "開発", "発"]


def test_a_long_body_cut_once_feeds_both_fields_the_same_tokens() -> None:
    body = "The harbour authorities were modelling the models of the harbours. " * 8
    fresh = [(text, pos) for text, _start, _end, pos, _cjk in token_tuples(body)]
    first = [(t.text, t.pos) for t in word_analyzer()(body, positions=True)]
    again = [(t.text, t.pos) for t in word_analyzer()(body, positions=True)]
    assert first == again == fresh
    stemmed = [t.text for t in stem_analyzer("en")(body)]
    whoosh = [t.text for t in (word_analyzer() | StemFilter(lang="en"))(body + " ")]
    assert stemmed == whoosh and stemmed[:6] == ["the", "harbour", "author", "were", "model", "the"]
    query = [t.text for t in word_analyzer()(body, mode="query")]
    assert query == [text for text, _pos in first]


def test_stemmers_are_per_language() -> None:
    english = [t.text for t in stem_analyzer("en")("models modeling")]
    german = [t.text for t in stem_analyzer("de")("Häuser Modelle")]
    assert english[0] == "model"
    assert german[0] == "haus"


def test_schema_spells_a_stemmed_field_for_the_main_languages() -> None:
    schema = sf.build_schema()
    for lang in ("en", "de", "fr", "es", "it", "pt", "nl", "ru"):
        assert sf.stemmed_body(lang) in schema.names()
    assert {sf.ID_FIELD, sf.OUTLET, sf.OUTLET_KEY, sf.DAY_NUMBER, sf.DATE_ORDER} <= set(
        schema.names()
    )
    assert isinstance(sf.SCHEMA_VERSION, int)


@pytest.fixture()
def library(tmp_path: Path) -> Library:
    root = tmp_path / "corpus"
    md(root / "de.md", "Die Häuser in Berlin sind teuer geworden, sagen die Makler der Stadt.",
       title="Mieten", outlet="Stadtblatt", date="2025-07-15", language="de")  # fmt: skip
    md(root / "en.md", "The models were trained on houses and the house market of the city.",
       title="Models", outlet="City Post", date="2025-07-15", language="en")  # fmt: skip
    lib = Library(root, tmp_path / "ix")
    lib.build()
    return lib


def _terms(library: Library, field: str) -> set[str]:
    with library._lock:
        reader = library._open().reader()
        return {t.decode() if isinstance(t, bytes) else t for t in reader.lexicon(field)}


def test_german_text_never_goes_through_the_english_stemmer(library: Library) -> None:
    english_terms = _terms(library, sf.stemmed_body("en"))
    assert "haus" not in english_terms and "häuser" not in english_terms
    assert "haus" in _terms(library, sf.stemmed_body("de"))
    assert {h.file for h in library.search("Haus").hits} == {"de.md"}
    assert {h.file for h in library.search("houses").hits} == {"en.md"}


def test_english_stems_match_other_forms(library: Library) -> None:
    # "modeled" is no prefix of "models": only the English stem joins them
    assert [h.file for h in library.search("modeled", strict=True).hits] == ["en.md"]
    view = library.article("en.md", "modeled")
    assert [view.article.text[s.start : s.end] for s in view.matches] == ["models"]
