"""The title of a saved web page: the headline its reader sees, without site names or kickers.

Rule kept here: the title is chosen among what the page itself states (its h1
headings, og:title and twitter:title, a JSON-LD headline, the title tag) by
agreement between them, and only site names the page or its address states are
stripped. Decisions come from generic HTML conventions (a heading that links to
the home page is the site's logo; a "kicker" span above the headline), never
from one site's markup or strings.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from index.textutil import clean_line

# " - ", " | ", "│", " // ", " » ", ": " ... between a headline and a site or section name.
_SEPARATOR = re.compile(r"\s*[|│¦]+\s*|\s+[-–—·•»«/~*:]+\s+|:\s+")
_MAX_HEADLINE_WORDS = 40
_AGREEMENT = 0.6  # share of a heading's words a stated title must hold to agree with it
# Class or id words of an element above or below the headline inside an h1, or of a
# heading that is the site's logo rather than the page's headline.
_KICKER = re.compile(
    r"kicker|overline|dachzeile|roofline|topline|toptitle|supertitle|subheadline|subtitle"
    r"|eyebrow|topic|label|rubric|category|section|h1small|sub-heading|subheading",
    re.IGNORECASE,
)
_SUBTITLE = re.compile(r"subtitle|subline|subheadline|deck|dek\b|standfirst", re.IGNORECASE)
_HIDDEN = frozenset(
    ("sr-only", "visually-hidden", "visuallyhidden", "element-invisible", "invisible")
    + ("screen-reader-text", "hidden", "hide", "u-hidden", "is-hidden", "a11y-hidden")
)
_LOGO = re.compile(r"logo|site-?title|site-?name|brand|navskip|skip", re.IGNORECASE)
# Class words of a heading naming the page's section, not its article.
_SECTION = re.compile(r"section|categor|rubri[ck]|ressort|breadcrumb|channel", re.IGNORECASE)
_BLOCKS = frozenset(("br", "div", "p", "small", "h2", "h3", "h4", "header", "section"))
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog|webpage|newsarticle", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", clean_line(text).casefold())


def _comparable(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _classes(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def strip_site_names(title: str, sites: list[str]) -> str:
    """The title without any of the known site names at either end, however many there are."""
    wanted = [key for key in (_comparable(site) for site in sites) if key]
    while wanted:
        seps = list(_SEPARATOR.finditer(title))
        if not seps:
            break
        first, last = seps[0], seps[-1]
        if title[: last.start()].strip() and _is_site(title[last.end() :], wanted):
            title = title[: last.start()].strip()
        elif title[first.end() :].strip() and _is_site(title[: first.start()], wanted):
            title = title[first.end() :].strip()
        else:
            break
    return title


def _is_site(piece: str, wanted: list[str]) -> bool:
    """The piece is a site's name: the same, or one holds the other and is not twice as long."""
    key = _comparable(piece)
    return bool(key) and any(
        (site in key or key in site) and 2 * min(len(site), len(key)) >= max(len(site), len(key))
        for site in wanted
    )


# --- the page's h1 headline --------------------------------------------------------------


def _text(el: Any) -> str:
    return clean_line(str(el.text_content()))


def _is_hidden(el: Any) -> bool:
    """Text for screen readers only, or no text at all (styles, scripts)."""
    return (
        el.tag in ("style", "script", "noscript", "template")
        or str(el.get("aria-hidden") or "").lower() == "true"
        or any(token.lower() in _HIDDEN for token in str(el.get("class") or "").split())
    )


def _visible(h1: Any) -> Any:
    """A copy of the heading without its hidden parts, down to the element holding its text."""
    node = copy.deepcopy(h1)
    node.tail = None
    for el in list(node.iterdescendants()):
        if isinstance(el.tag, str) and _is_hidden(el) and el.getparent() is not None:
            parent, previous, tail = el.getparent(), el.getprevious(), el.tail or ""
            if previous is not None and isinstance(previous.tag, str) and previous.tag != "br":
                # A separator hidden between two parts (kicker, headline) breaks the line.
                el.clear()
                el.tag, el.tail = "br", tail
                continue
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(el)
    while True:
        children = [c for c in node if isinstance(c.tag, str) and c.tag != "br"]
        loose = (node.text or "").strip() or any((c.tail or "").strip() for c in node)
        if len(children) != 1 or loose or len(node) != 1:
            return node
        node = children[0]


def h1_headline(h1: Any) -> str:
    """An h1's headline: without a kicker above it, a subtitle below it or hidden separators.

    "<h1><span class=kicker>Wahl 2025</span><span>Grüne legen zu</span></h1>" is
    "Grüne legen zu"; words set in bold or an abbreviation inside the sentence stay.
    """
    node = _visible(h1)
    parts: list[tuple[str, Any]] = []  # (text, element or None for loose text)
    if (node.text or "").strip():
        parts.append((node.text, None))
    for child in node:
        if isinstance(child.tag, str):
            if child.tag == "br":
                parts.append(("\n", child))
            elif _text(child):
                parts.append((str(child.text_content()), child))
        if (child.tail or "").strip():
            parts.append((child.tail, None))
    shown = [(text, el) for text, el in parts if text != "\n"]
    if len(shown) >= 2:
        first, last = shown[0][1], shown[-1][1]
        if first is not None and (
            parts[1][0] == "\n"
            or first.tag in ("small", "div", "p")
            or _KICKER.search(_classes(first))
        ):
            parts = parts[1:]
        elif last is not None and (
            parts[-2][0] == "\n" or last.tag == "small" or _SUBTITLE.search(_classes(last))
        ):
            parts = parts[:-1]
    # Parts as the page runs them together; a line break or a block between them is a space.
    text = "".join(
        f" {text} " if el is not None and el.tag in _BLOCKS or text == "\n" else text
        for text, el in parts
    )
    return clean_line(text).strip(" :;,|-–—/·•")


def _links_home(h1: Any) -> bool:
    """The heading is one link to a site's root: the site's logo or name."""
    links = h1.xpath(".//a[@href]")
    if len(links) != 1:
        return False
    href = str(links[0].get("href") or "").strip()
    path = re.sub(r"^(?:https?:)?//[^/]+", "", href.split("?")[0].split("#")[0])
    if "web.archive.org/" in href:  # an archived page links home through the archive
        path = re.sub(r"^.*?/web/\d+\w*/(?:https?://)?[^/]+", "", href.split("?")[0])
    linked = _comparable(str(links[0].text_content()))
    path = re.sub(r"^(?:\.\./|\./)+", "/", path)
    return path in ("", "/", "/index.html", "/index.htm", "/index.php") and (
        not linked or linked == _comparable(str(h1.text_content()))
    )


def _is_logo(h1: Any) -> bool:
    """The site's name set as a heading: a link home, or a logo."""
    return _links_home(h1) or bool(_LOGO.search(_classes(h1)))


def _in_nav(h1: Any) -> bool:
    """A heading of the navigation, a breadcrumb or a section name, or one hidden from view."""
    if _is_hidden(h1) or _SECTION.search(_classes(h1)):
        return True
    for parent in h1.iterancestors():
        if parent.tag == "nav":
            return True
        if parent.tag in ("article", "main"):
            return False
    return False


# --- what the page states ----------------------------------------------------------------


def xpath(tree: Any, path: str) -> list[Any]:
    try:
        return list(tree.xpath(path))
    except Exception:  # lxml raises its own error types for odd documents
        return []


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every object of the page's JSON-LD blocks, nested graphs included."""
    found: list[dict[str, Any]] = []

    def walk(obj: Any, depth: int) -> None:
        if depth > 5 or len(found) > 50:
            return
        if isinstance(obj, list):
            for item in obj:
                walk(item, depth + 1)
        elif isinstance(obj, dict):
            found.append(obj)
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if isinstance(obj.get(key), (list, dict)):
                    walk(obj[key], depth + 1)

    for script in xpath(tree, "//script[@type='application/ld+json']")[:10]:
        try:
            walk(json.loads(script.text or "", strict=False), 0)
        except (ValueError, RecursionError):
            continue
    return found


def _names(value: Any) -> list[str]:
    """The names in a JSON-LD value: a string, an object with a name, or a list of them."""
    if isinstance(value, str):
        return [clean_line(value)] if clean_line(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value[:10] for name in _names(item)]
    return []


def json_ld_people(tree: Any) -> list[str]:
    """Authors the page's JSON-LD names for its article, in order, without repeats."""
    out: list[str] = []
    for obj in _json_ld(tree):
        if _ARTICLE_TYPES.search(str(obj.get("@type") or "")):
            for name in _names(obj.get("author")):
                if name not in out and not name.startswith(("http://", "https://")):
                    out.append(name)
    return out


def site_names(tree: Any, host: str) -> list[str]:
    """Names the page gives its site (og:site_name, JSON-LD publisher, app name) and its host."""
    names: list[str] = []
    for path in (
        "//meta[@property='og:site_name']/@content",
        "//meta[@name='application-name' or @name='apple-mobile-web-app-title']/@content",
    ):
        names += [clean_line(str(v)) for v in xpath(tree, path)]
    for obj in _json_ld(tree):
        names += _names(obj.get("publisher"))
        if str(obj.get("@type") or "") in ("WebSite", "Organization", "NewsMediaOrganization"):
            names += _names(obj.get("name"))
    if host:
        names += [host, host.split(".")[-2] if host.count(".") >= 1 else host]
    return [name for name in dict.fromkeys(names) if len(_comparable(name)) >= 2]


def stated_titles(tree: Any) -> list[str]:
    """og:title, twitter:title, the JSON-LD headline and the title tag, in that order."""
    found = [
        clean_line(str(v))
        for v in xpath(
            tree,
            "//meta[@property='og:title' or @name='og:title']/@content"
            " | //meta[@name='twitter:title' or @property='twitter:title']/@content",
        )
    ]
    for obj in _json_ld(tree):
        if _ARTICLE_TYPES.search(str(obj.get("@type") or "")):
            found += _names(obj.get("headline"))
    found.append(_head_title(tree))
    return [title for title in dict.fromkeys(found) if title]


def _agreement(heading: str, titles: list[str]) -> float:
    """How much of the heading the stated titles hold (1.0: one of them has all its words)."""
    words = _words(heading)
    if not words:
        return 0.0
    best = 0.0
    padded = f" {' '.join(words)} "
    for title in titles:
        key = _words(title)
        if not key:
            continue
        if padded in f" {' '.join(key)} " or f" {' '.join(key)} " in padded:
            share = min(len(key), len(words)) / max(len(key), len(words))
            best = max(best, 0.5 + share / 2)
        else:
            best = max(best, len(set(words) & set(key)) / len(set(words)))
    return best


def _segments(title: str) -> list[str]:
    """The title and its pieces between separators."""
    return [title, *(piece for piece in _SEPARATOR.split(title) if piece.strip())]


def page_title(tree: Any, title: str, host: str) -> tuple[str, str]:
    """The page's title and a note saying where it comes from.

    `title` is what trafilatura found (used when the page states nothing
    better), `host` the page address's host ("spiegel.de").
    """
    found = stated_titles(tree)
    found.insert(len(found) - 1 if found and found[-1] == _head_title(tree) else len(found), title)
    names = [n for n in site_names(tree, host) if n not in found]  # a site "named" its title
    sites = [_comparable(name) for name in names]
    headings: list[tuple[str, bool]] = []  # (headline, weak: of the navigation or a section)
    logo = False
    for h1 in xpath(tree, "//h1")[:20]:
        text = strip_site_names(h1_headline(h1), names)
        if not text or len(text.split()) > _MAX_HEADLINE_WORDS:
            continue
        if _is_logo(h1) or _is_site(text, sites):
            names.append(text)  # a blog's name in its logo heading: strip it from titles too
            logo = True
        elif text not in (h for h, _ in headings):
            headings.append((text, _in_nav(h1)))
    stated = [t for t in dict.fromkeys(strip_site_names(t, names) for t in found if t) if t]
    strong = [h for h, weak in headings if not weak]
    scored = [(_agreement(h, stated), not weak, -i, h) for i, (h, weak) in enumerate(headings)]
    if scored:
        share, _, _, best = max(scored)
        if share >= _AGREEMENT:
            return best, "the page's headline (h1)"
        if len(strong) == 1 or (strong and not stated):
            # The one headline the page shows, whatever its title tag says.
            return strong[0], "the page's headline (h1)"
    if logo and stated:
        # A blog's post title is an h2 under the blog's name: the h2 the title also states.
        ends = {_comparable(piece) for t in stated for piece in _segments(t)}
        for h2 in xpath(tree, "//h2")[:12]:
            text = clean_line(str(h2.text_content()))
            if len(text.split()) >= 2 and _comparable(text) in ends:
                return text, "the page's headline (h2)"
    if stated:
        raw = [t for t in found if t and strip_site_names(t, names) == stated[0]]
        return stated[0], "page title" + ("" if stated[0] in raw else " without the site name")
    return (headings[0][0], "the page's headline (h1)") if headings else ("", "")


def _head_title(tree: Any) -> str:
    return next((_text(el) for el in xpath(tree, "//head//title")[:1]), "")
