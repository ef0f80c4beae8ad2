"""The comparison report as one HTML page that opens in any browser offline.

Rules kept here: pure (a `Report` in, a string out); inline CSS, no script, no
external resource; every piece of article text and metadata passes through
`html.escape`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from index.report import (
    EVIDENCE,
    PASSAGES,
    Report,
    date_label,
    evidence,
    omitted,
    outlet_of,
    single_source,
)

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.4rem;border-bottom:2px solid #ddd;
padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.meta{color:#555}table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.c{text-align:center}.yes{color:#0a7a2f;font-weight:bold}.no{color:#aaa}
.heat{background:rgba(30,110,220,var(--a))}
blockquote{margin:.3rem 0 .6rem;padding:.2rem .8rem;border-left:4px solid #9bb7e0;
background:#f6f8fb}.who{font-weight:600}.conflict{color:#b00020}
.muted{color:#777;font-style:italic}
@media (prefers-color-scheme:dark){body{background:#161618;color:#e8e8e8}
th{background:#26262a}th,td{border-color:#444}blockquote{background:#1f2329;
border-color:#4a6a9a}.meta,.muted{color:#aaa}}
"""


def _e(text: str | None) -> str:
    return escape(" ".join((text or "").split()), quote=True)


def _pct(value: float | None) -> str:
    if value is None:
        return '<td class="n muted">—</td>'
    return f'<td class="n heat" style="--a:{min(value * 2.5, 0.85):.2f}">{value:.0%}</td>'


def _quote(text: str, who: str | None = None) -> str:
    head = f'<span class="who">{_e(who)}:</span> ' if who else ""
    return f"<blockquote>{head}{_e(text)}</blockquote>"


def _header_row(first: str, outlets: tuple[str, ...]) -> str:
    return "<tr><th>" + first + "</th>" + "".join(f"<th>{_e(o)}</th>" for o in outlets) + "</tr>"


def render_html(report: Report) -> str:
    out: list[str] = []
    add = out.append
    name = _e(Path(report.corpus).name)
    subject = f" — articles matching “{_e(report.query)}”" if report.query else ""
    add('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">")  # fmt: skip
    add(f"<title>Coverage report: {name}</title><style>{_CSS}</style></head><body>")
    add(f"<h1>Coverage report: {name}{subject}</h1>")
    add(f'<p class="meta">Corpus <code>{_e(report.corpus)}</code> · '
        f"{len(report.articles)} articles · {len(report.outlets)} outlets · "
        f"generated {_e(report.generated)}</p>")  # fmt: skip
    add('<p class="meta">Contents: <a href="#outlets">outlets and dates</a> · '
        '<a href="#frames">frames</a> · <a href="#claims">claim coverage</a> · '
        '<a href="#reuse">shared passages</a> · '
        '<a href="#quotes">quote ledger</a></p>')  # fmt: skip

    add('<h2 id="outlets">Outlets and dates</h2><table><tr><th>outlet</th><th>date</th>'
        "<th>title</th><th>words</th><th>file</th></tr>")  # fmt: skip
    for a in sorted(report.articles, key=lambda a: (a.date or "9999", outlet_of(a))):
        add(f"<tr><td>{_e(outlet_of(a))}</td><td>{_e(date_label(a))}</td>"
            f"<td>{_e(a.display_title)}</td><td class=\"n\">{a.words}</td>"
            f"<td><code>{_e(a.file)}</code></td></tr>")  # fmt: skip
    add("</table>")

    add('<h2 id="frames">Frames by outlet</h2>')
    add(f"<p>Share of each outlet's sentences holding a cue of the frame (lexicon: "
        f"<code>{_e(Path(report.lexicon.path).name)}</code>).</p>")  # fmt: skip
    matrix = report.frame_matrix()
    if matrix:
        add("<table>" + _header_row("frame", report.outlets))
        for frame, cells in matrix:
            add(f"<tr><th>{_e(frame)}</th>" + "".join(_pct(c) for c in cells) + "</tr>")
        add("</table>")
    else:
        add("<p>No article holds a cue of any frame.</p>")
    for r in report.frames:
        if not r.scored:
            add(f'<p class="muted">{_e(outlet_of(r.article))}: not scored ({_e(r.reason)})</p>')
    add("<h3>Primary frame of each article, with its evidence</h3>")
    for r in report.frames:
        if not r.primary:
            continue
        score = next(s for s in r.scores if s.frame == r.primary)
        tone = "" if r.tone is None else f", tone {r.tone:+.2f}"
        add(f"<p><b>{_e(outlet_of(r.article))}</b> — {_e(r.primary)} ({score.score:.0%} of "
            f"sentences{tone}, {len(r.hedges)} hedged)</p>")  # fmt: skip
        add("".join(_quote(s.text) for s in score.evidence[:EVIDENCE]))

    shared = [b for b in report.beats if not b.single_source]
    single = [b for b in report.beats if b.single_source]
    add('<h2 id="claims">Claim coverage</h2>')
    add(f"<p>{len(shared)} story beats reported by several outlets; "
        '<span class="yes">✓</span> reports, <span class="no">·</span> omits.</p>')  # fmt: skip
    if shared:
        add("<table>" + _header_row("beat", report.outlets))
        for beat in shared:
            marks = "".join(
                '<td class="c yes">✓</td>' if o in beat.outlets else '<td class="c no">·</td>'
                for o in report.outlets
            )
            add(f"<tr><td><b>{_e(beat.id)}</b> {_e(beat.label)}</td>{marks}</tr>")
        add("</table>")
    for beat in shared:
        missing = omitted(beat, report.outlets)
        add(f"<h3>{_e(beat.id)}: {_e(beat.label)}</h3>")
        add(f"<p>Reported by {_e(', '.join(beat.outlets))}; omitted by "
            f"{_e(', '.join(missing)) or 'none'}.</p>")  # fmt: skip
        add("".join(_quote(m.sentence.text, outlet_of(m.article)) for m in evidence(beat)))
    if single:
        add(f"<h3>Found in one source only ({len(single)})</h3>")
        for outlet, beats in single_source(report.beats):
            add(f"<p><b>{_e(outlet)}</b> ({len(beats)})</p><ul>")
            for beat in beats:
                add(f"<li>{_e(beat.id)}: {_e(beat.mentions[0].sentence.text)}</li>")
            add("</ul>")

    add('<h2 id="reuse">Shared passages and reuse</h2>')
    if not report.reuse.pairs:
        add("<p>No two articles share a passage of twelve words or more.</p>")
    for pair in report.reuse.pairs:
        arrow = "→" if pair.direction != "unknown" else "↔"
        add(f"<h3>{_e(outlet_of(pair.source))} {arrow} {_e(outlet_of(pair.target))}</h3>")
        add(f"<p>{pair.shared_words} shared words ({pair.score:.0%} of the shorter article); "
            f"direction {_e(pair.direction)}, dates {_e(pair.date_confidence)}.</p>")  # fmt: skip
        add("".join(_quote(pair.source.text[p.left.start : p.left.end])
                    for p in pair.passages[:PASSAGES]))  # fmt: skip
    for group in report.reuse.groups:
        add(f"<p>Near-duplicates: {_e(', '.join(a.file for a in group))}</p>")

    add('<h2 id="quotes">Quote ledger</h2>')
    if not report.quotes:
        add("<p>No direct quotes found.</p>")
    else:
        add("<table><tr><th>speaker</th><th>quote</th><th>outlet</th><th>also given to</th></tr>")
        for q in report.quotes:
            also = "<br>".join(
                f'<span class="conflict">{_e(s)} ({_e(outlet_of(o))})</span>' for s, o in q.conflict
            )
            add(f"<tr><td>{_e(q.speaker or '—')}</td><td>“{_e(q.text)}”</td>"
                f"<td>{_e(outlet_of(q.article))}</td><td>{also}</td></tr>")  # fmt: skip
        add("</table>")
    add("</body></html>")
    return "\n".join(out) + "\n"
