"""A corpus's root folder, apart from the readers so that opening a `Library` does
not load them.

Rule kept here: no I/O beyond resolving the path and telling a folder from a file.
"""

from __future__ import annotations

from pathlib import Path

from index.errors import CorpusError


def corpus_root(path: Path | str) -> Path:
    """The folder that file paths are relative to: the path itself, or a file's folder."""
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a corpus folder or file")
    return path.resolve() if path.is_dir() else path.resolve().parent
