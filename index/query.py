"""The query language: words, "phrases", AND/OR/NOT, -word, field:value,
date ranges and prefix*. Parses into a small tree, checks it, and turns it
into a Whoosh query plus the terms the highlighter marks.

Rule kept here: a strict parse names what is wrong and where (QueryError);
a lenient parse (search as you type) repairs the same problems, says how in a
notice, and never fails.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from index.errors import QueryError
from index.tokens import fold, has_cjk, stemmer, word_tokens

FIELD_ALIASES = {
    "outlet": "outlet",
    "source": "outlet",
    "title": "title",
    "author": "author",
    "url": "url",
    "file": "file",
    "lang": "language",
    "language": "language",
    "date": "date",
}
KNOWN_FIELDS = ("outlet", "title", "author", "lang", "date", "url", "file")
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»"}
_OPERATORS = {"AND", "OR", "NOT"}
_FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):")
MAX_TERMS = 64  # words, phrases and operators one query may hold
MIN_PREFIX = 3  # letters a word needs before it also matches as a prefix


@dataclass(frozen=True)
class Clause:
    kind: str  # "word" or "phrase"
    text: str
    pos: int
    field: str | None = None  # canonical field name, None for the article's text
    typing: bool = False  # the word being typed: it also matches as a prefix


@dataclass(frozen=True)
class Group:
    op: str  # "and", "or", "not"
    items: tuple[Node, ...]


Node = Clause | Group


@dataclass
class _Tok:
    kind: str  # word, phrase, lparen, rparen, and, or, not, minus
    text: str
    pos: int
    field: str | None = None
    typing: bool = False


@dataclass
class Parsed:
    tree: Node | None  # None: the empty query (every article)
    notices: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, query: str, strict: bool) -> None:
        self.query = query
        self.strict = strict
        self.notices: list[str] = []
        self.toks: list[_Tok] = []
        self.i = 0

    def problem(self, message: str, pos: int | None, repair: str) -> None:
        if self.strict:
            raise QueryError(self.query, message, pos)
        self.notices.append(f"{message}: {repair}")

    # -- lexing -------------------------------------------------------------
    def lex(self) -> None:
        q, i, n = self.query, 0, len(self.query)
        while i < n:
            ch = q[i]
            if ch.isspace():
                i += 1
            elif ch == "(":
                self.toks.append(_Tok("lparen", ch, i))
                i += 1
            elif ch == ")":
                self.toks.append(_Tok("rparen", ch, i))
                i += 1
            elif ch == "-" and i + 1 < n and not q[i + 1].isspace():
                self.toks.append(_Tok("minus", ch, i))
                i += 1
            elif ch == "+" and i + 1 < n and not q[i + 1].isspace():
                i += 1
            elif ch in _QUOTES:
                i = self._phrase(i, None)
            else:
                match = _FIELD.match(q, i)
                i = self._field(match) if match else self._word(i, None)

    def _phrase(self, i: int, field_name: str | None) -> int:
        q = self.query
        close = q.find(_QUOTES[q[i]], i + 1)
        if close < 0:
            self.problem("unclosed quote", i, "closed at the end")
            # the phrase being typed: its last word also matches as a prefix
            typing = not q[-1:].isspace()
            self.toks.append(_Tok("phrase", q[i + 1 :], i, field_name, typing))
            return len(q)
        self.toks.append(_Tok("phrase", q[i + 1 : close], i, field_name))
        return close + 1

    def _word(self, i: int, field_name: str | None) -> int:
        q = self.query
        j = i
        while j < len(q) and not q[j].isspace() and q[j] not in '()"“”„«»':
            j += 1
        text = q[i:j]
        if field_name is None and text in _OPERATORS:
            self.toks.append(_Tok(text.lower(), text, i))
        else:
            self.toks.append(_Tok("word", text, i, field_name))
        return j

    def _field(self, match: re.Match[str]) -> int:
        name, pos, end = match.group(1), match.start(), match.end()
        q = self.query
        canonical = FIELD_ALIASES.get(name.lower())
        if canonical is None:
            self.problem(
                f"unknown field {name!r} (known: {', '.join(KNOWN_FIELDS)})",
                pos,
                "searched as words",
            )
            return self._word(pos, None)
        if end >= len(q) or q[end].isspace() or q[end] in "()":
            self.problem(f"{name}: has no value", pos, "ignored")
            return end
        if q[end] in _QUOTES:
            return self._phrase(end, canonical)
        return self._word(end, canonical)

    # -- parsing ------------------------------------------------------------
    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> Node | None:
        self.lex()
        last = self.toks[-1] if self.toks else None
        if last is not None and last.kind == "word" and not self.query[-1:].isspace():
            last.typing = True
        if len(self.toks) > MAX_TERMS:
            extra = self.toks[MAX_TERMS]
            self.problem(
                f"too long: more than {MAX_TERMS} words and operators",
                extra.pos,
                f"searched for the first {MAX_TERMS}",
            )
            self.toks = self.toks[:MAX_TERMS]
        node = self.parse_or()
        while self.peek() is not None:
            tok = self.toks[self.i]
            self.problem("unmatched closing parenthesis", tok.pos, "ignored")
            self.i += 1
            more = self.parse_or()
            if more is not None:
                node = more if node is None else Group("and", (node, more))
        return node

    def parse_or(self) -> Node | None:
        items: list[Node] = []
        first = self.parse_and()
        if first is not None:
            items.append(first)
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.i += 1
            if not items:
                self.problem("OR with nothing before it", tok.pos, "ignored")
            right = self.parse_and()
            if right is None:
                self.problem("OR with nothing after it", tok.pos, "ignored")
            else:
                items.append(right)
        if not items:
            return None
        return items[0] if len(items) == 1 else Group("or", tuple(items))

    def parse_and(self) -> Node | None:
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rparen"):
            if tok.kind == "and":
                self.i += 1
                nxt = self.peek()
                if not items:
                    self.problem("AND with nothing before it", tok.pos, "ignored")
                elif nxt is None or nxt.kind in ("or", "rparen", "and"):
                    self.problem("AND with nothing after it", tok.pos, "ignored")
                continue
            node = self.parse_unary()
            if node is not None:
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else Group("and", tuple(items))

    def parse_unary(self) -> Node | None:
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind in ("not", "minus"):
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "and", "rparen"):
                self.problem(f"{tok.text} with nothing after it", tok.pos, "ignored")
                return None
            inner = self.parse_unary()
            return None if inner is None else Group("not", (inner,))
        if tok.kind == "lparen":
            inner = self.parse_or()
            close = self.peek()
            if close is None or close.kind != "rparen":
                self.problem("unclosed parenthesis", tok.pos, "closed at the end")
            else:
                self.i += 1
            return inner
        if tok.kind == "rparen":
            self.problem("unmatched closing parenthesis", tok.pos, "ignored")
            return None
        return self.clause(tok)

    def clause(self, tok: _Tok) -> Node | None:
        text = tok.text
        if tok.kind == "phrase":
            if not text.strip():
                self.problem("empty phrase", tok.pos, "ignored")
                return None
            return Clause("phrase", text, tok.pos, tok.field, tok.typing)
        if tok.field == "date":
            if date_range(text) is None:
                self.problem(
                    f"invalid date {text!r} (use YYYY-MM-DD, YYYY-MM or A..B)", tok.pos, "ignored"
                )
                return None
            return Clause("word", text, tok.pos, "date")
        if "*" in text or "?" in text:
            core = text.lstrip("*?")
            if not core.strip("*?"):
                self.problem("a wildcard alone matches everything", tok.pos, "ignored")
                return None
            if core != text:
                self.problem("a word cannot start with a wildcard", tok.pos, "leading * dropped")
                text = core
        return Clause("word", text, tok.pos, tok.field, tok.typing)


def parse(query: str, strict: bool = False) -> Parsed:
    """The query's tree (None for an empty query) and the notices of what was repaired."""
    parser = _Parser(query, strict)
    tree = parser.parse()
    return Parsed(tree, parser.notices)


def date_range(value: str) -> tuple[int, int] | None:
    """`date:` value as an inclusive YYYYMMDD range; None when it is not a date."""
    if ".." in value:
        low_text, _, high_text = value.partition("..")
        low = _date_bound(low_text, high=False) if low_text else (1, 1)
        high = _date_bound(high_text, high=True) if high_text else (99991231, 99991231)
        if low is None or high is None or (not low_text and not high_text):
            return None
        return (max(low[0], 1), high[1])
    bound = _date_bound(value, high=False)
    return None if bound is None else (max(bound[0], 1), bound[1])


def _date_bound(text: str, high: bool) -> tuple[int, int] | None:
    """The first and last YYYYMMDD number a date, month or year covers."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
            number = day.year * 10000 + day.month * 100 + day.day
            return (number, number)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            dt.date.fromisoformat(text + "-01")
            base = int(text[:4]) * 10000 + int(text[5:]) * 100
            return (base, base + 99)
        if re.fullmatch(r"\d{4}", text):
            base = int(text) * 10000
            return (base, base + 1299)
    except ValueError:
        return None
    return None


def day_number(date: str | None) -> int:
    """YYYYMMDD for an ISO date or datetime, YYYYMM00 for a month, 0 when undated."""
    if not date:
        return 0
    if re.match(r"\d{4}-\d{2}-\d{2}", date):
        return int(date[:4]) * 10000 + int(date[5:7]) * 100 + int(date[8:10])
    if re.match(r"\d{4}-\d{2}", date):
        return int(date[:4]) * 10000 + int(date[5:7]) * 100
    return 0


def expands_as_prefix(node: Clause, tokens: list[str]) -> bool:
    """Whether a clause's last token also matches as a prefix: every bare word of
    MIN_PREFIX letters or more, and the last word of a phrase or field value being typed."""
    last = tokens[-1]
    if len(last) < MIN_PREFIX or last.isdigit() or has_cjk(last):
        return False
    if node.kind == "word" and node.field is None:
        return len(tokens) == 1
    return node.typing


@dataclass(frozen=True)
class HighlightTerms:
    """What the highlighter marks in an article's text."""

    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    stems: tuple[tuple[str, frozenset[str]], ...] = ()  # (language, stemmed forms)

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes or self.patterns or self.stems)


def highlight_terms(tree: Node | None, languages: tuple[str, ...]) -> HighlightTerms:
    exact: set[str] = set()
    prefixes: set[str] = set()
    patterns: list[re.Pattern[str]] = []

    def walk(node: Node) -> None:
        if isinstance(node, Group):
            if node.op != "not":
                for item in node.items:
                    walk(item)
            return
        if node.field is not None:
            return
        text = node.text
        if node.kind == "word" and ("*" in text or "?" in text):
            folded = fold(text)
            if folded.endswith("*") and not any(c in folded[:-1] for c in "*?"):
                prefixes.add(folded[:-1])
            else:
                body = re.escape(folded).replace(r"\*", r"\w*").replace(r"\?", r"\w")
                patterns.append(re.compile(body))
            return
        tokens = [t.text for t in word_tokens(text, "query")]
        exact.update(tokens)
        if tokens and expands_as_prefix(node, tokens):
            prefixes.add(tokens[-1])

    if tree is not None:
        walk(tree)
    stems = tuple((lang, frozenset(stemmer(lang)(word) for word in exact)) for lang in languages)
    return HighlightTerms(frozenset(exact), tuple(sorted(prefixes)), tuple(patterns), stems)
