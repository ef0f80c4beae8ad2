"""Format readers: bytes of one file in, `FileContent` out.

Rule kept here: a reader raises `ReadError` with a one-line reason for a file
it cannot read (the caller names the file); it never returns half-parsed
garbage silently. The format comes from the content first (feeds and web pages
are recognised whatever their extension) and from the extension second.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath

from index.errors import ReadError
from index.readers.base import Candidate, Extracted, FileContent
from index.textutil import binary_kind, clean_text, decode_bytes

__all__ = [
    "READERS_VERSION",
    "Candidate",
    "Extracted",
    "FileContent",
    "detect_format",
    "read_bytes",
]

# bump when what a reader takes from a file changes: every indexed file is read again by
# the next build (its signature carries this number), so the index holds what these
# readers make of it
READERS_VERSION = 8

HTML_EXTS = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})
FEED_EXTS = frozenset({".rss", ".atom", ".rdf", ".xml", ".feed", ".cdf"})
MARKDOWN_EXTS = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson", ".jsonlines"})
TSV_EXTS = frozenset({".tsv", ".tab"})
# Files that come with saved pages or documents but hold no article we can read.
UNSUPPORTED_EXTS = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".odt",
        ".rtf",
        ".epub",
        ".xls",
        ".xlsx",
        ".ods",
        ".ppt",
        ".pptx",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".rar",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".bmp",
        ".tif",
        ".tiff",
        ".ico",
        ".svg",
        ".mp3",
        ".mp4",
        ".wav",
        ".ogg",
        ".webm",
        ".mov",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".js",
        ".mjs",
        ".css",
        ".map",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".pyc",
        ".sqlite",
        ".db",
    }
)
FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})
_TAG_NAME = re.compile(r"<([A-Za-z_][\w:.\-]*)")
_DOCTYPE_NAME = re.compile(r"<!DOCTYPE\s+([^\s>\[]+)", re.IGNORECASE)
_HEAD_BYTES = 1 << 16


def _sniff_head(data: bytes) -> str:
    """The file's opening as text good enough to recognise markup (ASCII-compatible view)."""
    head = data[:_HEAD_BYTES]
    for bom, codec in (
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="ignore")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="ignore")
    return head.decode("latin-1").removeprefix("\xef\xbb\xbf")


def prolog(head: str) -> tuple[str | None, str | None]:
    """(DOCTYPE name, root element name) of a markup document's opening; None when absent.

    Skips the XML declaration, processing instructions, comments and a DOCTYPE
    with its internal subset.
    """
    doctype_name: str | None = None
    rest = head.lstrip("\ufeff \t\r\n")
    while rest.startswith("<"):
        if rest.startswith("<?"):
            end = rest.find("?>")
            rest = rest[end + 2 :] if end >= 0 else ""
        elif rest.startswith("<!--"):
            end = rest.find("-->")
            rest = rest[end + 3 :] if end >= 0 else ""
        elif rest[:9].upper() == "<!DOCTYPE":
            doctype = _DOCTYPE_NAME.match(rest)
            doctype_name = doctype.group(1) if doctype else ""
            bracket, close = rest.find("["), rest.find(">")
            if 0 <= bracket < close:
                close = rest.find(">", max(rest.find("]>", bracket), bracket))
            rest = rest[close + 1 :] if close >= 0 else ""
        else:
            match = _TAG_NAME.match(rest)
            return doctype_name, match.group(1) if match else None
        rest = rest.lstrip(" \t\r\n")
    return doctype_name, None


def root_element(head: str) -> str | None:
    """The root element's name, or "html" for an HTML doctype with no root in view."""
    doctype_name, root = prolog(head)
    if root is None and doctype_name and doctype_name.lower() == "html":
        return "html"
    return root


def detect_format(data: bytes, relpath: str) -> str:
    """One of feed, html, json, jsonl, csv, tsv, markdown, text (content first, then extension)."""
    ext = PurePosixPath(relpath).suffix.lower()
    head = _sniff_head(data)
    doctype_name, _ = prolog(head)
    root = root_element(head)
    local = root.rsplit(":", 1)[-1].lower() if root else None
    if local in FEED_ROOTS:
        return "feed"
    if local in ("html", "head", "body") or ext in HTML_EXTS:
        return "html"
    if doctype_name and doctype_name.lower() == "html":
        return "html"
    if root and "<body" in head[:8192].lower() and ext not in MARKDOWN_EXTS:
        return "html"
    if ext in FEED_EXTS or (root and ext not in {".txt", ".text", *MARKDOWN_EXTS}):
        return "feed"  # other XML: feedparser decides, and names it if it is no feed
    if ext == ".json":
        return "json"
    if ext in JSONL_EXTS:
        return "jsonl"
    if ext == ".csv":
        return "csv"
    if ext in TSV_EXTS:
        return "tsv"
    if ext in MARKDOWN_EXTS:
        return "markdown"
    if head.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return "json?"  # JSON or JSON Lines if it parses, else text
    return "text"


def read_bytes(data: bytes, relpath: str) -> FileContent:
    """Read one file's bytes; `relpath` (POSIX, relative to the corpus root) helps pick the format.

    Raises ReadError with a one-line reason (without the file name) when the file
    cannot be read.
    """
    if not data.strip():
        raise ReadError("empty file")
    kind = binary_kind(data)
    if kind is not None:
        raise ReadError(f"not a text file ({kind})")
    ext = PurePosixPath(relpath).suffix.lower()
    if ext in UNSUPPORTED_EXTS:
        raise ReadError(f"unsupported format ({ext} files hold no readable article)")
    fmt = detect_format(data, relpath)
    if fmt == "feed":
        return _read_xml(data, root_element(_sniff_head(data)))
    if fmt == "html":
        from index.readers.html import read_html

        return read_html(data, decode_bytes)
    text = decode_bytes(data)
    if not clean_text(text):
        raise ReadError("empty file")
    return read_text(text, fmt)


def read_text(text: str, fmt: str) -> FileContent:
    """Decoded text of a record, Markdown or plain-text format."""
    from index.readers import markdown, structured

    if fmt == "json":
        return structured.read_json(text)
    if fmt == "jsonl":
        return structured.read_jsonl(text)
    if fmt in ("csv", "tsv"):
        return structured.read_csv(text, tab=fmt == "tsv")
    if fmt == "markdown":
        return markdown.read_markdown(text)
    if fmt == "json?":
        if structured.looks_like_jsonl(text):
            return structured.read_jsonl(text)
        try:
            json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            pass  # text that merely opens with a bracket
        else:
            return structured.read_json(text)
    if text.lstrip("\ufeff").startswith(("---", "+++")):
        return markdown.read_markdown(text.lstrip("\ufeff"), plain=True)
    return FileContent((Extracted(text=clean_text(text), plain=True),))


def _read_xml(data: bytes, root: str | None) -> FileContent:
    """A feed, or an XML document of another kind named as such."""
    from index.readers.feeds import read_feed

    local = root.rsplit(":", 1)[-1].lower() if root else None
    try:
        content = read_feed(data)
    except ReadError:
        if root and local not in FEED_ROOTS:
            raise ReadError(
                f"unsupported XML document (<{root}>), not an RSS or Atom feed"
            ) from None
        raise
    if root and local not in FEED_ROOTS and not content.articles:
        raise ReadError(f"unsupported XML document (<{root}>), not an RSS or Atom feed")
    return content
