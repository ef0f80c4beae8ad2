"""Build and query benchmarks: explorer's index against SQLite FTS5 on the same
synthetic corpus, in the same run.

    python -m benchmarks.bench_search --size 1000

Prints a table and writes benchmarks/results/search-<size>.json (metric -> value,
with the corpus size and the machine). Measures: full build articles/s,
re-index after one file changes, API query latency p50/p95 per query class
(each prefix length 1..8 as typed, common and rare words, phrases, boolean,
outlet and date-range queries), the same on FTS5, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.corpus import generate
from index import Library

RESULTS = Path(__file__).resolve().parent / "results"
REPEAT = 5


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(function, repeat: int = REPEAT) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def fts_table(library: Library) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE a USING fts5(title, outlet, body, day UNINDEXED)")
    db.executemany(
        "INSERT INTO a VALUES (?, ?, ?, ?)",
        [(a.title or "", a.outlet or "", a.text, (a.date or "")[:10]) for a in library.articles()],
    )
    db.commit()
    return db


def query_classes(library: Library) -> dict[str, tuple[str, str]]:
    """Query class -> (explorer query, FTS5 MATCH or SQL where clause)."""
    words = [w for a in library.articles()[:50] for w in a.text.lower().split() if w.isalpha()]
    common = max(set(words), key=words.count)
    long_words = sorted({w for w in words if len(w) >= 9})
    typed = long_words[len(long_words) // 2] if long_words else "arformo"
    rare = min(set(words), key=words.count)
    classes: dict[str, tuple[str, str]] = {
        "common word": (common, common),
        "rare word": (rare, rare),
        "phrase": (
            f'"{common} {words[words.index(common) + 1]}"',
            f'"{common} {words[words.index(common) + 1]}"',
        ),  # fmt: skip
        "boolean": (f"{common} AND NOT {rare}", f"{common} NOT {rare}"),
        "outlet": ("outlet:outlet", "outlet:outlet"),
        "date range": (
            "date:2025-02-01..2025-02-28",
            "SQL:day BETWEEN '2025-02-01' AND '2025-02-28'",
        ),
    }
    for length in range(1, 9):
        prefix = typed[:length]
        classes[f"typing {length} chars"] = (prefix, f"{prefix}*")
    return classes


def run(size: int) -> dict[str, float]:
    metrics: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(size, Path(tmp) / "corpus")
        library = Library(corpus, Path(tmp) / "ix")
        start = time.perf_counter()
        summary = library.build()
        seconds = time.perf_counter() - start
        metrics["build articles/s"] = summary.indexed / seconds
        metrics["build seconds"] = seconds
        changed = next(corpus.rglob("*.md"))
        changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
        start = time.perf_counter()
        library.build()
        metrics["re-index one changed file seconds"] = time.perf_counter() - start
        db = fts_table(library)
        for name, (ours, theirs) in query_classes(library).items():
            library.search(ours)  # warm
            api = timed(lambda q=ours: library.search(q, limit=20))
            if theirs.startswith("SQL:"):
                sql = f"SELECT rowid FROM a WHERE {theirs[4:]} LIMIT 20"
                fts = timed(lambda s=sql: db.execute(s).fetchall())
            else:
                sql = "SELECT rowid FROM a WHERE a MATCH ? ORDER BY rank LIMIT 20"
                fts = timed(lambda t=theirs, s=sql: db.execute(s, (t,)).fetchall())
            metrics[f"api {name} p50 ms"] = statistics.median(api)
            metrics[f"api {name} p95 ms"] = percentile(api, 0.95)
            metrics[f"fts5 {name} p95 ms"] = percentile(fts, 0.95)
            metrics[f"ratio {name} p95"] = percentile(api, 0.95) / max(percentile(fts, 0.95), 0.01)
        library.close()
    metrics["peak RSS MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    metrics = run(args.size)
    table = Table(title=f"explorer search benchmark, {args.size} articles")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in metrics.items():
        table.add_row(name, f"{value:.2f}")
    Console().print(table)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{args.size}.json"
    out.write_text(json.dumps({
        "corpus_size": args.size,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "metrics": metrics,
    }, indent=2))  # fmt: skip
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
