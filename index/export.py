"""Exports: search results as CSV, JSON or JSONL rows, an article as Markdown with
its metadata as YAML front matter, and the atomic file write every export uses.

Rules kept here: pure functions returning strings (the caller chooses where they
go); article text is untrusted, so CSV cells that a spreadsheet would read as a
formula get a leading apostrophe; a file is written through a temporary file and
`os.replace`, so a crash never leaves half of it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from index.errors import ExplorerError
from index.models import META_FIELDS, Article, SearchResult

EXPORT_FORMATS = ("csv", "json", "jsonl")
ROW_KEYS = (
    "rank", "id", "file", "entry", "score",
    *(key for name in META_FIELDS for key in (name, f"{name}_confidence", f"{name}_source")),
    "date_earliest", "date_latest", "words", "snippet",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UMASK = os.umask(0o022)  # read once, at import (single-threaded), and put back
os.umask(_UMASK)


def export_format(path: Path, chosen: str | None = None) -> str:
    """The format named by `chosen`, else by the file's extension; ExplorerError if neither."""
    if chosen:
        if chosen not in EXPORT_FORMATS:
            raise ExplorerError(f"unknown export format {chosen!r}; use csv, json or jsonl")
        return chosen
    suffix = path.suffix.lower().lstrip(".")
    if suffix in EXPORT_FORMATS:
        return suffix
    raise ExplorerError(
        f"{path}: cannot tell the format from {path.suffix or 'no extension'!r}; "
        "name the file .csv, .json or .jsonl, or give --format"
    )


def result_rows(result: SearchResult, articles: Mapping[str, Article]) -> list[dict[str, Any]]:
    """One flat row per hit: its metadata with each field's confidence and source,
    and the first snippet; `articles` maps ids to articles (the hit's own values
    are used where an article is missing)."""
    rows: list[dict[str, Any]] = []
    for rank, hit in enumerate(result.hits, start=1):
        article = articles.get(hit.id)
        row: dict[str, Any] = {
            "rank": rank,
            "id": hit.id,
            "file": hit.file,
            "entry": hit.entry,
            "score": round(hit.score, 4),
        }
        for name in META_FIELDS:
            confidence: str | None
            source: str | None
            if article is not None:
                field = article.meta.field(name)
                value, confidence, source = field.value, field.confidence, field.source
            else:
                value = getattr(hit, name, None)
                confidence = hit.date_confidence if name == "date" else None
                source = None
            row[name], row[f"{name}_confidence"], row[f"{name}_source"] = value, confidence, source
        row["date_earliest"] = article.meta.date_earliest if article else None
        row["date_latest"] = article.meta.date_latest if article else None
        row["words"] = article.words if article else None
        row["snippet"] = " ".join(hit.fragments[0].text.split()) if hit.fragments else None
        rows.append(row)
    return rows


def _cell(value: Any) -> str:
    """A CSV cell: empty for null; text a spreadsheet would run as a formula gets a `'`."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def rows_to_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV with a header row, every cell quoted where needed, CRLF line ends
    (the dialect spreadsheets expect). Prefix a BOM when writing for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel")
    writer.writerow(ROW_KEYS)
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key in ROW_KEYS])
    return out.getvalue()


def rows_to_json(
    rows: Sequence[Mapping[str, Any]], result: SearchResult, corpus: str, exported: str
) -> str:
    """The JSON file: the query and its totals, then the rows (schemas/export.schema.json)."""
    data = {
        "query": result.query,
        "corpus": corpus,
        "exported": exported,
        "total": result.total,
        "notice": result.notice,
        "rows": list(rows),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rows_to_jsonl(rows: Iterable[Mapping[str, Any]]) -> str:
    """One JSON object per line (schemas/export-row.schema.json), nothing else."""
    return "".join(json.dumps(dict(row), ensure_ascii=False) + "\n" for row in rows)


def render_rows(
    fmt: str, rows: Sequence[Mapping[str, Any]], result: SearchResult, corpus: str, exported: str
) -> str:
    if fmt == "csv":
        return "\ufeff" + rows_to_csv(rows)  # the BOM tells Excel the file is UTF-8
    if fmt == "json":
        return rows_to_json(rows, result, corpus, exported)
    if fmt == "jsonl":
        return rows_to_jsonl(rows)
    raise ExplorerError(f"unknown export format {fmt!r}; use csv, json or jsonl")


def _front_matter(article: Article) -> dict[str, Any]:
    meta = article.meta
    data: dict[str, Any] = {name: meta.field(name).value for name in META_FIELDS}
    data.update(id=article.id, file=article.file, entry=article.entry, words=article.words)
    if meta.date_earliest or meta.date_latest:
        data["date_earliest"], data["date_latest"] = meta.date_earliest, meta.date_latest
    data["metadata"] = {
        name: {
            "confidence": meta.field(name).confidence,
            "source": meta.field(name).source,
            **({"note": meta.field(name).note} if meta.field(name).note else {}),
        }
        for name in META_FIELDS
    }
    if meta.extra:
        data["extra"] = dict(meta.extra)
    return data


def _markdown_text(text: str) -> str:
    """The article's text as Markdown that renders as the words written: characters
    that would start markup (HTML, headings, lists, emphasis) are escaped, and each
    line becomes a paragraph."""
    out: list[str] = []
    for line in (raw for raw in text.split("\n") if raw.strip()):
        line = line.replace("\\", "\\\\")
        for char in "<>*_`[]":
            line = line.replace(char, "\\" + char)
        stripped = line.lstrip()
        if stripped[:1] in ("#", "+", "-", "=", "|", "~") or stripped[:1].isdigit():
            indent = len(line) - len(stripped)
            if stripped[:1].isdigit():
                digits = len(stripped) - len(stripped.lstrip("0123456789"))
                if stripped[digits : digits + 1] in (".", ")"):
                    stripped = stripped[:digits] + "\\" + stripped[digits:]
            else:
                stripped = "\\" + stripped
            line = line[:indent] + stripped
        out.append(line)
    return "\n\n".join(out)  # each line of the text a paragraph of its own


def article_markdown(article: Article) -> str:
    """The article as Markdown: YAML front matter (values, confidence, sources), a
    heading with its title, then its text escaped so it reads as written."""
    front = yaml.safe_dump(
        _front_matter(article), allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    title = _markdown_text(" ".join(article.display_title.split()))
    return f"---\n{front}---\n\n# {title}\n\n{_markdown_text(article.text).rstrip()}\n"


def default_export_folder(corpus_root: Path) -> Path:
    """Where the app suggests writing: the working folder, unless that is inside the
    corpus (never write into a corpus unprompted), then the home folder."""
    here = Path.cwd().resolve()
    root = Path(corpus_root).resolve()
    return Path.home() if here == root or here.is_relative_to(root) else here


def write_atomic(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path` through a temporary file in the same folder and
    `os.replace`: readers see the old file or the whole new one. Raises ExplorerError
    with a one-line reason (a folder, a missing folder, no permission)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExplorerError(f"{target}: is a folder; give a file name to write")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExplorerError(f"{target}: folder {folder} does not exist; create it first")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExplorerError(f"{target}: cannot write here ({exc.strerror or exc})") from exc
    try:
        # mkstemp makes the file private; an export gets the usual permissions
        os.chmod(temp, (target.stat().st_mode & 0o777) if target.exists() else 0o666 & ~_UMASK)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ExplorerError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
