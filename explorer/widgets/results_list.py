"""The search results: one row of four lines per hit, drawn line by line.

Each row has the same height (outlet and date, the title, two lines of snippet), so
the list's height changes only with the number of hits: a keystroke that brings new
hits repaints the rows on screen and never lays the screen out again. Only the rows
in view are ever turned into lines, and a row's lines are kept until its hit, the
width or the cursor changes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.safe_text import one_line

if TYPE_CHECKING:
    from index import Hit

ROW_HEIGHT = 4  # outlet and date, title, two lines of snippet
SNIPPET_LINES = ROW_HEIGHT - 2
PADDING = 1  # columns left blank on each side of a row


def header_text(hit: Hit) -> Text:
    text = Text()
    text.append_text(one_line(hit.outlet or "(unknown outlet)", "bold cyan"))
    text.append("  ")
    if hit.date:
        text.append(hit.date[:10], style="dim")
        if hit.date_confidence == "inferred":
            text.append(" (inferred)", style="dim italic")
    else:
        text.append("undated", style="dim italic")
    return text


def snippet_text(hit: Hit) -> Text:
    """The hit's first fragment with its matches in reverse video (empty without one).
    Each piece is made safe on its own, so a control character shown as <U+XXXX>
    cannot shift a highlight off its match."""
    snippet = Text(style="dim")
    if not hit.fragments:
        return snippet
    fragment = hit.fragments[0]
    done = 0
    for span in sorted(fragment.spans, key=lambda s: s.start):
        start, end = max(span.start, done), max(span.end, done)
        snippet.append_text(one_line(fragment.text[done:start]))
        snippet.append_text(one_line(fragment.text[start:end], "reverse"))
        done = end
    snippet.append_text(one_line(fragment.text[done:]))
    return snippet


def row_texts(hit: Hit, width: int) -> list[Text]:
    """The row's ROW_HEIGHT lines, each at most `width` cells, cut with an ellipsis."""
    console = _console()
    lines = [header_text(hit), one_line(hit.display_title, "bold")]
    wrapped = list(snippet_text(hit).wrap(console, max(width, 1), overflow="ellipsis"))
    snippet = wrapped[:SNIPPET_LINES]
    if len(wrapped) > SNIPPET_LINES and snippet:
        last = snippet[-1]
        last.rstrip()
        last.truncate(max(width - 1, 0))
        last.append("…", style="dim")
    lines.extend(snippet)
    lines.extend(Text() for _ in range(ROW_HEIGHT - len(lines)))
    for line in lines:
        line.expand_tabs()
        line.truncate(width, overflow="ellipsis")
    return lines


@cache
def _console() -> Console:
    """The console rows are wrapped and rendered with: lines become segments and their
    styles, which do not depend on a console's width or colours."""
    return Console(width=200, color_system=None, legacy_windows=False)


class ResultsList(ScrollView, can_focus=True):
    """The hits of the last search; ↑/↓ move the cursor, Enter or a click opens one."""

    BINDINGS = [
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    COMPONENT_CLASSES = {"results-list--cursor", "results-list--cursor-blurred"}

    @dataclass
    class Highlighted(Message):
        article_id: str

    @dataclass
    class Chosen(Message):
        article_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hits: tuple[Hit, ...] = ()
        self._cursor: int | None = None
        self._lines: LRUCache[tuple[Hit, int, str, bool], list[Strip]] = LRUCache(256)

    # -- what it shows -------------------------------------------------------
    @property
    def hits(self) -> tuple[Hit, ...]:
        return self._hits

    @property
    def hit_ids(self) -> list[str]:
        return [hit.id for hit in self._hits]

    @property
    def row_count(self) -> int:
        return len(self._hits)

    @property
    def rows_in_view(self) -> int:
        """Rows the list shows at once (a part of one counts), at least one."""
        return max(-(-self.scrollable_content_region.height // ROW_HEIGHT), 1)

    def set_hits(self, hits: tuple[Hit, ...]) -> None:
        """Show other hits: the cursor goes to the first row when the list has the focus."""
        self._hits = hits
        self._cursor = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._resize()
        if hits and self.has_focus:
            self.highlighted = 0
        self.refresh()

    def replace_hits(self, hits: tuple[Hit, ...]) -> None:
        """The same rows with other content (their snippets): only those rows repaint."""
        by_id = {hit.id: hit for hit in hits}
        shown = list(self._hits)
        for row, hit in enumerate(shown):
            better = by_id.get(hit.id)
            if better is not None and better != hit:
                shown[row] = better
                self._refresh_row(row)
        self._hits = tuple(shown)

    def _resize(self) -> None:
        height = len(self._hits) * ROW_HEIGHT
        if self.virtual_size.height != height:  # a layout pass only when the height changes
            self.virtual_size = Size(self.scrollable_content_region.width, height)

    # -- the cursor ------------------------------------------------------------
    @property
    def highlighted(self) -> int | None:
        return self._cursor

    @highlighted.setter
    def highlighted(self, row: int | None) -> None:
        if row is not None:
            row = min(max(row, 0), len(self._hits) - 1) if self._hits else None
        if row == self._cursor:
            return
        before, self._cursor = self._cursor, row
        for changed in (before, row):
            if changed is not None:
                self._refresh_row(changed)
        if row is not None:
            self.scroll_to_region(
                Region(0, row * ROW_HEIGHT, self.scrollable_content_region.width, ROW_HEIGHT),
                animate=False,
                force=True,
                immediate=True,
            )
            self.post_message(self.Highlighted(self._hits[row].id))

    @property
    def highlighted_id(self) -> str | None:
        return None if self._cursor is None else self._hits[self._cursor].id

    def action_cursor(self, step: int) -> None:
        self.highlighted = 0 if self._cursor is None else self._cursor + step

    def action_page(self, step: int) -> None:
        rows = max(self.scrollable_content_region.height // ROW_HEIGHT, 1)
        self.highlighted = 0 if self._cursor is None else self._cursor + step * rows

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._hits) - 1

    def action_choose(self) -> None:
        if self._cursor is not None:
            self.post_message(self.Chosen(self._hits[self._cursor].id))

    def on_click(self, event: events.Click) -> None:
        row = (event.y + self.scroll_offset.y) // ROW_HEIGHT
        if 0 <= row < len(self._hits):
            self.highlighted = row
            self.post_message(self.Chosen(self._hits[row].id))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        """Another theme or stylesheet: the kept lines have the old colours."""
        super().notify_style_update()
        self._lines.clear()

    def on_resize(self) -> None:
        self._resize()

    # -- drawing -------------------------------------------------------------
    def _refresh_row(self, row: int | None) -> None:
        if row is None:
            return
        top = row * ROW_HEIGHT - self.scroll_offset.y
        if top + ROW_HEIGHT > 0 and top < self.size.height:  # off screen: nothing to repaint
            self.refresh(Region(0, top, self.size.width, ROW_HEIGHT))

    def _row_strips(self, row: int, width: int) -> list[Strip]:
        hit = self._hits[row]
        state = ""
        if row == self._cursor:
            state = "results-list--cursor" if self.has_focus else "results-list--cursor-blurred"
        key = (hit, width, state, self.has_focus)  # the focus tints every row
        strips = self._lines.get(key)
        if strips is None:
            base = self.rich_style
            if state:
                base = self.get_component_rich_style(state)  # blended over the list
            texts = row_texts(hit, width - 2 * PADDING)
            strips = [self._strip(text, width, base) for text in texts]
            self._lines[key] = strips
        return strips

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        if text.style:  # Text.render leaves a text's own style to its console: make it a span
            text.stylize_before(text.style)
            text.style = ""
        text.pad_left(PADDING)
        segments = list(text.render(_console()))
        strip = Strip(segments).crop_extend(0, width, base)
        return strip.apply_style(base)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        row, offset = divmod(line, ROW_HEIGHT)
        if not 0 <= row < len(self._hits) or width <= 0:
            return Strip([Segment(" " * max(width, 0), self.rich_style)], max(width, 0))
        return self._row_strips(row, width)[offset]
