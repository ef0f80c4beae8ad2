"""Errors `index` raises: each carries one line a user can act on.

Rule kept here: messages name the file or query at fault and say what to do;
callers print `str(error)` and never a traceback.
"""

from __future__ import annotations


class ExplorerError(Exception):
    """Base of every error `index` raises on purpose."""


class CorpusError(ExplorerError):
    """The corpus path does not exist or cannot be read at all."""


class ReadError(ExplorerError):
    """One file cannot be read, decoded or parsed; the build skips it."""


class QueryError(ExplorerError):
    """A query that cannot be parsed: what is wrong and where (0-based column)."""

    def __init__(self, query: str, message: str, position: int | None = None) -> None:
        self.query = query
        self.message = message
        self.position = position
        where = f" at column {position + 1}" if position is not None else ""
        super().__init__(f"query {_shortened(query)}: {message}{where}")


_SHOWN = 60  # characters of a query repeated in its error; a 10 kB query stays one line


def _shortened(query: str) -> str:
    if len(query) <= _SHOWN + 20:
        return repr(query)
    return f"{query[:_SHOWN] + '…'!r} ({len(query)} characters)"


class IndexBusyError(ExplorerError):
    """Another process is writing this index."""


class IndexMissingError(ExplorerError):
    """The corpus has no index yet; build it first."""


class ArticleNotFound(ExplorerError):
    """No article matches the id (or id prefix, or file) asked for."""
