"""Hand labels of the story beats of the bundled corpus (index/data/behemoth), an
evaluation set, one of those the grid search of the weights was scored on (the
README says which). Each claim sentence, found by the
start of its text, carries the beats it tells; a sentence telling two beats ("had
completed the training on Behemoth, but delayed its release") carries both, and a pair
of sentences is one beat when their labels share one. Labels found in one article only
are that outlet's own beats.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from index import Beat

# outlet -> (start of the sentence, its beats separated by "|")
BUNDLED: dict[str, list[tuple[str, str]]] = {
    "Daily Trending Headlines": [
        ("Meta, the tech giant known for its powerful", "headlines"),
        ("This time, it’s not for a new groundbreaking", "philosophical"),
        ("Top members of Meta’s new Superintelligence Lab have", "pivot"),
        ("This decision has sparked a lot of debate", "debate|departure"),
        ("For those unfamiliar with the concept", "explainer"),
        ("This approach has been a cornerstone", "reputation"),
        ("According to sources within the company, the decision", "protect"),
        ("With the rise of data breaches", "protect"),
        ("This shift in strategy has been met", "debate"),
        ("Some see it as a necessary step", "debate"),
        ("However, the top members of Meta’s Superintelligence", "not-abandon"),
        ("In fact, they see it as a way", "not-abandon"),
        ("The closed model would still allow", "not-abandon"),
        ("One of the main concerns raised by critics", "limit"),
        ("With Behemoth being one of the most widely used", "limit"),
        ("However, Meta’s leadership believes that the company’s", "advances"),
        ("This decision also raises questions about the future", "future"),
        ("Only time will tell, but one thing is for sure", "determined"),
        ("With some of the brightest minds", "advances"),
        ("In the end, the decision to pivot away", "pivot"),
        ("It marks a major philosophical shift", "philosophical|protect"),
        ("As the debate continues, one thing is certain", "determined"),
        ("And with their track record of success", "advances"),
    ],
    "NewsBytes": [
        ("Meta's newly established Superintelligence Lab is contemplating", "pivot"),
        ("A team including Alexandr Wang", "pivot|wang"),
        ("This would be a major departure", "departure"),
        ("Meta had already trained its Behemoth", "trained"),
        ("However, the company decided to delay", "delayed"),
        ("After announcing the formation", "paused"),
        ("The potential shift toward a closed AI model", "philosophical"),
        ("The discussions within the Superintelligence Lab", "undecided"),
        ("Any such changes would require approval", "approval|unchanged"),
        ("A Meta spokesperson recently reiterated", "commitment"),
        ("The spokesperson said, \"We haven't released", "mix"),
        ("However, they did not comment", "no-comment"),
        ("If this happens, it would mark a major departure", "departure"),
        ("Meta is under pressure to monetize", "monetize"),
        ("This includes paying huge signing bonuses", "costs"),
        ("Despite having one of the world's top AI research labs", "lags"),
        ("If Meta prioritizes closed models", "strategic"),
        ("Closed models would give the company more control", "control"),
        ("Such a shift could also impact the AI landscape", "landscape|slow|power"),
    ],
    "imp.news": [
        ("Top researchers at Meta’s newly formed", "paused"),
        ("- Behemoth had completed its initial training", "trained|delayed"),
        ("- Internal tests reportedly showed underwhelming", "delayed"),
        ("Sources say the lab’s leadership is now weighing", "pivot"),
        ("- Aims to focus resources", "focus-internal"),
        ("- Would mark a clear break", "departure"),
        ("Meta CEO Mark Zuckerberg still controls", "approval"),
        ("- Company spokesperson insists", "unchanged"),
        ("- Meta plans to “continue releasing", "commitment|mix"),
        ("- Zuckerberg admitted last summer", "past-comments"),
        ("- Raises questions about long-term", "strategic"),
        ("- Signing bonuses and nine-figure", "costs"),
        ("- Billions poured into compute", "costs"),
        ("- Startups and academic labs", "slow"),
        ("- Closed ecosystems typically favor", "power"),
        ("- Anthropic and DeepMind maintain", "competitors"),
        ("- Chinese labs view open models", "china"),
        ("- Global AI leadership could shift", "china"),
        ("- Raises concerns about safety", "power"),
        ("- Community Notes and other", "community-checks"),
        ("- Any decision requires Zuckerberg", "approval"),
        ("- Observers await Meta", "transparency-report"),
        ("However, halting Behemoth could signal", "strategic"),
        ("Meta faces enormous costs", "costs"),
        ("Higher control via closed models", "control"),
        ("A shift away from open source at Meta could slow", "slow"),
        ("Meanwhile, competitors like OpenAI", "competitors"),
        ("If Meta retreats from open-source AI, China", "china"),
        ("Power dynamics might tilt back", "power"),
        ("Meta has yet to publicly confirm", "undecided"),
        ("For creators and developers, the key takeaway", "mixed-future"),
    ],
    "BEAMSTART": [
        ("In a surprising turn of events", "pivot"),
        ("According to recent reports, Meta's newly established", "pivot"),
        ("This marks a significant departure", "departure"),
        ("Meta has built a strong reputation", "reputation"),
        ("The decision to potentially shift to a closed model", "wang"),
        ("This philosophical shift could redefine", "philosophical"),
        ("The move has sparked debates", "debate"),
        ("While open-source models allow", "protect"),
        ("Concerns over performance and security risks", "competitors"),
        ("If Meta proceeds with this shift", "slow"),
        ("The decision to close off access", "limit|protect"),
        ("While no final decision has been confirmed", "undecided"),
        ("Industry observers note that any major strategic change", "approval"),
        ("As the AI race heats up", "future"),
        ("Only time will tell, but the implications", "future"),
    ],
    "The Forge Bulletin": [
        ("The best members of The new Superintelligence", "pivot"),
        ("Sources referred to the Times", "trained|delayed"),
        ("When the new Supervintingigence laboratory", "paused"),
        ("The CEO of Meta Mark Zuckerberg should however sign", "approval|unchanged"),
        ("“We plan to continue the Rebelands", "commitment"),
        ("“We have released and developed historically", "mix"),
        ("The spokesman did not comment", "no-comment"),
        ("If this happens so that Meta can prioritize", "departure|philosophical"),
        ("While the most advanced destination meta models", "reputation"),
        ("Strongly positioned the Llama family", "reputation"),
        ("But Meta is under printing to monetize", "monetize"),
        ("This included the payment of huge signature", "costs"),
        ("Despite having one of the best research workshops", "lags"),
        ("If Meta gives priority to closed models", "strategic"),
        ("Zuckerberg’s past comments suggest", "past-comments"),
        ("Obviously we are very proen open source", "past-comments"),
        ("In the bases I am very inclined", "past-comments"),
        ("If at a certain point, however", "past-comments"),
        ("The closed models would give metals", "control"),
        ("Such a change could also reshape", "landscape"),
        ("The open source moment, largely guided", "slow"),
        ("Power could go back to the main actors", "power"),
        ("The chain effects would continue", "slow"),
        ("On the world phase, the retreat", "china"),
    ],
}


def bundled_pairs(beats: Sequence[Beat]) -> Iterator[tuple[str, str, bool, bool]]:
    """Every pair of labelled sentences of different outlets: whether their labels
    share a beat, and whether `beats` grouped them (in a beat they share). Fails on a labelled sentence that
    no beat holds, so a change in the splitter shows here."""
    where: dict[str, set[str]] = {}
    for beat in beats:
        for mention in beat.mentions:
            where.setdefault(mention.sentence.text, set()).add(beat.id)
    found: list[tuple[str, str, frozenset[str], set[str]]] = []
    for outlet, lines in BUNDLED.items():
        for start, tags in lines:
            texts = [t for t in where if t.startswith(start)]
            assert len(texts) == 1, f"{start!r}: {len(texts)} mentions"
            found.append((outlet, texts[0], frozenset(tags.split("|")), where[texts[0]]))
    for (oa, a, la, ba), (ob, b, lb, bb) in itertools.combinations(found, 2):
        if oa != ob:
            yield a, b, bool(la & lb), bool(ba & bb)
