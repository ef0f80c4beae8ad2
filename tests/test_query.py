"""The query language: what a strict parse rejects (and where), what a lenient
parse repairs (and says), dates and ranges."""

from __future__ import annotations

import pytest

from index import QueryError
from index.query import Clause, Group, date_range, highlight_terms, parse


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ('"closed mod', "unclosed quote", 0),
        ("meta (open OR closed", "unclosed parenthesis", 5),
        ("open)", "unmatched closing parenthesis", 4),
        ("meta AND", "AND with nothing after it", 5),
        ("AND meta", "AND with nothing before it", 0),
        ("meta OR", "OR with nothing after it", 5),
        ("meta NOT", "NOT with nothing after it", 5),
        ("meta -", None, None),  # a lone "-" is no operator: searched as nothing
        ("outlet: meta", "outlet: has no value", 0),
        ("meta outlet:", "outlet: has no value", 5),
        ("colour:red", "unknown field 'colour' (known: outlet, title, author, lang, date", 0),
        ("date:2025-13-01", "invalid date '2025-13-01'", 5),
        ("date:2025-07-14..nope", "invalid date", 5),
        ("date:..", "invalid date", 5),
        ("meta *", "a wildcard alone matches everything", 5),
        ("*a*", "a word cannot start with a wildcard", 0),
        ('meta ""', "empty phrase", 5),
    ],
)
def test_strict_parse_names_the_problem_and_where(
    query: str, message: str | None, position: int | None
) -> None:
    if message is None:
        parse(query, strict=True)
        return
    with pytest.raises(QueryError) as error:
        parse(query, strict=True)
    assert error.value.message.startswith(message)
    assert error.value.position == position
    assert error.value.query == query
    assert str(error.value).startswith(f"query {query!r}: ")


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ('"closed mod', "unclosed quote: closed at the end"),
        ("meta AND", "AND with nothing after it: ignored"),
        ("(open", "unclosed parenthesis: closed at the end"),
        ("outlet:", "outlet: has no value: ignored"),
        ("meta *", "a wildcard alone matches everything: ignored"),
        ("*meta*", "a word cannot start with a wildcard: leading * dropped"),
        ("colour:red", "unknown field 'colour'"),
    ],
)
def test_lenient_parse_repairs_and_says_how(query: str, notice: str) -> None:
    parsed = parse(query, strict=False)
    assert any(n.startswith(notice) for n in parsed.notices), parsed.notices


def test_an_unclosed_phrase_becomes_a_phrase_being_typed() -> None:
    tree = parse('"closed mod', strict=False).tree
    assert tree == Clause("phrase", "closed mod", 0, None, True)
    terms = highlight_terms(tree, ("en",))
    assert "closed" in terms.exact and terms.prefixes == ("mod",)


def test_operators_are_upper_case_and_and_binds_tighter_than_or() -> None:
    tree = parse("open OR closed model", strict=True).tree
    assert isinstance(tree, Group) and tree.op == "or"
    assert isinstance(tree.items[1], Group) and tree.items[1].op == "and"
    words = parse("war and peace or not", strict=True).tree
    assert isinstance(words, Group) and words.op == "and"
    assert [c.text for c in words.items if isinstance(c, Clause)] == [
        "war", "and", "peace", "or", "not"
    ]  # fmt: skip


def test_minus_and_not_negate() -> None:
    for query in ("meta -llama", "meta NOT llama"):
        tree = parse(query, strict=True).tree
        assert isinstance(tree, Group) and tree.op == "and"
        negated = tree.items[1]
        assert isinstance(negated, Group) and negated.op == "not"


def test_fields_and_aliases() -> None:
    tree = parse('outlet:"daily planet" lang:de language:ja title:x author:y', strict=True).tree
    assert isinstance(tree, Group)
    fields = [(c.field, c.kind) for c in tree.items if isinstance(c, Clause)]
    assert fields == [("outlet", "phrase"), ("language", "word"), ("language", "word"),
                      ("title", "word"), ("author", "word")]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2025-07-15", (20250715, 20250715)),
        ("2025-07", (20250700, 20250799)),
        ("2025", (20250000, 20251299)),
        ("2025-07-14..2025-07-16", (20250714, 20250716)),
        ("..2025-07-16", (1, 20250716)),
        ("2025-07-14..", (20250714, 99991231)),
        ("2025-02-30", None),
        ("July", None),
        ("..", None),
    ],
)
def test_date_ranges(value: str, bounds: tuple[int, int] | None) -> None:
    assert date_range(value) == bounds


def test_the_word_being_typed_and_every_bare_word_expand_as_prefixes() -> None:
    terms = highlight_terms(parse("superintelligen la", strict=True).tree, ())
    assert terms.prefixes == ("superintelligen",)  # "la" is shorter than three letters
    typed = highlight_terms(parse("outlet:reu", strict=True).tree, ())
    assert not typed  # field values are not marked in the article's text
