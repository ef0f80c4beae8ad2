"""Queries and results: every query form, errors with positions, repairs,
facets, filters, sorting, article lookup, spans and fragments."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import BUNDLED_CORPUS, ArticleNotFound, Library, QueryError


def md(root: Path, name: str, body: str, **meta: str) -> None:
    front = "".join(f"{k}: {v}\n" for k, v in meta.items())
    (root / name).write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("corpus")
    md(root, "a.md", "Meta weighs a closed model instead of the open Behemoth model.",
       title="Closed turn", outlet="Daily Trending Headlines", date="2025-07-14",
       author="Ann Lee", lang="en")  # fmt: skip
    md(root, "b.md", "Superintelligence lab delays Behemoth; Zuckerberg must approve changes.",
       title="Delay", outlet="NewsBytes", date="2025-07-15", lang="en")  # fmt: skip
    md(root, "c.md", "The spokesperson said open models remain central to the strategy.",
       title="Open stays", outlet="The Forge Bulletin", date="2025-07-16", lang="en")  # fmt: skip
    md(root, "d.md", "Llama and Behemoth: what the open-source community fears most.",
       title="Community", outlet="NewsBytes", lang="en")  # fmt: skip
    md(root, "e.md", "Meta prüft ein geschlossenes Modell statt des offenen Behemoth.",
       title="Geschlossen", outlet="Heise", date="2025-08-01", lang="de")  # fmt: skip
    library = Library(root, tmp_path_factory.mktemp("ix"))
    library.build()
    return library


def files(library: Library, query: str, **kwargs: object) -> set[str]:
    return {hit.file for hit in library.search(query, strict=True, limit=None, **kwargs).hits}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("closed model", {"a.md"}),
        ("models", {"a.md", "c.md"}),
        ('"open models"', {"c.md"}),
        ("behemoth AND zuckerberg", {"b.md"}),
        ("zuckerberg OR spokesperson", {"b.md", "c.md"}),
        ("behemoth NOT llama", {"a.md", "b.md", "e.md"}),
        ("behemoth -llama", {"a.md", "b.md", "e.md"}),
        ("(zuckerberg OR llama) AND behemoth", {"b.md", "d.md"}),
        ("outlet:newsbytes", {"b.md", "d.md"}),
        ('outlet:"daily trending"', {"a.md"}),
        ("lang:de", {"e.md"}),
        ("title:delay", {"b.md"}),
        ("author:lee", {"a.md"}),
        ("date:2025-07-15", {"b.md"}),
        ("date:2025-07-14..2025-07-15", {"a.md", "b.md"}),
        ("date:2025-07", {"a.md", "b.md", "c.md"}),
        ("date:..2025-07-14", {"a.md"}),
        ("date:2025-07-16..", {"c.md", "e.md"}),
        ("superintelligen", {"b.md"}),
        ("behem*", {"a.md", "b.md", "d.md", "e.md"}),
        ("NOT behemoth", {"c.md"}),
        ("geschlossen", {"e.md"}),
        ("open-source", {"d.md"}),
    ],
)
def test_query_forms(library: Library, query: str, expected: set[str]) -> None:
    assert files(library, query) == expected


@pytest.mark.parametrize(
    ("query", "message", "column"),
    [
        ('"closed mod', "unclosed quote", 1),
        ("(open OR closed", "unclosed parenthesis", 1),
        ("open)", "unmatched closing parenthesis", 5),
        ("meta AND", "AND with nothing after it", 6),
        ("OR meta", "OR with nothing before it", 1),
        ("NOT", "NOT with nothing after it", 1),
        ("outlet:", "outlet: has no value", 1),
        ("source2:x", "unknown field 'source2'", 1),
        ("date:2025-13-45", "invalid date", 6),
        ("*", "a wildcard alone", 1),
        ("*osed", "cannot start with a wildcard", 1),
    ],
)
def test_strict_errors_say_what_and_where(
    library: Library, query: str, message: str, column: int
) -> None:
    with pytest.raises(QueryError) as caught:
        library.search(query, strict=True)
    assert message in caught.value.message
    assert caught.value.position is not None and caught.value.position + 1 == column
    assert f"at column {column}" in str(caught.value)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"closed mod', {"a.md"}),
        ("behemoth AND", {"a.md", "b.md", "d.md", "e.md"}),
        ("(zuckerberg OR", {"b.md"}),
        ("zuckerberg outlet:", {"b.md"}),
        ("*model", {"a.md", "c.md", "e.md"}),
    ],
)
def test_half_typed_queries_are_repaired(library: Library, query: str, expected: set[str]) -> None:
    result = library.search(query, limit=None)
    assert {hit.file for hit in result.hits} == expected
    assert result.notice


@pytest.mark.parametrize(("query", "longer"), [("m", "met"), ("zu", "zuc"), ("Zu", "Zuc")])
def test_a_short_word_with_no_hit_says_prefixes_start_at_three_letters(
    library: Library, query: str, longer: str
) -> None:
    result = library.search(query)
    assert result.total == 0
    assert result.notice is not None and f"the word '{query.lower()}'" in result.notice
    assert "3 letters" in result.notice
    assert library.search(longer).total and library.search(longer).notice is None


@pytest.mark.parametrize("query", ["a", "zuc", "7", "title:m", '"m"', "zzzz"])
def test_other_queries_get_no_such_notice(library: Library, query: str) -> None:
    notice = library.search(query).notice or ""
    assert "prefixes match from" not in notice


def test_lone_wildcard_and_very_long_queries_do_not_crash(library: Library) -> None:
    assert library.search("*").total == 5
    assert library.search("meta " * 2000).total >= 1
    with pytest.raises(QueryError, match="too long"):
        library.search("meta " * 2000, strict=True)
    assert library.search("🙂 عربي").total == 0


def test_facets_cover_every_match_not_just_the_page(library: Library) -> None:
    result = library.search("behemoth", limit=1)
    assert result.total == 4 and len(result.hits) == 1
    outlets = {f.value: f.count for f in result.facets.outlets}
    assert outlets == {"NewsBytes": 2, "Daily Trending Headlines": 1, "Heise": 1}
    assert {f.value: f.count for f in result.facets.languages} == {"en": 3, "de": 1}
    days = {f.value: f.count for f in result.facets.dates}
    assert days["undated"] == 1 and days["2025-07-14"] == 1


def test_filters_and_sorting(library: Library) -> None:
    assert files(library, "behemoth", outlets=("NewsBytes",)) == {"b.md", "d.md"}
    assert files(library, "behemoth", languages=("de",)) == {"e.md"}
    assert files(library, "", since="2025-07-15", until="2025-07-31") == {"b.md", "c.md"}
    newest = [h.file for h in library.search("", sort="date", limit=None).hits]
    assert newest == ["e.md", "c.md", "b.md", "a.md", "d.md"]
    oldest = [h.file for h in library.search("", sort="-date", limit=None).hits]
    # undated articles come last in either order
    assert oldest == ["a.md", "b.md", "c.md", "e.md", "d.md"]
    with pytest.raises(QueryError):
        library.search("x", since="July")


def test_article_lookup_by_id_prefix_and_file(library: Library) -> None:
    article = library.article("b.md").article
    assert library.article(article.id).article == article
    assert library.article(article.id[:6]).article == article
    assert library.article("b").article == article
    with pytest.raises(ArticleNotFound, match="no article"):
        library.article("zzzzzz")
    with pytest.raises(ArticleNotFound):
        library.article("")


def test_spans_and_fragments_point_at_the_matches(library: Library) -> None:
    view = library.article("a.md", "closed models")
    words = [view.article.text[s.start : s.end].lower() for s in view.matches]
    assert words == ["closed", "model", "model"]
    hit = library.search("behemoth", limit=None).hits[0]
    text = library.article(hit.id).article.text
    for fragment in hit.fragments:
        assert text[fragment.start : fragment.start + len(fragment.text)] == fragment.text
        for span in fragment.spans:
            assert fragment.text[span.start : span.end].lower() == "behemoth"
    opening = library.search("outlet:heise").hits[0].fragments[0]
    assert opening.start == 0 and opening.spans == ()


def test_bundled_corpus(tmp_path: Path) -> None:
    library = Library(BUNDLED_CORPUS, tmp_path / "ix")
    library.build()
    assert len({h.file for h in library.search("closed model", strict=True).hits}) >= 4
    assert library.search("superintelligen", strict=True).total >= 4
    info = library.info()
    assert info.articles == 5 and len(info.outlets) == 5
    beamstart = library.article("003").article
    assert beamstart.date == "2025-07-15T08:32:03Z" and beamstart.meta.date.confidence == "inferred"


def test_listing_without_texts_keeps_titles_and_metadata(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    md(root, "long.md", " ".join(f"word{i}" for i in range(40)), outlet="Wire", lang="en")
    md(root, "short.md", "only four words here", outlet="Wire", date="2025-07-01", lang="en")
    md(root, "titled.md", "body " * 30, title="A title", outlet="Other", lang="en")
    library = Library(root, tmp_path / "ix")
    library.build()
    full, listed = library.articles(), library.articles(text=False)
    assert [a.id for a in full] == [a.id for a in listed]
    for whole, light in zip(full, listed, strict=True):
        assert light.display_title == whole.display_title
        assert light.meta == whole.meta and light.file == whole.file
        assert len(light.text) <= len(whole.text)
    assert listed[0].display_title.endswith("…") and len(listed[0].text) < len(full[0].text)


def test_highlighting_only_the_first_hits_and_the_rest_on_demand(library: Library) -> None:
    full = library.search("behemoth", limit=None)
    first = library.search("behemoth", limit=None, highlight=1)
    assert [h.id for h in first.hits] == [h.id for h in full.hits] and len(full.hits) >= 3
    assert first.hits[0] == full.hits[0] and first.total == full.total
    assert all(not h.fragments for h in first.hits[1:])
    for later, whole in zip(first.hits[1:], full.hits[1:], strict=True):
        assert library.fragments("behemoth", later.id) == whole.fragments


def test_counts_and_ranks_after_reindexing_with_deleted_and_new_articles(tmp_path: Path) -> None:
    """Totals, facets and the top hits count only live articles once files were
    changed, removed and added (deleted documents and several segments)."""
    root = tmp_path / "c"
    root.mkdir()
    for i in range(12):
        md(root, f"n{i:02}.md", "budget " * (1 + i % 4) + f"vote number {i}.",
           title=f"Budget {i}", outlet=("Herald", "Gazette")[i % 2], date=f"2025-03-{1 + i:02}",
           lang="en")  # fmt: skip
    library = Library(root, tmp_path / "ix")
    library.build()
    (root / "n00.md").unlink()
    (root / "n01.md").unlink()
    md(root, "n02.md", "Nothing about money now.", title="Other", outlet="Herald", lang="en")
    md(root, "z.md", "budget budget budget budget budget.", title="New", outlet="Post",
       date="2025-04-01", lang="en")  # fmt: skip
    library.build()
    result = library.search("budget", limit=3)
    live = {h.file for h in library.search("budget", limit=None).hits}
    assert live == {f"n{i:02}.md" for i in range(3, 12)} | {"z.md"}
    assert result.total == len(live) == 10
    assert [h.file for h in result.hits] == [
        h.file for h in library.search("budget", limit=None).hits
    ][:3]
    assert sum(c.count for c in result.facets.outlets) == 10
    assert {c.value: c.count for c in result.facets.outlets} == {
        "Herald": 4,
        "Gazette": 5,
        "Post": 1,
    }
    nothing = library.search("budget", outlets=("Nobody",))
    assert (nothing.total, nothing.hits, nothing.facets.outlets) == (0, (), ())
    newest = library.search("", sort="date", limit=2).hits
    assert [h.file for h in newest] == ["z.md", "n11.md"]
    library.close()
