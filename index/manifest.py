"""The sidecar manifest: metadata for corpus files that carry none of their own.

A corpus folder may hold `manifest.toml` or `manifest.csv` at its root (never
read as an article). TOML form:

    [defaults]                      # optional: applies to every file
    language = "en"

    [[article]]
    file = "news/001.txt"           # path relative to the corpus root
    entry = 0                       # optional: one entry of a feed/JSONL/CSV file
    outlet = "NewsBytes"            # a plain string is a confirmed value
    url = "https://example.com/a"
    title = { value = "A headline", confidence = "inferred", note = "why" }
    date = { value = "2025-07-15", confidence = "inferred", note = "why" }
    # a date known only as a range:
    # date = { after = "2025-07-14", before = "2025-07-20", note = "why" }

CSV form: a header row with `file`, optionally `entry`, any of the fields
`title, outlet, url, date, author, language`, and per field optional
`<field>_confidence` and `<field>_note` columns, plus `date_after`, `date_before`.

Rule kept here: a manifest that cannot be read raises `ReadError` naming the
manifest and the key or line at fault; values keep the confidence they state.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import ReadError
from index.models import CONFIDENCES, CONFIRMED, META_FIELDS, SOURCE_MANIFEST, UNKNOWN
from index.readers.base import Candidate

MANIFEST_NAMES = ("manifest.toml", "manifest.csv")


@dataclass(frozen=True)
class ManifestEntry:
    candidates: tuple[Candidate, ...] = ()
    date_earliest: str | None = None
    date_latest: str | None = None


@dataclass(frozen=True)
class Manifest:
    path: Path
    fingerprint: str
    defaults: ManifestEntry = ManifestEntry()
    entries: dict[tuple[str, int | None], ManifestEntry] = field(default_factory=dict)

    def lookup(self, file: str, entry: int | None) -> ManifestEntry:
        """What the manifest says of one article: its own entry over the file's over defaults."""
        found = [self.defaults]
        for key in ((file, None), (file, entry)):
            if key in self.entries and (key[1] is None or entry is not None):
                found.append(self.entries[key])
        by_field: dict[str, Candidate] = {}
        earliest = latest = None
        for item in found:
            for cand in item.candidates:
                by_field[cand.field] = cand
            earliest = item.date_earliest or earliest
            latest = item.date_latest or latest
        return ManifestEntry(tuple(by_field.values()), earliest, latest)


def find_manifest(root: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        path = root / name
        if path.is_file():
            return path
    return None


def load_manifest(root: Path) -> Manifest | None:
    """The corpus folder's manifest, or None when it has none. Raises ReadError if broken."""
    path = find_manifest(root)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(
            f"{path.name}: cannot be read ({exc.strerror}); fix its permissions"
        ) from exc
    fingerprint = hashlib.blake2b(data, digest_size=8).hexdigest()
    if path.suffix == ".toml":
        defaults, entries = _parse_toml(path.name, data)
    else:
        defaults, entries = _parse_csv(path.name, data)
    return Manifest(path, fingerprint, defaults, entries)


def _parse_toml(
    name: str, data: bytes
) -> tuple[ManifestEntry, dict[tuple[str, int | None], ManifestEntry]]:
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReadError(f"{name}: not valid TOML ({exc}); fix it or remove it") from exc
    defaults = _entry(name, "defaults", doc.get("defaults", {}))
    articles = doc.get("article", [])
    if not isinstance(articles, list):
        raise ReadError(f"{name}: 'article' must be an array of tables ([[article]])")
    entries: dict[tuple[str, int | None], ManifestEntry] = {}
    for number, table in enumerate(articles, 1):
        where = f"article #{number}"
        if not isinstance(table, dict) or not isinstance(table.get("file"), str):
            raise ReadError(f"{name}: {where} has no 'file' (a path relative to the corpus)")
        entry = table.get("entry")
        if entry is not None and (not isinstance(entry, int) or entry < 0):
            raise ReadError(f"{name}: {where}: 'entry' must be a whole number >= 0")
        fields = {k: v for k, v in table.items() if k not in ("file", "entry")}
        entries[(table["file"], entry)] = _entry(name, f"{where} ({table['file']})", fields)
    return defaults, entries


def _entry(name: str, where: str, table: Any) -> ManifestEntry:
    if not isinstance(table, dict):
        raise ReadError(f"{name}: {where} must be a table")
    candidates: list[Candidate] = []
    earliest = latest = None
    for key, raw in table.items():
        if key not in META_FIELDS:
            raise ReadError(
                f"{name}: {where}: unknown key {key!r}; use one of {', '.join(META_FIELDS)}"
            )
        value: Any
        if isinstance(raw, str):
            value, confidence, note = raw, CONFIRMED, ""
        elif isinstance(raw, dict):
            value = raw.get("value")
            confidence = raw.get("confidence", CONFIRMED)
            note = raw.get("note", "")
            if key == "date":
                earliest = _bound(name, where, raw.get("after"))
                latest = _bound(name, where, raw.get("before"))
            unknown = set(raw) - {"value", "confidence", "note", "after", "before"}
            if unknown:
                raise ReadError(f"{name}: {where}: {key}: unknown key {sorted(unknown)[0]!r}")
        else:
            raise ReadError(f"{name}: {where}: {key} must be a string or a table")
        if confidence not in CONFIDENCES:
            raise ReadError(
                f"{name}: {where}: {key}: confidence must be one of {', '.join(CONFIDENCES)}"
            )
        if value is not None and not isinstance(value, str):
            value = value.isoformat() if hasattr(value, "isoformat") else str(value)
        if value and confidence != UNKNOWN:
            candidates.append(Candidate(key, value, SOURCE_MANIFEST, confidence, str(note)))
    return ManifestEntry(tuple(candidates), earliest, latest)


def _bound(name: str, where: str, value: Any) -> str | None:
    if value is None:
        return None
    from index.metadata import parse_date

    iso = parse_date(value.isoformat() if hasattr(value, "isoformat") else str(value))
    if iso is None:
        raise ReadError(f"{name}: {where}: date bound {value!r} is not a date (use YYYY-MM-DD)")
    return iso[:10]


def _parse_csv(
    name: str, data: bytes
) -> tuple[ManifestEntry, dict[tuple[str, int | None], ManifestEntry]]:
    try:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    except (csv.Error, UnicodeDecodeError) as exc:
        raise ReadError(f"{name}: not valid UTF-8 CSV ({exc})") from exc
    entries: dict[tuple[str, int | None], ManifestEntry] = {}
    for line, row in enumerate(rows, 2):
        where = f"line {line}"
        file = (row.get("file") or "").strip()
        if not file:
            raise ReadError(f"{name}: {where} has no 'file' value")
        entry_text = (row.get("entry") or "").strip()
        if entry_text and not entry_text.isdigit():
            raise ReadError(f"{name}: {where}: 'entry' must be a whole number")
        table: dict[str, Any] = {}
        for key in META_FIELDS:
            value = (row.get(key) or "").strip()
            after = (row.get("date_after") or "").strip() if key == "date" else ""
            before = (row.get("date_before") or "").strip() if key == "date" else ""
            if not (value or after or before):
                continue
            cell: dict[str, Any] = {
                "confidence": (row.get(f"{key}_confidence") or CONFIRMED).strip(),
                "note": (row.get(f"{key}_note") or "").strip(),
            }
            if value:
                cell["value"] = value
            if after:
                cell["after"] = after
            if before:
                cell["before"] = before
            table[key] = cell
        entries[(file, int(entry_text) if entry_text else None)] = _entry(name, where, table)
    return ManifestEntry(), entries
