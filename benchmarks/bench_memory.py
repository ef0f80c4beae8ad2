"""Memory benchmark: peak RSS of the app after opening a corpus and searching.

    python -m benchmarks.bench_memory --size 1000

A fresh child process runs the real app (make_app) headless under Pilot on the
cached, already built index: waits for the first results, types a few words
letter by letter, runs phrase, boolean and date queries, opens the first hit,
then reports its peak RSS (getrusage ru_maxrss) and its current RSS at each
step. Writes benchmarks/results/memory-<size>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import (
    corpus_for,
    index_dir_for,
    print_metrics,
    private_state,
    ready_library,
    write_results,
)
from benchmarks.queries import typed_words

TARGETS_MB = {10000: 250.0, 100000: 600.0}
QUERIES = ('"prime minister"', "government AND police", "election OR vote", "date:2025-03-01..2025-03-31",
           "outlet:herald", "開発")  # fmt: skip


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    """The larger of getrusage's ru_maxrss and /proc's VmHWM (they sample differently)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = max(peak, int(line.split()[1]) / 1024)
    return peak


async def exercise(corpus: Path, index_dir: Path) -> dict[str, Any]:
    """Runs in the child: open, search, read; RSS along the way."""
    from explorer.app import make_app  # first: explorer sets Textual's frame rate

    from textual.widgets import Input  # isort: skip

    figures: dict[str, Any] = {"RSS before the app MB": current_rss_mb()}
    app = make_app(corpus, index_dir, state=private_state())

    async with app.run_test(size=(160, 48)) as pilot:

        async def until(condition: Any, timeout: float = 120.0) -> None:
            waited = 0.0
            while not condition() and waited < timeout:
                await pilot.pause(0.05)
                waited += 0.05

        def results_shown() -> bool:
            found = app.screen.query("#results")
            if not found:
                return False
            results = found.first()
            count = getattr(results, "row_count", None)  # an OptionList in older versions
            return bool(count if count is not None else results.option_count)

        await until(results_shown)
        figures["RSS after open MB"] = current_rss_mb()
        query_input = app.screen.query_one("#query", Input)
        query_input.focus()
        for word in typed_words(6):
            query_input.value = ""
            await pilot.press(*word)
            await pilot.pause(0.3)
        for query in QUERIES:
            query_input.value = query
            await pilot.pause(0.3)
        figures["RSS after searching MB"] = current_rss_mb()
        query_input.value = "government"
        await pilot.pause(0.4)
        await pilot.press("enter", "enter")  # into the results, open the first hit
        await pilot.pause(0.5)
        figures["RSS after opening an article MB"] = current_rss_mb()
    figures["peak RSS MB"] = peak_rss_mb()
    return figures


def run(size: int) -> dict[str, Any]:
    ready_library(size).close()
    command = [sys.executable, "-m", "benchmarks.bench_memory", "--child",
               str(corpus_for(size)), str(index_dir_for(size))]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"the app child failed (exit {done.returncode})")
    metrics: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    target = TARGETS_MB.get(size)
    if target is not None:
        metrics[f"target: peak RSS <= {target:g} MB"] = (
            "met" if metrics["peak RSS MB"] <= target else "missed"
        )
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "INDEX"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(exercise(Path(args.child[0]), Path(args.child[1])))))
        return
    metrics = run(args.size)
    print_metrics(f"app memory, {args.size} articles", metrics)
    print(f"wrote {write_results('memory', args.size, metrics)}")


if __name__ == "__main__":
    main()
