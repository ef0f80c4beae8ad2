"""Mapping the keys a file uses (front matter, JSON objects, CSV columns) to metadata fields.

Rule kept here: one table of aliases for every keyed format; a value becomes a
`Candidate` exactly as the file states it (cleaned for display, dates put in ISO
form only when that is certain), and every key no field takes is kept in `extra`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import re
from collections.abc import Mapping
from typing import Any

from index.models import CONFIRMED, INFERRED
from index.readers.base import Candidate
from index.textutil import clean_line, clean_text

# Field -> keys, best first (a few German and French names too, for hand-made exports).
# Keys are compared after `normalise_key`.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "titel", "titre"),
    "outlet": (
        "outlet",
        "source",
        "publisher",
        "publication",
        "site",
        "site_name",
        "sitename",
        "source_name",
        "quelle",
        "medium",
    ),
    "url": ("url", "link", "canonical", "canonical_url", "permalink", "source_url"),
    "date": (
        "date",
        "published",
        "published_at",
        "pubdate",
        "pub_date",
        "date_published",
        "publish_date",
        "publication_date",
        "created",
        "created_at",
        "date_created",
        "updated",
        "updated_at",
        "modified",
        "date_modified",
        "datum",
    ),
    "author": ("author", "authors", "byline", "by", "creator", "writer", "autor", "auteur"),
    "language": ("language", "lang", "locale", "language_code", "sprache", "langue"),
}
# Dates that say when a text changed, not when it appeared: used only when nothing else is given.
LATE_DATE_KEYS = frozenset({"updated", "updated_at", "modified", "date_modified"})
# Keys that may hold the article text, in the order that breaks ties of equal length.
TEXT_KEYS: tuple[str, ...] = (
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "maintext",
    "article_text",
    "article_body",
    "description",
    "summary",
    "excerpt",
    "abstract",
    "inhalt",
    "texte",
)
_KEY_OF_FIELD = {key: name for name, keys in FIELD_ALIASES.items() for key in keys}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_EXTRA_LIMIT = 2000  # characters of one extra value; nested data is cut there


def normalise_key(key: object) -> str:
    """`publishedAt`, `Published-At` and `published at` all become `published_at`."""
    text = _CAMEL.sub("_", str(key).strip())
    return re.sub(r"[\s\-.]+", "_", text).lower()


def flatten(value: Any, limit: int = _EXTRA_LIMIT) -> str:
    """A short readable string of any parsed value, never longer than about `limit`.

    Walks nested lists and mappings with a budget, so YAML alias bombs or huge
    records cannot blow up into gigabytes of text.
    """
    out: list[str] = []
    budget = [limit]

    def emit(piece: str) -> bool:
        if budget[0] <= 0:
            return False
        out.append(piece[: budget[0]])
        budget[0] -= len(piece)
        return budget[0] > 0

    def walk(item: Any, depth: int) -> bool:
        if depth > 20:
            return emit("…")
        if isinstance(item, Mapping):
            if not emit("{"):
                return False
            for i, (key, val) in enumerate(item.items()):
                if (i and not emit(", ")) or not emit(f"{key}: ") or not walk(val, depth + 1):
                    return False
            return emit("}")
        if isinstance(item, list | tuple | set):
            if not emit("["):
                return False
            for i, val in enumerate(item):
                if (i and not emit(", ")) or not walk(val, depth + 1):
                    return False
            return emit("]")
        if isinstance(item, dt.datetime | dt.date):
            return emit(item.isoformat())
        return emit(str(item))

    walk(value, 0)
    text = "".join(out)
    return text + ("…" if budget[0] <= 0 else "")


def scalar_text(value: Any) -> str | None:
    """A field value as one string: names of dicts, lists joined with ", "; None if empty."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        for key in ("name", "title", "value", "rendered", "text", "href", "url", "#text"):
            if key in value:
                return scalar_text(value[key])
        return None
    if isinstance(value, list | tuple):
        parts = [part for part in (scalar_text(item) for item in value[:50]) if part]
        return ", ".join(dict.fromkeys(parts)) or None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = clean_line(flatten(value))
    return text or None


def iso_date(value: Any) -> str | None:
    """A date value in ISO form when that is cheap and certain, else the string as given."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value) / (1000 if value > 1e11 else 1)
        if 6e8 < seconds < 4.2e9:  # 1989 .. 2103: a Unix timestamp, not a year or a count
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).isoformat()
        return str(value)
    text = scalar_text(value)
    if not text:
        return None
    return parse_iso(text) or text


def parse_iso(text: str) -> str | None:
    """An ISO 8601 or RFC 822 date string in ISO form (offset kept), or None."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)  # RFC 822 dates of feeds and mail
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat() if parsed is not None else None


def normalise_language(value: str) -> str:
    """`en_us` -> `en-US`, `DE` -> `de`, `zh-hant-tw` -> `zh-Hant-TW`; other values as given."""
    parts = re.split(r"[-_]", value.strip())
    if not parts or not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return value.strip()
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part)
    return "-".join(out)


def field_candidate(name: str, value: Any, source: str, key: str) -> Candidate | None:
    """One candidate for field `name` from the value a file gives under `key`."""
    text = iso_date(value) if name == "date" else scalar_text(value)
    if not text:
        return None
    if name == "language":
        text = normalise_language(text)
    note = f"key {key!r}"
    if name == "date" and normalise_key(key) in LATE_DATE_KEYS:
        return Candidate(name, text, source, INFERRED, f"{note}: when it was last changed")
    return Candidate(name, text, source, CONFIRMED, note)


def map_fields(
    record: Mapping[Any, Any], source: str, skip: frozenset[str] = frozenset()
) -> tuple[tuple[Candidate, ...], tuple[tuple[str, str], ...]]:
    """Candidates for the fields a record names, best alias first, and the other keys as extra.

    Keys in `skip` (normalised) are left out entirely (the text key, for instance).
    """
    best: dict[str, tuple[int, str, Any, Candidate]] = {}
    extra: list[tuple[str, str]] = []
    for raw_key, value in record.items():
        key = normalise_key(raw_key)
        if key in skip:
            continue
        name = _KEY_OF_FIELD.get(key)
        candidate = field_candidate(name, value, source, str(raw_key)) if name else None
        if name and candidate:
            rank = FIELD_ALIASES[name].index(key)
            if name not in best:
                best[name] = (rank, str(raw_key), value, candidate)
                continue
            if rank < best[name][0]:
                _, old_key, old_value, _ = best[name]
                best[name] = (rank, str(raw_key), value, candidate)
                raw_key, value = old_key, old_value
        if value is None or value == "" or value == [] or value == {}:
            continue
        extra.append(_extra_pair(str(raw_key), value))
    candidates = tuple(best[name][3] for name in FIELD_ALIASES if name in best)
    return candidates, tuple(extra)


def _extra_pair(key: str, value: Any) -> tuple[str, str]:
    text = flatten(value)
    if isinstance(value, Mapping | list | tuple) and not text.endswith("…"):
        # Small enough to print in full: JSON reads better than Python's repr.
        with contextlib.suppress(TypeError, ValueError, RecursionError):
            text = json.dumps(value, ensure_ascii=False, default=str)
    return clean_line(key), clean_text(text)
