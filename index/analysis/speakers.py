"""Who a quote's attribution names, and when two names are one person: the
speaker patterns ("X said", "said X", "union president X told", "said the director of
the authority, X", "according to X", "the judge wrote", "one worker, who ..., told",
and the same in the other languages the index stems), a surname completed with the
full name the same article gives it, a role ("the judge") with the one person the
article titles so.

Rule kept here: a speaker is read from the words around the quote and the article's
own text only; a pronoun names nobody here (`index.analysis.quotes` finds whom it
means from the quote before).
"""

from __future__ import annotations

import re

# who speaks for whom, unnamed ("the judge wrote", "one worker told the paper")
_ROLES = (
    r"spokes(?:person|man|woman)|officials?|executives?|sources?|analysts?|researchers?"
    r"|statement|judge|police|officers?|detectives?|lawyers?|attorneys?|prosecutors?"
    r"|workers?|residents?|witness(?:es)?|employees?|staff|members?|union|company|council"
    r"|ministry|minister|mayor|chief|director|chair(?:man|woman|person)?|president|report"
    r"|doctors?|experts?|economists?|managers?|owners?|campaigners?|activists?"
    r"|neighbou?rs?|victims?|survivors?|scientists?|engineers?|teachers?|parents?|students?"
    r"|coach|club|agency|department|government|authority|authorities|regulators?"
)
_NAME = (
    rf"(?:(?i:the|a|an|one|another)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_ROLES})\b"
    # whom the role speaks for: "a spokesperson for the port"
    r"(?:\s+(?:for|of|at)\s+(?:the\s+)?[\w'’&-]+(?:\s+[A-Z][\w'’&-]*){0,2})?"
    r"|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
)
# a title or role in lower case before a name ("union president Dana Whitlock"), never a
# word that starts another phrase ("said on Monday")
_ROLE = (
    r"(?:(?!(?:on|in|at|to|that|this|after|before|during|for|from|with|by|of|and|or|but"
    r"|then|last|next|earlier|later|also|again|when|while|as)\b)[a-z][\w'’-]*\s+){1,3}?"
)
# the body a role belongs to, before it ("Lorrimer Water Authority director Dana Whitfield")
_BODY = r"(?:[A-Z][\w'’&.-]*\s+){1,4}"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_VERB = (
    r"(?:(?:has|had|have)\s+)?"
    r"(?:said|says|added|told(?:\s+[\w ]{1,40}?)?|wrote|explained|stated|noted|insisted|warned"
    r"|argued|claimed|admitted|announced|described|called|urged|vowed|promised|stressed"
    r"|insists|maintained|maintains"
    # the same in the other languages the index stems (German, French, Spanish, Italian,
    # Portuguese, Dutch)
    r"|sagte|sagt|erklärte|betonte|schrieb|warnte|a\s+(?:déclaré|dit|affirmé|expliqué|ajouté"
    r"|souligné)|déclare|affirme|explique|dijo|afirmó|declaró|explicó|señaló|añadió|aseguró"
    r"|ha\s+(?:detto|dichiarato|spiegato|affermato|aggiunto)|disse|afirmou|declarou|explicou"
    r"|zei|zegt|verklaarde)"
)
_ACCORDING = r"(?i:according\s+to|laut|selon|según|secondo|segundo|volgens)"
# a full name, its words capitalised, accented capitals too ("Élodie Martin")
_PERSON = r"[A-ZÀ-ÝĀ-Ž][\w'’.-]*(?:\s+[A-ZÀ-ÝĀ-Ž][\w'’.-]*){1,3}"
# what the attribution says of the speaker between commas: "Mr Birch, now 64, said"
_APPOSITION = r"(?:,[^,\"“”\n]{1,80},)?"
_AFTER = (
    # who the speaker is, then their name, closing the sentence ('said the director of
    # the water authority, Dana Whitfield.', 'sagte die Direktorin der Wasserbehörde,
    # Dana Whitfield.'); before a lower-case role, which German's capital nouns would
    # fool, and before 'said the director', which would take the role for the speaker
    re.compile(
        rf"^\s*,?\s*{_VERB}\s+(?:[^\W\d_][\w'’-]*\s+){{1,8}}?[^\W\d_][\w'’-]*,\s+"
        rf"(?P<speaker>{_PERSON})\s*(?:[.!?]|$)"
    ),
    re.compile(rf"^\s*,?\s*{_VERB}\s+{_BODY}{_ROLE}(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*{_VERB}\s+(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*(?P<speaker>{_NAME}){_APPOSITION}\s+{_VERB}\b"),
    re.compile(rf"^\s*,?\s*{_VERB}\s+{_ROLE}(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*{_ROLE}(?P<speaker>{_NAME})\s+{_VERB}\b"),
    re.compile(rf"^\s*,?\s*(?P<pronoun>{_PRONOUN})\s+{_VERB}\b"),
    re.compile(rf"^\s*,?\s*{_ACCORDING}\s+(?P<speaker>{_NAME})"),
    re.compile(rf"^\s*,?\s*{_BODY}{_ROLE}(?P<speaker>{_NAME})\s+{_VERB}\b"),
)
# the words of the attribution between its verb and a partial quote
_LEAD = r"(?:[\w'’-]+\s+){1,10}"
_BEFORE = (
    re.compile(rf"(?P<speaker>{_NAME}){_APPOSITION}\s+{_VERB}\s*[:,]?\s*$"),
    re.compile(rf"{_ACCORDING}\s+(?P<speaker>{_NAME})\s*[:,]?\s*$"),
    # a partial quote inside the attribution: 'Ortiz said the plan "was a mistake"'
    re.compile(rf"(?P<speaker>{_NAME}){_APPOSITION}\s+{_VERB}\s+{_LEAD}$"),
    # ... said by someone the sentence names in passing: 'approval from CEO Dana Ruiz, who
    # has so far maintained that the plan is "unchanged"'
    re.compile(rf"(?P<speaker>{_NAME}),\s+who\s+(?:[a-z]+\s+){{0,3}}?{_VERB}\s+{_LEAD}$"),
    # ... or by a role without an article, as a list item has it: 'Company spokesperson
    # insists the stance is "unchanged"'
    re.compile(rf"(?P<speaker>(?:[A-Z][\w'’-]*\s+){{0,2}}?(?i:{_ROLES}))\s+{_VERB}\s+{_LEAD}$"),
    # 'Marsh said staff were heartbroken, adding: "..."'
    re.compile(
        rf"(?P<speaker>{_NAME}){_APPOSITION}\s+{_VERB}\b[^\"“”\n]{{0,100}}?,\s+adding(?:\s+that)?:?\s*$"
    ),
)
# the sentence's subject did something first, then spoke: 'Mayor Greg Tolliver asked
# residents to stay calm and said the city would "not cut corners"'; the name, two words
# at least (any word opening a sentence is capitalised), must open it (`_SUBJECT_OPENS`)
_SUBJECT = re.compile(
    rf"(?P<speaker>{_PERSON}),?\s+(?:[\w'’-]+,?\s+){{1,12}}?and\s+{_VERB}\s+(?:[\w'’-]+\s+){{1,6}}$"
)
_SUBJECT_OPENS = re.compile(r"(?:^|[.!?][\"”’)]?\s+)$")
PRONOUNS = {"he", "she", "they", "it", "we", "i"}


class Pronoun(str):
    """An attribution to "he", "she" or "they": the speaker of a quote before it."""


def attribution(text: str, start: int, end: int) -> str | None:
    after = text[end + 1 : end + 120].split("\n", 1)[0]
    for pattern in _AFTER:
        match = pattern.match(after)
        if match:
            return clean(match.groupdict().get("pronoun") or match.group("speaker"))
    line_start = text.rfind("\n", 0, start - 1) + 1
    origin = max(line_start, start - 121)
    before = text[origin : start - 1]
    for pattern in _BEFORE:
        match = pattern.search(before)
        if match:
            return clean(match.group("speaker"))
    for match in _SUBJECT.finditer(before):
        opening = text[line_start : origin + match.start()]
        if _SUBJECT_OPENS.search(opening):
            return clean(match.group("speaker"))
    return None


def speaker_of(text: str, start: int, end: int) -> str | None:
    """The speaker the attribution around one quote names (None for a pronoun)."""
    speaker = attribution(text, start, end)
    return None if isinstance(speaker, Pronoun) else speaker


_ENDS = re.compile(r"([\w'’-]*)[.!?]+(?:\s+|$)")
# words ending in a full stop that do not end a sentence inside a name ("Dr. Ana Ruiz")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov",
                  "lt", "col", "sgt", "capt", "mme", "mlle"}  # fmt: skip


def sentence_end(text: str) -> int:
    """Where the sentence `text` opens in ends (after a title's or an initial's full
    stop: "said Dr. Ana Ruiz, head of the Port Authority."), or the end of `text`."""
    for end in _ENDS.finditer(text):
        word = end.group(1)
        if len(word) > 1 and word.lower() not in _ABBREVIATIONS:
            return end.end()
    return len(text)


def clean(speaker: str) -> str | None:
    # a name ends with its sentence: "said Dana Whitlock. Mayor Ruiz ..." is Whitlock
    speaker = speaker[: sentence_end(speaker)].strip(" ,.:;")
    if not speaker:
        return None
    if speaker.lower() in PRONOUNS:
        return Pronoun(speaker)
    return speaker


def speaker_key(speaker: str) -> str:
    """The speaker as compared: lower case, no article, a role with the body it speaks
    for before it ("a spokesman for the company" is "company spokesperson")."""
    key = re.sub(r"^(?:the|a|an)\s+", "", speaker.lower()).strip()
    key = _SPOKES.sub("spokesperson", key)
    spoken_for = _ROLE_FOR.fullmatch(key)
    return f"{spoken_for.group(2)} {spoken_for.group(1)}" if spoken_for else key


def same_speaker(a: str | None, b: str | None) -> bool:
    """One person however named: "Vinter" and "Tomas Vinter" (a surname alone is
    the end of the full name), "the judge" and "Judge Ana Ruiz" (a role, the title),
    "company spokesperson" and "meta spokesperson" (one unnamed role, whoever's)."""
    if a is None or b is None:
        return a == b
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    if short[-1] == long[-1] and _IS_ROLE.fullmatch(short[-1]):
        return True  # one role, unnamed, of one body or another: "company spokesperson"
    if len(short) == 1 and len(long) > 1 and long[0] == short[0] and _IS_ROLE.fullmatch(short[0]):
        return True  # a role and the name it is the title of: "judge", "judge miriam castellane"
    return len(short) < len(long) and long[-len(short) :] == short


_TITLES = {"the", "a", "an", "mr", "mrs", "ms", "dr", "prof", "herr", "frau", "m", "mme"}
# capitalised words that start a name's run without being a given name
_NOT_NAMES = {
    "in", "on", "at", "but", "and", "as", "after", "before", "when", "while", "if", "by",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}  # fmt: skip


_IS_ROLE = re.compile(_ROLES)
_SPOKES = re.compile(r"\bspokes(?:man|woman)\b")
_ROLE_FOR = re.compile(rf"({_ROLES})\s+(?:for|of|at)\s+(?:the\s+)?([\w'’&. -]+)")
_THE_ROLE = re.compile(rf"(?i:the)\s+({_ROLES})")


def full_name(text: str, speaker: str) -> str:
    """A speaker named by surname alone ("Vinter said") with the full name the article
    gives them elsewhere ("Tomas Vinter", or "Gwen Tallis, a retired teacher" opening a
    sentence); the speaker as given if the article names nobody so. A role ("the judge",
    "the mayor") is the one person the article gives that title ("Judge Miriam
    Castellane", then "Judge Castellane"), if it gives it to one only."""
    role = _THE_ROLE.fullmatch(speaker)
    if role:
        title = rf"\b((?i:{re.escape(role.group(1))})(?:\s+[A-Z][\w'’-]+){{1,3}})"
        titled = {m.group(1) for m in re.finditer(title, text) if m.group(1)[:1].isupper()}
        longest = max(titled, key=len, default="")
        # "Judge Castellane" is "Judge Miriam Castellane" again, by surname
        if titled and all(
            same_speaker(t.split(None, 1)[1], longest.split(None, 1)[1]) for t in titled
        ):
            return longest
        return speaker
    if " " in speaker or not speaker[:1].isupper():
        return speaker
    pattern = re.compile(rf"((?:[A-Z][\w'’-]+\s+){{1,2}}){re.escape(speaker)}(?![\w'’-])")
    for match in pattern.finditer(text):
        before = text[: match.start()].rstrip(" \t\"“”'‘’„«»(")
        abbreviated = re.search(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St)\.$", before) is not None
        words = match.group(1).split()
        opens = not before or (before[-1] in ".!?\n:" and not abbreviated)
        # at a sentence's start any word is capitalised: no evidence of a name, unless
        # what follows says who they are ("Gwen Tallis, a retired teacher, ...")
        if opens and (len(words) != 1 or not text.startswith(",", match.end())):
            continue
        while words and words[0].lower().strip(".") in _TITLES | _NOT_NAMES:
            words = words[1:]
        if words and not any(w.endswith(("'s", "’s")) or w.lower() in _NOT_NAMES for w in words):
            return " ".join([*words, speaker])
    return speaker
