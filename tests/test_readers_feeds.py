"""Readers: RSS/Atom/RDF/CDF feeds, one article per entry, and their hostile variants."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from index.errors import ReadError
from index.models import CONFIRMED, SOURCE_FEED
from index.readers import FileContent, read_bytes
from index.readers.base import Extracted

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def values(article: Extracted) -> dict[str, str]:
    return {c.field: c.value for c in article.candidates}


def read(name: str, as_name: str | None = None) -> FileContent:
    return read_bytes((FIXTURES / name).read_bytes(), as_name or name)


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_rss20_entries_with_content_over_summary(no_network: None) -> None:
    content = read("rss20.xml")
    first, second = content.articles
    assert content.warnings == ("1 entry with nothing in it skipped (entry 2)",)
    assert first.entry == 0 and second.entry == 1
    assert first.text == (
        "The two-week ferry strike ended on Monday after union members accepted a new pay "
        "offer.\n\nServices resume on Tuesday morning.\n\n- Route A\n- Route B"
    )
    assert "FEED-SCRIPT" not in first.text and "color" not in first.text
    assert values(first) == {
        "title": "Ferry strike ends after two weeks",
        "outlet": "Harbour Gazette",
        "date": "2025-07-14T09:30:00+01:00",
        "author": "Sam Carter",
        "language": "en-GB",
        "url": "https://harbour-gazette.example/2025/07/14/ferry-strike",
    }
    assert {(c.source, c.confidence) for c in first.candidates} == {(SOURCE_FEED, CONFIRMED)}
    assert dict(first.extra) == {"id": "hg-1001", "tags": "Transport"}
    # Escaped HTML in a description becomes text.
    assert second.text == "More than 40,000 people visited the harbour festival this weekend."
    assert values(second)["date"] == "2025-07-13T18:00:00+00:00"


def test_rss10_rdf_latin1_recognised_by_content() -> None:
    content = read("rss10.rdf", "feed_without_extension")
    (article,) = content.articles
    assert article.text.startswith("Die alte Brücke über die Murg wird ab Mai")
    assert values(article) == {
        "title": "Brücke über die Murg wird saniert",
        "outlet": "Talblatt",
        "date": "2025-04-02T10:00:00+02:00",
        "author": "Jürgen Weiß",
        "language": "de",
        "url": "https://talblatt.example/a1",
    }


def test_atom03_escaped_html_content() -> None:
    (article,) = read("atom03.atom", "atom03.txt").articles
    assert article.text == (
        "Nous avons marché trois jours entre les villages des Cévennes.\n\nLe temps était clément."
    )
    meta = values(article)
    assert meta["date"] == "2025-05-09T08:00:00+00:00" and meta["language"] == "fr"
    assert meta["outlet"] == "Carnet de route"


def test_atom10_xhtml_content_and_published_date() -> None:
    (article,) = read("atom10.xml").articles
    assert article.text.startswith("The parser project shipped version 2.0 with faster")
    assert article.text.endswith("loading.\n\nUpgrading is recommended.")
    assert values(article)["date"] == "2025-07-15T10:00:00-04:00"
    assert values(article)["author"] == "Ana Lima"


def test_rss091_with_netscape_doctype_is_not_fetched(no_network: None) -> None:
    (article,) = read("netscape.rss").articles
    assert (
        article.text
        == "The annual bake sale returns to the town square & raises money for the library."
    )
    assert values(article)["language"] == "en-US"


def test_cdf_channel() -> None:
    (article,) = read("channel.cdf").articles
    assert article.text == "The first item of an old channel definition format file."
    assert values(article)["url"] == "http://cdf.example/one.html"


def test_feed_with_no_entries_is_one_warning() -> None:
    content = read("empty_feed.rss")
    assert content.articles == () and content.warnings == ("feed 'Nothing yet' has no entries",)


def test_ill_formed_feed_is_read_with_one_warning() -> None:
    content = read("malformed.rss")
    assert [a.entry for a in content.articles] == [0, 1]
    assert (
        content.articles[0].text == "The first story is still readable despite the broken markup."
    )
    (warning,) = content.warnings
    assert warning.startswith("ill-formed feed (") and warning.endswith("); 2 entries read")


def test_entry_without_text_uses_its_title() -> None:
    data = (
        b'<rss version="2.0"><channel><title>T</title>'
        b"<item><title>Only a headline</title></item></channel></rss>"
    )
    (article,) = read_bytes(data, "a.xml").articles
    assert article.text == "Only a headline"
    assert dict(article.extra)["note"] == "entry has no text; its title stands for it"


@pytest.mark.parametrize(
    ("stated", "author"),
    [
        ("desk@coastalwire.example (Tom Okafor)", "Tom Okafor"),
        ("news@paper.media (Ana Lima, Jo Park)", "Ana Lima, Jo Park"),
        ("ed@site.com (Eva Grün)", "Eva Grün"),
        ("Sam Carter", "Sam Carter"),
    ],
)
def test_rss_author_written_as_address_then_name(stated: str, author: str) -> None:
    data = (
        '<rss version="2.0"><channel><title>T</title><item><title>A</title>'
        f"<description>Some text here.</description><author>{stated}</author>"
        "</item></channel></rss>"
    ).encode()
    (article,) = read_bytes(data, "a.xml").articles
    assert values(article)["author"] == author


def test_an_aggregator_s_item_names_its_publisher_as_the_outlet() -> None:
    rss = (
        b'<rss version="2.0"><channel><title>Top stories - News aggregator</title>'
        b"<item><title>Water advisory lifted - Ohio Valley Tribune</title><description>Residents"
        b" may drink tap water "
        b'again.</description><source url="https://tribune.example/rss">Ohio Valley Tribune'
        b"</source></item><item><title>B</title><description>Text of the second.</description>"
        b"</item></channel></rss>"
    )
    sourced, plain = read_bytes(rss, "news.xml").articles
    assert values(sourced)["outlet"] == "Ohio Valley Tribune"
    assert values(sourced)["title"] == "Water advisory lifted"  # the publisher left out
    assert values(plain)["outlet"] == "Top stories - News aggregator"
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title><entry><title>A</title>'
        b"<summary>Some text of it.</summary><source><title>Harbour Gazette</title></source>"
        b"</entry></feed>"
    )
    (entry,) = read_bytes(atom, "planet.atom").articles
    assert values(entry)["outlet"] == "Harbour Gazette"


@pytest.mark.parametrize(
    "data",
    [
        b"<?xml version='1.0'?>\n<rss version='2.0'><channel><item>\x00\x01<<<",
        b"<rss",
        b"<?xml version='1.0'?>",
    ],
)
def test_unreadable_feeds(data: bytes) -> None:
    with pytest.raises(ReadError):
        read_bytes(data, "broken.rss")


def test_other_xml_is_named() -> None:
    data = b'<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>'
    with pytest.raises(ReadError, match=r"unsupported XML document \(<urlset>\)"):
        read_bytes(data, "sitemap.xml")


def test_billion_laughs_does_not_expand(no_network: None) -> None:
    started = time.perf_counter()
    content = read("billion_laughs.rss")
    assert time.perf_counter() - started < 5
    assert all(len(a.text) < 1000 for a in content.articles)
    assert "lollol" not in "".join(a.text for a in content.articles)


def test_external_entities_are_never_loaded(no_network: None) -> None:
    content = read("external_entity.rss")
    text = "".join(a.text for a in content.articles)
    assert "root:" not in text
    assert text.startswith("Before")


def test_large_literal_entity_referenced_many_times_is_refused() -> None:
    value = "x" * 100_000
    refs = "&big;" * 200
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY big "{value}">\n]>\n'
        f"<rss version='2.0'><channel><title>T</title><item><title>a</title>"
        f"<description>{refs}</description></item></channel></rss>"
    ).encode()
    with pytest.raises(ReadError, match="entities"):
        read_bytes(data, "bomb.rss")


def test_small_literal_entities_still_work() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY org "Example Org">\n]>\n'
        b"<rss version='2.0'><channel><title>T</title><item><title>a</title>"
        b"<description>News from &org; today.</description></item></channel></rss>"
    )
    (article,) = read_bytes(data, "a.rss").articles
    assert article.text == "News from Example Org today."


def test_feed_in_utf16_and_undeclared_latin1() -> None:
    body = (
        "<rss version='2.0'><channel><title>Größe</title><item><title>Ärger</title>"
        "<description>Über Straßen.</description></item></channel></rss>"
    )
    (article,) = read_bytes(body.encode("utf-16"), "a.rss").articles
    assert article.text == "Über Straßen." and values(article)["outlet"] == "Größe"
    content = read_bytes(body.encode("latin-1"), "b.rss")
    assert content.articles[0].text == "Über Straßen."


def test_feed_control_characters_are_visible() -> None:
    data = (
        "<rss version='2.0'><channel><title>T</title><item><title>a\u202eb</title>"
        "<description>x &#x9b; y</description></item></channel></rss>"
    )
    (article,) = read_bytes(data.encode(), "a.rss").articles
    assert values(article)["title"] == "a<U+202E>b"
    assert "\x9b" not in article.text


# --- entries without text, and encodings the file gets wrong ----------------------------


def test_link_only_and_title_only_entries_become_articles() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Linkliste</title>'
        b"<item><link>https://news.example/2025/07/14/tram</link></item>"
        b"<item><title>Tram gets green light</title><link>https://news.example/a2</link></item>"
        b"<item><guid isPermaLink='false'>urn:news:3</guid></item>"
        b"<item><enclosure url='https://news.example/ep4.mp3' type='audio/mpeg' length='9'/></item>"
        b"<item><description>&lt;img src='https://news.example/p.jpg' alt='The new tram at the depot'&gt;</description></item>"
        b"<item></item>"
        b"</channel></rss>"
    )
    content = read_bytes(data, "links.rss")
    texts = [a.text for a in content.articles]
    assert texts == [
        "https://news.example/2025/07/14/tram",
        "Tram gets green light",
        "urn:news:3",
        "enclosure link: https://news.example/ep4.mp3",
        "[image: The new tram at the depot]",
    ]
    link_only = content.articles[0]
    assert values(link_only)["url"] == "https://news.example/2025/07/14/tram"
    assert dict(link_only.extra)["note"] == "entry has no text or title; its link stands for it"
    assert "title" not in values(link_only)
    assert content.warnings == ("1 entry with nothing in it skipped (entry 5)",)


def test_rdf_feed_with_several_items_and_dublin_core() -> None:
    data = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://blog.example/"><title>Gartenblog</title>'
        "<link>https://blog.example/</link><description>d</description></channel>"
        '<item rdf:about="https://blog.example/1"><title>Tomaten pflanzen</title>'
        "<link>https://blog.example/1</link><description>Jetzt ist die beste Zeit.</description>"
        "<dc:date>2025-05-01</dc:date><dc:creator>Eva Grün</dc:creator></item>"
        '<item rdf:about="https://blog.example/2"><title>Schnecken im Beet</title>'
        "<link>https://blog.example/2</link></item>"
        "</rdf:RDF>"
    ).encode()
    first, second = read_bytes(data, "garten.rdf").articles
    assert first.text == "Jetzt ist die beste Zeit."
    assert values(first)["author"] == "Eva Grün" and values(first)["date"].startswith("2025-05-01")
    assert values(first)["outlet"] == "Gartenblog"
    assert second.text == "Schnecken im Beet"  # title-only item


def test_atom03_entry_with_summary_only_and_issued_date() -> None:
    data = (
        b'<?xml version="1.0" encoding="utf-8"?>'
        b'<feed version="0.3" xmlns="http://purl.org/atom/ns#">'
        b"<title>Old Atom</title><entry><title>Kurz</title>"
        b'<link rel="alternate" type="text/html" href="https://old.example/k"/>'
        b"<issued>2004-01-02T03:04:05Z</issued>"
        b"<summary>A summary, the only text the entry has.</summary></entry></feed>"
    )
    (article,) = read_bytes(data, "old.atom").articles
    assert article.text == "A summary, the only text the entry has."
    assert values(article)["date"] == "2004-01-02T03:04:05+00:00"
    assert values(article)["url"] == "https://old.example/k"


def test_feed_declared_utf8_but_written_in_latin1() -> None:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Südblick</title>'
        "<item><title>Straßenfest in Köln</title>"
        "<description>Die Anwohner der Südstadt feiern am Wochenende ihr größtes Fest.</description>"
        "</item></channel></rss>"
    )
    content = read_bytes(body.encode("latin-1"), "sued.rss")
    (article,) = content.articles
    assert article.text == "Die Anwohner der Südstadt feiern am Wochenende ihr größtes Fest."
    assert values(article)["title"] == "Straßenfest in Köln"
    assert content.warnings == (
        "declared UTF-8, but not written in it; read as detected; 1 entry read",
    )


def test_feed_declared_latin1_but_written_in_utf8() -> None:
    body = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Größte Brücke</title><description>Über die Brücke.</description>"
        "</item></channel></rss>"
    )
    content = read_bytes(body.encode("utf-8"), "b.rss")
    assert content.articles[0].text == "Über die Brücke."
    assert values(content.articles[0])["title"] == "Größte Brücke"
    assert content.warnings == ("declared ISO-8859-1, but written in UTF-8; 1 entry read",)


def test_undeclared_cyrillic_feed_is_detected() -> None:
    body = (
        "<rss version='2.0'><channel><title>Новости</title><item><title>Новый мост</title>"
        "<description>Городской совет утвердил строительство нового моста через реку, "
        "работы начнутся весной и продлятся два года.</description></item></channel></rss>"
    )
    content = read_bytes(body.encode("koi8-r"), "ru.rss")
    (article,) = content.articles
    assert article.text.startswith("Городской совет утвердил строительство")
    assert values(article)["title"] == "Новый мост"
    (warning,) = content.warnings
    assert warning.startswith("not UTF-8 and no encoding declared; read as detected")


def test_feeds_with_boms_keep_their_text() -> None:
    body = (
        "<?xml version='1.0' encoding='{enc}'?><rss version='2.0'><channel><title>T</title>"
        "<item><title>Ärger</title><description>Über Straßen.</description></item>"
        "</channel></rss>"
    )
    for codec, bom in (
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ):
        data = bom + body.format(enc="utf-16" if "16" in codec else codec).encode(codec)
        content = read_bytes(data, "bom.rss")
        assert content.articles[0].text == "Über Straßen.", codec
        assert content.warnings == (), codec


def test_utf8_feed_with_a_stray_windows1252_byte() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Größe</title>'
        "<item><title>Straße</title><description>Die Brücke über die Straße – im Café STRAY."
        "</description></item></channel></rss>"
    )
    data = body.encode("utf-8").replace(b"STRAY", "Müller".encode("cp1252"))
    content = read_bytes(data, "mixed.rss")
    assert content.articles[0].text == "Die Brücke über die Straße – im Café Müller."
    assert values(content.articles[0])["outlet"] == "Größe"
    (warning,) = content.warnings
    assert warning.startswith("UTF-8 with a few bytes in another encoding")


def test_decomposed_umlauts_in_a_feed_are_composed() -> None:
    data = (
        "<rss version='2.0'><channel><title>T</title><item><title>Gepru\u0308ft</title>"
        "<description>Die Bru\u0308cke ist gepru\u0308ft.</description></item></channel></rss>"
    ).encode()
    (article,) = read_bytes(data, "nfd.rss").articles
    assert article.text == "Die Brücke ist geprüft." and values(article)["title"] == "Geprüft"
