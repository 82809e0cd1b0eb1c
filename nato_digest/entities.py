"""Named-entity mentions (PER, ORG, LOC, MISC) from an averaged-perceptron sequence tagger.

The tagger is first-order: emission scores are sums of feature weights (numpy, a whole sentence at
once), and Viterbi decoding over BIO labels adds label-transition weights. It is trained on
CoNLL-2003 by ``scripts/train_ner.py``; the weights ship as gzipped TSV (see MODEL_CARD.md).
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, reduce
from itertools import chain, compress, count, islice, repeat
from operator import and_, attrgetter, or_
from importlib import resources
from pathlib import Path
from typing import IO

import numpy as np

from .executor import batched
from .gazetteers import (
    PhraseTable,
    calendar_words,
    country_table,
    first_names,
    given_names,
    misc_words,
    organisation_table,
    organisation_words,
    places,
    surnames,
    title_table,
    word_zipf,
)
from .model import Document, Mention, Sentence, Token

TYPES = ("PER", "ORG", "LOC", "MISC")
LABELS = ("O", *(f"{prefix}-{kind}" for kind in TYPES for prefix in "BILU"))
"""BILOU: Begin, Inside, Last of a multi-token name, Unit-length name, Outside (Ratinov & Roth 2009)."""


def to_bilou(bio: Sequence[str]) -> list[str]:
    """BIO labels → BILOU labels."""
    out = []
    for i, label in enumerate(bio):
        following = bio[i + 1] if i + 1 < len(bio) else "O"
        continues = following.startswith("I-") and following[2:] == label[2:]
        if label.startswith("B-"):
            out.append(label if continues else "U-" + label[2:])
        elif label.startswith("I-"):
            out.append(label if continues else "L-" + label[2:])
        else:
            out.append(label)
    return out
_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"', "—": "--", "–": "-"})


# ---------------------------------------------------------------------------------------------
# Features


@lru_cache(maxsize=1 << 16)
def word_shape(word: str) -> str:
    """Xxxx → Xx, NATO → X, F-16 → X-d: character classes with runs collapsed."""
    shape = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the rest of the article says about a word: seen capitalised mid-sentence or in lower
    case, and the words around its other occurrences (context aggregation, Ratinov & Roth 2009)."""

    capitalised: frozenset[str]
    lowercase: frozenset[str]
    neighbours: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    runs: Mapping[str, str] = field(default_factory=dict)
    """Capitalised word → "L" if the prose ever puts a name's word after it, "R" if ever before it,
    both or neither: a person is named in full at least once ("Avril Haines" … "Haines"), while a
    one-word company or place is mostly named alone ("Linde", "Energean")."""
    pronouns: Mapping[str, str] = field(default_factory=dict)
    """Capitalised word → the kinds of pronoun that follow it in the article's prose (the first
    within PRONOUN_REACH words of each occurrence): "P" a person's (he, her, who), "N" a thing's
    (it, its, which), "G" a group's (they, their): "Energean said it expects", "Ted Baker warned
    that … its", "Rihanna, who"."""

    AGGREGATE_LIMIT = 8
    PRONOUN_REACH = 6
    _RUN_NAMES = ("", "L", "R", "LR")

    @classmethod
    def of(cls, views: Iterable[SentenceView]) -> DocumentContext:
        capitalised, lowercase = set(), set()
        around: dict[str, set[str]] = {}
        runs: dict[str, int] = {}
        pronouns: dict[str, set[str]] = {}
        for view in views:
            if view.shouting or view.titled:
                continue
            words, lower = view.words, view.lower
            padded = ["<s>", *lower, "</s>"]
            upper = list(compress(count(), view.capitalised))
            named = {i for i in upper if lower[i] not in _CLOSED_CLASS}
            after_name = _pronouns_after(view.upper_initial, lower, upper, cls.PRONOUN_REACH)
            for i in upper:
                word = words[i]
                bag = around.setdefault(word, set())
                if len(bag) < 2 * cls.AGGREGATE_LIMIT:
                    bag.update(("<" + padded[i], ">" + padded[i + 2]))
                runs[word] = runs.get(word, 0) | (i + 1 in named) | (i - 1 in named) << 1
                kind = after_name[i]
                if kind:
                    pronouns.setdefault(word, set()).add(kind)
            capitalised.update(compress(lower[1:], view.capitalised[1:]))
            lowercase.update(compress(lower[1:], view.uncapitalised[1:]))
        neighbours = {w: tuple(sorted(bag)) for w, bag in around.items() if len(bag) > 2}
        names = cls._RUN_NAMES
        return cls(
            frozenset(capitalised),
            frozenset(lowercase),
            neighbours,
            {w: names[flags] for w, flags in runs.items()},
            {w: "".join(sorted(kinds)) for w, kinds in pronouns.items()},
        )


_PRONOUN_KINDS = {
    **dict.fromkeys("he him his himself she her hers herself who whom".split(), "P"),
    **dict.fromkeys("it its itself which".split(), "N"),
    **dict.fromkeys("they them their theirs themselves".split(), "G"),
}
"""Pronouns by what they refer to: a person, a thing, a group (DocumentContext.pronouns)."""


def _pronouns_after(upper: Sequence[bool], lower: Sequence[str], names: Sequence[int], reach: int) -> dict[int, str | None]:
    """For the name at each of ``names``, the kind of the first pronoun within ``reach`` words
    after it (past the rest of the name), unless another capitalised word comes first: a pronoun
    refers to the nearest name before it ("Charlotte Mayor Jennifer Roberts said that she").
    ``upper``: whether each word opens with a capital, ``lower``: the words lower-cased. Each run
    of capitalised words is read once, not once for each of its words (a run of thousands was
    quadratic)."""
    found: dict[int, str | None] = {}
    end, kind = 0, None  # where the run of capitals ``i`` is in ends, and the pronoun after it
    for i in names:
        if end <= i:
            end = i + 1
            while end < len(upper) and upper[end]:
                end += 1
            kind = _pronoun_from(upper, lower, end, reach)
        found[i] = kind
    return found


def _pronoun_from(upper: Sequence[bool], lower: Sequence[str], start: int, reach: int) -> str | None:
    for k in range(start, min(start + reach, len(upper))):
        if upper[k]:
            return None
        kind = _PRONOUN_KINDS.get(lower[k])
        if kind:
            return kind
    return None


def _all_caps(words: Sequence[str]) -> bool:
    """A line in capitals: three words or more, every word that opens with a letter in capitals
    (a loop that stops at the first word in lower case, where nearly every sentence stops)."""
    letters = 0
    for w in words:
        if w[:1].isalpha():
            if not w.isupper():
                return False
            letters += 1
    return letters >= 3


TITLE_CASE_LOWER = frozenset("a an the of in on at to for and or but nor by with from as vs v. into over off up out per via".split())


def _title_case(words: Sequence[str]) -> bool:
    """A headline in Title Case ("Elizabeth Warren Hammers Wells Fargo"), where a capital says
    nothing of a name: only function words in lower case, no closing full stop, not all in
    capitals. One loop that stops at the first other word in lower case (most sentences' second)."""
    if not words or words[-1] == ".":
        return False
    capitalised, shouted = 0, True
    for w in words:
        if w[:1].isalpha():
            if w[0].isupper():
                capitalised += 1
                shouted = shouted and w.isupper()
            elif w not in TITLE_CASE_LOWER:
                return False
    return capitalised >= 3 and not shouted


@cache
def _phrase_tables() -> tuple[tuple[PhraseTable, str], ...]:
    """The phrase tables whose matches are features, with their tags' names."""
    return (country_table(), "cty"), (organisation_table(), "org"), (title_table(), "ttl"), (places()[1], "pl")


def _openings(word: str, lowered: str) -> int:
    """The phrase tables a match of which can start at ``word``, as bits (1 << table's number)."""
    openers, lower_case = _phrase_openers()
    return openers.get(lowered, 0) & (-1 if word[:1].isupper() else lower_case)


@cache
def _phrase_openers() -> tuple[dict[str, int], int]:
    """Each lower-cased word that opens a phrase of the tables → the tables' bits, and the bits of
    the tables that match from a word in lower case too (PhraseTable.opens, for every word at once)."""
    openers: dict[str, int] = {}
    lower_case = 0
    for number, (table, _) in enumerate(_phrase_tables()):
        for first in table.first_words():
            openers[first] = openers.get(first, 0) | 1 << number
        lower_case |= 0 if table.capitalised else 1 << number
    return openers, lower_case


def _gazetteer_tags(words: Sequence[str], lower: Sequence[str], openings: Sequence[int]) -> list[tuple[str, ...]]:
    """The phrase tables' matches over a sentence's words (``lower``: the same, lower-cased;
    ``openings``: each word's _openings, so that a table is searched only where it can match, and
    not at all in most sentences); a word no table matches shares one empty tuple."""
    tags: list[tuple[str, ...]] = [()] * len(words)
    present = reduce(or_, openings, 0)
    for number, (table, name) in enumerate(_phrase_tables()):
        bit = 1 << number
        if not present & bit:
            continue
        for match in table.matches(words, lower, list(compress(count(), map(and_, openings, repeat(bit))))):
            kind = match.value[1] if name == "cty" else name
            for i in range(match.start, match.end):
                tags[i] += (f"{kind}:{'B' if i == match.start else 'I'}",)
    return tags


OFFSETS = (-2, -1, 1, 2)
CLUSTER_SIZES = (50, 200, 1000)
CLUSTER_PATH = ("data", "ner", "clusters.tsv.gz")


@cache
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Word → cluster ids at each of CLUSTER_SIZES, learned from unlabelled news
    (scripts/build_clusters.py); empty when the file is absent (while it is first built)."""
    resource = resources.files("nato_digest") / "/".join(CLUSTER_PATH)
    if not resource.is_file():
        return {}
    with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
        lines = stream.read().rstrip("\n").split("\n")
    rows = map(str.split, lines, repeat("\t"))  # read and cut in C calls, not line by line
    return {row[0]: tuple(row[1:]) for row in rows if not row[0].startswith("#")}


@lru_cache(maxsize=1 << 16)
def cluster_of(word: str) -> tuple[str, ...] | None:
    table = word_clusters()
    return table.get(word) or table.get(word.lower()) or table.get(word.title())
PADDING = ("<s>", "<s>")
END_PADDING = ("</s>", "</s>")


def normalise(word: str) -> str:
    """Curly quotes and dashes as CoNLL writes them."""
    return word if word.isascii() else word.translate(_QUOTE_MAP)


IDENTITY_PREFIXES = ("w=", "l=", "b-=", "b+=", "shout-l=")
"""Features that name the word itself: dropped at random in training (scripts/train_ner.py) so that
the weights also learn from what generalises to unseen words (shape, frequency, gazetteers)."""


def word_templates(word: str) -> list[list[str]]:
    """The word's own templates, then its templates as the neighbour at each of OFFSETS (-2, -1,
    +1, +2): all of a word type's features, built at once from its forms found once (cached per
    word type at inference)."""
    low = word.lower()
    shape = word_shape(word)
    zipf = word_zipf().get(low, "-")
    case = "X" if word[:1].isupper() else "x" if word[:1].islower() else "o"
    own = ["b", "w=" + word, "l=" + low, "s=" + shape, "p3=" + low[:3], "x2=" + low[-2:], "x3=" + low[-3:], "x4=" + low[-4:],
           "zf=" + zipf, "zfc=" + case + zipf]
    if len(word) > 1 and word.isupper():
        own.append("caps-len=" + str(min(len(word), 5)))
    clusters = cluster_of(word)
    if clusters:
        own += map(str.__add__, _CLUSTER_NAMES, clusters)
    else:
        own.append("c=none")
    tags = _list_tags(word)
    own += tags
    middle = clusters[1] if clusters else "none"
    return [own, ["l-2=" + low], _beside("-1", word, low, shape, middle, tags), _beside("+1", word, low, shape, middle, tags), ["l+2=" + low]]


def _beside(where: str, word: str, low: str, shape: str, cluster: str, tags: tuple[str, ...]) -> list[str]:
    """Templates of an adjacent word (``where``: "-1" or "+1"): its lower case, shape, the word
    itself, its cluster at the middle of CLUSTER_SIZES and its list tags (each string built at once,
    and the tags suffixed in C: this runs for every new word type)."""
    return [f"l{where}={low}", f"s{where}={shape}", f"w{where}={word}", f"c{where}={cluster}", *map(str.__add__, tags, repeat(where))]


_CLUSTER_NAMES = tuple(f"c{size}=" for size in CLUSTER_SIZES)


@lru_cache(maxsize=1 << 16)
def _list_tags(word: str) -> tuple[str, ...]:
    """The lists a word is on: given names, surnames, organisation words, the words of events and
    laws, one-word places, months and weekdays."""
    title, low = word.title(), word.lower()
    first, owords, mwords = first_names(), organisation_words(), misc_words()
    tags = []
    if word in first or title in first:
        tags.append("fn")
    if word in owords or title in owords:
        tags.append("ow")
    if word in mwords or title in mwords:
        tags.append("mw")
    if title in given_names():
        tags.append("gn")
    if title in surnames():
        tags.append("sn")
    if low in places()[0]:
        tags.append("pl")
    if low.rstrip(".") in calendar_words():
        tags.append("cal")
    return tuple(tags)


@lru_cache(maxsize=1 << 16)
def _word_forms(word: str) -> tuple[str, str, str, int, bool, bool, bool, bool, bool]:
    """The word as CoNLL writes it, lower-cased, its shape, the phrase tables that can match from
    it (_openings), whether it opens with a capital, with a capital letter and with a letter in
    lower case, and whether it is a capitalised given name and a capitalised surname: the
    per-token columns of a view, found once per word type."""
    normalised = normalise(word)
    lowered = normalised.lower()
    capitalised = normalised[:1].isupper()
    title = normalised.title()
    letter = normalised[:1].isalpha()
    return (
        normalised,
        lowered,
        word_shape(normalised),
        _openings(normalised, lowered),
        capitalised,
        letter and capitalised,
        letter and not capitalised,
        capitalised and title in given_names(),
        capitalised and title in surnames(),
    )


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence's words with what every template needs computed once."""

    words: tuple[str, ...]
    lower: tuple[str, ...]
    shapes: tuple[str, ...]
    gazetteer: list[tuple[str, ...]]
    shouting: bool
    titled: bool
    name_pairs: tuple[bool, ...]
    upper_initial: tuple[bool, ...]
    """For each word, whether it opens with a capital (a letter or not: "Ⅷ")."""
    capitalised: tuple[bool, ...]
    """For each word, whether it opens with a capital letter."""
    uncapitalised: tuple[bool, ...]
    """For each word, whether it opens with a letter in lower case."""

    @classmethod
    def of(cls, words: Sequence[str]) -> SentenceView:
        columns = list(zip(*map(_word_forms, words))) if words else [()] * 9
        normalised, lower = columns[:2]
        return cls(
            normalised,
            lower,
            columns[2],
            _gazetteer_tags(normalised, lower, columns[3]),
            _all_caps(normalised),
            _title_case(normalised),
            _name_pairs(*columns[7:]),
            *columns[4:7],
        )


def context_features(view: SentenceView, i: int, context: DocumentContext) -> list[str]:
    """Templates that depend on more than one word or on the sentence and document."""
    return [*pair_features(view, i), *aggregate_features(view.words[i], context), *sparse_features(view, i, context)]


def pair_features(view: SentenceView, i: int) -> tuple[str, str, str]:
    """The word with each neighbour, and the shapes of the three: every token has them, and they
    recur, so inference looks their weights up by bigram and by shape trigram."""
    low, shapes, lower, last = view.lower[i], view.shapes, view.lower, len(view.words) - 1
    return (
        "s3=" + "|".join(shape_trigram(shapes, i, last)),
        "b-=" + (lower[i - 1] if i else "<s>") + "|" + low,
        "b+=" + low + "|" + (lower[i + 1] if i < last else "</s>"),
    )


def shape_trigram(shapes: Sequence[str], i: int, last: int) -> tuple[str, str, str]:
    return (shapes[i - 1] if i else "<s>", shapes[i], shapes[i + 1] if i < last else "</s>")


def aggregate_features(word: str, context: DocumentContext) -> list[str]:
    """What the article says of a capitalised word wherever it stands, the same for each of its
    occurrences: the words around its occurrences, and whether a name's word stands beside it."""
    run = context.runs.get(word)
    features = ["agg" + neighbour for neighbour in context.neighbours.get(word, ())]
    if run is not None:
        features.append("run=" + run)
    pronouns = context.pronouns.get(word)
    if pronouns:
        features.append("pro=" + pronouns)
    return features


def _with_sparse_features(view: SentenceView) -> Iterable[int]:
    """The positions that can have any sparse template: the first word, every word of a shouted
    or Title Case line, and the words at and beside name pairs and gazetteer matches."""
    if view.shouting or view.titled:
        return range(len(view.words))
    having = {0}
    for i in compress(count(), view.name_pairs):  # the few pairs and matches found in C
        having.update((i, i + 1))
    for i in compress(count(), view.gazetteer):
        having.update((i - 1, i, i + 1))
    return sorted(i for i in having if 0 <= i < len(view.words))


def sparse_features(view: SentenceView, i: int, context: DocumentContext) -> list[str]:
    """Templates that most tokens lack: sentence position and case, name pairs, gazetteer matches."""
    word, low, gaz, last = view.words[i], view.lower[i], view.gazetteer, len(view.words) - 1
    features = []
    if not i:
        features += ["first", "first-s=" + view.shapes[i]]
    if view.shouting:
        features += ["shout", "shout-l=" + low]
    elif view.titled:
        features.append("titled")
    if (not i or view.shouting or view.titled) and word[:1].isupper():
        features.append("doc-cap=" + str(low in context.capitalised) + str(low in context.lowercase))
    if view.name_pairs[i]:
        features.append("name-pair:first")
    if i and view.name_pairs[i - 1]:
        features.append("name-pair:last")
    if gaz[i]:
        features += ["g=" + tag for tag in gaz[i]]
    if i and gaz[i - 1]:
        features += ["g-1=" + tag for tag in gaz[i - 1]]
    if i < last and gaz[i + 1]:
        features += ["g+1=" + tag for tag in gaz[i + 1]]
    return features


def _name_pairs(given: Sequence[bool], family: Sequence[bool]) -> tuple[bool, ...]:
    """For each word, whether it is a given name before a capitalised surname ("Chad Smith",
    "Avril Haines"): together they are a person's name whatever else each word can be, and a
    linear model needs the pair spelt out. ``given`` and ``family``: each word's flags (_word_forms)."""
    return (*map(and_, given, family[1:]), False)


def sentence_features(view: SentenceView, context: DocumentContext) -> list[list[str]]:
    """Every feature string of every token of a sentence (the training view; inference sums the
    same weights through per-word caches)."""
    padded = [*PADDING, *view.words, *END_PADDING]
    templates = {word: word_templates(word) for word in dict.fromkeys(padded)}
    features = []
    for i, word in enumerate(view.words):
        f = [*templates[word][0]]
        for slot, offset in enumerate(OFFSETS, 1):
            f += templates[padded[i + 2 + offset]][slot]
        f += context_features(view, i, context)
        features.append(f)
    return features


# ---------------------------------------------------------------------------------------------
# Model


def viterbi(emission: np.ndarray, transition: np.ndarray, start: np.ndarray, end: np.ndarray | None = None) -> list[int]:
    """Best label sequence for per-token ``emission`` scores (n × L) under first-order weights."""
    return viterbi_batch([emission], transition, start, end)[0]


VITERBI_CELLS = 1 << 18
"""The (position, sentence) cells that one batch of ``viterbi_batch`` pads its sentences' scores to,
at most, unless they are no more than twice its tokens: a sentence of 60,000 words among a thousand
of two is decoded apart from them (all at once, the padding took 5 GB), and memory and work stay
linear in the tokens however the lengths of a document's sentences differ."""


def viterbi_batch(
    emissions: Sequence[np.ndarray], transition: np.ndarray, start: np.ndarray, end: np.ndarray | None = None
) -> list[list[int]]:
    """Viterbi over several sentences at once: one numpy step per position, not per sentence, in
    batches of sentences of like length (see VITERBI_CELLS). Each sentence's path is the same
    whichever sentences share its batch."""
    order = sorted(range(len(emissions)), key=lambda k: -len(emissions[k]))
    paths: list[list[int]] = [[] for _ in emissions]
    for batch in _like_lengths(order, [len(e) for e in emissions]):
        for k, path in zip(batch, _viterbi_longest_first([emissions[k] for k in batch], transition, start, end)):
            paths[k] = path
    return paths


def _like_lengths(order: list[int], lengths: list[int]) -> Iterator[list[int]]:
    """The sentences, longest first, cut into batches whose padded cells stay within VITERBI_CELLS
    or twice their tokens."""
    batch: list[int] = []
    tokens = 0
    for k in order:
        if batch and lengths[batch[0]] * (len(batch) + 1) > max(VITERBI_CELLS, 2 * (tokens + lengths[k])):
            yield batch
            batch, tokens = [], 0
        batch.append(k)
        tokens += lengths[k]
    if batch:
        yield batch


def _viterbi_longest_first(
    emissions: Sequence[np.ndarray], transition: np.ndarray, start: np.ndarray, end: np.ndarray | None
) -> list[list[int]]:
    """Viterbi over sentences given longest first, none empty: the ones still running at a
    position are then a prefix of the batch. The forward pass keeps only the best score of each
    label at each position: a maximum over the predecessors' axis with the sentences innermost,
    so that every numpy loop runs over the batch's sentences (a predecessor kept per cell took an
    argmax over 17 labels for each cell: 44% fewer instructions without). The predecessors are
    then found along the best paths alone (_backtrack)."""
    lengths = np.array([len(emission) for emission in emissions])
    count, size, longest = len(emissions), transition.shape[0], int(lengths[0])
    # [t, label, sentence]: the emissions, overwritten by the best scores of the paths ending there
    scores = np.zeros((longest, size, count), dtype=np.result_type(start, transition, np.float32))
    for row, emission in enumerate(emissions):
        scores[: lengths[row], :, row] = emission
    running = np.searchsorted(-lengths, -np.arange(longest), side="left").tolist()  # sentences longer than t
    scores[0] += start[:, None]
    total = np.empty(size * size * count, dtype=scores.dtype)  # [from, to, sentence], for the sentences live
    best = np.empty(size * count, dtype=scores.dtype)  # [label, sentence]
    weights = transition[:, :, None]
    t = 1
    while t < longest:  # the views are made once for each run of steps with the same sentences live
        live = running[t]
        stop = next((u for u in range(t, longest) if running[u] != live), longest)
        # the steps' own arrays contiguous (a third fewer instructions than views into the whole batch's)
        steps, top = total[: size * size * live].reshape(size, size, live), best[: size * live].reshape(size, live)
        previous, current = scores[:, :, None, :live], scores[:, :, :live]
        for t in range(t, stop):  # each step's arrays written in place: no temporaries
            np.add(previous[t - 1], weights, out=steps)
            np.maximum.reduce(steps, axis=0, out=top)
            current[t] += top
        t = stop
    final = scores[lengths - 1, :, np.arange(count)]  # [sentence, label]
    last = (final if end is None else final + end).argmax(axis=1)
    return _backtrack(scores, np.ascontiguousarray(transition.T), last, running, lengths)


def _backtrack(scores: np.ndarray, into: np.ndarray, last: np.ndarray, running: list[int], lengths: np.ndarray) -> list[list[int]]:
    """The best paths, from each sentence's ``last`` label back, one numpy step per position for
    the whole batch: a label's predecessor is the first label of the best previous score plus
    transition into it (the same sums and the same argmax, lowest label first among ties, as a
    forward pass that kept each cell's predecessor). ``scores``: [t, label, sentence]; ``into``:
    [to, from]."""
    longest, size, count = scores.shape
    labels = np.zeros(count, dtype=np.intp)
    paths = np.empty((longest, count), dtype=np.int8)
    steps = np.empty((count, size), dtype=scores.dtype)
    ends = [*running, 0]  # the sentences whose last position is t: ends[t + 1] to ends[t]
    for t in range(longest - 1, -1, -1):
        live = ends[t]
        labels[ends[t + 1] : live] = last[ends[t + 1] : live]
        paths[t, :live] = labels[:live]
        if t:
            np.add(scores[t - 1, :, :live].T, into.take(labels[:live], axis=0), out=steps[:live])
            steps[:live].argmax(axis=1, out=labels[:live])
    return [path[:n] for path, n in zip(paths.T.tolist(), lengths.tolist())]


@cache
def _forbidden_transitions() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BILOU constraints as -inf (transition, start, end): a name opened by B- goes on with I-
    and closes with L- of the same type; nothing else may follow B- or I-."""
    size = len(LABELS)
    transition = np.zeros((size, size), dtype=np.float32)
    start = np.zeros(size, dtype=np.float32)
    end = np.zeros(size, dtype=np.float32)
    for j, label in enumerate(LABELS):
        inside = label[0] in "IL"
        if inside:
            start[j] = -np.inf
        if label[0] in "BI":
            end[j] = -np.inf
        for i, previous in enumerate(LABELS):
            open_before = previous[0] in "BI"
            if open_before != inside or (inside and previous[2:] != label[2:]):
                transition[i, j] = -np.inf
    return transition, start, end


class _VectorCache:
    """Summed weights of feature groups, kept per key (a word, a shape trigram) so that
    each is summed once however often the key recurs. New keys are summed in one numpy call per
    document; past ``limit`` keys the cache starts afresh, which bounds its memory."""

    def __init__(self, features: Callable[[Hashable], list[list[str]]], sums: Callable[[list[list[str]]], np.ndarray], limit: int):
        self._features, self._sums, self._limit = features, sums, limit
        self._rows: dict[Hashable, int] = {}
        self.vectors = np.zeros((0, 1, len(LABELS)), dtype=np.float32)

    def rows(self, keys: Sequence[Hashable]) -> np.ndarray:
        """Row numbers of ``keys`` in ``vectors`` (n × slots × labels), found in one pass over
        the keys: only the few new ones are gathered again."""
        found = np.fromiter(map(self._rows.get, keys, repeat(-1)), dtype=np.int64, count=len(keys))
        new = np.flatnonzero(found < 0).tolist()
        if not new:
            return found
        missing = list(dict.fromkeys(map(keys.__getitem__, new)))
        if len(self._rows) + len(missing) > self._limit:
            self._rows.clear()
            self._add(list(dict.fromkeys(keys)))
            return np.fromiter(map(self._rows.__getitem__, keys), dtype=np.int64, count=len(keys))
        self._add(missing)
        found[new] = np.fromiter(map(self._rows.__getitem__, map(keys.__getitem__, new)), dtype=np.int64, count=len(new))
        return found

    ADD_AT_ONCE = 4_096
    """New keys whose features are built and summed at once: a document of a hundred thousand new
    words would otherwise hold millions of feature strings together."""

    def _add(self, missing: list[Hashable]) -> None:
        """Sums the groups of keys not cached (none of them cached) into the next free rows."""
        for start in range(0, len(missing), self.ADD_AT_ONCE):
            self._add_some(missing[start : start + self.ADD_AT_ONCE])

    def _add_some(self, missing: list[Hashable]) -> None:
        groups = [self._features(key) for key in missing]
        slots = len(groups[0])
        sums = self._sums(list(chain.from_iterable(groups))).reshape(len(missing), slots, len(LABELS))
        first = len(self._rows)
        size = first + len(missing)
        if size > len(self.vectors):  # doubling, up to the limit (but never below what is needed)
            grown = np.zeros((max(size, min(self._limit, max(1024, 2 * size))), slots, len(LABELS)), dtype=np.float32)
            grown[: len(self.vectors)] = self.vectors
            self.vectors = grown
        self.vectors[first:size] = sums
        self._rows.update(zip(missing, range(first, size)))


BIGRAM_PREFIXES = ("b-=", "b+=")
"""A bigram's feature as seen from its right word (b-=) and from its left word (b+=)."""


def _bigram_table(index: Mapping[str, int], unknown: int) -> tuple[dict[tuple[str, str], int], np.ndarray]:
    """Every bigram the model weighs, keyed by its two words, and the rows of its b-= and b+=
    features (``unknown`` for one it lacks; a last pair of ``unknown`` for a bigram it never saw):
    a sentence's bigrams are then looked up as they come, with no string built. A feature whose
    words hold "|" is keyed by every cut that joins back into it, since each such pair of words
    names that feature."""
    rows: dict[str, list[int]] = {}  # each bigram → [its b-= row, its b+= row], in one pass over the index
    for feature, row in index.items():
        if feature.startswith(BIGRAM_PREFIXES):
            rows.setdefault(feature[3:], [unknown, unknown])[feature[1] == "+"] = row
    keys: dict[tuple[str, str], int] = {}
    for number, bigram in enumerate(rows):  # numbered as met: any order serves, and sorting cost a tenth
        cut = bigram.find("|", 1)
        while 0 < cut < len(bigram) - 1:
            keys[bigram[:cut], bigram[cut + 1 :]] = number
            cut = bigram.find("|", cut + 1)
    return keys, np.array([*rows.values(), [unknown, unknown]], dtype=np.int64).reshape(-1, 2)


@dataclass
class TaggerModel:
    """Feature index, emission weights (features × labels) and transition weights.

    Scoring caches the summed weights of a word type's own and neighbour templates and of each
    shape trigram, and finds each bigram's two weights in a table keyed by its words, so a
    sentence is scored with a few numpy gathers plus the handful of sparse templates per token.
    """

    index: dict[str, int]
    emission: np.ndarray
    transition: np.ndarray
    start: np.ndarray

    _CACHE_LIMIT = 100_000

    def __post_init__(self) -> None:
        # a last row of zeros stands in for a feature group none of whose features is known
        self._zero_row = len(self.emission)
        self._padded_emission = np.vstack([self.emission, np.zeros((1, len(LABELS)), dtype=np.float32)])
        self._words = _VectorCache(word_templates, self.feature_sums, self._CACHE_LIMIT)
        self._bigram_keys, bigram_rows = _bigram_table(self.index, self._zero_row)
        self._bigram_vectors = self._padded_emission[bigram_rows]  # bigrams × (b-=, b+=) × labels
        self._shapes = _VectorCache(lambda trigram: [["s3=" + "|".join(trigram)]], self.feature_weights, self._CACHE_LIMIT)

    def feature_sums(self, groups: list[list[str]]) -> np.ndarray:
        """The summed weights of each group of features (len(groups) × labels). A feature the
        model lacks reads the row of zeros, and so does an empty group."""
        groups = [group or [""] for group in groups]
        flat = list(chain.from_iterable(groups))
        rows = np.fromiter(map(self.index.get, flat, repeat(self._zero_row)), dtype=np.int64, count=len(flat))
        offsets = np.zeros(len(groups), dtype=np.int64)
        np.cumsum(np.fromiter(map(len, groups[:-1]), dtype=np.int64, count=len(groups) - 1), out=offsets[1:])
        return np.add.reduceat(self._padded_emission[rows], offsets, axis=0)

    def feature_weights(self, groups: list[list[str]]) -> np.ndarray:
        """``feature_sums`` of groups of one feature each, in one look-up."""
        rows = np.fromiter(map(self.index.get, (group[0] for group in groups), repeat(self._zero_row)), dtype=np.int64, count=len(groups))
        return self._padded_emission[rows]

    def document_scores(self, sentences: Sequence[SentenceView], context: DocumentContext) -> list[np.ndarray]:
        """Emission scores of every sentence of a document, computed in one pass."""
        padded: list[str] = []
        lower: list[str] = []
        tokens: list[str] = []
        trigrams: list[tuple[str, str, str]] = []
        sparse: list[tuple[int, list[str]]] = []
        for view in sentences:
            padded += [*PADDING, *view.words, *END_PADDING]
            lower += [*PADDING, *view.lower, *END_PADDING]
            shapes = ["<s>", *view.shapes, "</s>"]
            trigrams += zip(shapes, shapes[1:], shapes[2:])
            first = len(tokens)
            tokens += view.words
            sparse += [(first + i, sparse_features(view, i, context)) for i in _with_sparse_features(view)]
        if not tokens:
            return [np.zeros((0, len(LABELS)), dtype=np.float32) for _ in sentences]
        lengths = np.fromiter(map(len, (view.words for view in sentences)), dtype=np.int64, count=len(sentences))
        # each token's place in ``padded``: past its own sentence's padding and that of those before
        at = np.arange(len(tokens)) + np.repeat(np.arange(len(sentences)) * (len(PADDING) + len(END_PADDING)) + len(PADDING), lengths)
        words = self._words.rows(padded)
        emission = self._words.vectors[words[at], 0]
        for slot, offset in enumerate(OFFSETS, 1):
            emission += self._words.vectors[words[at + offset], slot]
        unseen = len(self._bigram_vectors) - 1
        bigrams = np.fromiter(map(self._bigram_keys.get, zip(lower, lower[1:]), repeat(unseen)), dtype=np.int64, count=len(lower) - 1)
        emission += self._bigram_vectors[bigrams[at - 1], 0] + self._bigram_vectors[bigrams[at], 1]
        shapes = self._shapes.rows(trigrams)
        emission += self._shapes.vectors[shapes, 0]
        emission += self._document_sums(tokens, sparse, context)
        bounds = [0, *np.cumsum(lengths).tolist()]
        return [emission[bounds[k] : bounds[k + 1]] for k in range(len(sentences))]

    def _document_sums(self, tokens: list[str], sparse: list[tuple[int, list[str]]], context: DocumentContext) -> np.ndarray:
        """The weights of the aggregate templates (once per word of the article) and of the
        sparse ones (only for the tokens that have any)."""
        out = np.zeros((len(tokens), len(LABELS)), dtype=np.float32)
        aggregated = [w for w in dict.fromkeys(tokens) if w in context.runs]
        if aggregated:
            sums = self.feature_sums([aggregate_features(w, context) for w in aggregated])
            rows = np.fromiter(map(dict(zip(aggregated, range(len(aggregated)))).get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
            having = rows >= 0
            out[having] += sums[rows[having]]
        sparse = [(k, features) for k, features in sparse if features]
        if sparse:
            out[[k for k, _ in sparse]] += self.feature_sums([features for _, features in sparse])
        return out

    BLOCK = 1_000
    """Sentences scored at once: a whole news article, while a document of any length holds the
    scores of only this many sentences at a time (a 0.5 MB one peaked at 245 MB, all at once)."""

    def tag_document(self, sentences: Sequence[SentenceView], context: DocumentContext) -> list[list[str]]:
        """BIO labels for every sentence of a document, block by block."""
        return self.tag_documents([(sentences, context)])[0]

    def tag_documents(self, documents: Sequence[tuple[Sequence[SentenceView], DocumentContext]]) -> list[list[list[str]]]:
        """``tag_document`` of each (sentences, context): scored document by document, a block of
        BLOCK sentences at a time (the scores depend on the document's context), and decoded
        BLOCK sentences at a time, whichever documents they are from, so that the numpy steps of
        Viterbi are paid once for several short documents rather than once for each."""
        scores = chain.from_iterable(self._document_blocks(sentences, context) for sentences, context in documents)
        labels = chain.from_iterable(map(self._decoded, batched(scores, self.BLOCK)))
        return [list(islice(labels, len(sentences))) for sentences, _ in documents]

    def _document_blocks(self, sentences: Sequence[SentenceView], context: DocumentContext) -> Iterator[np.ndarray]:
        for start in range(0, len(sentences), self.BLOCK):
            yield from self.document_scores(sentences[start : start + self.BLOCK], context)

    def _decoded(self, scores: Sequence[np.ndarray]) -> list[list[str]]:
        """BIO labels of sentences from their emission scores."""
        nonempty = [k for k, s in enumerate(scores) if len(s)]
        labels: list[list[str]] = [[] for _ in scores]
        if nonempty:
            constraint_t, constraint_s, constraint_e = _forbidden_transitions()
            paths = viterbi_batch(
                [scores[k] for k in nonempty], self.transition + constraint_t, self.start + constraint_s, constraint_e
            )
            for k, path in zip(nonempty, paths):
                labels[k] = list(map(LABELS.__getitem__, path))
        return labels

    def tag(self, view: SentenceView, context: DocumentContext) -> list[str]:
        return self.tag_document([view], context)[0]

    def save(self, path: Path) -> None:
        """Gzipped text: a header line each for the labels, the transition and start weights, and
        the emission weights as hex: of each feature's count of non-zero weights (four in five are
        zero), of their labels and of their little-endian float32 bits, feature after feature;
        then the features, a line each, in their rows' order. Exact, and read back in a few C
        calls (reading is most of the tool's start-up): one cut per feature, not three."""
        rows, labels = np.nonzero(self.emission)
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write("#labels\t" + " ".join(LABELS) + "\n")
            out.write("#transition\t" + " ".join(f"{v:.4g}" for v in self.transition.ravel()) + "\n")
            out.write("#start\t" + " ".join(f"{v:.4g}" for v in self.start) + "\n")
            out.write("#counts\t" + np.bincount(rows, minlength=len(self.emission)).astype(np.uint8).tobytes().hex() + "\n")
            out.write("#columns\t" + labels.astype(np.uint8).tobytes().hex() + "\n")
            out.write("#weights\t" + self.emission[rows, labels].astype("<f4").tobytes().hex() + "\n")
            out.writelines(feature + "\n" for feature, _ in sorted(self.index.items(), key=lambda item: item[1]))

    @classmethod
    def read(cls, stream: IO[str]) -> TaggerModel:
        """The model from its text: the header's lines, the features cut into lines at once, the
        counts, labels and weights of every feature decoded from hex in one call each."""
        text = stream.read()
        header: dict[str, str] = {}
        body = 0
        while text.startswith("#", body):
            end = text.find("\n", body)
            end = len(text) if end < 0 else end
            key, _, values = text[body:end].partition("\t")
            header[key] = values
            body = end + 1
        if tuple(header.get("#labels", "").split()) != LABELS:
            raise ValueError("model labels differ from this version's")
        if not {"#transition", "#start", "#counts", "#columns", "#weights"} <= header.keys():
            raise ValueError("model file lacks weights")
        features = text[body:].rstrip("\n").split("\n") if text[body:].strip() else []
        size = len(LABELS)
        counts = np.frombuffer(bytes.fromhex(header["#counts"]), dtype=np.uint8)
        emission = np.zeros((len(features), size), dtype=np.float32)
        columns = np.frombuffer(bytes.fromhex(header["#columns"]), dtype=np.uint8)
        emission[np.repeat(np.arange(len(features)), counts), columns] = np.frombuffer(bytes.fromhex(header["#weights"]), dtype="<f4")
        transition = np.array(header["#transition"].split(), dtype=np.float32).reshape(size, size)
        index = dict(zip(features, range(len(features))))
        return cls(index, emission, transition, np.array(header["#start"].split(), dtype=np.float32))


MODEL_PATH = ("data", "ner", "conll2003.tsv.gz")


@cache
def default_model() -> TaggerModel:
    resource = resources.files("nato_digest") / "/".join(MODEL_PATH)
    with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
        return TaggerModel.read(stream)


# ---------------------------------------------------------------------------------------------
# Recognizer

_PAIRS = {"(": ")", "[": "]", "“": "”", "‘": "’", '"': '"', "'": "'"}
_OPENERS = {closing: [o for o, c in _PAIRS.items() if c == closing] for closing in _PAIRS.values()}
"""Each closing mark → the marks it closes, in _PAIRS' order."""
_TRIMMED_ENDS = frozenset(",:;") | _OPENERS.keys()
"""The last characters that _trim_span may cut."""


def _trim_span(text: str) -> tuple[int, int]:
    """(start, end) of a name without stray edge punctuation; balanced brackets and quotes stay
    ("Mladost ( L )"). Most names open and close with a letter: they are returned as they are."""
    start, end = 0, len(text)
    if not text or (text[0] not in _PAIRS and text[-1] not in _TRIMMED_ENDS):
        return start, end
    changed = True
    while changed and start < end:
        changed = False
        if text[end - 1] in ",:;":
            end, changed = end - 1, True
        opening = text[start]
        if opening in _PAIRS and _PAIRS[opening] not in text[start + 1 : end]:
            start, changed = start + 1, True
        closing = text[end - 1] if end > start else ""
        openers = _OPENERS.get(closing, ())
        if openers and not any(o in text[start : end - 1] for o in openers if o != closing):
            if closing not in ('"', "'") or text[start : end - 1].count(closing) % 2 == 0:
                end, changed = end - 1, True
    return start, end


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, type) of every name, from BIO or BILOU labels."""
    spans = []
    begin, kind, after = -1, "", 0
    for i in compress(count(), map("O".__ne__, labels)):  # the few labels in names, found in C
        if begin >= 0 and i != after:  # an O since the last of them closes the open name
            spans.append((begin, after, kind))
            begin = -1
        label = labels[i]
        prefix, label_kind = label[0], label[2:]
        if begin >= 0 and (prefix not in "IL" or label_kind != kind):
            spans.append((begin, i, kind))
            begin = -1
        if prefix in "BU" or (prefix in "IL" and begin < 0):
            begin, kind = i, label_kind
        if prefix in "LU" and begin >= 0:
            spans.append((begin, i + 1, kind))
            begin = -1
        after = i + 1
    if begin >= 0:
        spans.append((begin, after, kind))
    return spans


_TEXT = attrgetter("text")
"""A token's text (mapped over a sentence's tokens in C)."""


class EntityRecognizer:
    """Document → named-entity mentions, with offsets into the article text."""

    def __init__(self, model: TaggerModel | None = None):
        self.model = model or default_model()

    def __call__(self, document: Document) -> tuple[Mention, ...]:
        """Mentions in the sentences the analyses read."""
        return self.recognize(document)[0]

    def recognize(self, document: Document) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """Mentions in the analysed sentences, and in the margins (dateline, captions, credits),
        tagged in one pass so that each informs the document context of the other."""
        return self.recognize_many([document])[0]

    def recognize_many(self, documents: Sequence[Document]) -> list[tuple[tuple[Mention, ...], tuple[Mention, ...]]]:
        """``recognize`` of each document, their sentences decoded together (TaggerModel.tag_documents):
        the same mentions as one document at a time, with Viterbi's steps shared by the batch."""
        views = [[SentenceView.of(list(map(_TEXT, s.tokens))) for s in d.sentences + d.margins] for d in documents]
        labels = self.model.tag_documents([(v, DocumentContext.of(v)) for v in views])
        return list(map(_found, documents, views, labels))


def _found(document: Document, views: Sequence[SentenceView], labels: Sequence[list[str]]) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """The mentions of the body and of the margins, from a document's labels."""
    sentences = document.sentences + document.margins
    found: tuple[list[Mention], list[Mention]] = ([], [])
    tagged = list(map(spans_from_labels, labels))
    for number, (sentence, spans) in enumerate(zip(sentences, consistent_spans(views, tagged))):
        in_body = number < len(document.sentences)
        for first, end, kind in spans:
            first, kind = _after_title(sentence.tokens, first, end, kind)
            first = _past_common_words(sentence.tokens, first, end)
            mention = _mention(document.text, sentence, first, end, kind, number if in_body else -1) if first < end else None
            if mention:
                found[not in_body].append(mention)
    return tuple(found[0]), tuple(found[1])


Span = tuple[int, int, str]


def consistent_spans(views: Sequence[SentenceView], tagged: Sequence[list[Span]]) -> list[list[Span]]:
    """The document-level second pass: a name is one thing throughout an article.

    Every name the tagger found in the prose of the document (and the surname of every full
    person's name) is tagged where it recurs untagged, if it is a name of several words or was
    tagged at least as often as not, with the type the tagger gave it most often
    (Krishnan & Manning 2006 learn the same consistency), and it sets the boundaries of the names
    of a Title Case headline, where capitals join words into one long name ("Elizabeth Warren
    Hammers Wells Fargo"). A name the tagger did tag keeps its own type where the prose gives it
    one (in results tables "Japan" is a team in one line and the country in the next); see
    ``_ProseTypes`` for where it does not."""
    votes: dict[tuple[str, ...], Counter[str]] = {}
    prose = _ProseTypes()
    untagged: Counter[str] = Counter()
    for view, spans in zip(views, tagged):
        if view.titled:
            continue
        for first, end, kind in spans:
            name = tuple(view.words[first:end])
            votes.setdefault(name, Counter())[kind] += 1
            prose.add(view, first, name, kind)
            if kind == "PER" and end - first > 1:
                votes.setdefault(name[-1:], Counter())["PER"] += 1
        covered = _covered(spans)
        untagged.update(view.words[i] for i in compress(count(), view.upper_initial) if i not in covered)
    # one word tagged in fewer of its occurrences than it was left untagged ("Dec." once of ten)
    # is the tagger's slip, not a name to spread
    kinds = {name: count.most_common(1)[0][0] for name, count in votes.items() if len(name) > 1 or count.total() >= untagged[name[0]]}
    if not kinds:
        return [list(spans) for spans in tagged]
    known = _KnownNames(kinds)
    out = []
    for view, spans in zip(views, tagged):
        if view.titled:
            spans = [part for span in spans for part in known.split(view.words, span)]
        spans = [prose.retyped(view, span) for span in spans]
        covered = _covered(spans)
        found = [span for span in known.within(view.words, 0, len(view.words)) if not covered.intersection(range(span[0], span[1]))]
        out.append(sorted(spans + found))
    return out


_OPENING_MARKS = frozenset({'"', "'", "``", "-", "--", ":"})
"""What a sentence-like opening follows, as the views write it (curly quotes and dashes normalised):
a quotation, the dash after a dateline, a colon."""


@dataclass
class _ProseTypes:
    """What the article's prose says of a name's type where the tagger's own reading is weak.

    A one-word name that is the surname of a person the article names in full is that person
    ("Barack Obama" … "the Obama administration"). A name that opens a sentence or a quotation
    (or follows a dateline's dash or a colon), or stands in a line of capitals or Title Case,
    where its capital says nothing, takes the type the article gives it mid-sentence ("Energean
    shares rose" after "analysts said Energean would …")."""

    midsentence: dict[tuple[str, ...], Counter[str]] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)

    def add(self, view: SentenceView, first: int, name: tuple[str, ...], kind: str) -> None:
        if not _capital_says_nothing(view, first):
            self.midsentence.setdefault(name, Counter())[kind] += 1
        if kind == "PER" and len(name) > 1:
            self.surnames.add(name[-1])

    def retyped(self, view: SentenceView, span: Span) -> Span:
        first, end, kind = span
        name = tuple(view.words[first:end])
        if len(name) == 1 and name[0] in self.surnames:
            return first, end, "PER"
        there = self.midsentence.get(name) if _capital_says_nothing(view, first) else None
        return (first, end, there.most_common(1)[0][0]) if there else span


def _capital_says_nothing(view: SentenceView, first: int) -> bool:
    """Whether a name at ``first`` would be capitalised whatever it is: it opens a sentence or a
    quotation, or stands in a line of capitals or Title Case."""
    return not first or view.words[first - 1] in _OPENING_MARKS or view.shouting or view.titled


def _covered(spans: Sequence[Span]) -> set[int]:
    """The token positions inside any of ``spans``."""
    return {i for first, end, _ in spans for i in range(first, end)}


class _KnownNames:
    """The names of an article's prose, looked up by their first word."""

    def __init__(self, kinds: dict[tuple[str, ...], str]):
        self.kinds = kinds
        self.longest: dict[str, int] = {}
        for name in kinds:
            self.longest[name[0]] = max(self.longest.get(name[0], 0), len(name))

    def split(self, words: Sequence[str], span: Span) -> list[Span]:
        """A span of a Title Case headline as the names the prose keeps apart, where it joins two
        or more of them ("Elizabeth Warren Hammers Wells Fargo"); else the span as it is
        ("New York Mets")."""
        parts = self.within(words, span[0], span[1])
        return parts if len(parts) > 1 else [span]

    def within(self, words: Sequence[str], start: int, end: int) -> list[Span]:
        """The known names among ``words[start:end]``, longest first, left to right."""
        found, free = [], start
        for i in compress(count(start), map(self.longest.__contains__, words[start:end])):
            if i < free or not words[i][:1].isupper():
                continue
            longest = self.longest[words[i]]
            size = next((n for n in range(min(longest, end - i), 0, -1) if tuple(words[i : i + n]) in self.kinds), 0)
            if size:
                found.append((i, i + size, self.kinds[tuple(words[i : i + size])]))
                free = i + size
        return found


_PERSON_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "messrs"})  # not "Miss": Miss Universe


def _after_title(tokens: Sequence[Token], first: int, end: int, kind: str) -> tuple[int, str]:
    """"Mr Howard", "Mrs. Clinton": a name after a personal title is a person's, and the title is
    not part of it (as CoNLL annotates)."""
    if tokens[first].text.rstrip(".").lower() in _PERSON_TITLES:
        return first + 1, "PER"
    if first > 0 and tokens[first - 1].text.rstrip(".").lower() in _PERSON_TITLES:
        return first, "PER"
    return first, kind


# Closed-class words that open sentences and are never the first word of a name.
_SENTENCE_OPENERS = frozenset(
    """he she it they we i you his her its their our my your this that these those the a an some
    many most all both each every several few meanwhile but and or however also still then today
    yesterday tonight now later earlier thus so yet instead while when after before as if though
    although because since indeed moreover furthermore nevertheless overall finally here there
    where why how what who whom whose which""".split()
)


_CLOSED_CLASS = _SENTENCE_OPENERS | TITLE_CASE_LOWER
"""Capitalised only to open a sentence: not a word of the name it precedes ("The Trojans")."""


def _past_common_words(tokens: Sequence[Token], first: int, end: int) -> int:
    """Skip capitalised closed-class words that open a sentence: "Meanwhile Trump", "He"."""
    while first < end and (first == 0 or tokens[first - 1].text in "\"“‘'(") and tokens[first].text.lower() in _SENTENCE_OPENERS:
        first += 1
    return first


def _mention(text: str, sentence: Sentence, first: int, end: int, kind: str, number: int) -> Mention | None:
    tokens = sentence.tokens
    start, stop = tokens[first].start, tokens[end - 1].end
    left, right = _trim_span(text[start:stop])
    if left >= right:
        return None
    start, stop = start + left, start + right
    return Mention(start, stop, text[start:stop], kind, sentence=number)  # type: ignore[arg-type]


@cache
def default_recognizer() -> EntityRecognizer:
    return EntityRecognizer()
