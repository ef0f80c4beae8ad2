"""The schema and its analysis: tokens with offsets into the display text, CJK
bigrams, each language stemmed only by its own stemmer."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import Library
from index import schema as sf
from index.analyzers import stem_analyzer, word_analyzer
from index.tokens import word_tokens


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
