"""Quotes and reuse updated after the corpus changes (from the answer kept for the
commit before) give what working them out whole gives, on articles of our own."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest

from index import Article, Library, Metadata, MetaField
from index.analysis import (
    Facts,
    find_quotes,
    find_reuse,
    update_quotes,
    update_reuse,
)
from index.analysis import quotes as quotes_module
from index.analysis import reuse as reuse_module
from index.answers_cache import Gone


def article(
    ident: str, text: str, outlet: str, date: str | None = None, language: str = "en"
) -> Article:
    meta = Metadata(
        outlet=MetaField(outlet, "manifest", "confirmed"),
        date=MetaField(date, "manifest", "confirmed" if date else "unknown"),
        language=MetaField(language, "detected", "inferred"),
    )
    return Article(ident, f"{ident}.txt", None, text, meta)


_LEAD = (
    "Dockworkers at the port of Westmere voted on Saturday to accept a new contract, ending a "
    "nine-day strike that left more than forty container ships waiting offshore. The deal "
    "raises wages by fourteen percent over three years and limits automated cranes until 2029."
)
_QUOTE = '"Our members stood together and won a fair deal," said {speaker}.'

# a word in quote marks, given to a named speaker: a quote of its own
_SCHEDULE = '\n{speaker} said the harbour\'s sailing schedule for the ferries was "unchanged".'

STORY = [
    article("herald", _LEAD + "\n" + _QUOTE.format(speaker="Dana Whitlock")
            + _SCHEDULE.format(speaker="Port director Ana Ruiz"), "Herald", "2026-03-14"),
    article("wire", "From the wires. " + _LEAD + "\nPort officials expect a backlog.", "Wire",
            "2026-03-13"),
    article("ledger", "Analysts say the deal is about machines more than pay.\n"
            + _QUOTE.format(speaker="Mark Feld") + "\nCritics say it postpones the inevitable.",
            "Ledger", "2026-03-15"),
    article("metro", "The mayor said the city would keep a close eye on the recovery of the "
            "port and its workers.", "Metro", None),
    article("notes", "Nachrichten aus dem Hafen: der Streik ist vorbei, sagte die Gewerkschaft.",
            "Hafenblatt", "2026-03-14", language="de"),
]  # fmt: skip
LATE = article(
    "gazette",
    "Shipping lines said on Monday that the backlog would take weeks to clear.\n"
    + _QUOTE.format(speaker="Ines Brook")
    + "\n"
    + _LEAD
    + _SCHEDULE.format(speaker="A port spokesman"),
    "Gazette",
    "2026-03-16",
)


def _as_read(answer: Any, after: Sequence[Article]) -> Any:
    """An answer as `load_latest` reads it for the articles `after` a change: each
    article named as the one of `after` with its id, or `Gone`."""
    by_id = {a.id: a for a in after}

    def swap(value: Any) -> Any:
        if isinstance(value, Article):
            return by_id.get(value.id, Gone(value.id))
        if isinstance(value, tuple):
            return tuple(swap(v) for v in value)
        if hasattr(value, "__dataclass_fields__"):
            return replace(
                value, **{k: swap(getattr(value, k)) for k in value.__dataclass_fields__}
            )
        return value

    return swap(answer)


# each change: the articles before it, and after
CHANGES = {
    "added": (STORY, [*STORY, LATE]),
    "removed": ([*STORY, LATE], STORY),
    "changed": (
        [*STORY, LATE],
        [*STORY[:2], replace(STORY[2], id="ledger2", text=STORY[2].text + " A late line."), LATE],
    ),
    "added first": (STORY, [LATE, *STORY]),
}


@pytest.mark.parametrize("few", [64, 0], ids=["one by one", "whole join"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_quotes_updated_equal_quotes_worked_out_whole(
    change: str, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quotes_module, "_FEW", few)
    before, after = CHANGES[change]
    previous = _as_read(find_quotes(before), after)
    assert update_quotes(previous, after) == find_quotes(after)


def test_a_new_article_s_conflict_reaches_the_quotes_kept() -> None:
    previous = find_quotes(STORY)
    updated = update_quotes(previous, [*STORY, LATE])
    herald = next(q for q in updated if q.article.id == "herald")
    assert {(speaker, a.id) for speaker, a in herald.conflict} == {
        ("Mark Feld", "ledger"),
        ("Ines Brook", "gazette"),
    }
    schedule = next(q for q in updated if q.article.id == "herald" and q.text == "unchanged")
    assert [(speaker, a.id) for speaker, a in schedule.conflict] == [
        ("A port spokesman", "gazette")
    ]
    after = [*STORY[:2], *STORY[3:]]
    removed = update_quotes(_as_read(previous, after), after)
    assert next(q for q in removed if q.article.id == "herald").conflict == ()


def test_only_the_new_articles_quotes_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    previous = find_quotes(STORY)
    seen: list[str] = []
    found = quotes_module.attributed_quotes
    monkeypatch.setattr(
        quotes_module, "attributed_quotes", lambda text: seen.append(text) or found(text)
    )
    update_quotes(previous, [*STORY, LATE])
    assert LATE.text in seen  # and no article whose quotes were kept
    assert not {a.text for a in STORY if any(q.article.id == a.id for q in previous)} & set(seen)


@pytest.mark.parametrize("change", list(CHANGES))
def test_reuse_updated_equals_reuse_worked_out_whole(change: str) -> None:
    before, after = CHANGES[change]
    previous = _as_read(find_reuse(before), after)
    updated = update_reuse(previous, after)
    assert updated == find_reuse(after)
    assert updated.pairs, "the story has copies"


def test_kept_reuse_pairs_take_today_s_dates() -> None:
    previous = find_reuse(STORY)
    (pair,) = [p for p in previous.pairs if {p.source.id, p.target.id} == {"herald", "wire"}]
    assert pair.source.id == "wire" and pair.direction == "earlier-to-later"
    redated = replace(
        STORY[1], meta=replace(STORY[1].meta, date=MetaField("2026-03-20", "manifest", "confirmed"))
    )
    after = [STORY[0], redated, *STORY[2:]]
    updated = update_reuse(_as_read(previous, after), after)
    assert updated == find_reuse(after)
    (turned,) = [p for p in updated.pairs if {p.source.id, p.target.id} == {"herald", "wire"}]
    assert turned.source.id == "herald"


def test_reuse_crossing_the_all_pairs_size_is_worked_out_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Below the all-pairs size every pair was compared, above it LSH picks: a kept
    answer from the other side of that line is not updated."""
    previous = find_reuse(STORY)
    monkeypatch.setattr(reuse_module, "_ALL_PAIRS_UP_TO", len(STORY))
    calls: list[int] = []
    whole = reuse_module.find_reuse
    monkeypatch.setattr(
        reuse_module, "find_reuse", lambda a, f=None: calls.append(len(a)) or whole(a, f)
    )
    update_reuse(previous, [*STORY, LATE])
    assert calls == [len(STORY) + 1]


def test_lsh_candidates_of_fresh_articles_are_the_whole_lsh_s_holding_them() -> None:
    """Past the all-pairs size, the fresh articles' candidates come from comparing their
    signatures' bands with everyone's: exactly datasketch's LSH pairs holding them."""
    rng = random.Random(7)
    count = reuse_module._ALL_PAIRS_UP_TO + 60
    articles = [article(f"a{n}", f"text {n}", "O") for n in range(count)]
    pool = [rng.getrandbits(32) for _ in range(6)]  # few values: many bands collide
    signatures = [
        tuple(rng.choice(pool) if rng.random() < 0.08 else rng.getrandbits(32) for _ in range(64))
        for _ in range(count)
    ]

    class Signed:
        def __init__(self, minhash: tuple[int, ...]) -> None:
            self.minhash = minhash

    facts = cast(list[Facts | None], [Signed(s) for s in signatures])
    whole = reuse_module._candidates(articles, signatures)
    fresh = sorted(rng.sample(range(count), 25))
    expected = {(i, j) for i, j in whole if i in fresh or j in fresh}
    assert expected, "the sample has candidates"
    assert reuse_module._fresh_candidates(articles, facts, fresh) == expected


def _story_corpus(root: Path, articles: Sequence[Article]) -> Path:
    root.mkdir(parents=True)
    for item in articles:
        date = f"date: {item.date}\n" if item.date else ""
        (root / f"{item.id}.md").write_text(
            f"---\noutlet: {item.outlet}\n{date}---\n\n{item.text}\n", encoding="utf-8"
        )
    return root


def test_the_library_updates_quotes_and_reuse_after_a_file_is_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _story_corpus(tmp_path / "corpus", STORY)
    index_dir = tmp_path / "ix"
    Library(corpus, index_dir).build(workers=1)
    first = Library(corpus, index_dir)
    first.quotes(), first.reuse()
    _story_corpus(tmp_path / "late", [LATE])
    (tmp_path / "late" / "gazette.md").rename(corpus / "gazette.md")
    Library(corpus, index_dir).build(workers=1)
    fresh_copy = tmp_path / "whole"
    whole = Library(corpus, fresh_copy)
    whole.build(workers=1)
    expected = (whole.quotes(), whole.reuse())

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("worked out whole, not updated")

    for module, name in ((quotes_module, "find_quotes"), (reuse_module, "find_reuse")):
        monkeypatch.setattr(module, name, refuse)
    monkeypatch.setattr("index.analysis.find_quotes", refuse)
    monkeypatch.setattr("index.analysis.find_reuse", refuse)
    updated = Library(corpus, index_dir)
    found = (updated.quotes(), updated.reuse())
    assert found == expected
    assert found[1].pairs and any(q.conflict for q in found[0])


@pytest.mark.parametrize(
    "damage", [b"", b"\x00\xff" * 64, None, "misfit"], ids=["empty", "garbage", "cut", "misfit"]
)
def test_a_damaged_kept_answer_is_worked_out_whole(
    tmp_path: Path, damage: bytes | str | None
) -> None:
    corpus = _story_corpus(tmp_path / "corpus", STORY)
    index_dir = tmp_path / "ix"
    Library(corpus, index_dir).build(workers=1)
    quotes = Library(corpus, index_dir).quotes()
    (kept,) = index_dir.glob("g-*/answers/quotes-*.pickle")
    data = kept.read_bytes()
    if damage == "misfit":  # reads as quotes, but one's conflicts are a number
        from index.answers_cache import _writer

        buffer = io.BytesIO()
        _writer(buffer).dump((replace(quotes[0], conflict=cast(Any, 7)), *quotes[1:]))
        kept.write_bytes(data.split(b"\n", 1)[0] + b"\n" + buffer.getvalue())
    else:
        kept.write_bytes(data[: data.index(b"\n") + 30] if damage is None else bytes(damage))
    _story_corpus(tmp_path / "late", [LATE])
    (tmp_path / "late" / "gazette.md").rename(corpus / "gazette.md")
    Library(corpus, index_dir).build(workers=1)
    library = Library(corpus, index_dir)
    articles, facts = library._analysis_input()
    assert library.quotes() == find_quotes(articles, facts)
