"""Running a parsed query on the index: Whoosh query objects, filters, sorting,
facets, and the frozen results with highlighted fragments.

Rule kept here: Whoosh objects live and die inside this module's functions;
what leaves is `SearchResult`, `Hit` and `Facets`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from index import bulk, columns
from index import schema as sf
from index.codec import article_from_dict
from index.highlight import fragments, match_spans
from index.matchers import prefix_terms, remember_lexicon, stemless_hits
from index.metadata import normalise_language
from index.models import (
    Article,
    AttentionCell,
    FacetCount,
    Facets,
    Fragment,
    Hit,
    SearchResult,
)
from index.query import (
    MIN_PREFIX,
    Clause,
    Group,
    Node,
    date_range,
    expands_as_prefix,
    highlight_terms,
    parse,
)
from index.tokens import stemmer, word_tokens

_TEXT_FIELDS = {
    "outlet": sf.OUTLET,
    "title": sf.TITLE,
    "author": sf.AUTHOR,
    "url": sf.URL,
    "file": sf.FILE_WORDS,
}
_PREFIX_BOOST = 0.4  # a word the typed one begins counts less than the word itself
_STEM_BOOST = 0.8  # so does another form of the same stem
_PREFIX_EXPANSION = 64  # most terms one typed prefix expands to
_PREFIX_CANDIDATES = _PREFIX_EXPANSION * 8  # lexicon terms looked at for one prefix
_COMMON_SHARE = 0.02  # a typed word in this share of articles is not expanded


def _capped_prefix(searcher: Searcher, field: str, prefix: str) -> list[str]:
    """The prefix's terms, the most frequent first, at most _PREFIX_EXPANSION of them
    (of the first few hundred in the lexicon: a short prefix never walks it all)."""
    reader = searcher.reader()
    try:
        found = prefix_terms(reader, field, prefix, _PREFIX_CANDIDATES)
    except KeyError:
        return []
    terms = [(frequency, text) for text, frequency in found if text != prefix]
    terms.sort(key=lambda ft: (-ft[0], ft[1]))
    return [t for _f, t in terms[:_PREFIX_EXPANSION]]


def _prefix_query(searcher: Searcher, field: str, prefix: str) -> wq.Query | None:
    chosen = _capped_prefix(searcher, field, prefix)
    if not chosen:
        return None
    return wq.Or([wq.Term(field, t, boost=_PREFIX_BOOST) for t in chosen])


def _worth_expanding(searcher: Searcher, token: str) -> bool:
    """A word is also read as a prefix, unless it is already a common word of its
    own (expanding "the" costs much and finds little)."""
    reader = searcher.reader()
    common = max(3, int(reader.doc_count() * _COMMON_SHARE))
    return bool(reader.doc_frequency(sf.BODY, token) < common)


def _tokens(text: str) -> list[str]:
    return [t.text for t in word_tokens(text, "query")]


def _words_query(
    searcher: Searcher, fields: list[str], node: Clause, langs: tuple[str, ...]
) -> wq.Query | None:
    tokens = _tokens(node.text)
    if not tokens:
        return None
    expand = expands_as_prefix(node, tokens) and _worth_expanding(searcher, tokens[-1])
    parts: list[wq.Query] = []
    if len(tokens) == 1:
        token = tokens[0]
        parts.extend(wq.Term(f, token) for f in fields)
        if sf.BODY in fields:
            parts.extend(
                wq.Term(sf.stemmed_body(lang), stemmer(lang)(token), boost=_STEM_BOOST)
                for lang in langs
            )
        if expand:
            found = (_prefix_query(searcher, f, token) for f in fields)
            parts.extend(q for q in found if q is not None)
    else:  # a phrase: its words as written, in order; a phrase being typed ends in a prefix
        for f in fields:
            if not expand:
                parts.append(wq.Phrase(f, tokens))
                continue
            last = [wq.Term(f, tokens[-1])]
            last.extend(wq.Term(f, t) for t in _capped_prefix(searcher, f, tokens[-1]))
            words: list[wq.Query] = [wq.Term(f, t) for t in tokens[:-1]]
            parts.append(wq.Sequence([*words, wq.Or(last)]))
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def _wildcard_query(searcher: Searcher, fields: list[str], text: str) -> wq.Query | None:
    folded = text.casefold()
    if folded.endswith("*") and not any(c in folded[:-1] for c in "*?"):
        parts = [_prefix_query(searcher, f, folded[:-1]) for f in fields]
        found = [p for p in parts if p is not None]
        return wq.Or(found) if found else wq.NullQuery
    return wq.Or([wq.Wildcard(f, folded) for f in fields])


def to_whoosh(searcher: Searcher, node: Node, langs: tuple[str, ...]) -> wq.Query | None:
    if isinstance(node, Group):
        items = [to_whoosh(searcher, item, langs) for item in node.items]
        found = [q for q in items if q is not None]
        if not found:
            return None
        if node.op == "not":
            return wq.Not(found[0])
        if node.op == "or":
            return wq.Or(found)
        return wq.And(found)
    return _clause(searcher, node, langs)


def _clause(searcher: Searcher, node: Clause, langs: tuple[str, ...]) -> wq.Query | None:
    if node.field == "date":
        bounds = date_range(node.text)
        if bounds is None:
            return None
        return wq.NumericRange(sf.DAY_NUMBER, bounds[0], bounds[1])
    if node.field == "language":
        return wq.Term(sf.LANGUAGE, normalise_language(node.text))
    fields = [_TEXT_FIELDS[node.field]] if node.field else [sf.BODY, sf.TITLE]
    if node.kind == "word" and ("*" in node.text or "?" in node.text):
        return _wildcard_query(searcher, fields, node.text)
    return _words_query(searcher, fields, node, langs)


def _has_positive(node: Node) -> bool:
    if isinstance(node, Clause):
        return True
    if node.op == "not":
        return False
    return any(_has_positive(item) for item in node.items)


def _filter(
    outlets: tuple[str, ...], languages: tuple[str, ...], since: str | None, until: str | None
) -> wq.Query | None:
    parts: list[wq.Query] = []
    if outlets:
        parts.append(wq.Or([wq.Term(sf.OUTLET_KEY, o) for o in outlets]))
    if languages:
        parts.append(wq.Or([wq.Term(sf.LANGUAGE, normalise_language(lang)) for lang in languages]))
    if since or until:
        low_range = date_range(since) if since else None
        high_range = date_range(until) if until else None
        low = low_range[0] if low_range else 1
        high = high_range[1] if high_range else 99991231
        parts.append(wq.NumericRange(sf.DAY_NUMBER, low, high))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _facet_counts(groups: dict[Any, int], by_day: bool = False) -> tuple[FacetCount, ...]:
    """Most frequent first; days in calendar order with "undated" last."""
    items = [(str(k) if k is not None else "", v) for k, v in groups.items()]
    if by_day:
        items.sort(key=lambda kv: (kv[0] == sf.UNDATED, kv[0]))
    else:
        items.sort(key=lambda kv: (-kv[1], kv[0]))
    return tuple(FacetCount(k, v) for k, v in items if k)


@dataclass(frozen=True)
class CorpusCounts:
    total: int
    outlets: tuple[FacetCount, ...]
    languages: tuple[FacetCount, ...]
    dates: tuple[FacetCount, ...]


def corpus_counts(searcher: Searcher) -> CorpusCounts:
    """Articles per outlet, language and day over the whole index, from its columns."""
    docs = np.flatnonzero(_matched(searcher, wq.Every(), None)).tolist()
    return CorpusCounts(
        searcher.doc_count(),
        _facet_counts(columns.counts(searcher, sf.OUTLET_KEY, docs)),
        _facet_counts(columns.counts(searcher, sf.LANGUAGE, docs)),
        _facet_counts(columns.counts(searcher, sf.DAY, docs), by_day=True),
    )


def _matched(searcher: Searcher, wquery: wq.Query, allowed: np.ndarray | None) -> np.ndarray:
    """Which documents a query matches (and the filter allows), one flag per document."""
    columns.lengths_in_memory(searcher)
    matched = bulk.score_all(searcher, wquery).matched
    return matched if allowed is None else matched & allowed


def _parsed_query(searcher: Searcher, query: str, langs: tuple[str, ...]) -> wq.Query:
    remember_lexicon(searcher)
    tree = parse(query, strict=False).tree
    wquery = to_whoosh(searcher, tree, langs) if tree is not None else None
    if wquery is None:
        return wq.Every()
    return wquery if tree is None or _has_positive(tree) else wq.And([wq.Every(), wquery])


def run_attention(
    searcher: Searcher, query: str, langs: tuple[str, ...]
) -> tuple[AttentionCell, ...]:
    """Hits of `query` per outlet per day, over every match (lenient parse)."""
    docs = np.flatnonzero(_matched(searcher, _parsed_query(searcher, query, langs), None))
    pairs = columns.pair_counts(searcher, sf.OUTLET_KEY, sf.DAY, docs)
    cells = [AttentionCell(str(outlet), str(day), count) for (outlet, day), count in pairs.items()]
    return tuple(sorted(cells, key=lambda c: (c.outlet, c.day)))


def _by_date(searcher: Searcher, docs: list[int], sort: str, limit: int | None) -> list[int]:
    """Matches newest first ("date": undated last) or oldest first ("-date": undated
    last), then by file, then in index order."""
    files = columns.column(searcher, sf.FILE)
    if sort == "date":
        days = columns.column(searcher, sf.DAY_NUMBER)
        order = sorted(docs, key=lambda d: (-days[d], files[d], d))
    else:
        days = columns.column(searcher, sf.DATE_ORDER)
        order = sorted(docs, key=lambda d: (days[d], files[d], d))
    return order[:limit] if limit else order


def _ranked(
    searcher: Searcher, wquery: wq.Query, allowed: np.ndarray | None, limit: int | None
) -> tuple[list[tuple[int, float]], np.ndarray]:
    """The best `limit` matches by BM25 (ties in index order), and every match."""
    columns.lengths_in_memory(searcher)  # for the parts Whoosh's own matchers score
    scored = bulk.score_all(searcher, wquery)
    matched = scored.matched if allowed is None else scored.matched & allowed
    docs = np.flatnonzero(matched)
    return bulk.top(scored.scores, docs, limit), docs


def run_search(
    searcher: Searcher,
    query: str,
    langs: tuple[str, ...],
    *,
    limit: int | None,
    outlets: tuple[str, ...],
    languages: tuple[str, ...],
    since: str | None,
    until: str | None,
    sort: str,
    strict: bool,
    highlight: int | None = None,
) -> SearchResult:
    """`highlight`: only the first that many hits get fragments (None: every hit).
    The total and the facets count every match; only the hits listed are scored
    (relevance) or sorted (dates)."""
    started = time.perf_counter()
    remember_lexicon(searcher)
    parsed = parse(query, strict=strict)
    tree = parsed.tree
    wquery: wq.Query | None = None
    if tree is not None:
        wquery = to_whoosh(searcher, tree, langs)
        if wquery is not None and not _has_positive(tree):
            wquery = wq.And([wq.Every(), wquery])
    if wquery is None:
        if query.strip():  # only symbols, emoji, brackets ...: say why everything shows
            parsed.notices.append("no searchable words in the query: every article listed")
        wquery = wq.Every()
        if tree is None and sort == "relevance":
            sort = "date"
    narrowing = _filter(outlets, languages, since, until)
    allowed = _matched(searcher, narrowing, None) if narrowing is not None else None
    if sort == "relevance":
        ranked, found = _ranked(searcher, wquery, allowed, limit)
        docs = found.tolist()
    else:
        docs = np.flatnonzero(_matched(searcher, wquery, allowed)).tolist()
        ranked = [(d, 0.0) for d in _by_date(searcher, docs, sort, limit)]
    terms = highlight_terms(tree, langs)
    shown = [d for d, _s in (ranked if highlight is None else ranked[:highlight])]
    stemless = stemless_hits(searcher, terms, shown)
    hits = []
    for rank, (docnum, score) in enumerate(ranked):
        article = article_from_dict(json.loads(searcher.stored_fields(docnum)[sf.ARTICLE]))
        if highlight is not None and rank >= highlight:
            hits.append(_hit(article, score, None))
            continue
        chosen = replace(terms, stems=()) if docnum in stemless else terms
        spans = match_spans(article.text, chosen, article.language)
        hits.append(_hit(article, score, spans))
    facets = Facets(
        outlets=_facet_counts(columns.counts(searcher, sf.OUTLET_KEY, docs)),
        languages=_facet_counts(columns.counts(searcher, sf.LANGUAGE, docs)),
        dates=_facet_counts(columns.counts(searcher, sf.DAY, docs), by_day=True),
    )
    if not docs and not strict and (short := _short_word(tree)):
        parsed.notices.append(
            f"no article has the word {short!r}; prefixes match from {MIN_PREFIX} letters"
        )
    notice = "; ".join(parsed.notices) or None
    return SearchResult(
        query, len(docs), tuple(hits), facets, time.perf_counter() - started, notice
    )


def _short_word(tree: Node | None) -> str | None:
    """The query's one bare word, if it is too short to match as a prefix."""
    if not isinstance(tree, Clause) or tree.kind != "word" or tree.field is not None:
        return None
    tokens = _tokens(tree.text)
    if len(tokens) != 1 or expands_as_prefix(tree, tokens) or "*" in tree.text:
        return None
    word = tokens[0]
    return word if len(word) < MIN_PREFIX and not word.isdigit() else None


def _hit(article: Article, score: float, spans: tuple[Any, ...] | None) -> Hit:
    """A hit; with spans None, one without fragments (not highlighted yet)."""
    return Hit(
        id=article.id,
        file=article.file,
        entry=article.entry,
        outlet=article.outlet,
        title=article.title,
        display_title=article.display_title,
        date=article.date,
        date_confidence=article.meta.date.confidence,
        language=article.language,
        score=float(score),
        fragments=fragments(article.text, spans) if spans is not None else (),
    )


def hit_fragments(article: Article, query: str, langs: tuple[str, ...]) -> tuple[Fragment, ...]:
    """The fragments a hit of `query` on this article shows (lenient parse)."""
    terms = highlight_terms(parse(query, strict=False).tree, langs)
    return fragments(article.text, match_spans(article.text, terms, article.language))


def article_spans(article: Article, query: str | None, langs: tuple[str, ...]) -> tuple[Any, ...]:
    """The spans of `query`'s matches in the article's text (lenient parse)."""
    if not query or not query.strip():
        return ()
    terms = highlight_terms(parse(query, strict=False).tree, langs)
    return match_spans(article.text, terms, article.language)
