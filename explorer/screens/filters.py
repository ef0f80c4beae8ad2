"""Facet filters: outlets and languages with their counts, and a date range."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList

from explorer.safe_text import one_line, safe
from explorer.search_filters import Filters
from index import Facets, date_range


class FilterScreen(ModalScreen[Filters | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: Filters, facets: Facets | None) -> None:
        super().__init__()
        self.current = current
        self.facets = facets or Facets()

    def compose(self) -> ComposeResult:
        outlets = {f.value: f.count for f in self.facets.outlets}
        for name in self.current.outlets:
            outlets.setdefault(name, 0)
        languages = {f.value: f.count for f in self.facets.languages}
        for name in self.current.languages:
            languages.setdefault(name, 0)
        with VerticalScroll(id="filters"):
            yield Label("Outlets (counts for the current query)")
            yield SelectionList[str](
                *[
                    (one_line(f"{k} ({v})"), k, k in self.current.outlets)
                    for k, v in outlets.items()
                ],
                id="outlets",
            )
            yield Label("Languages")
            yield SelectionList[str](
                *[
                    (one_line(f"{k} ({v})"), k, k in self.current.languages)
                    for k, v in languages.items()
                ],
                id="languages",
            )
            with Horizontal(id="dates"):
                yield Input(self.current.since or "", placeholder="since YYYY-MM-DD", id="since")
                yield Input(self.current.until or "", placeholder="until YYYY-MM-DD", id="until")
            yield Label("", id="filter-error")
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Clear", id="clear")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted)
    def apply(self) -> None:
        since = self.query_one("#since", Input).value.strip() or None
        until = self.query_one("#until", Input).value.strip() or None
        for value in (since, until):
            if value and date_range(value) is None:
                self.query_one("#filter-error", Label).update(
                    safe(f"{value!r} is not a date: use YYYY-MM-DD")
                )
                return
        self.dismiss(
            Filters(
                tuple(self.query_one("#outlets", SelectionList).selected),
                tuple(self.query_one("#languages", SelectionList).selected),
                since,
                until,
            )
        )

    @on(Button.Pressed, "#clear")
    def clear(self) -> None:
        self.dismiss(Filters())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
