"""Where an index lives on disk and how it is switched atomically.

Layout of an index folder:
    state.json        which generation is current, and its schema version
    build.lock        held (flock) by the one process that writes
    g-<stamp>/        a Whoosh index (one generation) plus report.json,
                      the last build's skipped files, duplicates and warnings,
                      and analysis.sqlite, each article's analysis facts
                      (index/analysis_cache.py)

Rule kept here: readers only ever see a generation named by state.json, and
state.json is replaced with os.replace, so a build killed at any point leaves
the previous index readable; a build that cannot write (a full disk, a read-only
folder) is one line and leaves no half-written files behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.errors import ExplorerError, IndexBusyError

STATE = "state.json"
REPORT = "report.json"
LOCK = "build.lock"


def default_index_dir(corpus: Path) -> Path:
    """A folder per corpus under the user data dir: <name>-<hash of its path>."""
    import platformdirs

    resolved = str(corpus.resolve())
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", corpus.resolve().name).strip("-")[:40] or "corpus"
    digest = hashlib.blake2b(resolved.encode("utf-8"), digest_size=5).hexdigest()
    return platformdirs.user_data_path("explorer") / "indexes" / f"{slug}-{digest}"


def write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    text = json.dumps(data, ensure_ascii=False)  # one pass in C; json.dump streams in Python
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def read_state(index_dir: Path) -> dict[str, Any] | None:
    state = read_json(index_dir / STATE)
    if not isinstance(state, dict) or not isinstance(state.get("generation"), str):
        return None
    return state


def current_generation(index_dir: Path, schema_version: int) -> Path | None:
    """The generation folder readers use, or None when there is no usable one."""
    state = read_state(index_dir)
    if state is None or state.get("schema") != schema_version:
        return None
    folder = index_dir / state["generation"]
    return folder if folder.is_dir() else None


def new_generation(index_dir: Path) -> Path:
    folder = index_dir / f"g-{time.time_ns()}"
    folder.mkdir(parents=True)
    return folder


def switch_generation(index_dir: Path, folder: Path, schema_version: int) -> None:
    write_json_atomic(index_dir / STATE, {"schema": schema_version, "generation": folder.name})


def remove_stale_generations(index_dir: Path, keep: Path | None) -> None:
    for child in index_dir.glob("g-*"):
        if child.is_dir() and child != keep:
            shutil.rmtree(child, ignore_errors=True)


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Held while one process writes; a second writer gets IndexBusyError at once."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK, "a+")  # noqa: SIM115 - held for the whole build
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise ExplorerError(
            f"index folder {index_dir} cannot be written ({reason}); give another with --index DIR"
        ) from exc
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise IndexBusyError(
                f"index {index_dir} is busy: another explorer is building it; "
                "try again when it finishes"
            ) from exc
        yield
    finally:
        handle.close()


@contextlib.contextmanager
def write_errors(index_dir: Path, schema_version: int) -> Iterator[None]:
    """A build that cannot write (disk full, read-only, folder gone) is one line; the
    generation it was making goes, the one state.json names stays (held under the lock)."""
    try:
        yield
    except OSError as exc:
        current = current_generation(index_dir, schema_version)
        remove_stale_generations(index_dir, current)
        reason = (exc.strerror or str(exc) or type(exc).__name__).lower()
        if exc.errno == errno.ENOSPC:
            advice = "free some space, or give another folder with --index DIR"
        else:
            advice = "give a folder you can write with --index DIR"
        kept = "the previous index is unchanged" if current else "nothing was indexed"
        raise ExplorerError(
            f"index {index_dir} could not be written ({reason}); {advice}; {kept}"
        ) from exc


def drop_unfinished(ix: Any) -> None:
    """Remove what a failed Whoosh writer left (its segment files and spill folder): on a
    full disk they would keep the next build from committing."""
    from whoosh.index import clean_files

    with contextlib.suppress(Exception):
        toc = ix._read_toc()
        clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
        shutil.rmtree(Path(ix.storage.folder) / f"{ix.indexname}.tmp", ignore_errors=True)
