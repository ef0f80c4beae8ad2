"""The search pane: the query input, an inline notice line, and the results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input, Static

from explorer.safe_text import safe
from explorer.widgets.results_list import ResultsList

if TYPE_CHECKING:
    from index import Hit, SearchResult


class QueryInput(Input):
    """The query box. Its size is fixed by the stylesheet, so a keystroke never
    needs the screen laid out again: Textual's Input asks for that whenever its
    text grows (its virtual width), a full layout pass per key."""

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)


class SearchPane(Vertical):
    """Posts QueryChanged on each keystroke and HitChosen when a result is opened."""

    # ↓ in the query box goes to the results (the list handles ↓ itself once there)
    BINDINGS = [Binding("down", "to_results", "Results", show=False)]

    @dataclass
    class QueryChanged(Message):
        query: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchPane.QueryChanged)

    @dataclass
    class HitChosen(Message):
        article_id: str

    @dataclass
    class HitHighlighted(Message):
        article_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._notice: tuple[str, bool] = ("", False)  # the notice line shows

    def compose(self) -> ComposeResult:
        yield QueryInput(placeholder="Search  (words, \"phrase\", outlet:, date:A..B, prefix*)",
                    id="query")  # fmt: skip
        yield Static("", id="query-notice", markup=False)
        yield ResultsList(id="results")

    @property
    def query_text(self) -> str:
        return self.query_one("#query", Input).value

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_to_results()

    def action_to_results(self) -> None:
        results = self.query_one(ResultsList)
        if results.row_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    @on(ResultsList.Chosen)
    def _chosen(self, event: ResultsList.Chosen) -> None:
        event.stop()
        self.post_message(self.HitChosen(event.article_id))

    @on(ResultsList.Highlighted)
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()
        self.post_message(self.HitHighlighted(event.article_id))

    def show_results(self, result: SearchResult) -> None:
        results = self.query_one(ResultsList)
        # another keystroke often finds the same hits with the same snippets: keep the list
        if result.hits != results.hits or not result.hits:
            results.set_hits(result.hits)
        self.show_notice(result.notice)

    def fill_snippets(self, hits: tuple[Hit, ...]) -> None:
        """The same hits with their fragments: only their rows change."""
        self.query_one(ResultsList).replace_hits(hits)

    def show_notice(self, notice: str | None, error: bool = False) -> None:
        if (notice or "", error) == self._notice:
            return  # the same line: updating it would lay the screen out again for nothing
        self._notice = (notice or "", error)
        line = self.query_one("#query-notice", Static)
        line.set_class(bool(notice), "-visible")
        line.set_class(error, "-error")
        line.update(safe(notice or ""))

    def focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def set_query(self, text: str) -> None:
        self.query_one("#query", Input).value = text
