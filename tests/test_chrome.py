"""Chrome removal from plain text: pages copied with their chrome lose it, clean texts lose nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import BUNDLED_CORPUS
from index.chrome import copyright_holder, strip_chrome

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"

# A copied page in the shape of the bundled 003, with another site's words.
EN_PAGE = """Harbour Gazette Logo

NewsSport

Ferry operator doubles crossings after record summer

Maria LopezMaria Lopez3h ago

Ferry operator doubles crossings after record summer

The island ferry operator will double its daily crossings from next month after a summer in which passenger numbers broke every record since the service began.

Managers said the extra sailings would start at dawn and run until late evening, easing the queues that stretched along the quay for most of August.

Residents welcomed the news but asked the operator to keep fares at last year's level, saying families had already paid more for fuel and food.

More Photos

Ferry operator doubles crossings after record summer - Harbour Gazette (Photo 2)

Harbour Gazette

Harbour Gazette is the island's most trusted source of local news, serving readers with independent reporting, weather, events and a community directory since 1952.

© 2025 Harbour Gazette. All rights reserved."""

DE_PAGE = """Startseite | Politik | Wirtschaft | Kultur

Landtag streitet über neue Schulzeiten

Von Max Mustermann · vor 3 Stunden

Der Landtag hat am Mittwoch stundenlang über die geplanten neuen Schulzeiten gestritten, ohne sich auf einen Kompromiss zu einigen.

Anzeige

Die Regierung will den Unterricht künftig eine Stunde später beginnen lassen, weil Studien zeigen, dass Jugendliche dann besser lernen.

Die Opposition hält dagegen, dass berufstätige Eltern ihre Kinder dann nicht mehr vor der Arbeit zur Schule bringen könnten.

© 2025 Musterzeitung. Alle Rechte vorbehalten."""


def test_a_copied_page_loses_its_chrome_and_keeps_its_paragraphs() -> None:
    stripped = strip_chrome(EN_PAGE)
    assert stripped.title == "Ferry operator doubles crossings after record summer"
    assert stripped.author == "Maria Lopez"
    assert stripped.body.startswith("The island ferry operator will double")
    assert stripped.body.endswith("paid more for fuel and food.")
    assert stripped.body.count("\n\n") == 2  # three paragraphs, breaks kept
    for chrome in ("Logo", "NewsSport", "3h ago", "More Photos", "trusted source", "©"):
        assert chrome not in stripped.body


def test_the_copyright_line_names_the_outlet() -> None:
    assert strip_chrome(EN_PAGE).outlet == "Harbour Gazette"
    assert strip_chrome(DE_PAGE).outlet == "Musterzeitung"
    assert strip_chrome("A plain text with no footer at all, only prose.").outlet is None


def test_a_byline_with_its_date_on_the_line_is_chrome() -> None:
    page = (
        "Newswire UK\nHome | UK | World | Business | Sport\nGold hoard stolen from the museum\n"
        "By Priya Nair | 12 May 2026\nShare this article\n\n"
        "Thieves broke into the museum overnight and took a hoard of Anglo-Saxon gold coins, "
        "police said on Sunday.\n\n"
        "Police said the raid was planned and asked any witnesses to come forward as soon as "
        "they can.\n\nAdvertisement\n© 2026 Newswire UK. All rights reserved."
    )
    stripped = strip_chrome(page)
    assert (stripped.title, stripped.author) == ("Gold hoard stolen from the museum", "Priya Nair")
    assert stripped.body.startswith("Thieves broke into the museum")
    assert "Priya" not in stripped.body and "©" not in stripped.body


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("© 2026 Newswire UK. All rights reserved.", "Newswire UK"),
        ("Copyright (c) 2019-2025 The Harbour Gazette Ltd", "The Harbour Gazette"),
        ("© Reuters 2026", "Reuters"),
        (
            "Copyright © 2024 Associated Newspapers Limited. All rights reserved.",
            "Associated Newspapers",
        ),  # fmt: skip
        ("(c) 2025 Daily Ledger, Inc.", "Daily Ledger"),
        ("© 2025 Le Monde S.A. Tous droits réservés.", "Le Monde"),
        ("© All rights reserved.", None),
        ("© Getty Images", None),  # a photo's credit, not the page's
        ("© Getty Images. All rights reserved.", "Getty Images"),
        ("Copyright 2026", None),
        ("Copyright law in the UK was changed in 2014 to allow parody and pastiche.", None),
    ],
)
def test_a_copyright_line_s_holder(line: str, holder: str | None) -> None:
    assert copyright_holder(line) == holder


def test_a_german_page_loses_navigation_ads_byline_and_footer() -> None:
    stripped = strip_chrome(DE_PAGE)
    assert stripped.title == "Landtag streitet über neue Schulzeiten"
    assert stripped.author == "Max Mustermann"
    assert stripped.body.startswith("Der Landtag hat am Mittwoch")
    assert stripped.body.endswith("zur Schule bringen könnten.")
    for chrome in ("Startseite", "Anzeige", "vor 3 Stunden", "Rechte"):
        assert chrome not in stripped.body


def test_a_french_page_loses_its_chrome() -> None:
    stripped = strip_chrome((FIXTURES / "fr" / "mairie.txt").read_text(encoding="utf-8"))
    assert stripped.title == "Le conseil municipal vote l'extension du tramway"
    assert stripped.author == "Claire Martin"
    assert stripped.body.startswith("Le conseil municipal a voté mardi soir")
    assert stripped.body.endswith("prévu pour le printemps prochain.")


def test_without_a_repeated_headline_the_logo_line_is_not_the_title() -> None:
    page = EN_PAGE.replace(
        "\nFerry operator doubles crossings after record summer\n\nThe island",
        "\nThe island",
    )
    assert page.count("Ferry operator doubles crossings after record summer\n") == 1
    stripped = strip_chrome(page)
    assert stripped.title == "Ferry operator doubles crossings after record summer"
    assert "Logo" not in stripped.body and "NewsSport" not in stripped.body


def test_a_page_without_a_copyright_line_still_loses_its_site_blurb() -> None:
    page = EN_PAGE.rsplit("\n\n©", 1)[0]
    stripped = strip_chrome(page)
    assert stripped.body.endswith("paid more for fuel and food.")


def test_hard_wrapped_paragraphs_of_a_page_are_kept_whole() -> None:
    wrapped = EN_PAGE.replace(
        "The island ferry operator will double its daily crossings from next month after a "
        "summer in which passenger numbers broke every record since the service began.",
        "The island ferry operator will double its daily crossings from\n"
        "next month after a summer in which passenger numbers broke every\n"
        "record since the service began.",
    )
    stripped = strip_chrome(wrapped)
    assert stripped.body.startswith(
        "The island ferry operator will double its daily crossings from\n"
    )
    assert "record since the service began." in stripped.body


def test_bundled_003_keeps_only_the_article() -> None:
    text = (BUNDLED_CORPUS / "003_d99eccf86fea7b01.txt").read_text(encoding="utf-8")
    stripped = strip_chrome(text)
    assert stripped.title == (
        "Meta AI's Bold Shift: From Open Source to Closed Models - What It Means for the Future"
    )
    assert stripped.author == "Andrew Lee"
    assert stripped.body.startswith("In a surprising turn of events")
    assert stripped.body.endswith("resonate across the tech world for years to come.")
    assert stripped.body.count("\n\n") == 5  # the six paragraphs of the article
    for chrome in ("Logo", "HomeNews", "15h ago", "More Pictures", "entrepreneurship", "©"):
        assert chrome not in stripped.body


@pytest.mark.parametrize("name", ["000_4729bb68434f524b.txt", "004_84063f12c8d96b1a.txt"])
def test_bundled_clean_texts_lose_nothing(name: str) -> None:
    text = (BUNDLED_CORPUS / name).read_text(encoding="utf-8")
    stripped = strip_chrome(text)
    assert stripped.body == text.strip()
    assert stripped.title is None and stripped.author is None and stripped.removed_lines == 0


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        (
            "001_bd2970bb4c588f87.txt",
            "Meta's AI team weighs scrapping open‑source model for closed alternative",
        ),
        ("002_e2a3f2d9f00da069.txt", "Meta’s AI Openness Faces Possible U-Turn"),
    ],
)
def test_bundled_headline_is_found_and_labels_and_bullets_stay(name: str, headline: str) -> None:
    text = (BUNDLED_CORPUS / name).read_text(encoding="utf-8")
    stripped = strip_chrome(text)
    assert stripped.title == headline
    rest = text.strip().split("\n", 1)[1].strip()
    assert stripped.body == rest  # everything but the headline line, bullets and labels too


CLEAN = {
    "en": (
        "The city council voted on Tuesday to expand the tram network across the river.\n"
        "Supporters say the new lines will cut traffic and pollution in the old town.\n"
        "More details\n"
        "- two new lines\n"
        "- ten new stops\n"
        "Opponents worry about the cost to taxpayers and years of roadworks in the centre.\n"
        "(Reporting by Jane Doe; editing by John Smith)"
    ),
    "de": (
        "Der Stadtrat hat am Dienstag beschlossen, das Straßenbahnnetz zu erweitern.\n\n"
        "Die Opposition kritisierte die Kosten und die lange Bauzeit der neuen Linien scharf.\n\n"
        "Eine Entscheidung über die Finanzierung soll im Herbst fallen, sagte die Sprecherin."
    ),
    "fr": (
        "Le conseil municipal a voté mardi l'extension du réseau de tramway de la ville.\n"
        "Les opposants dénoncent le coût du projet et la durée des travaux dans le centre.\n"
        "Le maire a promis une concertation avec les habitants avant le début du chantier."
    ),
    "one paragraph": "One paragraph only, with a sentence that ends properly and nothing else.",
    "copyright story": (
        "The court ruled on Friday that the archive may keep publishing the old photographs.\n"
        "The photographer's heirs had claimed copyright over the whole collection since 2019.\n"
        "The © symbols on the prints, the judges said, did not prove who owned them."
    ),
    "wrapped": (
        "The harbour authority met on Monday to discuss dredging, fees\n"
        "and the new ferry timetable, which residents say will change\n"
        "their commute for good.\n\n"
        "Officials said the plan would go to a public consultation in\n"
        "the autumn, with a decision expected before the end of the year."
    ),
}


@pytest.mark.parametrize("kind", sorted(CLEAN))
def test_clean_texts_come_back_whole(kind: str) -> None:
    stripped = strip_chrome(CLEAN[kind])
    assert stripped.body == CLEAN[kind]
    assert stripped.title is None


def test_a_first_line_headline_of_a_clean_text_becomes_the_title() -> None:
    text = "Council expands the tram network\n" + CLEAN["en"]
    stripped = strip_chrome(text)
    assert stripped.title == "Council expands the tram network"
    assert stripped.body == CLEAN["en"]


def test_a_short_first_line_without_body_after_it_is_no_title() -> None:
    for text in ("Just a few words here", "A list of things\n- one\n- two\n- three"):
        stripped = strip_chrome(text)
        assert stripped.title is None and stripped.body == text


def test_empty_and_blank_text() -> None:
    assert strip_chrome("").body == ""
    assert strip_chrome("\n \n").body == ""


def test_a_markdown_heading_is_a_title_without_its_marks() -> None:
    text = "# Council expands the tram network\n" + CLEAN["en"]
    stripped = strip_chrome(text)
    assert stripped.title == "Council expands the tram network"
    assert stripped.body == CLEAN["en"]
