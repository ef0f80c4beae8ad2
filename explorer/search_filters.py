"""The filters a search runs under (outlets, languages, a date range): what the
filter screen edits, the main screen searches with and the saved state keeps."""

from __future__ import annotations

from dataclasses import dataclass


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
