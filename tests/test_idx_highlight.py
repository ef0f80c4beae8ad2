"""Highlighting by stem looks only at the words that can carry a query's stem (those
sharing its first letter): the same spans as stemming every word of the text, in each
language the index stems."""

from __future__ import annotations

import unicodedata

import pytest

from index import highlight
from index.highlight import WORD, match_spans
from index.query import highlight_terms, parse
from index.schema import STEMMED_LANGUAGES
from index.tokens import fold, stemmer

TEXTS = {
    "en": "Dying skies and lying ties: the youth yelled, hoping the generous officials "
    "would reconsider. Über-rich Ångström fans said the possibility was conditional.",
    "de": "Über die Straße gingen die Ärzte; die Öffentlichkeit übermäßig besorgt, "
    "Äpfel überall und öffentliche Ämter.",
    "fr": "L'élève a été à l'île; les écoles et les élèves âgés, une œuvre, des îles.",
    "es": "En esta época el área del índice de acciones creció; las épocas y las áreas.",
    "it": "La città è etica; le città e l'etica, perché le cittadine.",
    "pt": "A água da área e os órgãos éticos; as águas e o último órgão.",
    "nl": "Eén überhaupt; de ëxtra ideeën en de ideeën van één man.",
    "ru": "Ёлка и ёлки, NASA и nasa, этого яблока; ёжики едят яблоки.",
    "sv": "Älskade öppnade återkomst; älskar öppna återkomster.",
    "da": "Ærlighed og øjnene åbnede; ærlig øje åbne.",
    "no": "Ærlig øyne åpnet; ærlighet øye åpne.",
    "fi": "Äiti öljyä äänestys; äidit öljyt äänestykset.",
}
QUERIES = ("dying sky hope generosity possibly condition ångström über",
           "straße ärztin öffentlich apfel", "élève île école âge", "épocas áreas acción",
           "città etiche", "águas órgão ético", "één ideeën", "ёлкам nasa яблоко ёжик",
           "älskar öppna", "ærlige øje", "ærlige øyne", "äidit öljy äänestyksiä")  # fmt: skip


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_highlighting_by_stem_marks_what_stemming_every_word_marks(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = TEXTS[language]
    for query in QUERIES:
        terms = highlight_terms(parse(query).tree, (language,))
        spans = match_spans(text, terms, language)
        with monkeypatch.context() as every_word:  # the filter off: every word stemmed
            every_word.setattr(highlight, "_STEMS_RESPELL", frozenset({language}))
            assert match_spans(text, terms, language) == spans, query
    english = highlight_terms(parse(QUERIES[0]).tree, ("en",))
    marked = {TEXTS["en"][s.start : s.end] for s in match_spans(TEXTS["en"], english, "en")}
    assert {"Dying", "skies", "hoping", "possibility", "conditional"} <= marked


@pytest.mark.parametrize("language", [lang for lang in STEMMED_LANGUAGES if lang != "ru"])
def test_every_stemmer_but_russian_keeps_the_first_letter(language: str) -> None:
    stem = stemmer(language)
    for word in {fold(w) for text in TEXTS.values() for w in WORD.findall(text)}:
        found = stem(word)
        assert (
            not found
            or unicodedata.normalize("NFD", found)[0] == (unicodedata.normalize("NFD", word)[0])
        ), (word, found)
