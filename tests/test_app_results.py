"""The results list: its keys and clicks, what a row shows of untrusted text, and that
new hits of the same number are painted without laying the screen out again."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from explorer import make_app
from explorer.widgets.article_pane import ArticlePane
from explorer.widgets.results_list import ROW_HEIGHT, ResultsList, row_texts, snippet_text
from explorer.widgets.search_pane import SearchPane
from index import Fragment, Hit, Span
from tests.pilot import of_type, searched, wait_for, write_corpus


def story(number: int, word: str) -> str:
    return (
        f"---\ntitle: Ferry story {number}\noutlet: Outlet {number % 4}\n"
        f"date: 2025-03-{number + 1:02d}\n---\n"
        f"Story {number} begins here. The {word} ferry left late again on Monday.\n"
    )


def corpus_of(tmp_path: Path, count: int = 12) -> Path:
    files = {f"s{i:02d}.md": story(i, "harbour") for i in range(count)}
    files.update({f"t{i:02d}.md": story(i + 40, "island") for i in range(count)})
    return write_corpus(tmp_path / "stories", files)


def hit(title: str, text: str, spans: tuple[Span, ...]) -> Hit:
    return Hit(
        id="a1", file="a.md", entry=None, outlet="Outlet", title=title, display_title=title,
        date="2025-01-02", date_confidence="stated", language="en", score=1.0,
        fragments=(Fragment(text, 0, spans),),
    )  # fmt: skip


def test_a_row_is_four_lines_cut_to_the_width() -> None:
    long_hit = hit("A title far longer than the row is wide " * 3, "word " * 80, (Span(0, 4),))
    lines = row_texts(long_hit, 40)
    assert len(lines) == ROW_HEIGHT
    assert all(line.cell_len <= 40 for line in lines)
    assert lines[1].plain.endswith("…") and lines[3].plain.endswith("…")


def test_a_control_character_before_a_match_leaves_the_highlight_on_the_match() -> None:
    text = "Before \x1b[31m the ferry left"
    start = text.index("ferry")
    snippet = snippet_text(hit("t", text, (Span(start, start + 5),)))
    assert "\x1b" not in snippet.plain and "<U+001B>" in snippet.plain
    marked = [snippet.plain[s.start : s.end] for s in snippet.spans if s.style == "reverse"]
    assert marked == ["ferry"]


async def test_keys_move_the_cursor_and_enter_opens_the_hit(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = make_app(corpus_of(tmp_path), tmp_path / "ix")
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        main = await searched(pilot, "harbour")
        results = main.query_one(ResultsList)
        assert results.row_count == 12
        await pilot.press("down")  # from the query box to the first row
        assert main.focused is results and results.highlighted == 0
        await pilot.press("end")
        assert results.highlighted == 11
        page = results.scrollable_content_region.height // ROW_HEIGHT  # rows wholly in view
        await pilot.press("home", "pagedown")
        assert results.highlighted == page
        await pilot.press("up")
        assert results.highlighted == page - 1
        await pilot.press("enter")
        await pilot.pause()
        opened = results.hits[page - 1].id
        assert {m.article_id for m in of_type(messages, SearchPane.HitChosen)} == {opened}
        pane = main.query_one(ArticlePane)
        await wait_for(pilot, lambda: pane.article is not None and pane.article.id == opened)


async def test_a_click_on_a_row_opens_its_hit(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = make_app(corpus_of(tmp_path), tmp_path / "ix")
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        main = await searched(pilot, "harbour")
        results = main.query_one(ResultsList)
        await pilot.click(ResultsList, offset=(5, ROW_HEIGHT + 1))  # the second row
        await pilot.pause()
        chosen = of_type(messages, SearchPane.HitChosen)  # once for each node it bubbles to
        assert {m.article_id for m in chosen} == {results.hits[1].id}


async def test_as_many_new_hits_are_painted_without_a_layout_pass(tmp_path: Path) -> None:
    app = make_app(corpus_of(tmp_path), tmp_path / "ix")
    async with app.run_test(size=(120, 40)) as pilot:
        main = await searched(pilot, "harbour")
        before = main.query_one(ResultsList).hit_ids
        await pilot.pause(0.3)
        layouts: list[bool] = []
        lay_out = main._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(True)
            lay_out(*args, **kwargs)  # type: ignore[arg-type]

        main._refresh_layout = counted  # type: ignore[method-assign]
        main.query_one("#query").value = "island"  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: main.last_result is not None
                       and main.last_result.query == "island")  # fmt: skip
        await pilot.pause(0.3)
        after = main.query_one(ResultsList).hit_ids
        assert len(after) == len(before) == 12 and set(after).isdisjoint(before)
        assert not layouts
