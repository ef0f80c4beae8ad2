"""Import fidelity on real web pages and feeds: what a user finds in `explorer show --json`.

Rule kept here: every page and feed goes through `index.corpus.read_file`, the
path `explorer build` takes, so the figures are what a user meets; plain
trafilatura on the same bytes is measured beside it for comparison. No data set
ships with this script: point it at a folder of saved pages and a JSON of
expectations, or at a folder of feed files.

    python -m benchmarks.eval_import pages FOLDER EXPECT.json [--baseline] [--limit N]
    python -m benchmarks.eval_import feeds FOLDER

EXPECT.json maps any key to {"file": name in FOLDER, "with": [snippets that must
be in the text], "without": [boilerplate that must not], "title": ..., "date":
"YYYY-MM-DD", "author": ...} (trafilatura's evaluation format; empty values are
not scored). Snippets are compared with whitespace runs as one space.

For feeds, each file's outcome is one of: articles (N), skipped (reason), or
warning only; a file whose text says `Expect: not bozo` (feedparser's test
convention) counts as well-formed, and a well-formed file with entries (per
feedparser) that gives no article is a failure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

SPACE = re.compile(r"\s+")
# Invisible characters explorer removes from every text (soft hyphen, zero-width space ...).
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def norm(text: str) -> str:
    return SPACE.sub(" ", text.translate(INVISIBLE)).strip()


def key(text: str) -> str:
    """A title or name compared regardless of case, spacing and quote style."""
    text = text.casefold().translate(str.maketrans("‘’‚‛“”„«»–—", '\'\'\'\'"""""--'))
    return norm(text)


# --- pages ------------------------------------------------------------------------------


def ours(path: Path) -> dict[str, Any]:
    from index.corpus import read_file

    result = read_file(path.parent, path)
    if not result.articles:
        reasons = [s.reason for s in result.skipped] or ["no article"]
        return {"text": None, "skip": reasons[0]}
    art = result.articles[0]
    meta = art.meta
    return {
        "text": art.text,
        "title": meta.title.value,
        "date": meta.date.value,
        "author": meta.author.value,
    }


def plain_trafilatura(path: Path, comments: bool = True) -> dict[str, Any]:
    """trafilatura.extract with its defaults (comments in, or out), and its metadata."""
    import trafilatura

    data = path.read_bytes()
    text = trafilatura.extract(data, include_comments=comments)
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=comments)
    info: dict[str, Any] = {}
    if doc is not None:
        info = doc if isinstance(doc, dict) else doc.as_dict()
    return {
        "text": text,
        "title": info.get("title"),
        "date": info.get("date"),
        "author": info.get("author"),
        "skip": None if text else "trafilatura found nothing",
    }


def _run(args: tuple[str, str]) -> dict[str, Any]:
    import logging

    logging.disable(logging.CRITICAL)
    which, name = args
    try:
        if which == "ours":
            return ours(Path(name))
        return plain_trafilatura(Path(name), comments=which == "trafilatura")
    except Exception:  # a crash is a finding, reported, not the end of the run
        return {"text": None, "skip": "CRASH " + traceback.format_exc(limit=3)}


def score_pages(expect: dict[str, Any], outputs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    found = total_with = absent = total_without = 0
    fields = {f: [0, 0] for f in ("title", "date", "author")}  # right, stated
    skipped: list[str] = []
    misses: list[str] = []
    field_misses: list[str] = []
    for item in expect.values():
        out = outputs[item["file"]]
        text = norm(out.get("text") or "")
        if out.get("text") is None:
            skipped.append(f"{item['file']}: {out.get('skip')}")
        for snippet in item.get("with", []):
            total_with += 1
            if norm(snippet) in text:
                found += 1
            elif text:
                misses.append(f"{item['file']}: missing {snippet[:60]!r}")
        for snippet in item.get("without", []):
            total_without += 1
            if norm(snippet) not in text:
                absent += 1
            else:
                misses.append(f"{item['file']}: boilerplate {snippet[:60]!r}")
        for name, tally in fields.items():
            wanted = norm(str(item.get(name) or ""))
            if not wanted:
                continue
            tally[1] += 1
            got = norm(str(out.get(name) or ""))
            if name == "date":
                right = got[:10] == wanted[:10]
            elif name == "author":
                right = bool(got) and (key(wanted) in key(got) or key(got) in key(wanted))
            else:
                right = key(got) == key(wanted)
            tally[0] += right
            if not right:
                field_misses.append(f"{item['file']}: {name} {got!r} expected {wanted!r}")
    return {
        "pages": len(expect),
        "skipped": len(skipped),
        "must_have_present": found / max(total_with, 1),
        "boilerplate_absent": absent / max(total_without, 1),
        **{f"{n}_right": r / max(s, 1) for n, (r, s) in fields.items()},
        **{f"{n}_stated": s for n, (_, s) in fields.items()},
        "skipped_pages": skipped,
        "misses": misses,
        "field_misses": field_misses,
    }


def run_pages(folder: Path, expect_path: Path, baseline: bool, limit: int, jobs: int) -> int:
    expect = json.loads(expect_path.read_text(encoding="utf-8"))
    expect = {k: v for k, v in expect.items() if (folder / v["file"]).is_file()}
    if limit:
        expect = dict(list(expect.items())[:limit])
    files = sorted({str(folder / v["file"]) for v in expect.values()})
    runs = ["ours", "trafilatura", "traf-no-comments"] if baseline else ["ours"]
    report: dict[str, Any] = {}
    for which in runs:
        started = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_run, [(which, f) for f in files], chunksize=4))
        outputs = {Path(f).name: r for f, r in zip(files, results, strict=True)}
        report[which] = score_pages(expect, outputs)
        report[which]["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    for which in runs:
        r = report[which]
        print(
            f"{which:16} pages {r['pages']}  skipped {r['skipped']}  "
            f"must-have {r['must_have_present']:.1%}  boilerplate absent "
            f"{r['boilerplate_absent']:.1%}  title {r['title_right']:.1%} of {r['title_stated']}  "
            f"date {r['date_right']:.1%} of {r['date_stated']}  "
            f"author {r['author_right']:.1%} of {r['author_stated']}  ({r['seconds']} s)",
            file=sys.stderr,
        )
    return 0


# --- feeds ------------------------------------------------------------------------------

_EXPECT = re.compile(rb"Expect:\s*(.*?)\s*(?:-->|\n)", re.S)


def _feed_one(name: str) -> dict[str, Any]:
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    import feedparser

    from index.corpus import read_file

    path = Path(name)
    data = path.read_bytes()
    match = _EXPECT.search(data[:4096])
    expect = match.group(1).decode("utf-8", "replace") if match else ""
    try:
        fp = feedparser.parse(data)
        fp_entries = len(fp.entries)
        fp_bozo = bool(fp.bozo)
    except Exception:
        fp_entries, fp_bozo = 0, True
    try:
        result = read_file(path.parent, path)
    except Exception:
        return {"file": name, "outcome": "traceback", "detail": traceback.format_exc(limit=4)}
    if result.articles:
        outcome, detail = "articles", str(len(result.articles))
    elif result.skipped:
        outcome, detail = "skipped", result.skipped[0].reason
    elif result.warnings:
        outcome, detail = "warning", result.warnings[0].reason
    else:
        outcome, detail = "silent", ""
    return {
        "file": name,
        "outcome": outcome,
        "detail": detail,
        "lines": len(result.skipped) + len(result.warnings),
        "wellformed": "not bozo" in expect or (not fp_bozo and "bozo" not in expect),
        "fp_entries": fp_entries,
    }


def run_feeds(folder: Path, jobs: int, show: int) -> int:
    files = sorted(str(p) for p in folder.rglob("*") if p.is_file())
    with ProcessPoolExecutor(jobs) as pool:
        rows = list(pool.map(_feed_one, files, chunksize=16))
    outcomes = Counter(r["outcome"] for r in rows)
    wanted = [r for r in rows if r.get("wellformed") and r.get("fp_entries")]
    gave = [r for r in wanted if r["outcome"] == "articles"]
    failures = [r for r in wanted if r["outcome"] != "articles"]
    print(f"files {len(rows)}: " + ", ".join(f"{k} {v}" for k, v in outcomes.most_common()))
    print(
        f"well-formed with entries: {len(wanted)}; gave articles: {len(gave)} "
        f"({len(gave) / max(len(wanted), 1):.1%})"
    )
    for r in [r for r in rows if r["outcome"] in ("traceback", "silent")][:show]:
        print(f"  {r['outcome'].upper()}: {r['file']} {r.get('detail', '')}")
    reasons = Counter(r["detail"] for r in failures)
    for reason, count in reasons.most_common(show):
        print(f"  no articles ({count}): {reason}")
    return 1 if outcomes["traceback"] or outcomes["silent"] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval_import")
    sub = parser.add_subparsers(dest="what", required=True)
    pages = sub.add_parser("pages", help="saved web pages against expected snippets and fields")
    pages.add_argument("folder", type=Path)
    pages.add_argument("expect", type=Path)
    pages.add_argument(
        "--baseline", action="store_true", help="also plain trafilatura.extract (comments in, out)"
    )
    pages.add_argument("--limit", type=int, default=0)
    pages.add_argument("--jobs", type=int, default=2)
    feeds = sub.add_parser("feeds", help="a folder of feed files, one outcome per file")
    feeds.add_argument("folder", type=Path)
    feeds.add_argument("--jobs", type=int, default=2)
    feeds.add_argument("--show", type=int, default=15)
    args = parser.parse_args(argv)
    if args.what == "pages":
        return run_pages(args.folder, args.expect, args.baseline, args.limit, args.jobs)
    return run_feeds(args.folder, args.jobs, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
