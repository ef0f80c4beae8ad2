"""The sidecar manifest: metadata for corpus files that carry none of their own.

A corpus folder may hold `manifest.toml` or `manifest.csv` at its root (if both,
the TOML one); it is never read as an article. Metadata from it has the source
"manifest" and beats anything a file states or anything inferred.

TOML form:

    [defaults]                      # optional: applies to every file
    language = "en"

    [[article]]
    file = "news/001.txt"           # path relative to the corpus root (required)
    entry = 0                       # optional: one entry (0-based) of a feed/JSONL/CSV file
    outlet = "NewsBytes"            # a plain string (or TOML date) is a confirmed value
    url = "https://example.com/a"
    title = { value = "A headline", confidence = "inferred", note = "why we think so" }
    author = { confidence = "unknown", note = "none on the page" }
    date = { value = "2025-07-15", confidence = "inferred", note = "why" }
    # a date known only as a range (either bound may be left out):
    # date = { after = "2025-07-14", before = "2025-07-20", note = "why" }

Fields: title, outlet, url, date, author, language. A field is a string, or an
inline table with `value`, `confidence` ("confirmed" default, "inferred" or
"unknown"), `note`, and for `date` also `after` / `before` (ISO dates, bounds
inclusive). A table without a value records why the field is unknown. Dates are
ISO 8601 ("2025-07-15", "2025-07-15T08:32:03Z"). An `[[article]]` table without
`entry` applies to every article of its file; one with `entry` to that entry
only, over the file's. Values of an article override `[defaults]`.

CSV form: a header row with `file`, optionally `entry`, any of the field names,
and per field optional `<field>_confidence` and `<field>_note` columns, plus
`date_after` and `date_before`. Empty cells say nothing. Example:

    file,outlet,date,date_confidence,date_note,date_after
    a.txt,The Daily,2025-07-15,inferred,from the archive,
    b.txt,The Daily,,,reports Monday's story,2025-07-14

Rule kept here: a manifest that cannot be read raises `ReadError` whose message
starts with the manifest's name and names the key or line at fault; values keep
the confidence they state; nothing here guesses.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from index.errors import ReadError
from index.models import CONFIDENCES, CONFIRMED, META_FIELDS, SOURCE_MANIFEST, UNKNOWN
from index.readers.base import Candidate

MANIFEST_NAMES = ("manifest.toml", "manifest.csv")
_CELL_KEYS = frozenset({"value", "confidence", "note", "after", "before"})
_CSV_COLUMNS = frozenset(
    {"file", "entry", "date_after", "date_before"}
    | set(META_FIELDS)
    | {f"{name}_{part}" for name in META_FIELDS for part in ("confidence", "note")}
)


@dataclass(frozen=True)
class ManifestEntry:
    """What the manifest says of one file (or one entry of it, or of every file)."""

    candidates: tuple[Candidate, ...] = ()
    date_earliest: str | None = None  # ISO dates, inclusive
    date_latest: str | None = None
    unknown_notes: tuple[tuple[str, str], ...] = ()  # (field, why it is unknown)


@dataclass(frozen=True)
class Manifest:
    path: Path
    fingerprint: str  # hash of the manifest's bytes: a change means re-reading the corpus
    defaults: ManifestEntry = ManifestEntry()
    entries: dict[tuple[str, int | None], ManifestEntry] = field(default_factory=dict)

    def lookup(self, file: str, entry: int | None) -> ManifestEntry:
        """What the manifest says of one article: its own entry over its file's over defaults."""
        found = [self.defaults, self.entries.get((file, None), ManifestEntry())]
        if entry is not None:
            found.append(self.entries.get((file, entry), ManifestEntry()))
        by_field: dict[str, Candidate] = {}
        notes: dict[str, str] = {}
        earliest = latest = None
        for item in found:
            for name, note in item.unknown_notes:
                notes[name] = note
                by_field.pop(name, None)
            for cand in item.candidates:
                by_field[cand.field] = cand
                notes.pop(cand.field, None)
            earliest = item.date_earliest or earliest
            latest = item.date_latest or latest
        return ManifestEntry(tuple(by_field.values()), earliest, latest, tuple(notes.items()))

    def files(self) -> set[str]:
        """The files the manifest names."""
        return {file for file, _entry in self.entries}


def find_manifest(root: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        path = root / name
        if path.is_file():
            return path
    return None


def load_manifest(root: Path) -> Manifest | None:
    """The corpus folder's manifest, or None when it has none. Raises ReadError if broken."""
    path = find_manifest(Path(root))
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise ReadError(f"{path.name}: cannot be read ({reason}); fix its permissions") from exc
    fingerprint = hashlib.blake2b(data, digest_size=8).hexdigest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"{path.name}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from exc
    parse = _parse_toml if path.suffix == ".toml" else _parse_csv
    defaults, entries = parse(path.name, text)
    return Manifest(path, fingerprint, defaults, entries)


def _file_key(name: str, where: str, raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ReadError(f"{name}: {where} has no 'file' (a path relative to the corpus root)")
    path = PurePosixPath(raw.strip().replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        raise ReadError(f"{name}: {where}: file {raw!r} must be relative to the corpus root")
    return path.as_posix()


def _parse_toml(
    name: str, text: str
) -> tuple[ManifestEntry, dict[tuple[str, int | None], ManifestEntry]]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReadError(f"{name}: not valid TOML ({exc}); fix it or remove it") from exc
    unknown = set(doc) - {"defaults", "article"}
    if unknown:
        raise ReadError(
            f"{name}: unknown table {sorted(unknown)[0]!r}; use [defaults] and [[article]]"
        )
    defaults = _entry(name, "[defaults]", doc.get("defaults", {}))
    articles = doc.get("article", [])
    if not isinstance(articles, list):
        raise ReadError(f"{name}: 'article' must be an array of tables ([[article]])")
    entries: dict[tuple[str, int | None], ManifestEntry] = {}
    for number, table in enumerate(articles, 1):
        where = f"article #{number}"
        if not isinstance(table, dict):
            raise ReadError(f"{name}: {where} must be a table")
        file = _file_key(name, where, table.get("file"))
        entry = table.get("entry")
        if entry is not None and (
            isinstance(entry, bool) or not isinstance(entry, int) or entry < 0
        ):
            raise ReadError(f"{name}: {where} ({file}): 'entry' must be a whole number >= 0")
        if (file, entry) in entries:
            raise ReadError(f"{name}: {where}: {file} is described twice")
        fields = {k: v for k, v in table.items() if k not in ("file", "entry")}
        entries[(file, entry)] = _entry(name, f"{where} ({file})", fields)
    return defaults, entries


def _entry(name: str, where: str, table: Any) -> ManifestEntry:
    if not isinstance(table, dict):
        raise ReadError(f"{name}: {where} must be a table")
    candidates: list[Candidate] = []
    notes: list[tuple[str, str]] = []
    earliest = latest = None
    for key, raw in table.items():
        if key not in META_FIELDS:
            raise ReadError(
                f"{name}: {where}: unknown key {key!r}; use one of {', '.join(META_FIELDS)}"
            )
        cell = raw if isinstance(raw, dict) else {"value": raw}
        extra = set(cell) - _CELL_KEYS
        if extra:
            raise ReadError(f"{name}: {where}: {key}: unknown key {sorted(extra)[0]!r}")
        value = _text(name, where, key, cell.get("value"))
        confidence = cell.get("confidence", CONFIRMED if value else UNKNOWN)
        if confidence not in CONFIDENCES:
            raise ReadError(
                f"{name}: {where}: {key}: confidence must be one of {', '.join(CONFIDENCES)}"
            )
        note = _text(name, where, f"{key}.note", cell.get("note")) or ""
        if key == "date":
            earliest = _bound(name, where, cell.get("after"))
            latest = _bound(name, where, cell.get("before"))
            if earliest and latest and earliest > latest:
                raise ReadError(
                    f"{name}: {where}: date: after {earliest} is later than before {latest}"
                )
        elif "after" in cell or "before" in cell:
            raise ReadError(f"{name}: {where}: {key}: only date takes 'after' and 'before'")
        if value and confidence != UNKNOWN:
            if key == "date":
                _check_date(name, where, value)
            candidates.append(Candidate(key, value, SOURCE_MANIFEST, confidence, note))
        elif value:
            raise ReadError(f"{name}: {where}: {key}: a value cannot have confidence 'unknown'")
        elif confidence != UNKNOWN and not (key == "date" and (earliest or latest)):
            raise ReadError(
                f"{name}: {where}: {key} has no value; give one or confidence = 'unknown'"
            )
        else:
            notes.append((key, note))
    return ManifestEntry(tuple(candidates), earliest, latest, tuple(notes))


def _text(name: str, where: str, key: str, value: Any) -> str | None:
    """A cell as text: strings as written, TOML dates in ISO 8601."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    raise ReadError(f"{name}: {where}: {key} must be a string (or a table for a field)")


def _check_date(name: str, where: str, value: str) -> None:
    from index.metadata import parse_date

    if parse_date(value) is None:
        raise ReadError(f"{name}: {where}: date {value!r} is not a date (use YYYY-MM-DD)")


def _bound(name: str, where: str, value: Any) -> str | None:
    text = _text(name, where, "date bound", value)
    if text is None:
        return None
    from index.metadata import parse_date

    iso = parse_date(text)
    if iso is None:
        raise ReadError(f"{name}: {where}: date bound {text!r} is not a date (use YYYY-MM-DD)")
    return iso[:10]


def _parse_csv(
    name: str, text: str
) -> tuple[ManifestEntry, dict[tuple[str, int | None], ManifestEntry]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ReadError(
            f"{name}: line {reader.line_num}: not valid CSV ({exc}); fix it or remove it"
        ) from exc
    if not rows:
        return ManifestEntry(), {}
    header = [cell.strip().lower() for cell in rows[0]]
    if "file" not in header:
        raise ReadError(f"{name}: line 1: the header has no 'file' column")
    unknown = [column for column in header if column not in _CSV_COLUMNS]
    if unknown:
        raise ReadError(f"{name}: line 1: unknown column {unknown[0]!r}")
    entries: dict[tuple[str, int | None], ManifestEntry] = {}
    for line, cells in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue
        where = f"line {line}"
        if len(cells) > len(header):
            raise ReadError(f"{name}: {where} has more cells than the header has columns")
        row = {column: cell.strip() for column, cell in zip(header, cells, strict=False)}
        file = _file_key(name, where, row.get("file"))
        entry_text = row.get("entry", "")
        if entry_text and not entry_text.isdigit():
            raise ReadError(f"{name}: {where}: 'entry' must be a whole number")
        entry = int(entry_text) if entry_text else None
        if (file, entry) in entries:
            raise ReadError(f"{name}: {where}: {file} is described twice")
        entries[(file, entry)] = _entry(name, f"{where} ({file})", _csv_table(row))
    return ManifestEntry(), entries


def _csv_table(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the tables of the TOML form."""
    table: dict[str, Any] = {}
    for key in META_FIELDS:
        cell: dict[str, Any] = {}
        for part, column in (
            ("value", key),
            ("confidence", f"{key}_confidence"),
            ("note", f"{key}_note"),
            ("after", "date_after" if key == "date" else ""),
            ("before", "date_before" if key == "date" else ""),
        ):
            if row.get(column):
                cell[part] = row[column]
        if cell:
            table[key] = cell
    return table
