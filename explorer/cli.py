"""The `explorer` command: the app with no subcommand; index, info, search, show,
frames, quotes, claims and reuse for the shell and for scripts (`--json`); export,
report, note, notes and config in `explorer.cli_files`.

Rules kept here: `--json` prints pure JSON on stdout (shapes in schemas/, keys
never renamed silently) and everything else goes to stderr; every failure is
one line `explorer: ...` on stderr, never a traceback (unless EXPLORER_DEBUG=1).
Exit codes: 0 success, 1 failure (a corpus, index or article problem), 2 usage
(bad arguments or a query that cannot be parsed), 130 interrupted.
Textual is imported only on the app's path.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.cli_base import UsageError, default_corpus, settings
from explorer.cli_base import print_json as _print_json
from explorer.cli_base import ready as _ready
from explorer.cli_parser import COMMANDS, app_parser, command_parser
from index import ExplorerError, Library, QueryError

if TYPE_CHECKING:
    from index import BuildSummary

# The app's path (no command) loads only what its first frame needs: the commands'
# parsers (built on demand), `explorer.cli_files` and the JSON codecs load when a
# command is given.


def summary_to_dict(summary: BuildSummary) -> dict[str, Any]:
    return {
        "indexed": summary.indexed,
        "unchanged": summary.unchanged,
        "removed": summary.removed,
        "skipped": [{"file": s.file, "reason": s.reason} for s in summary.skipped],
        "duplicates": [
            {"file": d.file, "entry": d.entry, "id": d.id, "same_as": d.same_as}
            for d in summary.duplicates
        ],
        "warnings": [{"file": w.file, "reason": w.reason} for w in summary.warnings],
        "seconds": round(summary.seconds, 3),
        "rebuilt": summary.rebuilt,
        "message": summary.message,
    }


def cmd_index(args: argparse.Namespace) -> int:
    from explorer.cli_render import build_with_progress, print_summary

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be 1 or more")
    library = Library(args.path, args.index)
    summary = build_with_progress(library, args.workers)
    if args.json:
        _print_json(summary_to_dict(summary))
    else:
        print_summary(summary)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from index import article_to_dict

    library = _ready(args)
    info = library.info()
    articles = library.articles()
    if not args.json:
        from explorer.cli_render import print_info

        print_info(info, articles)
        return 0
    _print_json(
        {
            "corpus": info.root,
            "index": info.index_dir,
            "articles": [article_to_dict(a, text=False) for a in articles],
            "outlets": [{"value": f.value, "count": f.count} for f in info.outlets],
            "languages": [{"value": f.value, "count": f.count} for f in info.languages],
            "date_range": {"min": info.date_min, "max": info.date_max},
            "skipped": [{"file": s.file, "reason": s.reason} for s in info.skipped],
            "duplicates": [
                {"file": d.file, "entry": d.entry, "id": d.id, "same_as": d.same_as}
                for d in info.duplicates
            ],
        }
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from index import hit_to_dict

    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    library = _ready(args)
    result = library.search(
        args.query,
        limit=args.limit or None,
        outlets=tuple(args.outlet),
        languages=tuple(args.lang),
        since=args.since,
        until=args.until,
        sort=args.sort,
        strict=True,
    )
    if not args.json:
        from explorer.cli_render import print_search

        print_search(result, library.name)
        return 0
    facets = result.facets
    _print_json(
        {
            "query": result.query,
            "total": result.total,
            "seconds": round(result.seconds, 4),
            "notice": result.notice,
            "hits": [hit_to_dict(hit) for hit in result.hits],
            "facets": {
                name: [{"value": f.value, "count": f.count} for f in counts]
                for name, counts in (
                    ("outlets", facets.outlets),
                    ("languages", facets.languages),
                    ("dates", facets.dates),
                )
            },
        }
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from index import article_to_dict

    if args.markdown:
        if args.json:
            raise UsageError("--markdown and --json: choose one")
        from explorer.cli_files import markdown_article

        return markdown_article(args)
    if args.out:
        raise UsageError("--out goes with --markdown")
    library = _ready(args)
    view = library.article(args.ref, args.query)
    note = library.changed_on_disk(view.article)
    if note:
        _fail(f"note: {note} (explorer index {library.corpus_path})", 0)
    if not args.json:
        from explorer.cli_render import print_article

        print_article(view)
        return 0
    data = article_to_dict(view.article)
    if args.query:
        data["matches"] = [[s.start, s.end] for s in view.matches]
    _print_json(data)
    return 0


def _ready_to_analyse(args: argparse.Namespace) -> Library | None:
    """The corpus's library; None, with one line saying so, when it holds no article to
    analyse and a person (not `--json`) asked: empty tables tell them nothing."""
    library = _ready(args)
    if args.json or library.info().articles:
        return library
    _fail(
        f"{library.corpus_path} holds no articles to analyse; add text, Markdown, HTML,"
        " JSON/JSONL, CSV or feed files (explorer info lists what was skipped)",
        0,
    )
    return None


def _emit(args: argparse.Namespace, as_json: Callable[[], Any], renderer: str, *data: Any) -> int:
    """JSON on stdout with --json, else the named Rich renderer of explorer.cli_analysis."""
    if args.json:
        _print_json(as_json())
        return 0
    from explorer import cli_analysis

    getattr(cli_analysis, renderer)(*data)
    return 0


def cmd_frames(args: argparse.Namespace) -> int:
    from index import frames_to_dict

    library = _ready_to_analyse(args)
    if library is None:
        return 0
    results, lexicon = library.frames(args.lexicon or settings().lexicon)
    return _emit(args, lambda: frames_to_dict(results, lexicon), "print_frames", results, lexicon)


def cmd_quotes(args: argparse.Namespace) -> int:
    from index import quotes_to_dict

    library = _ready_to_analyse(args)
    if library is None:
        return 0
    quotes = library.quotes()
    return _emit(args, lambda: quotes_to_dict(quotes), "print_quotes", quotes)


def cmd_claims(args: argparse.Namespace) -> int:
    from index import claims_to_dict

    library = _ready_to_analyse(args)
    if library is None:
        return 0
    found = library.beats()
    outlets = tuple(f.value for f in library.info().outlets)
    return _emit(
        args, lambda: claims_to_dict(found, outlets), "print_claims", found.beats, outlets,
        found.note,
    )  # fmt: skip


def cmd_reuse(args: argparse.Namespace) -> int:
    from index import reuse_to_dict

    library = _ready_to_analyse(args)
    if library is None:
        return 0
    reuse = library.reuse()
    return _emit(args, lambda: reuse_to_dict(reuse), "print_reuse", reuse)


def cmd_app(args: argparse.Namespace) -> int:
    from explorer.app import make_app
    from explorer.safe_text import utf8_terminal

    path = args.path if args.path is not None else default_corpus()
    if not Path(path).expanduser().exists():
        raise ExplorerError(f"{path}: no such file or folder; give a corpus folder or file")
    utf8_terminal()
    make_app(Path(path), args.index, config=settings()).run()
    return 0


HANDLERS = {
    "index": cmd_index,
    "info": cmd_info,
    "search": cmd_search,
    "show": cmd_show,
    "frames": cmd_frames,
    "quotes": cmd_quotes,
    "claims": cmd_claims,
    "reuse": cmd_reuse,
}


def _handler(command: str) -> Callable[[argparse.Namespace], int]:
    if command in HANDLERS:
        return HANDLERS[command]
    from explorer import cli_files

    return cli_files.HANDLERS[command]


def _command_first(argv: list[str]) -> list[str]:
    """`explorer --index DIR search ...` read as `explorer search ... --index DIR`."""
    if argv[:1] == ["--index"] and len(argv) > 2 and argv[2] in COMMANDS:
        return [argv[2], *argv[3:], *argv[:2]]
    if argv and argv[0].startswith("--index=") and len(argv) > 1 and argv[1] in COMMANDS:
        return [argv[1], *argv[2:], argv[0]]
    return argv


def _parse_command(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Options may also stand between the positionals: `search QUERY --json PATH`."""
    try:
        return parser.parse_args(argv)
    except UsageError:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "--" in argv:
            raise
        try:
            args = sub.choices[argv[0]].parse_intermixed_args(argv[1:])
        except UsageError:
            pass
        else:
            args.command = argv[0]
            return args
        raise


def _dispatch(argv: Sequence[str]) -> int:
    argv = _command_first(list(argv))
    if not any(a in ("-h", "--help", "--version") for a in argv):
        settings()  # a problem in the config file is said first, whatever the command
    if argv and argv[0] in COMMANDS:
        args = _parse_command(command_parser(), argv)
        return _handler(args.command)(args)
    first = argv[0] if argv else ""
    if first and not first.startswith("-") and not Path(first).expanduser().exists():
        close = difflib.get_close_matches(first, COMMANDS, n=1)
        if close:
            raise UsageError(
                f"{first!r} is neither a command nor a corpus path; did you mean: explorer "
                f"{close[0]}? (see: explorer --help)"
            )
    return cmd_app(app_parser().parse_args(argv))


def _fail(message: str, code: int) -> int:
    from explorer.safe_text import visible

    sys.stderr.write(f"explorer: {visible(' '.join(message.splitlines()))}\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    from explorer.safe_text import argument, fit_streams

    fit_streams()
    argv = [argument(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    try:
        code = _dispatch(argv)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers below
        return code
    except UsageError as exc:
        return _fail(str(exc), 2)
    except QueryError as exc:
        return _fail(f"{exc}; fix the query (see: explorer search --help)", 2)
    except ExplorerError as exc:
        return _fail(str(exc), 1)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        if os.environ.get("EXPLORER_DEBUG"):
            raise
        return _fail(
            f"internal error: {type(exc).__name__}: {exc} (set EXPLORER_DEBUG=1 for details)", 1
        )


if __name__ == "__main__":
    sys.exit(main())
