""" "Read more" rails, share bars and comment counters that survive extraction of a web page.

Rule kept here: only a short line that is nothing but such a marker (in the
languages explorer's users read: English, German, French, Spanish) goes, with
what it links to on the same line ("Read more: Another headline"); a sentence
of the article is never touched: long lines and lines that merely contain the
words stay. Decisions come from generic phrases, never from one site's strings.
"""

from __future__ import annotations

import re

_RAIL_WORDS = 14  # a marker line with a linked headline is at most this long
_LABEL_WORDS = 6  # a share bar or comment counter alone
_SHORT_MARKER_WORDS = 6  # "Mehr zum Thema auf Example.de": a marker with a few words, no sentence

# Lines that open with these lead to other articles.
_RAIL = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|more on this(?: topic| story)?|more from"
    r"|related(?: articles?| stories| posts?| content)?|recommended(?: for you)?"
    r"|you (?:may|might) also (?:like|be interested)|don'?t miss|further reading"
    r"|lesen sie (?:auch|mehr|hier)|auch lesen|mehr (?:zum thema|dazu|themen|lesen)"
    r"|(?:zum )?weiterlesen|das könnte (?:sie|dich) auch interessieren|schon gelesen"
    r"|siehe auch|ebenfalls interessant|auch interessant|passend dazu|empfohlene artikel"
    r"|(?:à )?lire aussi|voir aussi|sur le même sujet"
    r"|lea también|lee también|te puede interesar|leer más|más información)\b",
    re.IGNORECASE,
)
# Short lines that are only a share bar, a comment counter or a newsletter prompt.
_LABEL = re.compile(
    r"^(?:share(?: this(?: article| story)?)?|teilen(?: mit)?|artikel teilen|partager"
    r"|compartir|(?:view|show|no|\d+) comments?|kommentare?(?: \(\d+\))?|keine kommentare"
    r"|\d+ kommentare?|(?:zum )?newsletter(?: anmelden| abonnieren)?"
    r"|subscribe to (?:our|the) newsletter|sign up for (?:our|the) newsletter)\W*$",
    re.IGNORECASE,
)


def _is_rail(line: str) -> bool:
    bare = line.strip().removeprefix("- ").strip(" #*>»›→|").strip()
    words = len(bare.split())
    if not bare or words > _RAIL_WORDS:
        return False
    if _LABEL.match(bare):
        return words <= _LABEL_WORDS
    match = _RAIL.match(bare)
    if not match:
        return False
    rest = bare[match.end() :].strip()
    # "Read more: headline" or "Lesen Sie auch" alone; not "Read more about it in the report."
    if not rest.strip("?!…:. ") or rest[0] in ":|–—-»›>(" or rest.endswith(":"):
        return True
    return words <= _SHORT_MARKER_WORDS and not re.search(r"[.!?]\W*$", rest)


def drop_rails(text: str) -> str:
    """The text without its rail, share and comment-counter lines."""
    lines = text.split("\n")
    kept = [line for line in lines if not _is_rail(line)]
    return "\n".join(kept) if len(kept) != len(lines) else text
