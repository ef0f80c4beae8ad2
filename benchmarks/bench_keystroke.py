"""Keystroke-to-results benchmark in the real app, driven by Textual's Pilot.

    python -m benchmarks.bench_keystroke --size 1000

For each of a few words, typed one letter at a time (prefix lengths 1..8), and
for phrases, boolean, outlet and date-range queries (all but the last character
entered first, then the last key pressed), it measures from the key press to
the first frame in which the results list shows the new query's hits:

- the clock starts just before Pilot sends the key;
- the app's message hook sees the message carrying the query's SearchResult
  (any message with a `result` attribute holding a SearchResult for that query,
  e.g. MainScreen.Searched) when it is dispatched to its handler;
- `App.post_display_hook` (called after every frame the screen composes) stops
  the clock at the first frame after that in which the results OptionList holds
  exactly that result's hit ids, in order.

Breakdown per sample: key -> result dispatched (debounce + worker search +
message hop) and result -> painted (handler + layout + compositor). Headless
frames skip the final write to a terminal (a few ms for a full screen).
The next key is pressed only after the previous query painted, so each keystroke
pays the app's full debounce: this is the slow typist's case, the worst one.
The garbage collector's runs during the timed keys are counted, with the longest
pause of each generation (a pause lands on whichever keystroke it interrupts).
Writes benchmarks/results/keystroke-<size>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from benchmarks.common import (
    corpus_for,
    index_dir_for,
    median,
    percentile,
    print_table,
    private_state,
    ready_library,
    write_results,
)
from benchmarks.queries import build_queries
from benchmarks.queries import typed_words as typed_words_of

SIZE = (160, 48)
TIMEOUT = 60.0
TARGETS = {1000: (16.0, 100.0), 10000: (16.0, 100.0), 100000: (None, 300.0)}


@dataclass
class Probe:
    """Watches one query from its key press to its painted results."""

    query: str | None = None
    pressed: float = 0.0
    dispatched: float | None = None
    painted: float | None = None
    hit_ids: list[str] = field(default_factory=list)
    search_seconds: float = 0.0
    error: str | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def arm(self, query: str) -> None:
        self.query, self.dispatched, self.painted, self.error = query, None, None, None
        self.hit_ids, self.search_seconds = [], 0.0
        self.done = asyncio.Event()
        self.pressed = time.perf_counter()


def shown_ids(app: Any) -> list[str]:
    """The hit ids the results list holds (an OptionList's option ids in versions
    that list results in one)."""
    results = app.screen.query("#results").first()
    if hasattr(results, "hit_ids"):
        return list(results.hit_ids)
    return [results.get_option_at_index(i).id for i in range(results.option_count)]


def install(app: Any, probe: Probe) -> Any:
    """The message hook for run_test, and the frame hook installed on `app`."""
    from index import SearchResult

    def hook(message: Any) -> None:
        if probe.query is None or probe.dispatched is not None:
            return
        result = getattr(message, "result", None)
        if isinstance(result, SearchResult) and result.query == probe.query:
            probe.dispatched = time.perf_counter()
            probe.hit_ids = [hit.id for hit in result.hits]
            probe.search_seconds = result.seconds
        elif result is None and getattr(message, "error", None) and hasattr(message, "result"):
            probe.dispatched = time.perf_counter()
            probe.error = str(message.error)

    def painted() -> None:
        if probe.dispatched is None or probe.painted is not None:
            return
        if probe.error is None:
            try:
                shown = shown_ids(app)
            except Exception:
                return
            if shown[: len(probe.hit_ids)] != probe.hit_ids or len(shown) != len(probe.hit_ids):
                return
        probe.painted = time.perf_counter()
        probe.done.set()

    app.post_display_hook = painted
    return hook


async def settle(probe: Probe) -> bool:
    try:
        await asyncio.wait_for(probe.done.wait(), TIMEOUT)
    except TimeoutError:
        return False
    return True


class Collections:
    """The garbage collector's runs while the keystrokes are timed: how many of each
    generation and the longest pause (a full collection walks every live object)."""

    def __init__(self) -> None:
        self.started: float | None = None
        self.pauses: dict[int, list[float]] = defaultdict(list)

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        elif self.started is not None:
            self.pauses[info["generation"]].append((time.perf_counter() - self.started) * 1000)
            self.started = None

    def metrics(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for generation in (0, 1, 2):
            pauses = self.pauses.get(generation, [])
            out[f"gc generation {generation} collections"] = len(pauses)
            out[f"gc generation {generation} longest ms"] = max(pauses, default=0.0)
        return out


async def session(
    size: int, words: tuple[str, ...], others: list[tuple[str, str]]
) -> dict[str, Any]:
    from explorer.app import make_app  # first: explorer sets Textual's frame rate

    from textual.widgets import Input  # isort: skip

    app = make_app(corpus_for(size), index_dir_for(size), state=private_state())
    probe = Probe()
    hook = install(app, probe)
    samples: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    timeouts: list[str] = []
    started = time.perf_counter()
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        probe.arm("")  # the app lists every article once its index is open
        if not await settle(probe):
            raise SystemExit("the app never showed its first results")
        ready_seconds = time.perf_counter() - started
        query_input = app.screen.query_one("#query", Input)
        query_input.focus()
        collections = Collections()
        gc.callbacks.append(collections)

        async def enter(text: str) -> None:
            """Put text in the box without timing it; wait for its results."""
            if query_input.value == text:
                return  # no change, no search
            probe.arm(text)
            query_input.value = text
            query_input.cursor_position = len(text)
            if not await settle(probe):
                timeouts.append(f"setting {text!r}")

        async def press(cls: str, query: str, key: str) -> None:
            probe.arm(query)
            await pilot.press(key)
            if not await settle(probe):
                timeouts.append(f"{cls}: {query!r}")
                return
            assert probe.dispatched is not None and probe.painted is not None
            samples[cls].append((
                (probe.painted - probe.pressed) * 1000,
                (probe.dispatched - probe.pressed) * 1000,
                (probe.painted - probe.dispatched) * 1000,
                probe.search_seconds * 1000,
            ))  # fmt: skip

        for word in words:
            await enter("")
            for length in range(1, 9):
                await press(f"prefix {length}", word[:length], word[length - 1])
        for cls, text in others:
            await enter(text[:-1])
            key = text[-1] if text[-1] != " " else "space"
            await press(cls, text, key)
        gc.callbacks.remove(collections)
    metrics: dict[str, Any] = {"app ready (index open, first results painted) s": ready_seconds}
    metrics.update(collections.metrics())
    try:
        from explorer.screens import main as main_screen

        metrics["app debounce ms"] = float(main_screen.DEBOUNCE) * 1000
    except (ImportError, AttributeError):
        pass
    metrics["timeouts"] = len(timeouts)
    for cls, rows in samples.items():
        total = [r[0] for r in rows]
        metrics[f"{cls} n"] = len(rows)
        metrics[f"{cls} p50 ms"] = median(total)
        metrics[f"{cls} p95 ms"] = percentile(total, 0.95)
        metrics[f"{cls} key->result p50 ms"] = median(r[1] for r in rows)
        metrics[f"{cls} result->painted p50 ms"] = median(r[2] for r in rows)
        metrics[f"{cls} search (SearchResult.seconds) p95 ms"] = percentile(
            [r[3] for r in rows], 0.95
        )
    metrics["_timeouts"] = timeouts
    return metrics


def run(size: int, per_class: int = 6) -> dict[str, Any]:
    library = ready_library(size)  # build the cached index first: the app only opens it
    texts = [library.article(h.id).article.text
             for h in library.search("", languages=("en",), limit=300, sort="-date").hits]  # fmt: skip
    library.close()
    others = [(q.cls, q.text) for q in build_queries(texts, per_class)
              if q.cls in ("phrase", "boolean", "outlet", "date range", "common word", "rare word")]  # fmt: skip
    metrics = asyncio.run(session(size, typed_words_of(per_class), others))
    p50_target, p95_target = TARGETS.get(size, (None, None))
    classes = sorted(
        {k.rsplit(" p50 ms", 1)[0] for k in metrics if k.endswith(" p50 ms") and "->" not in k}
    )
    worst50 = max((metrics[f"{c} p50 ms"] for c in classes), default=float("nan"))
    worst95 = max((metrics[f"{c} p95 ms"] for c in classes), default=float("nan"))
    metrics["worst class p50 ms"] = worst50
    metrics["worst class p95 ms"] = worst95
    if p50_target is not None:
        metrics[f"target: p50 <= {p50_target:g} ms"] = "met" if worst50 <= p50_target else "missed"
    if p95_target is not None:
        metrics[f"target: p95 <= {p95_target:g} ms"] = "met" if worst95 <= p95_target else "missed"
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    parser.add_argument("--words", type=int, default=6, help="words typed, and queries per class")
    args = parser.parse_args()
    metrics = run(args.size, args.words)
    timeouts = metrics.pop("_timeouts")
    classes = sorted({k.rsplit(" n", 1)[0] for k in metrics if k.endswith(" n")},
                     key=lambda c: (not c.startswith("prefix"), c))  # fmt: skip
    print_table(f"keystroke -> results painted, {args.size} articles (ms)",
                ("query class", "n", "p50", "p95", "key->result p50", "result->paint p50",
                 "search p95"),
                [(c, metrics[f"{c} n"], metrics[f"{c} p50 ms"], metrics[f"{c} p95 ms"],
                  metrics[f"{c} key->result p50 ms"], metrics[f"{c} result->painted p50 ms"],
                  metrics[f"{c} search (SearchResult.seconds) p95 ms"]) for c in classes])  # fmt: skip
    summary = {k: v for k, v in metrics.items() if not any(k.startswith(c + " ") for c in classes)}
    print_table("summary", ("metric", "value"), summary.items())
    notes = [f"timed out: {t}" for t in timeouts]
    print(f"wrote {write_results('keystroke', args.size, metrics, notes)}")


if __name__ == "__main__":
    main()
