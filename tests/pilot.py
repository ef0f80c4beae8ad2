"""What the Pilot flow tests share: waiting for a condition, picking messages by type,
typing a query and waiting for its results, writing a small corpus."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from textual.message import Message
from textual.pilot import Pilot

from explorer.app import ExplorerApp
from explorer.screens.main import MainScreen


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 20) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def of_type(messages: list[Message], kind: type) -> list:  # type: ignore[type-arg]
    return [m for m in messages if isinstance(m, kind)]


async def searched(pilot: Pilot[None], query: str) -> MainScreen:
    """Once the index is ready, type `query` into the search box; wait for its results."""
    app = pilot.app
    assert isinstance(app, ExplorerApp)
    await wait_for(pilot, lambda: app.main is not None and app.main.ready)
    main = app.main
    assert main is not None
    await pilot.press(*query)
    await wait_for(pilot, lambda: main.last_result is not None and main.last_result.query == query)
    return main


def write_corpus(folder: Path, files: Mapping[str, str]) -> Path:
    """A corpus folder holding `files` (name to text, UTF-8)."""
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
