"""What the Pilot flow tests share: waiting for a condition, picking messages by type."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.pilot import Pilot


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 20) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def of_type(messages: list[Message], kind: type) -> list:  # type: ignore[type-arg]
    return [m for m in messages if isinstance(m, kind)]
