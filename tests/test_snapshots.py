"""SVG snapshots of each screen at 80x24 and 160x48 (cursor blink off).

Timings and notifications vary from run to run; they are fixed or cleared
before the picture is taken.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from explorer import make_app
from explorer.app import ExplorerApp
from explorer.screens.main import MainScreen
from index import BUNDLED_CORPUS

SIZES = [(80, 24), (160, 48)]


async def settle(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(400):
        if condition():
            break
        await pilot.pause(0.05)
    await pilot.pause(0.2)


async def steady(pilot: Pilot[None]) -> MainScreen:
    app = pilot.app
    assert isinstance(app, ExplorerApp)
    await settle(pilot, lambda: app.main is not None and app.main.last_result is not None)
    main = app.main
    assert main is not None
    for field in app.screen.query(Input):
        field.cursor_blink = False
    return main


def freeze(main: MainScreen) -> None:
    """Fix the search time shown in the status line; clear toasts."""
    if main.last_result is not None:
        main.last_result = dataclasses.replace(main.last_result, seconds=0.004)
    main._status()
    main.app.clear_notifications()


async def searched(pilot: Pilot[None], query: str) -> MainScreen:
    main = await steady(pilot)
    await pilot.press(*query)
    await settle(pilot, lambda: main.last_result is not None and main.last_result.query == query)
    return main


async def main_screen(pilot: Pilot[None]) -> None:
    main = await searched(pilot, "closed")
    freeze(main)


async def article_open(pilot: Pilot[None]) -> None:
    main = await searched(pilot, "closed")
    await pilot.press("enter", "enter")
    await settle(pilot, lambda: main.query_one("#article-pane").article is not None)  # type: ignore[attr-defined]
    await pilot.press("n")
    await pilot.pause(0.3)
    freeze(main)
    main._status("match 2/6")


async def timeline(pilot: Pilot[None]) -> None:
    main = await searched(pilot, "closed")
    await pilot.press("ctrl+t")
    await pilot.pause(0.5)
    freeze(main)


async def compare(pilot: Pilot[None]) -> None:
    await searched(pilot, "outlet:newsbytes OR outlet:forge")
    await pilot.press("enter", "c", "down", "c")
    await settle(pilot, lambda: getattr(pilot.app.screen, "claims_ready", False))
    await settle(pilot, lambda: getattr(pilot.app.screen, "current", None) is not None)
    await settle(pilot, lambda: pilot.app.screen.query_one("#left").scroll_y > 0)
    await pilot.press("right_square_bracket")  # the second shared passage, on both sides
    await pilot.pause(0.5)
    pilot.app.clear_notifications()
    await pilot.pause(0.2)
    await pilot.pause(0.2)


async def help_screen(pilot: Pilot[None]) -> None:
    main = await steady(pilot)
    freeze(main)
    main.query_one("#article-pane").focus()
    await pilot.press("question_mark")
    await pilot.pause(0.3)


async def analysis(pilot: Pilot[None]) -> None:
    main = await steady(pilot)
    freeze(main)
    main.query_one("#article-pane").focus()
    await pilot.press("a")

    def complete() -> bool:  # every table there, not only the first analyses'
        analysis = getattr(pilot.app.screen, "analysis", None)
        return analysis is not None and len(analysis.done) == 4

    await settle(pilot, complete)
    await pilot.press("right", "right", "down")
    await pilot.pause(0.3)


SCREENS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "main": main_screen,
    "article": article_open,
    "timeline": timeline,
    "compare": compare,
    "help": help_screen,
    "analysis": analysis,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path: Path, screen: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix")
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])


async def note_dialog(pilot: Pilot[None]) -> None:
    main = await searched(pilot, "closed")
    await pilot.press("enter", "enter")
    await settle(pilot, lambda: main.query_one("#article-pane").article is not None)  # type: ignore[attr-defined]
    freeze(main)
    await pilot.press("m")
    await settle(pilot, lambda: type(pilot.app.screen).__name__ == "NoteScreen")
    await pilot.press(*"Check the Wang quote")
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause(0.3)


def test_note_dialog(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(BUNDLED_CORPUS, tmp_path / "ix")
    assert snap_compare(app, terminal_size=(80, 24), run_before=note_dialog)
