"""Untrusted text made safe for a terminal: article text and metadata become
`rich.text.Text` (never parsed as markup) with control characters visible.

Rule kept here: nothing a corpus contains reaches the terminal except through
`safe()`.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Control characters (escape sequences, BiDi overrides) shown as <U+XXXX>."""
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def safe(text: str | None, style: str = "") -> Text:
    """Plain text as a Rich `Text`: markup stays literal, controls become visible."""
    return Text(visible(text or ""), style=style)


def one_line(text: str | None, style: str = "") -> Text:
    return safe((text or "").replace("\n", " "), style)
