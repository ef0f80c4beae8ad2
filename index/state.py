"""Saved state: recent corpora, the last query per corpus, bookmarks, notes and tags
on articles, and small settings (the theme), in one SQLite file under the user
state dir (never in a corpus).

Rules kept here: every write is one transaction (WAL journal), so a process killed
mid-write leaves every earlier write intact; returns frozen dataclasses; the
database is opened per call site and is safe to use from one thread at a time
(the app opens its own `State` for the UI thread).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_dir

from index.errors import ExplorerError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corpora (
    path TEXT PRIMARY KEY, opened REAL NOT NULL, last_query TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT, corpus TEXT NOT NULL, article TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_article ON notes (corpus, article);
CREATE TABLE IF NOT EXISTS tags (
    corpus TEXT NOT NULL, article TEXT NOT NULL, tag TEXT NOT NULL,
    PRIMARY KEY (corpus, article, tag)
);
CREATE TABLE IF NOT EXISTS bookmarks (
    corpus TEXT NOT NULL, article TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL, PRIMARY KEY (corpus, article)
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_RECENT = 20


def default_state_path() -> Path:
    """`state.sqlite3` in the user state dir (~/.local/state/explorer on Linux)."""
    return Path(user_state_dir("explorer", appauthor=False)) / "state.sqlite3"


@dataclass(frozen=True)
class Note:
    id: int
    corpus: str  # the corpus path, resolved
    article: str  # the article id
    title: str  # the article's title when the note was written, for lists
    text: str
    created: float  # seconds since the epoch
    updated: float
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bookmark:
    corpus: str
    article: str
    title: str
    created: float


@dataclass(frozen=True)
class RecentCorpus:
    path: str
    opened: float
    last_query: str


def _key(corpus: Path | str) -> str:
    return str(Path(corpus).expanduser().resolve())


def _like(text: str) -> str:
    """`text` as a LIKE pattern matching it anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class State:
    """The saved state in `path` (default: `default_state_path()`), created on first use."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_state_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            with self._write() as db:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
        except sqlite3.DatabaseError as exc:
            raise ExplorerError(
                f"{self.path}: saved state cannot be opened ({exc}); move the file aside "
                "to start afresh"
            ) from exc
        except OSError as exc:
            raise ExplorerError(f"{self.path}: cannot create the saved state ({exc})") from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is saved, or none of it."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ExplorerError(f"{self.path}: saved state is busy or unwritable ({exc})") from exc
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise ExplorerError(f"{self.path}: cannot save ({exc})") from exc

    def close(self) -> None:
        self._db.close()

    # -- corpora and queries -------------------------------------------------
    def opened(self, corpus: Path | str) -> None:
        """Remember that `corpus` was opened now (the recent list keeps the newest 20)."""
        with self._write() as db:
            db.execute(
                "INSERT INTO corpora (path, opened) VALUES (?, ?) "
                "ON CONFLICT(path) DO UPDATE SET opened = excluded.opened",
                (_key(corpus), time.time()),
            )
            db.execute(
                "DELETE FROM corpora WHERE path NOT IN "
                "(SELECT path FROM corpora ORDER BY opened DESC LIMIT ?)",
                (_RECENT,),
            )

    def recent(self) -> tuple[RecentCorpus, ...]:
        rows = self._db.execute(
            "SELECT path, opened, last_query FROM corpora ORDER BY opened DESC"
        ).fetchall()
        return tuple(RecentCorpus(*row) for row in rows)

    def set_last_query(self, corpus: Path | str, query: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO corpora (path, opened, last_query) VALUES (?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET last_query = excluded.last_query",
                (_key(corpus), time.time(), query),
            )

    def last_query(self, corpus: Path | str) -> str:
        row = self._db.execute(
            "SELECT last_query FROM corpora WHERE path = ?", (_key(corpus),)
        ).fetchone()
        return str(row[0]) if row else ""

    # -- notes and tags --------------------------------------------------------
    def add_note(
        self, corpus: Path | str, article: str, text: str, title: str = "",
        tags: tuple[str, ...] = (),
    ) -> Note:  # fmt: skip
        """A new note on `article` (its tags added too); returns it."""
        if not text.strip():
            raise ExplorerError("a note needs some text")
        now = time.time()
        key = _key(corpus)
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO notes (corpus, article, title, text, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (key, article, title, text, now, now),
            )
            for tag in tags:
                if tag.strip():
                    db.execute(
                        "INSERT OR IGNORE INTO tags (corpus, article, tag) VALUES (?, ?, ?)",
                        (key, article, tag.strip()),
                    )
        note_id = int(cursor.lastrowid or 0)
        return self._notes("WHERE n.id = ?", (note_id,))[0]

    def note(self, note_id: int) -> Note | None:
        found = self._notes("WHERE n.id = ?", (note_id,))
        return found[0] if found else None

    def delete_note(self, note_id: int) -> bool:
        with self._write() as db:
            return db.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount > 0

    def tag(self, corpus: Path | str, article: str, *tags: str) -> None:
        with self._write() as db:
            for tag in tags:
                if tag.strip():
                    db.execute(
                        "INSERT OR IGNORE INTO tags (corpus, article, tag) VALUES (?, ?, ?)",
                        (_key(corpus), article, tag.strip()),
                    )

    def tags(self, corpus: Path | str, article: str) -> tuple[str, ...]:
        rows = self._db.execute(
            "SELECT tag FROM tags WHERE corpus = ? AND article = ? ORDER BY tag",
            (_key(corpus), article),
        ).fetchall()
        return tuple(row[0] for row in rows)

    def _notes(self, where: str, params: tuple[object, ...]) -> tuple[Note, ...]:
        rows = self._db.execute(
            "SELECT n.id, n.corpus, n.article, n.title, n.text, n.created, n.updated, "
            "(SELECT group_concat(tag, char(31)) FROM "
            " (SELECT tag FROM tags t WHERE t.corpus = n.corpus AND t.article = n.article"
            "  ORDER BY tag)) "
            f"FROM notes n {where} ORDER BY n.updated DESC, n.id DESC",
            params,
        ).fetchall()
        return tuple(
            Note(
                id=row[0],
                corpus=row[1],
                article=row[2],
                title=row[3],
                text=row[4],
                created=row[5],
                updated=row[6],
                tags=tuple(row[7].split("\x1f")) if row[7] else (),
            )  # fmt: skip
            for row in rows
        )

    def notes(
        self, corpus: Path | str | None = None, article: str | None = None,
        search: str | None = None,
    ) -> tuple[Note, ...]:  # fmt: skip
        """Notes, newest first: of one corpus and article when given; with `search`,
        those whose text, article title or tags hold it (case-insensitive)."""
        clauses: list[str] = []
        params: list[object] = []
        if corpus is not None:
            clauses.append("n.corpus = ?")
            params.append(_key(corpus))
        if article is not None:
            clauses.append("n.article = ?")
            params.append(article)
        if search:
            clauses.append(
                "(n.text LIKE ? ESCAPE '\\' OR n.title LIKE ? ESCAPE '\\' OR EXISTS ("
                "SELECT 1 FROM tags t WHERE t.corpus = n.corpus AND t.article = n.article "
                "AND t.tag LIKE ? ESCAPE '\\'))"
            )
            params.extend([_like(search)] * 3)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._notes(where, tuple(params))

    # -- bookmarks ----------------------------------------------------------------
    def toggle_bookmark(self, corpus: Path | str, article: str, title: str = "") -> bool:
        """Bookmark `article`, or remove its bookmark; True when it is now bookmarked."""
        key = _key(corpus)
        with self._write() as db:
            removed = db.execute(
                "DELETE FROM bookmarks WHERE corpus = ? AND article = ?", (key, article)
            ).rowcount
            if removed:
                return False
            db.execute(
                "INSERT INTO bookmarks (corpus, article, title, created) VALUES (?, ?, ?, ?)",
                (key, article, title, time.time()),
            )
            return True

    def bookmarks(self, corpus: Path | str | None = None) -> tuple[Bookmark, ...]:
        if corpus is None:
            rows = self._db.execute(
                "SELECT corpus, article, title, created FROM bookmarks ORDER BY created DESC"
            ).fetchall()
        else:
            rows = self._db.execute(
                "SELECT corpus, article, title, created FROM bookmarks WHERE corpus = ? "
                "ORDER BY created DESC",
                (_key(corpus),),
            ).fetchall()
        return tuple(Bookmark(*row) for row in rows)

    # -- settings -------------------------------------------------------------------
    def get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
