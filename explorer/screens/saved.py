"""Dialogs for what the user keeps: a file name for an export, a note on the open
article, and the list of notes (searchable) to go back to an article or delete a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from explorer.safe_text import one_line, visible
from index import Note


class ExportScreen(ModalScreen[Path | None]):
    """Asks where to write the results; the extension chooses the format."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggested: Path, what: str, extensions: tuple[str, ...]) -> None:
        super().__init__()
        self.suggested = suggested
        self.what = what
        self.extensions = extensions
        self._confirmed: Path | None = None  # an existing file the user chose to replace

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(visible(f"Export {self.what}"), id="export-what")
            kinds = ", ".join(f".{e}" for e in self.extensions)
            yield Label(f"File ({kinds}); Enter writes, Esc cancels")
            yield Input(str(self.suggested), id="export-path")
            yield Label("", id="export-error", classes="dialog-error")

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        error = self.query_one("#export-error", Label)
        if not raw:
            error.update("Give a file name")
            return
        path = Path(raw).expanduser()
        if path.suffix.lower().lstrip(".") not in self.extensions:
            error.update(f"Name the file {' or '.join('.' + e for e in self.extensions)}")
            return
        if path.is_file() and self._confirmed != path:
            self._confirmed = path
            error.update(visible(f"{path.name} exists: Enter again to replace it"))
            return
        if path.is_dir() or not path.parent.is_dir():
            error.update(visible(f"{path.parent}: no such folder") if not path.is_dir()
                         else visible(f"{path}: is a folder"))  # fmt: skip
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class NoteInput:
    text: str
    tags: tuple[str, ...]


class NoteScreen(ModalScreen[NoteInput | None]):
    """A note (and tags) on one article, above the notes it already has."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, notes: tuple[Note, ...], tags: tuple[str, ...]) -> None:
        super().__init__()
        self.article_title = title
        self.existing = notes
        self.tags = tags

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(one_line(f"Note on: {self.article_title}", "bold"), id="note-title")
            yield Input(placeholder="your note (Enter saves, Esc cancels)", id="note-text")
            yield Input(", ".join(self.tags), placeholder="tags, comma-separated", id="note-tags")
            yield Label("", id="note-error", classes="dialog-error")
            listing = Text()
            for note in self.existing[:5]:
                when = datetime.fromtimestamp(note.updated).strftime("%Y-%m-%d %H:%M")
                listing.append(f"{when}  ", style="dim")
                listing.append_text(one_line(note.text))
                listing.append("\n")
            if not self.existing:
                listing.append("No notes on this article yet.", style="dim italic")
            yield Static(listing, id="note-existing")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = self.query_one("#note-text", Input).value.strip()
        if not text:
            self.query_one("#note-error", Label).update("Write the note first")
            self.query_one("#note-text", Input).focus()
            return
        raw = self.query_one("#note-tags", Input).value
        tags = tuple(t.strip() for t in raw.split(",") if t.strip())
        self.dismiss(NoteInput(text, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotesScreen(ModalScreen[Note | None]):
    """Every note of the corpus, newest first; typing filters them; Enter opens the
    article; Ctrl+D deletes the highlighted note (the app deletes it from the state)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+d", "delete", "Delete note", id="delete-note"),
    ]

    @dataclass
    class DeleteRequested(Message):
        note: Note

    def __init__(self, notes: tuple[Note, ...]) -> None:
        super().__init__()
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-dialog", classes="dialog"):
            yield Label("Notes: type to search · Enter opens · Ctrl+D deletes · Esc closes")
            yield Input(placeholder="search notes, titles and tags", id="notes-search")
            yield OptionList(id="notes-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#notes-search", Input).focus()

    def _fill(self, query: str) -> None:
        wanted = query.casefold().strip()
        listing = self.query_one("#notes-list", OptionList)
        listing.clear_options()
        for note in self.notes:
            haystack = " ".join((note.text, note.title, *note.tags)).casefold()
            if wanted and wanted not in haystack:
                continue
            when = datetime.fromtimestamp(note.updated).strftime("%Y-%m-%d %H:%M")
            label = Text(f"{when}  ", style="dim")
            label.append_text(one_line(note.title, "bold"))
            label.append("\n  ")
            label.append_text(one_line(note.text, "italic"))
            if note.tags:
                label.append_text(one_line("  #" + " #".join(note.tags), "cyan"))
            listing.add_option(Option(label, id=str(note.id)))
        if not listing.option_count:
            listing.add_option(Option(Text("No notes match.", style="dim italic"), disabled=True))

    @on(Input.Changed, "#notes-search")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(Input.Submitted, "#notes-search")
    def _go_to_list(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.query_one("#notes-list", OptionList)
        listing.focus()
        if listing.highlighted is None and listing.option_count:
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((n for n in self.notes if str(n.id) == event.option.id), None)
        if chosen is not None:
            self.dismiss(chosen)

    def action_delete(self) -> None:
        listing = self.query_one("#notes-list", OptionList)
        if listing.highlighted is None:
            self.notify("Highlight a note in the list first (Enter from the search box)")
            return
        wanted = listing.get_option_at_index(listing.highlighted).id
        chosen = next((n for n in self.notes if str(n.id) == wanted), None)
        if chosen is not None:
            self.post_message(self.DeleteRequested(chosen))

    def forget(self, note: Note) -> None:
        """The note is gone from the state: drop it from the list too."""
        self.notes = tuple(n for n in self.notes if n.id != note.id)
        listing = self.query_one("#notes-list", OptionList)
        where = listing.highlighted
        self._fill(self.query_one("#notes-search", Input).value)
        if where is not None and listing.option_count:
            listing.highlighted = min(where, listing.option_count - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)
