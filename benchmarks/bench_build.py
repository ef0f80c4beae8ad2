"""Build benchmark: a full `Library.build` (articles/s; the build includes the
per-article analysis, its "analysing" phase), re-indexing after one file changes,
is added or is removed (each analysing only the articles that changed), the
corpus analyses read from the cache afterwards (frames, quotes, claims, reuse,
frames with a lexicon of the user's own), the story beats updated after one more
file changes; peak RSS of the building process and of its worker processes.

    python -m benchmarks.bench_build --size 1000

The build runs in a fresh child process on a copy of the cached corpus, so its
peak RSS is the build's own and the cached corpus is never modified (from 10k,
`--in-place` builds the cached index itself, restoring the files it touched).
`--reindex-only` measures only the re-index steps and the beats' update, on the
cached index (its first `claims` may group the corpus whole: minutes at 10k), and
keeps the full-build figures of the last results. Writes benchmarks/results/build-<size>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import (
    RESULTS,
    corpus_for,
    index_dir_for,
    print_metrics,
    ready_library,
    write_results,
)

TARGET_BUILD_10K_SECONDS = 60.0
TARGET_ONE_FILE_SECONDS = 1.0


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _maxrss_mb(who: int) -> float:
    # Linux reports kilobytes (macOS bytes; the benchmarks target Linux)
    return resource.getrusage(who).ru_maxrss / 1024


def reindex_steps(library: Any, corpus: Path) -> dict[str, Any]:
    """Re-indexing after nothing, one Markdown file, one JSONL line changed, one file added
    and one removed: each the time of `Library.build` in a process that has built before."""
    metrics: dict[str, Any] = {}

    def rebuild() -> tuple[float, Any]:
        start = time.perf_counter()
        result = library.build()
        return time.perf_counter() - start, result

    metrics["re-index, nothing changed s"], _ = rebuild()
    changed = sorted(corpus.rglob("*.md"))[len(articles_of(corpus)) // 2]
    changed.write_text(
        changed.read_text("utf-8") + "\nOne more paragraph, written later.\n", "utf-8"
    )
    seconds, result = rebuild()
    metrics["re-index, one .md changed s"] = seconds
    metrics["re-index, one .md changed: articles written"] = result.indexed
    wire = sorted(corpus.glob("*.jsonl"))
    if wire:
        lines = wire[0].read_text("utf-8").splitlines()
        record = json.loads(lines[0])
        record["text"] += "\n\nA correction was appended."
        lines[0] = json.dumps(record, ensure_ascii=False)
        wire[0].write_text("\n".join(lines) + "\n", "utf-8")
        seconds, result = rebuild()
        metrics["re-index, one JSONL line changed s"] = seconds
        metrics["re-index, one JSONL line changed: articles written"] = result.indexed
    added = changed.with_name("added-later.md")
    added.write_text("---\ntitle: Added later\noutlet: The Late Desk\ndate: 2025-06-30\n---\n\n"
                     "A new article about superintelligence, added after the build.\n", "utf-8")  # fmt: skip
    seconds, result = rebuild()
    metrics["re-index, one file added s"] = seconds
    metrics["re-index, one file added: articles written"] = result.indexed
    changed.unlink()
    seconds, result = rebuild()
    metrics["re-index, one file removed s"] = seconds
    metrics["re-index, one file removed: articles removed"] = result.removed
    return metrics


def beats_target(corpus: Path) -> Path:
    """The file changed to measure the story beats' update (not one the re-index steps touch)."""
    return articles_of(corpus)[len(articles_of(corpus)) // 3]


def beats_update(library: Any, corpus: Path) -> dict[str, Any]:
    """The analyses after one more file changes: the first calls bring them up to date
    with the index (read, updated or worked out whole: not measured), then one Markdown
    file changes, the index is rebuilt, and each analysis is asked again: story beats
    first (the kept grouping updated; measured with what it needs first, the articles and
    their facts read again after the change), then quotes and reuse (updated from their
    kept answers) and frames (put together from the cached facts)."""
    names = ("claims", "quotes", "reuse", "frames")
    for name in names:
        getattr(library, name)()
    changed = beats_target(corpus)
    changed.write_text(
        changed.read_text("utf-8") + "\nA later paragraph tells the story's beat again.\n", "utf-8"
    )
    library.build()
    figures: dict[str, Any] = {}
    for name in names:
        start = time.perf_counter()
        getattr(library, name)()
        figures[f"{name} after one .md changed s"] = time.perf_counter() - start
    return figures


def measure(corpus: Path, index_dir: Path, analysis: bool) -> dict[str, Any]:
    """Runs in the child: every figure of this benchmark, as a dict."""
    from index import Library

    phases: dict[str, float] = {}
    previous: list[Any] = ["start-up", time.perf_counter()]  # phase, when reported
    updates = {"count": 0}

    def progress(step: Any) -> None:
        """Time between callbacks goes to the phase reported before it."""
        updates["count"] += 1
        now = time.perf_counter()
        phases[previous[0]] = phases.get(previous[0], 0.0) + now - previous[1]
        previous[:] = [step.phase, now]

    library = Library(corpus, index_dir)
    cpu_self = _cpu_seconds(resource.RUSAGE_SELF)
    cpu_workers = _cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    summary = library.build(progress=progress)
    build_seconds = time.perf_counter() - start
    # CPU time is what a loaded, shared machine distorts least (workers: once they exit)
    build_cpu_self = _cpu_seconds(resource.RUSAGE_SELF) - cpu_self
    build_cpu_workers = _cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_workers
    phases[f"{previous[0]} (to the end)"] = time.perf_counter() - previous[1]
    articles = summary.indexed
    metrics: dict[str, Any] = {
        "articles indexed": articles,
        "files skipped": len(summary.skipped),
        "duplicates": len(summary.duplicates),
        "full build s": build_seconds,
        "full build articles/s": articles / build_seconds if build_seconds else 0.0,
        "full build CPU s, build process": build_cpu_self,
        "full build CPU s, worker processes": build_cpu_workers,
        "progress callbacks": updates["count"],
    }
    for phase, seconds in phases.items():
        metrics[f"build phase {phase} s"] = seconds
    metrics["peak RSS after build MB"] = _maxrss_mb(resource.RUSAGE_SELF)

    metrics.update(reindex_steps(library, corpus))
    metrics["peak RSS build process MB"] = _maxrss_mb(resource.RUSAGE_SELF)
    metrics["peak RSS largest worker MB"] = _maxrss_mb(resource.RUSAGE_CHILDREN)
    if analysis:
        # the first call also loads the articles and their cached facts
        for name in ("frames", "quotes", "claims", "reuse"):
            start = time.perf_counter()
            getattr(library, name)()
            metrics[f"analysis {name} s"] = time.perf_counter() - start
        own = Path(index_dir) / "own-lexicon.toml"
        from index.analysis.frames import DEFAULT_LEXICON

        own.write_text(DEFAULT_LEXICON.read_text("utf-8") + "\n# the user's copy\n", "utf-8")
        start = time.perf_counter()
        library.frames(own)
        metrics["analysis frames, own lexicon s"] = time.perf_counter() - start
        total = sum(
            metrics[f"analysis {name} s"] for name in ("frames", "quotes", "claims", "reuse")
        )
        metrics["analysis total s"] = total
        metrics["build + analysis s"] = build_seconds + total
        metrics.update(beats_update(library, corpus))
        metrics["peak RSS with analysis MB"] = _maxrss_mb(resource.RUSAGE_SELF)
    library.close()
    return metrics


def articles_of(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.md"))


def _child(corpus: Path, index_dir: Path, analysis: bool) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bench_build", "--child",
               str(corpus), str(index_dir)]  # fmt: skip
    if not analysis:
        command.append("--no-analysis")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the build child failed (exit {done.returncode})")
    metrics: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return metrics


@contextlib.contextmanager
def _restored(size: int) -> Iterator[None]:
    """The cached corpus as it was, and its index up to date, after the re-index steps
    have changed, added and removed files in it."""
    corpus = corpus_for(size)
    touched = [
        articles_of(corpus)[len(articles_of(corpus)) // 2],
        beats_target(corpus),
        *sorted(corpus.glob("*.jsonl"))[:1],
    ]
    saved = {path: path.read_bytes() for path in touched}
    try:
        yield
    finally:
        for path, content in saved.items():
            path.write_bytes(content)
        (touched[0].with_name("added-later.md")).unlink(missing_ok=True)
        ready_library(size).close()


def _in_place(size: int, analysis: bool) -> dict[str, Any]:
    """The build measured on the cached corpus into its cached index, which it leaves
    built: at 100k one full build is over an hour, too long to pay twice."""
    corpus, index_dir = corpus_for(size), index_dir_for(size)
    shutil.rmtree(index_dir, ignore_errors=True)
    with _restored(size):
        return _child(corpus, index_dir, analysis)


FULL_BUILD_AT = "; the full build "


def reindex_only(size: int) -> dict[str, Any]:
    """The re-index figures alone, on the cached index as built before (no full build),
    merged into the last build results of this size."""
    library = ready_library(size)
    with _restored(size):
        library.build()  # the process has built once, as after a full build
        figures = reindex_steps(library, corpus_for(size))
        figures.update(beats_update(library, corpus_for(size)))
        library.close()
    last = RESULTS / f"build-{size}.json"
    data = json.loads(last.read_text("utf-8")) if last.exists() else {}
    metrics: dict[str, Any] = dict(data.get("metrics", {}))
    metrics.update(figures)
    notes = [n for n in data.get("notes", []) if not n.startswith("re-index figures")]
    when = time.strftime("%Y-%m-%dT%H:%M:%S")
    built = data.get("measured_at", "not measured")
    for note in data.get("notes", []):  # the results were re-index figures already
        if note.startswith("re-index figures") and FULL_BUILD_AT in note:
            built = note.split(FULL_BUILD_AT, 1)[1]
    notes.append(f"re-index figures measured {when} (--reindex-only){FULL_BUILD_AT}{built}")
    return {"metrics": metrics, "notes": notes}


def run(size: int, analysis: bool = True, in_place: bool = False) -> dict[str, Any]:
    if in_place:
        metrics = _in_place(size, analysis)
    else:
        with tempfile.TemporaryDirectory(prefix="explorer-bench-build-") as tmp:
            corpus = Path(tmp) / "corpus"
            shutil.copytree(corpus_for(size), corpus)
            metrics = _child(corpus, Path(tmp) / "index", analysis)
    if size >= 10000:
        scaled = (
            metrics["build + analysis s"]
            if "build + analysis s" in metrics
            else metrics["full build s"]
        )
        metrics["target: 10k build+analysis <= 60 s"] = (
            "met" if scaled * 10000 / size <= TARGET_BUILD_10K_SECONDS else "missed"
        )
    one_file = metrics["re-index, one .md changed s"]
    metrics["target: one changed file <= 1 s"] = (
        "met" if one_file <= TARGET_ONE_FILE_SECONDS else "missed"
    )
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    parser.add_argument("--no-analysis", action="store_true", help="skip the analysis timings")
    parser.add_argument("--in-place", action="store_true",
                        help="build the cached corpus's own index (once) instead of a copy's")  # fmt: skip
    parser.add_argument("--reindex-only", action="store_true",
                        help="only the re-index figures, on the cached index (kept in the last results)")  # fmt: skip
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "INDEX"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        metrics = measure(Path(args.child[0]), Path(args.child[1]), not args.no_analysis)
        print(json.dumps(metrics))
        return
    notes: list[str] = []
    if args.reindex_only:
        merged = reindex_only(args.size)
        metrics, notes = merged["metrics"], merged["notes"]
        metrics["target: one changed file <= 1 s"] = (
            "met" if metrics["re-index, one .md changed s"] <= TARGET_ONE_FILE_SECONDS else "missed"
        )
    else:
        metrics = run(args.size, analysis=not args.no_analysis, in_place=args.in_place)
    print_metrics(f"explorer build, {args.size} articles", metrics)
    print(f"wrote {write_results('build', args.size, metrics, notes)}")


if __name__ == "__main__":
    main()
