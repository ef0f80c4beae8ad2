"""What every command shares: the usage error, the user's settings (read once), the
default corpus, the ready library and JSON on stdout.

Rule kept here: one module instance holds the settings, so each problem in the
config file is said once, whichever command module asks (also under
`python -m explorer.cli`).
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from explorer.config import Config
from index import BUNDLED_CORPUS, Library

# the commands of `explorer.cli_files`, here so that `explorer --help` lists them
# without loading that module
FILE_COMMAND_HELP = {
    "export": "search results to a CSV, JSON or JSONL file",
    "report": "a comparison report as Markdown or HTML",
    "note": "add a note (and tags) to an article",
    "notes": "list, search or delete your notes",
    "bookmark": "bookmark an article (again: remove the bookmark)",
    "bookmarks": "list your bookmarks",
    "config": "where the settings file is, and an example",
}


class UsageError(Exception):
    """Bad arguments: exit code 2."""


def add_filters(parser: argparse.ArgumentParser) -> None:
    """The options that narrow and order a search, shared by `search` and `export`."""
    parser.add_argument("--outlet", action="append", default=[], help="only this outlet")
    parser.add_argument("--lang", action="append", default=[], help="only this language")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="published on or after")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="published on or before")
    parser.add_argument("--sort", choices=("relevance", "date", "-date"), default="relevance")


@cache
def settings() -> Config:
    """The user's config file, read once; each problem in it is one line on stderr."""
    from explorer.config import load_config

    return load_config()


def default_corpus() -> Path:
    """The config's `corpus` when it exists (else a warning), or the bundled corpus."""
    chosen = settings().corpus
    if chosen is None:
        return BUNDLED_CORPUS
    if not chosen.exists():
        sys.stderr.write(
            f"explorer: config {settings().path}: corpus {chosen} does not exist; "
            "using the bundled corpus\n"
        )
        return BUNDLED_CORPUS
    return chosen


def ready(args: argparse.Namespace) -> Library:
    """The corpus's library (PATH, else the default corpus), indexed first when it has
    no index yet."""
    path = args.path if args.path is not None else default_corpus()
    library = Library(path, args.index)
    if library.needs_build():
        from explorer.cli_render import build_with_progress

        build_with_progress(library, first_use=True)
    return library


def print_json(data: Any) -> None:
    from explorer.safe_text import write_utf8

    write_utf8(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
