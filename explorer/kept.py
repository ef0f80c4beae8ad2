"""What the app keeps and writes: the theme and the last query restored at start,
recent corpora and bookmarks in the palette, notes on articles, exports of the
results and of an article, and reports. A base class of `ExplorerApp`.

Rules kept here: saved state lives in `index.State` (the user state dir, never a
corpus); files are written by workers through `index.write_atomic`, then a message
says what happened; a state that cannot be opened costs the features, not the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from explorer.config import Config
from explorer.safe_text import visible
from index import ExplorerError, Library

# the saved state, its screens, the export and report code (and the analysis a
# report loads) are imported when first used, not before the app's first frame

if TYPE_CHECKING:
    from textual.timer import Timer

    from explorer.screens.main import MainScreen
    from explorer.screens.saved import NotesScreen
    from explorer.search_filters import Filters
    from index import Note, State

QUERY_SAVED_AFTER = 1.0  # seconds without another result before the last query is written

# every binding a user can give other keys (the app's keymap reaches every screen)
BINDING_IDS = (
    "search", "next-match", "prev-match", "outlet", "filters", "compare", "timeline",
    "analysis", "export", "note", "bookmark", "notes", "help", "quit",
    "next-shared", "prev-shared", "next-shared-claim", "other-side", "back", "timeline-open",
    "analysis-scope",
)  # fmt: skip


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-").lower()[:40]


class KeptApp(App[None]):
    BINDINGS = [
        Binding("e", "export", "Export", id="export", show=False),
        Binding("m", "note", "Note", id="note", show=False),
        Binding("M", "notes", "Notes", id="notes", key_display="M", show=False),
        Binding("b", "bookmark", "Bookmark", id="bookmark", show=False),
    ]

    @dataclass
    class Exported(Message):
        path: Path | None
        what: str
        error: str | None = None

    @dataclass
    class NoteSaved(Message):
        note: Note

    library: Library
    main: MainScreen | None
    open_path: Callable[[Path], None]  # opens another corpus (ExplorerApp's)

    def __init__(self, config: Config | None = None, state: State | None = None) -> None:
        super().__init__()
        self.config = config or Config()
        self._state = state
        self._owns_state = state is None  # a State given by the caller stays open
        self._state_error: str | None = None
        self._saved_query: str | None = None
        self._pending_query: tuple[Path, str] | None = None  # (corpus, query) not yet written
        self._query_timer: Timer | None = None
        self._restoring = False

    # -- saved state ----------------------------------------------------------
    @property
    def state(self) -> State | None:
        """The saved state, opened on first use; None (said once) when it cannot be."""
        if self._state is None and self._state_error is None:
            from index import State

            try:
                self._state = State()
            except ExplorerError as exc:
                self._state_error = str(exc)
                self.notify(f"Nothing will be saved: {exc}", severity="warning", markup=False)
        return self._state

    def restore(self) -> None:
        """Before the first frame: key overrides, the remembered theme (else the
        config's)."""
        for problem in self.config.problems:  # also said on stderr, hidden by the app
            self.notify(problem.removeprefix("explorer: "), severity="warning", timeout=12,
                        markup=False)  # fmt: skip
        keys = {k: v for k, v in self.config.keys.items() if k in BINDING_IDS}
        for unknown in sorted(set(self.config.keys) - set(keys)):
            self.notify(f"config: no binding named {unknown!r}; known: {', '.join(BINDING_IDS)}",
                        severity="warning", timeout=12, markup=False)  # fmt: skip
        if keys:
            self.set_keymap(keys)
        state = self.state
        theme = (state.get("theme") if state else None) or self.config.theme
        if theme and theme in self.available_themes:
            self._restoring = True
            self.theme = theme
            self._restoring = False
        elif theme:
            self.notify(f"config: no theme named {theme!r}; see Ctrl+P, Change theme",
                        severity="warning", markup=False)  # fmt: skip

    def remember_corpus(self) -> None:
        self.save_last_query()  # the corpus before this one's
        if self.state is not None:
            self.state.opened(self.library.corpus_path)
            self._saved_query = self.state.last_query(self.library.corpus_path)

    def restore_query(self) -> None:
        """The corpus's last query back in the search box (searched once indexed)."""
        from explorer.widgets.search_pane import SearchPane

        if self._saved_query and self.main is not None:
            pane = self.main.query_one(SearchPane)
            if not pane.query_text:
                pane.set_query(self._saved_query)

    def watch_theme(self, theme: str) -> None:
        if not self._restoring and self.state is not None:
            self.state.set("theme", theme)

    def on_main_screen_searched(self, event: MainScreen.Searched) -> None:
        query = event.result.query if event.result is not None else None
        if query is not None and query != self._saved_query and self.state is not None:
            self._saved_query = query
            self._pending_query = (self.library.corpus_path, query)
            if self._query_timer is not None:
                self._query_timer.stop()
            self._query_timer = self.set_timer(QUERY_SAVED_AFTER, self.save_last_query)

    def save_last_query(self) -> None:
        """Write the query waiting to be saved: after a pause in typing, before another
        corpus is opened, at the exit."""
        pending, self._pending_query = self._pending_query, None
        if self._query_timer is not None:
            self._query_timer.stop()
            self._query_timer = None
        if pending is None or self.state is None:
            return
        try:
            self.state.set_last_query(*pending)
        except ExplorerError as exc:
            self.notify(f"The last query was not saved: {exc}", severity="warning", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export", "note", "notes", "bookmark"):
            return self.main is not None and self.screen is self.main
        return True

    def kept_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Palette entries: exports, notes, report, bookmarks and recent corpora."""
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Export results…", "the query's hits to CSV, JSON or JSONL", self.action_export),
            ("Export article as Markdown…", "with its metadata as front matter",
             self.action_export_article),
            ("Write a report…", "frames, claims, reuse and quotes as HTML or Markdown",
             self.action_report),
            ("Add a note to the article…", "notes and tags, kept across sessions",
             self.action_note),
            ("Notes…", "search your notes and open their articles", self.action_notes),
            ("Bookmark the article", "bookmark (again: remove)", self.action_bookmark),
        ]  # fmt: skip
        state = self.state
        if state is None:
            return commands
        for mark in state.bookmarks(self.library.corpus_path):
            commands.append((visible(f"Bookmark: {mark.title or mark.article}"), "open it",
                             partial(self._open_article, mark.article)))  # fmt: skip
        current = str(self.library.corpus_path)
        for recent in state.recent():
            if recent.path != current and Path(recent.path).exists():
                commands.append((visible(f"Open recent: {recent.path}"), "a corpus opened before",
                                 partial(self.open_path, Path(recent.path))))  # fmt: skip
        return commands

    def _open_article(self, article_id: str) -> None:
        if self.main is not None:
            self.main.open_article(article_id, focus=True)

    def _open_article_of_main(self) -> tuple[str, str] | None:
        from explorer.widgets.article_pane import ArticlePane

        if self.main is None:
            return None
        article = self.main.query_one(ArticlePane).article
        if article is None:
            self.notify("Open an article first (Enter on a result)")
            return None
        return article.id, article.display_title

    # -- notes and bookmarks -------------------------------------------------
    def action_note(self) -> None:
        from explorer.screens.saved import NoteInput, NoteScreen

        opened, state = self._open_article_of_main(), self.state
        if opened is None or state is None:
            return
        article_id, title = opened
        corpus = self.library.corpus_path

        def save(given: NoteInput | None) -> None:
            if given is None:
                return
            try:
                note = state.add_note(corpus, article_id, given.text, title, given.tags)
            except ExplorerError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.post_message(self.NoteSaved(note))
            self.notify(visible(f"Note saved on {title}"), markup=False)

        notes = state.notes(corpus, article_id)
        self.push_screen(NoteScreen(title, notes, state.tags(corpus, article_id)), save)

    def action_notes(self) -> None:
        from explorer.screens.saved import NotesScreen

        if self.state is None:
            return

        def chosen(note: Note | None) -> None:
            if note is not None:
                self._open_article(note.article)

        self.push_screen(NotesScreen(self.state.notes(self.library.corpus_path)), chosen)

    def on_notes_screen_delete_requested(self, message: NotesScreen.DeleteRequested) -> None:
        from explorer.screens.saved import NotesScreen

        state = self.state
        if state is None or not isinstance(self.screen, NotesScreen):
            return
        if state.delete_note(message.note.id):
            self.screen.forget(message.note)
            self.notify(visible(f"Deleted the note on {message.note.title}"), markup=False)

    def action_bookmark(self) -> None:
        opened, state = self._open_article_of_main(), self.state
        if opened is None or state is None:
            return
        on = state.toggle_bookmark(self.library.corpus_path, *opened)
        self.notify(visible(("Bookmarked: " if on else "Bookmark removed: ") + opened[1]),
                    markup=False)  # fmt: skip

    # -- exports and reports ---------------------------------------------------
    def _ask_path(self, name: str, what: str, then: Callable[[Path], object],
                  extensions: tuple[str, ...]) -> None:  # fmt: skip
        from explorer.screens.saved import ExportScreen
        from index import default_export_folder

        suggested = default_export_folder(self.library.root) / name

        def chosen(path: Path | None) -> None:
            if path is not None:
                then(path)

        self.push_screen(ExportScreen(suggested, what, extensions), chosen)

    def action_export(self) -> None:
        main = self.main
        if main is None or not main.ready or main.last_result is None:
            self.notify("No results yet: type a query first")
            return
        query, filters = main.last_result.query, main.filters
        name = f"explorer-{_slug(self.library.name)}-{_slug(query) or 'all'}.csv"
        what = f"the {main.last_result.total} hits of {query!r}" if query else "every article"
        self._ask_path(name, what, lambda path: self._export(path, query, filters),
                       ("csv", "json", "jsonl"))  # fmt: skip

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, query: str, filters: Filters) -> None:
        from index import export_format, render_rows, result_rows, write_atomic

        library = self.library
        try:
            result = library.search(query, limit=None, outlets=filters.outlets,
                                    languages=filters.languages, since=filters.since,
                                    until=filters.until)  # fmt: skip
            rows = result_rows(result, {a.id: a for a in library.articles()})
            stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
            text = render_rows(export_format(path), rows, result, str(library.corpus_path), stamp)
            write_atomic(path, text)
        except ExplorerError as exc:
            self.post_message(self.Exported(None, "results", str(exc)))
            return
        self.post_message(self.Exported(path, f"{len(rows)} hits"))

    def action_export_article(self) -> None:
        opened = self._open_article_of_main()
        if opened is None:
            return
        article_id, title = opened
        self._ask_path(f"{_slug(title) or article_id}.md", f"the article {title!r}",
                       lambda path: self._export_article(path, article_id), ("md",))  # fmt: skip

    @work(thread=True, exclusive=True, group="export")
    def _export_article(self, path: Path, article_id: str) -> None:
        from index import article_markdown, write_atomic

        try:
            article = self.library.article(article_id).article
            write_atomic(path, article_markdown(article))
        except ExplorerError as exc:
            self.post_message(self.Exported(None, "the article", str(exc)))
            return
        self.post_message(self.Exported(path, "the article"))

    def action_report(self) -> None:
        if self.main is None or not self.main.ready:
            self.notify("The corpus is still being indexed")
            return
        name = f"explorer-report-{_slug(self.library.name)}.html"
        self._ask_path(name, "a report on the whole corpus", self._report, ("html", "md"))

    @work(thread=True, exclusive=True, group="export")
    def _report(self, path: Path) -> None:
        from index import gather, report_html, report_markdown, write_atomic

        stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
        try:
            report = gather(self.library, stamp, lexicon=self.config.lexicon)
            html = path.suffix.lower() in (".html", ".htm")
            write_atomic(path, report_html(report) if html else report_markdown(report))
        except ExplorerError as exc:
            self.post_message(self.Exported(None, "the report", str(exc)))
            return
        self.post_message(self.Exported(path, "the report"))

    def on_unmount(self) -> None:
        self.save_last_query()
        if self._state is not None and self._owns_state:
            self._state.close()

    def on_kept_app_exported(self, event: Exported) -> None:
        if event.error is not None:
            self.notify(event.error, severity="error", timeout=10, markup=False)
        else:
            self.notify(visible(f"Wrote {event.what} to {event.path}"), markup=False)
