"""Format readers: bytes of one file in, `FileContent` out.

Rule kept here: a reader raises `ReadError` with a one-line reason for a file
it cannot read; it never returns half-parsed garbage silently.
"""

from __future__ import annotations

from index.errors import ReadError
from index.readers.base import Candidate, Extracted, FileContent

__all__ = ["Candidate", "Extracted", "FileContent", "read_bytes"]


def read_bytes(data: bytes, relpath: str) -> FileContent:
    """Read one file's bytes; `relpath` (POSIX, relative to the corpus root) picks the format.

    Placeholder until the format readers land: plain UTF-8 text only.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{relpath}: not UTF-8 text") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(f"{relpath}: empty file")
    return FileContent((Extracted(text=text, plain=True),))
