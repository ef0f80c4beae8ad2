"""The author of a saved web page, as its byline or metadata prints the name.

Rule kept here: a name comes only from where a page states its author (JSON-LD
author, author meta tags, byline and rel=author elements), never from body
text; the printed form ("Leah C. Stokes", "A und B") is kept when it spells
the same names trafilatura found, which drops dots and joins names with ";".
"""

from __future__ import annotations

import re
from typing import Any

from index.readers.titles import json_ld_people, xpath
from index.textutil import clean_line

_BYLINE_PATHS = (
    "//meta[@name='author' or @name='Author' or @property='article:author'"
    " or @name='dc.creator' or @name='DC.creator' or @name='parsely-author']/@content",
    "//a[@rel='author'] | //*[@itemprop='author'] | //*[@rel='author']",
    "//*[contains(@class,'byline') or contains(@class,'author') or contains(@id,'author')]",
)
_MAX_BYLINE = 200  # a longer element is a bio or a comment, not a byline
_MAX_SOURCES = 40
_LABEL = re.compile(
    r"^(?:(?:posted |written |geschrieben )?by|von|autor(?:in)?|author|text)\b\s*:?\s*",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"://|\bwww\.|\.(?:com|net|org)/", re.IGNORECASE)


def _printed(tree: Any) -> list[str]:
    """Texts where the page prints its author: metadata, JSON-LD, bylines."""
    out: list[str] = list(json_ld_people(tree))
    for path in _BYLINE_PATHS:
        for found in xpath(tree, path)[:_MAX_SOURCES]:
            text = clean_line(found if isinstance(found, str) else str(found.text_content()))
            if text and len(text) <= _MAX_BYLINE and not text.startswith(("http://", "https://")):
                out.append(text)
    return out


def _as_printed(names: list[str], texts: list[str]) -> str | None:
    """The span of a printed text that spells these names in order, with what joins them."""
    words = [re.findall(r"\w+", name) for name in names]
    if not all(words):
        return None
    joined = r"\W*".join(re.escape(w) for w in words[0])
    for rest in words[1:]:
        joined += r"[\W\s]+(?:\w+[\W\s]+){0,2}?" + r"\W*".join(re.escape(w) for w in rest)
    pattern = re.compile(rf"(?<!\w){joined}(?!\w)\.?", re.IGNORECASE)
    budget = sum(len(name) for name in names) + 12 * len(names)
    for text in texts:
        match = pattern.search(text)
        if match and len(match.group(0)) <= budget and not _ADDRESS.search(match.group(0)):
            return _LABEL.sub("", match.group(0).strip()) or None
    return None


def page_author(tree: Any, found: str, sites: list[str]) -> tuple[str, str]:
    """The page's author and a note; `found` is trafilatura's ("A; B"), `sites` the site names."""
    site_keys = {re.sub(r"\W+", "", s.casefold()) for s in sites}
    people = [
        name
        for name in json_ld_people(tree)
        if re.sub(r"\W+", "", name.casefold()) not in site_keys
    ]
    names = [_LABEL.sub("", name.strip()) for name in found.split(";")]
    names = [name for name in names if name]
    if not names and people:
        names, note = people, "the page's JSON-LD author"
    elif names:
        note = "page byline or meta"
    else:
        return "", ""
    printed = _as_printed(names, _printed(tree))
    if printed:
        return printed, note
    return "; ".join(names) if len(names) > 1 else names[0], note
