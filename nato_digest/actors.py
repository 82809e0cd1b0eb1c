"""Actors: the people and organisations of an article, every mention linked to one canonical name.

People: a full name opens an actor; a surname alone, a name with other middle names or a small
misspelling of the first name joins it. Titles in front of a name become the actor's roles
("NATO Secretary-General"), so that a later "the Secretary General" can be resolved to the person.
Organisations: curated acronyms and aliases (ISIS → Islamic State), a country adjective in front
("Turkish" + "Foreign Ministry"), and a shortened later mention ("Foreign Ministry").
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .gazetteers import organisation_table, title_table
from .model import Actor, Document, Mention

_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "’s", "'s"})


def fold(word: str) -> str:
    """Lower case without accents: Davutoğlu and Davutoglu compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (a swap of two letters costs one)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _same_given_name(a: str, b: str) -> bool:
    a, b = fold(a).rstrip("."), fold(b).rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return min(len(a), len(b)) >= 4 and _edit_distance(a, b) <= 1 + (min(len(a), len(b)) >= 7)


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two names of one person: same surname, and given names that agree where both have them."""
    if not a or not b or fold(a[-1]) != fold(b[-1]):
        return False
    given_a, given_b = a[:-1], b[:-1]
    if not given_a or not given_b:
        return True
    return any(_same_given_name(x, y) for x in given_a for y in given_b)


def role_key(role: str) -> str:
    """Roles compare without case, accents or hyphens: Secretary-General = secretary general."""
    return " ".join(fold(role).replace("-", " ").split())


def add_role(roles: list[str], role: str) -> None:
    if all(role_key(r) != role_key(role) for r in roles):
        roles.append(role)


def name_words(text: str) -> list[str]:
    """The words of a person's name, without titles or a possessive."""
    words = text.replace("’s", "").replace("'s", "").split()
    titles = title_table()
    while len(words) > 1 and (titles.matches(words[:1]) or words[0].rstrip(".").lower() in ("mr", "mrs", "ms", "dr")):
        words = words[1:]
    return words


@dataclass
class _Cluster:
    kind: str
    variants: Counter = field(default_factory=Counter)
    words: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        """An organisation's chosen name; a person's fullest name, the most frequent of those."""
        if self.kind == "ORG":
            return self.words[0]
        longest = max(len(v.split()) for v in self.variants)
        return max((v for v in self.variants if len(v.split()) == longest), key=lambda v: (self.variants[v], v))


@dataclass(frozen=True)
class ActorIndex:
    """The linked mentions and actors of one document, and the look-ups quotes need."""

    text: str
    mentions: tuple[Mention, ...]
    actors: tuple[Actor, ...]
    _starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(m.start for m in self.mentions))

    def _within(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            found.append(self.mentions[i])
            i += 1
        return found

    def resolve(self, start: int, end: int) -> tuple[str | None, int, int]:
        """The actor a speaker phrase names. A person right before its end ("Clinton campaign
        spokesman Brian Fallon" → Brian Fallon), else the first person in it, the subject of a
        longer clause ("Stoltenberg before a meeting of NATO ministers"); else an organisation,
        else a role ("the Secretary General"). Returns the name and the span of the words naming it."""
        inside = [m for m in self._within(start, end) if m.entity and m.end <= end]
        people = [m for m in inside if m.label == "PER"]
        organisations = [m for m in inside if m.label == "ORG"]
        if people:
            closing = people[-1]
            chosen = closing if len(self.text[closing.end : end].split()) <= 1 else people[0]
        elif organisations:
            chosen = organisations[-1]
        else:
            return self.by_role(self.text[start:end], before=start), start, end
        return chosen.entity, chosen.start, chosen.end

    def by_role(self, phrase: str, before: int) -> str | None:
        words = [w for w in fold(phrase).replace("-", " ").split() if w not in _DETERMINERS]
        if not words or not title_table().matches(words):
            return None
        candidates = []
        for actor in self.actors:
            for role in actor.roles:
                role_words = fold(role).replace("-", " ").split()
                if _ends_with(role_words, words) or _ends_with(role_words, words[1:]) and len(words) > 1 and words[0] in role_words:
                    candidates.append(actor.name)
                    break
        if len(candidates) > 1:
            return self.person_before(before, "", among=set(candidates))
        return candidates[0] if candidates else None

    def person_before(self, offset: int, pronoun: str, among: set[str] | None = None) -> str | None:
        """The nearest person mentioned before ``offset``."""
        i = bisect_left(self._starts, offset)
        for mention in reversed(self.mentions[:i]):
            if mention.label == "PER" and mention.entity and (among is None or mention.entity in among):
                return mention.entity
        return None

    def person_between(self, start: int, end: int) -> bool:
        return any(m.label == "PER" for m in self._within(start, end))


def _ends_with(words: Sequence[str], tail: Sequence[str]) -> bool:
    return bool(tail) and len(words) >= len(tail) and list(words[-len(tail) :]) == list(tail)


def link_actors(document: Document, mentions: Sequence[Mention]) -> ActorIndex:
    """Link PER and ORG mentions to canonical names and gather the document's actors."""
    mentions = _merge_country_modifiers(document, mentions)
    clusters: list[_Cluster] = []
    assignment: dict[int, _Cluster] = {}
    people = sorted(
        (i for i, m in enumerate(mentions) if m.label == "PER"), key=lambda i: (-len(name_words(mentions[i].text)), i)
    )
    for i in people:
        words = name_words(mentions[i].text)
        cluster = _find_person(clusters, words, mentions[i].start)
        if cluster is None:
            cluster = _Cluster("PER", words=words)
            clusters.append(cluster)
        cluster.variants[" ".join(words)] += 1
        cluster.positions.append(mentions[i].start)
        assignment[i] = cluster
    for i, mention in enumerate(mentions):
        if mention.label == "ORG":
            assignment[i] = _org_cluster(clusters, mention, mentions)
    for i, cluster in assignment.items():
        if cluster.kind == "PER":
            role = _role_before(document, mentions, i)
            if role:
                text, country = role
                add_role(cluster.roles, text)
                if country:
                    cluster.countries[country] += 1
    linked = tuple(
        replace(m, entity=assignment[i].name) if i in assignment else (m if m.entity else replace(m, entity=m.text))
        for i, m in enumerate(mentions)
    )
    actors = tuple(
        Actor(
            name=c.name,
            type=c.kind,  # type: ignore[arg-type]
            mentions=sum(c.variants.values()),
            aliases=tuple(sorted(v for v in c.variants if v != c.name)),
            roles=tuple(c.roles),
            country=c.countries.most_common(1)[0][0] if c.countries else None,
        )
        for c in clusters
    )
    return ActorIndex(document.text, linked, actors)


def _find_person(clusters: list[_Cluster], words: list[str], position: int) -> _Cluster | None:
    matches = [c for c in clusters if c.kind == "PER" and same_person(c.words, words)]
    if not matches:
        return None
    # a bare surname shared by two people goes to the one mentioned last before it
    return min(matches, key=lambda c: min((position - p for p in c.positions if p <= position), default=10**9))


def _org_cluster(clusters: list[_Cluster], mention: Mention, mentions: Sequence[Mention]) -> _Cluster:
    words = mention.text.replace("’s", "").replace("'s", "").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    matches = organisation_table().matches(words)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(words):
        name = matches[0].value[0]
    else:
        name = " ".join(words)
        longer = [m.text for m in mentions if m.label == "ORG" and m.text != name and m.text.endswith(" " + name)]
        if longer:
            name = max(longer, key=len)
    cluster = next((c for c in clusters if c.kind == "ORG" and c.words == [name]), None)
    if cluster is None:
        cluster = _Cluster("ORG", words=[name])
        clusters.append(cluster)
    cluster.variants[" ".join(words)] += 1
    if mention.country:
        cluster.countries[mention.country] += 1
    return cluster


def _merge_country_modifiers(document: Document, mentions: Sequence[Mention]) -> list[Mention]:
    """"Turkish" + "Foreign Ministry" → one ORG mention "Turkish Foreign Ministry" of Turkey."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and mention.label == "ORG"
            and previous.label in ("MISC", "LOC")
            and previous.country
            and document.text[previous.end : mention.start] == " "
        ):
            merged[-1] = Mention(
                previous.start,
                mention.end,
                document.text[previous.start : mention.end],
                "ORG",
                None,
                mention.country or previous.country,
                mention.sentence,
            )
            continue
        merged.append(mention)
    return merged


def _role_before(document: Document, mentions: Sequence[Mention], index: int) -> tuple[str, str | None] | None:
    """The title in front of a person's name, with the organisation or country that qualifies it:
    "NATO Secretary-General", "U.S. Secretary of State", "Turkish Prime Minister"."""
    mention = mentions[index]
    if mention.sentence < 0:
        return None
    tokens = document.sentences[mention.sentence].tokens
    first = next((k for k, t in enumerate(tokens) if t.start >= mention.start), None)
    if not first:
        return None
    words = [t.text for t in tokens[:first]]
    titles = [m for m in title_table().matches(words) if m.end == first]
    if not titles:
        return None
    title = titles[0]
    if not words[title.start][:1].isupper():
        return None
    start = tokens[title.start].start
    country = None
    for other in reversed(mentions[:index]):
        if other.end > start:
            continue
        gap = document.text[other.end : start]
        if gap.strip() not in ("", "’s", "'s") or other.label == "PER":
            break
        start, country = other.start, other.country or country
    role = document.text[start : tokens[title.end - 1].end]
    return role, country
