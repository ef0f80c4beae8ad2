"""The analysis screen: frames × outlets, story beats × outlets, the quote
ledger and text reuse; every cell opens the sentences behind it."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from explorer.outlet_names import bare_name, column_names, most_reporting
from explorer.safe_text import one_line, safe
from explorer.search_filters import Scope
from explorer.wording import counted
from index import ArticleFrames, Beat, ExplorerError, FrameLexicon, Library, Quote, Reuse

EVIDENCE_LIMIT = 12
# rows each table shows: a 10,000-article corpus has ~75,000 beats, and a table of all
# of them (times every outlet) takes minutes and gigabytes to build; the commands list all
TABLE_ROWS = 2000
# outlets the coverage table shows: a folder of text files without outlet metadata
# counts each file as its own source, a column each; those reporting most beats stay
TABLE_OUTLETS = 48
TABS = (("frames", "Frames"), ("claims", "Claims"), ("quotes", "Quotes"), ("reuse", "Reuse"))
STEPS = tuple(key for key, _title in TABS)  # the order the analyses are worked out in


@dataclass(frozen=True)
class Analysis:
    frames: tuple[ArticleFrames, ...]
    lexicon: FrameLexicon
    beats: tuple[Beat, ...] = ()
    quotes: tuple[Quote, ...] = ()
    reuse: Reuse = Reuse((), ())
    beats_note: str | None = None  # what was grouped by words alone, and why
    done: tuple[str, ...] = STEPS  # the analyses worked out so far, in the order of STEPS


def _outlet(result: ArticleFrames) -> str:
    return result.article.outlet or result.article.file


def _all_outlets(analysis: Analysis) -> set[str]:
    return {_outlet(result) for result in analysis.frames}


def _coverage_outlets(analysis: Analysis) -> list[str]:
    """The coverage table's columns: the outlets reporting most of the beats shown (at
    most TABLE_OUTLETS), in alphabetical order ignoring a leading "The"."""
    busiest = most_reporting(_all_outlets(analysis), analysis.beats[:TABLE_ROWS], TABLE_OUTLETS)
    return sorted(busiest, key=lambda o: bare_name(o).casefold())


def _cut_note(analysis: Analysis) -> str:
    """The lines saying which tables show only their first rows or columns, or nothing."""
    counts = {
        "articles": len(analysis.frames),
        "beats": len(analysis.beats),
        "quotes": len(analysis.quotes),
        "reuse pairs": len(analysis.reuse.pairs),
    }
    cut = [f"{count:,} {name}" for name, count in counts.items() if count > TABLE_ROWS]
    lines = []
    if cut:
        lines.append(
            f"Tables: the first {TABLE_ROWS:,} rows of {', '.join(cut)} (the beats told by"
            " most outlets first); the commands' --json list all."
        )
    outlets = len(_all_outlets(analysis))
    if outlets > TABLE_OUTLETS:
        lines.append(
            f"Claims: the {TABLE_OUTLETS} of {outlets:,} sources reporting most beats (a file"
            " without an outlet is a source of its own)."
        )
    return "".join(f"\n{line}" for line in lines)


class AnalysisScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="back"),
        Binding("w", "whole", "Query/corpus", id="analysis-scope"),
        *(
            Binding(str(number), f"tab('{key}')", title, show=False)
            for number, (key, title) in enumerate(TABS, 1)
        ),
    ]

    @dataclass
    class StepDone(Message, bubble=False):  # for this screen alone
        analysis: Analysis  # what is known so far: its last step has just been worked out
        seconds: float  # since the analysis began
        run: int = 0  # which analysis of the screen (another scope starts another)

        @property
        def step(self) -> str:
            return self.analysis.done[-1]

    @dataclass
    class Computed(Message, bubble=False):
        analysis: Analysis | None
        error: str | None = None
        run: int = 0

    def __init__(self, library: Library, scope: Scope | None = None) -> None:
        super().__init__()
        self.library = library
        self.scope = scope or Scope()
        self.whole = self.scope.whole  # the whole corpus analysed, or what the query finds
        self.analysis: Analysis | None = None
        self._filled: set[str] = set()  # the steps whose tables are filled
        self._run = 0

    def compose(self) -> ComposeResult:
        # the summary's notes scroll on a short terminal, so the tables keep their rows
        with VerticalScroll(id="analysis-head", can_focus=False):
            yield Static("Analysing the corpus…", id="analysis-summary", markup=False)
        with TabbedContent(id="analysis-tabs"):
            for key, title in TABS:
                with TabPane(title, id=f"tab-{key}"), Vertical():
                    # the row's article or beat stays in view while the cursor goes right
                    yield DataTable(
                        id=f"table-{key}", cursor_type="cell", zebra_stripes=True,
                        fixed_columns=1 if key in ("frames", "claims") else 0,
                    )  # fmt: skip
                    with VerticalScroll(classes="evidence"):
                        yield Static("", id=f"evidence-{key}", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#analysis-summary", Static).update(safe(f"Analysing {self._what()}…"))
        self._compute(self._run, self.whole)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "whole" and self.scope.whole)  # no query: nothing to switch to

    def action_whole(self) -> None:
        """Between the query's articles and the whole corpus: the tables start again."""
        self.whole = not self.whole
        self._run += 1
        self.analysis = None
        self._filled.clear()
        for key in STEPS:
            self.query_one(f"#table-{key}", DataTable).clear(columns=True)
            self.query_one(f"#evidence-{key}", Static).update("")
        self.query_one("#analysis-summary", Static).update(safe(f"Analysing {self._what()}…"))
        self._compute(self._run, self.whole)

    def _what(self) -> str:
        return "the whole corpus" if self.whole else self.scope.describe()

    @work(thread=True, exclusive=True, group="analysis")
    def _compute(self, run: int, whole: bool) -> None:
        """Each analysis in turn, each table shown as soon as its analysis is known (the
        claims can take minutes the first time on a large corpus)."""
        try:
            started = time.perf_counter()
            among = None if whole else self.scope.articles(self.library)
            if among is not None and not among:
                nothing = f"no article to analyse among {self._what()}; w analyses the corpus"
                self.post_message(self.Computed(None, nothing, run))
                return
            frames, lexicon = self.library.frames(None, among)
            analysis = Analysis(frames, lexicon, done=STEPS[:1])
            self.post_message(self.StepDone(analysis, time.perf_counter() - started, run))
            beats = self.library.beats(among)  # the embedding model loads here, off the UI
            analysis = replace(analysis, beats=beats.beats, beats_note=beats.note, done=STEPS[:2])
            self.post_message(self.StepDone(analysis, time.perf_counter() - started, run))
            analysis = replace(analysis, quotes=self.library.quotes(among), done=STEPS[:3])
            self.post_message(self.StepDone(analysis, time.perf_counter() - started, run))
            analysis = replace(analysis, reuse=self.library.reuse(among), done=STEPS)
        except ExplorerError as exc:
            self.post_message(self.Computed(None, str(exc), run))
            return
        self.post_message(self.Computed(analysis, None, run))

    def on_analysis_screen_step_done(self, event: StepDone) -> None:
        if event.run != self._run:
            return  # the analysis of a scope left since
        self.analysis = event.analysis
        done = len(event.analysis.done)
        self.query_one("#analysis-summary", Static).update(
            safe(
                f"Analysing {self._what()}: {', '.join(STEPS[:done])} done in"
                f" {event.seconds:.0f} s (tables ready); {STEPS[done]}…"
                + (
                    " The first time on a large corpus this takes minutes; the answers are kept"
                    " beside the index."
                    if self.whole
                    else " A query's articles are analysed"
                    " afresh each time, from each article's facts kept beside the index."
                )
            )
        )
        self._fill(event.step, event.analysis)

    def on_analysis_screen_computed(self, event: Computed) -> None:
        if event.run != self._run:
            return  # the analysis of a scope left since
        summary = self.query_one("#analysis-summary", Static)
        if event.analysis is None:
            summary.update(safe(f"Analysis failed: {event.error}"))
            return
        self.analysis = analysis = event.analysis
        shared = sum(1 for b in analysis.beats if not b.single_source)
        switch = "" if self.scope.whole else (
            "  (w: only " + self.scope.describe() + ")" if self.whole else "  (w: the whole corpus)"
        )  # fmt: skip
        summary.update(
            safe(
                f"{self._what()[:1].upper()}{self._what()[1:]}{switch}: "
                f"{counted(len(analysis.frames), 'article')} ·"
                f" {counted(shared, 'beat')} told by several outlets,"
                f" {len(analysis.beats) - shared:,} by one ·"
                f" {counted(len(analysis.quotes), 'quote')} ·"
                f" {counted(len(analysis.reuse.pairs), 'reuse pair')}   (arrows move; below, the"
                " sentences behind a cell)"
                + (f"\nNote: {analysis.beats_note}." if analysis.beats_note else "")
                + _cut_note(analysis)
            )
        )
        for step in STEPS:
            self._fill(step, analysis)

    def _fill(self, step: str, analysis: Analysis) -> None:
        """One analysis' table, once; the tab chosen while the analysis ran (1-4) gets the
        cursor as soon as its table is there."""
        if step in self._filled:
            return
        self._filled.add(step)
        getattr(self, f"_fill_{step}")(analysis)
        active = self.query_one(TabbedContent).active.removeprefix("tab-") or "frames"
        if active == step:
            self.query_one(f"#table-{step}", DataTable).focus()

    # -- tables ---------------------------------------------------------------
    def _fill_frames(self, analysis: Analysis) -> None:
        table = self.query_one("#table-frames", DataTable)
        table.clear(columns=True)
        table.add_column("article", key="article")
        for frame in analysis.lexicon.frames:
            table.add_column(frame.letter, key=frame.name)
        table.add_column("tone", key="tone")
        for index, result in enumerate(analysis.frames[:TABLE_ROWS]):
            article = one_line(_outlet(result)[:20], "bold")
            article.append(" " * max(1, 21 - article.cell_len))  # the dates in one column
            article.append_text(one_line((result.article.date or "undated")[:10], "dim"))
            cells: list[Text] = [article]
            for score in result.scores:
                style = "bold reverse" if score.frame == result.primary else ""
                cells.append(Text(f"{score.score:.0%}" if score.score else "·", style=style))
            if not result.scored:
                cells += [Text("—", style="dim")] * len(analysis.lexicon.frames)
            cells.append(Text("—" if result.tone is None else f"{result.tone:+.2f}"))
            table.add_row(*cells, key=str(index))
        legend = ", ".join(f"{f.letter} {f.name}" for f in analysis.lexicon.frames)
        self.query_one("#evidence-frames", Static).update(safe(legend, "dim"))

    def _fill_claims(self, analysis: Analysis) -> None:
        table = self.query_one("#table-claims", DataTable)
        table.clear(columns=True)
        outlets = _coverage_outlets(analysis)
        label_width = 60 if self.size.width >= 120 else 36  # outlet columns in view at 80
        table.add_column("beat", key="beat")
        for outlet, header in column_names(outlets).items():
            table.add_column(one_line(header), key=outlet)
        for index, beat in enumerate(analysis.beats[:TABLE_ROWS]):
            reporting = set(beat.outlets)
            marks = [
                Text("✓", style="bold green") if o in reporting else Text("·", style="dim")
                for o in outlets
            ]
            label = one_line(
                f"{beat.id} {beat.label}"[:label_width], "" if len(beat.outlets) > 1 else "dim"
            )
            table.add_row(label, *marks, key=str(index))

    def _fill_quotes(self, analysis: Analysis) -> None:
        table = self.query_one("#table-quotes", DataTable)
        table.clear(columns=True)
        for name in ("speaker", "quote", "outlet", "conflict"):
            table.add_column(name, key=name)
        for index, quote in enumerate(analysis.quotes[:TABLE_ROWS]):
            conflict = ", ".join(speaker for speaker, _a in quote.conflict)
            table.add_row(
                one_line(quote.speaker or "—"),
                one_line(f"“{quote.text[:70]}”"),
                one_line(quote.article.outlet or quote.article.file),
                one_line(conflict, "bold red"),
                key=str(index),
            )

    def _fill_reuse(self, analysis: Analysis) -> None:
        table = self.query_one("#table-reuse", DataTable)
        table.clear(columns=True)
        for name in ("source", "target", "shared words", "direction"):
            table.add_column(name, key=name)
        for index, pair in enumerate(analysis.reuse.pairs[:TABLE_ROWS]):
            table.add_row(
                one_line(pair.source.outlet or pair.source.file),
                one_line(pair.target.outlet or pair.target.file),
                Text(f"{pair.shared_words} ({pair.score:.0%})"),
                Text(f"{pair.direction} (dates {pair.date_confidence})"),
                key=str(index),
            )

    # -- evidence ---------------------------------------------------------------
    @on(DataTable.CellHighlighted)
    def _cell(self, event: DataTable.CellHighlighted) -> None:
        if self.analysis is None or event.cell_key.row_key.value is None:
            return
        row = int(event.cell_key.row_key.value)
        column = str(event.cell_key.column_key.value)
        table_id = event.data_table.id or ""
        key = table_id.removeprefix("table-")
        text = getattr(self, f"_evidence_{key}")(self.analysis, row, column)
        self.query_one(f"#evidence-{key}", Static).update(text)

    def _evidence_frames(self, analysis: Analysis, row: int, column: str) -> Text:
        result = analysis.frames[row]
        if not result.scored:
            return safe(f"{_outlet(result)}: not scored ({result.reason})", "italic")
        score = next((s for s in result.scores if s.frame == column), None)
        if score is None:
            score = next((s for s in result.scores if s.frame == result.primary), None)
        if score is None:
            return safe(f"{_outlet(result)}: no frame cue found", "italic")
        sentences = counted(len(score.evidence), "sentence")
        out = safe(f"{_outlet(result)} — {score.frame}: {sentences}", "bold")
        out.append_text(safe(f"\n{result.article.display_title} ({result.article.file})", "dim"))
        for sentence in score.evidence[:EVIDENCE_LIMIT]:
            out.append("\n• ")
            out.append_text(safe(sentence.text))
        return out

    def _evidence_claims(self, analysis: Analysis, row: int, column: str) -> Text:
        beat = analysis.beats[row]
        mentions = [m for m in beat.mentions if (m.article.outlet or m.article.file) == column]
        title = f"{beat.id} {beat.label}"
        if column != "beat" and not mentions:
            return safe(f"{column} does not report this beat:\n{title}", "italic")
        out = safe(title + ("  (one source only)" if beat.single_source else ""), "bold")
        for mention in mentions or list(beat.mentions):
            out.append("\n• ")
            out.append_text(safe(f"[{mention.article.outlet or mention.article.file}] ", "cyan"))
            out.append_text(safe(mention.sentence.text))
        return out

    def _evidence_quotes(self, analysis: Analysis, row: int, column: str) -> Text:
        quote = analysis.quotes[row]
        out = safe(f"{quote.speaker or 'no speaker found'} in {quote.article.file}:", "bold")
        out.append("\n“")
        out.append_text(safe(quote.text))
        out.append("”")
        for speaker, other in quote.conflict:
            out.append_text(safe(f"\nthe same words are given to {speaker} in {other.file}", "red"))
        return out

    def _evidence_reuse(self, analysis: Analysis, row: int, column: str) -> Text:
        pair = analysis.reuse.pairs[row]
        out = safe(f"{pair.source.file} → {pair.target.file}", "bold")
        for passage in pair.passages[:EVIDENCE_LIMIT]:
            out.append("\n• ")
            out.append_text(safe(pair.source.text[passage.left.start : passage.left.end]))
        return out

    def action_close(self) -> None:
        self.dismiss()

    def action_tab(self, key: str) -> None:
        """Show one tab and put the cursor in its table (keys 1 to 4)."""
        self.query_one(TabbedContent).active = f"tab-{key}"
        self.query_one(f"#table-{key}", DataTable).focus()
