"""Corpus tables merged from per-article analyses: actors, countries and the corpus digest.

``Corpus.add`` takes one analysis at a time and keeps only the tables and a few candidate
sentences per article, so memory grows with the number of distinct actors and countries, not with
the size of the corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .actors import add_role, compatible, fold, name_words, same_person
from .countries import country_of
from .gazetteers import country_names
from .model import Analysis, Mention
from .summarize import stand_alone_penalty, terms

_WORDS = re.compile(r"\w+")

DIGEST_PENALTY_LIMIT = 0.3
"""A digest line must read alone: no quotation without its speaker, no "But …" or "He …" opening."""


@dataclass
class ActorRow:
    type: str
    variants: Counter = field(default_factory=Counter)  # full names, weighted by mentions
    mentions: int = 0
    docs: set[str] = field(default_factory=set)
    aliases: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    gender: str | None = None

    @property
    def name(self) -> str:
        if self.type == "ORG":
            return self.variants.most_common(1)[0][0]
        longest = max(len(v.split()) for v in self.variants)
        return max((v for v in self.variants if len(v.split()) == longest), key=lambda v: (self.variants[v], v))

    def record(self) -> dict:
        name = self.name
        aliases = sorted({a for a in [*self.aliases, *self.variants] if a != name}, key=lambda a: (-self.aliases[a], a))
        return {
            "name": name,
            "type": self.type,
            "mentions": self.mentions,
            "docs": len(self.docs),
            "aliases": aliases,
            "roles": self.roles,
            "country": self.countries.most_common(1)[0][0] if self.countries else None,
        }

    def merge(self, other: ActorRow) -> ActorRow:
        """This row with ``other``'s counts added after its own (roles and countries in the order
        first seen, as adding other's articles after this row's would have left them)."""
        self.gender = self.gender or other.gender
        self.variants.update(other.variants)
        self.mentions += other.mentions
        self.docs |= other.docs
        self.aliases.update(other.aliases)
        for role in other.roles:
            add_role(self.roles, role)
        self.countries.update(other.countries)
        return self

    def copy(self) -> ActorRow:
        return ActorRow(self.type).merge(self)


def counts_for_country(mention: Mention) -> bool:
    """The counting rule: a place or demonym counts for its country; an organisation mention
    counts only when it is a country's name or a government metonym (Russia said, the Kremlin
    said), not a sports team named after a city, nor a country word inside a longer name."""
    if not mention.country:
        return False
    if mention.label in ("LOC", "MISC"):
        return True
    found = country_of(mention.text) if mention.label == "ORG" else None
    return found is not None and found[1] in ("name", "metonym")


@dataclass(frozen=True)
class DigestItem:
    """A sentence of the corpus digest; ``docs`` lists every article that said the same."""

    doc: str
    start: int
    end: int
    text: str
    score: float
    rank: int
    date: str | None
    docs: tuple[str, ...]

    def record(self) -> dict:
        return {"doc": self.doc, "text": self.text, "start": self.start, "end": self.end, "docs": list(self.docs)}


class Corpus:
    """Accumulates per-article analyses into corpus tables. Tables of different articles merge
    (``merge``) in any grouping, so that workers can each count a share of the corpus.

    People are counted by name as written (with its gender evidence), and joined into persons —
    "Jens Stoltenberg" with "Stoltenberg" — only when the table is read: the counts are then the
    same however the articles were grouped."""

    def __init__(self) -> None:
        self._people: dict[str, dict[tuple[str, str | None], ActorRow]] = defaultdict(dict)  # by folded surname, then name
        self._organisations: dict[str, ActorRow] = {}
        self._countries: dict[str, Counter] = defaultdict(Counter)
        self._country_docs: dict[str, set[str]] = defaultdict(set)
        self._candidates: list[DigestItem] = []
        self.articles = 0
        self.words = 0

    def add(self, analysis: Analysis) -> None:
        self.articles += 1
        self.words += len(analysis.document.text.split())
        doc = analysis.doc
        for actor in analysis.actors:
            row = self._actor_row(actor.type, actor.name, actor.gender)
            row.variants[actor.name] += actor.mentions
            row.mentions += actor.mentions
            row.docs.add(doc)
            row.aliases.update(actor.aliases)
            for role in actor.roles:
                add_role(row.roles, role)
            if actor.country:
                row.countries[actor.country] += 1
        for mention in analysis.mentions:
            if counts_for_country(mention):
                self._countries[mention.country][mention.text] += 1  # type: ignore[index]
                self._country_docs[mention.country].add(doc)  # type: ignore[index]
        date = analysis.document.article.date
        readable = [e for e in analysis.summary if stand_alone_penalty(e.text) < DIGEST_PENALTY_LIMIT]
        for rank, extract in enumerate(sorted(readable, key=lambda e: -e.score)):
            self._candidates.append(DigestItem(doc, extract.start, extract.end, extract.text, extract.score, rank, date, (doc,)))

    def merge(self, other: Corpus) -> Corpus:
        """This corpus with ``other``'s articles counted after its own: the tables of adding every
        article of both, in that order, to one Corpus. Associative: (a + b) + c == a + (b + c)."""
        self.articles += other.articles
        self.words += other.words
        for surname, names in other._people.items():
            _merge_rows(self._people[surname], names)
        _merge_rows(self._organisations, other._organisations)
        for code, forms in other._countries.items():
            self._countries[code].update(forms)
            self._country_docs[code] |= other._country_docs[code]
        self._candidates.extend(other._candidates)
        return self

    def _actor_row(self, kind: str, name: str, gender: str | None) -> ActorRow:
        if kind == "ORG":
            return self._organisations.setdefault(name, ActorRow("ORG"))
        words = name_words(name)
        return self._people[fold(words[-1]) if words else ""].setdefault((name, gender), ActorRow("PER", gender=gender))

    def _persons(self) -> Iterator[ActorRow]:
        """The names of each surname joined into persons, in the order first seen: a name joins
        the first person with a name of the same person and no disagreeing gender."""
        for names in self._people.values():
            persons: list[ActorRow] = []
            for (name, gender), counts in names.items():
                words = name_words(name)
                same = (p for p in persons if compatible(p.gender, gender) and any(same_person(name_words(v), words) for v in p.variants))
                person = next(same, None)
                if person is None:
                    persons.append(counts.copy())
                else:
                    person.merge(counts)
            yield from persons

    def actors(self) -> list[dict]:
        rows = [*self._persons(), *self._organisations.values()]
        return sorted((r.record() for r in rows), key=lambda r: (-r["mentions"], -r["docs"], r["name"]))

    def countries(self) -> list[dict]:
        names = country_names()
        rows = [
            {
                "code": code,
                "name": names.get(code, code),
                "mentions": sum(forms.values()),
                "docs": len(self._country_docs[code]),
                "forms": [form for form, _ in forms.most_common()],
            }
            for code, forms in self._countries.items()
        ]
        return sorted(rows, key=lambda r: (-r["mentions"], r["code"]))

    def digest(self, size: int, similarity: float = 0.5) -> list[DigestItem]:
        """The sentences that matter across articles: each article's best first, near-duplicates
        merged into the better-scored one, ordered by date when every article has one."""
        ordered = sorted(self._candidates, key=lambda c: (c.rank, -c.score))
        kept: list[DigestItem] = []
        bags: list[set[str]] = []
        for candidate in ordered:
            bag = set(terms(candidate.text))
            duplicate = next((i for i, other in enumerate(bags) if _jaccard(bag, other) >= similarity), None)
            if duplicate is not None:
                item = kept[duplicate]
                if candidate.doc not in item.docs:
                    kept[duplicate] = DigestItem(**{**item.__dict__, "docs": (*item.docs, candidate.doc)})
                continue
            if len(kept) < size:
                kept.append(candidate)
                bags.append(bag)
        if kept and all(item.date for item in kept):
            kept.sort(key=lambda item: (item.date, item.doc, item.start))
        return kept


class ReportedQuotes:
    """Quotes across articles: the same words reported by several articles (syndicated copies or
    separate reports) are one record whose ``docs`` lists every article that carried them. Two
    speakers named differently keep two records; a record that names its speaker is preferred to
    one that does not."""

    def __init__(self) -> None:
        self._by_words: dict[str, list[dict]] = defaultdict(list)

    def add(self, record: dict, docs: Iterable[str]) -> None:
        same = self._by_words[" ".join(_WORDS.findall(record["quote"].casefold()))]
        kept = next((i for i, r in enumerate(same) if None in (r["speaker"], record["speaker"]) or r["speaker"] == record["speaker"]), None)
        if kept is None:
            same.append({**record, "docs": list(docs)})
            return
        merged = list(dict.fromkeys([*same[kept]["docs"], *docs]))
        base = record if same[kept]["speaker"] is None and record["speaker"] else same[kept]
        same[kept] = {**base, "docs": merged}

    def records(self) -> list[dict]:
        return [r for same in self._by_words.values() for r in same]


def _merge_rows(rows: dict, others: dict[object, ActorRow]) -> None:
    """``others``' rows merged into ``rows`` by key; a new key's row copied, after the known ones."""
    for key, other in others.items():
        if key in rows:
            rows[key].merge(other)
        else:
            rows[key] = other.copy()


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def countries_by_doc(analysis: Analysis) -> Iterator[dict]:
    """One row per country of one article; ``forms`` also lists country words inside
    organisation names, which the corpus table leaves out."""
    names = country_names()
    counted: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    for mention in analysis.mentions:
        if mention.country:
            forms[mention.country][mention.text] += 1
            if counts_for_country(mention):
                counted[mention.country] += 1
    for code in sorted(forms, key=lambda c: (-counted[c], c)):
        yield {
            "doc": analysis.doc,
            "code": code,
            "name": names.get(code, code),
            "mentions": counted[code],
            "forms": [f for f, _ in forms[code].most_common()],
        }


def actors_by_doc(analysis: Analysis) -> Iterable[dict]:
    corpus = Corpus()
    corpus.add(analysis)
    for record in corpus.actors():
        yield {"doc": analysis.doc, **record}
