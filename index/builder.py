"""Building and updating an index: read only new and changed files (in several
processes for large corpora), drop removed ones, write with one Whoosh writer.

Rule kept here: the previous index stays readable until the new one is
complete — incremental builds rely on Whoosh's atomic commit, full rebuilds
go into a new generation that state.json switches to at the end.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from whoosh import index as windex

from index import schema as sf
from index import store
from index.codec import article_to_dict
from index.corpus import corpus_files, manifest_problem, read_file
from index.errors import ExplorerError
from index.manifest import Manifest
from index.models import (
    Article,
    BuildProgress,
    BuildSummary,
    Duplicate,
    ReadResult,
    Skipped,
)
from index.query import day_number

PARALLEL_FROM = 64  # files; fewer are read in this process
Progress = Callable[[BuildProgress], None]


def _quick_signature(path: Path, manifest: Manifest | None) -> str:
    """size:mtime_ns:manifest fingerprint; the stored signature adds the content hash."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}:{manifest.fingerprint if manifest else '-'}"


def _content_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=10)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_many(
    root: Path, paths: list[Path], manifest: Manifest | None, workers: int
) -> Iterator[tuple[Path, ReadResult]]:
    pool = _pool(workers) if len(paths) >= PARALLEL_FROM and workers > 1 else None
    if pool is None:
        for path in paths:
            yield path, read_file(root, path, manifest)
        return
    with pool:
        chunk = max(1, min(64, len(paths) // (workers * 8) or 1))
        results = pool.map(
            read_file, [root] * len(paths), paths, [manifest] * len(paths), chunksize=chunk
        )
        yield from zip(paths, results, strict=True)


def _pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of reader processes, or None (read in this process) where none can start.

    A host that replaced sys.stderr (a terminal UI does) would hand the process
    tracker an invalid file descriptor; the real stderr is lent for the start.
    """
    from multiprocessing import resource_tracker

    stderr = sys.stderr
    try:
        try:
            valid = stderr is not None and stderr.fileno() >= 0
        except (AttributeError, OSError, ValueError):
            valid = False
        if not valid:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
        return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    except (OSError, ValueError):
        return None
    finally:
        sys.stderr = stderr


def _document(article: Article, signature: str) -> dict[str, object]:
    day = article.date[:10] if article.date and len(article.date) >= 10 else article.date
    lang = article.language or sf.NO_LANGUAGE
    doc: dict[str, object] = {
        sf.ID_FIELD: article.id,
        sf.FILE: article.file,
        sf.FILE_SIGNATURE: signature,
        sf.FILE_WORDS: article.file,
        sf.OUTLET: article.outlet or "",
        sf.OUTLET_KEY: article.outlet or sf.NO_OUTLET,
        sf.TITLE: article.title or "",
        sf.AUTHOR: article.meta.author.value or "",
        sf.URL: article.meta.url.value or "",
        sf.BODY: article.text,
        sf.LANGUAGE: lang,
        sf.DAY: day or sf.UNDATED,
        sf.DAY_NUMBER: day_number(article.date),
        sf.ARTICLE: json.dumps(article_to_dict(article), ensure_ascii=False),
    }
    if lang in _STEMMED:
        doc[sf.stemmed_body(lang)] = article.text
    return doc


_STEMMED = set(sf.STEMMED_LANGUAGES)


def _existing(ix: windex.Index) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """file -> signature, article id -> file, file -> article count, from the index."""
    signatures: dict[str, str] = {}
    owners: dict[str, str] = {}
    counts: dict[str, int] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            file = fields[sf.FILE]
            signatures[file] = fields[sf.FILE_SIGNATURE]
            owners[fields[sf.ID_FIELD]] = file
            counts[file] = counts.get(file, 0) + 1
    return signatures, owners, counts


def build(
    corpus: Path,
    root: Path,
    index_dir: Path,
    progress: Progress | None = None,
    workers: int | None = None,
) -> BuildSummary:
    started = time.perf_counter()
    report = progress or (lambda _p: None)
    workers = workers if workers is not None else max(1, (os.cpu_count() or 1))
    with store.build_lock(index_dir):
        generation = store.current_generation(index_dir, sf.SCHEMA_VERSION)
        message = None
        rebuilt = generation is None
        if generation is not None:
            try:
                ix = windex.open_dir(str(generation))
            except Exception:  # a damaged generation: rebuild rather than fail
                generation, rebuilt = None, True
                message = "the index could not be opened; rebuilt"
        if generation is None:
            if store.read_state(index_dir) is not None and message is None:
                message = "index was built by another version of explorer; rebuilt"
            generation = store.new_generation(index_dir)
            ix = windex.create_in(str(generation), sf.build_schema())
        try:
            summary = _update(corpus, root, ix, report, workers)
        finally:
            ix.close()
        store.write_json_atomic(
            generation / store.REPORT,
            {
                "skipped": [[s.file, s.reason] for s in summary.skipped],
                "duplicates": [[d.file, d.entry, d.id, d.same_as] for d in summary.duplicates],
                "warnings": [[w.file, w.reason] for w in summary.warnings],
            },
        )
        if rebuilt:
            store.switch_generation(index_dir, generation, sf.SCHEMA_VERSION)
            store.remove_stale_generations(index_dir, generation)
    return BuildSummary(
        indexed=summary.indexed,
        unchanged=summary.unchanged,
        removed=summary.removed,
        skipped=summary.skipped,
        duplicates=summary.duplicates,
        warnings=summary.warnings,
        seconds=time.perf_counter() - started,
        rebuilt=rebuilt,
        message=message,
    )


def _update(
    corpus: Path, root: Path, ix: windex.Index, report: Progress, workers: int
) -> BuildSummary:
    report(BuildProgress("scanning", 0, 0))
    manifest, problem = manifest_problem(root)
    files = corpus_files(corpus)
    signatures, owners, counts = _existing(ix)
    seen = {path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name: path
            for path in files}  # fmt: skip
    to_read: list[Path] = []
    new_signatures: dict[str, str] = {}
    unchanged = 0
    for rel, path in seen.items():
        old = signatures.get(rel, "")
        try:
            quick = _quick_signature(path, manifest)
            if old.rsplit(":", 1)[0] == quick:
                unchanged += counts.get(rel, 0)
                continue
            full = f"{quick}:{_content_hash(path)}"
        except OSError:
            full = ""  # unreadable: read_file reports it as skipped
        # touched but not changed: same content, same manifest
        if full and old and old.split(":")[2:] == full.split(":")[2:]:
            unchanged += counts.get(rel, 0)
            continue
        new_signatures[rel] = full
        to_read.append(path)
    removed_files = [rel for rel in signatures if rel not in seen]
    changed_files = [rel for rel in new_signatures if rel in signatures]
    kept_owner = {
        aid: file for aid, file in owners.items()
        if file not in removed_files and file not in changed_files
    }  # fmt: skip
    skipped: list[Skipped] = []
    warnings: list[Skipped] = [problem] if problem else []
    duplicates: list[Duplicate] = []
    indexed = 0
    removed = sum(counts.get(rel, 0) for rel in removed_files)
    writer = ix.writer()
    try:
        for rel in removed_files + changed_files:
            writer.delete_by_term(sf.FILE, rel)
        total = len(to_read)
        for done, (path, result) in enumerate(_read_many(root, to_read, manifest, workers), 1):
            rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
            report(BuildProgress("reading", done, total, rel))
            skipped.extend(result.skipped)
            warnings.extend(result.warnings)
            for article in _unique(result.articles, kept_owner, duplicates):
                writer.add_document(**_document(article, new_signatures.get(rel, "")))
                indexed += 1
        report(BuildProgress("committing", total, total))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return BuildSummary(
        indexed, unchanged, removed, tuple(skipped), tuple(duplicates), tuple(warnings), 0.0
    )


def _unique(
    articles: Iterable[Article], owners: dict[str, str], duplicates: list[Duplicate]
) -> Iterator[Article]:
    for article in articles:
        if article.id in owners:
            duplicates.append(
                Duplicate(article.file, article.entry, article.id, owners[article.id])
            )
            continue
        owners[article.id] = article.file
        yield article


def load_report(generation: Path) -> tuple[tuple[Skipped, ...], tuple[Duplicate, ...],
                                           tuple[Skipped, ...]]:  # fmt: skip
    data = store.read_json(generation / store.REPORT) or {}
    try:
        return (
            tuple(Skipped(f, r) for f, r in data.get("skipped", [])),
            tuple(Duplicate(f, e, i, s) for f, e, i, s in data.get("duplicates", [])),
            tuple(Skipped(f, r) for f, r in data.get("warnings", [])),
        )
    except (TypeError, ValueError) as exc:
        raise ExplorerError(f"{generation / store.REPORT} is damaged; run explorer index") from exc
