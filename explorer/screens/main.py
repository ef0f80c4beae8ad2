"""The main screen: routes between the search pane, the article pane and the
timeline, runs searches in a worker, and keeps the status line."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Static, TabbedContent, TabPane

from explorer.safe_text import safe
from explorer.screens.comparing import ComparingRoutes
from explorer.search_filters import Filters
from explorer.widgets.article_pane import ArticlePane
from explorer.widgets.results_list import ResultsList
from explorer.widgets.search_pane import SearchPane
from index import ExplorerError, Library

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from explorer.widgets.timeline import Timeline
    from index import Article, ArticleView, AttentionCell, Hit, SearchResult

# No debounce: a key is searched at once when no search is running; keys typed
# while one runs wait for it, and only the newest of them is searched next.
DEBOUNCE = 0.0
LIMIT = 30  # hits listed per search
FIRST_ROWS = 16  # most hits highlighted before the list is painted; the rest right after
NARROW = 110  # below this width the search and article panes take turns


class MainScreen(ComparingRoutes):
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="search"),
        Binding("n", "match(1)", "Next match", id="next-match"),
        Binding("N", "match(-1)", "Prev match", key_display="N", id="prev-match"),
        Binding("o", "outlet", "Outlet", id="outlet"),
        Binding("f", "filters", "Filters", id="filters"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("t", "timeline", "Timeline", id="timeline"),
        Binding("a", "analysis", "Analysis", id="analysis"),
        Binding("ctrl+t", "timeline", "Timeline", show=False, priority=True),
        Binding("escape", "back", "Back", show=False),
        Binding("tab", "cycle", "Next pane", show=False, priority=False),
    ]

    @dataclass
    class Searched(Message):
        seq: int
        result: SearchResult | None
        error: str | None = None
        highlighted: int = 0  # the first hits, those with their fragments

    @dataclass
    class SnippetsReady(Message):
        seq: int
        hits: tuple[Hit, ...]  # the hits after the highlighted ones, with their fragments

    @dataclass
    class Opened(Message):
        view: ArticleView
        keep_position: bool = False

    @dataclass
    class TimelineReady(Message):
        attention: tuple[AttentionCell, ...]
        query: str
        frames: dict[str, str]  # article id -> letter of its dominant frame
        legend: dict[str, str]  # letter -> frame name

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.filters = Filters()
        self.marked: str | None = None
        self._seq = 0
        self._shown_seq = -1
        self._searching = False  # a search worker has not answered yet
        self._queued: tuple[str, Filters] | None = None  # to search once it answers
        self._last_query = ""
        self.last_result: SearchResult | None = None
        self._highlighted_rows = 0  # hits of last_result that came with their fragments
        self.ready = False
        self.articles: tuple[Article, ...] = ()
        self._frames: tuple[dict[str, str], dict[str, str]] | None = None

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs"):
            with TabPane("Read", id="read"), Horizontal(id="panes"):
                yield SearchPane(id="search-pane")
                yield ArticlePane(id="article-pane")
            yield TabPane("Timeline", id="timeline-tab")  # its Timeline: after the first frame
        yield Static("", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchPane).focus_query()
        self._layout_for(self.size.width)

    def mount_hidden(self) -> None:
        """What the first frame does not show, mounted once it is painted (the app calls
        this): the timeline in its tab, hidden until chosen."""
        from explorer.widgets.timeline import Timeline

        if not self.query("#timeline"):
            self.query_one("#timeline-tab", TabPane).mount(Timeline(id="timeline"))

    def _timeline(self) -> Timeline:
        from explorer.widgets.timeline import Timeline

        self.mount_hidden()
        return self.query_one("#timeline", Timeline)

    def progress_bar(self) -> ProgressBar:
        """The build's progress bar (hidden by the stylesheet), mounted when first needed."""
        from textual.widgets import ProgressBar

        found = self.query("#build-progress")
        if found:
            return found.first(ProgressBar)
        bar = ProgressBar(id="build-progress", show_eta=False)
        self.mount(bar, before="#status")
        return bar

    def on_resize(self) -> None:
        self._layout_for(self.size.width)

    def _layout_for(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    # -- searching ----------------------------------------------------------
    def index_ready(self, articles: tuple[Article, ...]) -> None:
        self.ready = True
        self.articles = articles
        self._frames = None  # the corpus may have changed: analyse again when shown
        self.run_search(self.query_one(SearchPane).query_text)

    @on(SearchPane.QueryChanged)
    def on_search_pane_query_changed(self, event: SearchPane.QueryChanged) -> None:
        self._last_query = event.query
        self.run_search(event.query)

    def run_search(self, query: str) -> None:
        if not self.ready:
            return
        self._queued = (query, self.filters)
        if not self._searching:
            self._start_search()

    def _start_search(self) -> None:
        if self._queued is None:
            return
        query, filters = self._queued
        self._queued = None
        self._searching = True
        self._seq += 1
        # the rows on screen get their snippets before the paint, the others after it
        rows = min(FIRST_ROWS, self.query_one(ResultsList).rows_in_view)
        self._search(self._seq, query, filters, rows)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, seq: int, query: str, filters: Filters, rows: int) -> None:
        try:
            result = self.library.search(
                query,
                limit=LIMIT,
                highlight=rows,
                outlets=filters.outlets,
                languages=filters.languages,
                since=filters.since,
                until=filters.until,
            )
        except ExplorerError as exc:
            self.post_message(self.Searched(seq, None, str(exc)))
            return
        self.post_message(self.Searched(seq, result, highlighted=rows))

    def on_main_screen_searched(self, event: Searched) -> None:
        if event.seq == self._seq:
            self._searching = False
            self._start_search()  # asked for while this one ran: the newest query now
        if event.seq < self._seq and event.result is not None:
            return  # a newer query is being searched: painting this one would delay it
        if event.seq < self._shown_seq:
            return  # an older, slower search: a newer result is on screen
        self._shown_seq = event.seq
        pane = self.query_one(SearchPane)
        if event.result is None:
            pane.show_notice(event.error, error=True)
            return
        self.last_result = event.result
        self._highlighted_rows = event.highlighted
        pane.show_results(event.result)
        if len(event.result.hits) > event.highlighted:
            # after the paint: the worker would hold the interpreter while the list is drawn
            rest = event.result.hits[event.highlighted :]
            self.call_after_refresh(self._fill_snippets, event.seq, event.result.query, rest)
        self._status()
        article = self.query_one(ArticlePane).article
        if article is not None:
            self.open_article(article.id, keep_position=True)
        if self.query_one(TabbedContent).active == "timeline-tab":
            self._load_timeline(event.result.query)

    @work(thread=True, exclusive=True, group="snippets")
    def _fill_snippets(self, seq: int, query: str, hits: tuple[Hit, ...]) -> None:
        """The fragments of the rows below the first screenful, unless a newer query
        is already wanted (its search goes first)."""
        filled = []
        for hit in hits:
            if seq != self._seq or self._queued is not None:
                return
            try:
                filled.append(replace(hit, fragments=self.library.fragments(query, hit.id)))
            except ExplorerError:
                return
        self.post_message(self.SnippetsReady(seq, tuple(filled)))

    def on_main_screen_snippets_ready(self, event: SnippetsReady) -> None:
        if event.seq != self._shown_seq or self.last_result is None:
            return
        result = self.last_result
        first = result.hits[: self._highlighted_rows]
        self.last_result = replace(result, hits=first + event.hits)
        self.query_one(SearchPane).fill_snippets(event.hits)

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(safe(text), layout=False)  # one line, always

    def reset(self, library: Library) -> None:
        """Another corpus: forget this one's results, article and marks."""
        from index import Facets, SearchResult

        self.library = library
        self.ready = False
        self.marked = None
        self.filters = Filters()
        self.last_result = None
        self.query_one(SearchPane).show_results(SearchResult("", 0, (), Facets(), 0.0))

    def _status(self, extra: str = "") -> None:
        result = self.last_result
        parts = []
        if result is not None:
            parts.append(f"{result.total} hits · {result.seconds * 1000:.0f} ms")
        if self.filters.describe():
            parts.append(f"filter: {self.filters.describe()}")
        if self.marked:
            parts.append("marked for compare")
        parts.append(f"corpus: {self.library.name}")
        if extra:
            parts.append(extra)
        self.query_one("#status", Static).update(safe("  ·  ".join(parts)), layout=False)

    # -- reading ------------------------------------------------------------
    @on(SearchPane.HitChosen)
    def on_search_pane_hit_chosen(self, event: SearchPane.HitChosen) -> None:
        self.open_article(event.article_id, focus=True)

    def on_timeline_article_chosen(self, event: Timeline.ArticleChosen) -> None:
        self.query_one(TabbedContent).active = "read"
        self.open_article(event.article_id, focus=True)

    def open_article(self, ref: str, focus: bool = False, keep_position: bool = False) -> None:
        self._open(ref, self._last_query, focus, keep_position)

    @work(thread=True, exclusive=True, group="article")
    def _open(self, ref: str, query: str, focus: bool, keep_position: bool) -> None:
        try:
            view = self.library.article(ref, query)
            note = None if keep_position else self.library.changed_on_disk(view.article)
        except ExplorerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.post_message(self.Opened(view, keep_position))
        if note:
            self.app.call_from_thread(self.notify, f"{note} (Ctrl+P: Re-index)",
                                      severity="warning", markup=False)  # fmt: skip
        if focus:
            self.app.call_from_thread(self._focus_article)

    def _focus_article(self) -> None:
        self.add_class("-reading")
        self.query_one(ArticlePane).focus()

    def on_main_screen_opened(self, event: Opened) -> None:
        pane = self.query_one(ArticlePane)
        same = pane.article is not None and pane.article.id == event.view.article.id
        pane.show(event.view, keep_position=same and event.keep_position)

    def on_article_pane_match_moved(self, event: ArticlePane.MatchMoved) -> None:
        counter = f"match {event.current}/{event.total}" if event.total else "no matches"
        self._status(counter)

    def action_match(self, step: int) -> None:
        self.query_one(ArticlePane).move(step)

    def action_focus_search(self) -> None:
        self.query_one(TabbedContent).active = "read"
        self.remove_class("-reading")
        self.query_one(SearchPane).focus_query()

    def action_back(self) -> None:
        if self.query_one(TabbedContent).active != "read":
            self.query_one(TabbedContent).active = "read"
        elif self.has_class("-reading"):
            self.remove_class("-reading")
            self.query_one(ResultsList).focus()
        else:
            self.query_one(SearchPane).focus_query()

    def action_cycle(self) -> None:
        """Tab: at narrow widths the search box, results and article take turns."""
        if not self.has_class("-narrow") or self.query_one(TabbedContent).active != "read":
            self.focus_next()
            return
        order = [
            self.query_one("#query"),
            self.query_one("#results"),
            self.query_one(ArticlePane),
        ]
        current = order.index(self.focused) if self.focused in order else -1
        target = order[(current + 1) % len(order)]
        self.set_class(target is order[2], "-reading")
        self.call_after_refresh(target.focus)

    # -- filters ------------------------------------------------------------
    def action_outlet(self) -> None:
        article = self.query_one(ArticlePane).article
        if self.filters.outlets:
            self.filters = Filters(languages=self.filters.languages,
                                   since=self.filters.since, until=self.filters.until)  # fmt: skip
            self.notify("Showing every outlet")
        elif article is not None and article.outlet:
            self.filters = Filters((article.outlet,), self.filters.languages,
                                   self.filters.since, self.filters.until)  # fmt: skip
            self.notify(f"Only {article.outlet}", markup=False)
        else:
            self.notify("Open an article first: o narrows to its outlet")
            return
        self.run_search(self._last_query)

    def action_filters(self) -> None:
        from explorer.screens.filters import FilterScreen

        facets = self.last_result.facets if self.last_result else None

        def apply(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = filters
                self.run_search(self._last_query)

        self.app.push_screen(FilterScreen(self.filters, facets), apply)

    # -- timeline -------------------------------------------------------------
    def action_timeline(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "read" if tabs.active == "timeline-tab" else "timeline-tab"
        if tabs.active == "timeline-tab":
            self._load_timeline(self._last_query)
            self._timeline().focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "timeline-tab":
            self._load_timeline(self._last_query)

    @work(thread=True, exclusive=True, group="timeline")
    def _load_timeline(self, query: str) -> None:
        if not self.ready:
            return
        try:
            attention = self.library.attention(query)
        except ExplorerError:
            attention = ()
        if self._frames is None:
            from explorer.widgets.timeline_layout import frame_letters

            try:
                self._frames = frame_letters(*self.library.frames())
            except ExplorerError:
                self._frames = ({}, {})
        self.post_message(self.TimelineReady(attention, query, *self._frames))

    def on_main_screen_timeline_ready(self, event: TimelineReady) -> None:
        timeline = self._timeline()
        timeline.set_data(self.articles, event.attention, event.query, event.frames, event.legend)
