"""explorer's non-UI core: reading corpora, metadata, the Whoosh index, search
and analysis. Never imports `textual` or `explorer`; returns frozen dataclasses."""

from pathlib import Path

from index.analysis import ArticleFrames, FrameLexicon, FrameScore, Quote, Sentence
from index.codec import article_to_dict, frames_to_dict, hit_to_dict, quotes_to_dict
from index.compare import shared_passages
from index.corpus import read_corpus
from index.errors import (
    ArticleNotFound,
    CorpusError,
    ExplorerError,
    IndexBusyError,
    IndexMissingError,
    QueryError,
    ReadError,
)
from index.library import Library, ProgressCallback
from index.models import (
    CONFIDENCES,
    CONFIRMED,
    INFERRED,
    META_FIELDS,
    UNKNOWN,
    Article,
    ArticleView,
    AttentionCell,
    BuildProgress,
    BuildSummary,
    CorpusInfo,
    Duplicate,
    FacetCount,
    Facets,
    Fragment,
    Hit,
    Metadata,
    MetaField,
    ReadResult,
    SearchResult,
    SharedPassage,
    Skipped,
    Span,
)
from index.query import date_range

BUNDLED_CORPUS: Path = Path(__file__).resolve().parent / "data" / "behemoth"

__all__ = [
    "BUNDLED_CORPUS",
    "CONFIDENCES",
    "CONFIRMED",
    "INFERRED",
    "META_FIELDS",
    "UNKNOWN",
    "Article",
    "ArticleFrames",
    "ArticleNotFound",
    "ArticleView",
    "AttentionCell",
    "BuildProgress",
    "BuildSummary",
    "CorpusError",
    "CorpusInfo",
    "Duplicate",
    "ExplorerError",
    "FacetCount",
    "Facets",
    "FrameLexicon",
    "FrameScore",
    "Fragment",
    "Hit",
    "IndexBusyError",
    "IndexMissingError",
    "Library",
    "Metadata",
    "MetaField",
    "ProgressCallback",
    "QueryError",
    "Quote",
    "ReadError",
    "ReadResult",
    "SearchResult",
    "Sentence",
    "SharedPassage",
    "Skipped",
    "Span",
    "article_to_dict",
    "date_range",
    "frames_to_dict",
    "hit_to_dict",
    "quotes_to_dict",
    "read_corpus",
    "shared_passages",
]
