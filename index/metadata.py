"""Settling an article's metadata: pick among the values its sources state and
infer what none states (dates from URLs and text, outlet from the URL's host,
language by detection).

Rule kept here: every value says where it came from and how sure we are;
a stated value always beats an inferred one, and nothing is invented when
there is no evidence (the field stays unknown).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from index.models import (
    CONFIRMED,
    INFERRED,
    META_FIELDS,
    SOURCE_DETECTED,
    SOURCE_FEED,
    SOURCE_FRONT_MATTER,
    SOURCE_HTML,
    SOURCE_MANIFEST,
    SOURCE_RECORD,
    SOURCE_TEXT,
    SOURCE_URL,
    UNKNOWN,
    Metadata,
    MetaField,
)
from index.readers.base import Candidate

# Lower rank wins. A file's own statements share one rank: a file has one kind.
_SOURCE_RANK = {
    SOURCE_MANIFEST: 0,
    SOURCE_FRONT_MATTER: 1,
    SOURCE_HTML: 1,
    SOURCE_FEED: 1,
    SOURCE_RECORD: 1,
    SOURCE_URL: 2,
    SOURCE_TEXT: 3,
    SOURCE_DETECTED: 4,
}
_CONFIDENCE_RANK = {CONFIRMED: 0, INFERRED: 1}

_EARLIEST_YEAR = 1990
_MIN_WORDS_FOR_DETECTION = 12

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_TEXT_DATE_PATTERNS = (
    # July 15, 2025 / Jul. 15 2025: any word in the month's place, a month name checked
    # after (`_names_a_month`); the names as alternatives cost ~300 µs an article
    re.compile(r"\b(?P<month>[^\W\d_]{3,10})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
               r"(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE),
    # 15 July 2025 / 15. Juli 2025 / 15 juillet 2025
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?P<month>{_MONTH_RE})"
               r"\.?\s+(?:de\s+)?(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE),
    # 2025-07-15
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    # 15.07.2025
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b"),
)  # fmt: skip
_URL_DATE_PATTERNS = (
    (re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_.?-]|$)"), "day"),
    (re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.?-]|$)"), "day"),
    (re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/"), "month"),
)
_DIGIT_RUN = re.compile(r"(?<!\d)(\d{10,19})(?!\d)")
_NAME = r"[A-ZÀ-ÝĀ-Ž][\w'’.-]+(?:\s+[A-ZÀ-ÝĀ-Ž][\w'’.-]+){0,3}"
_BYLINE = re.compile(
    rf"^\s*(?i:by|von|par|por|di|door)\s+(?P<name>{_NAME}"
    rf"(?:\s+(?i:and|und|et|y|e|en)\s+{_NAME})?)(?:\s*[,|·•–-].*)?$"
)
# Names of languages and ISO 639-2/3 codes people write instead of ISO 639-1.
_LANGUAGE_NAMES = {
    "english": "en", "eng": "en", "german": "de", "deutsch": "de", "deu": "de", "ger": "de",
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
    "spanish": "es", "español": "es", "spa": "es", "italian": "it", "italiano": "it",
    "ita": "it", "portuguese": "pt", "português": "pt", "por": "pt", "dutch": "nl",
    "nederlands": "nl", "nld": "nl", "dut": "nl", "japanese": "ja", "日本語": "ja", "jpn": "ja",
    "chinese": "zh", "中文": "zh", "zho": "zh", "chi": "zh", "russian": "ru", "русский": "ru",
    "rus": "ru", "arabic": "ar", "ara": "ar", "korean": "ko", "한국어": "ko", "kor": "ko",
    "polish": "pl", "polski": "pl", "pol": "pl", "turkish": "tr", "türkçe": "tr", "tur": "tr",
    "swedish": "sv", "svenska": "sv", "swe": "sv", "ukrainian": "uk", "ukr": "uk",
}  # fmt: skip
# Dates from a number in the URL that disagree with a date in the text by more
# than this are taken for an id that merely looks like a time.
_TIMESTAMP_TOLERANCE = dt.timedelta(days=3)
_TIMESTAMP_NOTE = "Unix time"


def resolve(
    candidates: Iterable[Candidate],
    text: str,
    *,
    date_earliest: str | None = None,
    date_latest: str | None = None,
    extra: tuple[tuple[str, str], ...] = (),
    unknown_notes: Iterable[tuple[str, str]] = (),
    context: str | None = None,
    today: dt.date | None = None,
) -> tuple[Metadata, list[str]]:
    """Metadata from stated candidates plus inference; and warnings worth one line each.

    Priority: manifest > the file's own statements > URL > text > detection;
    within one source a confirmed value beats an inferred one. `context` is the
    text dates and bylines are looked for in (the raw text, chrome and all),
    `text` the article's body. `unknown_notes` (field, note) explain fields that
    stay unknown. Inferred dates outside the bounds are dropped.
    """
    today = today or dt.datetime.now(dt.UTC).date()
    warnings: list[str] = []
    pool: list[Candidate] = []
    for cand in candidates:
        if cand.field == "date":
            checked = _checked_date(cand, today, warnings)
            if checked is not None:
                pool.append(checked)
        elif cand.field in META_FIELDS and cand.value.strip():
            pool.append(cand)
    url = _best(pool, "url")
    if url is not None:
        pool.extend(infer_from_url(url.value, today))
    pool.extend(infer_from_text(text if context is None else context))
    pool = _consistent_dates(pool, date_earliest, date_latest, warnings)
    if not any(c.field == "language" for c in pool):
        detected = detect_language(text)
        if detected:
            pool.append(detected)
    notes = dict(unknown_notes)
    fields: dict[str, MetaField] = {}
    for name in META_FIELDS:
        best = _best(pool, name)
        if best is None:
            note = notes.get(name, "")
            fields[name] = (
                MetaField(None, SOURCE_MANIFEST, UNKNOWN, note) if note else MetaField.unknown()
            )
        else:
            value = normalise_language(best.value) if name == "language" else best.value
            fields[name] = MetaField(value, best.source, best.confidence, best.note)
    return (
        Metadata(**fields, date_earliest=date_earliest, date_latest=date_latest, extra=extra),
        warnings,
    )


def _best(pool: list[Candidate], name: str) -> Candidate | None:
    found = [c for c in pool if c.field == name]
    if not found:
        return None
    return min(
        found,
        key=lambda c: (_SOURCE_RANK.get(c.source, 5), _CONFIDENCE_RANK.get(c.confidence, 2)),
    )


def _consistent_dates(
    pool: list[Candidate], earliest: str | None, latest: str | None, warnings: list[str]
) -> list[Candidate]:
    """Drop inferred dates outside the known bounds, and a URL number read as a time
    when the text states another day; warn of a stated date outside the bounds."""
    text_days = [c.value[:10] for c in pool if c.field == "date" and c.source == SOURCE_TEXT]
    kept: list[Candidate] = []
    for cand in pool:
        if cand.field != "date":
            kept.append(cand)
            continue
        day = cand.value[:10]
        inside = _within(cand.value, earliest, latest)
        if not inside:
            if cand.confidence == CONFIRMED:
                warnings.append(
                    f"date {cand.value} ({cand.source}) lies outside the bounds "
                    f"{earliest or '…'}..{latest or '…'}; kept as stated"
                )
                kept.append(cand)
            continue
        if cand.source == SOURCE_URL and _TIMESTAMP_NOTE in cand.note and text_days:
            gap = abs(dt.date.fromisoformat(day) - dt.date.fromisoformat(text_days[0]))
            if gap > _TIMESTAMP_TOLERANCE:
                continue
        kept.append(cand)
    return kept


def _within(value: str, earliest: str | None, latest: str | None) -> bool:
    """Whether a date (or a month, "2025-07") can lie between the bounds."""
    size = 7 if len(value) == 7 else 10
    return (earliest is None or value[:size] >= earliest[:size]) and (
        latest is None or value[:size] <= latest[:size]
    )


def _checked_date(cand: Candidate, today: dt.date, warnings: list[str]) -> Candidate | None:
    iso = parse_date(cand.value)
    if iso is None:
        warnings.append(f"date {cand.value!r} ({cand.source}) is not a valid date; ignored")
        return None
    note = cand.note
    first_day = iso[:10] if len(iso) >= 10 else iso[:7] + "-01"
    if dt.date.fromisoformat(first_day) > today:
        warnings.append(f"date {iso} ({cand.source}) lies in the future; kept as stated")
        note = (note + "; " if note else "") + "in the future"
    return Candidate("date", iso, cand.source, cand.confidence, note)


def parse_date(value: str) -> str | None:
    """An ISO 8601 date or datetime for a written date, or None if it is not a real date."""
    value = value.strip()
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date.fromisoformat(value + "-01").isoformat()[:7]
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]\d", value):
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return _iso_datetime(parsed)
    except ValueError:
        return None
    for pattern in _TEXT_DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match and _names_a_month(match):
            day = _date_from_match(match)
            return day.isoformat() if day else None
    year = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", value)
    if year is None or not re.search(r"\d", value[: year.start()] + value[year.end() :]):
        return None  # a full date needs a year and a day; "July" or "2025" alone is not one
    try:
        from dateutil import parser as dateparser

        parsed = dateparser.parse(value, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.tzinfo is None and parsed.time() == dt.time():
        return parsed.date().isoformat()
    return _iso_datetime(parsed)


def _iso_datetime(value: dt.datetime) -> str:
    if value.tzinfo is not None and value.utcoffset() == dt.timedelta(0):
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def _names_a_month(match: re.Match[str]) -> bool:
    """Whether a date pattern's match has a month in the month's place (a number, or a
    month's name where the pattern takes any word)."""
    month = match.group("month")
    return month.isdigit() or month.lower() in MONTHS


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
    if month is None:
        return None
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


def outlet_from_host(url: str) -> str | None:
    """The site's registrable host (public suffix list): "www.newsbytesapp.com" ->
    "newsbytesapp.com", "news.bbc.co.uk" -> "bbc.co.uk"; None for IPs and bare hosts."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    if "." not in host or re.fullmatch(r"[\d.]+|[\da-f:]+", host):
        return None
    return _registrable(host) or host


def _registrable(host: str) -> str | None:
    """The public suffix list's registrable domain of `host`, private suffixes included
    ("x.blogspot.com" is a site of its own). A punycode host is looked up in Unicode and
    named in punycode, as the URL wrote it (a Unicode name can pass for another site)."""
    suffixes = _suffix_list()
    if "xn--" not in host:
        found = suffixes.privatesuffix(host)
        return str(found) if found else None
    try:
        found = suffixes.privatesuffix(host.encode("ascii").decode("idna"))
        return found.encode("idna").decode("ascii") if found else None
    except UnicodeError:
        return None


@functools.cache
def _suffix_list() -> Any:
    """The list shipped with `publicsuffixlist`, parsed once (~50 ms; its punycode copy
    of every rule would double that, so punycode hosts are decoded instead)."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(accept_encoded_idn=False)


def infer_from_url(url: str, today: dt.date | None = None) -> list[Candidate]:
    """Outlet from the host; a date from the path or from a Unix timestamp in an id."""
    found: list[Candidate] = []
    host = outlet_from_host(url)
    if host:
        found.append(Candidate("outlet", host, SOURCE_URL, INFERRED, "the URL's host"))
    try:
        path = urlsplit(url).path + "?" + urlsplit(url).query
    except ValueError:
        return found
    for pattern, precision in _URL_DATE_PATTERNS:
        match = pattern.search(path)
        if not match:
            continue
        year, month = int(match.group(1)), int(match.group(2))
        try:
            if precision == "day":
                day = dt.date(year, month, int(match.group(3)))
                found.append(
                    Candidate("date", day.isoformat(), SOURCE_URL, INFERRED, "a date in the URL")
                )
            else:
                dt.date(year, month, 1)
                found.append(
                    Candidate("date", f"{year:04d}-{month:02d}", SOURCE_URL, INFERRED,
                              "a year and month in the URL (the day is not known)")
                )  # fmt: skip
            return found
        except ValueError:
            return found  # a date-shaped path that is no real date: no date at all
    stamp = _timestamp(path, today)
    if stamp is not None:
        digits, moment = stamp
        found.append(
            Candidate("date", _iso_datetime(moment), SOURCE_URL, INFERRED,
                      f"the number {digits} in the URL read as a Unix timestamp "
                      f"({_TIMESTAMP_NOTE} {int(moment.timestamp())} from its first ten digits)")
        )  # fmt: skip
    return found


def timestamp_in(text: str, today: dt.date | None = None) -> dt.datetime | None:
    """The UTC time of the first run of 10+ digits whose first ten digits are a Unix
    time (seconds) between 2000 and the end of today: 10 digits are seconds, 13
    milliseconds, a longer run an id that starts with the time."""
    found = _timestamp(text, today)
    return found[1] if found else None


def _timestamp(text: str, today: dt.date | None = None) -> tuple[str, dt.datetime] | None:
    """`timestamp_in`, with the digits it was read from."""
    today = today or dt.datetime.now(dt.UTC).date()
    low = dt.datetime(2000, 1, 1, tzinfo=dt.UTC).timestamp()
    high = dt.datetime.combine(today, dt.time(), dt.UTC).timestamp() + 86400
    for match in _DIGIT_RUN.finditer(text):
        seconds = int(match.group(1)[:10])
        if low <= seconds <= high:
            return match.group(1), dt.datetime.fromtimestamp(seconds, dt.UTC)
    return None


def infer_from_text(text: str) -> list[Candidate]:
    """A date written near the top of the text, and a "By Name" byline."""
    found: list[Candidate] = []
    head = text[:800]
    for pattern in _TEXT_DATE_PATTERNS:
        match = next(filter(_names_a_month, pattern.finditer(head)), None)
        if match:
            day = _date_from_match(match)
            if day and day.year >= _EARLIEST_YEAR:
                found.append(
                    Candidate("date", day.isoformat(), SOURCE_TEXT, INFERRED,
                              f"a date written in the text ({match.group(0)!r})")
                )  # fmt: skip
                break
    for line in head.splitlines()[:8]:
        match = _BYLINE.match(line)
        if match:
            found.append(
                Candidate("author", match.group("name"), SOURCE_TEXT, INFERRED, "a byline")
            )
            break
    return found


def detect_language(text: str) -> Candidate | None:
    """The text's language by py3langid, or None when the text is too short to tell."""
    sample = text[:5000]
    cjk = sum(1 for ch in sample if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    if len(sample.split()) < _MIN_WORDS_FOR_DETECTION and cjk < 20:
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    return Candidate("language", str(code), SOURCE_DETECTED, INFERRED, "detected from the text")


def normalise_language(value: str) -> str:
    """ISO 639-1 lower case: "en-US" -> "en", "DE_de" -> "de", "German"/"deu" -> "de"."""
    text = value.strip().casefold()
    if text in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text]
    code = re.split(r"[-_ ]", text, maxsplit=1)[0]
    return _LANGUAGE_NAMES.get(code, code) or value
