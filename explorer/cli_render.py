"""Rich output of the command line for people: the build's progress and summary,
info, search and show. Progress and notes go to stderr, results to stdout.

Rule kept here: article text and metadata are untrusted; they reach the
terminal only through `explorer.safe_text` (never parsed as markup, control
characters made visible).
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from explorer.safe_text import one_line, safe, visible
from index import (
    CONFIRMED,
    INFERRED,
    META_FIELDS,
    Article,
    ArticleView,
    BuildProgress,
    BuildSummary,
    CorpusInfo,
    FacetCount,
    Library,
    MetaField,
    SearchResult,
)

_MATCH = "bold black on yellow"


class _Console(Console):
    """A console whose closed pipe (`explorer info | head`) ends the command quietly:
    BrokenPipeError reaches `explorer.cli.main` instead of Rich's SystemExit(1)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def stdout() -> Console:
    return _Console(highlight=False, soft_wrap=False)


def stderr() -> Console:
    return _Console(stderr=True, highlight=False)


def build_with_progress(
    library: Library, workers: int | None = None, *, first_use: bool = False
) -> BuildSummary:
    """Build with a progress bar on stderr when it is a terminal; one line otherwise.

    `first_use`: the build runs because another command needs an index; a one-line
    summary then follows on stderr (the `index` command prints its own summary).
    """
    err = stderr()
    why = " (no index yet)" if first_use else ""
    if not err.is_terminal:
        err.print(one_line(f"indexing {library.corpus_path}{why} …"), soft_wrap=True)
        summary = library.build(workers=workers)
    else:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[file]}", markup=False),
        )
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("indexing", total=None, file="")

            def update(progress: BuildProgress) -> None:
                bar.update(
                    task,
                    description=progress.phase,
                    completed=progress.done,
                    total=progress.total or None,
                    file=visible(progress.file)[-50:],
                )

            summary = library.build(progress=update, workers=workers)
    if first_use and summary.message:
        err.print(one_line(summary.message), soft_wrap=True)
    if first_use:
        skipped = f", {len(summary.skipped)} files skipped (see: explorer info)"
        err.print(
            Text(
                f"indexed {summary.indexed} article{'' if summary.indexed == 1 else 's'}"
                f"{skipped if summary.skipped else ''} in {summary.seconds:.1f}s",
                style="dim",
            ),
            soft_wrap=True,
        )
    return summary


def print_summary(summary: BuildSummary) -> None:
    """The `index` command's report: each skipped file, warning and duplicate in one line,
    then the totals."""
    out = stdout()
    if summary.message:
        out.print(one_line(summary.message, "bold"), soft_wrap=True)
    for skipped in summary.skipped:
        out.print(one_line(f"skipped {skipped.file}: {skipped.reason}", "yellow"), soft_wrap=True)
    for warning in summary.warnings:
        out.print(one_line(f"warning {warning.file}: {warning.reason}", "dim"), soft_wrap=True)
    for dup in summary.duplicates:
        where = dup.file if dup.entry is None else f"{dup.file} #{dup.entry}"
        line = f"duplicate {where}: same text as {dup.same_as}; not indexed"
        out.print(one_line(line, "dim"), soft_wrap=True)
    out.print(
        Text(
            f"{summary.indexed} indexed, {summary.unchanged} unchanged, {summary.removed} removed, "
            f"{len(summary.skipped)} skipped, {len(summary.duplicates)} duplicates, "
            f"{len(summary.warnings)} warnings in {summary.seconds:.1f}s"
        ),
        soft_wrap=True,
    )


def with_confidence(field: MetaField, value: str | None = None) -> Text:
    """A value with its confidence shown unobtrusively: "2025-07-15 (inferred)", "—"."""
    if field.value is None:
        return Text("—", style="dim")
    text = safe(field.value if value is None else value)
    if field.confidence == INFERRED:
        text.append(" (inferred)", style="dim italic")
    elif field.confidence != CONFIRMED:
        text.append(f" ({visible(field.confidence)})", style="dim italic")
    return text


def date_text(article: Article, *, day_only: bool = False) -> Text:
    """The date with its confidence, or the known range when only bounds are known."""
    field = article.meta.date
    value = field.value[:10] if (day_only and field.value) else None
    text = with_confidence(field, value)
    earliest, latest = article.meta.date_earliest, article.meta.date_latest
    if field.value is None and (earliest or latest):
        if earliest and latest:
            bounds = f"between {earliest} and {latest}"
        elif earliest:
            bounds = f"on or after {earliest}"
        else:
            bounds = f"on or before {latest}"
        text.append_text(safe(f" ({bounds})", "dim"))
    return text


def metadata_grid(article: Article, *, day_only: bool = False, notes: bool = False) -> Table:
    """Each metadata field: its value with confidence, where it came from, and (with
    `notes`) the reason behind an inferred value."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    grid.add_column(style="dim", no_wrap=True)
    for name in META_FIELDS:
        field = article.meta.field(name)
        value = date_text(article, day_only=day_only) if name == "date" else with_confidence(field)
        if notes and field.note:
            value.append("\n")
            value.append_text(one_line(field.note, "dim italic"))
        source = Text("" if field.value is None else visible(field.source))
        grid.add_row(Text(name), value, source)
    return grid


def print_info(info: CorpusInfo, articles: tuple[Article, ...]) -> None:
    """The corpus summary, then a table with one row per article and its metadata."""
    out = stdout()
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold", no_wrap=True)
    summary.add_column(overflow="fold")

    def counts(items: tuple[FacetCount, ...]) -> Text:
        return safe(", ".join(f"{f.value} ({f.count})" for f in items) or "—")

    summary.add_row("corpus", safe(info.root))
    summary.add_row("index", safe(info.index_dir))
    summary.add_row("articles", Text(f"{info.articles} from {len(info.outlets)} outlets"))
    summary.add_row("dates", safe(f"{info.date_min or '—'} … {info.date_max or '—'}"))
    summary.add_row("languages", counts(info.languages))
    summary.add_row("outlets", counts(info.outlets))
    summary.add_row("skipped", Text(f"{len(info.skipped)} files"))
    summary.add_row("duplicates", Text(f"{len(info.duplicates)}"))
    out.print(summary)
    if articles:
        table = Table(expand=True, show_lines=True)
        table.add_column("article", max_width=26, overflow="fold")
        table.add_column("metadata: value (confidence), source", ratio=1)
        for article in articles:
            head = Text(article.id[:8], style="cyan")
            head.append("\n")
            file = article.file if article.entry is None else f"{article.file} #{article.entry}"
            head.append_text(safe(file))
            head.append(f"\n{article.words} words", style="dim")
            table.add_row(head, metadata_grid(article, day_only=True))
        out.print(table)
        out.print(
            Text(
                "confirmed values plain; (inferred) = reasoned from the URL, the text, a "
                "manifest note or detection; — = unknown. Details: explorer show ID",
                style="dim",
            )
        )
    for skipped in info.skipped:
        out.print(one_line(f"skipped {skipped.file}: {skipped.reason}", "yellow"), soft_wrap=True)
    for dup in info.duplicates:
        where = dup.file if dup.entry is None else f"{dup.file} #{dup.entry}"
        out.print(one_line(f"duplicate {where}: same text as {dup.same_as}", "dim"), soft_wrap=True)


def highlighted(
    text: str, spans: list[tuple[int, int]], *, single_line: bool = True, style: str = _MATCH
) -> Text:
    """Untrusted text with the given spans (offsets into `text`) styled; each piece is
    made safe on its own, so spans stay right where control characters are widened."""
    piece = one_line if single_line else safe
    out = Text()
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        out.append_text(piece(text[position:start]))
        out.append_text(piece(text[start:end], style))
        position = end
    out.append_text(piece(text[position:]))
    return out


def print_search(result: SearchResult, corpus: str) -> None:
    out = stdout()
    if result.notice:
        stderr().print(safe(f"note: {result.notice}", "dim"))
    heading = safe(f"{result.total} hits for {result.query!r} in {corpus}")
    if not result.hits:
        out.print(heading)
        return
    table = Table(title=heading, expand=True)
    table.add_column("outlet", ratio=2, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("title and snippet", ratio=6)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("id", style="cyan", no_wrap=True)
    for hit in result.hits:
        cell = one_line(hit.display_title, "bold")
        for fragment in hit.fragments[:1]:
            cell.append("\n")
            spans = [(s.start, s.end) for s in fragment.spans]
            cell.append_text(highlighted(fragment.text, spans))
        date = safe(hit.date[:10] if hit.date else "—")
        if hit.date and hit.date_confidence == INFERRED:
            date.append("*", style="dim")
        table.add_row(
            one_line(hit.outlet or "—"), date, cell, Text(f"{hit.score:.2f}"), safe(hit.id[:8])
        )
    out.print(table)
    if any(h.date_confidence == INFERRED and h.date for h in result.hits):
        out.print(Text("* date inferred", style="dim"))
    if result.total > len(result.hits):
        out.print(Text(f"{len(result.hits)} of {result.total} shown (--limit 0: all)", style="dim"))


def print_article(view: ArticleView) -> None:
    out = stdout()
    article = view.article
    out.print(one_line(article.display_title, "bold"))
    file = article.file if article.entry is None else f"{article.file} #{article.entry}"
    out.print(Text(f"{article.id}  ", style="cyan") + safe(file))
    out.print(metadata_grid(article, notes=True))
    for key, value in article.meta.extra:
        out.print(one_line(f"{key}: {value}", "dim"))
    out.print()
    spans = [(span.start, span.end) for span in view.matches]
    out.print(highlighted(article.text, spans, single_line=False))
    if view.matches:
        stderr().print(Text(f"{len(view.matches)} matches", style="dim"))
