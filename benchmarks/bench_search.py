"""Kept so the README's earlier command still works: build and query benchmarks.
The full suite is `python -m benchmarks.run_all --size N`."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.common import size_argument

if __name__ == "__main__":
    size = size_argument(__doc__)
    for name in ("bench_build", "bench_query"):
        subprocess.run(
            [sys.executable, "-m", f"benchmarks.{name}", "--size", str(size)], check=True
        )
