"""The filters a search runs under (outlets, languages, a date range): what the
filter screen edits, the main screen searches with and the saved state keeps; the
scope of an analysis (a query and filters, or the whole corpus)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index import Library


@dataclass
class Filters:
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def describe(self) -> str:
        parts = [*self.outlets, *self.languages]
        if self.since or self.until:
            parts.append(f"{self.since or '…'}..{self.until or '…'}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Scope:
    """The articles analysed: those the query finds under the filters, or all of them."""

    query: str = ""
    filters: Filters = field(default_factory=Filters)

    @property
    def whole(self) -> bool:
        return not self.query.strip() and not self.filters.describe()

    def describe(self) -> str:
        found = (
            f"the articles “{self.query.strip()}” finds" if self.query.strip() else "the articles"
        )
        return found + (f" ({self.filters.describe()})" if self.filters.describe() else "")

    def articles(self, library: Library) -> frozenset[str]:
        """The ids of the articles in scope (a half-typed query repaired, as in the search)."""
        filters = self.filters
        found = library.search(
            self.query, limit=None, highlight=0, outlets=filters.outlets,
            languages=filters.languages, since=filters.since, until=filters.until,
        )  # fmt: skip
        return frozenset(hit.id for hit in found.hits)
