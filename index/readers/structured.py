"""Records: JSON (an object, an array, or a wrapper holding an array), JSONL/NDJSON and CSV/TSV.

Rule kept here: the text of a record is found by key or column name (the fullest
of the content-like keys wins), its metadata by the shared alias table; a bad
record or line is a warning naming its position while the good ones are still read.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Mapping
from typing import Any

from index.errors import ReadError
from index.models import SOURCE_RECORD
from index.readers.base import Extracted, FileContent
from index.readers.fields import TEXT_KEYS, map_fields, normalise_key
from index.readers.htmltext import html_to_text, looks_like_html
from index.textutil import clean_text

WRAPPER_KEYS = ("articles", "items", "data", "results", "entries", "documents", "posts", "stories")
_MAX_LINE_WARNINGS = 5
_TEXT_KEY_SET = frozenset(TEXT_KEYS)
NO_TEXT_KEYS = ", ".join(TEXT_KEYS[:7]) + " ..."


def _text_value(value: Any) -> str:
    """The text held by a value: a string, a {"rendered"/"value"/"text": ...} object, a list."""
    if isinstance(value, str):
        return html_to_text(value) if looks_like_html(value) else clean_text(value)
    if isinstance(value, Mapping):
        for key in ("rendered", "value", "text", "html", "content", "body"):
            if key in value:
                return _text_value(value[key])
        return ""
    if isinstance(value, list):
        parts = [_text_value(item) for item in value[:1000]]
        return "\n\n".join(part for part in parts if part)
    return ""


def record_article(record: Mapping[Any, Any], entry: int | None) -> Extracted | None:
    """The article of one record, or None when no content-like key holds text."""
    best_key: str | None = None
    best_text = ""
    for raw_key, value in record.items():
        key = normalise_key(raw_key)
        if key not in _TEXT_KEY_SET:
            continue
        text = _text_value(value)
        if len(text) > len(best_text):
            best_key, best_text = key, text
    if best_key is None:
        return None
    candidates, extra = map_fields(record, SOURCE_RECORD, skip=frozenset({best_key}))
    return Extracted(text=best_text, entry=entry, candidates=candidates, extra=extra)


def _records_content(
    records: list[tuple[int, Any]], label: str, warnings: list[str], single: bool = False
) -> FileContent:
    articles: list[Extracted] = []
    empty: list[int] = []
    for entry, record in records:
        if not isinstance(record, Mapping):
            warnings.append(f"{label} {entry + 1}: not an object, skipped")
            continue
        article = record_article(record, None if single else entry)
        if article is None:
            empty.append(entry)
        else:
            articles.append(article)
    if empty:
        where = ", ".join(str(e + 1) for e in empty[:10]) + (" ..." if len(empty) > 10 else "")
        noun = label if len(empty) == 1 else f"{label}s"
        warnings.append(f"{len(empty)} {noun} with no text skipped ({label} {where})")
    if not articles:
        if single:
            raise ReadError(f"no article text (expected a key such as {NO_TEXT_KEYS})")
        raise ReadError(f"no article text in {len(records)} {label}s (expected {NO_TEXT_KEYS})")
    return FileContent(tuple(articles), tuple(_cap(warnings)))


def _cap(warnings: list[str]) -> list[str]:
    if len(warnings) <= _MAX_LINE_WARNINGS + 1:
        return warnings
    rest = len(warnings) - _MAX_LINE_WARNINGS
    return [*warnings[:_MAX_LINE_WARNINGS], f"... and {rest} more problems like these"]


def _unwrap(data: Any, depth: int = 0) -> list[Any] | None:
    """The list of records inside a wrapper object ({"articles": [...]}), if any."""
    if isinstance(data, list):
        return data
    if not isinstance(data, Mapping) or depth > 2:
        return None
    keys = {normalise_key(key): key for key in data}
    if _TEXT_KEY_SET & keys.keys():
        return None  # the object is itself an article
    for name in WRAPPER_KEYS:
        if name in keys:
            inner = _unwrap(data[keys[name]], depth + 1)
            if inner is not None:
                return inner
    return None


def read_json(text: str, *, fallback_lines: bool = True) -> FileContent:
    """A JSON document: one article, an array of them, or a wrapper object holding the array."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if fallback_lines and exc.msg == "Extra data":
            return read_jsonl(text, fallback_whole=False)  # JSON Lines saved as .json
        raise ReadError(
            f"invalid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise ReadError("invalid JSON (nested too deeply)") from None
    records = _unwrap(data)
    if records is not None:
        return _records_content(list(enumerate(records)), "item", [])
    if isinstance(data, Mapping):
        return _records_content([(0, data)], "item", [], single=True)
    raise ReadError("JSON holds no article object (a bare string or number)")


def read_jsonl(text: str, *, fallback_whole: bool = True) -> FileContent:
    """JSON Lines: one object per line; `entry` is the 0-based line position."""
    records: list[tuple[int, Any]] = []
    warnings: list[str] = []
    bad = 0
    first_error = ""
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except (json.JSONDecodeError, RecursionError):
            bad += 1
            first_error = first_error or f"line {number + 1}"
            warnings.append(f"line {number + 1}: invalid JSON, skipped")
    if not records:
        if fallback_whole:
            try:
                return read_json(text, fallback_lines=False)  # one JSON document saved as .jsonl
            except ReadError:
                pass
        raise ReadError(f"invalid JSON Lines: no line is valid JSON (first bad: {first_error})")
    if bad > _MAX_LINE_WARNINGS:
        warnings = warnings[: _MAX_LINE_WARNINGS - 1]
        warnings.append(f"{bad - len(warnings)} more lines of invalid JSON skipped")
    return _records_content(records, "line", warnings)


def looks_like_jsonl(text: str) -> bool:
    """Two or more lines that each hold one JSON object."""
    lines = [line for line in text.split("\n", 20)[:20] if line.strip()]
    if len(lines) < 2:
        return False
    for line in lines[:-1]:  # the last of the sample may be cut
        stripped = line.strip()
        if not (stripped.startswith("{") and stripped.endswith("}")):
            return False
        try:
            json.loads(stripped)
        except json.JSONDecodeError:
            return False
    return True


def _dialect(sample: str, tab: bool) -> type[csv.Dialect] | csv.Dialect:
    if tab:
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        header = sample.split("\n", 1)[0]
        best = max(",;\t|", key=header.count)
        dialect = csv.excel()
        dialect.delimiter = best if header.count(best) else ","
        return dialect


def read_csv(text: str, *, tab: bool = False) -> FileContent:
    """CSV/TSV with a header row; the text column is found by its name."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    sample = text[: 1 << 16]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(sample, tab))
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError("empty file") from None
    except csv.Error as exc:
        raise ReadError(f"invalid CSV ({exc})") from None
    names = _unique([name.strip() for name in header])
    if not _TEXT_KEY_SET & {normalise_key(name) for name in names}:
        raise ReadError(f"no text column (expected one of: {NO_TEXT_KEYS})")
    records: list[tuple[int, Any]] = []
    ragged = 0
    warnings: list[str] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                ragged += 1
            record = dict(zip(names, row, strict=False))
            if len(row) > len(names):  # cells past the header kept, not lost
                record["_overflow"] = " | ".join(row[len(names) :])
            records.append((len(records), record))
    except csv.Error as exc:
        warnings.append(f"row {len(records) + 2}: {exc}; the rest of the file was not read")
    if ragged:
        warnings.insert(
            0, f"{ragged} rows with more or fewer fields than the header; read as far as possible"
        )
    if not records:
        raise ReadError("no rows under the header")
    return _records_content(records, "row", warnings)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        name = name or "column"
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if not count else f"{name}_{count + 1}")
    return out
