"""Rich output of the analysis commands (frames, quotes, claims, reuse) for people.

Rule kept here: article text and metadata are untrusted; they reach the
terminal only through `explorer.safe_text` (never parsed as markup, control
characters made visible).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from explorer.cli_render import stdout
from explorer.outlet_names import column_names, most_reporting
from explorer.safe_text import safe, visible
from explorer.wording import counted
from index import Article, ArticleFrames, Beat, FrameLexicon, Quote, Reuse

_safe = safe
# rows each table prints for a person: a corpus of 10,000 articles has tens of thousands
# of beats and quotes; `--json` lists all
SHOWN = 200


def _more(out: Console, left: int, what: str, command: str) -> None:
    if left > 0:
        out.print(Text(f"  … and {left:,} more {what} (explorer {command} --json lists all)",
                       style="dim"))  # fmt: skip


def _who(article: Article, style: str = "", between: str = " · ") -> Text:
    """An article as a person tells it from the others: its outlet (or file), then its
    title, shortened (an outlet often has several articles in a corpus)."""
    who = _safe(article.outlet or article.file, style)
    title = article.display_title
    if title and title != (article.outlet or article.file):
        short = title if len(title) <= 60 else title[:59].rstrip() + "…"
        who.append_text(_safe(f"{between}{short}", "dim"))
    return who


def print_frames(results: tuple[ArticleFrames, ...], lexicon: FrameLexicon) -> None:
    """Each article's leading frames, tone and hedging, then the evidence of its primary frame."""
    out = stdout()
    table = Table(title="Frames (share of sentences with a cue of the frame)", expand=True)
    table.add_column("article", ratio=3, overflow="fold")
    table.add_column("primary", ratio=2)
    table.add_column("next frames", ratio=3)
    table.add_column("tone", justify="right", no_wrap=True)
    table.add_column("hedged", justify="right", no_wrap=True)
    shown = results[:SHOWN]
    for result in shown:
        article = result.article
        name = _who(article, between="\n")
        if not result.scored:
            note = _safe(f"not scored: {result.reason}", "dim italic")
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
    _more(out, len(results) - len(shown), "articles", "frames")
    for result in shown:
        if not result.primary:
            continue
        score = next(s for s in result.scores if s.frame == result.primary)
        evidence = f" — {score.frame} ({counted(len(score.evidence), 'sentence')}):"
        out.print(Text("\n") + _who(result.article, "bold") + _safe(evidence, "bold"))
        for sentence in score.evidence[:3]:
            out.print(Text("  • ") + _safe(sentence.text))


def print_quotes(quotes: tuple[Quote, ...]) -> None:
    out = stdout()
    table = Table(title=f"{len(quotes)} quotes", expand=True, show_lines=True)
    table.add_column("speaker", ratio=2, overflow="fold")
    table.add_column("quote", ratio=6)
    table.add_column("outlet", ratio=2, overflow="fold")
    table.add_column("also given to", ratio=3)
    for quote in quotes[:SHOWN]:
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
    _more(out, len(quotes) - SHOWN, "quotes", "quotes")


def print_claims(
    beats: tuple[Beat, ...], outlets: tuple[str, ...], note: str | None = None
) -> None:
    """The coverage matrix: beats reported by several outlets, ✓ who reports, · who omits;
    the note says what was grouped by shared words alone."""
    out = stdout()
    if note:
        out.print(_safe(f"Note: {note}.", "yellow"))
    shared = [b for b in beats if not b.single_source]
    columns = _fitting_outlets(out, shared[:SHOWN], outlets)
    table = Table(title=f"{len(shared)} story beats reported by several outlets", expand=True)
    table.add_column("beat", ratio=5)
    for header in column_names(columns, 7).values():
        table.add_column(Text(visible(header)), justify="center", width=7, no_wrap=True)
    for beat in shared[:SHOWN]:
        reporting = set(beat.outlets)
        marks = [
            Text("✓", style="bold green") if o in reporting else Text("·", style="dim")
            for o in columns
        ]
        table.add_row(_safe(f"{beat.id} {beat.label}"), *marks)
    out.print(table)
    _more(out, len(shared) - SHOWN, "beats told by several outlets", "claims")
    if len(columns) < len(outlets):
        out.print(Text(f"  Columns: the {len(columns)} of {len(outlets)} outlets reporting most "
                       "of these beats that fit the terminal's width.", style="dim"))  # fmt: skip
    single = [b for b in beats if b.single_source]
    out.print(Text(f"\n{len(single)} beats found in one source only:", style="bold"))
    for beat in single[:15]:
        line = Text(f"  {beat.id} ", style="dim")
        line.append_text(_safe(f"[{beat.outlets[0]}] ", "cyan"))
        line.append_text(_safe(beat.label))
        out.print(line)
    if len(single) > 15:
        out.print(Text(f"  … and {len(single) - 15:,} more (explorer claims --json)", style="dim"))


def _fitting_outlets(out: Console, beats: Sequence[Beat], outlets: tuple[str, ...]) -> list[str]:
    """The outlets whose columns fit beside a beat column of 28 cells (each takes 10),
    those reporting most of `beats` first kept, in their given order."""
    room = max(3, (out.width - 28) // 10)
    if len(outlets) <= room:
        return list(outlets)
    kept = most_reporting(outlets, beats, room)
    return [outlet for outlet in outlets if outlet in kept]


def print_reuse(reuse: Reuse) -> None:
    out = stdout()
    if not reuse.pairs:
        out.print(Text("No two articles share a passage of twelve words or more."))
        return
    for pair in reuse.pairs[:SHOWN]:
        head = _who(pair.source, "bold")
        head.append(" → " if pair.direction != "unknown" else " ↔ ")
        head.append_text(_who(pair.target, "bold"))
        head.append(
            f"   {pair.shared_words} shared words, {pair.score:.0%} of the shorter"
            f" · direction {pair.direction} (dates {pair.date_confidence})",
            style="dim",
        )
        out.print(head)
        for passage in pair.passages[:4]:
            out.print(Text("  “") + _safe(pair.source.text[passage.left.start : passage.left.end])
                      + Text("”"))  # fmt: skip
    _more(out, len(reuse.pairs) - SHOWN, "pairs", "reuse")
    for group in reuse.groups:
        out.print(_safe("near-duplicates: " + ", ".join(a.file for a in group), "yellow"))
