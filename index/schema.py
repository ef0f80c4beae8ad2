"""The Whoosh schema: the only module that spells the index's field names.

Rule kept here: change anything about the fields or their analysis and bump
SCHEMA_VERSION; an index of another version is rebuilt, never read.
"""

from __future__ import annotations

from typing import Any

__all__ = ["STEMMED_LANGUAGES", "SCHEMA_VERSION", "build_schema", "stemmed_body"]

SCHEMA_VERSION = 2

# Languages whose articles get a stemmed field of their own (Snowball stemmers in Whoosh).
# Here, not in index.tokens, so that opening a Library does not compile the tokeniser's
# regular expressions.
STEMMED_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "sv", "da", "no", "fi")

ID_FIELD = "id"
FILE = "file"  # corpus-relative path; one file may hold several articles
FILE_SIGNATURE = "file_sig"  # size:mtime_ns:content hash:manifest fingerprint
FILE_WORDS = "file_words"  # the path as searchable words (file:)
OUTLET = "outlet"  # the outlet's words
OUTLET_KEY = "outlet_key"  # the outlet exactly, for facets and filters
TITLE = "title"
AUTHOR = "author"
URL = "url"
BODY = "body"  # unstemmed, every language
LANGUAGE = "language"
DAY = "day"  # YYYY-MM-DD, YYYY-MM, or UNDATED: facets
DAY_NUMBER = "day_num"  # YYYYMMDD (YYYYMM00 for a month), 0 when undated: newest first, ranges
DATE_ORDER = "date_order"  # DAY_NUMBER, but UNDATED_LAST when undated: oldest first
ARTICLE = "article"  # the whole Article as JSON

UNDATED = "undated"
NO_OUTLET = "(unknown outlet)"
NO_LANGUAGE = "und"
UNDATED_LAST = 99999999


def stemmed_body(lang: str) -> str:
    """The stemmed body field of a language (only its own articles go there)."""
    return f"body_{lang}"


def build_schema() -> Any:
    """The Whoosh schema (Whoosh is imported here, not when field names are read)."""
    from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

    from index.analyzers import stem_analyzer, word_analyzer

    words = word_analyzer()
    fields = {
        ID_FIELD: ID(stored=True, unique=True, sortable=True),
        FILE: ID(stored=True, sortable=True),
        FILE_SIGNATURE: ID(stored=True, sortable=True),
        FILE_WORDS: TEXT(analyzer=words, phrase=True),
        OUTLET: TEXT(analyzer=words, phrase=True),
        OUTLET_KEY: ID(stored=True, sortable=True),
        TITLE: TEXT(analyzer=words, phrase=True, field_boost=2.0),
        AUTHOR: TEXT(analyzer=words, phrase=True),
        URL: TEXT(analyzer=words, phrase=True),
        BODY: TEXT(analyzer=words, phrase=True),
        LANGUAGE: ID(stored=True, sortable=True),
        DAY: ID(stored=True, sortable=True),
        DAY_NUMBER: NUMERIC(int, bits=32, stored=True, sortable=True, default=0),
        DATE_ORDER: NUMERIC(int, bits=32, sortable=True, default=UNDATED_LAST),
        ARTICLE: STORED(),
    }
    for lang in STEMMED_LANGUAGES:
        # stems only answer single words (phrases use BODY), so no positions
        fields[stemmed_body(lang)] = TEXT(analyzer=stem_analyzer(lang), phrase=False)
    return Schema(**fields)
