"""The `explorer` command line's parsers: the app's (`explorer [PATH]`) and the
subcommands' (`explorer COMMAND ...`), with the help each command shows.

Rule kept here: a parser error is a UsageError (one line naming the command's
--help), never argparse's own exit; building the subcommands' parsers imports
`explorer.cli_files`, so it happens only when a command is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from explorer.cli_base import FILE_COMMAND_HELP, UsageError, add_filters

COMMAND_HELP = {
    "index": "build or update a corpus's index",
    "info": "articles, outlets, dates, languages, skipped files",
    "search": "search a corpus",
    "show": "one article with its metadata",
    "frames": "how each article frames the story, with evidence",
    "quotes": "the quote ledger: who is quoted saying what",
    "claims": "story beats across outlets: who reports, who omits",
    "reuse": "passages articles share, and the likely original",
    **FILE_COMMAND_HELP,
}
COMMANDS = tuple(COMMAND_HELP)
EPILOG = (
    "commands (explorer COMMAND --help):\n"
    + "".join(f"  {name:<9} {text}\n" for name, text in COMMAND_HELP.items())
    + "\nexit codes: 0 success, 1 failure, 2 usage or a bad query, 130 interrupted"
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        if self.prog == "explorer search" and "query" in message:
            message += "; a query starting with '-' goes last, after '--': explorer search -- -word"
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("explorer")
    except PackageNotFoundError:
        return "unknown"


class _VersionAction(argparse.Action):
    """--version: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:  # fmt: skip
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        sys.stdout.write(f"explorer {_version()}\n")
        parser.exit()


def _add_common(parser: argparse.ArgumentParser, path_help: str) -> None:
    parser.add_argument("path", nargs="?", type=Path, help=path_help)
    parser.add_argument(
        "--index", type=Path, metavar="DIR", help="where the index lives (default: user data dir)"
    )


CORPUS_HELP = "a corpus folder or file (default: the bundled Behemoth corpus)"


def build_parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The app's parser and the subcommands' parser."""
    return app_parser(), command_parser()


def app_parser() -> argparse.ArgumentParser:
    """`explorer [PATH] [--index DIR]`: the app."""
    app = _Parser(
        prog="explorer",
        description="Read, search and compare how news outlets cover one story: "
        "with no command, open the app on a corpus.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(app, CORPUS_HELP)
    app.add_argument("--version", action=_VersionAction,
                     help="show program's version number and exit")  # fmt: skip
    return app


def command_parser() -> argparse.ArgumentParser:
    """`explorer COMMAND ...`: the subcommands."""
    from explorer import cli_files

    corpus_help = CORPUS_HELP
    top = _Parser(prog="explorer")
    sub = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    index_cmd = sub.add_parser("index", help=COMMAND_HELP["index"])
    index_cmd.add_argument("path", type=Path, help="a corpus folder or file")
    index_cmd.add_argument("--index", type=Path, metavar="DIR", help="where the index lives")
    index_cmd.add_argument("--workers", type=int, help="processes reading files (default: cores)")
    index_cmd.add_argument("--json", action="store_true", help="print the summary as JSON")

    info = sub.add_parser("info", help=COMMAND_HELP["info"])
    _add_common(info, corpus_help)
    info.add_argument("--json", action="store_true", help="print JSON")

    search = sub.add_parser("search", help=COMMAND_HELP["search"])
    search.add_argument(
        "query",
        help='the query: words, "phrases", AND/OR/NOT, -word, field:value, prefix*; '
        "one starting with '-' goes last, after '--'",
    )
    _add_common(search, corpus_help)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=int, default=20, help="most hits to show (default 20)")
    add_filters(search)

    show = sub.add_parser("show", help=COMMAND_HELP["show"])
    show.add_argument("ref", help="an article id, id prefix, or file name")
    _add_common(show, corpus_help)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--query", help="highlight this query's matches")
    show.add_argument("--markdown", action="store_true",
                      help="print Markdown with the metadata as YAML front matter")  # fmt: skip
    show.add_argument("--out", metavar="FILE", help="with --markdown: write to this file")
    frames = sub.add_parser("frames", help=COMMAND_HELP["frames"])
    _add_common(frames, corpus_help)
    frames.add_argument("--json", action="store_true", help="print JSON")
    frames.add_argument(
        "--lexicon", type=Path, metavar="FILE", help="your own frame lexicon (TOML)"
    )

    quotes = sub.add_parser("quotes", help=COMMAND_HELP["quotes"])
    _add_common(quotes, corpus_help)
    quotes.add_argument("--json", action="store_true", help="print JSON")
    claims = sub.add_parser("claims", help=COMMAND_HELP["claims"])
    _add_common(claims, corpus_help)
    claims.add_argument("--json", action="store_true", help="print JSON")

    reuse = sub.add_parser("reuse", help=COMMAND_HELP["reuse"])
    _add_common(reuse, corpus_help)
    reuse.add_argument("--json", action="store_true", help="print JSON")
    cli_files.add_parsers(sub, _add_common, corpus_help)
    return top
