"""End to end: the real `explorer` command in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

EXPLORER = Path(sys.executable).parent / "explorer"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def wait_screen(session: str, check: Callable[[str], bool], seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if check(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"screen never showed what was expected:\n{screen}")


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_search_open_jump_timeline_quit(tmp_path: Path, size: tuple[int, int]) -> None:
    session = f"explorer-e2e-{size[0]}-{os.getpid()}"
    done = tmp_path / "exit-code"
    # the index, the saved state (the last query comes back) and the settings of this
    # run only: a query saved by an earlier run would be typed onto
    private = " ".join(
        f"XDG_{kind.upper()}_HOME={tmp_path / kind}"
        for kind in ("data", "state", "config", "cache")
    )
    command = f"env {private} TERM=xterm-256color {EXPLORER}; echo $? > {done}; sleep 30"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command)
    try:
        wait_screen(session, lambda s: "NewsBytes" in s)
        tmux("send-keys", "-t", session, "closed")
        screen = wait_screen(session, lambda s: "closed" in s and "BEAMSTART" in s)
        outlets = {"NewsBytes", "BEAMSTART", "imp.news", "The Forge Bulletin"}
        assert sum(outlet in screen for outlet in outlets) >= 2
        time.sleep(1)  # a reader looks at the results before choosing one
        tmux("send-keys", "-t", session, "Enter")
        time.sleep(0.5)
        tmux("send-keys", "-t", session, "Enter")
        wait_screen(session, lambda s: "match 1/" in s)
        tmux("send-keys", "-t", session, "n")
        wait_screen(session, lambda s: "match 2/" in s)
        tmux("send-keys", "-t", session, "t")
        # the axis may be painted a frame before the lanes: wait for both
        wait_screen(session, lambda s: "undated" in s and "Jul" in s)
        screen = wait_screen(session, lambda s: "BEAMSTART" in s and "NewsBytes" in s)
        assert "Traceback" not in screen
        tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.read_text().strip() == "0"
        assert "Traceback" not in tmux("capture-pane", "-p", "-t", session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
