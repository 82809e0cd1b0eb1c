"""Corpus tables merged from per-article analyses: actors, countries and the corpus digest.

``Corpus.add`` takes one analysis at a time and keeps only the tables and a bounded pool of
candidate sentences (``DIGEST_POOL``), so memory grows with the number of distinct actors and
countries, not with the size of the corpus.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cache, cached_property
from itertools import chain, count
from operator import attrgetter

import numpy as np

from .actors import Namesakes, add_role, compatible, fold, name_words
from .countries import country_of
from .duplicates import sorted_distinct
from .gazetteers import country_names
from .model import Analysis, Document, Mention
from .summarize import (
    FEATURES,
    SentenceScorer,
    TermStatistics,
    background_statistics,
    needs_context,
    sentence_features,
    sentence_terms,
    shipped_record,
    stands_alone,
    whole_quotations,
)

DIGEST_POSITIONS = 25
"""Sentences of each article the digest may take: the lead of a news article, where its facts are
(15 and 40 did worse in cross-validation on Multi-News, MODEL_CARD.md)."""
DIGEST_SHORTEST = 6
"""Words in the shortest digest line: fewer is a fragment or a label."""
DIGEST_FEATURES = (*FEATURES, "support", "corpus_centroid", "shared_pairs", "shared_terms")
"""What the digest scorer reads of a candidate: the article scorer's features of the sentence in
its article, then what the corpus says alike (see ``digest_features``)."""
DIGEST_SCORER_PATH = ("data", "summary", "digest_scorer.json")
DIGEST_POOL = 6_000
"""Candidates the digest keeps. Past twice as many, only this many of the best are kept (scored as
the digest scores them, against the candidates kept so far): memory stays flat in the number of
articles (some 30 MB at most), and the work of choosing stays linear. Below twice it (about 1,000
news articles, at 12 candidates each) every candidate is kept, and tables merge in any grouping to
the same digest."""


@dataclass(frozen=True)
class DigestScorer:
    """The learned digest score (``scripts/train_summary.py``, fitted to the ROUGE of each line
    against Multi-News summaries): ``lines`` scores ``DIGEST_FEATURES``, its redundancy is the
    cosine at which two sentences report the same fact (one line, both sources); ``novelty`` is
    the MMR penalty per unit of cosine with a line already chosen."""

    lines: SentenceScorer
    novelty: float

    def record(self) -> dict:
        return {**self.lines.record(), "novelty": self.novelty}

    @classmethod
    def from_record(cls, record: dict) -> DigestScorer:
        return cls(SentenceScorer.from_record(record, DIGEST_FEATURES), float(record["novelty"]))


@cache
def default_digest_scorer() -> DigestScorer:
    return DigestScorer.from_record(shipped_record(DIGEST_SCORER_PATH))


class Articles:
    """The articles a table row counts, as their numbers in the corpus (its arrival order), four
    bytes each, sorted: an exact count of documents when rows are joined (one person's names),
    without keeping every document's name in every row."""

    __slots__ = ("_numbers",)

    def __init__(self, numbers: Iterable[int] = ()) -> None:
        self._numbers = array("I", numbers)

    def add(self, number: int) -> None:
        """Count article ``number``, at least the last one counted (articles arrive in order)."""
        if not self._numbers or self._numbers[-1] < number:
            self._numbers.append(number)

    def update(self, other: Articles, offset: int = 0) -> None:
        """Count ``other``'s articles too, numbered ``offset`` later (another corpus's, counted after
        this one's): in place, so that merging many small tables into one stays linear."""
        theirs = other._numbers if not offset else array("I", (n + offset for n in other._numbers))
        if not self._numbers or not theirs or theirs[0] > self._numbers[-1]:
            self._numbers.extend(theirs)
        else:
            self._numbers = array("I", sorted(set(self._numbers).union(theirs)))

    def __len__(self) -> int:
        return len(self._numbers)


@dataclass
class ActorRow:
    type: str
    variants: Counter = field(default_factory=Counter)  # full names, weighted by mentions
    mentions: int = 0
    docs: Articles = field(default_factory=Articles)
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

    def merge(self, other: ActorRow, offset: int = 0) -> ActorRow:
        """This row with ``other``'s counts added after its own (roles and countries in the order
        first seen, as adding other's articles after this row's would have left them); other's
        articles are numbered ``offset`` after its own corpus's."""
        self.gender = self.gender or other.gender
        self.variants.update(other.variants)
        self.mentions += other.mentions
        self.docs.update(other.docs, offset)
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
    rank: int  # position among the article's candidate sentences
    date: str | None
    docs: tuple[str, ...]
    order: int = 0  # the article's arrival in the corpus
    terms: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """Its terms in order: their counts and their pairs are read each time the pool is scored."""
    features: np.ndarray = field(default_factory=lambda: np.zeros(len(FEATURES), np.float32), compare=False, repr=False)
    """Its ``FEATURES`` in its article, as 4-byte floats: a candidate is kept until the digest is made."""
    about: dict = field(default_factory=dict, compare=False, repr=False)
    """Its article's metadata for the digest's records (shared by the article's candidates): kept
    with them, so that an article with no line left in the pool leaves nothing behind."""

    def record(self) -> dict:
        return {"doc": self.doc, "text": self.text, "start": self.start, "end": self.end, "docs": list(self.docs)}

    def __reduce__(self) -> tuple:
        """Pickled as its fields, the features as bytes: workers send the command thousands of
        candidates, and a small numpy array pickles at several times the cost of the rest."""
        return _digest_item, (*(getattr(self, name) for name in _ITEM_FIELDS), self.features.tobytes(), self.about)


def _digest_item(*values: object) -> DigestItem:
    """A pickled DigestItem (see its ``__reduce__``)."""
    *fields, features, about = values
    return DigestItem(*fields, np.frombuffer(features, dtype=np.float32), about)  # type: ignore[arg-type]


_ITEM_FIELDS = tuple(f.name for f in fields(DigestItem))[:-2]
"""DigestItem's fields before its features and metadata (its last two), in order."""


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
        self._country_docs: dict[str, Articles] = defaultdict(Articles)
        self._candidates: list[DigestItem] = []
        self.articles = 0
        self.words = 0

    def add(self, analysis: Analysis, candidates: Iterable[DigestItem] | None = None) -> None:
        """Count one more article; its ``candidates`` for the digest, when they were found
        elsewhere (``digest_candidates`` with any order: the order is set here)."""
        self.articles += 1
        self.words += len(analysis.document.text.split())
        for actor in analysis.actors:
            row = self._actor_row(actor.type, actor.name, actor.gender)
            row.variants[actor.name] += actor.mentions
            row.mentions += actor.mentions
            row.docs.add(self.articles)
            row.aliases.update(actor.aliases)
            for role in actor.roles:
                add_role(row.roles, role)
            if actor.country:
                row.countries[actor.country] += 1
        for mention in analysis.mentions:
            if counts_for_country(mention):
                self._countries[mention.country][mention.text] += 1  # type: ignore[index]
                self._country_docs[mention.country].add(self.articles)  # type: ignore[index]
        if candidates is None:
            self._keep(digest_candidates(analysis.document, self.articles))
        else:
            self.keep(candidates, self.articles)

    def keep(self, candidates: Iterable[DigestItem], order: int, about: dict | None = None) -> None:
        """Keep the digest candidates of article number ``order``, already counted in the tables
        (merged from a worker's), as ``add`` keeps them: their pool is cut article by article.
        ``about`` is the article's metadata, which its lines then carry."""
        self._keep([replace(c, order=order, about=about or {}) for c in candidates])

    def merge(self, other: Corpus) -> Corpus:
        """This corpus with ``other``'s articles counted after its own: the tables of adding every
        article of both, in that order, to one Corpus. Associative: (a + b) + c == a + (b + c)."""
        offset = self.articles
        self.articles += other.articles
        self.words += other.words
        for surname, names in other._people.items():
            _merge_rows(self._people[surname], names, offset)
        _merge_rows(self._organisations, other._organisations, offset)
        for code, forms in other._countries.items():
            self._countries[code].update(forms)
            self._country_docs[code].update(other._country_docs[code], offset)
        self._keep(replace(c, order=c.order + self.articles - other.articles) for c in other._candidates)
        return self

    def _keep(self, candidates: Iterable[DigestItem]) -> None:
        """Add digest candidates to the pool, cut back to the ``DIGEST_POOL`` best when it has doubled."""
        self._candidates.extend(candidates)
        if len(self._candidates) > 2 * DIGEST_POOL:
            _, scores = digest_scores(self._candidates, default_digest_scorer())
            best = sorted(heapq.nlargest(DIGEST_POOL, range(len(scores)), key=scores.__getitem__))
            self._candidates = [self._candidates[i] for i in best]

    def sources(self) -> dict[str, dict]:
        """The metadata (``DigestItem.about``) of each article with a line among the candidates: of
        every article that a digest line can cite."""
        return {item.doc: item.about for item in self._candidates}

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
            namesakes = Namesakes()
            for (name, gender), counts in names.items():
                same = (p for p in namesakes.named(name_words(name)) if compatible(persons[p].gender, gender))
                person = next(same, len(persons))
                if person == len(persons):
                    persons.append(counts.copy())
                else:
                    persons[person].merge(counts)
                for variant in counts.variants:
                    namesakes.add(person, name_words(variant))
            yield from persons

    def actors(self, limit: int | None = None) -> list[dict]:
        """The actors' records, the most mentioned first (then those in the most articles, then by
        name); with ``limit``, only the first ones' records are made (a terminal's table of the top
        actors, of thousands)."""
        rows = [*self._persons(), *self._organisations.values()]
        ranked = sorted(rows, key=_prominence) if limit is None else heapq.nsmallest(limit, rows, key=_prominence)
        return [row.record() for row in ranked]

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

    def digest(self, size: int | None = 5, words: int | None = None) -> list[DigestItem]:
        """A multi-document summary: the facts several articles report score higher (centroid),
        chosen by maximal marginal relevance, one line per fact listing every source that reported
        it; ``size`` lines or as many as fit in ``words``; in story order (date, then position)."""
        return digest_of(self._candidates, size, words)


class ReportedQuotes:
    """Quotes across articles: the same words reported by several articles (syndicated copies or
    separate reports) are one record whose ``docs`` lists every article that carried them. Two
    speakers named differently keep two records; a record that names its speaker is preferred to
    one that does not. With a ``limit``, only the first records made are kept (later reports of
    their words still join them): a table of the first quotes, in memory flat in the corpus."""

    def __init__(self, limit: int | None = None) -> None:
        self._by_words: dict[str, list[dict]] = {}
        self._limit = limit
        self._made = 0

    def add(self, record: dict, docs: Iterable[str]) -> None:
        words = " ".join(_WORDS.findall(record["quote"].casefold()))
        same = self._by_words.get(words, [])
        kept = next((i for i, r in enumerate(same) if None in (r["speaker"], record["speaker"]) or r["speaker"] == record["speaker"]), None)
        if kept is None:
            if self._limit is None or self._made < self._limit:
                self._by_words.setdefault(words, same).append({**record, "docs": list(docs)})
                self._made += 1
            return
        merged = list(dict.fromkeys([*same[kept]["docs"], *docs]))
        base = record if same[kept]["speaker"] is None and record["speaker"] else same[kept]
        same[kept] = {**base, "docs": merged}

    def records(self) -> list[dict]:
        return [r for same in self._by_words.values() for r in same]


def _prominence(row: ActorRow) -> tuple[int, int, str]:
    return -row.mentions, -len(row.docs), row.name


def _merge_rows(rows: dict, others: dict[object, ActorRow], offset: int) -> None:
    """``others``' rows merged into ``rows`` by key, their articles numbered ``offset`` later; a
    new key's row copied, after the known ones."""
    for key, other in others.items():
        rows[key] = rows[key].merge(other, offset) if key in rows else ActorRow(other.type).merge(other, offset)


_WORDS = re.compile(r"\w+")


def digest_candidates(document: Document, order: int, statistics: TermStatistics | None = None) -> list[DigestItem]:
    """An article's lead sentences that can open a digest line: standing alone (a quotation whole
    with its speaker), not furniture, not a fragment, and not needing the sentence before it
    ("He …", "“…,” he said", "But …"): a digest line follows another article's. Each carries its
    features in the article, terms weighed by ``statistics`` (the corpus's, as the summarizer
    weighs them; else news at large)."""
    pool = whole_quotations(document)
    if not pool:
        return []
    features, _ = sentence_features(document, pool, statistics or background_statistics())
    found = []
    for position, sentence in enumerate(pool[:DIGEST_POSITIONS]):
        text = sentence.text
        if stands_alone(text) and not needs_context(text) and len(text.split()) >= DIGEST_SHORTEST:
            found_terms = sentence_terms(text)
            found.append(
                DigestItem(
                    document.article.doc, sentence.start, sentence.end, text, 0.0, position, document.article.date,
                    (document.article.doc,), order, found_terms, features[position].astype(np.float32),
                )
            )
    return found


def digest_of(items: list[DigestItem], size: int | None, words: int | None, scorer: DigestScorer | None = None) -> list[DigestItem]:
    """The digest of these candidates (see ``Corpus.digest``), scored by ``scorer`` (the shipped one unless given)."""
    if not items:
        return []
    scorer = scorer or default_digest_scorer()
    vectors, scores = digest_scores(items, scorer)
    chosen = choose_lines(items, vectors, scores, size, words, scorer)
    return sorted(_with_sources(items, vectors, chosen, scores, scorer.lines.redundancy), key=_story_order)


def digest_scores(items: list[DigestItem], scorer: DigestScorer) -> tuple[CandidateVectors, list[float]]:
    """The candidates' unit TF-IDF vectors and their scores before novelty."""
    vectors = digest_vectors(items)
    return vectors, scorer.lines(digest_features(items, vectors)).tolist()


@dataclass(frozen=True)
class CandidateTerms:
    """The candidates' terms as ids (in the order the terms first appear): an entry per distinct
    term of each candidate (its bag), candidate by candidate, and each article's terms, an
    (article, term) row each, in the order they first appear."""

    ids: dict[str, int]
    row: np.ndarray
    """Entry → its candidate."""
    term: np.ndarray
    """Entry → its term."""
    counts: list[int]
    """Entry → how often its candidate has its term."""
    starts: np.ndarray
    """Candidate → its first entry (and one more: the end)."""
    article: np.ndarray
    """Candidate → its article (numbered as they first appear)."""
    article_row: np.ndarray
    """Entry → its (article, term) row."""
    row_article: np.ndarray
    """(Article, term) row → its article."""
    row_term: np.ndarray
    """(Article, term) row → its term."""
    sequence: np.ndarray
    """Each term of each candidate, in order → its term."""
    owner: np.ndarray
    """Each term of each candidate, in order → its candidate."""

    @classmethod
    def of(cls, items: list[DigestItem]) -> CandidateTerms:
        terms = list(map(attrgetter("terms"), items))
        flat = list(chain.from_iterable(terms))
        ids = _numbered(flat)
        sequence = np.fromiter(map(ids.__getitem__, flat), dtype=np.int64, count=len(flat))
        owner = np.repeat(np.arange(len(items)), np.fromiter(map(len, terms), dtype=np.int64, count=len(items)))
        width = max(1, len(ids))
        entries, counts, _ = _in_order_of_appearance(owner * width + sequence)
        row, term = entries // width, entries % width
        docs = list(map(attrgetter("doc"), items))
        article = np.fromiter(map(_numbered(docs).__getitem__, docs), dtype=np.int64, count=len(items))
        rows, _, article_row = _in_order_of_appearance(article[row] * width + term)
        starts = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=len(items)))])
        return cls(ids, row, term, counts.tolist(), starts, article, article_row, rows // width, rows % width, sequence, owner)

    @property
    def candidates(self) -> int:
        return len(self.starts) - 1

    @property
    def articles(self) -> int:
        return int(self.article.max()) + 1 if len(self.article) else 0

    def sums(self, weights: np.ndarray) -> np.ndarray:
        """Each candidate's sum of ``weights`` (one per entry), added in entry order."""
        return np.bincount(self.row, weights, minlength=self.candidates)

    def document_frequencies(self) -> np.ndarray:
        """In how many articles each term occurs among the candidates."""
        return np.bincount(self.row_term, minlength=len(self.ids))


def _in_order_of_appearance(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct keys in the order they first appear, how often each appears, and each key's
    number among them."""
    distinct, first, inverse, counts = np.unique(keys, return_index=True, return_inverse=True, return_counts=True)
    appearance = np.argsort(first)  # no two keys first appear at one place
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[appearance] = np.arange(len(distinct))
    return distinct[appearance], counts[appearance], rank[inverse.ravel()]


def _numbered(keys: Iterable[str]) -> dict[str, int]:
    """Each distinct key → its number, in the order the keys first appear."""
    return dict(zip(dict.fromkeys(keys), count()))


@dataclass(frozen=True)
class CandidateVectors:
    """The candidates' unit TF-IDF vectors, a weight per entry of their ``CandidateTerms``. The
    command's process scores the pool, the one part of a digest that more workers do not share:
    over arrays, its corpus-wide sums are numpy calls, not a dict per candidate. Every sum adds in
    the order that a loop over such dicts adds (``np.bincount`` adds in input order; a dot product
    runs over the shorter vector's terms), so that the scores, to the last bit, and so the choices
    do not depend on how they are computed."""

    found: CandidateTerms
    value: np.ndarray

    def dots(self, k: int) -> np.ndarray:
        """The dot product of each candidate's vector with candidate ``k``'s, over the terms of
        the shorter vector in its order (over the candidate's own when they are as long)."""
        found, own = self.found, slice(self.found.starts[k], self.found.starts[k + 1])
        dense = np.zeros(len(found.ids))
        dense[found.term[own]] = self.value[own]
        dots = found.sums(self.value * dense[found.term])
        longer = np.flatnonzero(np.diff(found.starts) > own.stop - own.start)
        if len(longer):
            order, sorted_keys = self._by_key
            keys = (longer[:, None] * len(found.ids) + found.term[own][None, :]).ravel()
            at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
            theirs = np.where(sorted_keys[at] == keys, self.value[order[at]], 0.0)
            products = (self.value[own][None, :] * theirs.reshape(len(longer), -1)).ravel()
            dots[longer] = np.bincount(np.repeat(np.arange(len(longer)), own.stop - own.start), products, minlength=len(longer))
        return dots

    @cached_property
    def _by_key(self) -> tuple[np.ndarray, np.ndarray]:
        """The entries in order of their (candidate, term) keys, and those keys: where a
        candidate's weight of a term is found."""
        keys = self.found.row * len(self.found.ids) + self.found.term
        order = np.argsort(keys, kind="stable")
        return order, keys[order]


def digest_vectors(items: list[DigestItem]) -> CandidateVectors:
    """Unit TF-IDF vectors of the candidates, IDF from news at large plus the corpus's articles
    (as the article summaries weigh terms)."""
    found = CandidateTerms.of(items)
    frequencies = dict(zip(found.ids, found.document_frequencies().tolist()))
    statistics = background_statistics().including_counts(frequencies, found.articles)
    idfs = np.array([statistics.idf(t) for t in found.ids], dtype=np.float64)
    logs = {n: 1 + math.log(n) for n in set(found.counts)}
    weights = np.fromiter(map(logs.__getitem__, found.counts), dtype=np.float64, count=len(found.counts)) * idfs[found.term]
    norms = np.sqrt(found.sums(weights * weights))
    norms[norms == 0] = 1.0
    return CandidateVectors(found, weights / norms[found.row])


def digest_features(items: list[DigestItem], vectors: CandidateVectors) -> np.ndarray:
    """One row of ``DIGEST_FEATURES`` per candidate: its features in its article, then what the
    other articles say alike. Each is read from corpus-level totals (linear in the candidates, no
    pair of sentences compared): cosine with the centroid of the other articles' candidates
    (support) and of all (corpus centroid), the share of its pairs of consecutive terms that another
    article's candidates also have, and in how many other articles its terms occur on average."""
    found = vectors.found
    support, centroid = _centroid_cosines(vectors)
    counts = np.array(found.counts, dtype=np.float64)
    shared_terms = found.sums(counts * (found.document_frequencies()[found.term] - 1)) / np.maximum(1.0, found.sums(counts))
    article = np.array([item.features for item in items], dtype=np.float64).reshape(len(items), len(FEATURES))
    return np.column_stack([article, support, centroid, _shared_pairs(found), shared_terms])


def _shared_pairs(found: CandidateTerms) -> np.ndarray:
    """Each candidate's share of its pairs of consecutive terms that a candidate of another article has too."""
    sequence, owner = found.sequence, found.owner
    within = owner[1:] == owner[:-1]
    candidate = owner[1:][within]
    pairs, pair = np.unique(sequence[:-1][within] * len(found.ids) + sequence[1:][within], return_inverse=True)
    pair = pair.ravel()
    articles = max(1, found.articles)
    spread = sorted_distinct(pair * articles + found.article[candidate]) // articles  # each pair once per article
    shared = (np.bincount(spread, minlength=len(pairs)) > 1)[pair]
    return np.bincount(candidate, shared, minlength=found.candidates) / np.maximum(1, np.bincount(candidate, minlength=found.candidates))


def _centroid_cosines(vectors: CandidateVectors) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of each candidate with the centroid of the other articles' candidates (zero for a
    lone article) and with the centroid of all. Linear: |T − O|² = |T|² − 2 T·O + |O|²."""
    found, value = vectors.found, vectors.value
    totals = np.bincount(found.term, value, minlength=len(found.ids))
    own = np.bincount(found.article_row, value, minlength=len(found.row_term))  # each article's totals
    square = float(np.bincount(np.zeros(len(totals), dtype=np.int64), totals * totals, minlength=1)[0])
    own_totals = np.bincount(found.row_article, own * totals[found.row_term], minlength=found.articles)
    own_square = np.bincount(found.row_article, own * own, minlength=found.articles)
    norms = np.sqrt(np.maximum(0.0, square - 2 * own_totals + own_square))[found.article]
    together = found.sums(value * totals[found.term])
    support = np.divide(together - found.sums(value * own[found.article_row]), norms, out=np.zeros(len(norms)), where=norms > 1e-9)
    return support, together / (math.sqrt(square) or 1.0)


def choose_lines(
    items: list[DigestItem], vectors: CandidateVectors, scores: list[float], size: int | None, words: int | None, scorer: DigestScorer
) -> list[int]:
    """Greedy maximal marginal relevance within the budget; a line repeating a chosen fact is skipped."""
    chosen: list[int] = []
    likeness = [0.0] * len(items)
    budget = words
    left = set(range(len(items)))
    while left and (size is None or len(chosen) < size) and (budget is None or budget > 0):
        best = max(left, key=lambda i: (scores[i] - scorer.novelty * likeness[i], -i))
        left.discard(best)
        if likeness[best] >= scorer.lines.redundancy:
            continue
        length = len(items[best].text.split())
        if budget is not None and length > budget and chosen:
            continue
        chosen.append(best)
        budget = None if budget is None else budget - length
        similar = vectors.dots(best).tolist()
        for i in left:
            likeness[i] = max(likeness[i], similar[i])
    return chosen


def _with_sources(
    items: list[DigestItem], vectors: CandidateVectors, chosen: list[int], scores: list[float], same_fact: float
) -> list[DigestItem]:
    """The chosen lines with their scores, each listing every article with a sentence that
    reports the same fact (cosine at least ``same_fact``)."""
    found = []
    for index in chosen:
        docs = [items[index].doc]
        for other, similar in zip(items, vectors.dots(index).tolist()):
            if other.doc not in docs and similar >= same_fact:
                docs.append(other.doc)
        found.append(replace(items[index], docs=tuple(docs), score=scores[index]))
    return found


def _story_order(item: DigestItem) -> tuple:
    """By date when known (undated last), then article by article, each in its own order: a
    line that follows on from the one before it ("Instead, …") stays after it."""
    return (item.date is None, item.date or "", item.order, item.rank)


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
