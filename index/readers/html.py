"""Saved web pages: the article's main text and metadata, by trafilatura and htmldate.

Rule kept here: the text is the article and nothing else (comments, navigation,
cookie banners, scripts and styles out; tables and lists in), and a page with no
article (a shop, a login wall, a page its scripts render) is refused, never
indexed as a page of menus. Nothing is fetched: trafilatura gets the page's text.
"""

from __future__ import annotations

import copy
import logging
import re
import unicodedata
from typing import Any

from index.errors import ReadError
from index.models import CONFIRMED, INFERRED, SOURCE_HTML
from index.readers.authors import page_author
from index.readers.base import Candidate, Extracted, FileContent
from index.readers.fields import normalise_language
from index.readers.htmltext import parse_safe
from index.readers.rails import drop_rails
from index.readers.titles import page_title, site_names
from index.readers.xmlcodec import mostly_utf8
from index.textutil import clean_line, clean_text, normalise_charset

NO_ARTICLE = "no article text found (a page of menus, a login wall or a script-rendered page?)"
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
_SENTENCE_MARK = re.compile(r"[.!?;。！？…]")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_WORDS = 6  # a piece with a sentence mark and this many words is prose
_LONG_PIECE_WORDS = 20  # a piece this long is prose even without one
_MIN_PROSE_WORDS = 25  # words of prose that make an article
_LINE_WORDS = 6  # a piece this long is a line of text, not a label
_MIN_SHORT_POST_WORDS = 15  # words in lines that make a short post ...
_SHORT_POST_SHARE = 0.6  # ... when they are most of its words
_LEAD_PATH = "|".join(
    f"//{tag}[contains(@class,'{word}')]"
    for tag in ("p", "div", "span", "section")
    for word in ("lead", "intro", "teaser", "standfirst", "summary", "excerpt", "subtitle")
)
_LEAD_KEY = 30  # letters a lead and the page's description must open with alike
_LEAD_WORDS = (8, 120)
_quiet = False


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes (meta or XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _decoded(data: bytes, decode: Any) -> str:
    """The page's text: a UTF-8 page with a few stray Windows-1252 bytes keeps its UTF-8."""
    declared = declared_charset(data)
    if normalise_charset(declared) in (None, "utf-8") and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            mixed = mostly_utf8(data)
            if mixed is not None:
                return mixed
    return str(decode(data, declared))


def _silence_libraries() -> None:
    """trafilatura and htmldate log every discarded page; the build reports skips itself."""
    global _quiet
    if not _quiet:
        for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        _quiet = True


def _comparable(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _pieces(text: str) -> list[str]:
    """Lines as readable pieces: table rows split into cells, list markers dropped."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith("|"):
            out.extend(cell.strip() for cell in _CELL_SPLIT.split(line.strip("| ")))
        else:
            out.append(line.removeprefix("- ").strip())
    return [piece for piece in out if piece]


def _sentence_size(piece: str) -> int:
    """Words of a piece of running prose (CJK characters count as half a word), else 0."""
    words = _words(piece)
    if words >= _LONG_PIECE_WORDS or (words >= _SENTENCE_WORDS and _SENTENCE_MARK.search(piece)):
        return words
    return 0


def _words(piece: str) -> int:
    return len(piece.split()) + len(_CJK.findall(piece)) // 2


def _is_label(piece: str) -> bool:
    """A menu entry, a button, a price: a few words that do not make a sentence."""
    words = _words(piece)
    return words < _LINE_WORDS and not (words >= 4 and _SENTENCE_MARK.search(piece[-2:]))


def looks_like_article(text: str) -> bool:
    """Enough running prose: sentences, in paragraphs, list items or table cells;
    or a short post (a poem, a few lines) made of lines rather than labels.

    Menus, product grids and login forms are short labels ("Add to cart",
    "Sign in"); an article, a recipe or a post has sentences of several words.
    """
    pieces = _pieces(text)
    if sum(_sentence_size(piece) for piece in pieces) >= _MIN_PROSE_WORDS:
        return True
    total = sum(_words(piece) for piece in pieces)
    lines = [_words(piece) for piece in pieces if not _is_label(piece)]
    # One line alone is a caption or a notice ("enable JavaScript"), not a post.
    return (
        len(lines) >= 2
        and sum(lines) >= _MIN_SHORT_POST_WORDS
        and sum(lines) >= _SHORT_POST_SHARE * total
    )


def _page_language(tree: Any) -> str | None:
    for path in (
        "/html/@lang",
        "/html/@xml:lang",
        "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
        "='content-language']/@content",
        "//meta[@name='language' or @name='Language' or @name='dc.language'"
        " or @name='DC.language']/@content",
        "//meta[@property='og:locale']/@content",
    ):
        try:
            values = tree.xpath(path, namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
        except Exception:  # lxml raises its own error types for odd documents
            continue
        for value in values:
            lang = clean_line(str(value)).split(",")[0].strip()
            if lang:
                return normalise_language(lang)
    return None


def read_html(data: bytes, decode: Any) -> FileContent:
    """A saved web page; `decode(data, declared)` is `textutil.decode_bytes`."""
    import htmldate
    import trafilatura
    from trafilatura.utils import load_html

    _silence_libraries()
    # Composed characters (NFC, not NFKC: nothing is reworded): "ü" typed and "u" + "¨"
    # saved by some editors read and match alike.
    text = parse_safe(unicodedata.normalize("NFC", _decoded(data, decode)))
    tree = load_html(text)
    if tree is None:
        raise ReadError("not a readable HTML page")
    doc = trafilatura.bare_extraction(
        copy.deepcopy(tree),  # extraction prunes the tree; htmldate needs it whole
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    info: dict[str, Any] = {}
    if doc is not None:
        info = doc if isinstance(doc, dict) else doc.as_dict()
    body = _paragraphs(drop_rails(clean_text(str(info.get("text") or ""))))
    lead = _lead(tree, body) if body else None
    if lead:
        body = f"{lead}\n\n{body}"
    if not body or not looks_like_article(body):
        raise ReadError(NO_ARTICLE)
    page_url = str(info.get("url") or "")
    cands: list[Candidate] = []
    site = clean_line(str(info.get("sitename") or "")) or None
    if site and page_url and _comparable(site) == _comparable(_host(page_url)):
        site = None  # trafilatura's fallback from the URL's host: the page does not state it
    title, note = page_title(
        tree, clean_line(str(info.get("title") or "")), _host(page_url) if page_url else ""
    )
    if title:
        cands.append(Candidate("title", title, SOURCE_HTML, CONFIRMED, note))
        body = _without_headline(body, title)
    if site:
        cands.append(Candidate("outlet", site, SOURCE_HTML, CONFIRMED, "the page's site name"))
    date = info.get("date")
    if date:
        cands.append(Candidate("date", str(date), SOURCE_HTML, CONFIRMED, "page metadata"))
    else:
        found = htmldate.find_date(
            tree, extensive_search=True, original_date=True, url=page_url or None
        )
        if found:
            note = "a date in the page's text (htmldate)"
            cands.append(Candidate("date", str(found), SOURCE_HTML, INFERRED, note))
    host = _host(page_url) if page_url else ""
    author, note = page_author(
        tree, clean_line(str(info.get("author") or "")), site_names(tree, host)
    )
    if author:
        cands.append(Candidate("author", author, SOURCE_HTML, CONFIRMED, note))
    language = _page_language(tree)
    if language:
        cands.append(Candidate("language", language, SOURCE_HTML, CONFIRMED, "page language"))
    url = clean_line(page_url)
    if url:
        cands.append(Candidate("url", url, SOURCE_HTML, CONFIRMED, "canonical link"))
    extra: list[tuple[str, str]] = []
    for key in ("description", "categories", "tags", "license"):
        value = info.get(key)
        if value:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            extra.append((key, clean_line(shown)))
    return FileContent((Extracted(text=body, candidates=tuple(cands), extra=tuple(extra)),))


def _without_headline(body: str, title: str) -> str:
    """The text without its first paragraph where that is the page's headline again (the
    article's <h1> kept by the extraction): the title is shown and searched apart."""
    first, _, rest = body.partition("\n\n")
    same = re.sub(r"\W+", "", first.casefold()) == re.sub(r"\W+", "", title.casefold())
    return rest.lstrip("\n") if same and rest.strip() else body


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())[:_LEAD_KEY]


def _lead(tree: Any, body: str) -> str | None:
    """The article's lead paragraph when extraction left it out: the element styled as a
    lead ("lead", "intro", "teaser", "standfirst") that opens as the page's own description.
    """
    described = {
        _key(str(d))
        for d in tree.xpath("//meta[@name='description' or @property='og:description']/@content")
    }
    described = {d for d in described if len(d) >= _LEAD_KEY}
    if not described:
        return None
    for el in tree.xpath(_LEAD_PATH)[:30]:
        text = clean_line(el.text_content())
        if _LEAD_WORDS[0] <= len(text.split()) <= _LEAD_WORDS[1] and _key(text) in described:
            return None if _key(text) in re.sub(r"\W+", "", body.casefold()) else text
    return None


def _paragraphs(text: str) -> str:
    """Paragraphs apart by a blank line, as in the other formats; list items and rows together."""

    def kind(line: str) -> str | None:
        return "row" if line.startswith("|") else "item" if line.startswith("- ") else None

    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1] and line and (kind(line) is None or kind(line) != kind(out[-1])):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _host(url: str) -> str:
    """https://www.spiegel.de:443/x -> spiegel.de"""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0].split(":", 1)[0]
    return re.sub(r"^(?:www|w\d+)\.", "", host)
