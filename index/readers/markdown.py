"""Markdown (and plain text) with front matter: YAML between `---` lines, or TOML between `+++`.

Rule kept here: the body stays as written (Markdown reads well as it is), less a
heading on its first line that is the article's title (shown above the text, as a
page's headline is); front matter that cannot be parsed never stops the body from
being read, it becomes a warning.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any

from index.chrome import same_line
from index.errors import ReadError
from index.models import INFERRED, SOURCE_FRONT_MATTER, SOURCE_TEXT
from index.readers.base import Candidate, Extracted, FileContent
from index.readers.fields import map_fields
from index.textutil import clean_line, clean_text

_YAML_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML_BLOCK = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_MAX_FRONT_MATTER = 1 << 16  # bytes of front matter parsed at most; larger is not metadata
BAD_FRONT_MATTER = "front matter is not valid YAML; metadata ignored"


def split_front_matter(text: str) -> tuple[str | None, str, str]:
    """(front matter source or None, its kind "yaml"/"toml", the body)."""
    for kind, pattern in (("yaml", _YAML_BLOCK), ("toml", _TOML_BLOCK)):
        match = pattern.match(text)
        if match:
            return match.group(1) or "", kind, text[match.end() :]
    return None, "", text


def parse_front_matter(source: str, kind: str) -> Mapping[Any, Any] | None:
    """The front matter as a mapping, or None when it is not valid or not a mapping."""
    if len(source) > _MAX_FRONT_MATTER:
        return None
    if kind == "toml":
        try:
            return tomllib.loads(source)
        except tomllib.TOMLDecodeError:
            return None
    import yaml

    try:
        data = yaml.load(source, Loader=_loader())  # a SafeLoader subclass: no objects built
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if data is None:
        return {}
    return data if isinstance(data, Mapping) else None


_LOADER: Any = None


def _loader() -> Any:
    """PyYAML's safe loader, with a timestamp that is no real date (2025-13-45) kept as
    the string written: one warning about the date later, instead of PyYAML raising and
    every other key of the front matter being lost."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class DatesAsWritten(yaml.SafeLoader):
            def construct_yaml_timestamp(self, node: Any) -> Any:
                try:
                    return super().construct_yaml_timestamp(node)
                except ValueError:
                    return self.construct_scalar(node)

        DatesAsWritten.add_constructor(
            "tag:yaml.org,2002:timestamp", DatesAsWritten.construct_yaml_timestamp
        )
        _LOADER = DatesAsWritten
    return _LOADER


def first_heading(body: str) -> str | None:
    """The text of the first level-1 heading (ATX or Setext, never inside code)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(body[: 1 << 16])
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and i + 1 < len(tokens):
            title = clean_line(tokens[i + 1].content.strip().strip("#"))
            if title:
                return title
    return None


_OPENING_HEADING = re.compile(r"\A#{1,2}[ \t]+(.+?)[ \t#]*(?:\n|\Z)")


def _without_title_heading(body: str, title: str | None) -> str:
    """The body less an ATX heading on its first line that says the title; the body as
    it is when that would leave nothing."""
    found = _OPENING_HEADING.match(body)
    if not title or not found or not same_line(found.group(1), title):
        return body
    rest = body[found.end() :].lstrip("\n")
    return rest or body


def read_markdown(text: str, *, plain: bool = False) -> FileContent:
    """A Markdown file (or, with `plain`, a text file that opens with front matter)."""
    source, kind, body = split_front_matter(text)
    warnings: list[str] = []
    candidates: tuple[Candidate, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    if source is not None:
        meta = parse_front_matter(source, kind)
        if meta is None:
            if plain:
                body = text  # a text file opening with "---" lines: not front matter after all
            else:
                label = "TOML" if kind == "toml" else "YAML"
                warnings.append(BAD_FRONT_MATTER.replace("YAML", label))
        else:
            candidates, extra = map_fields(meta, SOURCE_FRONT_MATTER)
    body = clean_text(body)
    if not body:
        raise ReadError("empty file" if source is None else "no text after the front matter")
    if not plain and not any(c.field == "title" for c in candidates):
        heading = first_heading(body)
        if heading:
            candidates += (
                Candidate("title", heading, SOURCE_TEXT, INFERRED, "first heading of the Markdown"),
            )
    if not plain:
        title = next((c.value for c in candidates if c.field == "title"), None)
        body = _without_title_heading(body, title)
    return FileContent(
        (Extracted(text=body, candidates=candidates, extra=extra, plain=plain),), tuple(warnings)
    )
