"""explorer's non-UI core: reading corpora, metadata, the Whoosh index, search
and analysis. Never imports `textual` or `explorer`; returns frozen dataclasses.

Only the errors and `Library` load with the package; the dataclasses, the
corpus readers, the analysis and the codecs load when one of their names is
first used, so the app paints its first frame without them (building the
dataclasses' methods alone costs a tenth of a bare Textual app's start).
"""

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from index.analysis import (
        ArticleFrames,
        Beat,
        Beats,
        FrameLexicon,
        FrameScore,
        Mention,
        Quote,
        Reuse,
        ReusePair,
        Sentence,
        find_beats,
    )
    from index.codec import (
        article_to_dict,
        claims_to_dict,
        frames_to_dict,
        hit_to_dict,
        quotes_to_dict,
        reuse_to_dict,
    )
    from index.compare import shared_passages
    from index.corpus import read_corpus
    from index.export import (
        EXPORT_FORMATS,
        article_markdown,
        default_export_folder,
        export_format,
        render_rows,
        result_rows,
        write_atomic,
    )
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
    from index.report import Report, gather
    from index.report import render_markdown as report_markdown
    from index.report_html import render_html as report_html
    from index.state import Bookmark, Note, RecentCorpus, State, default_state_path

_LAZY = {
    **dict.fromkeys(
        ("CONFIDENCES", "CONFIRMED", "INFERRED", "META_FIELDS", "UNKNOWN", "Article",
         "ArticleView", "AttentionCell", "BuildProgress", "BuildSummary", "CorpusInfo",
         "Duplicate", "FacetCount", "Facets", "Fragment", "Hit", "Metadata", "MetaField",
         "ReadResult", "SearchResult", "SharedPassage", "Skipped", "Span"),
        "index.models",
    ),
    **dict.fromkeys(
        ("ArticleFrames", "Beat", "Beats", "FrameLexicon", "FrameScore", "Mention", "Quote",
         "Reuse", "ReusePair", "Sentence", "find_beats"),
        "index.analysis",
    ),
    **dict.fromkeys(
        ("article_to_dict", "claims_to_dict", "frames_to_dict", "hit_to_dict",
         "quotes_to_dict", "reuse_to_dict"),
        "index.codec",
    ),
    "shared_passages": "index.compare",
    "read_corpus": "index.corpus",
    "date_range": "index.query",
    **dict.fromkeys(
        ("EXPORT_FORMATS", "article_markdown", "default_export_folder", "export_format",
         "render_rows", "result_rows", "write_atomic"),
        "index.export",
    ),
    **dict.fromkeys(("Report", "gather"), "index.report"),
    **dict.fromkeys(
        ("Bookmark", "Note", "RecentCorpus", "State", "default_state_path"), "index.state"
    ),
    "report_markdown": "index.report:render_markdown",
    "report_html": "index.report_html:render_html",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    module, _, attribute = module.partition(":")
    value = getattr(import_module(module), attribute or name)
    globals()[name] = value
    return value


BUNDLED_CORPUS: Path = Path(__file__).resolve().parent / "data" / "behemoth"

__all__ = [
    "BUNDLED_CORPUS",
    "EXPORT_FORMATS",
    "Bookmark",
    "Note",
    "RecentCorpus",
    "Report",
    "State",
    "article_markdown",
    "default_export_folder",
    "default_state_path",
    "export_format",
    "gather",
    "render_rows",
    "report_html",
    "report_markdown",
    "result_rows",
    "write_atomic",
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
    "Beat",
    "Beats",
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
    "Mention",
    "ProgressCallback",
    "QueryError",
    "Quote",
    "ReadError",
    "ReadResult",
    "Reuse",
    "ReusePair",
    "SearchResult",
    "Sentence",
    "SharedPassage",
    "Skipped",
    "Span",
    "article_to_dict",
    "claims_to_dict",
    "date_range",
    "find_beats",
    "frames_to_dict",
    "hit_to_dict",
    "quotes_to_dict",
    "read_corpus",
    "reuse_to_dict",
    "shared_passages",
]
