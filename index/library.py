"""`Library`: one corpus and its index, the single entry point the UI and CLI use.

Rule kept here: every method returns frozen dataclasses from `index.models`
(or raises an `index.errors` error); Whoosh stays behind this class.
Methods are safe to call from worker threads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.models import (
    Article,
    ArticleView,
    BuildProgress,
    BuildSummary,
    CorpusInfo,
    SearchResult,
)

ProgressCallback = Callable[[BuildProgress], None]


class Library:
    """A corpus (folder or file) and its Whoosh index.

    `index_dir` defaults to a folder per corpus under the user data dir.
    Opening does no I/O beyond resolving paths; `build()` reads and indexes.
    """

    def __init__(self, corpus: Path | str, index_dir: Path | str | None = None) -> None:
        raise NotImplementedError

    @property
    def corpus_path(self) -> Path:  # the path given (folder or file), resolved
        raise NotImplementedError

    @property
    def root(self) -> Path:  # the folder `Article.file` paths are relative to
        raise NotImplementedError

    @property
    def index_dir(self) -> Path:
        raise NotImplementedError

    def needs_build(self) -> bool:
        """True when there is no usable index (none yet, or another schema version)."""
        raise NotImplementedError

    def build(
        self, progress: ProgressCallback | None = None, workers: int | None = None
    ) -> BuildSummary:
        """Index new and changed files, drop removed ones; atomic; IndexBusyError if locked."""
        raise NotImplementedError

    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        outlets: tuple[str, ...] = (),
        languages: tuple[str, ...] = (),
        since: str | None = None,
        until: str | None = None,
        sort: str = "relevance",  # or "date" (newest first), "-date" (oldest first)
        strict: bool = False,
    ) -> SearchResult:
        """Search. With strict=False a half-typed query is repaired (SearchResult.notice says
        how); with strict=True it raises QueryError. An empty query lists every article."""
        raise NotImplementedError

    def article(self, ref: str, query: str | None = None) -> ArticleView:
        """One article by id, unique id prefix, or file path (first entry); with the spans
        of `query`'s matches in its text. Raises ArticleNotFound."""
        raise NotImplementedError

    def articles(self) -> tuple[Article, ...]:
        """Every indexed article, ordered by file then entry."""
        raise NotImplementedError

    def info(self) -> CorpusInfo:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError
