"""Which country each mention names or implies, from the shipped lexicon.

A LOC or MISC mention that is a country form (Russia, Russians, Moscow, the Kremlin, Crimea) gets
that country's ISO 3166-1 alpha-2 code, and so does a hyphenated compound of a country name or
demonym (U.S.-led, Russian-backed). Names the recognizer missed are added from the lexicon.
Ambiguous forms are settled by context: Georgia is the US state in an article about US states,
Jordan or Chad tagged as a person is a person.

The counting rule (see README and aggregate.counts_for_country): a country counts where a LOC or
MISC mention names it, or where an organisation mention is the country's name or a government
metonym (Russia said…, the Kremlin said…). A country inside a longer organisation name (Turkish
Foreign Ministry, Syrian Armed Forces) is that organisation's country; it shows only in the
per-document forms, so the country table counts what the text says of the country itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from .gazetteers import country_names, country_table
from .model import Document, Mention
from .words import SentenceWords

_US_STATE_CONTEXT = re.compile(
    r"\b(?:Atlanta|Savannah|Ga\.|Alabama|Florida|Tennessee|South Carolina|Carolina|Senate|Congress|Democrats?|Republicans?|GOP|governor|state legislature)\b"
)
_HYPHEN_KINDS = ("name", "demonym")
# "English-language", "French-speaking", "Paris-style": about a language or a manner, not the country
_NOT_ABOUT_THE_COUNTRY = ("-language", "-speaking", "-speaker", "-speakers", "-style", "-like")


@lru_cache(maxsize=1 << 16)
def country_of(text: str) -> tuple[str, str] | None:
    """(code, kind) if the whole of ``text`` is a country form; ("", "none") for a region.
    Remembered: every stage asks it of every mention, and mentions' texts recur."""
    words = text.replace("’s", "").replace("'s", "").split()
    words = words[1:] if words and words[0].lower() == "the" else words
    matches = country_table().matches(words) if words else []
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(words):
        return matches[0].value  # type: ignore[return-value]
    if matches and matches[0].start == 0 and matches[0].value[1] == "place" and len(words) == matches[0].end + 1:
        if words[-1].lower() in ("peninsula", "province", "region", "city", "oblast"):
            return matches[0].value  # type: ignore[return-value]
    if len(words) == 1 and "-" in words[0] and not words[0].lower().endswith(_NOT_ABOUT_THE_COUNTRY):
        head = words[0].split("-")[0]
        found = country_of(head) if head != words[0] else None
        if found and found[1] in _HYPHEN_KINDS:
            return found
    return None


@lru_cache(maxsize=1 << 16)
def _leading_country(name: str) -> str | None:
    """The country an organisation's name starts with: Syrian Armed Forces → SY."""
    words = name.split()
    match = country_table().matches(words[:3])
    if match and match[0].start == 0 and match[0].end < len(words) and match[0].value[1] in ("name", "demonym"):
        return match[0].value[0] or None
    return None


def _settle(code: str, text: str, document: Document) -> str | None:
    if code == "GE" and text.startswith("Georgia") and _US_STATE_CONTEXT.search(document.text):
        return "US"
    return code or None


def assign_countries(document: Document, mentions: Sequence[Mention], words: SentenceWords | None = None) -> tuple[Mention, ...]:
    """Mentions with ``country`` (and ``entity`` for country mentions) filled in, plus the
    country names the recognizer missed (``words``: the document's, if made already)."""
    out = list(label_countries(document, mentions))
    out.extend(_missed(document, out, words or SentenceWords(document)))
    out.sort(key=lambda m: m.start)
    return tuple(out)


def label_countries(document: Document, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """Mentions with ``country`` (and ``entity`` for country mentions) filled in."""
    names = country_names()
    out = []
    for mention in mentions:
        found = country_of(mention.text) if mention.label != "PER" else None
        if found is None:
            embedded = _leading_country(mention.text) if mention.label == "ORG" else None
            out.append(mention.linked(mention.entity, _settle(embedded, mention.text, document)) if embedded else mention)
            continue
        code = _settle(found[0], mention.text, document)
        entity = names.get(code) if code and found[1] != "none" else None
        out.append(mention.linked(entity or mention.entity, code))
    return tuple(out)


def _missed(document: Document, mentions: Sequence[Mention], words: SentenceWords) -> list[Mention]:
    """Country names and demonyms in the text that no mention covers."""
    covered = _Spans([(m.start, m.end) for m in mentions])
    names = country_names()
    added = []
    for number, matches in words.matches(country_table()):
        tokens = document.sentences[number].tokens
        for match in matches:
            code, kind = match.value
            if kind not in ("name", "demonym") or not code:
                continue
            start, end = tokens[match.start].start, tokens[match.end - 1].end
            if covered.overlap(start, end):
                continue
            code = _settle(code, document.text[start:end], document)
            label = "MISC" if kind == "demonym" else "LOC"
            added.append(Mention(start, end, document.text[start:end], label, names.get(code), code, number))
    return added


class _Spans:
    """Character spans, asked whether any overlaps a range: in log time, so that a document dense
    with names is not read once per country word."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # the furthest end so far

    def overlap(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans that start before ``end``
        return before > 0 and self._reach[before - 1] > start
