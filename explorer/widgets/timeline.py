"""The timeline: one lane per outlet, articles on a day axis, an "undated"
column, inferred date ranges drawn as ranges, and a heat strip of the
current query's hits per outlet per day. Arrow keys move between marks,
Enter opens one. The lanes scroll between the axis, which stays on top, and the
legend, which stays at the bottom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from explorer.safe_text import one_line
from explorer.widgets.timeline_layout import (
    CELL,
    CURSOR,
    HEAT,
    LABEL,
    UNDATED,
    Layout,
    Mark,
    _day,
    _range_cell,
    _runs,
    layout,
)

if TYPE_CHECKING:
    from index import Article, AttentionCell

AXIS = 2  # lines of the axis, kept on top while the lanes scroll


class Timeline(ScrollView, can_focus=True):
    """Posts ArticleChosen when a mark is opened."""

    BINDINGS = [
        Binding("left", "move(-1, 0)", "Earlier", show=False),
        Binding("right", "move(1, 0)", "Later", show=False),
        Binding("up", "move(0, -1)", "Outlet above", show=False),
        Binding("down", "move(0, 1)", "Outlet below", show=False),
        Binding("enter", "open", "Open", id="timeline-open"),
    ]

    @dataclass
    class ArticleChosen(Message):
        article_id: str

    cursor: reactive[int] = reactive(0, repaint=False)  # a move redraws two lanes

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.articles: tuple[Article, ...] = ()
        # each outlet's days (parsed once) and hits: a lane's heat reads only its own
        self.attention: dict[str, list[tuple[dt.date | None, int]]] = {}
        self.frames: dict[str, str] = {}
        self.legend: dict[str, str] = {}
        self.query_text = ""
        self._layout: Layout | None = None
        self._hotspots: dict[tuple[int, int], int] = {}  # (x, y) of a drawn mark -> its index
        self._strips: dict[int, Strip] = {}  # each line drawn, by y
        self._loaded = False  # set_data has come (the listing and the frames take seconds)
        self._legend_lines, self._line_count = 0, 1  # see _size_lines

    def set_data(
        self,
        articles: tuple[Article, ...],
        attention: tuple[AttentionCell, ...],
        query: str,
        frames: dict[str, str] | None = None,
        legend: dict[str, str] | None = None,
    ) -> None:
        self._loaded = True
        self.articles = articles
        self.attention = {}
        for cell in attention:
            self.attention.setdefault(cell.outlet, []).append((_day(cell.day), cell.count))
        self.frames = frames or {}
        self.legend = legend or {}
        self.query_text = query
        self._layout = None
        self._forget()
        self._size_lines()

    @property
    def current(self) -> Mark | None:
        grid = self._grid()
        if not grid.marks:
            return None
        return grid.marks[min(self.cursor, len(grid.marks) - 1)]

    def _grid(self) -> Layout:
        if self._layout is None:
            self._layout = layout(self.articles, max(self.size.width, 40))
        return self._layout

    def on_resize(self) -> None:
        self._layout = None
        self._forget()
        self._size_lines()

    def _lines(self) -> int:
        """How many lines the whole timeline has: the axis, two per lane, the legend."""
        return self._line_count

    def _size_lines(self) -> None:
        """The line counts, worked out when the data or the width change (each row drawn
        asks for them)."""
        if not self._loaded or not self.articles:
            self._legend_lines, self._line_count = 0, 1
        else:
            self._legend_lines = len(self._legend().split("\n"))
            self._line_count = AXIS + 2 * len(self._grid().outlets) + self._legend_lines
        self.virtual_size = Size(0, self._line_count)
        self.refresh()

    def _pinned(self) -> int:
        """Lines of the legend kept at the bottom: all of them once the lanes scroll (the
        frame letters mean nothing without it), none while everything fits."""
        return self._legend_lines if self._line_count > self.size.height else 0

    def _shown(self, y: int) -> int:
        """The timeline's line drawn at row `y` of the widget: the axis stays on top and
        the legend at the bottom while the lanes scroll between them."""
        pinned = self._pinned()
        if y < AXIS:
            return y
        if pinned and y >= self.size.height - pinned:
            return self._lines() - (self.size.height - y)
        return y + int(self.scroll_offset.y)

    def _forget(self) -> None:
        """Every line is drawn again (the data or the width changed)."""
        self._strips.clear()
        self._hotspots.clear()

    def _line(self, y: int) -> Text:
        """Line `y` of the timeline: two of the axis, two per lane (its marks, its heat),
        then the legend."""
        if not self._loaded or not self.articles:
            if y:
                return Text()
            return Text(
                "Laying out the timeline…" if not self._loaded else "No articles indexed yet.",
                style="dim",
            )
        grid = self._grid()
        if y < AXIS:
            return self._axis(grid).split("\n")[y]
        lane, row = divmod(y - AXIS, 2)
        if lane < len(grid.outlets):
            outlet = grid.outlets[lane]
            if row:
                text = Text(" " * LABEL)
                text.append_text(self._heat(grid, outlet))
                return text
            text = Text()
            text.append_text(one_line(outlet[: LABEL - 2].ljust(LABEL), "bold"))
            text.append_text(self._lane_marks(grid, lane, self.current, y))
            return text
        legend = self._legend().split("\n")
        number = y - AXIS - 2 * len(grid.outlets)
        return legend[number] if number < len(legend) else Text()

    def as_text(self) -> Text:
        """The whole timeline as one text (what its lines show, top to bottom)."""
        lines = [self._line(y) for y in range(self._lines())]
        return Text("\n").join(lines)

    def render_line(self, y: int) -> Strip:
        """Row `y`: a line drawn once until the data, the width or the cursor's lane
        changes it (a cursor move draws two lanes, not the whole timeline)."""
        y = self._shown(y)
        strip = self._strips.get(y)
        if strip is None:
            self._hotspots = {at: i for at, i in self._hotspots.items() if at[1] != y}
            text = self._line(y) if y < self._lines() else Text()
            text.no_wrap, text.overflow = True, "crop"
            width = self.size.width
            drawn = Visual.to_strips(self, visualize(self, text), width, 1, self.visual_style)
            strip = drawn[0] if drawn else Strip.blank(width, self.visual_style.rich_style)
            self._strips[y] = strip
        return strip

    def _axis(self, grid: Layout) -> Text:
        """Two lines: the month where it starts, then each column's first day."""
        months = Text(" " * LABEL, style="dim")
        days = Text(" " * LABEL, style="dim")
        if grid.start is not None:
            last_month = None
            for column in range(grid.columns):
                day = grid.day_of(column)
                month = f"{day:%b}" if (day.year, day.month) != last_month else ""
                last_month = (day.year, day.month)
                months.append(month.ljust(CELL), style="dim bold")
                days.append(f"{day.day:>2} ", style="dim")
        months.append(" ")
        days.append(" " + UNDATED, style="dim italic")
        months.append("\n")
        months.append_text(days)
        return months

    def _lane_marks(self, grid: Layout, lane: int, current: Mark | None, y: int) -> Text:
        cells = [" " * CELL for _ in range(grid.columns)]
        styles = ["" for _ in range(grid.columns)]
        undated: list[tuple[int, Mark]] = []
        for index in grid.by_lane.get(lane, ()):
            mark = grid.marks[index]
            if mark.column < 0:
                undated.append((index, mark))
                low, high = (
                    _day(mark.article.meta.date_earliest),
                    _day(mark.article.meta.date_latest),
                )
                if grid.start is not None and (low or high):
                    first = grid.column_of(low) if low else 0
                    last = grid.column_of(high) if high else grid.columns - 1
                    for column in range(first, last + 1):
                        if cells[column].strip() == "":
                            cells[column] = _range_cell(column, first, last)
                            styles[column] = "dim yellow"
                continue
            if styles[mark.column] == CURSOR:
                continue  # a day of several marks shows the one under the cursor
            symbol = self.frames.get(mark.article.id, "●")
            cells[mark.column] = f" {symbol} "
            styles[mark.column] = CURSOR if mark is current else "bold green"
            self._hotspots[(LABEL + mark.column * CELL + 1, y)] = index
        text = _runs(zip(cells, styles, strict=True))
        text.append(" ")
        x = LABEL + grid.columns * CELL + 1
        # the undated marks that fit the line (a line never wraps: the lanes would shift),
        # from the one under the cursor when it lies further on
        room = max(1, (self.size.width - x) // 2 - 3)
        under = next((p for p, (_index, mark) in enumerate(undated) if mark is current), 0)
        first = max(0, under - room + 1)
        for index, mark in undated[first : first + room]:
            symbol = self.frames.get(mark.article.id, "○")
            text.append(f"{symbol} ", style=CURSOR if mark is current else "yellow")
            self._hotspots[(x, y)] = index
            x += 2
        if len(undated) > room:
            text.append(f"+{len(undated) - room}", style="dim")
        return text

    def _heat(self, grid: Layout, outlet: str) -> Text:
        counts = [0] * grid.columns
        undated = 0
        for parsed, count in self.attention.get(outlet, ()):
            if parsed is None or grid.start is None:
                undated += count
            else:
                counts[grid.column_of(parsed)] += count
        peak = max([*counts, undated, 1])
        levels = [0 if not c else max(1, round(c / peak * (len(HEAT) - 1))) for c in counts]
        text = _runs((HEAT[level] * CELL, "magenta") for level in levels)
        level = 0 if not undated else max(1, round(undated / peak * (len(HEAT) - 1)))
        text.append(" " + HEAT[level] * 2, style="magenta")
        return text

    def _legend(self) -> Text:
        legend = Text("● article  ○ undated  ├── inferred range  ", style="dim")
        legend.append("▁▄█", style="magenta")
        what = f"hits of {self.query_text!r}" if self.query_text.strip() else "articles"
        legend.append(f" {what} per day", style="dim")
        if self.frames:
            legend.append("\nletters: dominant frame — ", style="dim")
            legend.append(", ".join(f"{k} {v}" for k, v in sorted(self.legend.items())),
                          style="dim")  # fmt: skip
        else:
            legend.append("  · frames: not analysed yet", style="dim italic")
        return legend

    def action_move(self, dx: int, dy: int) -> None:
        grid = self._grid()
        if not grid.marks:
            return
        here_index = min(self.cursor, len(grid.marks) - 1)
        here = grid.marks[here_index]
        if dx:
            same = grid.by_lane[here.lane]
            position = same.index(here_index)
            self._move_to(same[max(0, min(len(same) - 1, position + dx))])
        else:
            lane = max(0, min(len(grid.outlets) - 1, here.lane + dy))
            candidates = grid.by_lane.get(lane, [])
            if candidates:
                self._move_to(
                    min(candidates, key=lambda i: abs(grid.marks[i].column - here.column))
                )

    def _move_to(self, index: int) -> None:
        """The cursor on mark `index`: the lanes it leaves and enters are drawn again."""
        before = self.current
        self.cursor = index
        for mark in {before, self.current}:
            if mark is not None:
                line = AXIS + mark.lane * 2
                self._strips.pop(line, None)
                row = line - int(self.scroll_offset.y)
                if AXIS <= row < self.size.height - self._pinned():
                    self.refresh(Region(0, row, self.size.width, 1))
        self._show_lane()

    def _show_lane(self) -> None:
        """The cursor's lane (its marks and heat lines) scrolled into view below the
        axis, with the lane above and below where there is room."""
        current = self.current
        if current is None:
            return
        rows = max(2, self.size.height - AXIS - self._pinned())  # lane lines shown
        lane = current.lane * 2  # the lane's first line, counted from below the axis
        top = int(self.scroll_offset.y)
        if lane - 2 < top:
            top = max(0, lane - 2)
        elif lane + 4 > top + rows:
            top = lane + 4 - rows
            top += top % 2  # whole lanes under the axis: a lane's marks, then its heat
        if top != int(self.scroll_offset.y):
            self.scroll_to(y=top, animate=False, immediate=True)

    def action_open(self) -> None:
        mark = self.current
        if mark is not None:
            self.post_message(self.ArticleChosen(mark.article.id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = self._shown(offset.y)
        for (x, y), index in self._hotspots.items():
            if y == line and x - 1 <= offset.x <= x + 1:
                self._move_to(index)
                self.action_open()
                return

    def select(self, article_id: str) -> None:
        for index, mark in enumerate(self._grid().marks):
            if mark.article.id == article_id:
                self._move_to(index)
                return
