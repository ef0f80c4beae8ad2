"""Frames, tone and hedging of each article, scored per sentence from a lexicon
the user can edit (TOML, `index/data/frames.toml` by default).

Rule kept here: a frame's score is the share of the article's sentences that
contain one of its cues, and each score keeps those sentences as evidence;
articles in a language the lexicon does not cover are not scored.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.analysis.sentences import Sentence, sentences
from index.errors import ReadError
from index.models import Article

if TYPE_CHECKING:
    from index.analysis.facts import Facts

DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "data" / "frames.toml"


@dataclass(frozen=True)
class Frame:
    key: str
    name: str
    letter: str
    pattern: re.Pattern[str] | None  # None: no cues (the "Other" frame)


@dataclass(frozen=True)
class FrameLexicon:
    path: str
    languages: tuple[str, ...]
    frames: tuple[Frame, ...]
    hedges: re.Pattern[str] | None
    attribution: re.Pattern[str] | None
    fingerprint: str = ""  # of the file's bytes: scores cached with one lexicon fit it only

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(frame.name for frame in self.frames)

    def letter(self, name: str) -> str:
        return next((f.letter for f in self.frames if f.name == name), "?")


@dataclass(frozen=True)
class FrameScore:
    frame: str
    score: float  # share of the article's sentences with a cue of this frame
    evidence: tuple[Sentence, ...]


@dataclass(frozen=True)
class ArticleFrames:
    article: Article
    scored: bool  # False where no lexicon covers the article's language
    reason: str  # why it was not scored, for the reader
    primary: str | None
    scores: tuple[FrameScore, ...]
    tone: float | None  # mean VADER compound of the sentences, -1..1; English only
    hedges: tuple[Sentence, ...]
    attributions: tuple[Sentence, ...]


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str] | None:
    parts = []
    for cue in cues:
        cue = cue.strip().lower()
        if not cue:
            continue
        stem = re.escape(cue.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(stem + (r"\w*" if cue.endswith("*") else ""))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)  # fmt: skip


def load_lexicon(path: Path | str | None = None) -> FrameLexicon:
    """A frame lexicon from TOML; ReadError naming the file and key when it is wrong."""
    source = Path(path) if path is not None else DEFAULT_LEXICON
    name = source.name
    try:
        raw = source.read_bytes()
        doc: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise ReadError(f"{source}: cannot be read ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReadError(f"{name}: not valid TOML ({exc})") from exc
    frames_table = doc.get("frames")
    if not isinstance(frames_table, dict) or not frames_table:
        raise ReadError(f"{name}: no [frames.<key>] tables")
    frames = []
    for key, table in frames_table.items():
        if not isinstance(table, dict) or not isinstance(table.get("cues", []), list):
            raise ReadError(f"{name}: frames.{key} needs name, letter and a list of cues")
        frames.append(
            Frame(
                key,
                str(table.get("name", key)),
                str(table.get("letter", key[:1].upper()))[:1],
                _cue_pattern([str(c) for c in table.get("cues", [])]),
            )
        )
    languages = doc.get("languages", ["en"])
    if not isinstance(languages, list):
        raise ReadError(f'{name}: languages must be a list such as ["en"]')
    return FrameLexicon(
        str(source),
        tuple(str(lang).lower() for lang in languages),
        tuple(frames),
        _cue_pattern([str(h) for h in doc.get("hedges", [])]),
        _cue_pattern([str(a) for a in doc.get("attribution", [])]),
        hashlib.blake2b(raw, digest_size=10).hexdigest(),
    )


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern)


def cue_sentences(
    pattern: re.Pattern[str], text: str, found: Sequence[Sentence]
) -> tuple[int, ...]:
    """Indices of the sentences of `found` holding a match of `pattern`: one scan of
    the whole text finds the candidates, each is then checked on its own."""
    starts = [s.start for s in found]
    hits: list[int] = []
    lowered = text.lower()
    # cues are lower case: scanning the lowered text without IGNORECASE is twice as
    # fast, where lowering keeps every offset (it does but for a few letters)
    scan = _case_sensitive(pattern) if len(lowered) == len(text) else pattern
    for match in scan.finditer(lowered if scan is not pattern else text):
        k = max(0, bisect_right(starts, match.start()) - 1)
        # a match running over a sentence's end is checked in each sentence it touches
        while k < len(found) and found[k].start < max(match.end(), match.start() + 1):
            if (not hits or hits[-1] < k) and pattern.search(found[k].text):
                hits.append(k)
            k += 1
    return tuple(hits)


def sentence_tone(found: Sequence[Sentence]) -> float | None:
    """Mean VADER compound of the sentences (English), None for no sentence."""
    if not found:
        return None
    analyzer = _vader()
    return round(sum(analyzer.polarity_scores(s.text)["compound"] for s in found) / len(found), 4)


def analyse_article(
    article: Article, lexicon: FrameLexicon, facts: Facts | None = None
) -> ArticleFrames:
    language = (article.language or "").lower()
    if language not in lexicon.languages:
        reason = (
            f"no frame lexicon for language {language!r}"
            if language
            else "the article's language is unknown"
        )
        return ArticleFrames(article, False, reason, None, (), None, (), ())
    text = article.text
    found = facts.sentences if facts is not None else sentences(text, language)
    total = max(1, len(found))
    if facts is not None and facts.frames is not None and facts.lexicon == lexicon.fingerprint:
        evidence_of, hedged, attributed = facts.frames, facts.hedges, facts.attributions
    else:
        evidence_of = tuple(
            cue_sentences(f.pattern, text, found) if f.pattern else () for f in lexicon.frames
        )
        hedged = cue_sentences(lexicon.hedges, text, found) if lexicon.hedges else ()
        attributed = cue_sentences(lexicon.attribution, text, found) if lexicon.attribution else ()
    scores = []
    for frame, indices in zip(lexicon.frames, evidence_of, strict=True):
        evidence = tuple(found[i] for i in indices)
        scores.append(FrameScore(frame.name, round(len(evidence) / total, 4), evidence))
    best = max(scores, key=lambda s: s.score, default=None)
    primary = best.frame if best is not None and best.score > 0 else None
    tone = None
    if language == "en":
        tone = facts.tone if facts is not None else sentence_tone(found)
    hedges = tuple(found[i] for i in hedged)
    attributions = tuple(found[i] for i in attributed)
    return ArticleFrames(article, True, "", primary, tuple(scores), tone, hedges, attributions)


def analyse_frames(
    articles: Sequence[Article],
    lexicon: FrameLexicon | None = None,
    facts: Sequence[Facts | None] | None = None,
) -> tuple[ArticleFrames, ...]:
    """Frames of each article; `facts` (aligned with `articles`, from the analysis
    cache) spare the segmentation and, for the lexicon they were scored with, the cues."""
    chosen = lexicon or load_lexicon()
    given = list(facts) if facts is not None else [None] * len(articles)
    return tuple(
        analyse_article(article, chosen, f) for article, f in zip(articles, given, strict=True)
    )
