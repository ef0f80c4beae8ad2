"""What a build must read again: the files whose size, time or content changed since
they were indexed, from what the index holds and a quick look at the disk.

What the index holds (each file's signature and article ids) is kept beside it in
`files.json`, written after each commit and tagged with the Whoosh generation it
describes; reading the index's columns instead costs one file read per article
(seconds at 100k articles), so they are read only when that file is missing, damaged
or stale.

Rule kept here: a file is hashed only when its size or mtime differ, and a file that
cannot be read now is never taken for a removed one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import methodcaller
from pathlib import Path
from typing import Any

from whoosh import index as windex

from index import schema as sf
from index import store
from index.corpus import relative_name
from index.manifest import Manifest
from index.models import BuildProgress, Skipped
from index.readers import READERS_VERSION

Progress = Callable[[BuildProgress], None]
FILES = "files.json"
_LAYOUT = 2  # files.json's columns: files, signatures, counts, ids
_COLUMNS = ("files", "signatures", "counts", "ids")


def content_hash(path: Path | str) -> str:
    digest = hashlib.blake2b(digest_size=10)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Indexed:
    """What the index already holds, read from its columns (no stored document decoded)."""

    signatures: dict[str, str] = field(default_factory=dict)  # file -> signature
    owners: dict[str, str] = field(default_factory=dict)  # article id -> file
    counts: dict[str, int] = field(default_factory=dict)  # file -> articles
    refreshed: set[str] = field(default_factory=set)  # files touched without change
    from_sidecar: bool = False  # read from files.json (else from the index's columns)


def existing(ix: windex.Index, overrides: dict[str, str]) -> Indexed:
    """What the index holds; `overrides` (signatures from the last report) replace the column's
    signature of files whose unchanged entries kept an older one."""
    found = Indexed()
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return found
        files = reader.column_reader(sf.FILE)
        signatures = reader.column_reader(sf.FILE_SIGNATURE)
        ids = reader.column_reader(sf.ID_FIELD)
        for docnum in reader.all_doc_ids():
            file = files[docnum]
            found.signatures[file] = signatures[docnum]
            found.owners[ids[docnum]] = file
            found.counts[file] = found.counts.get(file, 0) + 1
    for file, signature in overrides.items():
        if file in found.signatures:
            found.signatures[file] = signature
    return found


def load_indexed(generation: Path, ix: windex.Index) -> Indexed | None:
    """What `files.json` says the committed index holds, or None where it cannot say:
    missing, damaged, in another layout, or written for another commit than the index's
    latest."""
    data = store.read_json(generation / FILES)
    if (
        not isinstance(data, dict)
        or data.get("layout") != _LAYOUT
        or data.get("index_generation") != ix.latest_generation()
    ):
        return None
    columns: list[list[Any]] = []
    for key in _COLUMNS:
        column = data.get(key)
        if not isinstance(column, list):
            return None
        columns.append(column)
    files, signatures, counts, ids = columns
    # the checks run in C (map over the columns): a loop in Python costs ~0.1 s at 100k
    if not (
        len(files) == len(signatures) == len(counts)
        and set(map(type, counts)) <= {int}
        and (not counts or min(counts) > 0)
        and sum(counts) == len(ids)
        and set(map(type, chain(files, signatures, ids))) <= {str}
    ):
        return None
    found = Indexed(from_sidecar=True)
    found.signatures = dict(zip(files, signatures, strict=True))
    found.counts = dict(zip(files, counts, strict=True))
    # each file's ids follow one another in `ids`, `counts[i]` of them for `files[i]`
    found.owners = dict(zip(ids, chain.from_iterable(map(repeat, files, counts)), strict=True))
    if len(found.signatures) != len(files) or len(found.owners) != len(ids):
        return None  # a file or an id listed twice: not what a save writes
    return found


def save_indexed(
    generation: Path, ix: windex.Index, owners: dict[str, str], signatures: dict[str, str]
) -> None:
    """`files.json` for the index as just committed: each file holding articles (`owners`:
    article id -> file) with its signature, as columns (a file's ids one after another),
    which load in a fraction of the time a table per file takes. Best effort: without it
    the next build reads the index's columns."""
    files, counts, ids = _grouped(owners)
    tagged = {
        "layout": _LAYOUT,
        "index_generation": ix.latest_generation(),
        "files": files,
        "signatures": [signatures.get(file, "") for file in files],
        "counts": counts,
        "ids": ids,
    }
    try:
        store.write_json_atomic(generation / FILES, tagged)
    except OSError:
        (generation / FILES).unlink(missing_ok=True)


def _grouped(owners: dict[str, str]) -> tuple[list[str], list[int], list[str]]:
    """The files of `owners` (article id -> file), how many ids each has, and the ids
    file after file. A build keeps each file's ids together, so the runs of one file
    are found by one comparison per id; if a file has two runs, ids are regrouped."""
    held = list(owners.values())
    if not held:
        return [], [], []
    starts = [0, *[i for i in range(1, len(held)) if held[i] != held[i - 1]]]
    files = [held[i] for i in starts]
    if len(set(files)) == len(files):
        ends = [*starts[1:], len(held)]
        counts = [end - start for start, end in zip(starts, ends, strict=True)]
        return files, counts, list(owners)
    by_file: dict[str, list[str]] = {}
    for aid, file in owners.items():
        by_file.setdefault(file, []).append(aid)
    return (
        list(by_file),
        [len(ids) for ids in by_file.values()],
        [aid for ids in by_file.values() for aid in ids],
    )


def relative(root: Path, path: Path | str, prefix: str | None = None) -> str:
    """`relative_name`, by string where `path` is under `prefix` (the root and a
    separator): pathlib's relative_to costs ~0.1 ms a file, seconds at 100k files."""
    text = str(path)
    if prefix and text.startswith(prefix):
        rel = text[len(prefix) :]
        if os.sep != "/":
            rel = rel.replace(os.sep, "/")
        if rel.isascii() or _encodable(rel):
            return rel
    return relative_name(root, Path(path))


def relative_names(root: Path, prefix: str, files: list[str]) -> dict[str, str]:
    """Each file's name relative to the corpus root -> its path: a slice where the name
    needs no conversion (at 100k files a call per file costs ~0.1 s)."""
    start = len(prefix)
    if (
        os.sep == "/"
        and all(map(methodcaller("startswith", prefix), files))
        and all(map(str.isascii, files))
    ):
        return {path[start:]: path for path in files}
    return {relative(root, path, prefix): path for path in files}


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def under(rel: str, folders: list[str]) -> bool:
    return any(f in (".", "") or rel == f or rel.startswith(f"{f}/") for f in folders)


def changed(
    seen: dict[str, str],
    indexed: Indexed,
    manifest: Manifest | None,
    report: Progress,
    unreadable: list[Skipped],
) -> tuple[dict[str, str], int]:
    """Files to read (with their new signature) and how many articles stay as they are.

    Size and mtime decide first; only when they differ is the content hashed, so a
    touched but unchanged file is not read again; its new signature replaces the old one
    in `indexed.signatures`, so the next build need not hash it either. An indexed file
    that cannot be read now keeps what was indexed from it (named in `unreadable`)."""
    to_read: dict[str, str] = {}
    unchanged = 0
    # what the file's articles are made with besides its bytes: the manifest, the readers
    fingerprint = f"{manifest.fingerprint if manifest else '-'}/{READERS_VERSION}"
    stat = os.stat
    for done, (rel, path) in enumerate(seen.items(), 1):
        if done % 512 == 0:
            report(BuildProgress("scanning", done, len(seen), rel))
        old = indexed.signatures.get(rel, "")
        try:
            found = stat(path)  # the quick signature: size:mtime_ns:manifest fingerprint
            quick = f"{found.st_size}:{found.st_mtime_ns}:{fingerprint}"
            if old and old.rsplit(":", 1)[0] == quick:
                unchanged += indexed.counts.get(rel, 0)
                continue
            full = f"{quick}:{content_hash(path)}"
        except OSError as exc:
            if old:
                reason = (exc.strerror or type(exc).__name__).lower()
                why = f"cannot be read now ({reason}); what was indexed from it is kept"
                unreadable.append(Skipped(rel, why))
                unchanged += indexed.counts.get(rel, 0)
                continue
            full = ""  # unreadable: read_file reports it as skipped
        if full and old and old.split(":")[2:] == full.split(":")[2:]:
            unchanged += indexed.counts.get(rel, 0)  # same content, same manifest
            indexed.signatures[rel] = full
            indexed.refreshed.add(rel)
            continue
        to_read[rel] = full
    return to_read, unchanged


def ids_of(indexed: Indexed, files: dict[str, Path]) -> dict[Path, frozenset[str]]:
    """The article ids each of `files` (indexed before, changed now) held."""
    held: dict[str, set[str]] = {rel: set() for rel in files}
    if held:
        for aid, rel in indexed.owners.items():
            if rel in held:
                held[rel].add(aid)
    return {files[rel]: frozenset(ids) for rel, ids in held.items()}
