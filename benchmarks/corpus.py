"""A deterministic synthetic news corpus for the benchmarks (never for the tests).

Same seed and size, same bytes: words follow a Zipf law over a vocabulary whose
head is real news words (English, German, French, Japanese) and whose long tail
is generated from each language's syllables, so prefix expansion meets a lexicon
as large as a real corpus's. Articles belong to stories (a handful of topic words
and names recur inside a story), lengths are log-normal around ~600 words, 40
outlets, dates over six months, and the files come in the formats explorer reads:
Markdown with YAML front matter (most), bare .txt, and JSONL wire feeds.

    python -m benchmarks.corpus --size 10000 --out /tmp/corpus-10k
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

SEED = 20250715
GENERATOR_VERSION = 2  # bump when the output changes: cached corpora are keyed on it
FIRST_DAY = dt.date(2025, 1, 1)
DAYS = 181
LANGUAGES = (("en", 0.80), ("de", 0.09), ("fr", 0.08), ("ja", 0.03))
TAIL_SIZE = {"en": 40000, "de": 12000, "fr": 12000}
MEDIAN_WORDS = 600

# The head of each vocabulary, roughly by frequency: real words, so stemming,
# stop words and prefixes behave as they do on news text.
EN = """the of and to a in that is for on it with as was said he by at from his
be has have are this an they but not which its who been were had their will more
would about after also one two new year first people government than up out over
last other there when into percent some can could million we our time she her
all only against minister president state country police company market public
report officials since told before says three under while between both week
including during may because most called city group national told security years
former party election vote campaign policy law court health economy economic bank
prices inflation energy climate war military forces attack talks deal trade tariffs
model models artificial intelligence technology companies data research open closed
superintelligence laboratory engineers software chips investment investors billion
shares quarter revenue growth workers union strike schools students university
hospital patients doctors water weather storm flooding wildfire emergency officials
spokesperson statement interview according announced decision announced plans
agreement negotiations sanctions border migrants asylum parliament senate congress
legislation regulation regulators commission european union federal ministry budget
deficit taxes spending pension housing rents transport railway airport airline
football championship season players coach match tournament olympic film festival
music museum exhibition author novel television streaming platform social media users
privacy lawsuit judge ruling appeal prosecutors investigation evidence trial verdict
prison protest protesters demonstration crowd capital region village residents
community families children women men young older local international global world
leaders summit meeting conference allies defence nuclear missile drone ceasefire
humanitarian aid refugees crisis recovery reconstruction infrastructure bridge
construction development project programme strategy announcement controversy
criticism support opposition coalition majority minority candidate polls results
turnout debate reform proposal bill amendment committee hearing testimony
whistleblower documents leaked memo sources confirmed denied declined comment
analysts economists forecast recession unemployment jobs wages consumers retail sales
exports imports currency dollar euro yen markets stocks bonds rates central
scientists study researchers vaccine virus outbreak pandemic disease treatment drug
approval safety risk risks warning warned threat threats cyber hackers breach
ransomware encryption surveillance cameras facial recognition algorithm algorithms
chatbot assistant developers startup founder chief executive board shareholders
merger acquisition antitrust competition monopoly dominance rivals partnership
licence licensing copyright publishers newspapers journalists editor reporting""".split()

DE = """der die und in den von zu das mit sich des auf für ist im dem nicht ein eine
als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie
einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein
wurde sei prozent jahr jahren regierung bundesregierung kanzler minister ministerin
partei wahl wahlkampf koalition opposition bundestag gesetz gericht urteil polizei
unternehmen wirtschaft markt preise inflation energie klima krieg verhandlungen
vereinbarung sanktionen grenze flüchtlinge haushalt steuern rente wohnungen mieten
verkehr bahn flughafen fußball mannschaft trainer saison künstliche intelligenz
technologie forschung daten modell modelle entwicklung sicherheit datenschutz kritik
unterstützung entscheidung ankündigung sprecher erklärung angaben zufolge berichtete
mitteilte außerdem allerdings zudem bereits bislang derzeit weiterhin deutlich
europäischen kommission verbraucher beschäftigte gewerkschaft streik schulen
krankenhaus patienten gesundheit umwelt hochwasser unwetter bürger gemeinde stadt""".split()

FR = """de la le et les des en un du une que est pour qui dans par plus sur pas au il
avec ne se ce sont a été aux son sa ses mais ou comme elle leur nous ont cette
selon après avant entre aussi sans depuis contre lors gouvernement ministre président
pays état élection campagne parti assemblée loi tribunal justice police entreprise
économie marché prix inflation énergie climat guerre négociations accord sanctions
frontière migrants budget impôts retraites logement loyers transports grève syndicats
écoles université hôpital patients santé intelligence artificielle technologie
recherche données modèle modèles développement sécurité critique soutien décision
annonce porte-parole déclaration communiqué européenne commission consommateurs
emplois salaires croissance investissement milliards millions entreprises réseaux
sociaux plateforme utilisateurs enquête procès témoins manifestation manifestants""".split()

JA = """政府 首相 大臣 会社 企業 市場 経済 物価 発表 開発 技術 研究 人工知能 モデル 公開
非公開 安全 規制 法案 国会 選挙 政党 与党 野党 警察 裁判所 判決 事件 事故 地震 台風
大雨 被害 住民 地域 東京 大阪 世界 日本 米国 中国 欧州 会議 首脳 協議 合意 制裁
円安 株価 投資 金利 賃金 雇用 学校 大学 病院 患者 医療 感染 検査 調査 報告 記者
担当者 関係者 方針 検討 計画 予算 税金 年金 住宅 鉄道 空港 航空 選手 試合 優勝""".split()
JA_PARTICLES = ("の", "は", "を", "が", "に", "で", "と", "も")

SYLLABLES = {
    "en": "ab ac ad al an ar as at ba be bi bo bu ca ce ci co cu da de di do du el em en "
    "er es et fa fe fi fo ga ge gi go ha he hi ho id il im in ir is ka la le li lo lu ma me "
    "mi mo mu na ne ni no nu ob om on or pa pe pi po pu ra re ri ro ru sa se si so st su "
    "ta te ti to tu un ur us va ve vi vo wa we wi ya ze zo ment tion ness ing ful ship",
    "de": "ab an auf aus be bei ber bre ch de dem den der ein en er ge gen hei hof in "
    "keit land lich mann markt n ner sch schaft stadt stein ten ter ung ver vor wald zu",
    "fr": "ai an au bel ce cha de du en es eu eur ier ion la le lou ma ment mon ne ou "
    "par pon que re ri ro sa se té tion un ve vil",
}
FIRST_NAMES = ("Anna Ben Clara David Elena Felix Grace Hiro Ines Jonas Karim Lea Marco "
               "Nadia Omar Paula Quentin Rosa Sami Tomas Uma Viktor Wen Yara Zoe").split()  # fmt: skip
SURNAMES = ("Adler Baker Costa Dubois Eriksen Fischer Garcia Hoffmann Ito Jansen Kowalski "
            "Laurent Meyer Nakamura Okafor Petrov Quinn Rossi Schmidt Tanaka Ueda Vogel "
            "Weber Xu Yilmaz Zimmermann").split()  # fmt: skip
OUTLET_FIRST = ("Northern Evening Metro Daily Capital Harbour Valley Coastal Central Western "
                "Eastern Rhine Alpine Atlantic Pacific Union National Civic Morning Sunday").split()  # fmt: skip
OUTLET_SECOND = ("Herald Gazette Courier Post Ledger Observer Tribune Chronicle Dispatch "
                 "Review Journal Standard Express Monitor Sentinel Bulletin Report Wire").split()  # fmt: skip
CITIES = ("BERLIN PARIS TOKYO LONDON BRUSSELS WASHINGTON GENEVA VIENNA MADRID ROME "
          "NAIROBI OTTAWA SEOUL").split()  # fmt: skip


class Vocabulary:
    """One language's words by rank with Zipf weights (s=1.07, as in news text)."""

    def __init__(self, head: list[str], syllables: str, tail: int, rng: random.Random) -> None:
        parts = syllables.split()
        seen = set(head)
        words = list(dict.fromkeys(head))
        while len(words) < len(head) + tail:
            word = "".join(rng.choice(parts) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self.cumulative = list(
            itertools.accumulate(1.0 / (r + 1) ** 1.07 for r in range(len(words)))
        )

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def sample(self, rng: random.Random, low: int, high: int, k: int) -> list[str]:
        """k distinct words of rank low..high: a story's topic words."""
        return rng.sample(self.words[low:high], k)


@dataclass(frozen=True)
class Story:
    """Articles of one story share topic words (per language), people and a start day."""

    topics: dict[str, list[str]]
    people: list[str]
    start: int


def outlets() -> list[tuple[str, str]]:
    """40 outlets: (name, host)."""
    names = [f"The {a} {b}" for a, b in itertools.product(OUTLET_FIRST, OUTLET_SECOND)]
    chosen = random.Random(SEED).sample(names, 40)
    return [(n, n.lower().removeprefix("the ").replace(" ", "") + ".example") for n in chosen]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def sentence_words(rng: random.Random, vocab: Vocabulary, topic: list[str], n: int) -> list[str]:
    words = vocab.draw(rng, n)
    for i in range(len(words)):
        if rng.random() < 0.06:
            words[i] = rng.choice(topic)
    return words


def body(lang: str, vocab: Vocabulary | None, story: dict[str, list[str]], rng: random.Random,
         length: int) -> str:  # fmt: skip
    """Paragraphs of sentences; topic words and the story's people recur."""
    if lang == "ja":
        sentences = []
        used = 0
        while used < length:
            n = rng.randint(4, 9)
            picks = [rng.choice(story["topic"]) if rng.random() < 0.2 else rng.choice(JA)
                     for _ in range(n)]  # fmt: skip
            sentences.append(
                "".join(w + rng.choice(JA_PARTICLES) for w in picks[:-1]) + picks[-1] + "。"
            )
            used += n * 2
        return "\n\n".join("".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    assert vocab is not None
    sentences, used = [], 0
    while used < length:
        n = max(5, int(rng.gauss(19, 6)))
        words = sentence_words(rng, vocab, story["topic"], n)
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words)), rng.choice(story["people"]))
        text = " ".join(words)
        if rng.random() < 0.12:
            text = f"“{text[0].upper()}{text[1:]},” said {rng.choice(story['people'])}"
        else:
            text = text[0].upper() + text[1:]
        sentences.append(text + ".")
        used += n
    paragraphs, i = [], 0
    while i < len(sentences):
        step = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[i : i + step]))
        i += step
    return "\n\n".join(paragraphs)


def article_length(rng: random.Random) -> int:
    """Log-normal around MEDIAN_WORDS words, clipped to 80..4000."""
    return max(80, min(4000, int(rng.lognormvariate(math.log(MEDIAN_WORDS), 0.55))))


def title_of(lang: str, text: str, rng: random.Random) -> str:
    if lang == "ja":
        return text.split("。")[0][:28]
    words = text.replace("“", "").replace("”", "").split()[: rng.randint(6, 11)]
    return " ".join(w.strip(".,") for w in words).capitalize()


def generate(size: int, out: Path) -> Path:
    """Write `size` articles under `out` (created); returns `out`."""
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    vocabs = {
        "en": Vocabulary(EN, SYLLABLES["en"], TAIL_SIZE["en"], rng),
        "de": Vocabulary(DE, SYLLABLES["de"], TAIL_SIZE["de"], rng),
        "fr": Vocabulary(FR, SYLLABLES["fr"], TAIL_SIZE["fr"], rng),
    }
    sources = outlets()
    stories: list[Story] = []
    for _ in range(max(20, size // 25)):
        lang_topics = {
            lang: vocab.sample(rng, 60, min(len(vocab.words), 3000), 6)
            for lang, vocab in vocabs.items()
        }
        lang_topics["ja"] = rng.sample(JA, 5)
        start = rng.randrange(DAYS)
        stories.append(Story(lang_topics, [person(rng) for _ in range(3)], start))
    langs = [lang for lang, _share in LANGUAGES]
    lang_cumulative = list(itertools.accumulate(share for _lang, share in LANGUAGES))
    wire: list[str] = []
    for number in range(size):
        lang = langs[bisect.bisect(lang_cumulative, rng.random() * lang_cumulative[-1])]
        story_of = rng.choice(stories)
        story = {"topic": story_of.topics[lang], "people": story_of.people}
        text = body(lang, vocabs.get(lang), story, rng, article_length(rng))
        outlet, host = rng.choice(sources)
        day = FIRST_DAY + dt.timedelta(
            days=min(DAYS - 1, story_of.start + int(rng.expovariate(0.3)))
        )
        stamp = f"{day.isoformat()}T{rng.randint(5, 22):02}:{rng.randint(0, 59):02}:00"
        title = title_of(lang, text, rng)
        url = f"https://{host}/{day:%Y/%m/%d}/{number:06}"
        kind = number % 10
        if kind == 9:  # one in ten arrives through a wire feed
            wire.append(json.dumps({"title": title, "source": outlet, "published": stamp,
                                    "lang": lang, "url": url, "text": text},
                                   ensure_ascii=False))  # fmt: skip
            continue
        folder = out / host.removesuffix(".example") / f"{day:%Y-%m}"
        folder.mkdir(parents=True, exist_ok=True)
        if kind == 8:  # bare text: the date only as a dateline, outlet unknown
            dateline = (
                f"{rng.choice(CITIES)}, {day:%B} {day.day}, {day.year} — " if lang == "en" else ""
            )
            (folder / f"{number:06}.txt").write_text(f"{title}\n\n{dateline}{text}\n", "utf-8")
            continue
        front = (
            "---\n"
            f"title: {json.dumps(title, ensure_ascii=False)}\n"
            f"outlet: {json.dumps(outlet)}\n"
            f"date: {stamp}\n"
            f"language: {lang}\n"
            f"url: {url}\n"
            f"author: {json.dumps(person(rng))}\n"
            "---\n\n"
        )
        (folder / f"{number:06}.md").write_text(front + text + "\n", "utf-8")
    for chunk in range(0, len(wire), 500):
        (out / f"wire-{chunk // 500:03}.jsonl").write_text(
            "\n".join(wire[chunk : chunk + 500]) + "\n", encoding="utf-8"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created)")
    args = parser.parse_args()
    generate(args.size, args.out)
    print(f"{args.size} articles in {args.out}")


if __name__ == "__main__":
    main()
