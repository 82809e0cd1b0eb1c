"""Actors: the people and organisations of an article, every mention linked to one canonical name.

People: a full name opens an actor; a surname alone, a name with other middle names or a small
misspelling of the given name joins it, unless the gender evidence (Mr/Mrs, a woman's given name)
disagrees. Titles in front of a name ("NATO Secretary-General Jens Stoltenberg") and appositions
after it ("Davutoglu, the Turkish prime minister,") become roles, so that a later "the Secretary
General" is linked to the person and counted as a mention.

Organisations: curated names and acronyms (ISIS → Islamic State), acronyms the article itself
introduces ("Syrian Democratic Forces (SDF)"), a country adjective in front ("Turkish" + "Foreign
Ministry"), a shortened later mention ("Foreign Ministry"), and unambiguous references such as
"the alliance" for NATO when the article names NATO.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from itertools import accumulate

from .gazetteers import PhraseTable, female_names, first_names, organisation_table, organisations, title_table, unisex_names
from .model import Actor, Document, Mention, Token, first_token_from
from .words import SentenceWords

_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})
_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "prof.", "sir", "lord", "lady", "rev.", "father"})
_GENDER_TITLES = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lord": "m", "lady": "f", "dame": "f",
    "king": "m", "queen": "f", "prince": "m", "princess": "f",
}  # fmt: skip
_POSSESSIVE = re.compile(r"['’]s?$")  # a trailing possessive, not the one inside "People's Units"


# ---------------------------------------------------------------------------------------------
# Names


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents: Davutoğlu and Davutoglu compare equal. Remembered: names recur."""
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


MISSPELT_FROM, TWO_MISSPELT_FROM = 4, 7
"""Given names at least this long (both of them) are the same name one edit apart, or two."""


def given_name_key(word: str) -> str:
    """A given name as names are compared: folded (fold), without a trailing dot ("J." → "j")."""
    return fold(word).rstrip(".")


def _same_given_name(a: str, b: str) -> bool:
    return similar_given_names(given_name_key(a), given_name_key(b))


def similar_given_names(a: str, b: str) -> bool:
    """Whether the keys (given_name_key) of two given names are one name: equal, one the other's
    initial, or a small misspelling (one edit, two in long names)."""
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    shorter = min(len(a), len(b))
    return shorter >= MISSPELT_FROM and _edit_distance(a, b) <= 1 + (shorter >= TWO_MISSPELT_FROM)


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two names of one person: same surname, and given names that agree where both have them."""
    if not a or not b or fold(a[-1]) != fold(b[-1]):
        return False
    given_a, given_b = a[:-1], b[:-1]
    if not given_a or not given_b:
        return True
    return any(_same_given_name(x, y) for x in given_a for y in given_b)


LONG_GIVEN_NAME = 16
"""Given names longer than this are found by their length (and then compared) rather than by
their spellings with letters dropped, which grow with the square of a name's length."""


class Namesakes:
    """The persons who share a surname, numbered from 0 in the order they were added, indexed by
    their given names. The persons a name can belong to (same_person) are read from the few who
    share a key with one of its given names (the name, its initial, its spellings with one or two
    letters dropped, which two spellings an edit or two apart always share) and those named by
    surname alone. Comparing a name with every namesake was quadratic: a thousand people of one
    surname took 17 s in the corpus tables and 35 s in one document. The keys are made once
    there are ``INDEX_FROM`` given names: most surnames have one or two, and comparing them all
    costs less."""

    INDEX_FROM = 16

    def __init__(self) -> None:
        self.count = 0
        self._surname_only: list[int] = []
        self._given: dict[tuple[int, str], None] = {}  # (person, given name's key), in order
        self._by_key: dict[str, list[tuple[int, str]]] | None = None

    def add(self, person: int, words: Sequence[str]) -> None:
        """One more name (its ``words``, surname last) of ``person``."""
        self.count = max(self.count, person + 1)
        if not words:
            return  # no name: no one's (same_person)
        if len(words) == 1:
            self._surname_only.append(person)
        for entry in ((person, given) for given in map(given_name_key, words[:-1])):
            if entry not in self._given:
                self._given[entry] = None
                if self._by_key is not None:
                    self._file(entry)
        if self._by_key is None and len(self._given) >= self.INDEX_FROM:
            self._by_key = {}
            for entry in self._given:
                self._file(entry)

    def _file(self, entry: tuple[int, str]) -> None:
        for key in _given_name_keys(entry[1]):
            self._by_key.setdefault(key, []).append(entry)  # type: ignore[union-attr]

    def named(self, words: Sequence[str]) -> list[int]:
        """The persons, in order, of whom ``words`` (with this surname) can be a name: every
        person for a surname alone, else those with a given name like one of its own or named by
        surname alone."""
        if not words:
            return []
        if len(words) == 1:
            return list(range(self.count))
        found = set(self._surname_only)
        for given in {given_name_key(word) for word in words[:-1]}:
            found.update(person for person, known in self._filed_near(given) if person not in found and similar_given_names(known, given))
        return sorted(found)

    def _filed_near(self, given: str) -> Iterable[tuple[int, str]]:
        """The (person, given name) entries that can be like ``given``: all of them, before there is an index."""
        if self._by_key is None:
            return self._given
        return {entry for key in _given_name_keys(given, query=True) for entry in self._by_key.get(key, ())}


def _given_name_keys(name: str, query: bool = False) -> list[str]:
    """The keys under which a given name's key (given_name_key) is filed, or, with ``query``, those
    under which every name similar to it (similar_given_names) is filed: the name itself; an
    initial under "i", a name under "f" by its initial; its spellings with a letter dropped under
    "1" and with up to two dropped under "2", from the lengths that allow one and two edits, up to
    LONG_GIVEN_NAME; from a letter short of it, a name under its length too, looked up at every
    length two edits reach (so that the names either side of LONG_GIVEN_NAME still meet)."""
    keys = ["=" + name]
    by_initial, initial = ("i", "f") if query else ("f", "i")
    if name:
        keys.append(by_initial + name[0])
    if len(name) == 1:
        keys.append(initial + name)
    if MISSPELT_FROM <= len(name) <= LONG_GIVEN_NAME:
        keys += ["1" + spelling for spelling in _dropped(name, 1)]
        if len(name) >= TWO_MISSPELT_FROM:
            keys += ["2" + spelling for spelling in _dropped(name, 2)]
    if len(name) >= LONG_GIVEN_NAME - 1:
        lengths = range(len(name) - 2, len(name) + 3) if query else (len(name),)
        keys += [f"L{length}" for length in lengths]
    return keys


def _dropped(name: str, most: int) -> set[str]:
    """``name`` with up to ``most`` of its letters dropped."""
    found = edge = {name}
    for _ in range(most):
        edge = {spelling[:i] + spelling[i + 1 :] for spelling in edge for i in range(len(spelling))}
        found = found | edge
    return found


@lru_cache(maxsize=1 << 16)
def name_words(text: str) -> tuple[str, ...]:
    """The words of a person's name, without titles or a possessive. Remembered: a name recurs
    in its article and across the corpus tables."""
    words = tuple(_POSSESSIVE.sub("", text.strip()).split())
    titles = title_table()
    while len(words) > 1 and (titles.matches(words[:1]) or words[0].rstrip(".").lower() in _GENDER_TITLES):
        words = words[1:]
    return words


def given_name_gender(words: Sequence[str]) -> str | None:
    """'f' for a woman's given name, 'm' for another known given name, else None."""
    if len(words) < 2 or words[0] in unisex_names():
        return None
    if words[0] in female_names():
        return "f"
    return "m" if words[0] in first_names() else None


_ROLE_ABBREVIATIONS = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general", "lt.": "lieutenant",
    "col.": "colonel", "maj.": "major", "capt.": "captain", "adm.": "admiral", "sgt.": "sergeant",
    "pres.": "president", "amb.": "ambassador", "atty.": "attorney", "supt.": "superintendent",
}  # fmt: skip


def role_key(role: str) -> str:
    """Roles compare without case, accents, possessives, hyphens or abbreviations:
    Secretary-General = secretary general, Gov. = Governor."""
    words = fold(" ".join(_POSSESSIVE.sub("", w) for w in role.split())).replace("-", " ").split()
    return " ".join(_ROLE_ABBREVIATIONS.get(w, w) for w in words)


def add_role(roles: list[str], role: str) -> None:
    if all(role_key(r) != role_key(role) for r in roles):
        roles.append(role)


def compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


# ---------------------------------------------------------------------------------------------
# The index quotes and aggregation read


@dataclass(frozen=True)
class ActorIndex:
    """The linked mentions, the role and organisation references, and the actors of one document."""

    text: str
    mentions: tuple[Mention, ...]
    actors: tuple[Actor, ...]
    references: tuple[Mention, ...] = ()
    genders: dict[str, str] = field(default_factory=dict)
    _linked: tuple[Mention, ...] = ()
    _starts: tuple[int, ...] = ()
    _kinds: dict[str, str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)
    _roles_by_last_word: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        linked = tuple(sorted((*self.mentions, *self.references), key=lambda m: m.start))
        object.__setattr__(self, "_linked", linked)
        object.__setattr__(self, "_starts", tuple(m.start for m in linked))
        object.__setattr__(self, "_kinds", {a.name: a.type for a in self.actors})
        object.__setattr__(self, "_counts", {a.name: a.mentions for a in self.actors})
        for actor in self.actors:  # a role fits a phrase only if their last words agree (_role_fits)
            for role in actor.roles:
                key = role_key(role).split()
                self._roles_by_last_word.setdefault(key[-1] if key else "", []).append((actor.name, key))

    def linked_between(self, start: int, end: int) -> list[Mention]:
        """Linked mentions and references that start in [start, end), in order."""
        i = bisect_left(self._starts, start)
        found = []
        while i < len(self._linked) and self._linked[i].start < end:
            found.append(self._linked[i])
            i += 1
        return found

    def named_before(self, label: str, offset: int) -> Iterator[Mention]:
        """Linked mentions and references of ``label`` that name an entity and start before
        ``offset``, nearest first: a search back walks only mentions of the kind it looks for,
        and stops where it finds one that fits."""
        starts, named = self._named_by_label.get(label, ((), ()))
        return (named[k] for k in range(bisect_left(starts, offset) - 1, -1, -1))

    @cached_property
    def _named_by_label(self) -> dict[str, tuple[list[int], list[Mention]]]:
        """Each label → the starts of the linked mentions of it that name an entity, and those
        mentions, in order (made on first use)."""
        by_label: dict[str, tuple[list[int], list[Mention]]] = {}
        for mention in self._linked:
            if mention.entity:
                starts, named = by_label.setdefault(mention.label, ([], []))
                starts.append(mention.start)
                named.append(mention)
        return by_label

    def resolve(self, start: int, end: int) -> tuple[str | None, int, int]:
        """The actor a speaker phrase names. A person right before its end ("Clinton campaign
        spokesman Brian Fallon" → Brian Fallon), else the first person in it, the subject of a
        longer clause ("Stoltenberg before a meeting of NATO ministers"); else an organisation,
        else a role ("the Secretary General"). Returns the name and the span of the words naming it."""
        inside = [m for m in self.linked_between(start, end) if m.entity and m.end <= end]
        people = [m for m in inside if m.label == "PER"]
        organisations_ = [m for m in inside if m.label == "ORG"]
        if people:
            closing = people[-1]
            chosen = closing if len(self.text[closing.end : end].split()) <= 1 else people[0]
        elif organisations_:
            chosen = organisations_[-1]
        else:
            phrase = self.text[start:end]
            return self.by_role(phrase, before=start) or self.by_description(phrase, before=start), start, end
        return chosen.entity, chosen.start, chosen.end

    def by_description(self, phrase: str, before: int) -> str | None:
        """"the commission says", "the fund warned": a definite description whose head word is in
        the name of an organisation mentioned before."""
        words = phrase.split()
        if len(words) != 2 or words[0].lower() != "the" or not words[1].islower():
            return None
        return self.organisation_with(words[1].title(), before)

    def organisation_with(self, word: str, before: int) -> str | None:
        """The organisation last mentioned before ``before`` that has ``word`` in its name ("Times")."""
        starts, names = self._organisations_by_word.get(word, ((), ()))
        k = bisect_left(starts, before)
        return names[k - 1] if k else None

    @cached_property
    def _organisations_by_word(self) -> dict[str, tuple[list[int], list[str]]]:
        """Each word of an organisation's name → where organisations with it are mentioned, and
        their names, in order; made on first use (most articles never ask), so that no look-up
        walks back through the mentions."""
        starts, named = self._named_by_label.get("ORG", ((), ()))
        by_word: dict[str, tuple[list[int], list[str]]] = {}
        for start, mention in zip(starts, named):
            for word in dict.fromkeys(mention.entity.split()):  # type: ignore[union-attr]
                at, names = by_word.setdefault(word, ([], []))
                at.append(start)
                names.append(mention.entity)
        return by_word

    def by_role(self, phrase: str, before: int) -> str | None:
        """The person a role phrase stands for: "the Secretary General", "the Turkish prime
        minister"; among several, the one mentioned last before ``before``."""
        words = [w for w in role_key(phrase).split() if w not in _DETERMINERS]
        if not words or not title_table().matches(words):
            return None
        candidates = {name for name, role in self._roles_by_last_word.get(words[-1], ()) if _role_fits(role, words)}
        if len(candidates) > 1:
            return self.person_before(before, "", among=candidates)
        return next(iter(candidates), None)

    def person_before(self, offset: int, pronoun: str, among: set[str] | None = None) -> str | None:
        """The nearest person mentioned before ``offset``, of the pronoun's gender if known."""
        wanted = {"he": "m", "she": "f"}.get(pronoun)
        for mention in self.named_before("PER", offset):
            if among is not None and mention.entity not in among:
                continue
            if compatible(wanted, self.genders.get(mention.entity)):
                return mention.entity
        return None

    def by_surname(self, label: str) -> str | None:
        """The person a transcript label names ("PENCE" → Mike Pence), if exactly one fits."""
        wanted = fold(label)
        people = [a.name for a in self.actors if a.type == "PER" and fold(a.name.split()[-1]) == wanted]
        return people[0] if len(people) == 1 else None

    def organisation_before(self, offset: int) -> str | None:
        """The nearest organisation mentioned before ``offset`` ("the ministry said … it added")."""
        return next((m.entity for m in self.named_before("ORG", offset)), None)

    def mentions_of(self, name: str) -> int:
        """How often the article mentions an actor (0 for a name that is no actor)."""
        return self._counts.get(name, 0)

    def kind_of(self, name: str | None) -> str | None:
        return self._kinds.get(name) if name else None


def _role_fits(role: list[str], phrase: list[str]) -> bool:
    """"secretary general" fits "nato secretary general"; "turkish prime minister" fits too; but
    "attorney general" does not fit "deputy attorney general", nor "president" "vice president"."""
    if len(phrase) <= len(role) and role[-len(phrase) :] == phrase:
        return len(phrase) == len(role) or role[-len(phrase) - 1] not in _LESSER_RANKS
    return len(phrase) > 1 and phrase[0] in role and role[-len(phrase) + 1 :] == phrase[1:]


_LESSER_RANKS = frozenset({"deputy", "vice", "assistant", "associate", "under", "former", "ex", "lieutenant", "co"})


# ---------------------------------------------------------------------------------------------
# Linking


@dataclass
class _Cluster:
    kind: str
    words: Sequence[str]
    variants: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)
    gender: str | None = None
    title: str | None = None
    references: int = 0

    @property
    def name(self) -> str:
        """An organisation's chosen name; a person's fullest name, the most frequent of those, or
        title and surname when that is all the article gives ("Mrs Howard")."""
        if self.kind == "ORG":
            return self.words[0]
        longest = max(len(v.split()) for v in self.variants)
        name = max((v for v in self.variants if len(v.split()) == longest), key=lambda v: (self.variants[v], v))
        return f"{self.title} {name}" if longest == 1 and self.title else name

    def actor(self) -> Actor:
        name = self.name
        return Actor(
            name=name,
            type=self.kind,  # type: ignore[arg-type]
            mentions=sum(self.variants.values()) + self.references,
            aliases=tuple(sorted(v for v in self.variants if v != name)),
            roles=tuple(self.roles),
            country=self.countries.most_common(1)[0][0] if self.countries else None,
            gender=self.gender,
        )


def link_actors(document: Document, mentions: Sequence[Mention], words: SentenceWords | None = None) -> ActorIndex:
    """Link PER and ORG mentions to canonical names and gather the document's actors (``words``:
    the document's, if made already)."""
    mentions = _merge_country_modifiers(document, mentions)
    acronyms, introductions = _introduced_acronyms(document, mentions)
    mentions = [replace(m, label="ORG") if m.text in acronyms and m.label != "ORG" else m for m in mentions]
    mentions = _surnames_as_people(mentions)
    clusters: list[_Cluster] = []
    assignment: dict[int, _Cluster] = {}
    _link_people(document, mentions, clusters, assignment)
    named: dict[str, _Cluster] = {}
    longest = _longest_ending(mentions)
    for i, mention in enumerate(mentions):
        if mention.label == "ORG":
            counted = mention.start not in introductions  # "(SDF)" right after the name is no new mention
            assignment[i] = _org_cluster(clusters, named, mention, longest, acronyms, counted)
    _collect_roles(document, mentions, assignment)
    names = {id(c): c.name for c in clusters}  # settled: each chosen once, not once per mention
    linked = tuple(
        m.linked(names[id(assignment[i])], m.country) if i in assignment else (m if m.entity else m.linked(m.text, m.country))
        for i, m in enumerate(mentions)
    )
    genders = {c.name: c.gender for c in clusters if c.kind == "PER" and c.gender}
    actors = [c.actor() for c in clusters]
    index = ActorIndex(document.text, linked, tuple(actors), genders=genders)
    words = words or SentenceWords(document)
    references = _role_references(document, index, words) + _organisation_references(document, clusters, words)
    by_name = {c.name: c for c in clusters}
    for reference in references:
        by_name[reference.entity].references += 1  # type: ignore[index]
    actors = [c.actor() if c.references else actor for c, actor in zip(clusters, actors)]  # counted anew where referred to
    return ActorIndex(document.text, linked, tuple(actors), tuple(references), genders)


def _surnames_as_people(mentions: Sequence[Mention]) -> list[Mention]:
    """One sense per document: once "Gen. Norman Ham" is named, a bare "Ham" the tagger read as
    an organisation (West Ham) is him, unless it is a known organisation or an acronym."""
    surnames = {words[-1] for words in (name_words(m.text) for m in mentions if m.label == "PER") if len(words) > 1}
    known = organisation_table()
    return [
        replace(m, label="PER")
        if m.label == "ORG" and m.text in surnames and not m.text.isupper() and not known.matches([m.text])
        else m
        for m in mentions
    ]


def _link_people(document: Document, mentions: Sequence[Mention], clusters: list[_Cluster], assignment: dict[int, _Cluster]) -> None:
    """Fullest names first, so that a bare surname finds the person it abbreviates."""
    names = {i: name_words(m.text) for i, m in enumerate(mentions) if m.label == "PER"}
    index = _PeopleIndex()
    for i in sorted(names, key=lambda i: (-len(names[i]), i)):
        words = names[i]
        if not words:
            continue
        title = _title_before(document, mentions[i])
        gender = (_GENDER_TITLES.get(title.rstrip(".").lower()) if title else None) or given_name_gender(words)
        cluster = _find_person(index, words, gender, mentions[i].start)
        if cluster is None:
            cluster = _Cluster("PER", words=words, title=title if len(words) == 1 and gender else None)
            clusters.append(cluster)
            index.add(cluster)
        cluster.gender = cluster.gender or gender
        cluster.variants[" ".join(words)] += 1
        index.count(cluster)
        insort(cluster.positions, mentions[i].start)
        assignment[i] = cluster


@dataclass
class _Surname:
    """The persons of a document who share a surname, in the order found, with their given names
    (Namesakes) and, by gender, the numbers of those named most so far: where a bare surname goes."""

    persons: list[_Cluster] = field(default_factory=list)
    given_names: Namesakes = field(default_factory=Namesakes)
    by_mentions: dict[str | None, dict[int, dict[int, None]]] = field(default_factory=dict)
    """Gender → mentions → the persons' numbers (a dict for its order and its removals)."""
    counted: dict[int, tuple[str | None, int]] = field(default_factory=dict)
    """A person's number → the gender and mentions under which by_mentions holds it."""
    numbers: dict[int, int] = field(default_factory=dict)
    """Each person's number, by the id of its cluster."""

    def add(self, cluster: _Cluster) -> None:
        self.numbers[id(cluster)] = len(self.persons)
        self.given_names.add(len(self.persons), cluster.words)
        self.persons.append(cluster)

    def count(self, cluster: _Cluster) -> None:
        """The person filed under its gender and mentions as they are now."""
        number = self.numbers[id(cluster)]
        now = (cluster.gender, sum(cluster.variants.values()))
        before = self.counted.get(number)
        if before == now:
            return
        if before is not None:
            by_count = self.by_mentions[before[0]]
            del by_count[before[1]][number]
            if not by_count[before[1]]:
                del by_count[before[1]]
        self.by_mentions.setdefault(now[0], {}).setdefault(now[1], {})[number] = None
        self.counted[number] = now

    def named_most(self, gender: str | None) -> list[_Cluster]:
        """The persons of no disagreeing gender named most often, in order: among them is the
        person _find_person gives a bare surname, found without looking at every namesake."""
        tallies = [by_count for sex, by_count in self.by_mentions.items() if compatible(sex, gender) and by_count]
        most = max((max(by_count) for by_count in tallies), default=None)
        return [self.persons[number] for number in sorted(n for by_count in tallies for n in by_count.get(most, ()))]


@dataclass
class _PeopleIndex:
    """The persons of a document by folded surname and by folded first given name, so that a name
    is compared only with the persons it could be: work linear in the mentions, not quadratic."""

    by_surname: dict[str, _Surname] = field(default_factory=dict)
    by_given_name: dict[str, list[_Cluster]] = field(default_factory=dict)

    def add(self, cluster: _Cluster) -> None:
        self.by_surname.setdefault(fold(cluster.words[-1]), _Surname()).add(cluster)
        if len(cluster.words) > 1:
            self.by_given_name.setdefault(fold(cluster.words[0]), []).append(cluster)

    def count(self, cluster: _Cluster) -> None:
        """A person named once more, or found to be a man or a woman."""
        self.by_surname[fold(cluster.words[-1])].count(cluster)


def _title_before(document: Document, mention: Mention) -> str | None:
    """The gendered title in front of a name, as written ("Mrs", "Mr."), if any."""
    before = _token_before(document, mention)
    return before.text if before and before.text.rstrip(".").lower() in _GENDER_TITLES else None


def _token_before(document: Document, mention: Mention) -> Token | None:
    if mention.sentence < 0:
        return None
    tokens = document.sentences[mention.sentence].tokens
    k = first_token_from(tokens, mention.start)
    return tokens[k - 1] if 0 < k < len(tokens) else None


def _find_person(index: _PeopleIndex, words: Sequence[str], gender: str | None, position: int) -> _Cluster | None:
    """The person a name belongs to. A bare surname two people share goes to the one named most
    (news calls the principal "Clinton" and the others by given name), then to the nearest
    before it; a lone given name joins the only person who has it ("Donald" → Donald Trump)."""
    surname = index.by_surname.get(fold(words[-1]))
    if surname is None:
        matches = []
    elif len(words) == 1:  # every namesake's name, so only the most named can win
        matches = surname.named_most(gender)
    else:
        matches = [c for c in map(surname.persons.__getitem__, surname.given_names.named(words)) if compatible(c.gender, gender)]
    if not matches and len(words) == 1:
        matches = [c for c in index.by_given_name.get(fold(words[0]), []) if compatible(c.gender, gender)]
        if len(matches) > 1:
            return None
    if not matches:
        return None
    return max(matches, key=lambda c: (sum(c.variants.values()), -_distance_after(c.positions, position)))


def _distance_after(positions: list[int], position: int) -> int:
    """How far ``position`` is after the nearest of the sorted ``positions`` at or before it."""
    k = bisect_right(positions, position)
    return position - positions[k - 1] if k else 10**9


_AFFIX = re.compile(r"^(?:anti|counter|pro|non|post|pre|ex)-(?=[A-Z])")


ENDING_WORDS = 8
"""The most words of a shorter name that ``_longest_ending`` finds at the end of a longer one."""


def _longest_ending(mentions: Sequence[Mention]) -> dict[str, str]:
    """For each shorter name of up to ENDING_WORDS words, the longest organisation mention that
    ends with it after a space (the first such, of equal lengths): "Foreign Ministry" → "Turkish
    Foreign Ministry". (Every ending of a mention of thousands of words was quadratic.)"""
    longest: dict[str, str] = {}
    for mention in mentions:
        if mention.label != "ORG":
            continue
        text = mention.text
        space = len(text)
        for _ in range(ENDING_WORDS):
            space = text.rfind(" ", 0, space)
            if space < 0:
                break
            if len(text) > len(longest.get(text[space + 1 :], "")):
                longest[text[space + 1 :]] = text
    return longest


def _org_cluster(
    clusters: list[_Cluster], named: dict[str, _Cluster], mention: Mention, longest: dict[str, str], acronyms: dict[str, str], counted: bool = True
) -> _Cluster:
    """The organisation a mention names; ``named`` holds the document's organisations by name."""
    words = _POSSESSIVE.sub("", mention.text).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words:
        words[0] = _AFFIX.sub("", words[0])  # "counter-Islamic State" operations are about Islamic State
    surface = " ".join(words)
    name = _curated_name(acronyms.get(surface, surface))
    if name == surface and name in longest:
        name = _curated_name(longest[name])
    cluster = named.get(name)
    if cluster is None:
        cluster = named[name] = _Cluster("ORG", words=[name])
        clusters.append(cluster)
    cluster.variants[surface] += int(counted)
    country = mention.country or _organisation_countries().get(name)
    if country:
        cluster.countries[country] += 1
    return cluster


@cache
def _organisation_countries() -> dict[str, str]:
    """The country of each curated organisation that has one (the first listed, by name)."""
    countries: dict[str, str] = {}
    for org in organisations():
        if org.country:
            countries.setdefault(org.name, org.country)
    return countries


def _curated_name(surface: str) -> str:
    matches = organisation_table().matches(surface.split())
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(surface.split()):
        return matches[0].value[0]
    return surface


_ACRONYM_AFTER = re.compile(r"\s*(?:\(\s*([A-Z][A-Za-z&.-]{1,9})\s*\)|,\s+or\s+([A-Z][A-Z&.-]{1,9})\b)")


def _introduced_acronyms(document: Document, mentions: Sequence[Mention]) -> tuple[dict[str, str], set[int]]:
    """Acronyms the article introduces: "Syrian Democratic Forces (SDF)", "the Kurdistan Workers'
    Party, or PKK" → {acronym: the organisation's name}, and where those introductions stand."""
    found = {}
    introductions = set()
    for mention in mentions:
        if mention.label != "ORG" or len(mention.text.split()) < 2:
            continue
        match = _ACRONYM_AFTER.match(document.text, mention.end)
        acronym = match and (match.group(1) or match.group(2))
        if acronym and sum(c.isupper() for c in acronym) >= 2:
            found[acronym] = mention.text[4:] if mention.text.lower().startswith("the ") else mention.text
            introductions.add(match.start(1) if match.group(1) else match.start(2))
    return found, introductions


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
            text = document.text[previous.start : mention.end]
            merged[-1] = Mention(previous.start, mention.end, text, "ORG", None, mention.country or previous.country, mention.sentence)
            continue
        merged.append(mention)
    return merged


# ---------------------------------------------------------------------------------------------
# Roles


def _collect_roles(document: Document, mentions: Sequence[Mention], assignment: dict[int, _Cluster]) -> None:
    spans = _MentionSpans(mentions)
    for i, cluster in assignment.items():
        if cluster.kind != "PER":
            continue
        for role in (_role_before(document, mentions, i), _role_after(document, mentions, spans, i)):
            if role:
                text, country = role
                add_role(cluster.roles, text)
                if country:
                    cluster.countries[country] += 1


def _sentence_tokens(document: Document, mention: Mention) -> tuple[tuple[Token, ...], int, int]:
    """The mention's sentence tokens and the index of its first and after-last token."""
    tokens = document.sentences[mention.sentence].tokens
    return tokens, first_token_from(tokens, mention.start), first_token_from(tokens, mention.end)


def _role_before(document: Document, mentions: Sequence[Mention], index: int) -> tuple[str, str | None] | None:
    """The title in front of a person's name, with the organisation or country that qualifies it:
    "NATO Secretary-General", "U.S. Secretary of State", "Turkish Prime Minister"."""
    mention = mentions[index]
    if mention.sentence < 0:
        return None
    tokens, first, _ = _sentence_tokens(document, mention)
    if not first:
        return None
    table = title_table()
    low = max(0, first - table.longest_phrase - 1)  # the words a title and a lesser rank before it can take
    words = [t.text for t in tokens[low:first]]
    title = table.ending_at(words, len(words))
    if title is None or words[title.start].lower() in _HONORIFICS or not words[title.start][:1].isupper():
        return None
    begin = title.start - 1 if title.start and words[title.start - 1].lower() in _LESSER_RANKS else title.start
    start = tokens[low + begin].start  # "Deputy Attorney General Sally Yates" is no attorney general
    country = None
    for other in (mentions[k] for k in range(index - 1, -1, -1)):
        if other.end > start:
            continue
        gap = document.text[other.end : start]
        if gap.strip() not in ("", "’s", "'s") or other.label == "PER":
            break
        start, country = other.start, other.country or country
    return document.text[start : tokens[low + title.end - 1].end], country


def _role_after(document: Document, mentions: Sequence[Mention], spans: _MentionSpans, index: int) -> tuple[str, str | None] | None:
    """An apposition naming the role: "Davutoglu, the Turkish prime minister," or "Stoltenberg,
    NATO's secretary general, said"."""
    mention = mentions[index]
    if mention.sentence < 0:
        return None
    tokens, _, after = _sentence_tokens(document, mention)
    if after >= len(tokens) or tokens[after].text != ",":
        return None
    phrase = []
    for token in tokens[after + 1 : after + 11]:
        if token.text in (",", ".", ";", ":", "—", "–", "(", ")"):
            break
        phrase.append(token)
    else:
        return None
    if not phrase or (phrase[0].text.lower() not in ("the", "a") and not phrase[0].text[:1].isupper()):
        return None
    words = [t.text for t in phrase]
    titles = [m for m in title_table().matches(words) if m.end == len(words)]
    inside = spans.within(phrase[0].start, phrase[-1].end)
    if not titles or any(m.label == "PER" for m in inside):
        return None
    start = phrase[1].start if phrase[0].text.lower() in ("the", "a") and len(phrase) > 1 else phrase[0].start
    country = next((m.country for m in inside if m.country), None)
    return document.text[start : phrase[-1].end], country


def _role_references(document: Document, index: ActorIndex, sentence_words: SentenceWords) -> list[Mention]:
    """"the Secretary General", "the Turkish prime minister": a definite role phrase, not in front
    of a name, stands for the person who holds that role in the article."""
    references = []
    named_starts = {m.start for m in index.mentions if m.label == "PER"}
    # what may stand between "the" and a title: a country adjective, an organisation, a possessive
    modifiers = _MentionSpans(m for m in index.mentions if m.country or m.label == "ORG")
    for number, matches in sentence_words.matches(title_table()):
        tokens, words, lowered = document.sentences[number].tokens, sentence_words.written[number], sentence_words.lowered[number]
        for match in matches:
            if lowered[match.start] in _HONORIFICS:
                continue
            k = match.start
            while k > 0 and (words[k - 1] in ("’s", "'s") or modifiers.cover(tokens[k - 1].start, tokens[k - 1].end)):
                k -= 1
            if k == 0 or lowered[k - 1] != "the":
                continue
            if match.end < len(tokens) and tokens[match.end].start in named_starts:
                continue  # a title in front of a name, not a reference
            start, end = tokens[k - 1].start, tokens[match.end - 1].end
            name = index.by_role(document.text[start:end], before=start)
            if name:
                references.append(Mention(start, end, document.text[start:end], "PER", name, None, number))
    return references


class _MentionSpans:
    """Mentions by position, so that those inside or over a span are found by bisection, not by a
    pass over every mention of the document (work linear in its length)."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]
        self._reach = list(accumulate((m.end for m in self._mentions), max))  # furthest end so far

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside [start, end), in order."""
        first, after = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [m for m in self._mentions[first:after] if m.end <= end]

    def cover(self, start: int, end: int) -> bool:
        """Whether one mention spans all of [start, end)."""
        before = bisect_right(self._starts, start)
        return before > 0 and self._reach[before - 1] >= end


@cache
def _reference_table() -> PhraseTable:
    """Lower-case references to curated organisations: "the alliance" → NATO."""
    entries = {}
    for org in organisations():
        for alias in org.aliases:
            words = alias.split()
            if len(words) > 1 and words[0] == "the" and words[1][:1].islower():
                entries[alias] = (org.name,)
    return PhraseTable(entries, capitalised=False)


def _organisation_references(document: Document, clusters: list[_Cluster], sentence_words: SentenceWords) -> list[Mention]:
    named = {c.name for c in clusters if c.kind == "ORG"}
    references = []
    for number, matches in sentence_words.matches(_reference_table()):
        tokens = document.sentences[number].tokens
        for match in matches:
            name = match.value[0]
            if name in named:
                start, end = tokens[match.start].start, tokens[match.end - 1].end
                references.append(Mention(start, end, document.text[start:end], "ORG", name, None, number))
    return references
