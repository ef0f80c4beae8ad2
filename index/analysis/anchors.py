"""What a story beat's sentences hold whatever their wording: the quantities they state,
in English (12,000 / twelve thousand / 12k are one value, and 1.2 billion is 1,200 million),
and the times they name: years, and days of the year ("June 30", "30th June": a date,
not the number 30, so "until June 30" and "30 days to appeal" share nothing).
Two sentences that state the same quantity likely tell one beat; two that state
amounts and share none ("8,000 hectares burned" / "a fire burned 600") likely do not.
Times do not count against a pair ("since 2021" and "in four years" can be one fact),
nor do small counts, which tell a beat only with what they count ("three hospitals" is
not "three years").

Rule kept here: pure functions of a sentence's text, no state, no model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

# fmt: off
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
# fmt: on
_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"|(?P<words>(?:{_WORDS})(?:[- ](?:{_WORDS}))?))"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?",
    re.IGNORECASE,
)
_MONTH = (
    r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<{0}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# "June 30", "30 June", "30th of June"; a capital month name, so "may" the verb is no month
_DATE = re.compile(
    rf"\b(?:{_MONTH.format('m1')}\s+{_DAY.format('d1')}|{_DAY.format('d2')}\s+(?:of\s+)?"
    rf"{_MONTH.format('m2')})(?![\w:])"
)
_YEAR = re.compile(r"(?<![\w.,$£€¥])(?:1[89]|20)\d\d(?!\w|[.,]\d)")  # a time, not an amount
_FEW = 10  # a count below this says which beat only with what it counts
_COUNTED = re.compile(r"[\s-]+(?:of\s+)?([A-Za-z]+)")  # "three hospitals", "five-year"
# opens a term that joins two sentences when both hold it and never counts against them:
# a time (a year, a day of the year) and a small count with what it counts
SOFT = "@"
_SMALL = 2  # values up to this ("one of", "a couple") say nothing of which beat


def _value(match: re.Match[str]) -> float | None:
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
    else:
        parts = re.split(r"[- ]", match.group("words").lower())
        value = float(sum(_UNITS[p] for p in parts))
    if match.group("scale"):
        value *= _SCALES[match.group("scale").lower()]
    return value


_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", _NUMBER.pattern)
_SHARE = re.compile(rf"{_PLAIN}\s+(?:in|out of)\s+{_PLAIN}", re.IGNORECASE)  # "nine in ten"


@lru_cache(maxsize=1 << 16)  # bounded: a long session reads many corpora
def quantities(text: str) -> frozenset[float]:
    """The values a sentence states, past `_SMALL` ("one of" is no quantity); "nine in
    ten" is the share 90 (percent)."""
    found = set()
    for share in _SHARE.finditer(text):
        part, whole = (_value(m) for m in _NUMBER.finditer(share.group()))
        if part is not None and whole and part < whole <= 100:
            found.add(round(100 * part / whole, 1))
        text = text.replace(share.group(), " ")
    for match in _NUMBER.finditer(text):
        value = _value(match)
        if value is not None and value > _SMALL:
            found.add(value)
    return frozenset(found)


def _dates(text: str) -> tuple[str, list[str]]:
    """The text with its days of the year blanked out, and their terms ("@jun-30")."""
    found: list[str] = []

    def blank(match: re.Match[str]) -> str:
        month = (match.group("m1") or match.group("m2"))[:3].lower()
        day = int(match.group("d1") or match.group("d2"))
        found.append(f"{SOFT}{month}-{day}")
        return " "

    return _DATE.sub(blank, text), found


def quantity_terms(text: str) -> dict[str, int]:
    """The sentence's quantities as terms, to be compared as words are: each at three
    significant digits ("40,000" and "forty thousand" are the one term "4e+04") and
    rounded to one ("~9e+01": 87 percent is close to nine in ten). A time, and a count
    below _FEW with the word after it, is one exact term opening with SOFT: a day of the
    year ("@jun-30"), a year ("@2021"), "@3 hospital" (not "@3 year")."""
    text, days = _dates(text)
    terms: dict[str, int] = dict.fromkeys(days, 1)
    for year in _YEAR.findall(text):
        terms[f"{SOFT}{year}"] = 1
    text = _YEAR.sub(" ", text)
    for value in quantities(text):
        if value >= _FEW:
            terms[f"{value:.3g}"] = 1
            terms[f"~{value:.1g}"] = 1
    for match in _NUMBER.finditer(_SHARE.sub(" ", text)):
        small = _value(match)
        if small is not None and _SMALL < small < _FEW and not match.group("scale"):
            counted = _COUNTED.match(match.string, match.end())
            thing = counted.group(1).lower().removesuffix("s") if counted else ""
            terms[f"{SOFT}{small:.0f} {thing}"] = 1
    return terms


def states_amounts(terms: Mapping[str, float]) -> bool:
    """Whether a sentence's quantity terms hold an amount, not only times and small
    counts (terms opening with SOFT)."""
    return any(not term.startswith(SOFT) for term in terms)
