"""Frames, tone and hedging of each article, scored per sentence from a lexicon
the user can edit (TOML, `index/data/frames.toml` by default).

Rule kept here: a frame's score is the share of the article's sentences that
contain one of its cues, and each score keeps those sentences as evidence;
articles in a language the lexicon does not cover are not scored.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from index.analysis.sentences import Sentence, sentences
from index.errors import ReadError
from index.models import Article

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
        doc: dict[str, Any] = tomllib.loads(source.read_text(encoding="utf-8"))
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
    )


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def analyse_article(article: Article, lexicon: FrameLexicon) -> ArticleFrames:
    language = (article.language or "").lower()
    if language not in lexicon.languages:
        reason = (
            f"no frame lexicon for language {language!r}"
            if language
            else "the article's language is unknown"
        )
        return ArticleFrames(article, False, reason, None, (), None, (), ())
    found = sentences(article.text, language)
    total = max(1, len(found))
    scores = []
    for frame in lexicon.frames:
        evidence = tuple(s for s in found if frame.pattern.search(s.text)) if frame.pattern else ()
        scores.append(FrameScore(frame.name, round(len(evidence) / total, 4), evidence))
    best = max(scores, key=lambda s: s.score, default=None)
    primary = best.frame if best is not None and best.score > 0 else None
    tone = None
    if language == "en" and found:
        analyzer = _vader()
        tone = round(sum(analyzer.polarity_scores(s.text)["compound"] for s in found) / total, 4)
    hedges = tuple(s for s in found if lexicon.hedges and lexicon.hedges.search(s.text))
    attributions = tuple(
        s for s in found if lexicon.attribution and lexicon.attribution.search(s.text)
    )
    return ArticleFrames(article, True, "", primary, tuple(scores), tone, hedges, attributions)


def analyse_frames(
    articles: Sequence[Article], lexicon: FrameLexicon | None = None
) -> tuple[ArticleFrames, ...]:
    chosen = lexicon or load_lexicon()
    return tuple(analyse_article(article, chosen) for article in articles)
