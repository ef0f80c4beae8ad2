"""The article pane: metadata with confidence, then the body with the current
query's matches highlighted; n/N move between matches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from explorer.safe_text import safe

if TYPE_CHECKING:
    from index import Article, ArticleView, MetaField, Span

MATCH_STYLE = "black on yellow"
CURRENT_STYLE = "bold black on dark_orange"


def with_confidence(field: MetaField, empty: str = "—") -> Text:
    """ "2025-07-15 (inferred)"; unknown values as a dim dash."""
    if field.value is None:
        return Text(empty, style="dim")
    text = safe(field.value)
    if field.confidence != "confirmed":
        text.append(f" ({field.confidence})", style="dim italic")
    return text


def date_line(article: Article) -> Text:
    meta = article.meta
    text = with_confidence(meta.date, "undated")
    if meta.date.value is None and (meta.date_earliest or meta.date_latest):
        bounds = f"{meta.date_earliest or '…'} – {meta.date_latest or '…'}"
        text.append(f" ({bounds}, inferred)", style="dim italic")
    return text


def header(article: Article) -> Text:
    out = safe(article.display_title, "bold")
    meta = article.meta
    rows = [
        ("outlet", with_confidence(meta.outlet)),
        ("date", date_line(article)),
        ("author", with_confidence(meta.author)),
        ("url", with_confidence(meta.url)),
        ("language", with_confidence(meta.language)),
    ]
    for name, value in rows:
        out.append(f"\n{name:<9}", style="dim")
        out.append_text(value)
    out.append(f"\n{'file':<9}", style="dim")
    out.append_text(safe(article.file))
    out.append(f"  ·  {article.words} words", style="dim")
    return out


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append(Paragraph(start, end))
        start = end + 1
    return out


def paragraph_text(
    text: str, para: Paragraph, spans: tuple[Span, ...], current: int | None, style: str
) -> Text:
    out = safe(text[para.start : para.end])
    for index, span in enumerate(spans):
        if span.end <= para.start or span.start >= para.end:
            continue
        chosen = CURRENT_STYLE if index == current else style
        out.stylize(chosen, max(span.start, para.start) - para.start,
                    min(span.end, para.end) - para.start)  # fmt: skip
    return out


class ArticlePane(VerticalScroll, can_focus=True):
    """Shows one article; `n`/`N` (bound on the screen) call next_match/previous_match."""

    @dataclass
    class MatchMoved(Message):
        current: int  # 1-based; 0 when there are no matches
        total: int

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: ArticleView | None = None
        self.current: int | None = None
        self._paragraphs: list[Paragraph] = []

    def compose(self) -> ComposeResult:
        yield Static("Open an article from the results (Enter).", id="article-header",
                     markup=False)  # fmt: skip

    @property
    def article(self) -> Article | None:
        return self.view.article if self.view else None

    def show(self, view: ArticleView, keep_position: bool = False) -> None:
        self.view = view
        self.current = 0 if view.matches else None
        self._paragraphs = paragraphs(view.article.text)
        self.query_one("#article-header", Static).update(header(view.article))
        self._render_body()
        if not keep_position:
            self.scroll_home(animate=False)
        if view.matches:
            self.call_after_refresh(self._scroll_to_current)
        self.post_message(self.MatchMoved(1 if view.matches else 0, len(view.matches)))

    def _render_body(self) -> None:
        if self.view is None:
            return
        for widget in list(self.query(".paragraph")):
            widget.remove()
        text = self.view.article.text
        widgets = [
            Static(paragraph_text(text, para, self.view.matches, self.current, MATCH_STYLE),
                   classes="paragraph", markup=False)
            for para in self._paragraphs
        ]  # fmt: skip
        self.mount_all(widgets)

    def _restyle(self) -> None:
        if self.view is None:
            return
        text = self.view.article.text
        for para, widget in zip(self._paragraphs, self.query(".paragraph"), strict=False):
            if isinstance(widget, Static):
                widget.update(
                    paragraph_text(text, para, self.view.matches, self.current, MATCH_STYLE)
                )

    def _scroll_to_current(self) -> None:
        if self.view is None or self.current is None:
            return
        span = self.view.matches[self.current]
        for para, widget in zip(self._paragraphs, self.query(".paragraph"), strict=False):
            if para.start <= span.start <= para.end:
                fraction = (span.start - para.start) / max(1, para.end - para.start)
                line = int(fraction * max(0, widget.size.height - 1))
                target = widget.virtual_region.y + line
                self.scroll_to(y=max(0, target - self.size.height // 3), animate=False)
                return

    def move(self, step: int) -> None:
        if self.view is None or not self.view.matches:
            self.post_message(self.MatchMoved(0, 0))
            return
        total = len(self.view.matches)
        self.current = ((self.current or 0) + step) % total
        self._restyle()
        self.call_after_refresh(self._scroll_to_current)
        self.post_message(self.MatchMoved(self.current + 1, total))
