"""Page chrome around plain text copied from a web page: logo and navigation
lines, bylines with relative times, a repeated headline, gallery captions, an
"about the site" blurb and a copyright footer. Finds the article's main block
and the headline and byline around it.

Method. The text is cut into units (a line, or a hard-wrapped paragraph) and
each unit is classed by shape: prose (long, ends a sentence), a bullet item, a
short line, or a chrome mark (copyright line, relative time such as "15h ago",
a navigation line, a repeat of the headline, a lone site word such as "Logo").
Only a text that shows chrome marks is trimmed: its prose units form blocks cut
where a run of short lines lies between them (bullets do not cut: lists belong
to articles); the block with the most words is the body, and small blocks
beyond a cut (a site blurb after a gallery caption) are dropped. A text with no
chrome marks comes back whole, less a first-line headline taken as the title.

Rule kept here: decisions come from the shape of the lines, never from strings
of one site; a clean article is never cut.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_RELATIVE_TIME = re.compile(
    r"(?:(?<!\d)\d+\s*(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago\b"
    r"|\bvor\s+\d+\s+(?:Sekunden|Minuten|Stunden?|Tagen?|Wochen?)\b"
    r"|\bil y a\s+\d+\s+(?:secondes?|minutes?|heures?|jours?|semaines?)\b"
    r"|\bjust now\s*$)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\balle rechte vorbehalten\b"
    r"|\btous droits réservés\b)",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(r"\s*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
# "© 2026 Newswire UK. All rights reserved.", "Copyright (c) 2019-2025 The Gazette Ltd",
# "© Reuters 2026": who holds the page's copyright, the outlet of a page's text
_RIGHTS = re.compile(r"all rights reserved|alle rechte vorbehalten|tous droits réservés", re.I)
_HOLDER = re.compile(
    r"^\s*(?:(?i:copyright)\s*)?(?:©|\((?i:c)\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{2,4})?,?(?:\s+|$))?"
    r"(?P<name>[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*(?:\s+[\w&'’-]+(?:\.[\w&'’-]+)*){0,5}?)"
    r"(?:,?\s+(?:\d{4}|(?i:ltd|limited|inc|llc|plc|gmbh|s\.a)\.?))*\s*"
    rf"(?:[.|,;–-]\s*(?i:{_RIGHTS.pattern})\.?\s*)?"
    r"\.?\s*$"
)
_HEADING_MARK = re.compile(r"^#{1,6}\s+|\s+#+$")
_NAV_SEPARATORS = re.compile(r"\s[|»›>/·•]\s")
# Words that, alone on a short line, are a page's furniture in the languages we read.
_CHROME_WORDS = frozenset(
    {
        "logo", "menu", "navigation", "advertisement", "advertising", "sponsored",
        "anzeige", "werbung", "publicité", "subscribe", "abonnieren", "abonnez-vous",
        "newsletter", "share", "teilen", "partager", "login",
    }
)  # fmt: skip
_BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)
# what follows the name on a byline: a separator, or a comma before a date
_BYLINE_TAIL = re.compile(r"\s+[|·•–—-]\s+|,\s+(?=\d|[A-Z][a-z]+\.?\s+\d)")
_NAME_WORD = r"[A-ZÀ-ÝĀ-Ž][\w'’.-]+"
_NAME = re.compile(rf"^({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})$")
_BULLET = re.compile(r"^\s*(?:[-*•–—▪◦]|\d{1,3}[.)])\s+")

_CONTENT_MIN_WORDS = 10  # a sentence of prose
_LONG_LINE_WORDS = 25  # prose even without a closing mark
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 25
_BLOCK_GAP = 3  # short lines (weighted) between two prose blocks that cut them apart
_SMALL_BLOCK_UNITS = 2  # a side block this small ...
_SMALL_BLOCK_SHARE = 0.5  # ... and below this share of the body's words is dropped
_HEADING_LOOKAHEAD = 60  # units at the top where the page's headline may stand
_TAIL_LINES = 40  # lines at the bottom where a copyright line may stand
_MAX_HEADINGS = 8
_WRAPPED_SHARE = 0.6  # share of a paragraph's lines that must run on for it to be wrapped


@dataclass(frozen=True)
class Stripped:
    """The article's text without chrome, and the headline and byline found around it."""

    body: str
    title: str | None = None
    author: str | None = None
    removed_lines: int = 0
    outlet: str | None = None  # the copyright line's holder ("© 2026 Newswire UK.")


@dataclass(frozen=True)
class _Unit:
    first: int  # line numbers in the text, inclusive
    last: int
    text: str  # the unit on one line, trimmed

    @property
    def words(self) -> int:
        return len(self.text.split())


def _key(text: str) -> str:
    """Lines compared regardless of case, spacing and quote style."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’‚‛“”„‑‐–—", "''''\"\"\"----"))
    return " ".join(text.split())


def same_line(left: str, right: str) -> bool:
    return _key(left) == _key(right)


def _units(lines: list[str]) -> list[_Unit]:
    """Lines, except that a hard-wrapped paragraph (lines running on) is one unit."""
    units: list[_Unit] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].strip():
            j += 1
        run = [line.strip() for line in lines[i : j + 1]]
        if len(run) > 1 and _wrapped(run):
            units.append(_Unit(i, j, " ".join(run)))
        else:
            units.extend(_Unit(k, k, lines[k].strip()) for k in range(i, j + 1))
        i = j + 1
    return units


def _wrapped(run: list[str]) -> bool:
    """Lines broken at a width: most end mid-sentence and none is a bullet."""
    if any(_BULLET.match(line) for line in run):
        return False
    inner = run[:-1]
    running_on = sum(
        1 for line in inner if len(line.split()) >= 5 and not _SENTENCE_END.search(line)
    )
    lengths = [len(line) for line in inner]
    even = max(lengths) - min(lengths) <= max(20, max(lengths) // 3)
    return running_on >= _WRAPPED_SHARE * len(inner) and even


def _is_prose(text: str) -> bool:
    words = len(text.split())
    if _BULLET.match(text) or _FOOTER_START.match(text):
        return False
    return words >= _LONG_LINE_WORDS or (
        words >= _CONTENT_MIN_WORDS and bool(_SENTENCE_END.search(text))
    )


def _is_byline(text: str) -> bool:
    if len(text.split()) > 12:
        return False
    return bool(_RELATIVE_TIME.search(text)) or _byline_name(text) is not None


def _collapse_doubled(text: str) -> str:
    """ "Jane DoeJane Doe" -> "Jane Doe": a name printed twice by a page's markup."""
    half = len(text) // 2
    if len(text) % 2 == 0 and text[:half] == text[half:]:
        return text[:half]
    return text


def _byline_name(text: str) -> str | None:
    """The person named by a byline line ("By Jane Doe", "Jane DoeJane Doe 3h ago")."""
    timed = bool(_RELATIVE_TIME.search(text))
    rest = _RELATIVE_TIME.sub("", text).strip(" \t·•|,-–")
    prefixed = bool(_BYLINE_PREFIX.match(rest))
    rest = _collapse_doubled(_BYLINE_PREFIX.sub("", rest).strip())
    if prefixed:  # "By Jane Doe | 12 May 2026", "By Jane Doe, 3 March": the name before
        rest = _BYLINE_TAIL.split(rest, maxsplit=1)[0]
    match = _NAME.match(rest)
    if match and (timed or prefixed):
        return match.group(1)
    return None


def _is_nav(text: str) -> bool:
    return len(_NAV_SEPARATORS.findall(f" {text} ")) >= 2


def _chrome_word_line(text: str) -> bool:
    words = re.findall(r"[\w-]+", text.casefold())
    return 0 < len(words) <= 4 and any(word in _CHROME_WORDS for word in words)


def _title_shaped(text: str) -> bool:
    words = len(text.split())
    return (
        _TITLE_MIN_WORDS <= words <= _TITLE_MAX_WORDS
        and not re.search(r"[.,;:]\s*$", text)
        and not _BULLET.match(text)
        and not _COPYRIGHT.search(text)
        and not _is_byline(text)
        and not _is_nav(text)
        and not _chrome_word_line(text)
    )


def _marked(units: list[_Unit]) -> set[int]:
    """Units that are page chrome by their shape alone, or by repeating another line."""
    marks: set[int] = set()
    seen: dict[str, int] = {}
    # Headings a caption may quote: the first few headline-sized short lines (bounded,
    # so that a long text of short lines stays linear).
    headings = [
        key
        for key in (_key(u.text) for u in units[:_HEADING_LOOKAHEAD] if not _is_prose(u.text))
        if 4 <= len(key.split()) <= _TITLE_MAX_WORDS
    ][:_MAX_HEADINGS]
    for n, unit in enumerate(units):
        text = unit.text
        if _is_prose(text) or _BULLET.match(text):
            continue
        key = _key(text)
        timed = unit.words <= 12 and bool(_RELATIVE_TIME.search(text))
        doubled = len(text) >= 6 and text != _collapse_doubled(text)
        if _COPYRIGHT.search(text) or timed or doubled or _is_nav(text) or _chrome_word_line(text):
            marks.add(n)
        if key in seen and len(key.split()) >= _TITLE_MIN_WORDS:
            marks.update((seen[key], n))  # a headline printed twice
        seen.setdefault(key, n)
        if any(h != key and len(key) > len(h) and h in key for h in headings):
            marks.add(n)  # a caption that quotes a heading of the page
    return marks


def copyright_holder(text: str) -> str | None:
    """Who a copyright line names ("© 2026 Newswire UK. All rights reserved." ->
    "Newswire UK"); None for any other line."""
    if not _FOOTER_START.match(text) or len(text.split()) > 12:
        return None
    if not re.search(r"\b(?:19|20)\d\d\b", text) and not _RIGHTS.search(text):
        return None  # "© Getty Images" under a photo credits the picture, not the page
    found = _HOLDER.match(text)
    name = found.group("name").strip(" .,") if found else ""
    if not name or _RIGHTS.match(name) or name.lower().startswith("copyright"):
        return None
    return name


def strip_chrome(text: str) -> Stripped:
    """The article's main block of `text`, with the headline and byline found around it,
    and the outlet its copyright line names."""
    stripped = _strip_chrome(text)
    for line in reversed(text.strip().split("\n")[-_TAIL_LINES:]):
        holder = copyright_holder(line.strip())
        if holder:
            return replace(stripped, outlet=holder)
    return stripped


def _strip_chrome(text: str) -> Stripped:
    lines = text.strip("\n").split("\n")
    units = _units(lines)
    if not units:
        return Stripped(text.strip())
    marks = _marked(units)
    if not marks:
        return _clean(lines, units)
    prose = [n for n, u in enumerate(units) if _is_prose(u.text)]
    if not prose:
        return Stripped(text.strip())
    start, end = _main_region(units, prose, marks)
    while end + 1 < len(units) and _BULLET.match(units[end + 1].text):
        end += 1  # a list closing the article
    previous_prose = [n for n in prose if n < start]
    head = list(range(previous_prose[-1] + 1 if previous_prose else 0, start))
    title_at = _title_unit(units, head, marks)
    title = units[title_at].text if title_at is not None else None
    author: str | None = None
    keep: list[int] = []
    for n in head:
        unit = units[n]
        if _is_byline(unit.text):
            author = author or _byline_name(unit.text)
            continue
        if title_at is None:
            if n not in marks and unit.words > 2:
                keep.append(n)
            continue
        if n <= title_at or (title and same_line(unit.text, title)) or n in marks:
            continue  # logo and navigation above the headline, the headline, its repeats
        keep.append(n)
    for n in range(start, end + 1):
        unit = units[n]
        inside_chrome = n in marks and (
            _COPYRIGHT.search(unit.text) or _chrome_word_line(unit.text) or _is_byline(unit.text)
        )
        if not inside_chrome:
            keep.append(n)
    return _assemble(lines, units, keep, title, author)


def _clean(lines: list[str], units: list[_Unit]) -> Stripped:
    """A text without chrome: whole, less a headline on its first line."""
    first = units[0]
    following = units[1:4]
    if _title_shaped(first.text) and any(_is_prose(u.text) for u in following):
        return _assemble(lines, units, list(range(1, len(units))), first.text, None)
    return Stripped("\n".join(lines).strip())


def _main_region(units: list[_Unit], prose: list[int], marks: set[int]) -> tuple[int, int]:
    """First and last unit of the body: the biggest prose block and big blocks beside it."""
    blocks: list[list[int]] = [[prose[0]]]
    for before, after in zip(prose, prose[1:], strict=False):
        gap = range(before + 1, after)
        weight = sum(1 for n in gap if not _BULLET.match(units[n].text))
        weight += sum(1 for n in gap if n in marks)
        if weight >= _BLOCK_GAP:
            blocks.append([after])
        else:
            blocks[-1].append(after)
    sizes = [sum(units[n].words for n in block) for block in blocks]
    main = max(range(len(blocks)), key=lambda b: sizes[b])

    def small(b: int) -> bool:
        return len(blocks[b]) <= _SMALL_BLOCK_UNITS and sizes[b] < _SMALL_BLOCK_SHARE * sizes[main]

    first = min((b for b in range(main + 1) if not small(b)), default=main)
    last = max((b for b in range(main, len(blocks)) if not small(b)), default=main)
    return blocks[first][0], blocks[last][-1]


def _title_unit(units: list[_Unit], head: list[int], marks: set[int]) -> int | None:
    """The headline above the body: a line printed twice, else the first headline-shaped one."""
    shaped = [n for n in head if _title_shaped(units[n].text)]
    keys = [_key(units[n].text) for n in shaped]
    counts = Counter(keys)
    repeated = [n for n, key in zip(shaped, keys, strict=True) if counts[key] > 1]
    if repeated:
        return repeated[0]
    unmarked = [n for n in shaped if n not in marks]
    fuller = [n for n in unmarked if units[n].words > _TITLE_MIN_WORDS]
    chosen = fuller or unmarked
    return chosen[0] if chosen else None


def _assemble(
    lines: list[str], units: list[_Unit], keep: list[int], title: str | None, author: str | None
) -> Stripped:
    if title:
        title = _HEADING_MARK.sub("", title).strip() or title  # "# Headline" in Markdown
    kept_units = sorted(set(keep))
    out: list[str] = []
    previous_last: int | None = None
    for n in kept_units:
        unit = units[n]
        between = (
            range(unit.first, unit.first)
            if previous_last is None
            else range(previous_last + 1, unit.first)
        )
        if any(not lines[k].strip() for k in between):
            out.append("")  # keep the paragraph break the text had
        out.extend(lines[unit.first : unit.last + 1])
        previous_last = unit.last
    body = "\n".join(out).strip()
    removed = len(units) - len(kept_units)
    return Stripped(body, title, author, removed)
