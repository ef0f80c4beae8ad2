"""Three small invented stories, each told by three or four outlets in their own words,
with every claim sentence labelled by hand with the beat it tells. Written for the
beats' tests and for calibrating their thresholds; none of their sentences comes from
the bundled corpus.

Each article is a list of (label, sentence); a label shared by sentences of several
articles is one beat told in other words; a label found in one article only is a
single-source beat. Some sentences share words with a beat they do not tell (a
council's other vote, another chipmaker's plant): they must stay out of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from index import Article, Beat, Metadata, MetaField

Story = dict[str, list[tuple[str, str]]]

TRAM: Story = {
    "Harbour Gazette": [
        (
            "postpone",
            "The council postponed the vote on the tram extension because of rising construction costs.",
        ),
        (
            "cost",
            "The extension is now expected to cost 240 million pounds, up from 180 million two years ago.",
        ),
        (
            "opposition",
            "Opposition leader Maria Kent accused the ruling group of wasting two years on the scheme.",
        ),
        (
            "traders",
            "Shop owners on Quay Street fear another year of roadworks would drive away their customers.",
        ),
        (
            "parking",
            "The council also voted to raise parking charges in the city centre from April.",
        ),
    ],
    "City Wire": [
        ("postpone", "Councillors put off a decision as building costs keep going up."),
        (
            "cost",
            "Estimates for the project have jumped to 240 million pounds from an original 180 million.",
        ),
        ("march", "A fresh vote on the line is now planned for a meeting in March."),
        (
            "ridership",
            "The tram operator reported a record 14 million passenger journeys last year.",
        ),
    ],
    "Riverside Daily": [
        (
            "postpone",
            "A ballot on extending the tramline has been delayed after the price of the works climbed again.",
        ),
        ("march", "Members are expected to reconsider the plans in the spring, probably in March."),
        (
            "opposition",
            "Maria Kent, who leads the opposition, said the delay showed the administration had squandered two years.",
        ),
        (
            "pool",
            "Construction of a new swimming pool in the east of the city finished ahead of schedule and under budget.",
        ),
    ],
    "Metro Bulletin": [
        (
            "postpone",
            "City leaders have shelved Thursday's decision on the tram plan while they wait for revised cost estimates.",
        ),
        (
            "traders",
            "Traders along Quay Street worry that years of building work will keep shoppers away.",
        ),
        (
            "cost",
            "The projected bill has climbed by 60 million pounds to 240 million since the plans were drawn up.",
        ),
    ],
}

STRIKE: Story = {
    "Northern Post": [
        (
            "walkout",
            "Nurses at three regional hospitals will walk out for 48 hours next week over pay.",
        ),
        ("ballot", "Union members backed the action by 87 percent on a turnout of 71 percent."),
        (
            "operations",
            "Hospital managers warned that hundreds of planned operations will have to be cancelled.",
        ),
        ("offer", "The health board offered a 3 percent rise, which the union called an insult."),
        (
            "teachers",
            "Teachers in the region also voted on a pay offer last month but accepted it.",
        ),
    ],
    "Health Desk": [
        (
            "walkout",
            "Hospital nurses in the region plan a two-day strike next week in a dispute about wages.",
        ),
        (
            "operations",
            "Health bosses said many scheduled surgeries would be called off during the stoppage.",
        ),
        (
            "emergency",
            "Emergency departments and intensive care will remain staffed throughout the strike.",
        ),
        ("cancer", "A new cancer treatment centre will open at the General Hospital in June."),
    ],
    "The Courier": [
        (
            "walkout",
            "A 48-hour stoppage by nursing staff at three hospitals is set to begin next Tuesday.",
        ),
        (
            "ballot",
            "Almost nine in ten union members who took part in the ballot supported industrial action.",
        ),
        (
            "offer",
            "Union leaders dismissed the board's three percent pay offer as insulting to exhausted staff.",
        ),
        (
            "emergency",
            "Critical services such as accident and emergency wards and intensive care units will keep running, the union promised.",
        ),
    ],
}

CHIPS: Story = {
    "Tech Ledger": [
        (
            "delay",
            "Veltra Semiconductors has delayed the opening of its new chip plant in Ohio until 2028.",
        ),
        ("demand", "The company blamed weaker demand for the chips used in personal computers."),
        ("jobs", "About 3,000 construction workers on the site could lose their jobs."),
        ("shares", "Veltra shares fell 6 percent in after-hours trading on Wednesday."),
        ("rival", "A rival chipmaker opened a new plant in Arizona this week, on schedule."),
    ],
    "Business Wire Daily": [
        (
            "delay",
            "The chipmaker pushed back the start of production at its Ohio factory by two years, to 2028.",
        ),
        (
            "subsidy",
            "The plant was promised 1.5 billion dollars in federal subsidies under the chips act.",
        ),
        ("shares", "The company's stock dropped six percent after the market closed."),
        (
            "governor",
            "The governor said she was disappointed but confident the project would eventually go ahead.",
        ),
    ],
    "Valley Times": [
        (
            "delay",
            "Veltra will not begin making semiconductors at the Ohio site before 2028, the company said.",
        ),
        (
            "demand",
            "Slowing sales of laptop processors were cited as the reason for the postponement.",
        ),
        ("jobs", "The decision puts roughly 3,000 building jobs at the plant at risk."),
        ("subsidy", "Washington had pledged 1.5 billion dollars in grants to support the factory."),
        (
            "farmers",
            "Ohio also announced new state subsidies for farmers hit by this summer's drought.",
        ),
    ],
}

STORIES: dict[str, Story] = {"tram": TRAM, "strike": STRIKE, "chips": CHIPS}


def story_articles(name: str, story: Story) -> list[Article]:
    """The story's articles, one per outlet, each sentence on its own line."""
    out = []
    for number, (outlet, lines) in enumerate(story.items()):
        text = "\n".join(sentence for _label, sentence in lines)
        meta = Metadata(
            outlet=MetaField(outlet, "manifest", "confirmed"),
            language=MetaField("en", "detected", "inferred"),
        )
        out.append(Article(f"{name}{number}", f"{name}{number}.txt", None, text, meta))
    return out


def labels(story: Story) -> dict[str, str]:
    """Each sentence's hand label."""
    return {sentence: label for lines in story.values() for label, sentence in lines}


def labelled_pairs(story: Story, beats: Sequence[Beat]) -> Iterator[tuple[str, str, bool, bool]]:
    """Every pair of the story's sentences: whether the hand labels make them one beat,
    and whether `beats` grouped them (a sentence telling two statements may be in two
    beats: grouped when they share one)."""
    label = labels(story)
    beats_of: dict[str, set[str]] = {}
    for beat in beats:
        for mention in beat.mentions:
            beats_of.setdefault(mention.sentence.text, set()).add(beat.id)
    for a, b in itertools.combinations(label, 2):
        yield a, b, label[a] == label[b], bool(beats_of.get(a, set()) & beats_of.get(b, set()))


def beat_with(beats: Sequence[Beat], text: str) -> Beat:
    """The one beat holding a mention with `text` (fails if none or several)."""
    found = [b for b in beats if any(text in m.sentence.text for m in b.mentions)]
    assert len(found) == 1, f"{text!r}: in {len(found)} beats"
    return found[0]


def pair_counts(story: Story, beats: Sequence[Beat]) -> tuple[int, int, int]:
    """True, false and missed pairs of mentions grouped, against the hand labels."""
    tp = fp = fn = 0
    for _a, _b, same, grouped in labelled_pairs(story, beats):
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
    return tp, fp, fn


# Written after the first thresholds were set, as a held-out check; now calibration.
AIRPORT: Story = {
    "Evening Standard-Times": [
        (
            "cap",
            "The airport will be limited to 80,000 flights a year under a ruling published on Friday.",
        ),
        (
            "appeal",
            "The airport's owners said they would challenge the decision in the High Court.",
        ),
        (
            "noise",
            "Residents under the flight path have complained for years about noise from early morning departures.",
        ),
        ("jobs", "The operator warned that as many as 1,200 jobs could go if the limit stands."),
        ("parking", "Parking charges at the terminal rose by a fifth this spring."),
    ],
    "Regional Air Report": [
        ("cap", "Planning inspectors have capped annual air traffic movements at eighty thousand."),
        (
            "noise",
            "People living near the runway say the roar of dawn take-offs wakes them every day.",
        ),
        ("appeal", "Bosses at the airport plan to take the ruling to court."),
        ("airline", "A budget airline announced two new routes to Portugal starting in May."),
    ],
    "County Courier": [
        (
            "cap",
            "A new ceiling of 80,000 flights per year has been imposed on the airport by the government's inspectors.",
        ),
        (
            "jobs",
            "Airport managers say up to 1,200 workers could lose their jobs because of the restriction.",
        ),
        ("night", "Night flights between 11pm and 6am will be banned from next year."),
        (
            "appeal",
            "Lawyers for the airport are preparing an appeal against the inspectors' ruling.",
        ),
    ],
}
