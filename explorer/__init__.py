"""explorer's UI: the command line and the Textual app. Talks to `index` only.

`make_app` and `ExplorerApp` load Textual when first used, so the command
line's other commands start without it.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ["FRAMES_PER_SECOND", "ExplorerApp", "main", "make_app"]

# The most frames a second Textual draws (its own default is 60). A search result that
# arrives just after a frame (the one echoing the key) waits for the next: up to 33 ms at
# 60, 8 ms at 240. Frames are drawn only when something changed. Read by Textual when it
# is first imported, so set here, before any of explorer imports it; TEXTUAL_FPS wins.
FRAMES_PER_SECOND = 240
os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))


def __getattr__(name: str) -> Any:
    if name in ("ExplorerApp", "make_app"):
        from explorer import app

        return getattr(app, name)
    if name == "main":
        from explorer.cli import main

        return main
    raise AttributeError(name)
