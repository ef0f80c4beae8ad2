"""A deterministic synthetic corpus: Zipf-distributed words, log-normal article
lengths, many outlets, dates over months, a few languages, several formats.

    python -m benchmarks.corpus --size 10000 --out /tmp/corpus-10k
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

SEED = 20250715
LANGUAGES = (("en", 0.82), ("de", 0.1), ("fr", 0.06), ("ja", 0.02))
SYLLABLES = {
    "en": "ar ba con de en for ing ion is lat ment mo ness or per pro re ship st ter tion un ver",
    "de": "ab an au be ber ch de ein en er ge hei ich keit lich n sch st te ung ver zu",
    "fr": "ai an au ce de en es eu ion la le ment ne ou par que re té tion un ve",
}
JA = "開発人工知能モデルオープン会社方針検討発表技術研究市場政府経済"
COMMON = {
    "en": "the of and to a in that is for on with as was said by it from at has be".split(),
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein".split(),
    "fr": "de la le et les des en un du une que est pour qui dans par plus sur".split(),
}


def vocabulary(lang: str, rng: random.Random, size: int = 6000) -> list[str]:
    parts = SYLLABLES[lang].split()
    words = set(COMMON[lang])
    while len(words) < size:
        words.add("".join(rng.choice(parts) for _ in range(rng.randint(2, 4))))
    ordered = COMMON[lang] + sorted(words - set(COMMON[lang]))
    return ordered


def zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(n)]


def article_text(lang: str, vocab: list[str], weights: list[float], rng: random.Random) -> str:
    length = max(60, min(3000, int(rng.lognormvariate(6.3, 0.5))))
    if lang == "ja":
        return "".join(rng.choice(JA) for _ in range(length)) + "。"
    words = rng.choices(vocab, weights=weights, k=length)
    sentences, i = [], 0
    while i < len(words):
        n = rng.randint(8, 25)
        chunk = words[i : i + n]
        sentences.append(" ".join(chunk).capitalize() + ".")
        i += n
    paragraphs = [" ".join(sentences[j : j + 4]) for j in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def generate(size: int, out: Path) -> Path:
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    vocabs = {lang: vocabulary(lang, rng) for lang in SYLLABLES}
    weights = {lang: zipf_weights(len(v)) for lang, v in vocabs.items()}
    outlets = [f"Outlet {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40)]
    start = dt.date(2025, 1, 1)
    jsonl_rows: list[str] = []
    for number in range(size):
        lang = rng.choices([lang for lang, _ in LANGUAGES], [w for _, w in LANGUAGES])[0]
        text = article_text(lang, vocabs.get(lang, []), weights.get(lang, []), rng)
        outlet = rng.choice(outlets)
        day = start + dt.timedelta(days=rng.randint(0, 180))
        title = " ".join(text.split()[:8]) if lang != "ja" else text[:20]
        if number % 10 == 9:
            jsonl_rows.append(json.dumps({"title": title, "source": outlet,
                                          "date": day.isoformat(), "lang": lang, "text": text},
                                         ensure_ascii=False))  # fmt: skip
            continue
        folder = out / outlet.replace(" ", "_").lower()
        folder.mkdir(exist_ok=True)
        if number % 10 == 8:
            (folder / f"{number:06}.txt").write_text(text + "\n", encoding="utf-8")
            continue
        front = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\noutlet: {outlet}\n"
                 f"date: {day.isoformat()}\nlanguage: {lang}\n"
                 f"url: https://{outlet.split()[1].lower()}.example/{day:%Y/%m/%d}/{number}\n---\n")  # fmt: skip
        (folder / f"{number:06}.md").write_text(front + text + "\n", encoding="utf-8")
    for chunk in range(0, len(jsonl_rows), 500):
        (out / f"wire-{chunk // 500:03}.jsonl").write_text(
            "\n".join(jsonl_rows[chunk : chunk + 500]) + "\n", encoding="utf-8"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.size, args.out)
    print(f"{args.size} articles in {args.out}")


if __name__ == "__main__":
    main()
