"""The comparison report: who published what when, frames by outlet, claim coverage
with the omissions, shared passages, the quote ledger; as Markdown or as one
self-contained HTML page (`index.report_html`).

Rules kept here: gathering takes the library's analyses of the corpus (or of the
articles a query finds), which start from what was cached beside the index; rendering
is pure, returning strings; every finding carries the sentences behind it, verbatim;
article text is untrusted, so Markdown output escapes what would be read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.analysis import (
    ArticleFrames,
    Beat,
    FrameLexicon,
    Mention,
    Quote,
    Reuse,
)
from index.library import Library
from index.models import Article

EVIDENCE = 3  # sentences quoted under each finding
PASSAGES = 4  # shared passages quoted under each reuse pair


@dataclass(frozen=True)
class Report:
    corpus: str
    query: str | None
    generated: str  # ISO 8601, given by the caller
    articles: tuple[Article, ...]
    outlets: tuple[str, ...]
    frames: tuple[ArticleFrames, ...]
    lexicon: FrameLexicon
    beats: tuple[Beat, ...]
    quotes: tuple[Quote, ...]
    reuse: Reuse

    def frame_matrix(self) -> list[tuple[str, list[float | None]]]:
        """Frames that score anywhere, each with its mean share per outlet (None: no
        scored article of that outlet)."""
        rows: list[tuple[str, list[float | None]]] = []
        for name in self.lexicon.names:
            cells: list[float | None] = []
            for outlet in self.outlets:
                scores = [
                    s.score
                    for r in self.frames
                    if r.scored and outlet_of(r.article) == outlet
                    for s in r.scores
                    if s.frame == name
                ]
                cells.append(sum(scores) / len(scores) if scores else None)
            if any(cell for cell in cells):
                rows.append((name, cells))
        return rows


def outlet_of(article: Article) -> str:
    return article.outlet or article.file


def gather(
    library: Library, generated: str, query: str | None = None,
    lexicon: Path | str | None = None,
) -> Report:  # fmt: skip
    """The report's data: every article, or only those `query` finds (strict query)."""
    articles = library.articles()
    among: set[str] | None = None
    if query:
        hits = library.search(query, limit=None, strict=True).hits
        among = {hit.id for hit in hits}
        articles = tuple(a for a in articles if a.id in among)
    frames, chosen = library.frames(lexicon, among)
    return Report(
        corpus=str(library.corpus_path),
        query=query or None,
        generated=generated,
        articles=articles,
        outlets=tuple(sorted({outlet_of(a) for a in articles}, key=str.casefold)),
        frames=frames,
        lexicon=chosen,
        beats=library.beats(among).beats,
        quotes=library.quotes(among),
        reuse=library.reuse(among),
    )


def date_label(article: Article) -> str:
    field = article.meta.date
    if field.value:
        sure = "" if field.confidence == "confirmed" else f" ({field.confidence})"
        return field.value[:10] + sure
    low, high = article.meta.date_earliest, article.meta.date_latest
    if low and high:
        return f"between {low} and {high}"
    if low or high:
        return f"on or after {low}" if low else f"on or before {high}"
    return "undated"


def omitted(beat: Beat, outlets: Sequence[str]) -> list[str]:
    return [o for o in outlets if o not in beat.outlets]


def evidence(beat: Beat, most: int = EVIDENCE + 2) -> list[Mention]:
    """The sentences that tell a beat: one per outlet first, then more, up to `most`."""
    seen: set[str] = set()
    first: list[Mention] = []
    rest: list[Mention] = []
    for mention in beat.mentions:
        outlet = outlet_of(mention.article)
        (rest if outlet in seen else first).append(mention)
        seen.add(outlet)
    return (first + rest)[:most]


def single_source(beats: Sequence[Beat]) -> list[tuple[str, list[Beat]]]:
    """Beats only one outlet tells, grouped by that outlet."""
    grouped: dict[str, list[Beat]] = {}
    for beat in beats:
        if beat.single_source:
            grouped.setdefault(beat.outlets[0], []).append(beat)
    return sorted(grouped.items(), key=lambda item: item[0].casefold())


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md(text: str | None) -> str:
    """Untrusted text as one line of Markdown that renders as written (also in tables)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def render_markdown(report: Report) -> str:
    out: list[str] = []
    add = out.append
    subject = f" — articles matching {md(report.query)}" if report.query else ""
    add(f"# Coverage report: {md(Path(report.corpus).name)}{subject}\n")
    add(f"Corpus `{md(report.corpus)}` · {len(report.articles)} articles · "
        f"{len(report.outlets)} outlets · generated {report.generated}\n")  # fmt: skip
    add("## Outlets and dates\n")
    add("| outlet | date | title | words | file |\n|---|---|---|---:|---|")
    for a in sorted(report.articles, key=lambda a: (a.date or "9999", outlet_of(a))):
        add(f"| {md(outlet_of(a))} | {md(date_label(a))} | {md(a.display_title)} | {a.words} "
            f"| {md(a.file)} |")  # fmt: skip
    add("")

    add("## Frames by outlet\n")
    add("Share of each outlet's sentences holding a cue of the frame "
        f"(lexicon: {md(Path(report.lexicon.path).name)}).\n")  # fmt: skip
    matrix = report.frame_matrix()
    if matrix:
        add("| frame | " + " | ".join(md(o) for o in report.outlets) + " |")
        add("|---|" + "---:|" * len(report.outlets))
        for name, cells in matrix:
            add(f"| {md(name)} | " + " | ".join(_pct(c) for c in cells) + " |")
    else:
        add("No article holds a cue of any frame.")
    unscored = [r for r in report.frames if not r.scored]
    for r in unscored:
        add(f"\n- {md(outlet_of(r.article))}: not scored ({md(r.reason)})")
    add("\n### Primary frame of each article, with its evidence\n")
    for r in report.frames:
        if not r.primary:
            continue
        score = next(s for s in r.scores if s.frame == r.primary)
        tone = "" if r.tone is None else f", tone {r.tone:+.2f}"
        add(f"**{md(outlet_of(r.article))}** — {md(r.primary)} ({score.score:.0%} of sentences"
            f"{tone}, {len(r.hedges)} hedged)\n")  # fmt: skip
        for sentence in score.evidence[:EVIDENCE]:
            add(f"> {md(sentence.text)}\n")

    shared = [b for b in report.beats if not b.single_source]
    single = [b for b in report.beats if b.single_source]
    add("## Claim coverage\n")
    add(f"{len(shared)} story beats reported by several outlets; ✓ reports, · omits.\n")
    if shared:
        add("| beat | " + " | ".join(md(o) for o in report.outlets) + " |")
        add("|---|" + ":---:|" * len(report.outlets))
        for beat in shared:
            marks = " | ".join("✓" if o in beat.outlets else "·" for o in report.outlets)
            add(f"| {md(beat.id)} {md(beat.label)} | {marks} |")
        add("")
    for beat in shared:
        missing = omitted(beat, report.outlets)
        add(f"### {md(beat.id)}: {md(beat.label)}\n")
        add(f"Reported by {', '.join(md(o) for o in beat.outlets)}; "
            f"omitted by {', '.join(md(o) for o in missing) or 'none'}.\n")  # fmt: skip
        for mention in evidence(beat):
            add(f"> **{md(outlet_of(mention.article))}:** {md(mention.sentence.text)}\n")
    if single:
        add(f"### Found in one source only ({len(single)})\n")
        for outlet, beats in single_source(report.beats):
            add(f"**{md(outlet)}** ({len(beats)})\n")
            for beat in beats:
                add(f"- {md(beat.id)}: {md(beat.mentions[0].sentence.text)}")
            add("")

    add("## Shared passages and reuse\n")
    if not report.reuse.pairs:
        add("No two articles share a passage of twelve words or more.\n")
    for pair in report.reuse.pairs:
        arrow = "→" if pair.direction != "unknown" else "↔"
        add(f"### {md(outlet_of(pair.source))} {arrow} {md(outlet_of(pair.target))}\n")
        add(f"{pair.shared_words} shared words ({pair.score:.0%} of the shorter article); "
            f"direction {pair.direction}, dates {pair.date_confidence}.\n")  # fmt: skip
        for passage in pair.passages[:PASSAGES]:
            add(f"> {md(pair.source.text[passage.left.start : passage.left.end])}\n")
    for group in report.reuse.groups:
        add("Near-duplicates: " + ", ".join(md(a.file) for a in group) + "\n")

    add("## Quote ledger\n")
    if not report.quotes:
        add("No direct quotes found.\n")
    else:
        add("| speaker | quote | outlet | also given to |\n|---|---|---|---|")
        for q in report.quotes:
            also = "; ".join(f"{md(s)} ({md(outlet_of(o))})" for s, o in q.conflict)
            add(f"| {md(q.speaker or '—')} | “{md(q.text)}” | {md(outlet_of(q.article))} "
                f"| {also or ''} |")  # fmt: skip
        add("")
    return "\n".join(out).rstrip() + "\n"
