"""The corpus analyses a `Library` answers (frames, quotes, story beats, reuse): each
worked out once per searcher from the articles and the facts cached beside the index.

Rule kept here: the work runs outside the library's lock, so searches go on meanwhile;
an answer is kept only if the index did not change while it was worked out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.analysis import ArticleFrames, Beat, Beats, Facts, FrameLexicon, Quote, Reuse
    from index.models import Article


GROUPING = "beat-grouping"  # the kept answer beats are updated from


class Analyses:
    """The analysis half of `Library`; the other half opens the index and lists articles."""

    _lock: threading.RLock
    _generation: Path | None
    _searcher: Any
    _texts: tuple[Article, ...] | None
    _analysed: tuple[tuple[Article, ...], list[Facts]] | None
    _answers: dict[tuple[str, str], Any]
    _serial: int
    lexicon: Path | None

    def _open(self) -> Any:
        raise NotImplementedError

    def articles(self, *, text: bool = True) -> tuple[Article, ...]:
        raise NotImplementedError

    def _corpus_texts(self) -> tuple[Article, ...]:
        """Every article with its text, read once per searcher."""
        with self._lock:
            self._open()
            texts, serial = self._texts, self._serial
        if texts is None:
            texts = self.articles()
            with self._lock:
                if serial == self._serial:
                    self._texts = texts
        return texts

    def _analysis_input(
        self, among: Collection[str] | None = None
    ) -> tuple[tuple[Article, ...], list[Facts]]:
        """Every article (or those whose id is in `among`) with its facts: from the
        analysis cache built with the index, worked out now for any article the cache
        lacks. Computed outside the lock, so searches go on meanwhile."""
        from index import analysis_cache
        from index.analysis.facts import facts_for

        with self._lock:
            self._open()
            analysed, generation, serial = self._analysed, self._generation, self._serial
        if analysed is None:
            articles = self._corpus_texts()
            facts = facts_for(articles, analysis_cache.load(generation, articles))
            analysed = (articles, facts)
            with self._lock:
                if serial == self._serial:
                    self._analysed = analysed
        if among is None:
            return analysed
        wanted = set(among)
        kept = [(a, f) for a, f in zip(*analysed, strict=True) if a.id in wanted]
        return tuple(a for a, _ in kept), [f for _, f in kept]

    def _answer(
        self,
        name: str,
        key: str,
        compute: Callable[[], Any],
        among: Collection[str] | None,
        update: Callable[[Any], Any] | None = None,
    ) -> Any:
        """An analysis' answer, worked out once per index commit: kept in memory for
        this searcher and beside the index for later processes (`index.answers_cache`),
        worked out outside the lock; with `update`, from the answer kept for an earlier
        commit where there is one (`update(previous)`, None where it does not fit). The
        answer for some of the articles (`among`) is worked out at each call."""
        from index import answers_cache

        if among is not None:
            return compute()
        with self._lock:
            if (name, key) in self._answers:
                return self._answers[(name, key)]
            folder, commit, serial = self._kept_place()
        value = None
        if folder is not None:
            value = answers_cache.load(folder, name, key, commit, self._corpus_texts())
        if value is None:
            if folder is not None and update is not None:
                kept = answers_cache.load_latest(folder, name, key, self._corpus_texts())
                try:
                    value = update(kept[1]) if kept is not None else None
                except Exception:  # a kept file that reads but does not fit: work it out
                    value = None
            if value is None:
                value = compute()
            if folder is not None:
                answers_cache.save(folder, name, key, commit, value)
        with self._lock:
            if serial == self._serial:
                self._answers[(name, key)] = value
        return value

    def _kept_place(self) -> tuple[Path | None, int, int]:
        """Where answers are kept beside the index (None: an index without commits, kept
        nowhere), the commit they are worked out on, and the searcher's serial."""
        with self._lock:
            searcher = self._open()
            generation, serial = self._generation, self._serial
            commit = searcher.reader().generation()
        if commit is None or commit < 0:
            return None, -1, serial
        return generation, commit, serial

    def frames(
        self, lexicon: Path | str | None = None, among: Collection[str] | None = None
    ) -> tuple[tuple[ArticleFrames, ...], FrameLexicon]:
        """Each article's frames, tone and hedging (from the analysis built with the
        index; another lexicon is scored on the cached sentences), with the lexicon
        used (the bundled one unless a TOML file is given). Each analysis method takes
        `among`, the ids of the articles to analyse when not all of them. After a
        change, quotes and reuse are updated from the answers kept for the commit before
        (only the new articles compared with the others); frames, each article's own,
        are put together again from the cached facts (at 10k, 0.7 s against 1 s to read
        the kept answer)."""
        from index.analysis import analyse_frames, load_lexicon

        chosen = load_lexicon(lexicon if lexicon is not None else self.lexicon)

        def compute() -> tuple[ArticleFrames, ...]:
            articles, facts = self._analysis_input(among)
            return analyse_frames(articles, chosen, facts)

        key = f"{chosen.path}:{chosen.fingerprint}"
        return self._answer("frames", key, compute, among), chosen

    def quotes(self, among: Collection[str] | None = None) -> tuple[Quote, ...]:
        """The quote ledger: every direct quote with its speaker, conflicts flagged."""
        from index.analysis import Quote, find_quotes, update_quotes

        def update(previous: Any) -> tuple[Quote, ...] | None:
            if not _all_of(previous, Quote):
                return None
            return update_quotes(previous, *self._analysis_input())

        result: tuple[Quote, ...] = self._answer(
            "quotes", "", lambda: find_quotes(*self._analysis_input(among)), among, update
        )
        return result

    def claims(self) -> tuple[Beat, ...]:
        """Story beats: claim sentences grouped across articles, with their mentions."""
        return self.beats().beats

    def beats(self, among: Collection[str] | None = None) -> Beats:
        """Story beats with how they were grouped (by meaning and words, or words alone,
        and why). The English sentences' embeddings are worked out on first use (the
        model loads then: seconds) and kept in the analysis cache beside the index. The
        corpus's grouping is kept beside the index too: after a change, the articles kept
        keep their beats and only the new ones are grouped (`index.analysis.beat_updates`)."""
        from index import analysis_cache, answers_cache
        from index.analysis import Grouping, group_beats, update_beats

        def compute() -> Beats:
            articles, facts = self._analysis_input(among)
            with self._lock:
                generation = self._generation
            store = analysis_cache.Embeddings(generation) if generation is not None else None
            if among is not None:
                return group_beats(articles, facts=facts, store=store)
            folder, commit, _serial = self._kept_place()
            kept = answers_cache.load_latest(folder, GROUPING, "") if folder else None
            previous = kept[1] if kept and isinstance(kept[1], Grouping) else None
            beats, grouping = update_beats(articles, previous, facts=facts, store=store)
            if folder is not None:
                answers_cache.save(folder, GROUPING, "", commit, grouping)
            return beats

        result: Beats = self._answer("claims", "", compute, among)
        return result

    def pair_beats(self, left: Article, right: Article) -> Beats:
        """The beats of two articles read side by side, grouped as the corpus's are, each
        article's facts and its sentences' embeddings taken from the cache beside the
        index where kept: only an article's first comparison embeds it."""
        from index import analysis_cache
        from index.analysis import group_beats

        with self._lock:
            self._open()
            generation = self._generation
        pair = [left, right]
        store = analysis_cache.Embeddings(generation) if generation is not None else None
        return group_beats(pair, facts=analysis_cache.load(generation, pair), store=store)

    def prepare_beats(self) -> None:
        """Loads the sentence model in the calling thread (seconds, once a process), so
        beats asked for next do not wait for it: the app calls this in a worker when an
        article is marked for comparison. Where the model cannot load, nothing happens
        here; the beats then say why they were grouped by words."""
        from index.analysis.embed import preload

        preload()

    def reuse(self, among: Collection[str] | None = None) -> Reuse:
        """Passages articles share, the likely original of each pair, near-duplicate groups."""
        from index.analysis import Reuse, find_reuse, update_reuse

        def update(previous: Any) -> Reuse | None:
            if not isinstance(previous, Reuse):
                return None
            return update_reuse(previous, *self._analysis_input())

        result: Reuse = self._answer(
            "reuse", "", lambda: find_reuse(*self._analysis_input(among)), among, update
        )
        return result


def _all_of(answer: Any, kind: type) -> bool:
    """Whether a kept answer is a tuple of `kind` (a file read to be updated)."""
    return isinstance(answer, tuple) and all(isinstance(item, kind) for item in answer)
