"""Side-by-side reading of two articles: shared passages in the same colour on
both sides, scrolling that follows them, and keys to jump between them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.safe_text import safe, visible
from explorer.widgets.article_pane import date_line, paragraphs, with_confidence
from explorer.wording import counted
from index import (
    Article,
    ExplorerError,
    Library,
    SharedPassage,
    Span,
    shared_passages,
)

PALETTE = ("on dark_green", "on dark_blue", "on dark_magenta", "on dark_cyan", "on grey30")
CURRENT = "bold black on yellow"
CLAIM = "underline"


def side_text(
    text: str,
    spans: list[tuple[int, int, int]],
    current: int | None,
    claims: list[Span] | None = None,
) -> list[Text]:
    """One Text per paragraph; spans are (start, end, passage number); claim
    sentences the two articles share are underlined."""
    out = []
    for para in paragraphs(text):
        line = safe(text[para.start : para.end])
        for claim in claims or ():
            if claim.end > para.start and claim.start < para.end:
                low, high = max(claim.start, para.start), min(claim.end, para.end)
                line.stylize(CLAIM, low - para.start, high - para.start)
        for start, end, number in spans:
            if end <= para.start or start >= para.end:
                continue
            style = CURRENT if number == current else PALETTE[number % len(PALETTE)]
            line.stylize(
                style, max(start, para.start) - para.start, min(end, para.end) - para.start
            )
        out.append(line)
    return out


def side_header(article: Article) -> Text:
    head = safe(article.display_title, "bold")
    head.append("\n")
    head.append_text(with_confidence(article.meta.outlet))
    head.append("  ")
    head.append_text(date_line(article))
    return head


class Side(VerticalScroll, can_focus=True):
    """One column of the comparison; tells the screen when the reader scrolls it."""

    @dataclass
    class Scrolled(Message):
        side: Side
        y: float

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.Scrolled(self, new_value))


class CompareScreen(Screen[None]):
    BINDINGS = [
        Binding("right_square_bracket,p", "passage(1)", "Next shared", id="next-shared"),
        Binding("left_square_bracket,P", "passage(-1)", "Prev shared", id="prev-shared"),
        Binding("l", "claim(1)", "Next shared claim", id="next-shared-claim"),
        Binding("tab", "switch_side", "Other side", show=False, id="other-side"),
        Binding("escape,q", "close", "Back", id="back"),
    ]

    @dataclass
    class Aligned(Message):
        """The shared passages: shown at once, before the claims (the sentence model can
        take seconds to load)."""

        left: Article
        right: Article
        passages: tuple[SharedPassage, ...]

    @dataclass
    class ClaimsLinedUp(Message):
        claims: tuple[tuple[str, Span, Span], ...]  # label, sentence on the left, on the right

    def __init__(self, library: Library, left: str, right: str, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.refs = (left, right)
        self.passages: tuple[SharedPassage, ...] = ()
        self.claims: tuple[tuple[str, Span, Span], ...] = ()
        self.claims_ready = False
        self.current_claim: int | None = None
        self.current: int | None = None
        self.pair: tuple[Article, Article] | None = None
        self._syncing = False

    def compose(self) -> ComposeResult:
        yield Static("Aligning…", id="compare-summary", markup=False)
        with Horizontal(id="compare"):
            yield Side(id="left")
            yield Side(id="right")
        yield Footer()

    def on_mount(self) -> None:
        self._align()

    @work(thread=True, exclusive=True, group="compare")
    def _align(self) -> None:
        try:
            left = self.library.article(self.refs[0]).article
            right = self.library.article(self.refs[1]).article
        except ExplorerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.post_message(self.Aligned(left, right, shared_passages(left.text, right.text)))
        claims = []
        for beat in self.library.pair_beats(left, right).beats:
            mine = [m.sentence for m in beat.mentions if m.article.id == left.id]
            theirs = [m.sentence for m in beat.mentions if m.article.id == right.id]
            if mine and theirs:
                claims.append((beat.label, Span(mine[0].start, mine[0].end),
                               Span(theirs[0].start, theirs[0].end)))  # fmt: skip
        claims.sort(key=lambda claim: claim[1].start)
        self.post_message(self.ClaimsLinedUp(tuple(claims)))

    def on_compare_screen_aligned(self, event: Aligned) -> None:
        self.pair = (event.left, event.right)
        self.passages = event.passages
        self.current = 0 if self.passages else None
        self._summarise()
        self._render_sides()
        self.call_after_refresh(self._scroll_to_current)
        self.query_one("#left", Side).focus()

    def on_compare_screen_claims_lined_up(self, event: ClaimsLinedUp) -> None:
        self.claims, self.claims_ready = event.claims, True
        self._summarise()
        scrolled = [self.query_one(side, Side).scroll_y for side in ("#left", "#right")]
        self._render_sides()  # the claims underlined, each side where the reader left it
        if any(scrolled) or self.current is None:
            self.call_after_refresh(self._scroll_back, scrolled)
        else:  # before the first shared passage was scrolled to
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_back(self, scrolled: list[float]) -> None:
        self._syncing = True
        for side, y in zip(("#left", "#right"), scrolled, strict=True):
            self.query_one(side, Side).scroll_to(y=y, animate=False)
        self.call_after_refresh(self._end_sync)

    def _summarise(self) -> None:
        words = sum(p.words for p in self.passages)
        passages = counted(len(self.passages), "shared passage")
        summary = Text(f"{passages}, {counted(words, 'word')} in common", "bold")
        if not self.passages:
            summary = Text("These two articles share no passage of six words or more.", "bold")
        if self.claims_ready:
            told = counted(len(self.claims), "claim")
            summary.append(f" · {told} told by both (underlined)", style="bold")
        else:
            summary.append(" · lining up the claims both tell…", style="italic")
        summary.append("   ] / [ shared passage · l shared claim · Tab other side · Esc back",
                       style="dim")  # fmt: skip
        self.query_one("#compare-summary", Static).update(summary)

    def _render_sides(self) -> None:
        if self.pair is None:
            return
        for side_id, article, pick in (("#left", self.pair[0], 0), ("#right", self.pair[1], 1)):
            side = self.query_one(side_id, Side)
            side.remove_children()
            spans = [
                ((p.left if pick == 0 else p.right).start,
                 (p.left if pick == 0 else p.right).end, n)
                for n, p in enumerate(self.passages)
            ]  # fmt: skip
            widgets = [Static(side_header(article), classes="side-header", markup=False)]
            widgets += [
                Static(line, classes="paragraph", markup=False)
                for line in side_text(
                    article.text, spans, self.current, [c[2] if pick else c[1] for c in self.claims]
                )
            ]
            side.mount_all(widgets)

    def _paragraph_y(self, side: Side, text: str, offset: int) -> int:
        for para, widget in zip(paragraphs(text), side.query(".paragraph"), strict=False):
            if para.start <= offset <= para.end:
                fraction = (offset - para.start) / max(1, para.end - para.start)
                return widget.virtual_region.y + int(fraction * max(0, widget.size.height - 1))
        return 0

    def _laid_out(self) -> bool:
        """Whether the freshly mounted paragraphs have their sizes yet."""
        widgets = list(self.query(".paragraph"))
        return bool(widgets) and all(w.size.height > 0 for w in widgets[-2:])

    def _scroll_to_current(self, tries: int = 20) -> None:
        if self.pair is None or self.current is None:
            return
        if not self._laid_out() and tries > 0:
            self.set_timer(0.02, lambda: self._scroll_to_current(tries - 1))
            return
        passage = self.passages[self.current]
        self._syncing = True
        for side_id, article, span in (
            ("#left", self.pair[0], passage.left),
            ("#right", self.pair[1], passage.right),
        ):
            side = self.query_one(side_id, Side)
            y = self._paragraph_y(side, article.text, span.start)
            side.scroll_to(y=max(0, y - 3), animate=False)
        self.call_after_refresh(self._end_sync)

    def _end_sync(self) -> None:
        self._syncing = False

    def on_side_scrolled(self, event: Side.Scrolled) -> None:
        """Keep the other side on the shared passage nearest this side's reading line."""
        if self._syncing or self.pair is None or not self.passages:
            return
        this_left = event.side.id == "left"
        other = self.query_one("#right" if this_left else "#left", Side)
        texts = (self.pair[0].text, self.pair[1].text)
        reading_line = event.y + event.side.size.height / 3
        best = None
        for passage in self.passages:
            mine = passage.left if this_left else passage.right
            theirs = passage.right if this_left else passage.left
            y = self._paragraph_y(event.side, texts[0 if this_left else 1], mine.start)
            if best is None or abs(y - reading_line) < abs(best[0] - reading_line):
                best = (y, theirs)
        if best is None:
            return
        y_this, theirs = best
        y_other = self._paragraph_y(other, texts[1 if this_left else 0], theirs.start)
        self._syncing = True
        other.scroll_to(y=max(0, y_other - (y_this - event.y)), animate=False)
        self.call_after_refresh(self._end_sync)

    def action_passage(self, step: int) -> None:
        if not self.passages:
            self.notify("No shared passages")
            return
        self.current = ((self.current or 0) + step) % len(self.passages)
        self._render_sides()
        self.call_after_refresh(self._scroll_to_current)
        self.notify(f"Shared passage {self.current + 1}/{len(self.passages)}", timeout=1.5)

    def action_claim(self, step: int) -> None:
        """Scroll both sides to the next claim the two articles share."""
        if not self.claims_ready:
            self.notify("Still lining up the claims both tell…", timeout=2)
            return
        if not self.claims or self.pair is None:
            self.notify("These articles share no claim")
            return
        self.current_claim = ((self.current_claim if self.current_claim is not None else -1)
                              + step) % len(self.claims)  # fmt: skip
        label, left, right = self.claims[self.current_claim]
        self._scroll_to_claim(left, right)
        self.notify(f"Claim {self.current_claim + 1}/{len(self.claims)}: {visible(label)}",
                    timeout=3, markup=False)  # fmt: skip

    def _scroll_to_claim(self, left: Span, right: Span) -> None:
        if self.pair is None:
            return
        self._syncing = True
        for side_id, article, span in (
            ("#left", self.pair[0], left),
            ("#right", self.pair[1], right),
        ):
            side = self.query_one(side_id, Side)
            side.scroll_to(y=max(0, self._paragraph_y(side, article.text, span.start) - 3),
                           animate=False)  # fmt: skip
        self.call_after_refresh(self._end_sync)

    def action_switch_side(self) -> None:
        left = self.query_one("#left", Side)
        (self.query_one("#right", Side) if left.has_focus else left).focus()

    def action_close(self) -> None:
        self.dismiss()
