"""`Library`: one corpus and its index, the single entry point the UI and CLI use.

Rule kept here: every method returns frozen dataclasses from `index.models`
(or raises an `index.errors` error); Whoosh stays behind this class.
Methods are safe to call from worker threads: one searcher is shared under a
lock and refreshed after each build.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index import schema as sf
from index import store
from index.errors import ArticleNotFound, ExplorerError, IndexMissingError, QueryError
from index.library_analysis import Analyses
from index.paths import corpus_root

if TYPE_CHECKING:
    from index.analysis import Facts
    from index.models import (
        Article,
        ArticleView,
        AttentionCell,
        BuildProgress,
        BuildSummary,
        CorpusInfo,
        Fragment,
        SearchResult,
    )
# `index.models` loads with the first answer (a worker's), not before the app's first frame

ProgressCallback = Callable[["BuildProgress"], None]
_MIN_ID_PREFIX = 4
_CACHED_RESULTS = 64
_TITLE_WORDS = 13  # display_title shows 12 words, and … when there are more


class Library(Analyses):
    """A corpus (folder or file) and its Whoosh index.

    `index_dir` defaults to a folder per corpus under the user data dir.
    Opening does no I/O beyond resolving paths; `build()` reads and indexes.
    """

    def __init__(self, corpus: Path | str, index_dir: Path | str | None = None) -> None:
        self._corpus = Path(corpus).expanduser().resolve()
        self._root = corpus_root(self._corpus)
        self._index_dir = (
            Path(index_dir).expanduser().resolve()
            if index_dir is not None
            else store.default_index_dir(self._corpus)
        )
        self._lock = threading.RLock()
        self._ix: Any = None
        self._searcher: Any = None
        self._generation: Path | None = None
        # answers of the current searcher, newest last: retyped queries come back at once
        self._results: OrderedDict[tuple[Any, ...], SearchResult] = OrderedDict()
        self._languages: tuple[str, ...] | None = None
        # the frame lexicon `frames()` uses when given none (None: the bundled one)
        self.lexicon: Path | None = None
        # for this searcher: every article with its text, the articles with their analysis
        # facts, and each analysis' answer; `_serial` counts the searchers opened, so
        # what was worked out on an earlier one is not kept
        self._texts: tuple[Article, ...] | None = None
        self._analysed: tuple[tuple[Article, ...], list[Facts]] | None = None
        self._answers: dict[tuple[str, str], Any] = {}
        self._serial = 0

    @property
    def corpus_path(self) -> Path:
        return self._corpus

    @property
    def root(self) -> Path:
        return self._root

    @property
    def index_dir(self) -> Path:
        return self._index_dir

    @property
    def name(self) -> str:
        return self._corpus.name

    def needs_build(self) -> bool:
        """True when there is no usable index (none yet, or another schema version)."""
        return store.current_generation(self._index_dir, sf.SCHEMA_VERSION) is None

    def build(
        self, progress: ProgressCallback | None = None, workers: int | None = None
    ) -> BuildSummary:
        """Index new and changed files, drop removed ones; atomic; IndexBusyError if locked.

        Large corpora are read by `workers` processes (default: one per core), started
        with "spawn": a script calling this at import time needs the usual
        `if __name__ == "__main__":` guard, or workers=1.
        """
        from index.builder import build

        summary = build(self._corpus, self._root, self._index_dir, progress, workers)
        with self._lock:
            self._close_searcher()
        return summary

    # -- reading ------------------------------------------------------------
    def _open(self) -> Any:
        """The shared searcher, opened on the current generation (caller holds the lock)."""
        generation = store.current_generation(self._index_dir, sf.SCHEMA_VERSION)
        if generation is None:
            raise IndexMissingError(
                f"{self._corpus} has no index yet; run: explorer index {self._corpus}"
            )
        if self._searcher is not None and generation == self._generation:
            if self._searcher.up_to_date():
                return self._searcher
            # Whoosh's refresh() fails on an index with no segment; reopen instead
            self._searcher.close()
            self._searcher = self._ix.searcher()
            self._forget()
            return self._searcher
        self._close_searcher()
        from whoosh.filedb.filestore import FileStorage

        try:
            # read, not memory-mapped: a mapped segment (every article's stored JSON
            # with the postings) counts its touched pages as the app's memory
            self._ix = FileStorage(str(generation), supports_mmap=False).open_index()
        except Exception as exc:
            raise ExplorerError(
                f"index {generation} cannot be opened ({exc}); run: explorer index {self._corpus}"
            ) from exc
        self._generation = generation
        self._searcher = self._ix.searcher()
        self._forget()
        return self._searcher

    def _forget(self) -> None:
        """Drop what was worked out from the previous searcher."""
        self._results.clear()
        self._languages = None
        self._texts = None
        self._analysed = None
        self._answers = {}
        self._serial += 1

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._searcher = self._ix = self._generation = None
        self._forget()

    def languages_indexed(self) -> tuple[str, ...]:
        """Languages with a stemmed field that this corpus uses."""
        with self._lock:
            searcher = self._open()
            if self._languages is None:
                present = {
                    (term.decode() if isinstance(term, bytes) else term)
                    for term in searcher.reader().lexicon(sf.LANGUAGE)
                }
                self._languages = tuple(x for x in sf.STEMMED_LANGUAGES if x in present)
            return self._languages

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
        highlight: int | None = None,
    ) -> SearchResult:
        """Search. With strict=False a half-typed query is repaired (SearchResult.notice says
        how); with strict=True it raises QueryError. An empty query lists every article.
        With `highlight`, only the first that many hits get fragments (the rows a screen
        shows first); `fragments()` gives the others' later."""
        from index.search import run_search

        if sort not in ("relevance", "date", "-date"):
            raise QueryError(query, f"unknown sort {sort!r} (use relevance, date or -date)")
        for name, value in (("since", since), ("until", until)):
            if value is not None:
                from index.query import date_range

                if date_range(value) is None:
                    raise QueryError(value, f"--{name} is not a date (use YYYY-MM-DD)")
        key = (query, limit, tuple(outlets), tuple(languages), since, until, sort, strict,
               highlight)  # fmt: skip
        with self._lock:
            langs = self.languages_indexed()
            searcher = self._open()
            cached = self._results.get(key)
            if cached is not None:
                self._results.move_to_end(key)
                return replace(cached, seconds=0.0)
            try:
                result = run_search(
                    searcher, query, langs, limit=limit, outlets=tuple(outlets),
                    languages=tuple(languages), since=since, until=until, sort=sort,
                    strict=strict, highlight=highlight,
                )  # fmt: skip
            except (QueryError, ExplorerError):
                raise
            except Exception as exc:  # whatever Whoosh makes of an odd query
                raise QueryError(query, f"cannot be searched ({type(exc).__name__})") from exc
            self._results[key] = result
            if len(self._results) > _CACHED_RESULTS:
                self._results.popitem(last=False)
            return result

    def fragments(self, query: str, article_id: str) -> tuple[Fragment, ...]:
        """The fragments the hit of `query` on one article shows (as `search` gives them).
        Raises ArticleNotFound."""
        from index.search import hit_fragments

        langs = self.languages_indexed()
        return hit_fragments(self._find(article_id), query, langs)

    def attention(self, query: str) -> tuple[AttentionCell, ...]:
        """How many of `query`'s hits each outlet published each day (the timeline's heat)."""
        from index.search import run_attention

        langs = self.languages_indexed()
        with self._lock:
            searcher = self._open()
            try:
                return run_attention(searcher, query, langs)
            except Exception as exc:  # an odd query gives no heat rather than an error
                raise QueryError(query, f"cannot be searched ({type(exc).__name__})") from exc

    def _stored(self) -> Iterator[dict[str, Any]]:
        with self._lock:
            searcher = self._open()
            yield from searcher.all_stored_fields()

    def articles(self, *, text: bool = True) -> tuple[Article, ...]:
        """Every indexed article, ordered by file then entry. With text=False each keeps
        only the opening words of its text (enough for `display_title`): a listing of
        the whole corpus that does not hold every text in memory."""
        from index.codec import article_from_dict

        found = []
        for fields in self._stored():
            data = json.loads(fields[sf.ARTICLE])
            if not text:
                data["text"] = " ".join(
                    data.get("text", "").split(maxsplit=_TITLE_WORDS)[:_TITLE_WORDS]
                )
            found.append(article_from_dict(data))
        found.sort(key=lambda a: (a.file, a.entry if a.entry is not None else -1))
        return tuple(found)

    def article(self, ref: str, query: str | None = None) -> ArticleView:
        """One article by id, unique id prefix, or file path (first entry); with the spans
        of `query`'s matches in its text. Raises ArticleNotFound."""
        from index.models import ArticleView
        from index.search import article_spans

        article = self._find(self._relative_ref(ref.strip()))
        spans = article_spans(article, query, self.languages_indexed())
        return ArticleView(article, spans)

    def changed_on_disk(self, article: Article) -> str | None:
        """One line when the article's file was deleted or changed since it was indexed
        (the article is still shown as indexed), else None."""
        from index.changes import content_hash

        with self._lock:
            doc = self._open().document(**{sf.ID_FIELD: article.id}) or {}
        signature = str(doc.get(sf.FILE_SIGNATURE, "")).split(":")
        path = self._on_disk(article.file)
        if not path.resolve().is_relative_to(self._root):
            return None  # only files of the corpus are looked at
        shown = f"{article.file} (shown as indexed)"
        try:
            stat = path.stat()
            if signature[:2] == [str(stat.st_size), str(stat.st_mtime_ns)]:
                return None
            if len(signature) > 3 and signature[3] == content_hash(path):
                return None  # touched, same content
        except FileNotFoundError:
            return f"{shown} was deleted after it was indexed; re-index to drop it"
        except OSError as exc:
            return f"{shown} cannot be read now ({(exc.strerror or 'error').lower()})"
        return f"{shown} changed after it was indexed; re-index to read the new version"

    def _on_disk(self, file: str) -> Path:
        """The path of an indexed file name (names that were not UTF-8 are kept escaped)."""
        from index.corpus import relative_name

        path = self._root / file
        if "\\x" in file and not path.exists() and path.parent.is_dir():
            for child in path.parent.iterdir():
                if relative_name(self._root, child) == file:
                    return child
        return path

    def _relative_ref(self, ref: str) -> str:
        """A path given as ./file or /absolute/path inside the corpus, as its indexed form."""
        if ref.startswith("./"):
            return ref[2:]
        path = Path(ref).expanduser()
        if path.is_absolute() and path.is_relative_to(self._root):
            return path.relative_to(self._root).as_posix()
        return ref

    def _find(self, ref: str) -> Article:
        """By id, file, id prefix or file-name prefix, through the index's own terms
        (no article is decoded but the one returned)."""
        from index.codec import article_from_dict

        if not ref:
            raise ArticleNotFound("give an article id, id prefix or file name")
        with self._lock:
            searcher = self._open()
            reader = searcher.reader()

            def terms(field: str, prefix: str = "") -> list[str]:
                found = reader.expand_prefix(field, prefix) if prefix else reader.lexicon(field)
                return [t.decode("utf-8") if isinstance(t, bytes) else t for t in found]

            def first_of_file(file: str) -> dict[str, Any] | None:
                docs = sorted(
                    searcher.documents(**{sf.FILE: file}),
                    key=lambda d: json.loads(d[sf.ARTICLE]).get("entry") or 0,
                )
                return docs[0] if docs else None

            doc = searcher.document(**{sf.ID_FIELD: ref}) or first_of_file(ref)
            candidates: list[str] = []
            if doc is None and len(ref) >= _MIN_ID_PREFIX:
                candidates = terms(sf.ID_FIELD, ref)[:5]
                if len(candidates) == 1:
                    doc = searcher.document(**{sf.ID_FIELD: candidates[0]})
            if doc is None and not candidates:
                files = [f for f in terms(sf.FILE) if Path(f).name.startswith(ref)]
                if len(files) == 1:
                    doc = first_of_file(files[0])
                candidates = files[:5]
        if doc is not None:
            return article_from_dict(json.loads(doc[sf.ARTICLE]))
        if not candidates:
            raise ArticleNotFound(
                f"no article {ref!r} in {self._corpus.name}; "
                f"see the ids with: explorer info {self._corpus}"
            )
        listed = ", ".join(candidates[:4])
        raise ArticleNotFound(f"{ref!r} matches several articles: {listed}; give more of it")

    def info(self) -> CorpusInfo:
        """Counts from the index's columns (no article decoded) and the last build's report."""
        from index.builder import load_report
        from index.models import CorpusInfo
        from index.search import corpus_counts

        with self._lock:
            searcher = self._open()
            generation = self._generation
            counts = corpus_counts(searcher)
        skipped, duplicates, _warnings = load_report(generation) if generation else ((), (), ())
        days = [c.value for c in counts.dates if c.value != sf.UNDATED]
        return CorpusInfo(
            root=str(self._root),
            index_dir=str(self._index_dir),
            articles=counts.total,
            outlets=counts.outlets,
            languages=counts.languages,
            date_min=min(days) if days else None,
            date_max=max(days) if days else None,
            skipped=skipped,
            duplicates=duplicates,
        )

    def close(self) -> None:
        with self._lock:
            self._close_searcher()
