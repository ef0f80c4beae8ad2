"""The analysis cache: each indexed article's `Facts` (sentences, frame evidence,
tone, quotes, claim terms, MinHash signature), kept beside the index in its
generation folder as `analysis.sqlite`, keyed by article id.

Article ids are content hashes, so an article whose text is unchanged keeps its
record. A large build's reader processes work out the facts of the articles they
read while the one Whoosh writer indexes (`Pending` stores them as they come);
after the index commit, `update` analyses the ids the cache still lacks (in
worker processes when there are many) and drops the ids the index no longer holds.

The same file keeps the sentence embeddings of story beats (table `embeddings`),
worked out when claims are first asked for rather than at build time (they are
slow): keyed by article id and model, each with a signature of the sentences
embedded; a record whose signature or shape does not fit is worked out again.
They do not depend on the facts' version, so a new analysis version keeps them.

Rule kept here: a build killed at any point leaves a readable cache: at worst
one that lacks some articles, or holds records of articles the index never
committed (keyed by content and checked against the text, they are never
wrong, and the next update drops them); a cache written by another version of
the analysis or for another bundled lexicon is emptied, a damaged file is
replaced, and reading never fails: a record that is missing or does not fit
its article is worked out again from the article.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from index import schema as sf
from index.analysis import FACTS_VERSION, Facts, article_facts, facts_from_json
from index.analysis.embed import DIMENSIONS
from index.collection import paused
from index.models import Article, BuildProgress

FILE = "analysis.sqlite"
PARALLEL_FROM = 64  # articles; fewer are analysed in this process
_CHUNK = 16
_BATCH = 256  # records `Pending` writes per transaction (brief locks for readers)
# meta key: the Whoosh commit (generation number) the cache was last brought in line
# with; a build that committed nothing finds it current and reads no ids
_IN_LINE_WITH = "index_generation"
_FEW = 200  # articles whose cached records are looked up by id, not read with all others


@cache
def fingerprint() -> str:
    """What a cached record depends on besides the article: the analysis' version,
    the bundled lexicon's bytes, and the libraries that segment and sign."""
    from importlib.metadata import PackageNotFoundError, version

    from index.analysis.facts import bundled_lexicon

    libraries = []
    for name in ("pysbd", "datasketch", "vaderSentiment"):
        try:
            libraries.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            libraries.append(f"{name}=?")
    return ";".join([f"facts={FACTS_VERSION}", bundled_lexicon().fingerprint, *libraries])


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS facts (id TEXT PRIMARY KEY, data TEXT NOT NULL)")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS embeddings (id TEXT NOT NULL, model TEXT NOT NULL,"
        " signature TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (id, model))"
    )
    return conn


def _open_for_writing(path: Path) -> sqlite3.Connection:
    """The cache, emptied if another version wrote it, recreated if damaged."""
    try:
        conn = _connect(path)
        row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        conn.execute("SELECT count(*) FROM facts").fetchone()
    except sqlite3.DatabaseError:
        path.unlink(missing_ok=True)
        conn = _connect(path)
        row = None
    current = fingerprint()
    if row is None or row[0] != current:
        with conn:
            conn.execute("DELETE FROM facts")
            conn.execute("DELETE FROM meta WHERE key = ?", (_IN_LINE_WITH,))
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)", (current,)
            )
    return conn


def facts_json(article: Article, signature: bool = True) -> str:
    """Worker: one article's facts as JSON text (cheap to send back); "" where the
    analysis fails on an odd text, so the index this build commits still stands."""
    try:
        return json.dumps(article_facts(article, None, signature).to_json(), ensure_ascii=False)
    except Exception:  # untrusted text: no record is kept rather than a wrong one
        return ""


class Pending:
    """Facts worked out while the index is written, stored in batches as they come.

    A cache that cannot be opened is left alone: `update` (and the analyses, at
    worst) work the facts out again."""

    def __init__(self, generation: Path) -> None:
        self._batch: list[tuple[str, str]] = []
        try:
            self._conn: sqlite3.Connection | None = _open_for_writing(generation / FILE)
            with self._conn:  # records of a commit to come: no longer in line with one
                self._conn.execute("DELETE FROM meta WHERE key = ?", (_IN_LINE_WITH,))
        except (sqlite3.Error, OSError):
            self._conn = None

    def add(self, article_id: str, data: str) -> None:
        if self._conn is None or not data:
            return
        self._batch.append((article_id, data))
        if len(self._batch) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        if self._conn is None or not batch:
            return
        try:
            with self._conn:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO facts (id, data) VALUES (?, ?)", batch
                )
        except (sqlite3.Error, OSError):
            self.close()  # a full disk: the rest is left to `update`

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _analyse(
    articles: list[Article], workers: int, report: Callable[[BuildProgress], None]
) -> list[str]:
    total = len(articles)
    pool = None
    if total >= PARALLEL_FROM and workers > 1:
        from index.builder import _pool

        pool = _pool(workers)
    out: list[str] = []
    if pool is None:
        # a few articles, here: their MinHash signatures are left to `find_reuse`, which
        # needs them only above 300 articles, sparing this build datasketch's import
        # (it brings scipy.integrate: seconds)
        for article in articles:
            out.append(facts_json(article, signature=False))
            if len(out) % _CHUNK == 0:
                report(BuildProgress("analysing", len(out), total, article.file))
        return out
    with pool:
        for article, record in zip(
            articles, pool.map(facts_json, articles, chunksize=_CHUNK), strict=True
        ):
            out.append(record)
            if len(out) % _CHUNK == 0:
                report(BuildProgress("analysing", len(out), total, article.file))
    return out


def update(
    generation: Path,
    ix: Any,
    report: Callable[[BuildProgress], None] | None = None,
    workers: int = 1,
    present_ids: frozenset[str] | None = None,
    since: tuple[int, frozenset[str]] | None = None,
) -> int:
    """Bring the cache of `generation` in line with its committed Whoosh index `ix`:
    analyse the articles it lacks, drop those the index no longer has. `present_ids`
    (every id the index holds, when the caller knows them) spares reading the id of
    every document; `since` (the index's commit before this build and the ids it held),
    where the cache was in line with that commit, spares reading every cached id: only
    the ids added and removed since are looked at. Returns how many articles were
    analysed."""
    from index.codec import article_from_dict

    progress = report or (lambda _p: None)
    try:
        conn = _open_for_writing(generation / FILE)
    except (sqlite3.Error, OSError):
        return 0  # no cache (a read-only or full disk): the analyses work it out when asked
    try:
        committed = str(ix.latest_generation())
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (_IN_LINE_WITH,)).fetchone()
        if row is not None and row[0] == committed:
            return 0
        stale: Collection[str]
        with ix.searcher() as searcher:
            reader = searcher.reader()
            if since is not None and present_ids is not None and row == (str(since[0]),):
                # in line with the commit before this build: only what changed since
                added = present_ids - since[1]
                missing = sorted(added - _cached_of(conn, added))
                stale = since[1] - present_ids
                numbers = [searcher.document_number(**{sf.ID_FIELD: aid}) for aid in missing]
            elif present_ids is not None:
                cached = {row[0] for row in conn.execute("SELECT id FROM facts")}
                missing = sorted(present_ids - cached)
                stale = cached - present_ids
                numbers = [searcher.document_number(**{sf.ID_FIELD: aid}) for aid in missing]
            else:
                cached = {row[0] for row in conn.execute("SELECT id FROM facts")}
                by_id: dict[str, int] = {}
                if reader.doc_count():  # an empty index has no columns to read
                    ids = reader.column_reader(sf.ID_FIELD)
                    by_id = {ids[docnum]: docnum for docnum in reader.all_doc_ids()}
                missing = sorted(aid for aid in by_id if aid not in cached)
                stale = [aid for aid in cached if aid not in by_id]
                numbers = [by_id[aid] for aid in missing]
            articles = [
                article_from_dict(json.loads(reader.stored_fields(number)[sf.ARTICLE]))
                for number in numbers
                if number is not None
            ]
            missing = [
                aid for aid, number in zip(missing, numbers, strict=True) if number is not None
            ]
        progress(BuildProgress("analysing", 0, len(articles)))
        records = _analyse(articles, workers, progress)
        with conn:
            conn.executemany("DELETE FROM facts WHERE id = ?", [(aid,) for aid in stale])
            conn.executemany("DELETE FROM embeddings WHERE id = ?", [(aid,) for aid in stale])
            conn.executemany(
                "INSERT OR REPLACE INTO facts (id, data) VALUES (?, ?)",
                [(aid, data) for aid, data in zip(missing, records, strict=True) if data],
            )
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (_IN_LINE_WITH, committed)
            )
        progress(BuildProgress("analysing", len(articles), len(articles)))
        return len(articles)
    except (sqlite3.Error, OSError):
        return 0
    finally:
        conn.close()


def _cached_of(conn: sqlite3.Connection, ids: Collection[str]) -> set[str]:
    """Those of `ids` the cache holds a record of."""
    found: set[str] = set()
    wanted = list(ids)
    for start in range(0, len(wanted), 500):  # under SQLite's limit of bound parameters
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(row[0] for row in conn.execute(
            f"SELECT id FROM facts WHERE id IN ({marks})", chunk
        ))  # fmt: skip
    return found


def _records(conn: sqlite3.Connection, articles: Sequence[Article]) -> dict[str, str]:
    """The cached records of `articles` by id: looked up one by one for a few (two
    articles side by side), read whole for many."""
    if len(articles) > _FEW:
        return dict(conn.execute("SELECT id, data FROM facts"))
    ids = [article.id for article in articles]
    marks = ",".join("?" * len(ids))
    return dict(conn.execute(f"SELECT id, data FROM facts WHERE id IN ({marks})", ids))


def load(generation: Path | None, articles: Sequence[Article]) -> list[Facts | None]:
    """The cached facts of each article (aligned with `articles`); None where the
    cache has no fitting record, and for every article when the cache cannot be read."""
    empty: list[Facts | None] = [None] * len(articles)
    path = generation / FILE if generation is not None else None
    if path is None or not path.is_file():
        return empty
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row is None or row[0] != fingerprint():
                return empty
            records = _records(conn, articles)
        finally:
            conn.close()
    except sqlite3.Error:
        return empty
    out: list[Facts | None] = []
    with paused():  # sentences and facts by the hundred thousand, none of them garbage
        for article in articles:
            data = records.get(article.id)
            try:
                out.append(facts_from_json(json.loads(data), article) if data else None)
            except ValueError:
                out.append(None)
    return out


class Embeddings:
    """The embeddings kept in the analysis cache of `generation` (an `embed.VectorStore`),
    stored as float16 rows: half the space, and cosines stay within 1e-3."""

    def __init__(self, generation: Path) -> None:
        self._path = generation / FILE

    def get(self, model: str, keys: Sequence[tuple[str, str]]) -> dict[str, Any]:
        import numpy as np

        if not self._path.is_file():
            return {}
        wanted = dict(keys)
        found: dict[str, Any] = {}
        try:
            conn = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, timeout=30)
            try:
                rows = conn.execute(
                    "SELECT id, signature, data FROM embeddings WHERE model = ?", (model,)
                ).fetchall()
            finally:
                conn.close()
        except sqlite3.Error:
            return {}
        for aid, signature, data in rows:
            if wanted.get(aid) == signature and len(data) % (2 * DIMENSIONS) == 0:
                found[aid] = np.frombuffer(data, dtype=np.float16).reshape(-1, DIMENSIONS)
        return found

    def put(self, model: str, rows: Sequence[tuple[str, str, Any]]) -> None:
        import numpy as np

        if not self._path.parent.is_dir():
            return
        try:
            conn = _connect(self._path)
        except (sqlite3.Error, OSError):
            return
        try:
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO embeddings (id, model, signature, data)"
                    " VALUES (?, ?, ?, ?)",
                    [
                        (aid, model, signature, np.asarray(v, dtype=np.float16).tobytes())
                        for aid, signature, v in rows
                    ],
                )
        except (sqlite3.Error, OSError):
            pass  # a read-only or full disk: worked out again next time
        finally:
            conn.close()
