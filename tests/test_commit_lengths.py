"""index.commit_lengths writes the same postings, block lengths and field lengths as
Whoosh's own segment flush."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from whoosh import writing
from whoosh.filedb.filestore import FileStorage

from index import BUNDLED_CORPUS, commit_lengths, schema


def _build(corpus: Path, where: Path) -> dict[Any, Any]:
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    ix = FileStorage(str(where)).create_index(schema.build_schema())
    writer = ix.writer()
    for number, path in enumerate(sorted(corpus.glob("*.txt"))):
        text = path.read_text("utf-8")
        writer.add_document(
            **{schema.ID_FIELD: f"a{number}", schema.FILE: path.name, schema.BODY: text}
        )
    writer.commit()
    found: dict[Any, Any] = {}
    with ix.reader() as reader:
        for fieldname, term in reader.all_terms():
            postings = reader.postings(fieldname, term)
            items = []
            while postings.is_active():
                items.append(
                    (
                        postings.id(),
                        postings.weight(),
                        postings.value(),
                        postings.block_min_length(),
                        postings.block_max_length(),
                    )
                )
                postings.next()
            found[(fieldname, term)] = items
        for fieldname in ix.schema.names():
            found[fieldname] = [
                reader.doc_field_length(docnum, fieldname)
                for docnum in range(reader.doc_count_all())
            ]
    return found


def test_the_flush_writes_what_whoosh_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert writing.SegmentWriter._flush_segment is commit_lengths._flush_segment
    ours = _build(BUNDLED_CORPUS, tmp_path / "ours")
    monkeypatch.setattr(writing.SegmentWriter, "_flush_segment", commit_lengths.WHOOSH_FLUSH)
    theirs = _build(BUNDLED_CORPUS, tmp_path / "whoosh")
    assert ours == theirs and len(ours) > 500
