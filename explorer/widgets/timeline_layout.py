"""The timeline's geometry: outlets as lanes, days as columns of a fixed width, each
article's mark placed on its lane and column, and the text helpers its lines are
drawn with. No widget here: `explorer.widgets.timeline` draws it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from index import Article, ArticleFrames, FrameLexicon

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
