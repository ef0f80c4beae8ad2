"""The Textual app: opens a corpus, builds its index in a worker while the UI
stays responsive, and hosts the main screen; plus the command palette."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from explorer.config import Config
from explorer.kept import KeptApp
from explorer.safe_text import safe, visible
from explorer.screens.main import MainScreen
from index import BUNDLED_CORPUS, ExplorerError, Library

if TYPE_CHECKING:
    from index import Article, BuildProgress, BuildSummary, State


def settle_collector() -> None:
    """Once the corpus listing is loaded: collect, then leave every object alive now
    (the listing, the widgets) out of later garbage collections. A full collection
    walks every live object, 100-150 ms with a 10k-article listing, and lands on
    whichever keystroke it interrupts. What an earlier load left out is let back in
    first, so another corpus's listing is freed once unused."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class OpenCorpusScreen(ModalScreen[Path | None]):
    """Asks for a corpus path."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="open-corpus"):
            yield Label("Open a corpus: a folder or a file (Enter to open, Esc to cancel)")
            yield Input(placeholder="/path/to/corpus", id="corpus-path")
            yield Label("", id="open-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not event.value.strip() or not path.exists():
            self.query_one("#open-error", Label).update(
                safe(f"{event.value!r}: no such file or folder")
            )
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExplorerCommands(Provider):
    """Command palette entries for explorer's own actions."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        assert isinstance(app, ExplorerApp)
        commands: list[tuple[str, str, object]] = [
            ("Open a corpus…", "index another folder or file", app.action_open_corpus),
            ("Re-index", "read new and changed files again", app.action_reindex),
            ("Show timeline", "outlets' articles in time", app.action_show_timeline),
            ("Analysis", "frames, story beats, quotes and reuse by outlet", app.action_analysis),
            ("Help", "every key binding", app.action_help),
        ]
        main = app.main
        if main is None:
            return commands
        marked = main.marked
        for article in main.articles:
            if marked and marked != article.id:
                label = f"Compare marked article with {article.outlet or article.file}"
                commands.append((visible(label), visible(article.display_title),
                                 partial(main.compare, marked, article.id)))  # fmt: skip
            elif not marked:
                label = f"Mark for compare: {article.outlet or article.file}"
                commands.append((visible(label), visible(article.display_title),
                                 partial(app.mark, article.id)))  # fmt: skip
        return commands + app.kept_commands()

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands()[:5]:
            yield Hit(1.0, name, callback, help=help_text)  # type: ignore[arg-type]


class ExplorerApp(KeptApp):
    CSS_PATH = "explorer.tcss"
    TITLE = "explorer"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    @dataclass
    class BuildProgressed(Message):
        progress: BuildProgress

    @dataclass
    class BuildFinished(Message):
        summary: BuildSummary | None
        articles: tuple[Article, ...]
        error: str | None = None

    def __init__(
        self, library: Library, config: Config | None = None, state: State | None = None
    ) -> None:
        super().__init__(config, state)
        self.library = library
        self.library.lexicon = self.config.lexicon
        self.main: MainScreen | None = None

    def get_default_screen(self) -> MainScreen:
        """The main screen is the app's first and bottom screen."""
        self.main = MainScreen(self.library)
        return self.main

    def on_mount(self) -> None:
        self.sub_title = visible(str(self.library.corpus_path))
        self.restore()

    def on_ready(self) -> None:
        """The first frame is painted: now the index is opened (and updated), the last
        query comes back, the corpus goes in the recent list (a write to the saved
        state), and what the first frame does not show is mounted."""
        self.remember_corpus()  # reads the corpus's last query, too
        self.restore_query()
        self.start_build()
        if self.main is not None:
            self.main.mount_hidden()

    def start_build(self) -> None:
        self._show_progress(True)
        self._build(self.library)

    @work(thread=True, exclusive=True, group="build")
    def _build(self, library: Library) -> None:
        """Update the index (a no-op for an unchanged corpus), then load the article list."""
        try:
            summary = library.build(progress=self._report_progress)
            articles = library.articles(text=False)  # a listing: titles and dates, no texts
        except ExplorerError as exc:
            try:
                articles = () if library.needs_build() else library.articles(text=False)
            except ExplorerError:
                articles = ()
            self.post_message(self.BuildFinished(None, articles, str(exc)))
            return
        self.post_message(self.BuildFinished(summary, articles))

    def _report_progress(self, progress: BuildProgress) -> None:
        self.post_message(self.BuildProgressed(progress))

    def _show_progress(self, visible_: bool) -> None:
        if self.main is None:
            return
        self.main.progress_bar().display = visible_

    def on_explorer_app_build_progressed(self, event: BuildProgressed) -> None:
        if self.main is None:
            return
        bar = self.main.progress_bar()
        progress = event.progress
        bar.update(total=progress.total or None, progress=progress.done)
        self.main.set_status(f"indexing: {progress.phase} {progress.done}/{progress.total}")

    def on_explorer_app_build_finished(self, event: BuildFinished) -> None:
        self._show_progress(False)
        if self.main is None:
            return
        if event.error:
            self.notify(event.error, severity="error", timeout=10, markup=False)
        summary = event.summary
        if summary is not None and summary.message:  # e.g. an older index was rebuilt
            self.notify(summary.message, severity="warning", markup=False)
        if summary is not None and (summary.indexed or summary.removed or summary.skipped):
            self.notify(
                f"Indexed {summary.indexed}, removed {summary.removed}, "
                f"skipped {len(summary.skipped)} in {summary.seconds:.1f}s",
                markup=False,
            )
        if event.articles or summary is not None:
            self.main.index_ready(event.articles)
        settle_collector()

    def action_help(self) -> None:
        from explorer.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_reindex(self) -> None:
        self.start_build()

    def action_show_timeline(self) -> None:
        if self.main is not None:
            self.main.action_timeline()

    def action_analysis(self) -> None:
        if self.main is not None:
            self.main.action_analysis()

    def action_open_corpus(self) -> None:
        def opened(path: Path | None) -> None:
            if path is not None:
                self.open_path(path)

        self.push_screen(OpenCorpusScreen(), opened)

    def open_path(self, path: Path) -> None:
        """Another corpus: its index built or updated, its last query back."""
        try:
            library = Library(path)
        except ExplorerError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        library.lexicon = self.config.lexicon
        self.library.close()
        self.library = library
        self.sub_title = visible(str(path))
        if self.main is not None:
            self.main.reset(library)
        self.remember_corpus()
        self.restore_query()
        self.start_build()

    def mark(self, article_id: str) -> None:
        if self.main is not None:
            self.main.marked = article_id
            self.main.prepare_comparison()
            self.notify("Marked for compare; choose another article and press c")

    def on_unmount(self) -> None:
        self.library.close()


def make_app(
    corpus: Path | None = None,
    index_dir: Path | None = None,
    library: Library | None = None,
    *,
    config: Config | None = None,
    state: State | None = None,
) -> ExplorerApp:
    """The app for the CLI and the tests: on `corpus` (default: the bundled corpus), with
    the user's settings and saved state (default: none, and the user state dir)."""
    return ExplorerApp(library or Library(corpus or BUNDLED_CORPUS, index_dir), config, state)
