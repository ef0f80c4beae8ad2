"""explorer raises Textual's frame rate before Textual reads it (a search result then
waits at most a few milliseconds for its frame); the user's TEXTUAL_FPS still wins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import explorer.app, textual.constants, textual.screen as s\n"
    "print(textual.constants.MAX_FPS, round(1 / s.UPDATE_PERIOD))"
)


def frame_rate(env_fps: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if env_fps is not None:
        env["TEXTUAL_FPS"] = env_fps
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=env,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(("env_fps", "expected"), [(None, "240 240"), ("30", "30 30")])
def test_the_app_draws_at_explorers_rate_unless_the_user_says(
    env_fps: str | None, expected: str
) -> None:
    from explorer import FRAMES_PER_SECOND

    assert FRAMES_PER_SECOND == 240
    assert frame_rate(env_fps) == expected
