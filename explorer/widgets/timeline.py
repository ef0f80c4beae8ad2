"""The timeline: one lane per outlet, articles on a day axis, an "undated"
column, inferred date ranges drawn as ranges, and a heat strip of the
current query's hits per outlet per day. Arrow keys move between marks,
Enter opens one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from explorer.safe_text import one_line

if TYPE_CHECKING:
    from index import Article, ArticleFrames, AttentionCell, FrameLexicon

LABEL = 18
CELL = 3
UNDATED = "undated"
HEAT = " ▁▂▃▄▅▆▇█"
CURSOR = "bold reverse"  # the mark under the cursor


def frame_letters(
    results: tuple[ArticleFrames, ...], lexicon: FrameLexicon | None
) -> tuple[dict[str, str], dict[str, str]]:
    """The chip of each article's dominant frame (article id -> letter) and the
    legend (letter -> frame name)."""
    if lexicon is None:
        return {}, {}
    chips = {r.article.id: lexicon.letter(r.primary) for r in results if r.primary}
    legend = {lexicon.letter(r.primary): r.primary for r in results if r.primary}
    return chips, legend


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:7] + "-01")
        except ValueError:
            return None


@dataclass(eq=False)  # marks are told apart by identity: comparing articles is slow
class Mark:
    article: Article
    lane: int
    column: int  # -1: the undated column


@dataclass
class Layout:
    outlets: list[str]
    start: dt.date | None
    days_per_column: int
    columns: int
    marks: list[Mark] = field(default_factory=list)
    by_lane: dict[int, list[int]] = field(default_factory=dict)  # each lane's marks (indices)

    def column_of(self, day: dt.date) -> int:
        assert self.start is not None
        return min(self.columns - 1, (day - self.start).days // self.days_per_column)

    def day_of(self, column: int) -> dt.date:
        assert self.start is not None
        return self.start + dt.timedelta(days=column * self.days_per_column)


def layout(articles: tuple[Article, ...], width: int) -> Layout:
    outlets = sorted({a.outlet or "(unknown outlet)" for a in articles}, key=str.casefold)
    days: list[dt.date] = []
    for article in articles:
        for value in (article.date, article.meta.date_earliest, article.meta.date_latest):
            day = _day(value)
            if day:
                days.append(day)
    usable = max(1, (width - LABEL - CELL * 3) // CELL)
    if not days:
        grid = Layout(outlets, None, 1, 0)
    else:
        start, end = min(days), max(days)
        span = (end - start).days + 1
        per = max(1, -(-span // usable))
        grid = Layout(outlets, start, per, max(1, -(-span // per)))
    lanes = {outlet: lane for lane, outlet in enumerate(outlets)}
    for article in articles:
        lane = lanes[article.outlet or "(unknown outlet)"]
        day = _day(article.date)
        column = grid.column_of(day) if day and grid.start else -1
        grid.marks.append(Mark(article, lane, column))
    grid.marks.sort(key=lambda m: (m.lane, m.column if m.column >= 0 else 10**6, m.article.id))
    for index, mark in enumerate(grid.marks):
        grid.by_lane.setdefault(mark.lane, []).append(index)
    return grid


def _runs(cells: Iterable[tuple[str, str]]) -> Text:
    """The cells as text, neighbours of one style joined into one span: a lane of 60
    cells becomes a few spans, and Textual renders each span of a frame separately."""
    text = Text()
    run: list[str] = []
    run_style = ""
    for cell, style in cells:
        if style != run_style and run:
            text.append("".join(run), style=run_style)
            run = []
        run.append(cell)
        run_style = style
    if run:
        text.append("".join(run), style=run_style)
    return text


def _range_cell(column: int, first: int, last: int) -> str:
    if first == last:
        return "├─┤"
    if column == first:
        return "├──"
    return "──┤" if column == last else "───"


class Timeline(Widget, can_focus=True):
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
        self.refresh(layout=True)

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

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        lanes = len({a.outlet for a in self.articles}) or 1
        return 6 + lanes * 2

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
        if y < 2:
            return self._axis(grid).split("\n")[y]
        lane, row = divmod(y - 2, 2)
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
        number = y - 2 - 2 * len(grid.outlets)
        return legend[number] if number < len(legend) else Text()

    def as_text(self) -> Text:
        """The whole timeline as one text (what its lines show, top to bottom)."""
        lines = [self._line(y) for y in range(self.get_content_height(None, None, 0))]
        return Text("\n").join(lines)

    def render_line(self, y: int) -> Strip:
        """One line, drawn once until the data, the width or the cursor's lane changes
        it: a cursor move draws two lanes, not the whole timeline."""
        strip = self._strips.get(y)
        if strip is None:
            self._hotspots = {at: i for at, i in self._hotspots.items() if at[1] != y}
            text = self._line(y)
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
                y = 2 + mark.lane * 2
                self._strips.pop(y, None)
                self.refresh(Region(0, y, self.size.width, 1))
        self._show_lane()

    def _show_lane(self) -> None:
        """The cursor's lane (its marks and heat lines) scrolled into view, with the
        lane above and below where there is room."""
        current, parent = self.current, self.parent
        if current is None or not isinstance(parent, Widget):
            return
        top = self.virtual_region.y + self.styles.gutter.top + 2 + current.lane * 2
        parent.scroll_to_region(Region(0, top - 2, 1, 6), animate=False, immediate=True)

    def action_open(self) -> None:
        mark = self.current
        if mark is not None:
            self.post_message(self.ArticleChosen(mark.article.id))

    def on_click(self, event: events.Click) -> None:
        for (x, y), index in self._hotspots.items():
            if y == event.y and x - 1 <= event.x <= x + 1:
                self._move_to(index)
                self.action_open()
                return

    def select(self, article_id: str) -> None:
        for index, mark in enumerate(self._grid().marks):
            if mark.article.id == article_id:
                self._move_to(index)
                return
