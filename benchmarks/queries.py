"""The benchmark queries, per class, chosen from the corpus itself so every one
finds articles: common and rare words, the prefixes of a few words as typed,
phrases, boolean, outlet:, date ranges and CJK. Shared by bench_query and
bench_keystroke so both measure the same queries.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass

from benchmarks.corpus import JA, SEED

# Words people type letter by letter: real words of the generator's vocabulary.
TYPED = ("superintelligence", "negotiations", "government", "investigation", "regulators",
         "parliament", "championship", "reconstruction", "surveillance", "whistleblower")  # fmt: skip
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Query:
    cls: str  # the query class ("common word", "prefix 3", ...)
    text: str  # explorer's query syntax
    fts: str | None  # an FTS5 MATCH expression, or None (no MATCH)
    fts_where: str = ""  # an SQL condition on the FTS table's unindexed columns


def english_sample(texts: list[str]) -> tuple[Counter[str], list[list[str]]]:
    counts: Counter[str] = Counter()
    sentences: list[list[str]] = []
    for text in texts:
        for sentence in text.split("."):
            words = _WORD.findall(sentence.lower())
            counts.update(words)
            if len(words) > 3:
                sentences.append(words)
    return counts, sentences


def build_queries(english_texts: list[str], per_class: int = 6) -> list[Query]:
    """Queries for each class, deterministic for a given sample of English article texts."""
    rng = random.Random(SEED)
    counts, sentences = english_sample(english_texts)
    ranked = [w for w, _n in counts.most_common() if len(w) >= 4]
    common = ranked[5 : 5 + 40]
    rare = [w for w, n in counts.items() if n == 1 and len(w) >= 7]
    rare.sort()
    queries: list[Query] = []
    for word in rng.sample(common, per_class):
        queries.append(Query("common word", word, f'"{word}"'))
    for word in rng.sample(rare, min(per_class, len(rare))):
        queries.append(Query("rare word", word, f'"{word}"'))
    for length in range(1, 9):
        for word in TYPED[:per_class]:
            prefix = word[:length]
            queries.append(Query(f"prefix {length}", prefix, f'"{prefix}"*'))
    # phrases: word pairs and triples that occur, of content words
    content = set(ranked[:3000]) - set(ranked[:5])
    made = 0
    for words in rng.sample(sentences, min(len(sentences), 400)):
        if made >= per_class:
            break
        for i in range(len(words) - 2):
            pair = words[i : i + 2 + made % 2]
            if all(w in content for w in pair):
                phrase = " ".join(pair)
                queries.append(Query("phrase", f'"{phrase}"', f'"{phrase}"'))
                made += 1
                break
    for i in range(per_class):
        a, b = rng.sample(common, 2)
        op = ("AND", "OR", "NOT")[i % 3]
        queries.append(Query("boolean", f"{a} {op} {b}", f'"{a}" {op} "{b}"'))
    for i, (outlet_word, word) in enumerate(zip(("herald", "gazette", "courier", "post", "tribune",
                                                 "observer"), common, strict=False)):  # fmt: skip
        if i >= per_class:
            break
        text = f"outlet:{outlet_word}" if i % 2 == 0 else f"outlet:{outlet_word} {word}"
        fts = f"outlet:{outlet_word}" if i % 2 == 0 else f'outlet:{outlet_word} AND "{word}"'
        queries.append(Query("outlet", text, fts))
    for i in range(per_class):
        month = 1 + i % 6
        low, high = f"2025-{month:02}-01", f"2025-{month:02}-{10 + i:02}"
        where = f"day BETWEEN '{low}' AND '{high}'"
        if i % 2 == 0:
            queries.append(Query("date range", f"date:{low}..{high}", None, where))
        else:
            word = common[i]
            queries.append(Query("date range", f"{word} date:{low}..{high}", f'"{word}"', where))
    for word in JA[: per_class * 3 : 3]:
        queries.append(Query("CJK", word, None, f"body LIKE '%{word}%'"))
    return queries


def typed_words(per_class: int = 6) -> tuple[str, ...]:
    return TYPED[:per_class]
