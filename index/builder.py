"""Building and updating an index: read only new and changed files (in several
processes for large corpora), drop removed ones, write with one Whoosh writer.

Rule kept here: the previous index stays readable until the new one is
complete — incremental builds rely on Whoosh's atomic commit, full rebuilds
go into a new generation that state.json switches to at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage

from index import commit_lengths as _commit_lengths  # noqa: F401  (a faster flush, at import)
from index import schema as sf
from index import store
from index.changes import (
    changed,
    existing,
    ids_of,
    load_indexed,
    relative,
    relative_names,
    save_indexed,
    under,
)
from index.codec import article_to_dict
from index.corpus import manifest_problem, read_file, walk_names
from index.errors import CorpusError, ExplorerError
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
WRITER_MB = 128  # the writer's posting buffer before it spills to disk
Progress = Callable[[BuildProgress], None]


def _read_many(
    root: Path,
    paths: list[Path],
    manifest: Manifest | None,
    workers: int,
    known: dict[Path, frozenset[str]],
) -> Iterator[tuple[Path, ReadResult, tuple[str, ...]]]:
    """Each file read, with its articles' analysis facts as JSON ("" where not worked
    out). Reader processes work the facts out while this process writes the index,
    except for the ids in `known` (what a changed file held before: cached already);
    read here, the facts are left to the analysing phase."""
    pool = _pool(workers) if len(paths) >= PARALLEL_FROM and workers > 1 else None
    if pool is None:
        for path in paths:
            yield path, read_file(root, path, manifest), ()
        return
    with pool:
        # files are analysed as they are read (~30 ms an article): small chunks, so the
        # writer gets its first articles soon
        chunk = max(1, min(16, len(paths) // (workers * 8) or 1))
        n = len(paths)
        none: frozenset[str] = frozenset()
        results = pool.map(_read_analysed, [root] * n, paths, [manifest] * n,
                           [known.get(p, none) for p in paths], chunksize=chunk)  # fmt: skip
        for path, (result, facts) in zip(paths, results, strict=True):
            yield path, result, facts


def _read_analysed(
    root: Path, path: Path, manifest: Manifest | None, known: frozenset[str]
) -> tuple[ReadResult, tuple[str, ...]]:
    """Reader process: one file, and the facts of its articles whose id is not in `known`."""
    from index.analysis_cache import facts_json

    result = read_file(root, path, manifest)
    return result, tuple("" if a.id in known else facts_json(a) for a in result.articles)


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
    number = day_number(article.date)
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
        sf.DAY_NUMBER: number,
        sf.DATE_ORDER: number or sf.UNDATED_LAST,
        sf.ARTICLE: json.dumps(article_to_dict(article), ensure_ascii=False),
    }
    if lang in _STEMMED:
        doc[sf.stemmed_body(lang)] = article.text
    return doc


_STEMMED = set(sf.STEMMED_LANGUAGES)


@dataclass
class _Report:
    """The last build's lines per file: skipped files, duplicates, warnings."""

    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    # files updated entry by entry: their signature, which their unchanged entries'
    # column still holds an older value of
    signatures: dict[str, str] = field(default_factory=dict)

    def carry(self, keep: set[str]) -> _Report:
        """The lines of the files in `keep` (files this build does not re-read)."""
        return _Report(
            [s for s in self.skipped if s.file in keep],
            [d for d in self.duplicates if d.file in keep],
            [w for w in self.warnings if _file_of(w.file) in keep],
        )


def _file_of(where: str) -> str:
    """A warning names "file" or "file entry N"."""
    head, sep, tail = where.rpartition(" entry ")
    return head if sep and tail.isdigit() else where


def build(
    corpus: Path,
    root: Path,
    index_dir: Path,
    progress: Progress | None = None,
    workers: int | None = None,
) -> BuildSummary:
    started = time.perf_counter()
    if not corpus.exists():  # moved, deleted or unmounted: never read as "every file removed"
        raise CorpusError(
            f"{corpus}: no such file or folder (moved, deleted or unmounted?); "
            "the index was left as it was"
        )
    report = progress or (lambda _p: None)
    workers = workers if workers is not None else max(1, (os.cpu_count() or 1))
    with store.build_lock(index_dir), store.write_errors(index_dir, sf.SCHEMA_VERSION):
        generation = store.current_generation(index_dir, sf.SCHEMA_VERSION)
        message = None
        rebuilt = generation is None
        previous = _Report()
        if generation is not None:
            try:
                # read through files, not mapped: mapping touches the whole segment
                ix = FileStorage(str(generation), supports_mmap=False).open_index()
                last_skipped, last_duplicates, last_warnings = load_report(generation)
                previous = _Report(list(last_skipped), list(last_duplicates), list(last_warnings),
                                   _load_signatures(generation))  # fmt: skip
            except Exception:  # a damaged generation: rebuild rather than fail
                generation, rebuilt = None, True
                message = "the index could not be opened; rebuilt"
        if generation is None:
            if store.read_state(index_dir) is not None and message is None:
                message = "index was built by another version of explorer; rebuilt"
            generation = store.new_generation(index_dir)
            ix = windex.create_in(str(generation), sf.build_schema())
        else:
            # a rebuild killed half way leaves a generation nobody points to
            store.remove_stale_generations(index_dir, generation)
        try:
            before = ix.latest_generation()
            summary, signatures, present, held = _update(
                corpus, root, ix, report, workers, previous, generation
            )
            # the per-article analysis the reader processes left out, beside the
            # committed index
            from index import analysis_cache

            analysis_cache.update(generation, ix, report, workers, present, (before, held))
        finally:
            ix.close()
        store.write_json_atomic(
            generation / store.REPORT,
            {
                "skipped": [[s.file, s.reason] for s in summary.skipped],
                "duplicates": [[d.file, d.entry, d.id, d.same_as] for d in summary.duplicates],
                "warnings": [[w.file, w.reason] for w in summary.warnings],
                "signatures": signatures,
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
    corpus: Path,
    root: Path,
    ix: windex.Index,
    report: Progress,
    workers: int,
    previous: _Report,
    generation: Path,
) -> tuple[BuildSummary, dict[str, str], frozenset[str], frozenset[str]]:
    """The build's summary, the signatures of files updated entry by entry, the ids
    of every article the index now holds and of those it held before."""
    report(BuildProgress("scanning", 0, 0))
    manifest, problem = manifest_problem(root)
    indexed = load_indexed(generation, ix) or existing(ix, previous.signatures)
    files, unlisted = walk_names(corpus)
    prefix = f"{root}{os.sep}"
    seen = relative_names(root, prefix, files)
    hidden = [relative(root, folder, prefix) for folder in unlisted]
    report(BuildProgress("scanning", 0, len(seen)))
    unreadable: list[Skipped] = []
    to_read, unchanged = changed(seen, indexed, manifest, report, unreadable)
    # files under a folder that could not be listed are kept as indexed, not removed
    kept = {rel for rel in indexed.signatures if rel not in seen and under(rel, hidden)}
    unchanged += sum(indexed.counts.get(rel, 0) for rel in kept)
    removed_files = [rel for rel in indexed.signatures if rel not in seen and rel not in kept]
    gone = set(removed_files) | set(to_read)
    # a copy left out because another file held it: read again when that file goes
    for dup in previous.duplicates:
        if dup.same_as in gone and dup.file in seen and dup.file not in to_read:
            to_read[dup.file] = indexed.signatures.get(dup.file, "")
            unchanged -= indexed.counts.get(dup.file, 0)
    changed_files = [rel for rel in to_read if rel in indexed.signatures]
    drop = set(removed_files) | set(changed_files)
    kept_owner = {aid: file for aid, file in indexed.owners.items() if file not in drop}
    carried = previous.carry((set(seen) - set(to_read) - {u.file for u in unreadable}) | kept)
    skipped = [*carried.skipped, *unreadable, *(
        Skipped(folder, "folder cannot be listed; what was indexed from it is kept")
        for folder in hidden
    )]  # fmt: skip
    warnings: list[Skipped] = [problem] if problem else []
    warnings.extend(w for w in carried.warnings if w != problem)
    duplicates = carried.duplicates
    added = 0
    removed = sum(indexed.counts.get(rel, 0) for rel in removed_files)
    signatures = {rel: sig for rel, sig in previous.signatures.items() if rel in seen}
    paths = [Path(seen[rel]) for rel in sorted(to_read)]
    known = ids_of(indexed, {rel: Path(seen[rel]) for rel in changed_files})
    pending: Any = None  # analysis_cache.Pending, once a reader process sends facts
    stored_gone = 0  # entries deleted because their file no longer has them
    writer = ix.writer(limitmb=WRITER_MB)
    try:
        for rel in sorted(removed_files):
            writer.delete_by_term(sf.FILE, rel)
            signatures.pop(rel, None)
        total = len(paths)
        read = _read_many(root, paths, manifest, workers, known)
        with ix.searcher() as searcher:
            for done, (path, result, facts) in enumerate(read, 1):
                rel = relative(root, path, prefix)
                report(BuildProgress("reading", done, total, rel))
                skipped.extend(result.skipped)
                warnings.extend(result.warnings)
                # a file already indexed: only the entries that differ are rewritten
                stored = _stored_of(searcher, rel) if rel in indexed.signatures else {}
                same = 0
                data = dict(zip((a.id for a in result.articles), facts, strict=False))
                for article in _unique(result.articles, kept_owner, duplicates):
                    doc = _document(article, to_read.get(rel, ""))
                    if stored.pop(article.id, None) == doc[sf.ARTICLE]:
                        same += 1  # the same entry, stored the same way
                        continue
                    if article.id in indexed.owners:
                        writer.delete_by_term(sf.ID_FIELD, article.id, searcher=searcher)
                    writer.add_document(**doc)
                    added += 1
                    if data.get(article.id):
                        if pending is None:
                            from index.analysis_cache import Pending

                            pending = Pending(generation)
                        pending.add(article.id, data[article.id])
                for gone_id in stored:  # entries the file no longer has
                    writer.delete_by_term(sf.ID_FIELD, gone_id, searcher=searcher)
                    stored_gone += 1
                unchanged += same  # (removed counts the articles of removed files only)
                if same:  # their column keeps the old signature: the report has the new one
                    signatures[rel] = to_read.get(rel, "")
                else:
                    signatures.pop(rel, None)
                report(BuildProgress("indexing", done, total, rel))
        report(BuildProgress("committing", total, total))
        if pending is not None:
            pending.flush()
        if removed_files or added or stored_gone:
            writer.commit()
        else:
            writer.cancel()  # nothing to write: the index and files.json stay as they are
    except BaseException:
        with contextlib.suppress(Exception):  # a full disk may fail the cancel too
            writer.cancel()
        store.drop_unfinished(ix)
        raise
    finally:
        if pending is not None:
            pending.close()
    if to_read or removed_files or indexed.refreshed or not indexed.from_sidecar:
        # kept_owner is now every article the index holds, with its file
        save_indexed(generation, ix, kept_owner, {**indexed.signatures, **to_read})
    return (
        BuildSummary(
            added,
            max(0, unchanged),
            removed,
            tuple(skipped),
            tuple(duplicates),
            tuple(warnings),
            0.0,
        ),
        signatures,
        frozenset(kept_owner),
        frozenset(indexed.owners),
    )


def _stored_of(searcher: object, rel: str) -> dict[str, str]:
    """Article id -> stored article JSON of the entries of one indexed file."""
    docs = searcher.documents(**{sf.FILE: rel})  # type: ignore[attr-defined]
    return {doc[sf.ID_FIELD]: doc[sf.ARTICLE] for doc in docs}


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


def _load_signatures(generation: Path) -> dict[str, str]:
    """The signatures the last report kept for files updated entry by entry."""
    data = store.read_json(generation / store.REPORT) or {}
    found = data.get("signatures") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}


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
