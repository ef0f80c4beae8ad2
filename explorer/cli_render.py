"""Rich output of the command line: tables and texts for people, progress on
stderr.

Rule kept here: article text and metadata are untrusted; they reach the
terminal only as `rich.text.Text` (never parsed as markup) with control
characters made visible.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from explorer.safe_text import safe, visible
from index import (
    CONFIRMED,
    INFERRED,
    META_FIELDS,
    Article,
    ArticleFrames,
    ArticleView,
    Beat,
    BuildProgress,
    BuildSummary,
    CorpusInfo,
    FrameLexicon,
    Library,
    MetaField,
    Quote,
    Reuse,
    SearchResult,
)

_safe = safe


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def build_with_progress(
    library: Library, workers: int | None, quiet_summary: bool = False
) -> BuildSummary:
    """Build with a progress bar on stderr when it is a terminal; one line otherwise."""
    err = stderr()
    if not err.is_terminal:
        if not quiet_summary:
            err.print(Text(f"indexing {library.corpus_path} …"))
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
    if summary.message:
        err.print(_safe(summary.message))
    for skipped in summary.skipped:
        err.print(_safe(f"skipped {skipped.file}: {skipped.reason}", "yellow"))
    return summary


def print_summary(summary: BuildSummary) -> None:
    out = stdout()
    for warning in summary.warnings:
        out.print(_safe(f"warning {warning.file}: {warning.reason}", "dim"))
    for dup in summary.duplicates:
        out.print(_safe(f"duplicate {dup.file}: same text as {dup.same_as}; not indexed", "dim"))
    out.print(
        Text(
            f"{summary.indexed} indexed, {summary.unchanged} unchanged, {summary.removed} removed, "
            f"{len(summary.skipped)} skipped, {len(summary.duplicates)} duplicates "
            f"in {summary.seconds:.1f}s"
        )
    )


def with_confidence(field: MetaField) -> Text:
    """A value with its confidence shown unobtrusively: "2025-07-15 (inferred)", "—"."""
    if field.value is None:
        return Text("—", style="dim")
    text = _safe(field.value)
    if field.confidence == INFERRED:
        text.append(" (inferred)", style="dim italic")
    elif field.confidence != CONFIRMED:
        text.append(f" ({field.confidence})", style="dim italic")
    return text


def date_text(article: Article) -> Text:
    """The date with its confidence, or the known range when only bounds are known."""
    text = with_confidence(article.meta.date)
    earliest, latest = article.meta.date_earliest, article.meta.date_latest
    if article.meta.date.value is None and (earliest or latest):
        text.append(" (")
        if earliest and latest:
            text.append(f"between {earliest} and {latest}")
        elif earliest:
            text.append(f"on or after {earliest}")
        else:
            text.append(f"on or before {latest}")
        text.append(")")
        text.stylize("dim")
    return text


def metadata_grid(article: Article) -> Table:
    """Each metadata field: value, confidence, and where it came from."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(style="dim", no_wrap=True)
    for name in META_FIELDS:
        field = article.meta.field(name)
        value = date_text(article) if name == "date" else with_confidence(field)
        grid.add_row(name, value, "" if field.value is None else f"[{field.source}]")
    return grid


def print_info(info: CorpusInfo, articles: tuple[Article, ...]) -> None:
    out = stdout()
    summary = Table.grid(padding=(0, 2))
    summary.add_row(Text("corpus", style="bold"), _safe(info.root))
    summary.add_row(Text("index", style="bold"), _safe(info.index_dir))
    summary.add_row(
        Text("articles", style="bold"),
        Text(f"{info.articles} from {len(info.outlets)} outlets"),
    )
    summary.add_row(
        Text("dates", style="bold"), _safe(f"{info.date_min or '—'} … {info.date_max or '—'}")
    )
    summary.add_row(
        Text("languages", style="bold"),
        _safe(", ".join(f"{f.value} ({f.count})" for f in info.languages) or "—"),
    )
    summary.add_row(
        Text("outlets", style="bold"),
        _safe(", ".join(f"{f.value} ({f.count})" for f in info.outlets) or "—"),
    )
    out.print(summary)
    for article in articles:
        out.print()
        file = article.file if article.entry is None else f"{article.file} #{article.entry}"
        head = Text(article.id, style="cyan")
        head.append("  ")
        head.append_text(_safe(file, "bold"))
        head.append(f"  {article.words} words", style="dim")
        out.print(head)
        out.print(metadata_grid(article))
    out.print()
    out.print(
        Text("(inferred) = reasoned from the URL, the text, a manifest note or detection; "
             "— = unknown", style="dim")
    )  # fmt: skip
    for skipped in info.skipped:
        out.print(_safe(f"skipped {skipped.file}: {skipped.reason}", "yellow"))
    for dup in info.duplicates:
        out.print(_safe(f"duplicate {dup.file}: same text as {dup.same_as}", "dim"))


def _highlighted(
    text: str, spans: list[tuple[int, int]], style: str = "bold black on yellow"
) -> Text:
    out = _safe(text.replace("\n", " "))
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def print_search(result: SearchResult, corpus: str) -> None:
    out = stdout()
    if result.notice:
        stderr().print(_safe(f"note: {result.notice}", "dim"))
    table = Table(
        title=Text(f"{result.total} hits for {visible(result.query)!r} in {corpus}"),
        expand=True,
    )
    table.add_column("outlet", ratio=2, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("title and snippet", ratio=6)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("id", style="cyan", no_wrap=True)
    for hit in result.hits:
        cell = _safe(hit.display_title, "bold")
        for fragment in hit.fragments[:1]:
            cell.append("\n")
            cell.append_text(
                _highlighted(fragment.text, [(s.start, s.end) for s in fragment.spans])
            )
        date = Text(hit.date[:10] if hit.date else "—")
        if hit.date and hit.date_confidence == INFERRED:
            date.append("*", style="dim")
        table.add_row(_safe(hit.outlet or "—"), date, cell, f"{hit.score:.2f}", hit.id[:8])
    out.print(table)
    if any(h.date_confidence == INFERRED and h.date for h in result.hits):
        out.print(Text("* date inferred", style="dim"))


def print_article(view: ArticleView) -> None:
    out = stdout()
    article = view.article
    out.print(_safe(article.display_title, "bold"))
    out.print(Text(f"{article.id}  ", style="cyan") + _safe(article.file))
    out.print(metadata_grid(article))
    out.print()
    body = _safe(article.text)
    for span in view.matches:
        body.stylize("bold black on yellow", span.start, span.end)
    out.print(body)
    if view.matches:
        stderr().print(Text(f"{len(view.matches)} matches", style="dim"))


def print_frames(results: tuple[ArticleFrames, ...], lexicon: FrameLexicon) -> None:
    """Each article's leading frames, tone and hedging, then the evidence of its primary frame."""
    out = stdout()
    table = Table(title="Frames (share of sentences with a cue of the frame)", expand=True)
    table.add_column("article", ratio=2, overflow="fold")
    table.add_column("primary", ratio=2)
    table.add_column("next frames", ratio=3)
    table.add_column("tone", justify="right", no_wrap=True)
    table.add_column("hedged", justify="right", no_wrap=True)
    for result in results:
        article = result.article
        name = _safe(article.outlet or article.file)
        if not result.scored:
            note = Text(f"not scored: {result.reason}", style="dim italic")
            table.add_row(name, note, "", "", "")
            continue
        ranked = sorted((s for s in result.scores if s.score > 0), key=lambda s: -s.score)
        primary = Text("—", style="dim")
        if result.primary:
            primary = Text(f"{lexicon.letter(result.primary)} ", style="bold cyan")
            primary.append(result.primary)
        following = ", ".join(f"{s.frame} {s.score:.0%}" for s in ranked[1:3]) or "—"
        tone = "—" if result.tone is None else f"{result.tone:+.2f}"
        table.add_row(name, primary, Text(following), tone, str(len(result.hedges)))
    out.print(table)
    for result in results:
        if not result.primary:
            continue
        score = next(s for s in result.scores if s.frame == result.primary)
        out.print(_safe(f"\n{result.article.outlet or result.article.file} — {score.frame} "
                        f"({len(score.evidence)} sentences):", "bold"))  # fmt: skip
        for sentence in score.evidence[:3]:
            out.print(Text("  • ") + _safe(sentence.text))


def print_quotes(quotes: tuple[Quote, ...]) -> None:
    out = stdout()
    table = Table(title=f"{len(quotes)} quotes", expand=True, show_lines=True)
    table.add_column("speaker", ratio=2, overflow="fold")
    table.add_column("quote", ratio=6)
    table.add_column("outlet", ratio=2, overflow="fold")
    table.add_column("also given to", ratio=3)
    for quote in quotes:
        conflict = Text()
        for speaker, other in quote.conflict:
            conflict.append_text(_safe(f"{speaker} ({other.outlet or other.file})\n", "bold red"))
        table.add_row(
            _safe(quote.speaker or "—", "" if quote.speaker else "dim"),
            _safe(f"“{quote.text}”"),
            _safe(quote.article.outlet or quote.article.file),
            conflict,
        )
    out.print(table)


def print_claims(beats: tuple[Beat, ...], outlets: tuple[str, ...]) -> None:
    """The coverage matrix: beats reported by several outlets, ✓ who reports, · who omits."""
    out = stdout()
    shared = [b for b in beats if not b.single_source]
    table = Table(title=f"{len(shared)} story beats reported by several outlets", expand=True)
    table.add_column("beat", ratio=5)
    for outlet in outlets:
        table.add_column(visible(outlet)[:7], justify="center", width=7, no_wrap=True)
    for beat in shared:
        marks = [
            Text("✓", style="bold green") if o in beat.outlets else Text("·", style="dim")
            for o in outlets
        ]
        table.add_row(_safe(f"{beat.id} {beat.label}"), *marks)
    out.print(table)
    single = [b for b in beats if b.single_source]
    out.print(Text(f"\n{len(single)} beats found in one source only:", style="bold"))
    for beat in single[:15]:
        line = Text(f"  {beat.id} ", style="dim")
        line.append_text(_safe(f"[{beat.outlets[0]}] ", "cyan"))
        line.append_text(_safe(beat.label))
        out.print(line)
    if len(single) > 15:
        out.print(Text(f"  … and {len(single) - 15} more (explorer claims --json)", style="dim"))


def print_reuse(reuse: Reuse) -> None:
    out = stdout()
    if not reuse.pairs:
        out.print(Text("No two articles share a passage of twelve words or more."))
        return
    for pair in reuse.pairs:
        head = _safe(pair.source.outlet or pair.source.file, "bold")
        head.append(" → " if pair.direction == "earlier-to-later" else " ↔ ")
        head.append_text(_safe(pair.target.outlet or pair.target.file, "bold"))
        head.append(
            f"   {pair.shared_words} shared words, {pair.score:.0%} of the shorter"
            f" · direction {pair.direction} (dates {pair.date_confidence})",
            style="dim",
        )
        out.print(head)
        for passage in pair.passages[:4]:
            out.print(Text("  “") + _safe(pair.source.text[passage.left.start : passage.left.end])
                      + Text("”"))  # fmt: skip
    for group in reuse.groups:
        out.print(_safe("near-duplicates: " + ", ".join(a.file for a in group), "yellow"))
