"""Readers: a web page's title (h1, og:title, JSON-LD headline, title tag) and its author."""

from __future__ import annotations

import json

import pytest
from trafilatura.utils import load_html

from index.readers import read_bytes
from index.readers.authors import page_author
from index.readers.titles import h1_headline, page_title, strip_site_names

BODY = (
    "<p>The city council voted on Tuesday to expand the tram network by twelve kilometres, "
    "a project that has been debated for more than a decade.</p>"
    "<p>Supporters say the new lines will cut commuting times for about 40,000 residents, "
    "while critics warn that the budget estimates are far too optimistic.</p>"
)


def title_of(head: str, body: str, host: str = "", found: str = "") -> tuple[str, str]:
    tree = load_html(f"<html><head>{head}</head><body>{body}{BODY}</body></html>")
    return page_title(tree, found, host)


def heading(html: str) -> str:
    return h1_headline(load_html(f"<html><body>{html}</body></html>").xpath("//h1")[0])


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Headline - Site Name", ["Site Name"], "Headline"),
        ("Headline | SITE NAME", ["Site Name"], "Headline"),
        ("Headline — Le Monde.fr", ["Le Monde"], "Headline"),
        ("Site Name: Headline", ["Site Name"], "Headline"),
        ("Headline - with a dash - Site", ["Site"], "Headline - with a dash"),
        ("Headline - Other", ["Site"], "Headline - Other"),
        ("Headline - Site", [], "Headline - Site"),
        # German outlets: the site at the end, the blog's name first, several names.
        (
            "Stadtrat beschließt Radwege | Südkurier Regional",
            ["Südkurier"],
            "Stadtrat beschließt Radwege",
        ),
        ("Notizen » Blog Archiv » Warum wir bauen", ["Notizen", "Blog Archiv"], "Warum wir bauen"),
        ("Neue Brücke - Lokales - Tageblatt", ["Lokales", "tageblatt.example"], "Neue Brücke"),
        ("Neue Brücke │Tageblatt", ["Tageblatt"], "Neue Brücke"),
        # A headline holding the site's name is no site name.
        (
            "Tote Hummeln unter Linden: Die Erklärung",
            ["Hummeln"],
            "Tote Hummeln unter Linden: Die Erklärung",
        ),
    ],
)
def test_strip_site_names(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_names(title, sites) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<h1><span class='dachzeile'>Nach dem Sturm</span>"
            "<span class='headline'>Bäume fallen auf die Gleise</span></h1>",
            "Bäume fallen auf die Gleise",
        ),
        (
            "<h1><span class='article__kicker'>Tram</span><span class='visually-hidden'>: </span>"
            "<span>Network to grow by twelve kilometres</span></h1>",
            "Network to grow by twelve kilometres",
        ),
        (
            "<h1><small>Tunesien</small><br> Große Aufgaben für die Regierung</h1>",
            "Große Aufgaben für die Regierung",
        ),
        (
            "<h1>How to plant a hedge<small class='article-subtitle'>A guide for beginners</small></h1>",
            "How to plant a hedge",
        ),
        (
            "<h1>Frauen im <abbr title='x'>THW</abbr>: Gestern und heute</h1>",
            "Frauen im THW: Gestern und heute",
        ),
        ("<h1>Climate report <b>delayed</b> again</h1>", "Climate report delayed again"),
        ("<h1>Le budget : ce qui change</h1>", "Le budget : ce qui change"),
        (
            "<h1><div class='wrap'><span class='sr-only'>Headline:</span> Wasser wird teurer</div></h1>",
            "Wasser wird teurer",
        ),
        ("<h1><style>.x{color:red}</style>Ohne Stil</h1>", "Ohne Stil"),
        (
            "<h1><span class='a1'>Nach dem Sturm</span><span aria-hidden='true'> – </span>"
            "<span class='a2'>Bäume fallen auf die Gleise</span></h1>",
            "Bäume fallen auf die Gleise",  # a separator hidden between two parts: a kicker
        ),
    ],
)
def test_h1_headline_drops_kickers_subtitles_and_hidden_text(html: str, expected: str) -> None:
    assert heading(html) == expected


def test_one_h1_is_the_title_whatever_the_title_tag_says() -> None:
    head = "<title>About us - Example Works</title><meta property='og:title' content='About us'>"
    got = title_of(head, "<h1>We build bridges that last a century</h1>")
    assert got == ("We build bridges that last a century", "the page's headline (h1)")


def test_the_h1_that_agrees_with_the_stated_titles_wins() -> None:
    head = "<title>Stadtrat beschließt Radwege für Freiburg | Südkurier</title>"
    body = "<h1>Lokales</h1><h1>Stadtrat beschließt neue Radwege für Freiburg</h1>"
    assert title_of(head, body)[0] == "Stadtrat beschließt neue Radwege für Freiburg"


def test_a_blog_logo_h1_is_the_blog_name_and_the_post_title_is_the_h2() -> None:
    head = "<title>Notizen aus Kassel » Blog Archiv » Warum wir bauen</title>"
    body = (
        "<div id='header'><h1><a href='https://notizen.example/'>Notizen aus Kassel</a></h1></div>"
        "<div class='post'><h2>Warum wir bauen</h2></div><h2>Kategorien</h2>"
    )
    assert title_of(head, body, "notizen.example") == (
        "Warum wir bauen",
        "the page's headline (h2)",
    )
    # Without an h2, the title tag without the blog's name.
    head = "<title>Rinderbraten mit Zwiebeln | Liebe geht durch den Magen</title>"
    body = "<h1 class='site-title'><a href='/'>Liebe geht durch den Magen</a></h1>"
    assert title_of(head, body) == ("Rinderbraten mit Zwiebeln", "page title without the site name")


def test_site_names_from_json_ld_publisher_and_og_site_name_are_stripped() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Tram network to grow",
        "publisher": {"@type": "Organization", "name": "The Example Times"},
    }
    head = (
        "<title>Tram network to grow | The Example Times</title>"
        f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    )
    assert title_of(head, "") == ("Tram network to grow", "page title")
    head = "<title>Neue Brücke - Tageblatt Online</title><meta property='og:site_name' content='Tageblatt Online'>"
    assert title_of(head, "") == ("Neue Brücke", "page title without the site name")


def test_a_site_name_that_is_the_whole_title_strips_nothing() -> None:
    head = (
        "<title>Cup-Vorschau: Ein Bruderduell - Handball</title>"
        "<meta property='og:site_name' content='Cup-Vorschau: Ein Bruderduell - Handball'>"
    )
    body = "<h1>Cup-Vorschau: Ein Bruderduell</h1>"
    assert title_of(head, body)[0] == "Cup-Vorschau: Ein Bruderduell"


def test_a_breadcrumb_or_section_h1_counts_only_when_the_titles_agree() -> None:
    head = (
        "<title>Tram network to grow | The Example Times</title>"
        "<meta property='og:site_name' content='The Example Times'>"
    )
    section = "<h1 class='header__sectionName'>Transport</h1>"
    assert title_of(head, section, "example.com")[0] == "Tram network to grow"
    nav = "<nav><h1>Tram network to grow by twelve kilometres</h1></nav>"
    assert title_of(head, nav)[0] == "Tram network to grow by twelve kilometres"


def test_no_title_anywhere_falls_back_to_what_trafilatura_found() -> None:
    assert title_of("", "", found="Found elsewhere") == ("Found elsewhere", "page title")
    assert title_of("", "") == ("", "")


def test_reader_takes_the_headline_without_kicker_and_site_name() -> None:
    html = (
        "<html><head><title>Verkehr: Tram network to grow | The Example Times</title>"
        "<meta property='og:site_name' content='The Example Times'></head><body><article>"
        "<h1><span class='kicker'>Verkehr</span> Tram network to grow</h1>"
        f"{BODY}</article></body></html>"
    )
    (article,) = read_bytes(html.encode(), "tram.html").articles
    values = {c.field: c.value for c in article.candidates}
    assert values["title"] == "Tram network to grow"
    assert values["outlet"] == "The Example Times"


# --- authors ----------------------------------------------------------------------------


def author_of(head: str, body: str, found: str = "", sites: tuple[str, ...] = ()) -> str:
    tree = load_html(f"<html><head>{head}</head><body>{body}{BODY}</body></html>")
    return page_author(tree, found, list(sites))[0]


def ld_author(*names: str) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "author": [{"@type": "Person", "name": name} for name in names],
    }
    return f"<script type='application/ld+json'>{json.dumps(ld)}</script>"


def test_json_ld_author_when_trafilatura_found_none_but_not_the_site_itself() -> None:
    assert author_of(ld_author("Anna Berg"), "") == "Anna Berg"
    assert author_of(ld_author("Tageblatt"), "", sites=("Tageblatt",)) == ""


def test_author_keeps_the_printed_form_of_the_names_trafilatura_found() -> None:
    head = "<meta name='author' content='Leah C. Stokes'>"
    assert author_of(head, "", found="Leah C Stokes") == "Leah C. Stokes"
    byline = "<p class='byline'>Von Anna Berg und Jonas Weber, 12. März 2025</p>"
    assert author_of("", byline, found="Anna Berg; Jonas Weber") == "Anna Berg und Jonas Weber"
    by = "<div class='author'>By Jonas Weber</div>"
    assert author_of("", by, found="By Jonas Weber") == "Jonas Weber"
    # Names printed nowhere stay as trafilatura gave them, joined by "; ".
    assert author_of("", "", found="Anna Berg; Jonas Weber") == "Anna Berg; Jonas Weber"


def test_a_name_in_the_body_text_is_no_byline() -> None:
    assert author_of("", "<p>Von Anna Berg stammt die Idee für den Park.</p>") == ""
