"""Metadata: inference from URLs and text, language detection, priorities, chrome."""

from __future__ import annotations

import datetime as dt

from index.chrome import strip_chrome
from index.metadata import (
    detect_language,
    infer_from_text,
    infer_from_url,
    parse_date,
    resolve,
    timestamp_in,
)
from index.models import INFERRED
from index.readers import Candidate


def values(cands: list[Candidate], field: str) -> list[str]:
    return [c.value for c in cands if c.field == field]


def test_dates_in_url_paths() -> None:
    assert values(infer_from_url("https://x.de/politik/2025/07/15/a.html"), "date") == [
        "2025-07-15"
    ]
    assert values(infer_from_url("https://x.com/news/20240229-leap"), "date") == ["2024-02-29"]
    assert values(infer_from_url("https://x.com/2025/07/some-story"), "date") == ["2025-07"]
    assert values(infer_from_url("https://x.com/2025/02/30/bad"), "date") == []


def test_unix_timestamp_in_an_id() -> None:
    url = "https://kizaemonruihayato.beamstart.com/news/meta-ais-astonishing-shift-will-17525683235578"
    found = infer_from_url(url)
    assert values(found, "date") == ["2025-07-15T08:32:03Z"]
    assert "Unix timestamp" in next(c.note for c in found if c.field == "date")
    assert timestamp_in("id=1752568323") == dt.datetime(2025, 7, 15, 8, 32, 3, tzinfo=dt.UTC)
    assert timestamp_in("order 9999999999") is None  # after today: not a publication time
    assert timestamp_in("tel 0301234567") is None  # before 2000


def test_outlet_from_host() -> None:
    assert values(infer_from_url("https://www.newsbytesapp.com/a"), "outlet") == [
        "newsbytesapp.com"
    ]
    assert values(infer_from_url("https://m.spiegel.de/a"), "outlet") == ["spiegel.de"]
    assert values(infer_from_url("not a url"), "outlet") == []


def test_dates_written_in_text_in_several_languages() -> None:
    assert values(infer_from_text("Published July 15, 2025 — Meta said"), "date") == ["2025-07-15"]
    assert values(infer_from_text("Berlin, 3. März 2025. Die Regierung"), "date") == ["2025-03-03"]
    assert values(infer_from_text("Paris, le 14 juillet 2025, le président"), "date") == [
        "2025-07-14"
    ]
    assert values(infer_from_text("Stand: 15.07.2025"), "date") == ["2025-07-15"]
    assert values(infer_from_text("No date here at all."), "date") == []
    # a word that is no month in the month's place is passed over, not taken for one
    assert values(infer_from_text("Mayday 5, 2025 came first. Sept. 5 2025"), "date") == [
        "2025-09-05"
    ]
    assert values(infer_from_text("Updated: 15TH jänner 2025"), "date") == ["2025-01-15"]
    assert values(infer_from_text("el 3 de septiembre de 2024"), "date") == ["2024-09-03"]


def test_bylines() -> None:
    assert values(infer_from_text("Headline\nBy Jane Doe | Reuters\nText"), "author") == [
        "Jane Doe"
    ]
    assert values(infer_from_text("Von Max Mustermann\nText"), "author") == ["Max Mustermann"]
    assert values(infer_from_text("by the way this is prose"), "author") == []


def test_parse_date_rejects_impossible_dates() -> None:
    assert parse_date("2025-13-45") is None
    assert parse_date("2025-02-29") is None
    assert parse_date("2025-07-15T08:32:03+00:00") == "2025-07-15T08:32:03Z"
    assert parse_date("15 July 2025") == "2025-07-15"
    assert parse_date("Tue, 15 Jul 2025 10:00:00 +0200") == "2025-07-15T10:00:00+02:00"


def test_impossible_and_future_dates_give_warnings() -> None:
    text = "Some words " * 20
    meta, warnings = resolve([Candidate("date", "2025-13-45", "front-matter", "confirmed")], text)
    assert meta.date.value is None
    assert any("2025-13-45" in w for w in warnings)
    meta, warnings = resolve(
        [Candidate("date", "2031-01-01", "front-matter", "confirmed")],
        text,
        today=dt.date(2026, 1, 1),
    )
    assert meta.date.value == "2031-01-01"
    assert "future" in meta.date.note and any("future" in w for w in warnings)


def test_language_detection() -> None:
    english = "The city council voted on Tuesday to expand the tram network across the river."
    german = (
        "Der Stadtrat hat am Dienstag beschlossen, das Straßenbahnnetz über den Fluss zu erweitern."
    )
    japanese = (
        "メタは新しい人工知能モデルの開発を検討しており、オープンソースの方針を見直している。" * 2
    )
    assert detect_language(english).value == "en"  # type: ignore[union-attr]
    assert detect_language(german).value == "de"  # type: ignore[union-attr]
    assert detect_language(japanese).value == "ja"  # type: ignore[union-attr]
    assert detect_language("Too short") is None


def test_priority_manifest_over_file_over_url_over_text() -> None:
    text = "Published July 1, 2025. " + "Words of the article go on here. " * 5
    meta, _ = resolve(
        [
            Candidate("url", "https://example.com/2025/07/03/story", "front-matter", "confirmed"),
            Candidate("date", "2025-07-02", "front-matter", "confirmed"),
            Candidate("outlet", "The Manifest Outlet", "manifest", "confirmed"),
            Candidate("outlet", "Front Matter Outlet", "front-matter", "confirmed"),
        ],
        text,
    )
    assert meta.outlet.value == "The Manifest Outlet" and meta.outlet.source == "manifest"
    assert meta.date.value == "2025-07-02" and meta.date.source == "front-matter"
    meta, _ = resolve(
        [Candidate("url", "https://example.com/2025/07/03/story", "record", "confirmed")], text
    )
    assert (meta.date.value, meta.date.source, meta.date.confidence) == (
        "2025-07-03",
        "url",
        INFERRED,
    )
    assert meta.outlet.value == "example.com"
    meta, _ = resolve([], text)
    assert (meta.date.value, meta.date.source) == ("2025-07-01", "text")
    assert meta.language.source == "detected" and meta.language.value == "en"


PAGE = """Example Daily Logo

Home | World | Business

Council votes to expand the tram network

Jane DoeJane Doe3h ago

Council votes to expand the tram network

The city council voted on Tuesday to expand the tram network, a plan that has divided residents for years.

Supporters say the new lines will cut traffic, while opponents worry about the cost to taxpayers and years of roadworks.

More Pictures

Council votes to expand the tram network (Picture 1)

Example Daily

Example Daily is the region's leading source of news, weather and sport, serving readers since 1901 with independent journalism.

© Copyright 2025 Example Daily. All Rights Reserved."""


def test_chrome_around_a_copied_page_is_removed() -> None:
    stripped = strip_chrome(PAGE)
    assert stripped.title == "Council votes to expand the tram network"
    assert stripped.author == "Jane Doe"
    assert stripped.body.startswith("The city council voted on Tuesday")
    assert stripped.body.endswith("years of roadworks.")
    for chrome in ("Logo", "Home |", "3h ago", "More Pictures", "leading source", "Copyright"):
        assert chrome not in stripped.body


def test_clean_texts_come_back_whole() -> None:
    texts = [
        "One paragraph only, with a sentence that ends properly and nothing around it.",
        "Der Stadtrat hat am Dienstag beschlossen, das Netz zu erweitern, sagte die Sprecherin.\n"
        "Die Opposition kritisierte die Kosten und die lange Bauzeit der neuen Linien scharf.",
        "Le conseil municipal a voté mardi l'extension du réseau de tramway de la ville.\n"
        "Les opposants dénoncent le coût du projet et la durée des travaux dans le centre.",
    ]
    for text in texts:
        assert strip_chrome(text).body == text


def test_section_labels_and_bullets_inside_the_body_stay() -> None:
    text = (
        "Headline of the story here\n"
        "The first paragraph of the article explains what happened on Monday in the city.\n"
        "What comes next\n"
        "- a bullet with a detail\n"
        "- another bullet with a detail\n"
        "The last paragraph of the article says what the mayor plans to do about it next week.\n"
        "- a closing bullet"
    )
    stripped = strip_chrome(text)
    assert stripped.title == "Headline of the story here"
    for kept in ("What comes next", "- a bullet", "- another bullet", "- a closing bullet"):
        assert kept in stripped.body
