"""Untrusted text made safe for a terminal: article text and metadata become
`rich.text.Text` (never parsed as markup) with control characters visible.

Rule kept here: nothing a corpus contains reaches the terminal except through
`safe()`; a terminal whose encoding cannot show a character gets an escape such as
`\u2026` for it, never a UnicodeEncodeError.
"""

from __future__ import annotations

import codecs
import os
import re
import sys

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


def is_unicode(stream: object) -> bool:
    """True when the stream's encoding can write every character."""
    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
    except LookupError:
        return False
    return name.startswith(("utf-8", "utf-16", "utf-32"))


def fit_streams() -> None:
    """stdout and stderr in a C/POSIX or Latin-1 locale: characters they cannot encode
    are written as backslash escapes (`\u6771`) instead of ending the command."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not is_unicode(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def argument(text: str) -> str:
    """A command-line argument as text: bytes the locale could not decode (UTF-8 typed
    in a C locale arrives as surrogates) are decoded as UTF-8, else replaced."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", errors="replace")
    return text


def utf8_terminal() -> None:
    """The app draws with box and block characters: in a process whose locale says ASCII
    (LC_ALL=C with PYTHONUTF8=0) it writes UTF-8, which terminals speak, not escapes."""
    for stream in (sys.__stdout__, sys.__stderr__):
        if stream is not None and not is_unicode(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def write_utf8(text: str) -> None:
    """Text on stdout as UTF-8 whatever the locale says (the --json contract)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or is_unicode(sys.stdout):
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", errors="surrogateescape"))
