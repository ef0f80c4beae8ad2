"""Start-up benchmark: explorer's first frame in tmux divided by a bare Textual
app's first frame, measured alternately in the same run.

    python -m benchmarks.bench_startup --size 1000 [--runs 7]

Each run respawns one pane of a private tmux server (its own socket, killed at
the end) with the command and polls `tmux capture-pane` every few ms; the first
frame is the first capture with any visible character (Textual paints inside
the alternate screen, so nothing shows before the app's own frame). For explorer
the clock keeps running until the pane shows the results' "hits" count: the
time to first results on an already built index. One warm-up run of each is
discarded (page cache). Writes benchmarks/results/startup-<size>.json.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    REPO,
    corpus_for,
    index_dir_for,
    median,
    print_table,
    private_state_env,
    ready_library,
    write_results,
)

POLL = 0.004
TIMEOUT = 60.0
TARGET_RATIO = 1.15
WIDTH, HEIGHT = 160, 48


class Tmux:
    """A private tmux server with one pane to launch commands in."""

    def __init__(self) -> None:
        if shutil.which("tmux") is None:
            raise SystemExit("bench_startup needs tmux on PATH")
        self.socket = f"explorer-bench-{os.getpid()}"
        self.tmux(
            "new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT), "sleep 600"
        )
        self.tmux("set-option", "-t", "bench", "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def capture(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench")

    def launch(self, command: str) -> float:
        """Start `command` in the pane (killing what ran there); returns the start time."""
        self.tmux("respawn-pane", "-k", "-t", "bench", "clear; exec sleep 600")
        deadline = time.perf_counter() + 5
        while self.capture().strip() and time.perf_counter() < deadline:
            time.sleep(POLL)
        started = time.perf_counter()
        self.tmux("respawn-pane", "-k", "-t", "bench", command)
        return started

    def wait_for(self, started: float, seen: Any) -> tuple[float, str]:
        """Seconds from `started` until `seen(capture)` holds (NaN on timeout)."""
        while time.perf_counter() - started < TIMEOUT:
            screen = self.capture()
            if seen(screen):
                return time.perf_counter() - started, screen
            time.sleep(POLL)
        return float("nan"), ""

    def close(self) -> None:
        self.tmux("kill-server")


def commands(size: int) -> tuple[str, str]:
    python = sys.executable
    bare = f"{shlex.quote(python)} {shlex.quote(str(Path(__file__).with_name('bare_app.py')))}"
    launcher = Path(python).with_name("explorer")
    program = (
        shlex.quote(str(launcher))
        if launcher.exists()
        else f"{shlex.quote(python)} -m explorer.cli"
    )
    explorer = (f"{program} --index {shlex.quote(str(index_dir_for(size)))} "
                f"{shlex.quote(str(corpus_for(size)))}")  # fmt: skip
    cwd = shlex.quote(str(Path(__file__).resolve().parent.parent))
    # both start in the same shell state; explorer's saved state (its last query) is fresh
    setup = " ".join(f"export {k}={shlex.quote(v)};" for k, v in private_state_env().items())
    return f"{setup} cd {cwd} && exec {bare}", f"{setup} cd {cwd} && exec {explorer}"


def compile_sources() -> None:
    """Bytecode for explorer's and index's modules, as an install leaves it (Textual's
    came with its install): a machine with PYTHONDONTWRITEBYTECODE would otherwise
    compile them at every start of explorer only."""
    import compileall

    for package in ("explorer", "index"):
        compileall.compile_dir(str(REPO / package), quiet=1)


def run(size: int, runs: int) -> dict[str, Any]:
    ready_library(size).close()  # the index exists: start-up opens it, never builds it
    compile_sources()
    bare, explorer = commands(size)
    tmux = Tmux()
    bare_times: list[float] = []
    explorer_times: list[float] = []
    results_times: list[float] = []
    first_screen = ""
    try:
        for attempt in range(runs + 1):
            started = tmux.launch(bare)
            seconds, _ = tmux.wait_for(started, lambda s: bool(s.strip()))
            if attempt:
                bare_times.append(seconds)
            started = tmux.launch(explorer)
            seconds, screen = tmux.wait_for(started, lambda s: bool(s.strip()))
            first_screen = first_screen or screen
            until_hits, _ = tmux.wait_for(started, lambda s: " hits" in s)
            if attempt:
                explorer_times.append(seconds)
                results_times.append(until_hits)
    finally:
        tmux.close()
    bare_first = median(bare_times)
    explorer_first = median(explorer_times)
    ratio = explorer_first / bare_first if bare_first else float("nan")
    return {
        "runs": runs,
        "bare Textual first frame median s": bare_first,
        "explorer first frame median s": explorer_first,
        "explorer first frame / bare": ratio,
        "target: first frame <= 1.15x bare": "met" if ratio <= TARGET_RATIO else "missed",
        "explorer first results listed median s": median(results_times),
        "bare first frame runs s": ", ".join(f"{t:.3f}" for t in bare_times),
        "explorer first frame runs s": ", ".join(f"{t:.3f}" for t in explorer_times),
        "_first_screen": first_screen,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    parser.add_argument(
        "--runs", type=int, default=7, help="measured runs of each (after one warm-up)"
    )
    args = parser.parse_args()
    metrics = run(args.size, args.runs)
    first_screen = metrics.pop("_first_screen")
    print_table(f"start-up in tmux, {args.size} articles", ("metric", "value"), metrics.items())
    notes = ["explorer's first captured frame:", *first_screen.rstrip().splitlines()[:6]]
    print(f"wrote {write_results('startup', args.size, metrics, notes)}")


if __name__ == "__main__":
    main()
