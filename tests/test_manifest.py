"""The sidecar manifest: TOML and CSV forms, lookups, fingerprints, broken manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import ReadError
from index.manifest import Manifest, load_manifest
from index.models import CONFIRMED, INFERRED

GOOD_TOML = """
[defaults]
language = "en"
outlet = { value = "Wire", confidence = "inferred", note = "the agency" }

[[article]]
file = "./news/a.txt"
outlet = "A Times"
url = "https://a.example/1"
date = { value = "2025-07-15", confidence = "inferred", note = "from the archive", after = "2025-07-14" }
author = { confidence = "unknown", note = "not found" }

[[article]]
file = "b.txt"
date = { after = 2025-07-14, before = 2025-07-20, note = "mid-July" }

[[article]]
file = "feed.jsonl"
outlet = "Feed Daily"

[[article]]
file = "feed.jsonl"
entry = 2
title = "The third entry"
date = 2025-07-16T08:00:00Z
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(folder: Path) -> Manifest:
    manifest = load_manifest(folder)
    assert manifest is not None
    return manifest


def test_no_manifest_is_none(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) is None


def test_toml_values_confidences_notes_and_bounds(tmp_path: Path) -> None:
    write(tmp_path, "manifest.toml", GOOD_TOML)
    manifest = load(tmp_path)
    assert manifest.files() == {"news/a.txt", "b.txt", "feed.jsonl"}
    a = manifest.lookup("news/a.txt", None)
    by_field = {c.field: c for c in a.candidates}
    assert (by_field["outlet"].value, by_field["outlet"].confidence) == ("A Times", CONFIRMED)
    assert by_field["language"].value == "en"  # from the defaults
    assert all(c.source == "manifest" for c in a.candidates)
    date = by_field["date"]
    assert (date.value, date.confidence, date.note) == ("2025-07-15", INFERRED, "from the archive")
    assert (a.date_earliest, a.date_latest) == ("2025-07-14", None)
    assert dict(a.unknown_notes) == {"author": "not found"}
    b = manifest.lookup("b.txt", None)
    assert "date" not in {c.field for c in b.candidates}
    assert (b.date_earliest, b.date_latest) == ("2025-07-14", "2025-07-20")
    assert dict(b.unknown_notes) == {"date": "mid-July"}
    outlet_b = next(c for c in b.candidates if c.field == "outlet")
    assert (outlet_b.value, outlet_b.confidence, outlet_b.note) == ("Wire", INFERRED, "the agency")


def test_an_entry_of_a_file_over_the_file_over_the_defaults(tmp_path: Path) -> None:
    write(tmp_path, "manifest.toml", GOOD_TOML)
    manifest = load(tmp_path)
    third = {c.field: c.value for c in manifest.lookup("feed.jsonl", 2).candidates}
    assert third["title"] == "The third entry" and third["outlet"] == "Feed Daily"
    assert third["date"] == "2025-07-16T08:00:00Z"  # a TOML datetime, in ISO 8601
    first = {c.field: c.value for c in manifest.lookup("feed.jsonl", 0).candidates}
    assert "title" not in first and first["outlet"] == "Feed Daily"
    other = {c.field: c.value for c in manifest.lookup("unknown.txt", None).candidates}
    assert other == {"language": "en", "outlet": "Wire"}


def test_csv_form(tmp_path: Path) -> None:
    write(
        tmp_path,
        "manifest.csv",
        "\ufefffile,entry,Outlet,date,date_confidence,date_note,date_after,date_before,title\n"
        "a.txt,,CSV Times,2025-03-05,inferred,from the index,,,\n"
        "b.txt,,CSV Times,,,mid-July,2025-07-14,2025-07-20,\n"
        "c.jsonl,1,,,,,,,Second entry\n"
        ",,,,,,,,\n",
    )
    manifest = load(tmp_path)
    a = {c.field: c for c in manifest.lookup("a.txt", None).candidates}
    assert (a["outlet"].value, a["outlet"].confidence) == ("CSV Times", CONFIRMED)
    assert (a["date"].value, a["date"].confidence, a["date"].note) == (
        "2025-03-05", INFERRED, "from the index")  # fmt: skip
    b = manifest.lookup("b.txt", None)
    assert (b.date_earliest, b.date_latest, dict(b.unknown_notes)) == (
        "2025-07-14", "2025-07-20", {"date": "mid-July"})  # fmt: skip
    assert [c.value for c in manifest.lookup("c.jsonl", 1).candidates] == ["Second entry"]
    assert manifest.lookup("c.jsonl", 0).candidates == ()


def test_toml_wins_over_csv_and_the_fingerprint_follows_the_bytes(tmp_path: Path) -> None:
    write(tmp_path, "manifest.csv", "file,outlet\na.txt,CSV\n")
    toml = write(tmp_path, "manifest.toml", '[[article]]\nfile = "a.txt"\noutlet = "TOML"\n')
    first = load(tmp_path)
    assert first.path.name == "manifest.toml"
    assert load(tmp_path).fingerprint == first.fingerprint
    toml.write_text('[[article]]\nfile = "a.txt"\noutlet = "TOML 2"\n', encoding="utf-8")
    assert load(tmp_path).fingerprint != first.fingerprint


def test_an_empty_manifest_is_valid(tmp_path: Path) -> None:
    write(tmp_path, "manifest.toml", "# nothing yet\n")
    assert load(tmp_path).entries == {}


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[[article]\n", "not valid TOML"),
        ('[[article]]\noutlet = "x"\n', "article #1 has no 'file'"),
        ('[[article]]\nfile = "a.txt"\npublisher = "x"\n', "article #1 (a.txt): unknown key 'publisher'"),
        ('[[article]]\nfile = "a.txt"\ndate = { value = "x", confidence = "sure" }\n', "confidence"),
        ('[[article]]\nfile = "a.txt"\ndate = { after = "July" }\n', "date bound 'July'"),
        ('[[article]]\nfile = "a.txt"\ndate = "2025-13-45"\n', "date '2025-13-45' is not a date"),
        ('[[article]]\nfile = "a.txt"\ndate = { after = 2025-07-20, before = 2025-07-01 }\n', "later than"),
        ('[[article]]\nfile = "a.txt"\ntitle = { value = "x", colour = "red" }\n', "unknown key 'colour'"),
        ('[[article]]\nfile = "a.txt"\ntitle = 5\n', "title must be a string"),
        ('[[article]]\nfile = "a.txt"\ntitle = { confidence = "confirmed" }\n', "title has no value"),
        ('[[article]]\nfile = "a.txt"\nentry = -1\n', "'entry' must be a whole number"),
        ('[[article]]\nfile = "../a.txt"\n', "relative to the corpus root"),
        ('[[article]]\nfile = "a.txt"\n[[article]]\nfile = "a.txt"\n', "described twice"),
        ('[articles]\nfile = "a.txt"\n', "unknown table 'articles'"),
        ("article = 3\n", "'article' must be an array of tables"),
    ],
)  # fmt: skip
def test_broken_toml_is_named_with_the_key_at_fault(tmp_path: Path, text: str, needle: str) -> None:
    write(tmp_path, "manifest.toml", text)
    with pytest.raises(ReadError) as caught:
        load_manifest(tmp_path)
    message = str(caught.value)
    assert message.startswith("manifest.toml: ") and "\n" not in message
    assert needle in message, message


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("outlet,date\nX,2025-01-01\n", "line 1: the header has no 'file' column"),
        ("file,publisher\na.txt,X\n", "line 1: unknown column 'publisher'"),
        ("file,entry\na.txt,first\n", "line 2: 'entry' must be a whole number"),
        ("file,outlet\na.txt,X\n,Y\n", "line 3 has no 'file'"),
        ("file,outlet\na.txt,X,extra\n", "line 2 has more cells"),
        ("file,date\na.txt,2025-02-30\n", "line 2 (a.txt): date '2025-02-30' is not a date"),
        ("file,date_confidence,date\na.txt,maybe,2025-01-01\n", "confidence must be one of"),
        ('file,outlet\n"a.txt,X\n', "not valid CSV"),
    ],
)
def test_broken_csv_is_named_with_the_line_at_fault(tmp_path: Path, text: str, needle: str) -> None:
    write(tmp_path, "manifest.csv", text)
    with pytest.raises(ReadError) as caught:
        load_manifest(tmp_path)
    message = str(caught.value)
    assert message.startswith("manifest.csv: ") and "\n" not in message
    assert needle in message, message


def test_a_manifest_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_bytes(b'[[article]]\nfile = "\xff.txt"\n')
    with pytest.raises(ReadError, match=r"^manifest\.toml: not UTF-8"):
        load_manifest(tmp_path)
