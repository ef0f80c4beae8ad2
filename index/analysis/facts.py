"""What the analyses need of one article, worked out once: its sentences with
spans, the bundled lexicon's frame evidence, hedges, attributions, tone, its
quotes and speakers, its claim sentences' terms, and its MinHash signature.

`Facts` depend on the article's text and language only, so they are computed
when the article is indexed (see `index.analysis_cache`) and the cross-article
steps (beats, quote conflicts, reuse) start from them.

Rule kept here: facts hold offsets into the article's text, never copies of
it; a record that does not fit the text it is given (other length, other
language, other version) is refused, and the article is analysed again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from index.analysis.frames import FrameLexicon, cue_sentences, load_lexicon, sentence_tone
from index.analysis.quotes import attributed_quotes
from index.analysis.reuse import minhash_values
from index.analysis.sentences import Sentence, sentences
from index.analysis.statements import claim_terms
from index.models import Article

FACTS_VERSION = 15  # bump when what is computed, or how, changes: cached facts are refused


@dataclass(frozen=True)
class Facts:
    language: str
    chars: int  # len(article.text) ...
    digest: str  # ... and a hash of it exactly (ids ignore whitespace; offsets do not)
    sentences: tuple[Sentence, ...]
    lexicon: str  # fingerprint of the lexicon `frames` was scored with
    frames: (
        tuple[tuple[int, ...], ...] | None
    )  # per frame, its evidence sentences; None: not scored
    hedges: tuple[int, ...]
    attributions: tuple[int, ...]
    tone: float | None  # mean VADER compound over the sentences; English only
    quotes: tuple[tuple[int, int, str | None], ...]  # start, end, speaker
    claims: tuple[tuple[int, tuple[str, ...]], ...]  # claim sentence, its content terms
    minhash: tuple[int, ...]  # () where it was left out

    def to_json(self) -> dict[str, Any]:
        return {
            "v": FACTS_VERSION,
            "lang": self.language,
            "n": self.chars,
            "d": self.digest,
            "s": [[s.start, s.end] for s in self.sentences],
            "lx": self.lexicon,
            "f": None if self.frames is None else [list(f) for f in self.frames],
            "h": list(self.hedges),
            "at": list(self.attributions),
            "t": self.tone,
            "q": [list(q) for q in self.quotes],
            "c": [[i, list(terms)] for i, terms in self.claims],
            "m": list(self.minhash),
        }


def facts_from_json(data: Any, article: Article) -> Facts | None:
    """The cached facts of `article`, or None when the record does not fit it."""
    text = article.text
    try:
        if (
            data["v"] != FACTS_VERSION
            or data["n"] != len(text)
            or data["d"] != text_digest(text)
            or data["lang"] != (article.language or "").lower()
        ):
            return None
        found = tuple(Sentence(text[s:e], s, e) for s, e in data["s"])
        frames = data["f"]
        return Facts(
            data["lang"],
            data["n"],
            data["d"],
            found,
            str(data["lx"]),
            None if frames is None else tuple(tuple(int(i) for i in f) for f in frames),
            tuple(int(i) for i in data["h"]),
            tuple(int(i) for i in data["at"]),
            None if data["t"] is None else float(data["t"]),
            tuple((int(s), int(e), None if p is None else str(p)) for s, e, p in data["q"]),
            tuple((int(i), tuple(str(t) for t in terms)) for i, terms in data["c"]),
            tuple(int(v) for v in data["m"]),
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@cache
def bundled_lexicon() -> FrameLexicon:
    return load_lexicon()


def article_facts(
    article: Article, lexicon: FrameLexicon | None = None, signature: bool = True
) -> Facts:
    """Everything per article the analyses use; frames scored with `lexicon`
    (the bundled one by default). signature=False leaves out the MinHash signature
    (`find_reuse` works out a missing one when it needs it)."""
    chosen = lexicon or bundled_lexicon()
    language = (article.language or "").lower()
    text = article.text
    found = sentences(text, language or None)
    frames: tuple[tuple[int, ...], ...] | None = None
    hedges: tuple[int, ...] = ()
    attributions: tuple[int, ...] = ()
    if language in chosen.languages:
        frames = tuple(
            cue_sentences(f.pattern, text, found) if f.pattern else () for f in chosen.frames
        )
        hedges = cue_sentences(chosen.hedges, text, found) if chosen.hedges else ()
        attributions = cue_sentences(chosen.attribution, text, found) if chosen.attribution else ()
    quotes = attributed_quotes(text)
    claims = tuple(
        (index, terms)
        for index, sentence in enumerate(found)
        if (terms := claim_terms(sentence.text, language or None)) is not None
    )
    return Facts(
        language,
        len(text),
        text_digest(text),
        found,
        chosen.fingerprint,
        frames,
        hedges,
        attributions,
        sentence_tone(found) if language == "en" else None,
        quotes,
        claims,
        minhash_values(text) if signature else (),
    )


def facts_for(
    articles: Sequence[Article], facts: Sequence[Facts | None] | None = None
) -> list[Facts]:
    """`facts` where given (aligned with `articles`), worked out now where not."""
    given = list(facts) if facts is not None else [None] * len(articles)
    return [f if f is not None else article_facts(a) for a, f in zip(articles, given, strict=True)]
