"""Analysis of articles as pure functions: sentences, frames with evidence,
tone and hedging, quotes with their speakers, story beats, text reuse.

Rule kept here: every number leads back to the sentences behind it (their
text as written and their spans in `Article.text`); a language no lexicon
covers is reported as not scored, never scored as English.
"""

from index.analysis.beat_updates import Grouping
from index.analysis.claims import Beat, Beats, Mention, find_beats, group_beats, update_beats
from index.analysis.facts import FACTS_VERSION, Facts, article_facts, facts_from_json
from index.analysis.frames import (
    ArticleFrames,
    FrameLexicon,
    FrameScore,
    analyse_frames,
    load_lexicon,
)
from index.analysis.quotes import Quote, find_quotes, update_quotes
from index.analysis.reuse import Reuse, ReusePair, find_reuse, update_reuse
from index.analysis.sentences import Sentence, sentences

__all__ = [
    "FACTS_VERSION",
    "Facts",
    "article_facts",
    "facts_from_json",
    "Beat",
    "Beats",
    "Mention",
    "Reuse",
    "ReusePair",
    "find_beats",
    "group_beats",
    "update_beats",
    "Grouping",
    "find_reuse",
    "update_reuse",
    "ArticleFrames",
    "FrameLexicon",
    "FrameScore",
    "Quote",
    "Sentence",
    "analyse_frames",
    "find_quotes",
    "update_quotes",
    "load_lexicon",
    "sentences",
]
