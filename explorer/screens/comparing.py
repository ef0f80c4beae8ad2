"""What the main screen does with the article the reader is on: mark it and compare
it with another side by side, or analyse the articles of the query on screen. The
main screen (`explorer.screens.main`) inherits these routes and keeps the state
they read."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen
from textual.widgets import TabbedContent

from explorer.search_filters import Filters
from explorer.widgets.article_pane import ArticlePane
from explorer.widgets.results_list import ResultsList

if TYPE_CHECKING:
    from explorer.widgets.timeline import Timeline
    from index import Library


class ComparingRoutes(Screen[None]):
    library: Library
    filters: Filters
    marked: str | None
    ready: bool
    _last_query: str

    def _timeline(self) -> Timeline:
        raise NotImplementedError

    def _status(self, extra: str = "") -> None:
        raise NotImplementedError

    def current_article_id(self) -> str | None:
        if self.query_one(TabbedContent).active == "timeline-tab":
            mark = self._timeline().current
            return mark.article.id if mark else None
        article = self.query_one(ArticlePane).article
        if article is not None and self.focused is not self.query_one("#results"):
            return article.id
        highlighted = self.query_one(ResultsList).highlighted_id
        if highlighted is not None:
            return highlighted
        return article.id if article else None

    def action_compare(self) -> None:
        current = self.current_article_id()
        if current is None:
            self.notify("Choose an article first (open it or highlight it), then press c")
            return
        if self.marked is None or self.marked == current:
            self.marked = current
            self.notify("Marked. Press c on another article to compare them side by side.")
            self._status()
            self.prepare_comparison()
            return
        left, self.marked = self.marked, None
        self._status()
        self.compare(left, current)

    @work(thread=True, exclusive=True, group="prepare")
    def prepare_comparison(self) -> None:
        """The sentence model the claims side by side need, loaded while the reader
        chooses the other article (seconds, once a process)."""
        self.library.prepare_beats()

    def compare(self, left: str, right: str) -> None:
        from explorer.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.library, left, right, self._last_query))

    def action_analysis(self) -> None:
        from explorer.screens.analysis import AnalysisScreen
        from explorer.search_filters import Scope

        if not self.ready:
            self.notify("The corpus is still being indexed")
            return
        # the articles of the query and filters on screen; `w` there turns to the corpus
        scope = Scope(self._last_query, replace(self.filters))
        self.app.push_screen(AnalysisScreen(self.library, scope))
