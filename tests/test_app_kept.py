"""Pilot flows for what the app keeps and writes: export from the results (a key and
the palette), a note on the open article, the theme and the last query remembered
across runs, key overrides from the config; asserted on the messages posted."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Input

from explorer import make_app
from explorer.config import Config
from explorer.kept import KeptApp
from explorer.screens.main import MainScreen
from explorer.screens.saved import ExportScreen, NoteScreen, NotesScreen
from index import BUNDLED_CORPUS, State
from tests.pilot import of_type, searched, wait_for


@pytest.fixture()
def state(tmp_path: Path) -> State:
    return State(tmp_path / "state.sqlite3")


async def test_export_results_with_a_key(tmp_path: Path, state: State) -> None:
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", state=state)
    messages: list[Message] = []
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        main = await searched(pilot, "closed")
        await pilot.press("enter", "e")  # from the results
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        field = app.screen.query_one("#export-path", Input)
        assert field.value.endswith("explorer-behemoth-closed.csv")
        field.value = str(tmp_path / "closed.txt")
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ExportScreen)  # no format for .txt: asked again
        (tmp_path / "closed.csv").write_text("old", encoding="utf-8")
        field.value = str(tmp_path / "closed.csv")
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ExportScreen)  # it exists: Enter again replaces it
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(of_type(messages, KeptApp.Exported)))
        done = of_type(messages, KeptApp.Exported)[-1]
        assert done.error is None and done.path == tmp_path / "closed.csv"
        assert main.last_result is not None
        total = main.last_result.total
    with open(tmp_path / "closed.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == total >= 4
    assert all(row["outlet"] and row["date_confidence"] for row in rows)


async def test_export_from_the_palette_as_jsonl(tmp_path: Path, state: State) -> None:
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", state=state)
    messages: list[Message] = []
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await searched(pilot, "behemoth")
        await pilot.press("ctrl+p")
        await pilot.press(*"Export results")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "b.jsonl")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(of_type(messages, KeptApp.Exported)))
        assert of_type(messages, KeptApp.Exported)[-1].error is None
    lines = (tmp_path / "b.jsonl").read_text("utf-8").splitlines()
    assert lines and all("behemoth" in json.loads(x)["snippet"].lower() for x in lines)


async def test_a_note_on_the_open_article(tmp_path: Path, state: State) -> None:
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", state=state)
    messages: list[Message] = []
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await searched(pilot, "wang")
        await pilot.press("enter", "m")  # on the results, with no article open
        await pilot.pause(0.2)
        assert not isinstance(app.screen, NoteScreen)
        assert any("Open an article first" in str(n.message) for n in app._notifications)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(of_type(messages, MainScreen.Opened)))
        opened = of_type(messages, MainScreen.Opened)[-1].view.article
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"Who briefed the Times?", "tab", *"sources")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(of_type(messages, KeptApp.NoteSaved)))
        note = of_type(messages, KeptApp.NoteSaved)[-1].note
        assert note.article == opened.id and note.tags == ("sources",)
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        await pilot.press(*"briefed")
        await pilot.pause(0.2)
        assert app.screen.query_one("#notes-list").option_count == 1  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
    assert [n.text for n in state.notes(BUNDLED_CORPUS, opened.id)] == ["Who briefed the Times?"]


async def test_theme_and_last_query_come_back(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    first = make_app(BUNDLED_CORPUS, tmp_path / "ix", state=State(path))
    async with first.run_test(size=(100, 30)) as pilot:
        await searched(pilot, "superintelligence")
        first.theme = "textual-light"
        await pilot.pause(0.1)
    messages: list[Message] = []
    again = make_app(BUNDLED_CORPUS, tmp_path / "ix", state=State(path))
    async with again.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await wait_for(pilot, lambda: bool(of_type(messages, MainScreen.Searched)))
        assert again.theme == "textual-light"
        result = of_type(messages, MainScreen.Searched)[0].result
        assert result is not None and result.query == "superintelligence"
        assert again.screen.query_one("#query", Input).value == "superintelligence"


async def test_the_last_query_is_written_once_typing_pauses(
    tmp_path: Path, state: State, monkeypatch: pytest.MonkeyPatch
) -> None:
    import explorer.kept

    monkeypatch.setattr(explorer.kept, "QUERY_SAVED_AFTER", 0.3)
    written: list[str] = []
    set_last_query = state.set_last_query

    def counted(corpus: Path | str, query: str) -> None:
        written.append(query)
        set_last_query(corpus, query)

    monkeypatch.setattr(state, "set_last_query", counted)
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await searched(pilot, "behemoth")  # a result at every key
        assert "behemoth" not in written  # its result has just come: not written yet
        await wait_for(pilot, lambda: written[-1:] == ["behemoth"])
        assert state.last_query(BUNDLED_CORPUS) == "behemoth"
        await pilot.press("backspace")  # a result, then the exit before the pause ends
        main = app.main
        assert main is not None
        await wait_for(pilot, lambda: main.last_result is not None
                       and main.last_result.query == "behemot")  # fmt: skip
    assert written[-2:] == ["behemoth", "behemot"]
    assert len(written) < len("behemoth")  # fewer writes than results (nine)
    assert state.last_query(BUNDLED_CORPUS) == "behemot"


async def test_config_theme_and_keys(tmp_path: Path, state: State) -> None:
    config = Config(theme="nord", keys={"export": "ctrl+e", "nonsense": "x"})
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", config=config, state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()  # before the search: a slow machine's search outlasts a toast
        assert any("nonsense" in str(n.message) for n in app._notifications)
        await searched(pilot, "closed")
        assert app.theme == "nord"
        await pilot.press("enter", "ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app(BUNDLED_CORPUS, tmp_path / "ix").no_color is True


async def test_a_broken_config_is_named_and_the_app_starts(tmp_path: Path, state: State) -> None:
    from explorer.config import load_config

    path = tmp_path / "config.toml"
    path.write_text("theme = 'nord'\n[keys\n", encoding="utf-8")
    said: list[str] = []
    config = load_config(path, warn=said.append)
    assert len(said) == 1 and str(path) in said[0] and "TOML" in said[0]
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", config=config, state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await searched(pilot, "closed")
        assert main.last_result is not None and main.last_result.total >= 4
        assert any(str(path) in str(n.message) for n in app._notifications)
        assert app.theme == "textual-dark"  # the broken file's theme is not used


async def test_config_keys_reach_the_side_by_side_and_analysis_screens(
    tmp_path: Path, state: State
) -> None:
    from explorer.screens.analysis import AnalysisScreen
    from explorer.screens.compare import CompareScreen

    config = Config(keys={"back": "x", "analysis": "A"})
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", config=config, state=state)
    async with app.run_test(size=(120, 36)) as pilot:
        main = await searched(pilot, "closed")
        first, second = [a.id for a in main.library.articles(text=False)][:2]
        main.compare(first, second)
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.press("escape")  # no longer "back": escape stays where it is
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("x")
        await wait_for(pilot, lambda: app.screen is main)
        main.query_one(Input).blur()
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AnalysisScreen))
        await pilot.press("x")
        await wait_for(pilot, lambda: app.screen is main)


async def test_a_note_deleted_from_the_notes_list(tmp_path: Path, state: State) -> None:
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix", state=state)
    messages: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        main = await searched(pilot, "closed")
        first, second = [a.id for a in main.library.articles(text=False)][:2]
        state.add_note(BUNDLED_CORPUS, first, "keep this one", "First")
        gone = state.add_note(BUNDLED_CORPUS, second, "delete this one", "Second")
        main.query_one(Input).blur()
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        await pilot.press("ctrl+d")  # nothing highlighted yet: said, nothing deleted
        await pilot.pause(0.2)
        assert len(state.notes(BUNDLED_CORPUS)) == 2
        await pilot.press("enter")  # to the list, the newest note highlighted
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: bool(of_type(messages, NotesScreen.DeleteRequested)))
        assert of_type(messages, NotesScreen.DeleteRequested)[-1].note.id == gone.id
        await wait_for(pilot, lambda: len(state.notes(BUNDLED_CORPUS)) == 1)
        assert app.screen.query_one("#notes-list").option_count == 1  # type: ignore[attr-defined]
    assert [n.text for n in state.notes(BUNDLED_CORPUS)] == ["keep this one"]
