"""Reading a corpus: walk a folder (or take one file), read each file with its
format reader, settle each article's metadata and give it a stable id.

Rule kept here: one unreadable file never stops the others; it becomes a
`Skipped` line naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

from index.chrome import strip_chrome
from index.errors import CorpusError, ReadError
from index.manifest import MANIFEST_NAMES, Manifest, load_manifest
from index.metadata import resolve
from index.models import (
    INFERRED,
    SOURCE_TEXT,
    Article,
    Duplicate,
    ReadResult,
    Skipped,
)
from index.readers import Candidate, Extracted, read_bytes

__all__ = [
    "Manifest",
    "article_id",
    "corpus_files",
    "corpus_root",
    "load_manifest",
    "manifest_problem",
    "read_corpus",
    "read_file",
]


def corpus_root(path: Path | str) -> Path:
    """The folder that file paths are relative to: the path itself, or a file's folder."""
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a corpus folder or file")
    return path.resolve() if path.is_dir() else path.resolve().parent


def corpus_files(path: Path | str) -> list[Path]:
    """Files of the corpus, sorted: a file alone, or a folder walked recursively.

    Hidden files and folders and the sidecar manifest are left out; symlinked
    folders are not followed (no loops), symlinked files are read.
    """
    path = Path(path).expanduser().resolve()
    if path.is_file():
        return [path]
    found: list[Path] = []
    for folder, dirs, files in os.walk(path, followlinks=False, onerror=lambda _e: None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        for name in files:
            if name.startswith("."):
                continue
            if here == path and name in MANIFEST_NAMES:
                continue
            found.append(here / name)
    return sorted(found)


def article_id(text: str) -> str:
    """A stable id from the content: the same text always gets the same id."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def manifest_problem(root: Path) -> tuple[Manifest | None, Skipped | None]:
    """The manifest, or None and one line saying why it was not used."""
    try:
        return load_manifest(root), None
    except ReadError as exc:
        message = str(exc)
        name, _, reason = message.partition(": ")
        return None, Skipped(name, f"{reason}; its metadata was not used")


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_file(root: Path, path: Path, manifest: Manifest | None = None) -> ReadResult:
    """Read one file of a corpus into articles with settled metadata."""
    rel = _relative(root, path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return ReadResult((), (Skipped(rel, f"cannot be read: {reason.lower()}"),))
    try:
        content = read_bytes(data, rel)
    except ReadError as exc:
        return ReadResult((), (Skipped(rel, str(exc)),))
    except RecursionError:
        return ReadResult((), (Skipped(rel, "too deeply nested to read"),))
    warnings = [Skipped(rel, message) for message in content.warnings]
    articles: list[Article] = []
    for extracted in content.articles:
        article = _article(rel, extracted, manifest, warnings)
        if article is not None:
            articles.append(article)
    if not articles and not content.articles and not content.warnings:
        return ReadResult((), (Skipped(rel, "no article text found"),))
    return ReadResult(tuple(articles), (), (), tuple(warnings))


def _article(
    rel: str, extracted: Extracted, manifest: Manifest | None, warnings: list[Skipped]
) -> Article | None:
    text = extracted.text.strip()
    candidates = list(extracted.candidates)
    if extracted.plain:
        stripped = strip_chrome(text)
        text = stripped.body
        if stripped.title:
            candidates.append(
                Candidate("title", stripped.title, SOURCE_TEXT, INFERRED, "the headline line")
            )
        if stripped.author:
            candidates.append(
                Candidate("author", stripped.author, SOURCE_TEXT, INFERRED, "the byline")
            )
    if not text:
        warnings.append(Skipped(rel, "an entry has no text; left out"))
        return None
    earliest = latest = None
    if manifest is not None:
        stated = manifest.lookup(rel, extracted.entry)
        candidates = list(stated.candidates) + candidates
        earliest, latest = stated.date_earliest, stated.date_latest
    meta, problems = resolve(
        candidates, text, date_earliest=earliest, date_latest=latest, extra=extracted.extra
    )
    where = rel if extracted.entry is None else f"{rel} entry {extracted.entry}"
    warnings.extend(Skipped(where, problem) for problem in problems)
    return Article(article_id(text), rel, extracted.entry, text, meta)


def read_corpus(path: Path | str) -> ReadResult:
    """Read every file of a corpus; exact duplicates are reported, not returned twice."""
    root = corpus_root(path)
    manifest, problem = manifest_problem(root)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    warnings: list[Skipped] = [problem] if problem else []
    duplicates: list[Duplicate] = []
    seen: dict[str, str] = {}
    for file in corpus_files(path):
        result = read_file(root, file, manifest)
        skipped.extend(result.skipped)
        warnings.extend(result.warnings)
        for art in result.articles:
            if art.id in seen:
                duplicates.append(Duplicate(art.file, art.entry, art.id, seen[art.id]))
                continue
            seen[art.id] = art.file
            articles.append(art)
    return ReadResult(tuple(articles), tuple(skipped), tuple(duplicates), tuple(warnings))
