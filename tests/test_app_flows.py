"""Pilot flow tests: what a reader does, asserted on the messages the app posts."""

from __future__ import annotations

import asyncio
import gc
from collections import Counter
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TabbedContent

from explorer import make_app
from explorer.app import ExplorerApp
from explorer.screens.analysis import AnalysisScreen
from explorer.screens.compare import CompareScreen
from explorer.screens.help import HelpScreen
from explorer.screens.main import MainScreen
from explorer.widgets.article_pane import ArticlePane
from explorer.widgets.results_list import ResultsList, snippet_text
from explorer.widgets.search_pane import SearchPane
from explorer.widgets.timeline import Timeline
from index import BUNDLED_CORPUS, Facets, SearchResult
from tests.pilot import of_type, searched, wait_for, write_corpus


@pytest.fixture()
def app(tmp_path: Path) -> ExplorerApp:
    return make_app(BUNDLED_CORPUS, tmp_path / "ix")


async def ready(pilot: Pilot[None]) -> MainScreen:
    app = pilot.app
    assert isinstance(app, ExplorerApp)
    await wait_for(pilot, lambda: app.main is not None and app.main.ready)
    assert app.main is not None
    return app.main


async def analysed(
    pilot: Pilot[None], messages: list[Message], until: type[Message] = AnalysisScreen.Computed
) -> AnalysisScreen:
    """The analysis screen opened from the article pane, once `until` has come (by default
    once its analysis is complete)."""
    main = await ready(pilot)
    main.query_one(ArticlePane).focus()
    await pilot.press("a")
    await wait_for(pilot, lambda: bool(of_type(messages, until)))
    await pilot.pause(0.3)
    screen = pilot.app.screen
    assert isinstance(screen, AnalysisScreen)
    return screen


async def timeline_shown(pilot: Pilot[None], messages: list[Message]) -> Timeline:
    """The timeline tab opened (ctrl+t) once its data has come."""
    await ready(pilot)
    await pilot.press("ctrl+t")
    await wait_for(pilot, lambda: bool(of_type(messages, MainScreen.TimelineReady)))
    await pilot.pause()
    return pilot.app.screen.query_one(Timeline)


async def test_typing_updates_results_from_several_outlets(app: ExplorerApp) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await ready(pilot)
        await pilot.press(*"closed")
        await wait_for(pilot, lambda: any(
            m.result and m.result.query == "closed" for m in of_type(messages, MainScreen.Searched)
        ))  # fmt: skip
        changed = of_type(messages, SearchPane.QueryChanged)
        assert [m.query for m in changed][-1] == "closed"
        result = [m.result for m in of_type(messages, MainScreen.Searched) if m.result][-1]
        assert result.total >= 4
        assert len({hit.outlet for hit in result.hits}) >= 4


async def test_down_from_the_query_box_goes_to_the_results(app: ExplorerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        main = await searched(pilot, "closed")
        await pilot.press("down")
        await pilot.pause()
        results = main.query_one("#results", ResultsList)
        assert main.focused is results
        assert results.highlighted == 0
        await pilot.press("down")
        await pilot.pause()
        assert results.highlighted == 1


async def test_the_loaded_listing_is_left_out_of_later_collections(app: ExplorerApp) -> None:
    gc.unfreeze()
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: gc.get_freeze_count() > 0)
        assert main.articles
    gc.unfreeze()


async def test_open_article_and_jump_between_matches(app: ExplorerApp) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await searched(pilot, "closed")
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: bool(of_type(messages, MainScreen.Opened)))
        view = of_type(messages, MainScreen.Opened)[-1].view
        assert view.matches
        total = len(view.matches)
        for span in view.matches:
            assert view.article.text[span.start : span.end].lower().startswith("clos")
        await wait_for(pilot, lambda: bool(of_type(messages, ArticlePane.MatchMoved)))
        await pilot.press("n")
        await pilot.pause()
        moved = of_type(messages, ArticlePane.MatchMoved)[-1]
        assert (moved.current, moved.total) == (2, total)
        await pilot.press("N", "N")
        await pilot.pause()
        moved = of_type(messages, ArticlePane.MatchMoved)[-1]
        assert (moved.current, moved.total) == (total, total)
        status = str(pilot.app.screen.query_one("#status", Static).render())
        assert f"match {total}/{total}" in status


async def test_compare_two_articles_side_by_side(
    app: ExplorerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[Message] = []
    prepared: list[bool] = []
    real_prepare = app.library.prepare_beats
    monkeypatch.setattr(
        app.library, "prepare_beats", lambda: prepared.append(True) or real_prepare()
    )
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        main = await ready(pilot)
        await pilot.press(*"outlet:newsbytes OR outlet:forge")
        await wait_for(pilot, lambda: main.last_result is not None
                       and main.last_result.total == 2)  # fmt: skip
        await pilot.press("enter", "c")
        await wait_for(pilot, lambda: bool(prepared))  # the model loads while one chooses
        await pilot.press("down", "c")
        await wait_for(pilot, lambda: bool(of_type(messages, CompareScreen.Aligned)))
        aligned = of_type(messages, CompareScreen.Aligned)[-1]
        assert {aligned.left.file[:3], aligned.right.file[:3]} == {"001", "004"}
        assert aligned.passages
        for passage in aligned.passages:
            left = aligned.left.text[passage.left.start : passage.left.end]
            right = aligned.right.text[passage.right.start : passage.right.end]
            assert left.split()[0].lower().strip("\"'“") == right.split()[0].lower().strip("\"'“")
        assert isinstance(pilot.app.screen, CompareScreen)
        await wait_for(pilot, lambda: bool(of_type(messages, CompareScreen.ClaimsLinedUp)))
        lined_up = of_type(messages, CompareScreen.ClaimsLinedUp)[-1]
        assert messages.index(aligned) < messages.index(lined_up), "passages come first"
        assert lined_up.claims, "001 and 004 tell some of the same beats"
        for _label, left_span, right_span in lined_up.claims:
            assert aligned.left.text[left_span.start : left_span.end]
            assert aligned.right.text[right_span.start : right_span.end]
        await pilot.press("l")
        await pilot.pause()
        assert pilot.app.screen.current_claim == 0  # type: ignore[attr-defined]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert pilot.app.screen.current == 1 % len(aligned.passages)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)


async def test_timeline_shows_every_outlet_and_opens_a_mark(app: ExplorerApp) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        timeline = await timeline_shown(pilot, messages)
        rendered = str(timeline.as_text())
        for outlet in ("BEAMSTART", "NewsBytes", "imp.news", "The Forge Bullet", "Daily Trending"):
            assert outlet in rendered
        assert "undated" in rendered and "Jul" in rendered
        grid = timeline._grid()
        for lane in range(len(grid.outlets)):  # each lane's marks listed once, in order
            assert grid.by_lane[lane] == [i for i, m in enumerate(grid.marks) if m.lane == lane]
        for (_x, y), index in timeline._hotspots.items():  # a click opens its lane's mark
            assert grid.marks[index].lane == (y - 2) // 2
        beamstart = next(m for m in timeline._grid().marks if m.article.outlet == "BEAMSTART")
        assert timeline._grid().day_of(beamstart.column).isoformat() == "2025-07-15"
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(of_type(messages, Timeline.ArticleChosen)))
        await wait_for(pilot, lambda: bool(of_type(messages, MainScreen.Opened)))
        chosen = of_type(messages, Timeline.ArticleChosen)[-1].article_id
        assert of_type(messages, MainScreen.Opened)[-1].view.article.id == chosen


async def test_query_errors_appear_inline(app: ExplorerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        main = await searched(pilot, '"closed mod')
        notice = pilot.app.screen.query_one("#query-notice", Static)
        assert notice.has_class("-visible")
        assert "unclosed quote" in str(notice.render())
        assert main.last_result.total >= 4  # type: ignore[union-attr]


async def test_o_narrows_to_the_outlet_being_read(app: ExplorerApp) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        main = await searched(pilot, "meta")
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: bool(of_type(messages, MainScreen.Opened)))
        outlet = of_type(messages, MainScreen.Opened)[-1].view.article.outlet
        await pilot.press("o")
        await wait_for(pilot, lambda: main.filters.outlets == (outlet,))
        await wait_for(pilot, lambda: main.last_result is not None
                       and {h.outlet for h in main.last_result.hits} == {outlet})  # fmt: skip
        await pilot.press("o")
        await wait_for(pilot, lambda: main.last_result is not None
                       and main.last_result.total == 5)  # fmt: skip


async def test_older_results_never_replace_newer(app: ExplorerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        newer = SearchResult("newer", 0, (), Facets(), 0.0)
        older = SearchResult("older", 0, (), Facets(), 0.0)
        main.post_message(MainScreen.Searched(1000, newer))
        await pilot.pause()
        main.post_message(MainScreen.Searched(999, older))
        await pilot.pause()
        assert main.last_result is newer


async def test_help_lists_bindings_and_closes(app: ExplorerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        pilot.app.screen.query_one(ArticlePane).focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)


async def test_untrusted_article_text_is_shown_literally(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(
        "Hostile text with [bold]markup[/bold], [link=file:///etc/passwd]a link[/link] and "
        "an escape \x1b[31mred\x1b[0m sequence, written to test the article pane safely.\n",
        encoding="utf-8",
    )
    app = make_app(corpus, tmp_path / "ix")
    messages: list[Message] = []
    async with app.run_test(size=(120, 30), message_hook=messages.append) as pilot:
        await searched(pilot, "hostile")
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: bool(of_type(messages, MainScreen.Opened)))
        await pilot.pause()
        paragraphs = pilot.app.screen.query(".paragraph")
        shown = "".join(str(p.render()) for p in paragraphs)
        assert "[bold]markup[/bold]" in shown
        assert "[link=file:///etc/passwd]" in shown
        assert "\x1b" not in shown and "␛[31m" in shown


async def test_a_new_corpus_is_indexed_while_the_ui_responds(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "many", {
        f"a{number}.txt": f"Article {number} reports that the harbour authority met on Monday "
        "to discuss dredging, fees and the new ferry timetable for the coming summer season.\n"
        for number in range(80)
    })  # fmt: skip
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"harb")
        assert pilot.app.screen.query_one("#query").value == "harb"  # type: ignore[attr-defined]
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.last_result is not None
                       and main.last_result.total == 80)  # fmt: skip
        await asyncio.sleep(0)


async def test_tab_cycles_panes_at_80_columns(app: ExplorerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.last_result is not None)
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause(0.1)
            focused = pilot.app.focused
            seen.append((focused.id if focused else None, main.has_class("-reading")))
        assert seen == [("results", False), ("article-pane", True), ("query", False)]


async def test_an_empty_corpus_opens_without_error(tmp_path: Path) -> None:
    corpus = tmp_path / "empty"
    corpus.mkdir()
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.last_result is not None)
        assert main.last_result.total == 0  # type: ignore[union-attr]
        await pilot.press("ctrl+t")
        await pilot.pause(0.3)
        assert "No articles" in str(pilot.app.screen.query_one(Timeline).as_text())


async def test_a_tab_chosen_while_the_analysis_runs_stays_chosen(app: ExplorerApp) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        main = await ready(pilot)
        main.query_one(ArticlePane).focus()
        await pilot.press("a", "3")
        await wait_for(pilot, lambda: bool(of_type(messages, AnalysisScreen.Computed)))
        await pilot.pause(0.3)
        screen = pilot.app.screen
        assert isinstance(screen, AnalysisScreen)
        assert screen.query_one(TabbedContent).active == "tab-quotes"
        assert screen.focused is screen.query_one("#table-quotes")


async def test_analysis_cells_open_their_evidence(app: ExplorerApp) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        screen = await analysed(pilot, messages)
        assert screen.analysis is not None
        await pilot.press("right")
        await pilot.pause(0.2)
        evidence = str(screen.query_one("#evidence-frames", Static).render())
        assert "sentences" in evidence or "no frame cue" in evidence
        await pilot.press("2")
        await pilot.pause(0.2)
        assert screen.query_one(TabbedContent).active == "tab-claims"
        assert screen.focused is screen.query_one("#table-claims")
        await pilot.press("down", "up")
        await pilot.pause(0.2)
        shown = str(screen.query_one("#evidence-claims", Static).render())
        first = screen.analysis.beats[0]
        assert first.mentions[0].sentence.text[:30] in shown
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert isinstance(pilot.app.screen, MainScreen)


async def test_analysis_tables_show_their_first_rows_and_say_so(
    app: ExplorerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.screens import analysis

    monkeypatch.setattr(analysis, "TABLE_ROWS", 2)
    monkeypatch.setattr(analysis, "TABLE_OUTLETS", 3)
    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        screen = await analysed(pilot, messages)
        assert screen.analysis is not None
        assert len(screen.analysis.frames) == 5 and len(screen.analysis.beats) > 2
        steps = [m.step for m in of_type(messages, AnalysisScreen.StepDone)]
        assert steps == ["frames", "claims", "quotes"]  # each said while the next ran
        for key in ("frames", "claims"):
            assert screen.query_one(f"#table-{key}", DataTable).row_count == 2
        summary = str(screen.query_one("#analysis-summary", Static).render())
        assert "the first 2 rows of" in summary
        assert f"{len(screen.analysis.beats):,} beats" in summary
        assert "5 articles," in summary and "--json list all" in summary
        assert "the 3 of 5 sources reporting most beats" in summary
        claims = screen.query_one("#table-claims", DataTable)
        shown = [str(column.value) for column in claims.columns][1:]
        reported = Counter(o for beat in screen.analysis.beats[:2] for o in beat.outlets)
        least_shown = min(reported[o] for o in shown)
        assert len(shown) == 3 and shown == sorted(
            shown, key=lambda o: o.removeprefix("The ").casefold()
        )
        assert all(reported[o] <= least_shown for o in reported if o not in shown)


async def test_analysis_tables_come_as_each_analysis_is_known(
    app: ExplorerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        main = await ready(pilot)
        claims_may_go = threading.Event()
        worked_out = main.library.beats

        def slow_beats(among: object = None) -> object:
            claims_may_go.wait(20)
            return worked_out()

        monkeypatch.setattr(main.library, "beats", slow_beats)
        screen = await analysed(pilot, messages, until=AnalysisScreen.StepDone)
        assert screen.query_one("#table-frames", DataTable).row_count == 5
        assert screen.query_one("#table-claims", DataTable).row_count == 0
        summary = str(screen.query_one("#analysis-summary", Static).render())
        assert "frames done" in summary and "claims…" in summary
        assert screen.focused is screen.query_one("#table-frames")  # to browse meanwhile
        claims_may_go.set()
        await wait_for(pilot, lambda: bool(of_type(messages, AnalysisScreen.Computed)))
        await pilot.pause(0.2)
        assert screen.query_one("#table-claims", DataTable).row_count > 2
        assert "articles ·" in str(screen.query_one("#analysis-summary", Static).render())


async def test_analysis_of_what_the_query_finds_and_of_the_whole_corpus(
    app: ExplorerApp,
) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        main = await searched(pilot, "outlet:newsbytes OR outlet:forge")
        main.query_one(ArticlePane).focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: bool(of_type(messages, AnalysisScreen.Computed)))
        await pilot.pause(0.2)
        screen = pilot.app.screen
        assert isinstance(screen, AnalysisScreen) and screen.analysis is not None
        outlets = {result.article.outlet for result in screen.analysis.frames}
        assert outlets == {"NewsBytes", "The Forge Bulletin"}
        assert all(set(beat.outlets) <= outlets for beat in screen.analysis.beats)
        summary = str(screen.query_one("#analysis-summary", Static).render())
        assert "outlet:newsbytes OR outlet:forge" in summary and "w: the whole corpus" in summary
        assert screen.query_one("#table-frames", DataTable).row_count == 2
        await pilot.press("w")
        await wait_for(pilot, lambda: len(of_type(messages, AnalysisScreen.Computed)) == 2)
        await pilot.pause(0.2)
        assert len(screen.analysis.frames) == 5
        assert screen.query_one("#table-frames", DataTable).row_count == 5
        assert "The whole corpus  (w: only the articles" in str(
            screen.query_one("#analysis-summary", Static).render()
        )


async def test_analysis_of_a_query_finding_nothing_says_so(app: ExplorerApp) -> None:
    messages: list[Message] = []
    async with app.run_test(size=(120, 36), message_hook=messages.append) as pilot:
        await searched(pilot, "zzyzzyva")
        screen = await analysed(pilot, messages)
        assert screen.analysis is None
        summary = str(screen.query_one("#analysis-summary", Static).render())
        assert "no article to analyse among the articles “zzyzzyva” finds" in summary
        await pilot.press("w")
        await wait_for(pilot, lambda: len(of_type(messages, AnalysisScreen.Computed)) == 2)
        assert screen.analysis is not None and len(screen.analysis.frames) == 5


async def test_timeline_lane_of_many_undated_articles_stays_one_line(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "undated", {
        f"note-{number:02}.txt": f"Note {number}\n\nThe harbour strike, day {number}.\n"
        for number in range(60)
    })  # fmt: skip
    messages: list[Message] = []
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        timeline = await timeline_shown(pilot, messages)
        lines = str(timeline.as_text()).splitlines()
        lane = next(line for line in lines if line.startswith("(unknown outlet)"))
        shown = lane.count("○")
        assert 1 <= shown < 60 and lane.rstrip().endswith(f"+{60 - shown}")
        assert len(lane) <= 80 and len(timeline._hotspots) == shown


async def test_timeline_scrolls_to_the_cursor_s_lane_and_shows_its_mark(tmp_path: Path) -> None:
    """Twenty outlets do not fit 80x24: moving down scrolls each lane into view under
    the axis, which stays on top, and the mark under the cursor is the one drawn where
    two articles share a day. Each move draws again only the lanes the cursor leaves
    and enters."""
    corpus = write_corpus(tmp_path / "outlets", {
        f"{outlet:02}-{copy}.md": f"---\noutlet: Outlet {outlet:02}\ndate: 2025-07-1{copy}\n---\n\n"
        f"Story {outlet} number {copy}, the harbour strike goes on.\n"
        for outlet in range(20) for copy in (1, 1, 2)
    })  # fmt: skip
    messages: list[Message] = []
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        timeline = await timeline_shown(pilot, messages)
        axis = [timeline.render_line(y).text for y in (0, 1)]
        assert "Jul" in axis[0] and "undated" in axis[1]
        assert timeline.max_scroll_y > 0 and timeline.scroll_y == 0
        for _ in range(19):
            await pilot.press("down")
        await pilot.pause()
        current = timeline.current
        assert current is not None and current.lane == 19
        assert timeline.scroll_y > 0
        assert [timeline.render_line(y).text for y in (0, 1)] == axis, "the axis stays on top"
        bottom = timeline.render_line(timeline.size.height - 1).text
        assert "letters: dominant frame" in bottom or "frames" in bottom, "the legend stays"
        rows = {timeline.render_line(y).text.split("  ")[0]: y for y in range(timeline.size.height)}
        row = rows.get("Outlet 19")
        assert row is not None and 2 <= row < timeline.size.height, rows
        drawn = timeline.render_line(row)
        assert any(seg.style and seg.style.reverse for seg in drawn), "the cursor's mark"
        x = next(x for (x, y), index in timeline._hotspots.items() if index == timeline.cursor)
        gutter = timeline.styles.gutter  # a click lands on the mark drawn at that row
        await pilot.click(Timeline, offset=(x + gutter.left, row + gutter.top))
        await wait_for(pilot, lambda: bool(of_type(messages, Timeline.ArticleChosen)))
        assert of_type(messages, Timeline.ArticleChosen)[-1].article_id == current.article.id
        await pilot.press("ctrl+t")
        await pilot.pause()
        kept = dict(timeline._strips)
        await pilot.press("up")
        await pilot.pause()
        redrawn = {y for y, strip in timeline._strips.items() if kept.get(y) is not strip}
        assert redrawn <= {2 + 18 * 2, 2 + 19 * 2}, redrawn
        for _ in range(19):
            await pilot.press("up")
        await pilot.pause()
        assert timeline.scroll_y == 0 and timeline.current is not None
        assert timeline.current.lane == 0


def test_timeline_marks_are_told_apart_by_identity() -> None:
    """Two marks of equal articles are two marks: the timeline finds a mark's place by
    its index, never by comparing articles (at 10k that comparison froze the screen)."""
    from explorer.widgets.timeline import Mark, layout
    from index.corpus import read_corpus

    article = read_corpus(BUNDLED_CORPUS).articles[0]
    assert Mark(article, 0, 0) != Mark(article, 0, 0)
    grid = layout((article, article), 120)
    assert grid.by_lane == {0: [0, 1]}


def test_coverage_headers_tell_alike_outlets_apart() -> None:
    from explorer.outlet_names import column_names

    outlets = ["Alpine Dispatch Daily", "Alpine Dispatch Weekly", "The Alpine Courier"]
    assert column_names([*outlets, "Reuters", "the"]) == {
        "Alpine Dispatch Daily": "Alpi…Daily",
        "Alpine Dispatch Weekly": "Alpi…eekly",
        "The Alpine Courier": "Alpine Cou",
        "Reuters": "Reuters",
        "the": "the",
    }


async def test_rows_below_the_first_screenful_get_their_snippets_after_the_paint(
    tmp_path: Path,
) -> None:
    from explorer.screens.main import FIRST_ROWS, LIMIT

    corpus = write_corpus(tmp_path / "many", {
        f"a{i:02d}.md": f"---\ntitle: Harbour story {i}\noutlet: Outlet {i % 3}\n---\n"
        f"Opening words of story {i}. Later the ferry timetable changed again.\n"
        for i in range(FIRST_ROWS + 6)
    })  # fmt: skip
    messages: list[Message] = []
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await ready(pilot)
        await pilot.press(*"ferry")
        await wait_for(pilot, lambda: any(
            m.hits for m in of_type(messages, MainScreen.SnippetsReady)
        ))  # fmt: skip
        message = [m for m in of_type(messages, MainScreen.Searched)
                   if m.result and m.result.query == "ferry"][-1]  # fmt: skip
        searched, first = message.result, message.highlighted
        assert searched is not None
        results = app.screen.query_one("#results", ResultsList)
        assert first == results.rows_in_view < FIRST_ROWS  # the rows on screen at 120x40
        assert len(searched.hits) == min(LIMIT, FIRST_ROWS + 6)
        assert all(h.fragments for h in searched.hits[:first])
        assert not any(h.fragments for h in searched.hits[first:])
        await pilot.pause(0.2)
        labels = [snippet_text(hit).plain for hit in results.hits]
        assert len(labels) == len(searched.hits)
        assert all("ferry timetable" in label for label in labels)
