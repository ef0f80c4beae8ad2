"""HTML fragments (a feed entry's content, a JSON record's body) turned into readable text.

Rule kept here: every word of the fragment's visible text is kept, in order, with
paragraphs and list items on their own lines; scripts, styles and other
non-text elements never reach the text. Whole web pages go through
trafilatura instead (`index.readers.html`), which also removes page chrome.
"""

from __future__ import annotations

import re

from index.textutil import clean_text

_LOOKS_HTML = re.compile(
    r"<(?:p|div|br|span|a|h[1-6]|ul|ol|li|img|strong|em|b|i|u|blockquote|table|tr|td|"
    r"figure|figcaption|section|article|script|style|pre|code|iframe|hr|sup|sub)\b[^<>]*>",
    re.IGNORECASE,
)
_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "head",
        "title",
        "meta",
        "link",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "canvas",
        "video",
        "audio",
        "source",
        "picture",
        "map",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "blockquote",
        "pre",
        "table",
        "figure",
        "figcaption",
        "hr",
        "address",
        "form",
        "fieldset",
        "details",
        "summary",
        "center",
    }
)
_LINE = frozenset({"br", "li", "tr", "dt", "dd", "caption"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# Characters that would make the HTML parser fail or hide them; made safe before parsing.
_UNPARSABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def looks_like_html(text: str) -> bool:
    """True when a string holds HTML tags (a record body or feed summary saved as HTML)."""
    return _LOOKS_HTML.search(text) is not None


def parse_safe(text: str) -> str:
    """Control characters as visible tokens, written so an HTML parser keeps them as text."""

    def token(match: re.Match[str]) -> str:
        return clean_text(match.group()).replace("<", "&lt;").replace(">", "&gt;") or "\ufffd"

    return _UNPARSABLE.sub(token, text)


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment or page, display-clean."""
    import lxml.etree
    import lxml.html

    source = parse_safe(re.sub(r"^\s*<\?xml[^>]*>", "", html))
    if not source.strip():
        return ""
    try:
        root = lxml.html.fromstring(source)
    except (lxml.etree.ParserError, ValueError):
        return clean_text(source)
    pieces: list[str | int] = []
    try:
        _walk(root, pieces, pre=False)
    except RecursionError:
        return clean_text(root.text_content())
    return _join(pieces)


def _walk(el: object, pieces: list[str | int], pre: bool) -> None:
    tag_obj = getattr(el, "tag", None)
    tag = tag_obj.lower() if isinstance(tag_obj, str) else ""
    tail = getattr(el, "tail", None)
    if tag and tag not in _DROP:
        pre = pre or tag == "pre"
        if tag in _BLOCK:
            pieces.append(2)
        elif tag in _LINE:
            pieces.append(1)
        if tag == "li":
            pieces.append("- ")
        elif tag in ("td", "th"):
            pieces.append(" ")
        text = getattr(el, "text", None)
        if text:
            pieces.append(text if pre else _HTML_SPACE.sub(" ", text))
        for child in el:  # type: ignore[attr-defined]
            _walk(child, pieces, pre)
        if tag in _BLOCK:
            pieces.append(2)
        elif tag in ("td", "th"):
            pieces.append(" ")
    if tail:
        pieces.append(tail if pre else _HTML_SPACE.sub(" ", tail))


def _join(pieces: list[str | int]) -> str:
    out: list[str] = []
    pending = 0
    at_line_start = True
    for piece in pieces:
        if isinstance(piece, int):
            pending = max(pending, piece)
            continue
        if pending:
            if out:
                out.append("\n" * pending)
            pending = 0
            at_line_start = True
        if at_line_start:
            piece = piece.lstrip(" ")
            if not piece:
                continue
            at_line_start = False
        out.append(piece)
    return clean_text("".join(out))  # trailing spaces go there; leading ones went above


_MEDIA = {"img": "image", "video": "video", "audio": "audio", "iframe": "embedded page",
          "object": "embedded object", "embed": "embedded object", "svg": "drawing"}  # fmt: skip


def media_text(html: str) -> str:
    """ "[image: alt or address]" lines for the media of a fragment that has no text.

    A photo post or a video entry is still something a reader wants listed; its
    images' descriptions (else their addresses) say what it holds.
    """
    import lxml.etree
    import lxml.html

    source = parse_safe(html)
    if not source.strip():
        return ""
    try:
        root = lxml.html.fromstring(source)
    except (lxml.etree.ParserError, ValueError):
        return ""
    lines: list[str] = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""
        if tag not in _MEDIA:
            continue
        what = next(
            (el.get(a) for a in ("alt", "title", "src", "data") if (el.get(a) or "").strip()), ""
        )
        lines.append(f"[{_MEDIA[tag]}: {what}]" if what.strip() else f"[{_MEDIA[tag]}]")
    return clean_text("\n".join(dict.fromkeys(lines)))
