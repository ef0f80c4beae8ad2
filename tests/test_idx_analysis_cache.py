"""The analysis cache: built with the index, reused for unchanged articles,
pruned, invalidated by another version, survives damage; the analyses read
from it give what a fresh computation gives."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from index import BuildProgress, Library, builder
from index import analysis_cache as cache
from index.analysis import analyse_frames, find_beats, find_quotes, find_reuse, load_lexicon
from index.analysis import facts as facts_module
from index.corpus import read_file

STORY = {
    "harbour-post.md": (
        "Harbour Post",
        "2025-03-02",
        "The port authority is weighing a plan to sell the old grain terminal to a private "
        "developer.\n"
        '"We have not decided anything yet," the authority\'s spokesperson said on Sunday.\n'
        "The sale would need the approval of the regional transport minister, Ada Brennan.",
    ),
    "river-times.md": (
        "River Times",
        "2025-03-03",
        "Officials at the port are considering selling the disused grain terminal to "
        "private investors.\n"
        "Any sale would require approval from transport minister Ada Brennan.\n"
        "Dock workers fear that hundreds of jobs could be lost if the terminal closes.",
    ),
    "coast-daily.md": (
        "Coast Daily",
        "2025-03-04",
        "A private developer may buy the old grain terminal, port authority officials said.\n"
        '"We have not decided anything yet," said Ada Brennan, the transport minister.\n'
        "The terminal has been empty since the last grain ship left in 2019.",
    ),
}


def write_corpus(root: Path, names: tuple[str, ...] = tuple(STORY)) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        outlet, date, text = STORY[name]
        (root / name).write_text(
            f"---\ntitle: Grain terminal\noutlet: {outlet}\ndate: {date}\n---\n\n{text}\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts the per-article analyses the build runs."""
    calls = {"n": 0}
    real = cache.article_facts

    def counting(article: Any, lexicon: Any = None, signature: bool = True) -> Any:
        calls["n"] += 1
        return real(article, lexicon, signature)

    monkeypatch.setattr(cache, "article_facts", counting)
    return calls


def add_a_paragraph(path: Path) -> None:
    path.write_text(path.read_text("utf-8") + "\nA later paragraph was added.\n", "utf-8")


def cached_ids(library: Library) -> set[str]:
    generation = next(library.index_dir.glob("g-*"))
    with sqlite3.connect(generation / cache.FILE) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM facts")}


def cache_file(library: Library) -> Path:
    return next(library.index_dir.glob("g-*")) / cache.FILE


def test_the_build_analyses_each_article_once_and_keeps_it(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")
    library.build(workers=1)
    assert counted["n"] == 3
    assert cached_ids(library) == {a.id for a in library.articles()}
    library.build(workers=1)
    assert counted["n"] == 3  # nothing changed, nothing analysed


def test_an_incremental_build_analyses_only_what_changed_and_prunes(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    corpus = write_corpus(tmp_path / "c")
    library = Library(corpus, tmp_path / "ix")
    library.build(workers=1)
    before = {a.file: a.id for a in library.articles()}
    add_a_paragraph(corpus / "coast-daily.md")
    library.build(workers=1)
    assert counted["n"] == 4
    now = {a.file: a.id for a in library.articles()}
    assert now["coast-daily.md"] != before["coast-daily.md"]
    assert cached_ids(library) == set(now.values())  # the old version is gone
    (corpus / "river-times.md").unlink()
    library.build(workers=1)
    assert counted["n"] == 4
    assert cached_ids(library) == {now["harbour-post.md"], now["coast-daily.md"]}


def test_analyses_read_from_the_cache_equal_a_fresh_computation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")
    library.build(workers=1)
    articles = library.articles()
    fresh = (
        analyse_frames(articles),
        find_beats(articles),
        find_quotes(articles),
        find_reuse(articles),
    )

    def no_analysis(*_args: Any, **_kw: Any) -> Any:
        raise AssertionError("an article was analysed again")

    monkeypatch.setattr(facts_module, "article_facts", no_analysis)
    frames, _lexicon = library.frames()
    assert (frames, library.claims(), library.quotes(), library.reuse()) == fresh
    conflicts = [q for q in library.quotes() if q.conflict]
    assert conflicts  # the same words given to a spokesperson and to the minister


def test_two_articles_side_by_side_are_grouped_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.analysis import embed, group_beats

    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")
    library.build(workers=1)
    first, second = library.articles()[:2]
    fresh = group_beats([first, second]).beats
    monkeypatch.setattr(facts_module, "article_facts", lambda *_a, **_k: pytest.fail("analysed"))
    assert library.pair_beats(first, second).beats == fresh
    embedded: list[int] = []
    real = embed.encode
    monkeypatch.setattr(embed, "encode", lambda texts: embedded.append(len(texts)) or real(texts))
    assert library.pair_beats(first, second).beats == fresh
    assert not any(embedded), "the pair's sentences were embedded the first time and kept"
    assert {m.article.id for b in fresh for m in b.mentions} == {first.id, second.id}


def test_a_users_lexicon_is_scored_on_the_cached_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")
    library.build(workers=1)
    own = tmp_path / "ports.toml"
    own.write_text(
        '[frames.ports]\nname = "Ports"\nletter = "P"\ncues = ["terminal*", "dock*"]\n', "utf-8"
    )

    expected = analyse_frames(library.articles(), load_lexicon(own))

    def no_segmenting(*_args: Any, **_kw: Any) -> Any:
        raise AssertionError("sentences were segmented again")

    monkeypatch.setattr("index.analysis.frames.sentences", no_segmenting)
    frames, lexicon = library.frames(own)
    assert lexicon.names == ("Ports",)
    assert {f.primary for f in frames} == {"Ports"}
    assert frames == expected
    for result in frames:
        for score in result.scores:
            for sentence in score.evidence:
                assert result.article.text[sentence.start : sentence.end] == sentence.text
                assert "terminal" in sentence.text.lower() or "dock" in sentence.text.lower()


def test_another_analysis_version_empties_the_cache(
    tmp_path: Path, counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")
    library.build(workers=1)
    articles = library.articles()
    assert all(f is not None for f in cache.load(cache_file(library).parent, articles))
    monkeypatch.setattr(cache, "fingerprint", lambda: "facts=999;another-lexicon")
    assert cache.load(cache_file(library).parent, articles) == [None, None, None]
    library.build(workers=1)
    assert counted["n"] == 6
    assert all(f is not None for f in cache.load(cache_file(library).parent, articles))


def test_a_record_that_does_not_fit_its_article_is_refused(tmp_path: Path) -> None:
    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")
    library.build(workers=1)
    article = library.articles()[0]
    record = facts_module.article_facts(article).to_json()
    assert facts_module.facts_from_json(record, article) is not None
    assert facts_module.facts_from_json({**record, "n": record["n"] + 1}, article) is None
    same_length = article.text.replace(" ", "\n", 1)  # the same id, other offsets
    assert facts_module.facts_from_json(record, replace(article, text=same_length)) is None
    assert facts_module.facts_from_json({**record, "v": -1}, article) is None
    assert facts_module.facts_from_json({**record, "s": "junk"}, article) is None


def test_a_damaged_cache_is_worked_around_then_rebuilt(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")
    library.build(workers=1)
    expected = library.claims()
    path = cache_file(library)
    path.write_bytes(b"this is not a database" * 100)
    fresh = Library(library.corpus_path, library.index_dir)
    assert fresh.claims() == expected  # worked out from the articles, no error
    fresh.build(workers=1)
    assert counted["n"] == 6
    assert cached_ids(fresh) == {a.id for a in fresh.articles()}


def test_everything_read_from_the_cache_opens_to_its_exact_sentences(
    bundled_corpus: Path, tmp_path: Path
) -> None:
    library = Library(bundled_corpus, tmp_path / "ix")
    library.build(workers=1)
    frames, _lexicon = library.frames()
    for result in frames:
        text = result.article.text
        for sentence in [*result.hedges, *result.attributions] + [
            s for score in result.scores for s in score.evidence
        ]:
            assert text[sentence.start : sentence.end] == sentence.text
    beats = library.claims()
    assert beats and any(len(b.outlets) >= 3 for b in beats)
    for beat in beats:
        for mention in beat.mentions:
            sentence = mention.sentence
            assert mention.article.text[sentence.start : sentence.end] == sentence.text
    for quote in library.quotes():
        assert quote.article.text[quote.start : quote.end] == quote.text
    for pair in library.reuse().pairs:
        for passage in pair.passages:
            assert pair.source.text[passage.left.start : passage.left.end]
            assert pair.target.text[passage.right.start : passage.right.end]


def test_an_empty_corpus_has_an_empty_analysis(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", ("harbour-post.md",))
    library = Library(corpus, tmp_path / "ix")
    library.build(workers=1)
    (corpus / "harbour-post.md").unlink()
    library.build(workers=1)
    assert cached_ids(library) == set()
    assert library.claims() == () and library.quotes() == () and library.reuse().pairs == ()
    (tmp_path / "none").mkdir()
    empty = Library(tmp_path / "none", tmp_path / "ix2")
    empty.build(workers=1)
    assert empty.frames()[0] == ()


def _records(library: Library) -> dict[str, Any]:
    generation = next(library.index_dir.glob("g-*"))
    with sqlite3.connect(generation / cache.FILE) as conn:
        return {aid: json.loads(data) for aid, data in conn.execute("SELECT id, data FROM facts")}


def _left_to_the_phase(seen: list[BuildProgress]) -> int:
    """How many articles the analysing phase (after the commit) analysed."""
    return max(p.total for p in seen if p.phase == "analysing")


def test_reader_processes_work_out_the_facts_while_the_index_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder, "PARALLEL_FROM", 1)  # the three files go to reader processes
    corpus = write_corpus(tmp_path / "c")
    library = Library(corpus, tmp_path / "ix")
    seen: list[BuildProgress] = []
    library.build(progress=seen.append, workers=2)
    assert _left_to_the_phase(seen) == 0
    articles = library.articles()
    records = _records(library)
    assert set(records) == {a.id for a in articles}
    for article in articles:  # the same facts as worked out afterwards, signature included
        assert records[article.id] == json.loads(cache.facts_json(article))
        assert records[article.id]["m"]
    # one file changed: its new version is analysed by a reader, the old one dropped
    add_a_paragraph(corpus / "coast-daily.md")
    seen.clear()
    assert library.build(progress=seen.append, workers=2).indexed == 1
    assert _left_to_the_phase(seen) == 0
    now = library.articles()
    records = _records(library)
    assert set(records) == {a.id for a in now}
    for article in now:
        assert records[article.id] == json.loads(cache.facts_json(article))


def test_a_reader_process_leaves_out_the_entries_a_changed_file_held(tmp_path: Path) -> None:
    feed = tmp_path / "c" / "wire.jsonl"
    feed.parent.mkdir()
    lines = [{"title": f"Story {i}", "outlet": "Wire", "text": STORY[name][2]}
             for i, name in enumerate(STORY)]  # fmt: skip
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    first = read_file(feed.parent, feed, None).articles
    known = frozenset(a.id for a in first[:2])
    result, facts = builder._read_analysed(feed.parent, feed, None, known)
    assert [a.id for a in result.articles] == [a.id for a in first]
    assert facts[:2] == ("", "")
    assert json.loads(facts[2]) == json.loads(cache.facts_json(first[2]))


def test_a_build_killed_after_readers_sent_facts_leaves_a_cache_that_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "c")
    library = Library(corpus, tmp_path / "ix")
    library.build(workers=1)
    generation = next(library.index_dir.glob("g-*"))
    stray = replace(library.articles()[0], id="not-in-the-index")
    pending = cache.Pending(generation)  # what a killed build's readers left
    pending.add(stray.id, cache.facts_json(stray))
    pending.flush()
    pending.close()
    articles = library.articles()
    assert all(f is not None for f in cache.load(generation, articles))
    library.build(workers=1)
    assert cached_ids(library) == {a.id for a in articles}  # the stray record dropped


def test_a_build_killed_before_the_analysis_is_analysed_by_the_next(
    tmp_path: Path, counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(write_corpus(tmp_path / "c"), tmp_path / "ix")

    def killed(*_args: Any, **_kw: Any) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(cache, "update", killed)
        with pytest.raises(KeyboardInterrupt):
            library.build(workers=1)
    assert counted["n"] == 0  # the index is committed, its analysis is not
    library.build(workers=1)  # nothing changed on disk
    assert counted["n"] == 3
    assert cached_ids(library) == {a.id for a in library.articles()}
    library.build(workers=1)
    assert counted["n"] == 3  # in line with the index now: nothing read again


def test_a_cache_not_in_line_with_the_last_commit_is_checked_whole(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    corpus = write_corpus(tmp_path / "c")
    library = Library(corpus, tmp_path / "ix")
    library.build(workers=1)
    lost = library.articles()[0]
    with sqlite3.connect(cache_file(library)) as conn:  # a record lost, the commit unknown
        conn.execute("DELETE FROM facts WHERE id = ?", (lost.id,))
        conn.execute("DELETE FROM meta WHERE key = 'index_generation'")
    add_a_paragraph(corpus / "coast-daily.md")
    library.build(workers=1)
    assert cached_ids(library) == {a.id for a in library.articles()}
    assert counted["n"] == 3 + (2 if lost.file != "coast-daily.md" else 1)
