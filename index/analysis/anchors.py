"""What a story beat's sentences hold whatever their wording: the quantities they state,
in English (12,000 / twelve thousand / 12k are one value, and 1.2 billion is 1,200 million).
Two sentences that state the same quantity likely tell one beat; two that state
quantities and share none ("8,000 hectares burned" / "a fire in 2022 burned 600")
likely do not.

Rule kept here: pure functions of a sentence's text, no state, no model.
"""

from __future__ import annotations

import re
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


def quantity_terms(text: str) -> dict[str, int]:
    """The sentence's quantities as terms, to be compared as words are: each at three
    significant digits ("40,000" and "forty thousand" are the one term "4e+04") and
    rounded to one ("~9e+01": 87 percent is close to nine in ten)."""
    terms: dict[str, int] = {}
    for value in quantities(text):
        terms[f"{value:.3g}"] = 1
        terms[f"~{value:.1g}"] = 1
    return terms
