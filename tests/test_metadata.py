"""Metadata: inference from URLs and text, language detection, priorities and checks."""

from __future__ import annotations

import datetime as dt

import pytest

from index.metadata import (
    detect_language,
    infer_from_text,
    infer_from_url,
    normalise_language,
    outlet_from_host,
    parse_date,
    resolve,
    timestamp_in,
)
from index.models import CONFIRMED, INFERRED, UNKNOWN
from index.readers import Candidate

TODAY = dt.date(2026, 1, 1)
BODY = "Words of the article go on here in plain sentences. " * 4


def dates(found: list[Candidate]) -> list[str]:
    return [c.value for c in found if c.field == "date"]


def authors(text: str) -> list[str]:
    return [c.value for c in infer_from_text(text) if c.field == "author"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.de/politik/2025/07/15/a.html", ["2025-07-15"]),
        ("https://x.com/news/2025-07-15/story", ["2025-07-15"]),
        ("https://x.com/news/2025-7-5-story", ["2025-07-05"]),
        ("https://x.com/news/20250715/story", ["2025-07-15"]),
        ("https://x.com/news/story-20240229", ["2024-02-29"]),
        ("https://x.com/2025/07/some-story", ["2025-07"]),
        ("https://x.com/2025/02/30/impossible", []),
        ("https://x.com/2025/13/01/impossible", []),
        ("https://x.com/about/team", []),
    ],
)
def test_dates_in_url_paths(url: str, expected: list[str]) -> None:
    assert dates(infer_from_url(url, TODAY)) == expected


def test_a_month_from_the_url_says_the_day_is_unknown() -> None:
    found = [c for c in infer_from_url("https://x.com/2025/07/story", TODAY) if c.field == "date"]
    assert found[0].confidence == INFERRED and "day is not known" in found[0].note


def test_unix_timestamps_in_ids() -> None:
    long_run = "https://kizaemonruihayato.beamstart.com/news/meta-ais-astonishing-shift-will-17525683235578"
    found = [c for c in infer_from_url(long_run, TODAY) if c.field == "date"]
    assert [c.value for c in found] == ["2025-07-15T08:32:03Z"]
    assert "17525683235578" in found[0].note and "Unix timestamp" in found[0].note
    assert dates(infer_from_url("https://x.com/a?id=1752568323", TODAY)) == ["2025-07-15T08:32:03Z"]
    assert dates(infer_from_url("https://x.com/a-1752568323557", TODAY)) == ["2025-07-15T08:32:03Z"]
    assert timestamp_in("order 9999999999", TODAY) is None  # after today
    assert timestamp_in("tel 0301234567", TODAY) is None  # before 2000
    assert timestamp_in("short 175256832", TODAY) is None  # nine digits are no timestamp
    assert timestamp_in("id 1752568323", dt.date(2025, 7, 1)) is None  # later than "today"


def test_outlet_from_the_registrable_host() -> None:
    assert outlet_from_host("https://www.newsbytesapp.com/news/x") == "newsbytesapp.com"
    assert outlet_from_host("https://m.spiegel.de/a") == "spiegel.de"
    assert outlet_from_host("https://amp.theguardian.com/a") == "theguardian.com"
    assert outlet_from_host("https://kizaemonruihayato.beamstart.com/news/x") == "beamstart.com"
    assert outlet_from_host("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert outlet_from_host("https://WWW.Example.ORG./x") == "example.org"
    assert outlet_from_host("https://someone.blogspot.com/x") == "someone.blogspot.com"
    assert outlet_from_host("https://city.kawasaki.jp/x") == "city.kawasaki.jp"  # an exception
    # punycode is looked up as the name it stands for, and kept as written: a Unicode
    # name can pass for another site's
    assert outlet_from_host("https://news.xn--h1aax.xn--p1ai/x") == "xn--h1aax.xn--p1ai"
    assert outlet_from_host("https://xn--80ak6aa92e.com/x") == "xn--80ak6aa92e.com"
    assert outlet_from_host("https://a.b.xn--p1ai/x") == "b.xn--p1ai"
    assert outlet_from_host("https://xn--zz.example/x") == "xn--zz.example"  # not punycode
    for bad in ("not a url", "http://localhost/x", "http://192.168.0.1/x", "http://[::1]/x", ""):
        assert outlet_from_host(bad) is None
    found = infer_from_url("https://www.imp.news/business/x")
    assert [(c.value, c.source, c.confidence) for c in found if c.field == "outlet"] == [
        ("imp.news", "url", INFERRED)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published July 15, 2025 — Meta said", "2025-07-15"),
        ("Updated: Jul. 3 2025, 10:00", "2025-07-03"),
        ("London, 15th July 2025 - The council", "2025-07-15"),
        ("Berlin, 3. März 2025. Die Regierung", "2025-03-03"),
        ("Wien, 7. Jänner 2025", "2025-01-07"),
        ("Paris, le 14 juillet 2025, le président", "2025-07-14"),
        ("Publié le 1er août 2025", "2025-08-01"),
        ("Madrid, 2 de mayo de 2025", "2025-05-02"),
        ("Stand: 15.07.2025", "2025-07-15"),
        ("Posted 2025-07-15 by the desk", "2025-07-15"),
    ],
)
def test_dates_written_in_text_in_several_languages(text: str, expected: str) -> None:
    found = [c for c in infer_from_text(text) if c.field == "date"]
    assert [c.value for c in found] == [expected]
    assert found[0].source == "text" and found[0].confidence == INFERRED and found[0].note


def test_no_date_from_impossible_relative_or_far_down_dates() -> None:
    assert dates(infer_from_text("It happened on 31 February 2025.")) == []
    assert dates(infer_from_text("Andrew Lee 15h ago\nThe story")) == []
    assert dates(infer_from_text("No date here at all.")) == []
    assert dates(infer_from_text(BODY * 10 + " July 15, 2025")) == []  # not near the top


def test_bylines() -> None:
    assert authors("Headline\nBy Jane Doe | Reuters\nText") == ["Jane Doe"]
    assert authors("Von Max Mustermann\nText") == ["Max Mustermann"]
    assert authors("Par Claire Martin, à Paris\nTexte") == ["Claire Martin"]
    assert authors("By Jane Doe and John Smith\nText") == ["Jane Doe and John Smith"]
    assert authors("by the way this is prose") == []
    assert authors(BODY) == []


def test_parse_date_normalises_to_iso_8601() -> None:
    assert parse_date("2025-07-15") == "2025-07-15"
    assert parse_date("2025-07") == "2025-07"
    assert parse_date("2025-07-15T08:32:03+00:00") == "2025-07-15T08:32:03Z"
    assert parse_date("2025-07-15 10:00:00+02:00") == "2025-07-15T10:00:00+02:00"
    assert parse_date("15 July 2025") == "2025-07-15"
    assert parse_date("Tue, 15 Jul 2025 10:00:00 +0200") == "2025-07-15T10:00:00+02:00"
    for bad in ("2025-13-45", "2025-02-29", "July", "2025", "soon", ""):
        assert parse_date(bad) is None, bad


def test_impossible_dates_are_rejected_with_a_warning() -> None:
    meta, warnings = resolve(
        [Candidate("date", "2025-13-45", "front-matter", CONFIRMED)], BODY, today=TODAY
    )
    assert meta.date.value is None and meta.date.confidence == UNKNOWN
    assert len(warnings) == 1 and "2025-13-45" in warnings[0]


def test_future_dates_are_kept_but_flagged() -> None:
    meta, warnings = resolve(
        [Candidate("date", "2031-01-01", "front-matter", CONFIRMED)], BODY, today=TODAY
    )
    assert meta.date.value == "2031-01-01" and meta.date.confidence == CONFIRMED
    assert "future" in meta.date.note and any("future" in w for w in warnings)


def test_language_detection() -> None:
    english = "The city council voted on Tuesday to expand the tram network across the river."
    german = (
        "Der Stadtrat hat am Dienstag beschlossen, das Straßenbahnnetz über den Fluss zu erweitern."
    )
    french = (
        "Le conseil municipal a voté mardi l'extension du réseau de tramway vers la rive gauche."
    )
    japanese = (
        "メタは新しい人工知能モデルの開発を検討しており、オープンソースの方針を見直している。" * 2
    )
    for text, code in ((english, "en"), (german, "de"), (french, "fr"), (japanese, "ja")):
        found = detect_language(text)
        assert found is not None and found.value == code
        assert (found.source, found.confidence) == ("detected", INFERRED)
    assert detect_language("Too short to tell") is None
    meta, _ = resolve([], "Too short to tell")
    assert meta.language.value is None and meta.language.confidence == UNKNOWN


@pytest.mark.parametrize(
    ("raw", "code"),
    [("en-US", "en"), ("DE_de", "de"), ("FR", "fr"), ("German", "de"), ("deu", "de"),
     ("français", "fr"), (" ja ", "ja"), ("zh-Hant-TW", "zh")],
)  # fmt: skip
def test_language_codes_are_normalised(raw: str, code: str) -> None:
    assert normalise_language(raw) == code


def test_a_stated_language_beats_detection_and_is_normalised() -> None:
    meta, _ = resolve([Candidate("language", "en-GB", "front-matter", CONFIRMED)], BODY)
    assert (meta.language.value, meta.language.source) == ("en", "front-matter")


def test_priority_manifest_over_file_over_url_over_text_over_detection() -> None:
    text = "Published July 1, 2025.\n" + BODY
    url = Candidate("url", "https://www.example.com/2025/07/03/story", "front-matter", CONFIRMED)
    meta, _ = resolve(
        [
            url,
            Candidate("date", "2025-07-02", "front-matter", CONFIRMED),
            Candidate("outlet", "Front Matter Outlet", "front-matter", CONFIRMED),
            Candidate("outlet", "The Manifest Outlet", "manifest", INFERRED, "from the archive"),
        ],
        text,
    )
    assert (meta.outlet.value, meta.outlet.source, meta.outlet.confidence, meta.outlet.note) == (
        "The Manifest Outlet", "manifest", INFERRED, "from the archive")  # fmt: skip
    assert (meta.date.value, meta.date.source) == ("2025-07-02", "front-matter")
    meta, _ = resolve([url], text)
    assert (meta.date.value, meta.date.source, meta.date.confidence) == (
        "2025-07-03", "url", INFERRED)  # fmt: skip
    assert (meta.outlet.value, meta.outlet.source) == ("example.com", "url")
    meta, _ = resolve([], text)
    assert (meta.date.value, meta.date.source, meta.date.confidence) == (
        "2025-07-01", "text", INFERRED)  # fmt: skip
    assert (meta.language.source, meta.language.value) == ("detected", "en")
    for name in ("title", "author", "url", "outlet"):
        assert meta.field(name).confidence == UNKNOWN and meta.field(name).source == "none"


def test_a_confirmed_value_beats_an_inferred_one_of_the_same_source() -> None:
    meta, _ = resolve(
        [
            Candidate("date", "2025-07-01", "html-meta", INFERRED, "last modified"),
            Candidate("date", "2025-06-30", "html-meta", CONFIRMED),
        ],
        BODY,
    )
    assert (meta.date.value, meta.date.confidence) == ("2025-06-30", CONFIRMED)


def test_dates_are_looked_for_in_the_context_and_bounds_drop_inferred_dates() -> None:
    raw = "Site Logo\nUpdated 14 July 2025\n" + BODY
    meta, _ = resolve([], BODY, context=raw)
    assert meta.date.value == "2025-07-14"
    meta, _ = resolve([], BODY, context=raw, date_earliest="2025-07-15", date_latest="2025-07-20")
    assert meta.date.value is None
    assert (meta.date_earliest, meta.date_latest) == ("2025-07-15", "2025-07-20")


def test_a_stated_date_outside_the_bounds_is_kept_with_a_warning() -> None:
    meta, warnings = resolve(
        [Candidate("date", "2025-08-01", "manifest", CONFIRMED)], BODY, date_latest="2025-07-20"
    )
    assert meta.date.value == "2025-08-01" and any("bounds" in w for w in warnings)


def test_a_number_in_the_url_that_disagrees_with_the_text_is_not_taken_for_a_time() -> None:
    url = Candidate("url", "https://x.example/story-1262304000", "record", CONFIRMED)  # 2010
    meta, _ = resolve([url], "Published July 15, 2025.\n" + BODY, today=TODAY)
    assert (meta.date.value, meta.date.source) == ("2025-07-15", "text")
    meta, _ = resolve([url], BODY, today=TODAY)
    assert meta.date.value == "2010-01-01T00:00:00Z" and meta.date.source == "url"


def test_unknown_notes_explain_fields_that_stay_unknown() -> None:
    meta, _ = resolve(
        [], BODY, unknown_notes=[("title", "none on the page"), ("author", "not found")]
    )
    assert (meta.title.value, meta.title.confidence, meta.title.note) == (
        None, UNKNOWN, "none on the page")  # fmt: skip
    meta, _ = resolve(
        [Candidate("title", "A Title", "text", INFERRED)], BODY, unknown_notes=[("title", "x")]
    )
    assert meta.title.value == "A Title"  # evidence found in the file still counts


def test_extra_keys_pass_through() -> None:
    meta, _ = resolve([], BODY, extra=(("desk", "city"),))
    assert meta.extra == (("desk", "city"),)
