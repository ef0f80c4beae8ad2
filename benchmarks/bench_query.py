"""API query benchmark: `Library.search` latency per query class, next to SQLite
FTS5 answering the same queries over the same articles in the same run.

    python -m benchmarks.bench_query --size 1000 [--profile]

Each class holds several distinct queries, each run REPEAT times. Library caches
answers per query, and a keystroke's query is one it has not answered yet, so
each repetition asks for a different `limit` (20, 21, ...): every sample is a
cache miss, as a new query is. strict=False throughout, as search-as-you-type calls it.

FTS5 does the work the API does: the top 20 by rank with a highlighted snippet
each, the total, and counts by outlet, language and day (naive table: the
default unicode61 tokenizer, no prefix index). The figure is the ratio of p95s.
Writes benchmarks/results/query-<size>.json.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sqlite3
import time
from collections import defaultdict
from functools import partial
from typing import Any

from benchmarks.common import (
    RESULTS,
    median,
    percentile,
    print_table,
    ready_library,
    timed_ms,
    write_results,
)
from benchmarks.queries import Query, build_queries

REPEAT = 5
LIMIT = 20
TARGET_RATIO = 5.0


def fts_table(articles: Any) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE a USING fts5(title, outlet, body, lang UNINDEXED, day UNINDEXED)"
    )
    db.executemany(
        "INSERT INTO a VALUES (?, ?, ?, ?, ?)",
        [(a.title or "", a.outlet or "", a.text, a.language or "", (a.date or "undated")[:10])
         for a in articles],
    )  # fmt: skip
    db.commit()
    return db


def fts_search(db: sqlite3.Connection, query: Query) -> int:
    """The API's work on FTS5: top LIMIT with snippets, total, three facets. Returns the total."""
    conditions, params = [], []
    if query.fts is not None:
        conditions.append("a MATCH ?")
        params.append(query.fts)
    if query.fts_where:
        conditions.append(query.fts_where)
    where = " AND ".join(conditions) or "1"
    order = "ORDER BY rank" if query.fts is not None else "ORDER BY day DESC"
    snippet = (
        "snippet(a, 2, '[', ']', '…', 24)" if query.fts is not None else "substr(body, 1, 160)"
    )
    db.execute(f"SELECT rowid, title, outlet, day, {snippet} FROM a WHERE {where} {order} LIMIT {LIMIT}",
               params).fetchall()  # fmt: skip
    total = db.execute(f"SELECT count(*) FROM a WHERE {where}", params).fetchone()[0]
    for column in ("outlet", "lang", "day"):
        db.execute(
            f"SELECT {column}, count(*) FROM a WHERE {where} GROUP BY {column}", params
        ).fetchall()
    return int(total)


def english_texts(library: Any, sample: int = 300) -> list[str]:
    result = library.search("", languages=("en",), limit=sample, sort="-date")
    return [library.article(hit.id).article.text for hit in result.hits]


def run(size: int, profile: bool = False) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    library = ready_library(size)
    start = time.perf_counter()
    articles = library.articles()
    decode_all = time.perf_counter() - start
    start = time.perf_counter()
    db = fts_table(articles)
    fts_build = time.perf_counter() - start
    queries = build_queries(english_texts(library))
    ours: dict[str, list[float]] = defaultdict(list)
    first: dict[str, list[float]] = defaultdict(list)
    theirs: dict[str, list[float]] = defaultdict(list)
    totals: dict[str, tuple[int, int]] = {}
    profiler = cProfile.Profile() if profile else None
    for query in queries:
        for repeat in range(REPEAT):
            if profiler:
                profiler.enable()
            elapsed = timed_ms(partial(library.search, query.text, limit=LIMIT + repeat))
            if profiler:
                profiler.disable()
            ours[query.cls].append(elapsed)
            if repeat == 0:
                first[query.cls].append(elapsed)
            theirs[query.cls].append(timed_ms(partial(fts_search, db, query)))
        if query.cls not in totals:
            totals[query.cls] = (
                library.search(query.text, limit=LIMIT).total,
                fts_search(db, query),
            )
    metrics: dict[str, Any] = {
        "articles": len(articles),
        "decode every article (Library.articles) s": decode_all,
        "FTS5 table build s": fts_build,
    }
    rows = []
    worst = 0.0
    for cls, samples in ours.items():
        p50, p95 = median(samples), percentile(samples, 0.95)
        f50, f95 = median(theirs[cls]), percentile(theirs[cls], 0.95)
        ratio = p95 / f95 if f95 > 0 else float("nan")
        worst = max(worst, ratio)
        metrics[f"api {cls} p50 ms"] = p50
        metrics[f"api {cls} p95 ms"] = p95
        metrics[f"api {cls} first-run p95 ms"] = percentile(first[cls], 0.95)
        metrics[f"fts5 {cls} p50 ms"] = f50
        metrics[f"fts5 {cls} p95 ms"] = f95
        metrics[f"ratio {cls} p95"] = ratio
        metrics[f"totals {cls} api/fts5 (first query)"] = f"{totals[cls][0]}/{totals[cls][1]}"
        rows.append((cls, p50, p95, f50, f95, ratio, "met" if ratio <= TARGET_RATIO else "missed",
                     f"{totals[cls][0]}/{totals[cls][1]}"))  # fmt: skip
    metrics["worst ratio p95"] = worst
    metrics["target: api p95 <= 5x fts5 in every class"] = (
        "met" if worst <= TARGET_RATIO else "missed"
    )
    if profiler:
        out = RESULTS / f"query-{size}.prof"
        profiler.dump_stats(out)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        print(f"profile written to {out} (open with: python -m pstats {out})")
    library.close()
    return metrics, rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    parser.add_argument("--profile", action="store_true", help="cProfile the API searches")
    args = parser.parse_args()
    metrics, rows = run(args.size, args.profile)
    print_table(f"API query latency vs SQLite FTS5, {args.size} articles (ms)",
                ("class", "api p50", "api p95", "fts5 p50", "fts5 p95", "ratio p95", "<= 5x",
                 "hits api/fts5"), rows)  # fmt: skip
    print(f"wrote {write_results('query', args.size, metrics)}")


if __name__ == "__main__":
    main()
