"""What every benchmark shares: the cached corpus and index per size, percentiles,
the machine's description, the Rich table and the JSON result file.

Rule kept here: a benchmark measures through `index`'s public API (and the app's
`make_app`), never through Whoosh, so its figures are what a user meets.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.corpus import GENERATOR_VERSION, generate

RESULTS = Path(__file__).resolve().parent / "results"
REPO = Path(__file__).resolve().parent.parent


def cache_root() -> Path:
    """Where generated corpora and their indexes are kept between runs."""
    configured = os.environ.get("EXPLORER_BENCH_CACHE")
    root = Path(configured) if configured else Path(tempfile.gettempdir()) / "explorer-bench"
    root.mkdir(parents=True, exist_ok=True)
    return root


def corpus_for(size: int) -> Path:
    """The synthetic corpus of `size` articles, generated once per generator version."""
    path = cache_root() / f"corpus-v{GENERATOR_VERSION}-{size}"
    marker = path / ".complete"
    if not marker.exists():
        if path.exists():
            shutil.rmtree(path)
        generate(size, path)
        marker.write_text("ok\n")  # hidden: corpus readers skip it
    return path


def index_dir_for(size: int) -> Path:
    """Where the cached corpus's index lives (built by `ready_library`)."""
    return cache_root() / f"index-v{GENERATOR_VERSION}-{size}"


def ready_library(size: int) -> Any:
    """A Library on the cached corpus with an up-to-date index (built if needed)."""
    from index import Library

    library = Library(corpus_for(size), index_dir_for(size))
    library.build()
    return library


def private_state() -> Any:
    """Saved state in a fresh temporary folder: the app under test neither restores the
    user's (or an earlier run's) last query nor saves the benchmark's queries."""
    from index import State

    return State(Path(tempfile.mkdtemp(prefix="explorer-bench-state-")) / "state.sqlite3")


def private_state_env() -> dict[str, str]:
    """The environment for a launched `explorer` with its saved state in a fresh folder."""
    return {"XDG_STATE_HOME": tempfile.mkdtemp(prefix="explorer-bench-state-")}


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest); NaN if empty."""
    clean = sorted(v for v in values if not math.isnan(v))
    if not clean:
        return math.nan
    rank = max(1, math.ceil(fraction * len(clean)))
    return clean[rank - 1]


def median(values: Iterable[float]) -> float:
    clean = [v for v in values if not math.isnan(v)]
    return statistics.median(clean) if clean else math.nan


def timed_ms(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def write_results(name: str, size: int, metrics: dict[str, Any], notes: Sequence[str] = ()) -> Path:
    """benchmarks/results/<name>-<size>.json: metric -> value, size, machine, notes."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}-{size}.json"
    clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in metrics.items()}
    payload = {
        "benchmark": name,
        "corpus_size": size,
        "generator_version": GENERATOR_VERSION,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": machine(),
        "metrics": clean,
        "notes": list(notes),
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    table = Table(title=title)
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*(fmt(v) for v in row))
    console = Console()
    if not console.is_terminal:
        console = Console(width=140)  # files and pipes get the whole table, not 80 columns
    console.print(table)


def print_metrics(title: str, metrics: dict[str, Any]) -> None:
    print_table(title, ("metric", "value"), metrics.items())


def size_argument(description: str | None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    return int(parser.parse_args().size)
