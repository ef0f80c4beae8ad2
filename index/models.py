"""The values `index` hands to its callers: frozen dataclasses, nothing else.

Rule kept here: no Whoosh object, no UI type and no mutable state crosses the
package boundary; every public function of `index` returns these.
Offsets (`Span`) are character offsets into `Article.text`, the text exactly
as it is displayed, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CONFIRMED = "confirmed"
INFERRED = "inferred"
UNKNOWN = "unknown"
CONFIDENCES = (CONFIRMED, INFERRED, UNKNOWN)

# Where a metadata value came from.
SOURCE_FRONT_MATTER = "front-matter"
SOURCE_MANIFEST = "manifest"
SOURCE_HTML = "html-meta"
SOURCE_FEED = "feed"
SOURCE_RECORD = "record"  # a field of a JSON/JSONL object or a CSV row
SOURCE_URL = "url"
SOURCE_TEXT = "text"
SOURCE_DETECTED = "detected"  # statistical detection (language)
SOURCE_INFERRED = "inferred"  # reasoned from other facts
SOURCE_NONE = "none"

META_FIELDS = ("title", "outlet", "date", "author", "language", "url")


@dataclass(frozen=True)
class MetaField:
    """One metadata value with where it came from and how sure we are."""

    value: str | None
    source: str = SOURCE_NONE
    confidence: str = UNKNOWN
    note: str = ""  # the reason behind an inferred value, for the reader

    @classmethod
    def unknown(cls) -> MetaField:
        return cls(None, SOURCE_NONE, UNKNOWN, "")


@dataclass(frozen=True)
class Metadata:
    """What is known of one article. `date` is ISO 8601 (a date or a datetime)."""

    title: MetaField = field(default_factory=MetaField.unknown)
    outlet: MetaField = field(default_factory=MetaField.unknown)
    date: MetaField = field(default_factory=MetaField.unknown)
    author: MetaField = field(default_factory=MetaField.unknown)
    language: MetaField = field(default_factory=MetaField.unknown)
    url: MetaField = field(default_factory=MetaField.unknown)
    # Bounds when only a range is known ("on or after 2025-07-14"), ISO dates.
    date_earliest: str | None = None
    date_latest: str | None = None
    # Keys the readers do not map to a field (unknown front matter keys ...).
    extra: tuple[tuple[str, str], ...] = ()

    def field(self, name: str) -> MetaField:
        if name not in META_FIELDS:
            raise KeyError(name)
        value: MetaField = getattr(self, name)
        return value


@dataclass(frozen=True)
class Article:
    """One article: its display text (chrome removed, sanitised) and metadata."""

    id: str  # stable, derived from the content
    file: str  # POSIX path relative to the corpus root
    entry: int | None  # position inside a multi-article file (feed, JSONL ...), else None
    text: str
    meta: Metadata

    @property
    def title(self) -> str | None:
        return self.meta.title.value

    @property
    def outlet(self) -> str | None:
        return self.meta.outlet.value

    @property
    def date(self) -> str | None:
        return self.meta.date.value

    @property
    def language(self) -> str | None:
        return self.meta.language.value

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def display_title(self) -> str:
        """The title, or the opening words of the text when no title is known."""
        if self.meta.title.value:
            return self.meta.title.value
        words = self.text.split()
        head = " ".join(words[:12])
        return head + ("…" if len(words) > 12 else "") if head else "(empty)"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Fragment:
    """A window of an article's text around matches; spans are relative to `text`."""

    text: str
    start: int  # offset of `text` inside Article.text
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Hit:
    id: str
    file: str
    entry: int | None
    outlet: str | None
    title: str | None
    display_title: str
    date: str | None
    date_confidence: str
    language: str | None
    score: float
    fragments: tuple[Fragment, ...]


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    outlets: tuple[FacetCount, ...] = ()
    languages: tuple[FacetCount, ...] = ()
    dates: tuple[FacetCount, ...] = ()  # by day (YYYY-MM-DD); undated hits as "undated"


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: Facets
    seconds: float
    # Set when a half-typed query was repaired to search: what was done and why.
    notice: str | None = None


@dataclass(frozen=True)
class ArticleView:
    """An article with the character spans of a query's matches in its text."""

    article: Article
    matches: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    file: str
    entry: int | None
    id: str
    same_as: str  # the file of the copy that was kept


@dataclass(frozen=True)
class ReadResult:
    """What reading a corpus (or one file of it) gave."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    warnings: tuple[Skipped, ...] = ()  # read, but with a problem worth one line


@dataclass(frozen=True)
class BuildProgress:
    phase: str  # "scanning", "reading", "indexing", "committing", "analysing"
    done: int
    total: int
    file: str = ""


@dataclass(frozen=True)
class BuildSummary:
    indexed: int  # new or changed articles written
    unchanged: int
    removed: int
    skipped: tuple[Skipped, ...]
    duplicates: tuple[Duplicate, ...]
    warnings: tuple[Skipped, ...]
    seconds: float
    rebuilt: bool = False  # a full rebuild (no index yet, or another schema version)
    message: str | None = None  # why it rebuilt, for the user


@dataclass(frozen=True)
class CorpusInfo:
    root: str
    index_dir: str
    articles: int
    outlets: tuple[FacetCount, ...]
    languages: tuple[FacetCount, ...]
    date_min: str | None
    date_max: str | None
    skipped: tuple[Skipped, ...]
    duplicates: tuple[Duplicate, ...]


@dataclass(frozen=True)
class SharedPassage:
    """A passage two texts share: its span in each, and how many words it runs."""

    left: Span
    right: Span
    words: int
    similarity: float = 1.0  # 1.0 for word-for-word; lower for near copies


@dataclass(frozen=True)
class AttentionCell:
    """How many of a query's hits one outlet published on one day ("undated" if unknown)."""

    outlet: str
    day: str
    count: int
