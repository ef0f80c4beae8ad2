"""Reading a corpus: walk a folder (or take one file), read each file with its
format reader, strip page chrome from plain text, settle each article's
metadata (manifest, the file's own, inferred) and give it a stable id.

Rule kept here: one unreadable file never stops the others; it becomes a
`Skipped` line naming the file and the reason. A broken manifest is a warning:
the corpus is read without it.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from index.chrome import same_line, strip_chrome
from index.errors import ReadError
from index.manifest import MANIFEST_NAMES, Manifest, ManifestEntry, load_manifest
from index.metadata import resolve
from index.models import (
    INFERRED,
    SOURCE_TEXT,
    Article,
    Duplicate,
    ReadResult,
    Skipped,
)
from index.paths import corpus_root
from index.readers import Candidate, Extracted, detect_format, read_bytes

__all__ = [
    "Manifest",
    "article_id",
    "corpus_files",
    "corpus_root",
    "load_manifest",
    "manifest_problem",
    "read_corpus",
    "read_file",
    "walk",
]


def corpus_files(path: Path | str) -> list[Path]:
    """Files of the corpus, sorted: a file alone, or a folder walked recursively.

    Hidden files and folders and the sidecar manifest are left out; symlinked
    folders are not followed (no loops), symlinked files are read; folders that
    cannot be listed are passed over (`read_corpus` names them).
    """
    return walk(path)[0]


def walk(path: Path | str) -> tuple[list[Path], list[Path]]:
    """The corpus files, and the folders that could not be listed."""
    files, unlisted = walk_names(path)
    return [Path(name) for name in files], unlisted


def walk_names(path: Path | str) -> tuple[list[str], list[Path]]:
    """`walk` with the files as path strings, in the same order: a build looks at every
    file's size and time but makes a Path only of those it reads (90k Paths cost ~1 s).

    Each folder's entries are visited sorted by name, files and folders together, so
    the files come in the order of their Paths (part by part) without sorting the
    whole list; a folder reached through a symlink is not entered."""
    path = Path(path).expanduser().resolve()
    if not path.is_dir():
        return [str(path)], []
    found: list[str] = []
    unlisted: list[Path] = []
    stack: list[Iterator[os.DirEntry[str]]] = []  # the folders being walked, innermost last
    try:
        stack.append(iter(_listing(str(path))))
    except OSError as exc:
        unlisted.append(Path(exc.filename or path))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.name.startswith("."):
            continue
        elif _is_folder(entry):
            if entry.is_symlink():
                continue  # not entered, and not a file either
            try:
                stack.append(iter(_listing(entry.path)))
            except OSError as exc:
                unlisted.append(Path(exc.filename or entry.path))
        elif not (len(stack) == 1 and entry.name in MANIFEST_NAMES):
            found.append(entry.path)
    return found, sorted(unlisted)


def _listing(folder: str) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, or a symlink to one (which os.walk without followlinks lists as a
    folder and does not enter)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


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


# Bounds that keep one odd file from taking minutes and gigabytes: a file that holds one
# article (text, Markdown, a web page) is never this large; record files and feeds hold
# many articles and may be larger, but no single article may be longer than the limit.
MAX_ARTICLE_FILE = 16 << 20  # bytes
MAX_RECORDS_FILE = 512 << 20  # bytes
MAX_ARTICLE_CHARS = 1_000_000  # about 170,000 words: longer than any news article
_ONE_ARTICLE = frozenset({"text", "markdown", "html"})


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.0f} MB"


def _too_large(path: Path, rel: str) -> str | None:
    """Why a file is too large to read, judged from its size and opening only."""
    size = path.stat().st_size
    if size <= MAX_ARTICLE_FILE:
        return None
    if size > MAX_RECORDS_FILE:
        return (
            f"too large to read ({_megabytes(size)}; the limit is {_megabytes(MAX_RECORDS_FILE)})"
        )
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if detect_format(head, rel) not in _ONE_ARTICLE:
        return None
    return (
        f"too large for one article ({_megabytes(size)}; the limit is "
        f"{_megabytes(MAX_ARTICLE_FILE)}): split it into articles or leave it out"
    )


def relative_name(root: Path, path: Path) -> str:
    """A file's name as the index keeps it: POSIX, relative to the root, always valid text.

    Bytes of a name that are not UTF-8 (a Latin-1 name from an old archive, any name in a
    C locale without UTF-8 mode) arrive as surrogates, which nothing can encode: they
    are written as `\\xe9` escapes instead, so one odd name never stops a build.
    """
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.name
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(rel).decode("utf-8", errors="backslashreplace")
    return rel


_relative = relative_name


def read_file(root: Path, path: Path, manifest: Manifest | None = None) -> ReadResult:
    """Read one file of a corpus into articles with settled metadata."""
    rel = _relative(root, path)
    try:
        too_large = _too_large(path, rel)
        if too_large:
            return ReadResult((), (Skipped(rel, too_large),))
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
    if len(extracted.text) > MAX_ARTICLE_CHARS:
        where = _where(rel, extracted.entry)
        reason = f"an article of {len(extracted.text):,} characters is longer than any news "
        warnings.append(Skipped(where, reason + f"article (limit {MAX_ARTICLE_CHARS:,}); left out"))
        return None
    raw = extracted.text.strip()
    text = raw
    candidates = list(extracted.candidates)
    headline: str | None = None
    if extracted.plain:
        stripped = strip_chrome(raw)
        if stripped.body:  # a text that is nothing but a headline stays as it is
            text, headline = stripped.body, stripped.title
        if headline:
            candidates.append(
                Candidate(
                    "title", headline, SOURCE_TEXT, INFERRED, "the headline line above the text"
                )
            )
        if stripped.author:
            candidates.append(
                Candidate(
                    "author", stripped.author, SOURCE_TEXT, INFERRED, "the byline above the text"
                )
            )
        if stripped.outlet:
            candidates.append(
                Candidate("outlet", stripped.outlet, SOURCE_TEXT, INFERRED, "the copyright line")
            )
    if not text:
        warnings.append(Skipped(_where(rel, extracted.entry), "an entry has no text; left out"))
        return None
    stated = manifest.lookup(rel, extracted.entry) if manifest is not None else ManifestEntry()
    meta, problems = resolve(
        [*stated.candidates, *candidates],
        text,
        date_earliest=stated.date_earliest,
        date_latest=stated.date_latest,
        extra=extracted.extra,
        unknown_notes=stated.unknown_notes,
        context=raw,
    )
    if headline and not (meta.title.value and same_line(meta.title.value, headline)):
        # Another title won: the headline goes back above the text, not lost.
        text = f"{headline}\n{text}"
    warnings.extend(Skipped(_where(rel, extracted.entry), problem) for problem in problems)
    return Article(article_id(text), rel, extracted.entry, text, meta)


def _where(rel: str, entry: int | None) -> str:
    return rel if entry is None else f"{rel} (entry {entry})"


def read_corpus(path: Path | str) -> ReadResult:
    """Read every file of a corpus; exact duplicates are reported, not returned twice."""
    root = corpus_root(path)
    manifest, problem = manifest_problem(root)
    files, unlisted = walk(path)
    articles: list[Article] = []
    skipped = [Skipped(_relative(root, folder), "folder cannot be listed; its files were not read")
               for folder in unlisted]  # fmt: skip
    warnings: list[Skipped] = [problem] if problem else []
    if manifest is not None and Path(path).expanduser().resolve().is_dir():
        present = {_relative(root, file) for file in files}
        warnings.extend(
            Skipped(manifest.path.name, f"describes {missing!r}, which is not in the corpus")
            for missing in sorted(manifest.files() - present)
        )
    duplicates: list[Duplicate] = []
    seen: dict[str, str] = {}
    for file in files:
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
