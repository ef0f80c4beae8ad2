"""Readers: saved web pages (trafilatura + htmldate), and HTML fragments turned into text."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.corpus import read_file
from index.errors import ReadError
from index.models import CONFIRMED, INFERRED, SOURCE_HTML, Article
from index.readers import read_bytes
from index.readers.base import Extracted
from index.readers.html import NO_ARTICLE, looks_like_article
from index.readers.htmltext import html_to_text, looks_like_html
from index.readers.rails import drop_rails

FIXTURES = Path(__file__).parent / "fixtures" / "readers"

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the tram network by twelve kilometres, "
    "a project that has been debated for more than a decade.",
    "Supporters say the new lines will cut commuting times for about 40,000 residents, "
    "while critics warn that the budget estimates are far too optimistic.",
    "Construction is expected to begin next spring and to last at least four years, "
    "according to the transport department.",
]


def values(article: Extracted) -> dict[str, str]:
    return {c.field: c.value for c in article.candidates}


def read_fixture(name: str) -> Extracted:
    content = read_bytes((FIXTURES / name).read_bytes(), name)
    assert len(content.articles) == 1 and content.warnings == ()
    return content.articles[0]


def test_german_page_declared_latin1_is_the_article_only() -> None:
    article = read_fixture("de_news.html")
    text = article.text
    assert "Der Freiburger Gemeinderat hat am Dienstagabend mit großer Mehrheit" in text
    assert "„historischen Tag für die Mobilität in unserer Stadt“" in text
    assert "Die ersten Bauarbeiten sollen bereits im Herbst beginnen." in text
    assert "- Breitere Radspuren auf der Habsburgerstraße." in text  # lists kept
    assert "| Stühlinger | 8 km |" in text  # tables kept
    for boilerplate in (
        "Cookies",
        "Alle akzeptieren",
        "Startseite",
        "Leser123",
        "Mehr zum Thema",
        "Impressum",
        "TRACKING-SCRIPT-TEXT",
        "DOCUMENT-WRITE-TEXT",
        "font-family",
    ):
        assert boilerplate not in text
    assert values(article) == {
        "title": "Stadtrat beschließt neues Radwegenetz für Freiburg",
        "outlet": "Südkurier Regional",
        "date": "2025-03-12",
        "author": "Katharina Müller",
        "language": "de",
        "url": "https://www.suedkurier-regional.example/freiburg/2025/03/12/radwegenetz",
    }
    assert {(c.source, c.confidence) for c in article.candidates} == {(SOURCE_HTML, CONFIRMED)}
    assert not article.plain and article.entry is None


def test_french_page_with_json_ld_metadata() -> None:
    article = read_fixture("fr_news.html")
    assert "« Nous avons constaté une demande record dès l’ouverture des ventes »" in article.text
    assert "d’ici à 2035, un engagement jugé ambitieux" in article.text
    for boilerplate in ("cookies", "Accepter", "Accueil", "newsletter", "Lire aussi", "Mentions"):
        assert boilerplate not in article.text
    meta = values(article)
    assert meta["title"] == "La SNCF annonce des TGV supplémentaires pour l’été"
    assert meta["author"] == "Claire Dubois"
    assert meta["date"] == "2025-06-02"
    assert meta["outlet"] == "Le Quotidien du Rail"
    assert meta["language"] == "fr-FR"
    # Paragraphs are separated by a blank line, as in the other formats.
    assert "Côte d’Azur.\n\n« Nous avons" in article.text


@pytest.mark.parametrize("name", ["shop.html", "login_wall.html", "script_rendered.html"])
def test_pages_without_an_article_are_refused(name: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes((FIXTURES / name).read_bytes(), name)
    assert str(info.value) == NO_ARTICLE


def page(title: str, head: str = "", body_extra: str = "", charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title>{head}</head><body>'
        f"<div class='story'>{paragraphs}</div>{body_extra}</body></html>"
    )


def test_title_loses_the_site_suffix_and_date_from_text_is_inferred() -> None:
    html = page(
        "Tram network to grow by twelve kilometres - The Example Times",
        head='<meta property="og:site_name" content="The Example Times">',
        body_extra="<p class='date'>Published 14 July 2025</p>",
    )
    (article,) = read_bytes(html.encode(), "tram.htm").articles
    meta = {c.field: c for c in article.candidates}
    assert meta["title"].value == "Tram network to grow by twelve kilometres"
    assert meta["outlet"].value == "The Example Times"
    assert meta["date"].value == "2025-07-14"
    assert meta["date"].confidence in (CONFIRMED, INFERRED)


def test_page_charset_from_meta_when_not_utf8() -> None:
    html = page("Überschrift", charset="windows-1252").replace("tram", "Straßenbahn")
    (article,) = read_bytes(html.encode("cp1252"), "page.html").articles
    assert "Straßenbahn network" in article.text


def test_page_recognised_by_content_whatever_the_extension() -> None:
    html = "<!DOCTYPE html>\n" + page("Tram")
    (article,) = read_bytes(html.encode(), "saved_page.txt").articles
    assert article.text.startswith("The city council voted on Tuesday")


def test_page_with_control_characters_stays_safe() -> None:
    html = page("Evil \x1b]52;c;eA==\x07 title", body_extra="<p>Tail \x1b[2J and \x9b here.</p>")
    (article,) = read_bytes(html.encode(), "a.html").articles
    assert "\x1b" not in article.text and "\x07" not in article.text
    assert all("\x1b" not in c.value for c in article.candidates)


def test_looks_like_article() -> None:
    assert looks_like_article("\n".join(PARAGRAPHS))
    assert not looks_like_article("Home\nMen\nWomen\n- Free shipping\nAdd to cart\n€49.99")


# --- HTML fragments ---------------------------------------------------------------------


def test_html_to_text_keeps_all_words_and_drops_scripts() -> None:
    html = (
        "<div><h2>Title</h2><p>First   paragraph\nwith <a href='x'>a link</a>.</p>"
        "<script>var x = 'SCRIPT';</script><style>.a{}</style><noscript>NOSCRIPT</noscript>"
        "<ul><li>one</li><li>two</li></ul><p>Line<br>break &amp; entity</p>"
        "<pre>  keep\n    spacing</pre></div>"
    )
    assert html_to_text(html) == (
        "Title\n\nFirst paragraph with a link.\n\n- one\n- two\n\nLine\nbreak & entity\n\n"
        "keep\n    spacing"
    )


def test_html_to_text_with_control_characters_and_garbage() -> None:
    assert html_to_text("<p>a\x00b\x1b[1mc\x9b</p>") == "a␀b␛[1mc<U+009B>"
    assert html_to_text("") == ""
    assert html_to_text("<<<>>>") == "<<<>>>"


def test_looks_like_html() -> None:
    assert looks_like_html("Text with <p>a paragraph</p>")
    assert looks_like_html("<BR/>")
    assert not looks_like_html("a < b and c > d")
    assert not looks_like_html("[bold]rich[/bold]")


# --- real-world page shapes -------------------------------------------------------------


def read_page(name: str) -> Article:
    result = read_file(FIXTURES, FIXTURES / name)
    assert result.skipped == () and result.warnings == ()
    (article,) = result.articles
    return article


def test_german_blog_post_without_cookie_notice_rails_or_comments() -> None:
    article = read_page("de_blog_comments.html")
    text = article.text
    for sentence in (
        "Seit dem Frühjahr schließt die Stadtbibliothek am Samstag bereits um 13 Uhr.",
        "Die Stadtverwaltung begründet die kürzeren Öffnungszeiten mit fehlendem Personal.",
        "Fast alle wünschen sich längere Öffnungszeiten am Wochenende,",  # zero-width space gone
        "Was jetzt passieren müsste",
        "kann bis Ende November eine Eingabe an den Ausschuss richten.",
    ):
        assert sentence in text
    assert "\u00ad" not in text and "\u200b" not in text
    for boilerplate in (
        "Cookies",
        "Einverstanden",
        "Das könnte Sie auch interessieren",
        "Zehn Lieblingsorte",
        "Weiterlesen",
        "Vorheriger Beitrag",
        "Marlene_K",
        "verschlossener Tür",
        "offene Bibliothek in Bremen funktioniert",
        "Schreibe einen Kommentar",
        "Impressum",
        "Über mich",
    ):
        assert boilerplate not in text
    meta = article.meta
    assert meta.title.value == "Warum unsere Stadtbibliothek länger öffnen sollte"
    assert meta.date.value == "2024-11-05"
    assert meta.author.value == "Jonas Albrecht"
    assert meta.outlet.value == "Notizen aus Kassel"
    assert (meta.language.value or "").startswith("de")


def test_latin1_page_without_a_declared_charset() -> None:
    article = read_page("de_latin1_undeclared.html")
    assert "Nach dem höchsten Donaupegel seit elf Jahren entspannt sich die Lage" in article.text
    assert "«Unter dem Schlamm liegen Gullydeckel, die das Wasser angehoben hat»" in article.text
    assert "Geschäfte in der Höllgasse bleiben voraussichtlich" in article.text
    assert "Ã" not in article.text and "\ufffd" not in article.text
    for boilerplate in ("Übersicht", "Wetter", "Alle Rechte vorbehalten", "redaktion@"):
        assert boilerplate not in article.text
    assert article.meta.title.value == "Hochwasser: Pegel in Passau sinkt langsam"
    assert article.meta.date.value == "2024-06-06"
    assert article.meta.author.value == "Sabine Höß"


def test_short_recipe_and_table_laid_out_posts_are_articles() -> None:
    steps = "".join(
        f"<li>{s}</li>"
        for s in (
            "Alle Zutaten in eine Schüssel geben und zu einem glatten Teig verarbeiten.",
            "Den Teig auf einer bemehlten Fläche ausrollen und Figuren ausstechen.",
            "Im Ofen bei 200 Grad etwa fünfzehn Minuten goldbraun backen.",
        )
    )
    recipe = (
        "<html><body><div class='post'><h1>Mandelplätzchen</h1><p>Ergibt: 40 Stück</p>"
        f"<ul><li>300 g Mehl</li><li>200 g Zucker</li></ul><ol>{steps}</ol></div></body></html>"
    )
    (article,) = read_bytes(recipe.encode(), "rezept.html").articles
    assert "zu einem glatten Teig verarbeiten." in article.text
    cell = " ".join(PARAGRAPHS)
    layout = (
        "<html><body><table><tr><td><a href='/'>Home</a> | <a href='/blog'>Blog</a></td></tr>"
        f"<tr><td>{cell}</td></tr></table></body></html>"
    )
    (article,) = read_bytes(layout.encode(), "vereinsseite.html").articles
    assert PARAGRAPHS[1] in article.text


def test_title_is_the_h1_headline_when_the_title_tag_dresses_it_up() -> None:
    html = page(
        "Verkehr: Tram network to grow by twelve kilometres | News",
        body_extra="",
    ).replace(
        "<div class='story'>",
        "<div class='story'><h1>Tram network to grow by twelve kilometres</h1>",
    )
    (article,) = read_bytes(html.encode(), "tram.html").articles
    assert values(article)["title"] == "Tram network to grow by twelve kilometres"
    # the headline is the title, not the text's first paragraph again
    assert not article.text.startswith("Tram network to grow")
    assert "Tram network to grow by twelve kilometres" not in article.text.split("\n\n")[0]


def test_utf8_page_with_a_stray_windows1252_byte_keeps_its_umlauts() -> None:
    html = page("Straßenbahn").replace(
        "</p></div>", "</p><p>Die Stadtwerke senden Grüße aus dem Café STRAY am Markt.</p></div>"
    )
    data = html.encode("utf-8").replace(b"STRAY", "Müller".encode("cp1252"))
    (article,) = read_bytes(data, "mixed.html").articles
    assert "Grüße aus dem Café Müller am Markt." in article.text


def test_decomposed_umlauts_are_composed() -> None:
    html = page("Tram").replace("Supporters say", "Befu\u0308rworter sagen, supporters say")
    (article,) = read_bytes(html.encode(), "nfd.html").articles
    assert "Befürworter sagen" in article.text and "\u0308" not in article.text


def test_a_short_poem_post_is_an_article_but_a_notice_among_labels_is_not() -> None:
    poem = (
        "<html><body><article><h1>Novembermorgen</h1><p>Der Nebel hängt noch tief über dem Fluss<br>"
        "die Krähen rufen von den kahlen Pappeln<br>ein Radfahrer verschwindet hinter der Brücke<br>"
        "und irgendwo brennt schon das erste Licht</p></article></body></html>"
    )
    (article,) = read_bytes(poem.encode(), "gedicht.html").articles
    assert "die Krähen rufen von den kahlen Pappeln" in article.text
    notice = (
        "<html><body><ul><li>Home</li><li>News</li><li>Sport</li><li>Login</li></ul>"
        "<p>Please enable JavaScript in your browser to view this page.</p>"
        "<ul><li>Imprint</li><li>Privacy</li></ul></body></html>"
    )
    with pytest.raises(ReadError, match="no article text found"):
        read_bytes(notice.encode(), "app.html")


def test_read_more_rails_and_share_bars_go_sentences_stay() -> None:
    text = "\n".join(
        [
            "Die Stadt baut eine neue Brücke über den Neckar.",
            "Lesen Sie auch: Der Bahnhof wird teurer als geplant",
            "- Read more: Bridge costs rise again",
            "Mehr dazu erfahren Sie in unserem Podcast am Freitag.",
            "Read more about it in the report, which the ministry published on Monday.",
            "Schon gelesen?",
            "Teilen mit:",
            "Keine Kommentare",
            "Siehe auch das Kapitel über die Stadt.",
            "Zum Newsletter anmelden",
        ]
    )
    assert drop_rails(text).split("\n") == [
        "Die Stadt baut eine neue Brücke über den Neckar.",
        "Mehr dazu erfahren Sie in unserem Podcast am Freitag.",
        "Read more about it in the report, which the ministry published on Monday.",
        "Siehe auch das Kapitel über die Stadt.",
    ]
    assert drop_rails("Related") == ""
    assert drop_rails(PARAGRAPHS[0]) == PARAGRAPHS[0]


def test_page_loses_an_inline_read_more_line() -> None:
    html = page("Tram").replace(
        "</p><p>Supporters",
        "</p><p><a href='/x'>Read more: Bus lanes to open in the autumn</a></p><p>Supporters",
    )
    (article,) = read_bytes(html.encode(), "tram.html").articles
    assert "Bus lanes" not in article.text and PARAGRAPHS[1] in article.text


def test_a_lead_paragraph_extraction_leaves_out_comes_back_when_the_description_opens_it() -> None:
    lead = "Die Stadt will bis 2030 zwölf Kilometer neue Straßenbahnstrecke bauen und den Takt verdichten."
    teaser = "Ein anderer Artikel über den Busverkehr in der Region und seine Kosten für die Stadt."
    html = (
        f"<html><head><meta name='description' content='{lead}'><title>Tram</title></head>"
        f"<body><div class='article-lead'><span>{lead}</span></div>"
        f"<div class='story'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div>"
        f"<aside><p class='teaser'>{teaser}</p></aside></body></html>"
    )
    (article,) = read_bytes(html.encode(), "tram.html").articles
    assert article.text.count(lead) == 1 and teaser not in article.text
    assert PARAGRAPHS[0] in article.text
    # Without a description that opens like it, an element styled as a lead stays out
    # (trafilatura leaves this one out of the text).
    bare = html.replace(f"<meta name='description' content='{lead}'>", "")
    (article,) = read_bytes(bare.encode(), "tram.html").articles
    assert lead not in article.text
