"""RSS 0.9x-2.0, RSS 1.0/RDF, Atom 0.3/1.0 and CDF feeds by feedparser: an article per entry.

Rule kept here: nothing is fetched and no entity expands without bound. feedparser
gets the bytes as a stream (a string could be taken for a path or a URL), strips
the DOCTYPE and keeps only entities with literal values, and its expat parser
never loads external entities; a feed whose declared entities would still
expand past a fixed budget is refused before parsing. And no entry that states
anything is dropped: with no text of its own, its title, media, link, id or
stated values stand in (and a note says which); only an empty entry is left out,
counted in one line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import unicodedata
from dataclasses import replace
from typing import Any

from index.errors import ReadError
from index.models import CONFIRMED, SOURCE_FEED
from index.readers.base import Candidate, Extracted, FileContent
from index.readers.fields import normalise_language, parse_iso
from index.readers.htmltext import html_to_text, looks_like_html, media_text
from index.readers.xmlcodec import feed_bytes
from index.textutil import clean_line, clean_text

# Entity declarations feedparser keeps: a literal value with no "&" (so no nesting).
_KEPT_ENTITY = re.compile(rb'<!ENTITY\s+(\w+)\s+"([^&"]*)"')
_MAX_EXPANSION = 16 << 20  # characters that declared entities may add to a feed
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _check_entities(data: bytes) -> None:
    """Refuse a feed whose declared entities would expand into huge text.

    feedparser drops entities built from other entities (the billion-laughs
    chain), so what can still grow is a long literal referenced many times.
    """
    if b"<!ENTITY" not in data:
        return
    total = sum(
        len(value) * data.count(b"&" + name + b";") for name, value in _KEPT_ENTITY.findall(data)
    )
    if total > _MAX_EXPANSION:
        raise ReadError("feed declares entities that would expand into huge text; not read")


def _date(entry: Any) -> tuple[str, str] | None:
    """(ISO date, note) of an entry: published before created before updated.

    The date as written keeps its UTC offset (so the day stays the outlet's
    day); feedparser's UTC reading serves when the written form is unusual.
    """
    for key in ("published", "created", "updated"):
        raw = clean_line(str(entry.get(key) or ""))
        iso = parse_iso(raw) if raw else None
        if iso:
            return iso, f"the entry's {key} date"
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                stamp = dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
            except (TypeError, ValueError, OverflowError, OSError):
                stamp = None
            if stamp is not None:
                return stamp.isoformat(), f"the entry's {key} date (in UTC)"
        if raw:
            return raw, f"the entry's {key} date, as written"
    return None


def _detail_text(detail: Any, fallback: str = "") -> str:
    """Text of a feedparser text construct ({"type": ..., "value": ...})."""
    value = str((detail.get("value") if detail else None) or fallback or "")
    kind = str((detail.get("type") if detail else None) or "").lower()
    if any(kind.startswith(t) for t in _HTML_TYPES) or (not kind and looks_like_html(value)):
        return html_to_text(value)
    return clean_text(value)


def _entry_text(entry: Any) -> str:
    """The fullest text an entry has: any content element, else the summary."""
    texts = [_detail_text(item) for item in entry.get("content", []) or []]
    if entry.get("summary_detail") or not texts:  # else feedparser copied the content there
        texts.append(_detail_text(entry.get("summary_detail"), entry.get("summary", "")))
    return max(texts, key=len, default="")


# RSS 2.0 writes an author as "email (Name)"; feedparser cuts the name wrongly when the
# address's domain ends in a label of more than four letters (".example", ".media")
_EMAIL_THEN_NAME = re.compile(r"^\s*[^\s@()]+@[^\s@()]+\s*\((?P<name>[^()]+)\)\s*$")


def _author(entry: Any) -> str | None:
    stated = clean_line(str(entry.get("author", "") or ""))
    written = _EMAIL_THEN_NAME.match(stated)
    if written:
        return clean_line(written.group("name")) or None
    names = [clean_line(str(a.get("name", ""))) for a in entry.get("authors", []) or []]
    names = [n for n in names if n]
    if names:
        return ", ".join(dict.fromkeys(names))
    return stated or None


# Entry keys that say nothing by themselves, or repeat another key in a richer form.
_QUIET_KEYS = frozenset({"guidislink", "title", "link", "id"})
_STATED_LIMIT = 400  # characters of the line made of an entry's values


def _value_text(value: Any) -> str:
    """A feedparser value as a short string: a dict's or list's strings, in order."""
    if isinstance(value, str):
        return clean_line(value)
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items() if not k.endswith(("_parsed", "_detail"))]
        return ", ".join(t for t in (_value_text(v) for _, v in items) if t)
    if isinstance(value, list | tuple):
        return ", ".join(dict.fromkeys(t for t in (_value_text(v) for v in value) if t))
    return ""


def _stated(entry: Any) -> str:
    """ "author: Jane Doe; tags: Science": what an entry with no text, title or link states."""
    parts: list[str] = []
    for name, value in entry.items():
        if name in _QUIET_KEYS or name.endswith(("_parsed", "_detail")):
            continue
        if name == "summary" and entry.get("content"):
            continue  # feedparser copies the content there
        if name == "links":
            parts.extend(
                f"{link.get('rel') or 'link'} link: {clean_line(str(link.get('href', '')))}"
                for link in value or []
                if isinstance(link, dict) and clean_line(str(link.get("href", "")))
            )
            continue
        shown = _value_text(value)
        if name in ("content", "summary") and shown:
            shown = "markup with no text"  # its text, had it any, would be the article's
        if shown:
            parts.append(f"{name.replace('_', ' ')}: {shown}")
    line = "; ".join(dict.fromkeys(parts))
    return line if len(line) <= _STATED_LIMIT else line[: _STATED_LIMIT - 1] + "…"


def _stand_in(entry: Any, title: str) -> tuple[str, str]:
    """(text, note) for an entry with no text: its title, else its link or id, else its values."""
    if title:
        return title, "entry has no text; its title stands for it"
    markup = [item.get("value", "") for item in entry.get("content", []) or []]
    markup += [entry.get("summary", ""), entry.get("title", "")]
    media = media_text("\n".join(str(m or "") for m in markup))
    if media:
        return media, "entry has no text or title; its media stand for it"
    for name in ("link", "id"):
        value = clean_line(str(entry.get(name, "") or ""))
        if value:
            return value, f"entry has no text or title; its {name} stands for it"
    stated = _stated(entry)
    if stated:
        return stated, "entry has no text, title or link; the values it states stand for it"
    return "", ""


def _entry_source(entry: Any) -> str:
    """The title of the feed an entry says it came from: RSS's `<source>` element, Atom's
    `<source><title>`, as news aggregators name each item's publisher."""
    source = entry.get("source")
    if not isinstance(source, dict):
        return ""
    return clean_line(" ".join(str(source.get("title", "") or "").split()))


def _without_publisher(title: str, outlet: str) -> str:
    """An aggregator's title less the publisher it ends with ("Water advisory lifted -
    Ohio Valley Tribune" from a feed that names the Tribune as the item's source)."""
    if not outlet:
        return title
    for mark in (" - ", " – ", " — ", " | "):
        if title.endswith(mark + outlet) and len(title) > len(mark + outlet):
            return title[: -len(mark + outlet)].rstrip()
    return title


def _entry_article(entry: Any, index: int, feed: Any) -> tuple[Extracted | None, str]:
    title = _detail_text(entry.get("title_detail"), entry.get("title", ""))
    title = " ".join(title.split())
    text = _entry_text(entry)
    note = ""
    if not text:
        text, note = _stand_in(entry, title)
    if not text:
        return None, "nothing in it"
    cands: list[Candidate] = []
    outlet = _entry_source(entry)  # an aggregator's item names its publisher
    title = _without_publisher(title, outlet)
    if title:
        cands.append(Candidate("title", title, SOURCE_FEED, CONFIRMED, "entry title"))
    if outlet:
        cands.append(Candidate("outlet", outlet, SOURCE_FEED, CONFIRMED, "the entry's source"))
    else:
        feed_title = " ".join(_detail_text(feed.get("title_detail"), feed.get("title", "")).split())
        if feed_title:
            cands.append(
                Candidate("outlet", feed_title, SOURCE_FEED, CONFIRMED, "the feed's title")
            )
    date = _date(entry)
    if date:
        cands.append(Candidate("date", date[0], SOURCE_FEED, CONFIRMED, date[1]))
    author = _author(entry)
    if author:
        cands.append(Candidate("author", author, SOURCE_FEED, CONFIRMED, "entry author"))
    language = entry.get("language") or feed.get("language")
    if language:
        lang = normalise_language(clean_line(str(language)))
        cands.append(Candidate("language", lang, SOURCE_FEED, CONFIRMED, "feed language"))
    link = clean_line(str(entry.get("link", "") or ""))
    if link:
        cands.append(Candidate("url", link, SOURCE_FEED, CONFIRMED, "entry link"))
    extra: list[tuple[str, str]] = []
    if entry.get("id") and entry.get("id") != link:
        extra.append(("id", clean_line(str(entry["id"]))))
    tags = [clean_line(str(t.get("term", ""))) for t in entry.get("tags", []) or []]
    if any(tags):
        extra.append(("tags", ", ".join(t for t in tags if t)))
    if note:
        extra.append(("note", note))
    cands = [replace(c, value=unicodedata.normalize("NFC", c.value)) for c in cands]
    text = unicodedata.normalize("NFC", text)  # composed characters; as in web pages
    return Extracted(text=text, entry=index, candidates=tuple(cands), extra=tuple(extra)), ""


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def _reason(exc: object) -> str:
    text = clean_line(str(exc)) or type(exc).__name__
    return text if len(text) <= 80 else text[:79] + "…"


def read_feed(data: bytes) -> FileContent:
    """Every entry of a feed as an article; a feed with no entries gives none and one warning."""
    import feedparser

    _check_entities(data)
    source, recoded = feed_bytes(data)
    try:
        parsed = feedparser.parse(
            io.BytesIO(source), resolve_relative_uris=False, sanitize_html=True
        )
    except Exception as exc:  # feedparser's loose parser has failure modes of its own
        raise ReadError(f"unreadable feed ({_reason(exc)})") from None
    entries = list(parsed.get("entries", []))
    feed = parsed.get("feed", {})
    bozo = bool(parsed.get("bozo"))
    problem = parsed.get("bozo_exception", "") if bozo else ""
    reason = _reason(problem) if bozo else ""
    if not entries:
        if not parsed.get("version") and not feed:
            raise ReadError(f"not a readable feed ({reason or 'no RSS, Atom or RDF content'})")
        if bozo and not parsed.get("version"):
            raise ReadError(f"unreadable feed ({reason})")
        if bozo:  # cut short or broken before its first entry
            raise ReadError(f"ill-formed feed ({reason}); no entries read")
        title = clean_line(str(feed.get("title", "") or ""))
        named = f"feed {title[:60]!r}" if title else "feed"
        return FileContent((), (f"{named} has no entries",))
    articles: list[Extracted] = []
    dropped: list[int] = []
    for index, entry in enumerate(entries):
        article, _ = _entry_article(entry, index, feed)
        if article is None:
            dropped.append(index)
        else:
            articles.append(article)
    if not articles:
        if bozo:
            raise ReadError(f"unreadable feed ({reason}); no entry with anything in it")
        return FileContent((), (f"feed's entries are all empty ({_count(len(dropped), 'entry')})",))
    warnings: list[str] = []
    read = _count(len(articles), "entry")
    if recoded:
        warnings.append(f"{recoded}; {read} read")
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        warnings.append(f"wrong encoding ({reason}); {read} read")
    elif bozo:
        warnings.append(f"ill-formed feed ({reason}); {read} read")
    if dropped:
        where = ", ".join(str(i) for i in dropped[:10]) + (" ..." if len(dropped) > 10 else "")
        warnings.append(
            f"{_count(len(dropped), 'entry')} with nothing in it skipped (entry {where})"
        )
    return FileContent(tuple(articles), tuple(warnings))
