"""The commands that write files or keep state: export (search results to CSV, JSON,
JSONL), show --markdown, report (Markdown or HTML), note and notes, bookmark and
bookmarks, config.

Rules kept here: a file is written only where the user named it, whole or not at
all (`index.write_atomic`); a format that cannot be told from the name is a usage
error; `--json` output is a contract (schemas/note.schema.json, notes,
bookmark, bookmarks); untrusted text reaches the terminal only through
`explorer.safe_text`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from explorer.cli_base import (
    FILE_COMMAND_HELP,
    UsageError,
    add_filters,
    print_json,
    ready,
    settings,
)
from index import (
    ExplorerError,
    Note,
    State,
    article_markdown,
    export_format,
    gather,
    render_rows,
    report_html,
    report_markdown,
    result_rows,
    write_atomic,
)

COMMAND_HELP = FILE_COMMAND_HELP
REPORT_FORMATS = {"md": "md", "markdown": "md", "html": "html", "htm": "html"}

AddCommon = Callable[[argparse.ArgumentParser, str], None]


def add_parsers(sub: Any, add_common: AddCommon, corpus_help: str) -> None:
    export = sub.add_parser("export", help=COMMAND_HELP["export"])
    export.add_argument("query", help="the query (as for search; '' exports every article)")
    add_common(export, corpus_help)
    export.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write: .csv, .json or .jsonl ('-': stdout)")  # fmt: skip
    export.add_argument("--format", choices=("csv", "json", "jsonl"),
                        help="the format (default: from --out's extension)")  # fmt: skip
    export.add_argument("--limit", type=int, default=0, help="most hits (default 0: all)")
    add_filters(export)

    report = sub.add_parser("report", help=COMMAND_HELP["report"])
    add_common(report, corpus_help)
    report.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write: .md or .html ('-': stdout)")  # fmt: skip
    report.add_argument("--format", choices=("md", "html"), help="default: from --out")
    report.add_argument("--query", help="report on the articles this query finds")
    report.add_argument("--lexicon", type=Path, metavar="FILE", help="a frame lexicon (TOML)")

    note = sub.add_parser("note", help=COMMAND_HELP["note"])
    note.add_argument("ref", help="an article id, id prefix, or file name")
    note.add_argument("text", help="the note")
    add_common(note, corpus_help)
    note.add_argument("--tag", action="append", default=[], help="a tag (may repeat)")
    note.add_argument("--json", action="store_true", help="print the note as JSON")

    notes = sub.add_parser("notes", help=COMMAND_HELP["notes"])
    notes.add_argument("path", nargs="?", type=Path,
                       help="only this corpus's notes (default: every corpus)")  # fmt: skip
    notes.add_argument("--search", metavar="Q", help="notes whose text, title or tags hold Q")
    notes.add_argument("--delete", type=int, metavar="ID", help="delete the note with this id")
    notes.add_argument("--json", action="store_true", help="print JSON")

    bookmark = sub.add_parser("bookmark", help=COMMAND_HELP["bookmark"])
    bookmark.add_argument("ref", help="an article id, id prefix, or file name")
    add_common(bookmark, corpus_help)
    bookmark.add_argument("--json", action="store_true", help="print the result as JSON")

    bookmarks = sub.add_parser("bookmarks", help=COMMAND_HELP["bookmarks"])
    bookmarks.add_argument("path", nargs="?", type=Path,
                           help="only this corpus's bookmarks (default: every corpus)")  # fmt: skip
    bookmarks.add_argument("--json", action="store_true", help="print JSON")

    config = sub.add_parser("config", help=COMMAND_HELP["config"])
    config.add_argument("--path", action="store_true", help="print the settings file's path")
    config.add_argument("--example", action="store_true", help="print a documented example")


def _stamp() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _emit_file(out: str, text: str, what: str) -> None:
    """`text` to stdout for '-', else written whole to the file; a line on stderr says so."""
    if out == "-":
        sys.stdout.write(text)
        return
    target = write_atomic(Path(out), text)
    sys.stderr.write(f"wrote {what} to {target}\n")


def cmd_export(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    if args.out == "-" and not args.format:
        raise UsageError("--out - writes to stdout: give --format csv, json or jsonl")
    try:
        fmt = export_format(Path(args.out), args.format)
    except ExplorerError as exc:
        raise UsageError(str(exc)) from exc
    library = ready(args)
    result = library.search(
        args.query, limit=args.limit or None, outlets=tuple(args.outlet),
        languages=tuple(args.lang), since=args.since, until=args.until, sort=args.sort,
        strict=True,
    )  # fmt: skip
    articles = {a.id: a for a in library.articles()}
    rows = result_rows(result, articles)
    text = render_rows(fmt, rows, result, str(library.corpus_path), _stamp())
    _emit_file(args.out, text, f"{len(rows)} hits of {args.query!r} as {fmt.upper()}")
    return 0


def markdown_article(args: argparse.Namespace) -> int:
    """`explorer show REF --markdown [--out FILE]`."""
    view = ready(args).article(args.ref)
    _emit_file(args.out or "-", article_markdown(view.article), "the article as Markdown")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    chosen = args.format
    if not chosen:
        if args.out == "-":
            raise UsageError("--out - writes to stdout: give --format md or html")
        suffix = Path(args.out).suffix.lower().lstrip(".")
        chosen = REPORT_FORMATS.get(suffix)
        if chosen is None:
            given = Path(args.out).suffix or "no extension"
            raise UsageError(
                f"{args.out}: cannot tell the format from {given!r}; "
                "name the file .md or .html, or give --format"
            )
    library = ready(args)
    report = gather(library, _stamp(), args.query, args.lexicon or settings().lexicon)
    text = report_markdown(report) if chosen == "md" else report_html(report)
    _emit_file(args.out, text, f"the report ({len(report.articles)} articles) as {chosen.upper()}")
    return 0


def note_to_dict(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "corpus": note.corpus,
        "article": note.article,
        "title": note.title,
        "text": note.text,
        "tags": list(note.tags),
        "created": datetime.fromtimestamp(note.created, UTC).isoformat(),
        "updated": datetime.fromtimestamp(note.updated, UTC).isoformat(),
    }


def cmd_note(args: argparse.Namespace) -> int:
    library = ready(args)
    article = library.article(args.ref).article
    state = State()
    try:
        note = state.add_note(library.corpus_path, article.id, args.text,
                              article.display_title, tuple(args.tag))  # fmt: skip
    finally:
        state.close()
    if args.json:
        print_json(note_to_dict(note))
    else:
        from explorer.safe_text import visible

        sys.stdout.write(
            visible(f"note {note.id} on {article.id} ({article.display_title})") + "\n"
        )
    return 0


def _delete_note(note_id: int, as_json: bool) -> int:
    state = State()
    try:
        found = state.note(note_id)
        if found is None or not state.delete_note(note_id):
            raise ExplorerError(f"no note {note_id}; list them with: explorer notes")
    finally:
        state.close()
    if as_json:
        print_json(note_to_dict(found))
    else:
        from explorer.safe_text import visible

        done = f"deleted note {found.id} on {found.article} ({found.title})"
        sys.stdout.write(visible(done) + "\n")
    return 0


def cmd_notes(args: argparse.Namespace) -> int:
    if args.delete is not None:
        if args.search or args.path:
            raise UsageError("--delete takes a note id only (no PATH or --search)")
        return _delete_note(args.delete, args.json)
    state = State()
    try:
        found = state.notes(args.path, search=args.search)
    finally:
        state.close()
    if args.json:
        print_json({"search": args.search, "notes": [note_to_dict(n) for n in found]})
        return 0
    from rich.table import Table

    from explorer.cli_render import stdout
    from explorer.safe_text import safe

    if not found:
        sys.stderr.write("explorer: no notes" + (f" holding {args.search!r}" if args.search else "")
                         + "; add one with: explorer note REF TEXT [PATH]\n")  # fmt: skip
        return 0
    table = Table(
        title=f"{len(found)} note{'' if len(found) == 1 else 's'}", expand=True, show_lines=True
    )
    table.add_column("when", no_wrap=True)
    for name, ratio in (("corpus", 2), ("article", 4), ("note", 6), ("tags", 2)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for n in found:
        when = datetime.fromtimestamp(n.updated).strftime("%Y-%m-%d %H:%M")
        table.add_row(when, safe(Path(n.corpus).name), safe(f"{n.title} ({n.article})"),
                      safe(n.text), safe(", ".join(n.tags)))  # fmt: skip
    stdout().print(table)
    return 0


def cmd_bookmark(args: argparse.Namespace) -> int:
    library = ready(args)
    article = library.article(args.ref).article
    state = State()
    try:
        marked = state.toggle_bookmark(library.corpus_path, article.id, article.display_title)
    finally:
        state.close()
    if args.json:
        print_json({"corpus": str(library.corpus_path), "article": article.id,
                    "title": article.display_title, "bookmarked": marked})  # fmt: skip
    else:
        from explorer.safe_text import visible

        done = "bookmarked" if marked else "removed the bookmark of"
        sys.stdout.write(visible(f"{done} {article.id} ({article.display_title})") + "\n")
    return 0


def cmd_bookmarks(args: argparse.Namespace) -> int:
    state = State()
    try:
        found = state.bookmarks(args.path)
    finally:
        state.close()
    if args.json:
        print_json({"bookmarks": [
            {"corpus": b.corpus, "article": b.article, "title": b.title,
             "created": datetime.fromtimestamp(b.created, UTC).isoformat()}
            for b in found
        ]})  # fmt: skip
        return 0
    if not found:
        sys.stderr.write("explorer: no bookmarks; add one with: explorer bookmark REF [PATH] "
                         "(or b in the app)\n")  # fmt: skip
        return 0
    from rich.table import Table

    from explorer.cli_render import stdout
    from explorer.safe_text import safe

    table = Table(title=f"{len(found)} bookmark{'' if len(found) == 1 else 's'}", expand=True)
    table.add_column("when", no_wrap=True)
    for name, ratio in (("corpus", 2), ("article", 6)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for b in found:
        when = datetime.fromtimestamp(b.created).strftime("%Y-%m-%d %H:%M")
        table.add_row(when, safe(Path(b.corpus).name), safe(f"{b.title} ({b.article})"))
    stdout().print(table)
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from explorer.config import config_path, example

    if args.example:
        sys.stdout.write(example())
        return 0
    path = config_path()
    if args.path:
        sys.stdout.write(f"{path}\n")
        return 0
    config = settings()
    exists = "" if path.exists() else " (no file yet: explorer config --example > that path)"
    sys.stdout.write(f"settings file: {path}{exists}\n")
    for key in ("corpus", "theme", "lexicon"):
        value = getattr(config, key)
        sys.stdout.write(f"{key:<8} {value if value is not None else '(default)'}\n")
    for binding, keys in sorted(config.keys.items()):
        sys.stdout.write(f"keys.{binding} = {keys}\n")
    return 1 if config.problems else 0


HANDLERS = {
    "export": cmd_export,
    "report": cmd_report,
    "note": cmd_note,
    "notes": cmd_notes,
    "bookmark": cmd_bookmark,
    "bookmarks": cmd_bookmarks,
    "config": cmd_config,
}
