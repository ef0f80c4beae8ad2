"""Reading a corpus: walk a folder (or take one file), read each file with its
format reader, settle each article's metadata and give it a stable id.

Rule kept here: one unreadable file never stops the others; it becomes a
`Skipped` line naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from index.errors import CorpusError, ReadError
from index.models import Article, Duplicate, Metadata, ReadResult, Skipped
from index.readers import read_bytes


def corpus_root(path: Path) -> Path:
    """The folder that file paths are relative to: the path itself, or a file's folder."""
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a corpus folder or file")
    return path.resolve() if path.is_dir() else path.resolve().parent


def corpus_files(path: Path) -> list[Path]:
    """Files of the corpus, sorted: a file alone, or a folder walked recursively (hidden skipped)."""
    path = Path(path).expanduser().resolve()
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def article_id(text: str) -> str:
    """A stable id from the content: the same text always gets the same id."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


class Manifest:
    """Sidecar metadata of a corpus folder. Placeholder until the manifest reader lands."""

    fingerprint: str = ""


def load_manifest(root: Path) -> Manifest | None:
    """The corpus folder's sidecar manifest, or None. Placeholder: always None."""
    return None


def read_file(root: Path, path: Path, manifest: Manifest | None = None) -> ReadResult:
    """Read one file of a corpus. Placeholder until the corpus readers land."""
    rel = path.relative_to(root).as_posix()
    try:
        content = read_bytes(path.read_bytes(), rel)
    except ReadError as exc:
        return ReadResult((), (Skipped(rel, str(exc).removeprefix(f"{rel}: ")),))
    except OSError as exc:
        return ReadResult((), (Skipped(rel, exc.strerror or str(exc)),))
    articles = tuple(
        Article(article_id(ex.text), rel, ex.entry, ex.text.strip(), Metadata())
        for ex in content.articles
    )
    return ReadResult(articles)


def read_corpus(path: Path) -> ReadResult:
    """Read every file of a corpus; exact duplicates are reported, not returned twice."""
    root = corpus_root(path)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    duplicates: list[Duplicate] = []
    seen: dict[str, str] = {}
    manifest = load_manifest(root)
    for file in corpus_files(path):
        result = read_file(root, file, manifest)
        skipped.extend(result.skipped)
        for art in result.articles:
            if art.id in seen:
                duplicates.append(Duplicate(art.file, art.entry, art.id, seen[art.id]))
                continue
            seen[art.id] = art.file
            articles.append(art)
    return ReadResult(tuple(articles), tuple(skipped), tuple(duplicates))
