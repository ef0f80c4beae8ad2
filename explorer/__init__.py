"""explorer's UI: the command line and the Textual app. Talks to `index` only.

`make_app` and `ExplorerApp` load Textual when first used, so the command
line's other commands start without it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ExplorerApp", "main", "make_app"]


def __getattr__(name: str) -> Any:
    if name in ("ExplorerApp", "make_app"):
        from explorer import app

        return getattr(app, name)
    if name == "main":
        from explorer.cli import main

        return main
    raise AttributeError(name)
