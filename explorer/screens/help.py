"""The help screen: every binding, grouped by where it applies."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("/", "focus the search box"),
        ("Tab / Shift+Tab", "next / previous pane"),
        ("Esc", "back (close a screen, leave the article)"),
        ("t or Ctrl+T", "timeline tab on / off (Ctrl+T works while typing)"),
        ("f", "filters: outlets, languages, date range"),
        ("a", "analysis: frames × outlets, story beats × outlets, quotes, reuse"),
        ("o", "only the outlet of the article being read (again: all)"),
        ("c", "mark an article; c on another compares the two"),
        ("Ctrl+P", "command palette: open a corpus, re-index, theme, compare"),
        ("?", "this help"),
        ("q", "quit"),
    )),
    ("Search", (
        ("typing", "results update as you type"),
        ("Enter / ↓", "go to the results; Enter opens the highlighted one"),
        ('"words in order"', "a phrase; AND, OR, NOT, -word, ( )"),
        ("outlet: lang: title: author: url: file:", "search one field"),
        ("date:FROM..TO", "a date range: date:2025-07-14..2025-07-16, date:2025-07"),
        ("prefix*", "words starting with prefix"),
    )),
    ("Article", (
        ("n / N", "next / previous match of the query"),
        ("↑ ↓ PgUp PgDn", "scroll"),
    )),
    ("Timeline", (
        ("← →", "earlier / later article of the outlet"),
        ("↑ ↓", "outlet above / below"),
        ("Enter or click", "open the article"),
    )),
    ("Analysis", (
        ("arrows", "move between cells; the panel below shows the sentences behind one"),
        ("1 2 3 4", "Frames, Claims, Quotes, Reuse"),
        ("Tab / Shift+Tab", "the panel below / the tabs (← → there switch tabs)"),
        ("Esc", "back"),
    )),
    ("Side by side", (
        ("] / [  (p / P)", "next / previous shared passage"),
        ("l", "next claim both articles tell (underlined on both sides)"),
        ("Tab", "the other side"),
        ("Esc", "back"),
    )),
    ("Keeping and exporting", (
        ("e", "export the results to CSV, JSON or JSONL"),
        ("m / M", "a note (and tags) on the open article / your notes, searchable"),
        ("b", "bookmark the open article (again: remove)"),
        ("Ctrl+P", "export an article as Markdown, write a report, open a recent corpus"),
    )),
)  # fmt: skip


# Wide enough for "Tab / Shift+Tab"; longer keys wrap so the descriptions keep
# their room on an 80-column terminal.
KEY_WIDTH = 22


def help_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", max_width=KEY_WIDTH, overflow="fold")
    table.add_column()
    for title, rows in SECTIONS:
        table.add_row(Text(title, style="bold underline"), "")
        for key, what in rows:
            table.add_row(key, what)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_table())
