"""The hostile corpus, written and indexed once for the hardening tests that only read it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from index import BuildSummary, Library
from tests.hardening.hostile import write_corpus


@dataclass(frozen=True)
class Hostile:
    corpus: Path
    index: Path
    library: Library
    summary: BuildSummary

    def reasons(self) -> dict[str, str]:
        """file -> reason, for skipped files and warnings alike."""
        lines = [*self.summary.skipped, *self.summary.warnings]
        return {line.file: line.reason for line in lines}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    root = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(root / "corpus")
    library = Library(corpus, root / "ix")
    summary = library.build(workers=1)
    yield Hostile(corpus, root / "ix", library, summary)
    library.close()
