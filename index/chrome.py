"""Page chrome around plain text copied from a web page: logo and navigation
lines, bylines and relative times, a repeated headline, gallery captions and
site footers. Finds the article's main block and the headline and byline it
carries.

Rule kept here: decisions come from the shape of the lines (length, sentence
punctuation, position relative to the body, repetition), never from strings of
one site; a text with no chrome comes back whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»]\s*$")
_RELATIVE_TIME = re.compile(
    r"\s*[·•|,-]?\s*\d+\s*(?:s|m|h|d|w|min|mins|minutes?|hrs?|hours?|days?|weeks?)\s+ago\s*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b|\ball rights reserved\b)", re.IGNORECASE)
_NAME = re.compile(r"^(?:by\s+)?([A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,3})$")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")

# A line is body text when it reads as prose: long enough and ending a sentence.
_CONTENT_MIN_WORDS = 10
_LONG_LINE_WORDS = 25
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 30
# Short lines between two body paragraphs stay (section labels, bullets); a
# run this long before a footer's paragraph marks the start of the footer.
_FOOTER_GAP = 2
_FOOTER_PARAGRAPHS = 2  # at most this many paragraphs of a footer


@dataclass(frozen=True)
class Stripped:
    body: str
    title: str | None = None
    author: str | None = None
    removed_lines: int = 0


def _is_content(line: str) -> bool:
    words = len(line.split())
    if _BULLET.match(line):
        return False
    return words >= _LONG_LINE_WORDS or (
        words >= _CONTENT_MIN_WORDS and bool(_SENTENCE_END.search(line))
    )


def _collapse_doubled(text: str) -> str:
    """ "Andrew LeeAndrew Lee" -> "Andrew Lee" (a name printed twice by a page's markup)."""
    half = len(text) // 2
    if len(text) % 2 == 0 and text[:half] == text[half:]:
        return text[:half]
    return text


def _byline_name(line: str) -> str | None:
    stripped = _collapse_doubled(_RELATIVE_TIME.sub("", line).strip())
    match = _NAME.match(stripped)
    return match.group(1) if match else None


def _is_byline(line: str) -> bool:
    return bool(_RELATIVE_TIME.search(line)) or bool(re.match(r"^by\s+\S", line, re.IGNORECASE))


def strip_chrome(text: str) -> Stripped:
    """The article's main block of `text`, with the headline and byline found around it."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    content = [i for i in filled if _is_content(lines[i].strip())]
    if not content:
        return Stripped(text.strip())
    first, last = content[0], content[-1]
    last = _footer_start(lines, filled, content, last)

    title: str | None = None
    author: str | None = None
    keep: list[int] = []
    head = [i for i in filled if i < first]
    counts: dict[str, int] = {}
    for i in head:
        counts[lines[i].strip()] = counts.get(lines[i].strip(), 0) + 1
    title_index = _title_index(lines, head, counts)
    if title_index is not None:
        title = lines[title_index].strip()
    for i in head:
        line = lines[i].strip()
        if _is_byline(line):
            author = author or _byline_name(line)
            continue
        if title_index is None or i < title_index:
            continue  # logo and navigation above the headline
        if i == title_index or line == title:
            continue  # the headline, kept as metadata, and its repeats
        keep.append(i)
    keep.extend(i for i in range(first, last + 1))
    body_lines = [lines[i] for i in sorted(set(keep))]
    body = "\n".join(body_lines).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    removed = len(filled) - sum(1 for line in body_lines if line.strip())
    return Stripped(body, title, author, removed)


def _title_index(lines: list[str], head: list[int], counts: dict[str, int]) -> int | None:
    """The headline above the body: a repeated line, else the first headline-shaped line."""
    shaped = [
        i
        for i in head
        if _TITLE_MIN_WORDS <= len(lines[i].split()) <= _TITLE_MAX_WORDS
        and not _is_byline(lines[i].strip())
        and not _COPYRIGHT.search(lines[i])
        and not _BULLET.match(lines[i])
    ]
    repeated = [i for i in shaped if counts[lines[i].strip()] > 1]
    if repeated:
        return repeated[0]
    return shaped[0] if shaped else None


def _footer_start(lines: list[str], filled: list[int], content: list[int], last: int) -> int:
    """The last line of the body. Trailing list items still belong to it; when a
    copyright line closes the page, paragraphs after a run of short lines (a gallery
    caption, the site's name) are the site's footer, not the article."""
    copyright_at = [i for i in filled if i > last and _COPYRIGHT.search(lines[i])]
    copyright_at += [i for i in content if _COPYRIGHT.search(lines[i]) and i == last]
    if copyright_at:
        before = [i for i in content if i < copyright_at[-1]]
        for back in range(1, min(_FOOTER_PARAGRAPHS, len(before) - 1) + 1):
            paragraph, previous = before[-back], before[-back - 1]
            gap = [i for i in filled if previous < i < paragraph]
            if len(gap) > _FOOTER_GAP:
                return previous
    end = last
    for i in filled:
        if i <= last:
            continue
        if not _BULLET.match(lines[i]):
            break
        end = i
    return end
