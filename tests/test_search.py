"""Searching: every query form, facets, filters, sorting, fragments, article
references and match spans, on a corpus written here and on the bundled one.

The corpus uses Markdown front matter (title, outlet, date, language, author),
so these tests check the metadata readers and the index together."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from index import ArticleNotFound, Library, QueryError, SearchResult


def md(path: Path, body: str, **meta: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("search") / "corpus"
    md(root / "a-planet.md",
       "Meta is weighing a closed model instead of releasing Behemoth, people familiar "
       "with the superintelligence lab said. Its models and its modeling work would stay "
       "private, a change from the open approach of Llama.",
       title="Meta weighs a closed model", outlet="The Daily Planet", date="2025-07-14",
       language="en", author="Lois Lane")  # fmt: skip
    md(root / "b-wire.md",
       "Open-source advocates criticised the idea. Llama remains open and free to download, "
       "a spokesperson said, and the company has made no decision yet.",
       title="Advocates defend open weights", outlet="Reuters", date="2025-07-15",
       language="en", author="Jimmy Olsen")  # fmt: skip
    md(root / "c-spiegel.md",
       "Die Häuser der Entwickler in Berlin bleiben offen. Das Modell wurde nicht "
       "geschlossen, sagte ein Sprecher des Unternehmens am Dienstag.",
       title="Offene Modelle", outlet="Der Spiegel", date="2025-07-15",
       language="de")  # fmt: skip
    md(root / "d-nikkei.md", "メタは人工知能の開発を続けると発表した。新しいモデルは非公開になる見込みだ。",
       title="メタの新方針", outlet="Nikkei", date="2025-07-16", language="ja")  # fmt: skip
    md(root / "e-weibo.md", "Meta 正在考虑放弃开源模型，转向封闭的人工智能系统。",
       title="Meta 放弃开源", outlet="Tech Weibo", language="zh")  # fmt: skip
    md(root / "notes" / "f-1.md", "A reader wrote about the harbour and the weather of July, "
       "nothing about any model.", title="Letters", outlet="Harbour Times",
       date="2025-07-01", language="en")  # fmt: skip
    md(root / "notes" / "f-2.md", "Another reader wrote about the tram strike and the "
       "council meeting.", title="More letters", outlet="Harbour Times",
       date="2025-06-30", language="en")  # fmt: skip
    lib = Library(root, tmp_path_factory.mktemp("ix"))
    lib.build()
    return lib


def files(result: SearchResult) -> set[str]:
    return {hit.file.rsplit("/", 1)[-1] for hit in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("behemoth", {"a-planet.md"}),
        ("BEHEMOTH", {"a-planet.md"}),
        ("closed model", {"a-planet.md"}),
        ('"open approach"', {"a-planet.md"}),
        ('"approach open"', set()),
        ("llama AND download", {"b-wire.md"}),
        ("behemoth OR download", {"a-planet.md", "b-wire.md"}),
        ("llama NOT download", {"a-planet.md"}),
        ("llama -download", {"a-planet.md"}),
        ("(behemoth OR download) AND spokesperson", {"b-wire.md"}),
        ("reader and tram", {"f-2.md"}),  # lower-case "and" is a word: all three needed
        ("outlet:reuters", {"b-wire.md"}),
        ('outlet:"daily planet"', {"a-planet.md"}),
        ("outlet:harbour", {"f-1.md", "f-2.md"}),
        ("lang:de", {"c-spiegel.md"}),
        ("language:ja", {"d-nikkei.md"}),
        ("title:weights", {"b-wire.md"}),
        ("author:lane", {"a-planet.md"}),
        ("date:2025-07-14..2025-07-15", {"a-planet.md", "b-wire.md", "c-spiegel.md"}),
        ("date:2025-07-15", {"b-wire.md", "c-spiegel.md"}),
        ("date:2025-06", {"f-2.md"}),
        ("date:..2025-07-01", {"f-1.md", "f-2.md"}),
        ("date:2025-07-16..", {"d-nikkei.md"}),
        ("superintell*", {"a-planet.md"}),
        ("superintelligen", {"a-planet.md"}),
        ("開発", {"d-nikkei.md"}),
        ("开源", {"e-weibo.md"}),
        ("人工智能", {"e-weibo.md"}),
        ("häuser", {"c-spiegel.md"}),
        ("haus", {"c-spiegel.md"}),  # the German stem, not a prefix
        ("meta -lang:zh lang:en", {"a-planet.md"}),
    ],
)
def test_query_forms(library: Library, query: str, expected: set[str]) -> None:
    assert files(library.search(query, limit=None, strict=True)) == expected


def test_prefix_matches_rank_below_exact_words(library: Library) -> None:
    exact = library.search("superintelligence", strict=True)
    by_prefix = library.search("superintellig", strict=True)
    assert files(exact) == files(by_prefix) == {"a-planet.md"}
    assert by_prefix.hits[0].score < exact.hits[0].score
    stemmed = library.article("f-1", "modeling")  # English stem "model"
    assert [stemmed.article.text[m.start : m.end] for m in stemmed.matches] == ["model"]


def test_empty_query_lists_every_article_newest_first(library: Library) -> None:
    result = library.search("", limit=None)
    assert result.total == 7 and len(result.hits) == 7
    assert result.hits[0].file == "d-nikkei.md"
    assert result.hits[-1].file == "e-weibo.md"  # undated last


def test_sorting_by_date_both_ways_keeps_undated_last(library: Library) -> None:
    newest = [h.file for h in library.search("", sort="date", limit=None).hits]
    oldest = [h.file for h in library.search("", sort="-date", limit=None).hits]
    assert newest[0] == "d-nikkei.md" and newest[-1] == "e-weibo.md"
    assert oldest[0] == "notes/f-2.md" and oldest[-1] == "e-weibo.md"
    with pytest.raises(QueryError):
        library.search("", sort="sideways")


def test_facets_count_every_match_not_just_the_page(library: Library) -> None:
    result = library.search("", limit=2)
    assert len(result.hits) == 2 and result.total == 7
    outlets = {f.value: f.count for f in result.facets.outlets}
    assert outlets["Harbour Times"] == 2 and sum(outlets.values()) == 7
    languages = {f.value: f.count for f in result.facets.languages}
    assert languages == {"en": 4, "de": 1, "ja": 1, "zh": 1}
    days = [(f.value, f.count) for f in result.facets.dates]
    assert days[-1] == ("undated", 1)
    assert ("2025-07-15", 2) in days


def test_filters(library: Library) -> None:
    assert files(library.search("", outlets=("Reuters",), limit=None)) == {"b-wire.md"}
    assert files(library.search("", languages=("de", "ja"), limit=None)) == {
        "c-spiegel.md", "d-nikkei.md"
    }  # fmt: skip
    window = library.search("", since="2025-07-14", until="2025-07-15", limit=None)
    assert files(window) == {"a-planet.md", "b-wire.md", "c-spiegel.md"}
    assert files(library.search("", since="2025-07-16", limit=None)) == {"d-nikkei.md"}
    with pytest.raises(QueryError):
        library.search("", since="last week")


def test_lenient_search_repairs_half_typed_queries(library: Library) -> None:
    phrase = library.search('"closed mod')
    assert files(phrase) == {"a-planet.md"} and phrase.notice
    assert "unclosed quote" in phrase.notice
    trailing = library.search("behemoth AND")
    assert files(trailing) == {"a-planet.md"} and trailing.notice
    opened = library.search("(behemoth")
    assert files(opened) == {"a-planet.md"} and opened.notice
    empty_field = library.search("behemoth outlet:")
    assert files(empty_field) == {"a-planet.md"} and empty_field.notice
    assert library.search("*").total == 7  # a lone wildcard is dropped: every article
    assert library.search("behemoth").notice is None


def test_strict_search_raises_with_position(library: Library) -> None:
    with pytest.raises(QueryError) as error:
        library.search('"closed mod', strict=True)
    assert error.value.position == 0


def test_odd_queries_never_raise_whoosh_errors(library: Library) -> None:
    for query in ("((((", "))", "-", "--meta", '""', "date:", "a:b:c", "*?*", "NOT",
                  "title:*", "\x00", "é" * 300, "word " * 200):  # fmt: skip
        result = library.search(query)
        assert result.total >= 0


def test_fragments_carry_spans_relative_to_their_text(library: Library) -> None:
    hit = library.search("llama", strict=True).hits[0]
    for fragment in hit.fragments:
        assert len(fragment.text) <= 240
        for span in fragment.spans:
            assert fragment.text[span.start : span.end].lower() == "llama"
    article = library.article(hit.id).article
    fragment = hit.fragments[0]
    assert article.text[fragment.start : fragment.start + len(fragment.text)] == fragment.text


def test_a_field_only_query_shows_the_opening_without_spans(library: Library) -> None:
    hit = library.search("outlet:reuters").hits[0]
    assert len(hit.fragments) == 1
    assert hit.fragments[0].start == 0 and hit.fragments[0].spans == ()
    assert hit.fragments[0].text.startswith("Open-source advocates")


def test_long_articles_give_up_to_three_fragments(tmp_path: Path) -> None:
    filler = "The weather stayed calm and the tide turned slowly in the bay. " * 8
    body = (filler + "The lighthouse keeper wrote. ") * 5
    md(tmp_path / "c" / "long.md", body, title="Long", language="en")
    lib = Library(tmp_path / "c", tmp_path / "ix")
    lib.build()
    hit = lib.search("lighthouse").hits[0]
    assert len(hit.fragments) == 3
    starts = [f.start for f in hit.fragments]
    assert starts == sorted(starts)
    assert all(f.spans for f in hit.fragments)


@pytest.mark.parametrize("ref", ["a-planet.md", "a-pl", "a-planet"])
def test_article_by_file_or_file_name_prefix(library: Library, ref: str) -> None:
    assert library.article(ref).article.file == "a-planet.md"


def test_article_by_relative_or_absolute_path(library: Library) -> None:
    assert library.article("./notes/f-1.md").article.file == "notes/f-1.md"
    absolute = str(library.root / "notes" / "f-2.md")
    assert library.article(absolute).article.file == "notes/f-2.md"


def test_article_by_id_and_id_prefix(library: Library) -> None:
    hit = library.search("behemoth").hits[0]
    assert library.article(hit.id).article.id == hit.id
    assert library.article(hit.id[:6]).article.id == hit.id


def test_ambiguous_or_unknown_refs_name_candidates(library: Library) -> None:
    with pytest.raises(ArticleNotFound) as error:
        library.article("f-")
    assert "notes/f-1.md" in str(error.value) and "notes/f-2.md" in str(error.value)
    with pytest.raises(ArticleNotFound):
        library.article("zzzz-no-such")


def test_article_spans_cover_phrases_stems_prefixes_and_cjk(library: Library) -> None:
    view = library.article("a-planet.md", '"closed model" superintelligen')
    text = view.article.text
    marked = [text[s.start : s.end] for s in view.matches]
    assert "closed" in marked and "model" in marked and "models" in marked
    assert "superintelligence" in marked
    assert view.article.meta.outlet.confidence in ("confirmed", "inferred")
    cjk = library.article("d-nikkei.md", "開発")
    assert [cjk.article.text[s.start : s.end] for s in cjk.matches] == ["開発"]
    assert library.article("a-planet.md").matches == ()
    assert library.article("a-planet.md", "-behemoth").matches == ()


def test_articles_and_info(library: Library) -> None:
    articles = library.articles()
    assert [a.file for a in articles][:2] == ["a-planet.md", "b-wire.md"]
    info = library.info()
    assert info.articles == 7
    assert {f.value: f.count for f in info.outlets}["Harbour Times"] == 2
    assert (info.date_min, info.date_max) == ("2025-06-30", "2025-07-16")
    assert {f.value for f in info.languages} == {"en", "de", "ja", "zh"}


def test_searching_from_threads_while_rebuilding(tmp_path: Path) -> None:
    root = tmp_path / "c"
    for number in range(30):
        md(root / f"n{number}.md", f"Harbour note {number} about ferries and tides.",
           title=f"Note {number}", language="en")  # fmt: skip
    lib = Library(root, tmp_path / "ix")
    lib.build()
    errors: list[BaseException] = []

    def searcher() -> None:
        try:
            for _ in range(40):
                assert lib.search("harbour", limit=5).total >= 30
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(3)]
    for thread in threads:
        thread.start()
    for number in range(30, 33):
        md(root / f"n{number}.md", f"Harbour note {number}.", language="en")
        lib.build(workers=1)
    for thread in threads:
        thread.join()
    assert errors == []
    assert lib.search("harbour", limit=None).total == 33
    lib.close()


def test_bundled_corpus_must_shows(bundled_corpus: Path, tmp_path: Path) -> None:
    lib = Library(bundled_corpus, tmp_path / "ix")
    lib.build()
    closed = lib.search("closed model", limit=None, strict=True)
    assert len({hit.file for hit in closed.hits}) >= 4
    typed = lib.search("superintelligen", limit=None, strict=True)
    assert typed.total >= 1
    assert any(
        "superintelligence" in f.text[s.start : s.end].lower()
        for hit in typed.hits
        for f in hit.fragments
        for s in f.spans
    )
    assert lib.article("003").article.file.startswith("003_")
