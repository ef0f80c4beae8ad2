"""Articles and search results as plain JSON-ready dicts, and back.

Rule kept here: this is the one place that shapes the documented JSON of an
article and a hit (README, schemas/); the index stores articles in the same
shape, so what `--json` prints is exactly what was indexed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from index.models import (
    META_FIELDS,
    Article,
    Fragment,
    Hit,
    Metadata,
    MetaField,
)

if TYPE_CHECKING:
    from index.analysis import ArticleFrames, Beat, Beats, FrameLexicon, Quote, Reuse


def article_to_dict(article: Article, *, text: bool = True) -> dict[str, Any]:
    meta = article.meta
    out: dict[str, Any] = {
        "id": article.id,
        "file": article.file,
        "entry": article.entry,
        "outlet": meta.outlet.value,
        "title": meta.title.value,
        "date": meta.date.value,
        "author": meta.author.value,
        "language": meta.language.value,
        "url": meta.url.value,
        "words": article.words,
        "date_earliest": meta.date_earliest,
        "date_latest": meta.date_latest,
        "metadata": {
            name: {
                "value": field.value,
                "source": field.source,
                "confidence": field.confidence,
                "note": field.note,
            }
            for name in META_FIELDS
            for field in (meta.field(name),)
        },
        "extra": dict(meta.extra),
    }
    if text:
        out["text"] = article.text
    return out


def article_from_dict(data: dict[str, Any]) -> Article:
    fields = {
        name: MetaField(value["value"], value["source"], value["confidence"], value.get("note", ""))
        for name, value in data["metadata"].items()
        if name in META_FIELDS
    }
    meta = Metadata(
        **fields,
        date_earliest=data.get("date_earliest"),
        date_latest=data.get("date_latest"),
        extra=tuple((str(k), str(v)) for k, v in data.get("extra", {}).items()),
    )
    return Article(data["id"], data["file"], data.get("entry"), data.get("text", ""), meta)


def fragment_to_dict(fragment: Fragment) -> dict[str, Any]:
    return {
        "text": fragment.text,
        "start": fragment.start,
        "spans": [[span.start, span.end] for span in fragment.spans],
    }


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "file": hit.file,
        "entry": hit.entry,
        "outlet": hit.outlet,
        "title": hit.title,
        "date": hit.date,
        "date_confidence": hit.date_confidence,
        "language": hit.language,
        "score": round(hit.score, 4),
        "fragments": [fragment_to_dict(f) for f in hit.fragments],
    }


def frames_to_dict(results: Sequence[ArticleFrames], lexicon: FrameLexicon) -> dict[str, Any]:
    """`explorer frames --json`: each article's frame scores with the sentences behind them."""
    return {
        "lexicon": lexicon.path,
        "frames": list(lexicon.names),
        "articles": [
            {
                "id": result.article.id,
                "file": result.article.file,
                "outlet": result.article.outlet,
                "language": result.article.language,
                "scored": result.scored,
                "note": result.reason,
                "primary": result.primary,
                "scores": {score.frame: score.score for score in result.scores},
                "evidence": {
                    score.frame: [sentence.text for sentence in score.evidence]
                    for score in result.scores
                    if score.evidence
                },
                "tone": result.tone,
                "hedges": [sentence.text for sentence in result.hedges],
            }
            for result in results
        ],
    }


def quotes_to_dict(quotes: Sequence[Quote]) -> dict[str, Any]:
    """`explorer quotes --json`: the quote ledger."""
    return {
        "quotes": [
            {
                "text": quote.text,
                "speaker": quote.speaker,
                "article": quote.article.id,
                "file": quote.article.file,
                "outlet": quote.article.outlet,
                "start": quote.start,
                "end": quote.end,
                "conflict": [
                    {
                        "speaker": speaker,
                        "article": other.id,
                        "file": other.file,
                        "outlet": other.outlet,
                    }
                    for speaker, other in quote.conflict
                ],
            }
            for quote in quotes
        ]
    }


def claims_to_dict(beats: Sequence[Beat] | Beats, outlets: Sequence[str]) -> dict[str, Any]:
    """`explorer claims --json`: story beats with their mentions, who omits each, and how
    they were grouped (`method`, `model`, `note`)."""
    from index.analysis.claims import Beats

    if isinstance(beats, Beats):
        method, model, note, beats = beats.method, beats.model, beats.note, beats.beats
    else:
        from index.analysis.embed import MODEL

        by_meaning = any(b.method != "lexical" for b in beats)
        method, model, note = ("combined", MODEL, None) if by_meaning else ("lexical", None, None)
    return {
        "outlets": list(outlets),
        "method": method,
        "model": model,
        "note": note,
        "claims": [
            {
                "id": beat.id,
                "label": beat.label,
                "single_source": beat.single_source,
                "method": beat.method,
                "outlets": list(beat.outlets),
                "omitted_by": [o for o in outlets if o not in beat.outlets],
                "mentions": [
                    {
                        "article": m.article.id,
                        "file": m.article.file,
                        "outlet": m.article.outlet,
                        "text": m.sentence.text,
                        "start": m.sentence.start,
                        "end": m.sentence.end,
                    }
                    for m in beat.mentions
                ],
            }
            for beat in beats
        ],
    }


def reuse_to_dict(reuse: Reuse) -> dict[str, Any]:
    """`explorer reuse --json`: pairs of articles sharing passages, likely original first."""
    return {
        "pairs": [
            {
                "source": pair.source.file,
                "target": pair.target.file,
                "source_article": pair.source.id,
                "target_article": pair.target.id,
                "score": pair.score,
                "shared_words": pair.shared_words,
                "direction": pair.direction,
                "date_confidence": pair.date_confidence,
                "passages": [
                    {
                        "source_text": pair.source.text[p.left.start : p.left.end],
                        "target_text": pair.target.text[p.right.start : p.right.end],
                        "source_span": [p.left.start, p.left.end],
                        "target_span": [p.right.start, p.right.end],
                        "words": p.words,
                    }
                    for p in pair.passages
                ],
            }
            for pair in reuse.pairs
        ],
        "groups": [[article.file for article in group] for group in reuse.groups],
    }
