"""Every benchmark at one corpus size, then benchmarks/results.md from all results.

    python -m benchmarks.run_all --size 1000

Generates the synthetic corpus (cached per size under $EXPLORER_BENCH_CACHE, by
default <tmp>/explorer-bench), builds its index once, and runs build, query,
keystroke, start-up and memory benchmarks, each in its own process so no one's
imports or memory skew another's. The corpus analysis (frames, quotes, claims,
reuse) is timed up to --analysis-limit articles (10,000 by default: the build
target is for 10k articles with their analysis).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from benchmarks.common import corpus_for, ready_library
from benchmarks.report import write_report

# from this size one full build is too long to pay twice: the build benchmark builds the
# cached index itself, first
IN_PLACE_FROM = 10000
BENCHMARKS = ("bench_build", "bench_query", "bench_keystroke", "bench_startup", "bench_memory")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    parser.add_argument("--only", nargs="*", choices=BENCHMARKS, help="run only these benchmarks")
    parser.add_argument("--analysis-limit", type=int, default=10000,
                        help="time the analysis only for corpora up to this size (default 10000)")  # fmt: skip
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"corpus: {corpus_for(args.size)}")
    chosen = args.only or BENCHMARKS
    in_place = args.size >= IN_PLACE_FROM and "bench_build" in chosen
    if not in_place:
        ready_library(args.size).close()
        print(f"index ready after {time.perf_counter() - started:.1f} s")
    failed = []
    for name in chosen:
        command = [sys.executable, "-m", f"benchmarks.{name}", "--size", str(args.size)]
        if name == "bench_build" and args.size > args.analysis_limit:
            command.append("--no-analysis")
        if name == "bench_build" and in_place:
            command.append("--in-place")  # its build is the index the others search
        print(f"\n$ {' '.join(command[1:])}", flush=True)
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(name)
    print(f"\nwrote {write_report()}")
    print(
        f"all done in {time.perf_counter() - started:.0f} s"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
