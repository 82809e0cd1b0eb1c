"""Extractive summaries: one small class per method behind one interface, as in sumy.

Every summarizer maps a document and a length to extracts in document order. The default,
``NewsSummarizer``, scores sentences with a linear model learned from news summaries
(``scripts/train_summary.py``) over position, length, directed centrality over TF-IDF similarity
(PacSum: being echoed by later sentences counts more than echoing earlier ones), headline overlap,
names, numbers, quotation and stand-alone features; then it picks greedily among the units that
stand alone (a quotation whole with its attribution, no furniture, a pronoun opener only after its
predecessor) while blocking redundant ones.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, wraps
from importlib import resources
from itertools import chain
from typing import Protocol, Self

import numpy as np
from .stem import PorterStemmer

from .model import Document, Extract, Sentence

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say told mr mrs ms""".split()
)
_DANGLING = frozenset(
    "he she it they this that these those his her its their but however also and so then still "
    "meanwhile moreover furthermore besides thus therefore yet or nor instead".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ASCII_WORD = re.compile(r"[a-z][\w'-]*", re.ASCII)
_stemmer = PorterStemmer()


_STEMS: dict[str, str] = {}
"""Word → stem, filled as words are met: a dict lookup costs less than a call into the stemmer."""
STEMS_KEPT = 200_000
"""Words remembered at most (then forgotten all at once), so that memory stays bounded."""


def stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= STEMS_KEPT:
            _STEMS.clear()
        found = _STEMS[word] = _stemmer.stem(word)
    return found


def _words(text: str) -> list[str]:
    """The lower-cased words of a text (``_WORD``). Most news is ASCII: lower-cased at once and
    matched by plain ranges, it costs half of Unicode classes matched and lower-casing word by word.
    A whole article seldom is, but most of its lines are: no word spans a line break."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    if "\n" in text:
        return list(chain.from_iterable(map(_words, text.split("\n"))))
    return list(map(str.lower, _WORD.findall(text)))


def _content_stems(words: Iterable[str]) -> list[str]:
    known = _STEMS
    return [known.get(w) or stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def terms(text: str) -> list[str]:
    """Content-word stems of a sentence."""
    return _content_stems(_words(text))


def distinct_terms(text: str) -> frozenset[str]:
    """The set of ``terms`` of a text, each distinct word stemmed once: an article's share of the
    corpus's document frequencies."""
    return frozenset(_content_stems(set(_words(text))))


@lru_cache(maxsize=4096)
def sentence_terms(text: str) -> tuple[str, ...]:
    """``terms`` of a sentence, remembered as ``stands_alone`` is: a document's summary and its
    digest candidates ask for the same sentences' terms."""
    return tuple(terms(text))


TERM_STATISTICS_PATH = ("data", "term_frequencies.tsv.gz")
BACKGROUND_DOCUMENTS = 10.0
"""What the background counts weigh, in articles of the corpus at hand."""


@dataclass(frozen=True)
class TermStatistics:
    """Document frequencies of stems, for inverse document frequency.

    A background from about 2,900 general news articles (``scripts/build_term_statistics.py``),
    scaled down to weigh as much as ``BACKGROUND_DOCUMENTS`` articles, plus the corpus at hand: a
    lone article leans on the background, a corpus on itself (a story's names are rare in news at
    large but common, and so less telling, in a corpus about that story).
    """

    frequencies: Mapping[str, float]
    documents: float
    _idfs: dict[str, float] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Term → idf, filled as terms are met: every article asks again for the common terms' weights."""

    def idf(self, term: str) -> float:
        found = self._idfs.get(term)
        if found is None:
            if len(self._idfs) >= STEMS_KEPT:
                self._idfs.clear()
            found = self._idfs[term] = math.log((1 + self.documents) / (1 + self.frequencies.get(term, 0.0))) + 1
        return found

    def idfs(self, terms: Sequence[str]) -> list[float]:
        """The idf of each of ``terms``: all looked up at once when all are remembered, else one at
        a time (``get``, not ``in`` then ``[]``: another thread may clear the memo between the two)."""
        found = list(map(self._idfs.get, terms))
        return list(map(self.idf, terms)) if None in found else found

    def including(self, texts: Iterable[str]) -> TermStatistics:
        """These statistics plus the articles ``texts``."""
        counts, documents = document_frequencies(texts)
        return self.including_counts(counts, documents)

    def including_counts(self, counts: Mapping[str, int], documents: int) -> TermStatistics:
        """These statistics plus ``documents`` articles with these document frequencies."""
        frequencies = dict(self.frequencies)
        for term, count in counts.items():
            frequencies[term] = frequencies.get(term, 0.0) + count
        return TermStatistics(frequencies, self.documents + documents)


def document_frequencies(texts: Iterable[str]) -> tuple[Counter, int]:
    """In how many of ``texts`` each term occurs, and how many texts there are: counts of shares
    of a corpus add up (Counter.update) to the counts of the whole."""
    counts: Counter = Counter()
    documents = 0
    for text in texts:
        counts.update(distinct_terms(text))
        documents += 1
    return counts, documents


@cache
def background_statistics() -> TermStatistics:
    """The shipped background: its first row the number of articles counted, then a stem and its
    count per row, all cut into cells at once."""
    resource = resources.files("nato_digest") / "/".join(TERM_STATISTICS_PATH)
    cells = gzip.decompress(resource.read_bytes()).decode("utf-8").rstrip("\n").replace("\n", "\t").split("\t")
    scale = BACKGROUND_DOCUMENTS / float(cells[1])
    return TermStatistics(dict(zip(cells[2::2], map(scale.__rmul__, map(int, cells[3::2])))), BACKGROUND_DOCUMENTS)


def corpus_statistics(texts: Iterable[str]) -> TermStatistics:
    """The background plus the corpus at hand."""
    return background_statistics().including(texts)


class Summarizer(Protocol):
    name: str

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        """Extracts in document order: ``sentences`` of them, or as many as fit in ``words``."""
        ...

    def for_corpus(self, statistics: TermStatistics) -> Summarizer:
        """The same method weighing terms by ``statistics`` of the corpus at hand."""
        ...


class _ArticleOnly:
    """For methods that read nothing but the article itself."""

    def for_corpus(self, statistics: TermStatistics) -> Self:
        return self


def candidates(document: Document) -> list[Sentence]:
    """The sentences a summary may use: body sentences, not the headline."""
    return [s for s in document.sentences if s is not document.headline]


QUOTATION_SENTENCES = 3
"""The most sentences of one paragraph that a quotation spanning them is joined across."""


def remembering_the_last(function: Callable) -> Callable:
    """``function``, its last result given again while it is called with the very same arguments
    (by identity): a document's summary and its digest candidates ask in turn for the same pool of
    sentences and the same features of them, which are then found once. One tuple holds the
    arguments with their result, so that threads (a Dask worker's) never read a mismatched pair."""
    last: list[tuple[tuple, object] | None] = [None]

    @wraps(function)
    def remembered(*args: object) -> object:
        memo = last[0]
        if memo is not None and len(memo[0]) == len(args) and all(a is b for a, b in zip(memo[0], args)):
            return memo[1]
        value = function(*args)
        last[0] = (args, value)
        return value

    return remembered


@remembering_the_last
def whole_quotations(document: Document) -> list[Sentence]:
    """The candidates, a quotation that runs over several sentences of a paragraph joined into
    one unit with its attribution (“… airspace. We express our concern …,” said X): taken whole
    or not at all. A quotation still open after ``QUOTATION_SENTENCES`` stays in pieces."""
    pool = candidates(document)
    text = document.article.text
    units: list[Sentence] = []
    i = 0
    while i < len(pool):
        j = i
        while _unbalanced_quote(text[pool[i].start : pool[j].end]) and j + 1 < len(pool) and j + 1 - i < QUOTATION_SENTENCES:
            if pool[j + 1].paragraph != pool[i].paragraph:
                break
            j += 1
        if j > i and not _unbalanced_quote(text[pool[i].start : pool[j].end]):
            tokens = tuple(token for sentence in pool[i : j + 1] for token in sentence.tokens)
            units.append(Sentence(pool[i].start, pool[j].end, text[pool[i].start : pool[j].end], pool[i].paragraph, tokens))
            i = j + 1
        else:
            units.append(pool[i])
            i += 1
    return units


def tfidf_rows(texts: Sequence[str], statistics: TermStatistics | None = None) -> TermRows:
    """L2-normalised TF-IDF rows; IDF from ``statistics`` when given, else from the texts themselves."""
    bags = [Counter(terms(t)) for t in texts]
    if statistics is None:
        statistics = TermStatistics(Counter(term for bag in bags for term in bag), len(bags))
    return TermRows.of(bags, statistics)


@dataclass(frozen=True)
class TermRows:
    """L2-normalised TF-IDF rows kept sparse, the ``row``-th row's weights ``values`` at columns
    ``columns``: memory linear in the text, where a dense matrix grows with sentences × distinct
    terms (770 MB for one 0.5 MB document)."""

    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def of(cls, bags: Sequence[Counter], statistics: TermStatistics) -> TermRows:
        """The rows of term bags."""
        vocabulary = sorted(set().union(*bags))
        column = {term: i for i, term in enumerate(vocabulary)}
        weights = np.array(statistics.idfs(vocabulary), dtype=np.float64)
        sizes = [len(bag) for bag in bags]
        columns = np.fromiter(map(column.__getitem__, chain.from_iterable(bags)), dtype=np.intp, count=sum(sizes))
        counts = np.fromiter(chain.from_iterable(bag.values() for bag in bags), dtype=np.intp, count=sum(sizes))
        rows = np.repeat(np.arange(len(bags)), sizes)
        values = _log_counts(int(counts.max(initial=1)))[counts] * weights[columns]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(bags)))
        return cls(rows, columns, values / np.where(norms == 0, 1, norms)[rows], (len(bags), max(1, len(vocabulary))))

    def dense(self) -> np.ndarray:
        matrix = np.zeros(self.shape, dtype=np.float64)
        matrix[self.rows, self.columns] = self.values
        return matrix

    def dense_block(self, start: int, stop: int) -> np.ndarray:
        """Rows ``start`` to ``stop`` as a dense matrix over only the terms they hold, in column
        order: all the rows' block is ``dense()``, a few rows' is small however many terms all hold."""
        first, last = np.searchsorted(self.rows, [start, stop])
        held, columns = np.unique(self.columns[first:last], return_inverse=True)
        matrix = np.zeros((stop - start, max(1, len(held))), dtype=np.float64)
        matrix[self.rows[first:last] - start, columns] = self.values[first:last]
        return matrix

    def split_last(self) -> tuple[TermRows, np.ndarray]:
        """All rows but the last, and the last as a dense vector (a headline to compare with)."""
        last = self.rows == self.shape[0] - 1
        vector = np.zeros(self.shape[1], dtype=np.float64)
        vector[self.columns[last]] = self.values[last]
        keep = ~last
        return TermRows(self.rows[keep], self.columns[keep], self.values[keep], (self.shape[0] - 1, self.shape[1])), vector

    def dot(self, vector: np.ndarray) -> np.ndarray:
        """Each row's dot product with a dense vector."""
        return np.bincount(self.rows, weights=self.values * vector[self.columns], minlength=self.shape[0])

    def total(self) -> np.ndarray:
        """The sum of the rows, dense."""
        return np.bincount(self.columns, weights=self.values, minlength=self.shape[1])

    def with_later(self) -> np.ndarray:
        """Each row's dot product with the sum of the rows after it (directed centrality):
        per term, the weights of later rows are a suffix sum within that term's column."""
        order = np.lexsort((self.rows, self.columns))
        columns, values = self.columns[order], self.values[order]
        suffix = np.cumsum(values[::-1])[::-1]  # Σ from each entry to the end, over all columns
        group_end = np.searchsorted(columns, columns, side="right")
        beyond = np.append(suffix, 0.0)[group_end]  # what belongs to the columns after this one
        later = suffix - values - beyond
        return np.bincount(self.rows[order], weights=values * later, minlength=self.shape[0])

    def most_similar(self, chosen: Sequence[int], row: int) -> float:
        """The largest cosine of ``row`` with any of the ``chosen`` rows."""
        mine = self._row(row)
        return max(sum(value * other.get(column, 0.0) for column, value in mine.items()) for other in map(self._row, chosen))

    def _row(self, row: int) -> dict[int, float]:
        start, end = np.searchsorted(self.rows, [row, row + 1])
        return dict(zip(self.columns[start:end].tolist(), self.values[start:end].tolist()))


@cache
def _log_counts_upto(largest: int) -> np.ndarray:
    return np.array([1 + math.log(n) if n else 0.0 for n in range(largest + 1)], dtype=np.float64)


def _log_counts(largest: int) -> np.ndarray:
    """1 + ln(n) for n = 0 … largest (0 for 0), by math.log as the weights always were; a power of
    two at least ``largest`` long, so that few tables are ever made."""
    return _log_counts_upto(1 << max(4, largest.bit_length()))


def _most_similar(vectors: np.ndarray | TermRows, chosen: list[int], row: int) -> float:
    if isinstance(vectors, TermRows):
        return vectors.most_similar(chosen, row)
    return float((vectors[chosen] @ vectors[row]).max())


def _select(
    sentences: Sequence[Sentence], scores: np.ndarray, vectors: np.ndarray | TermRows | None, count: int | None, words: int | None,
    redundancy: float = 0.5, eligible: Callable[[int], bool] | None = None, follows: Callable[[int], bool] | None = None,
) -> tuple[Extract, ...]:
    """Greedy pick by score, skipping a sentence scored -inf or not ``eligible``, one too similar
    (cosine of the L2-normalised ``vectors``; no check without them) to one already chosen, and
    one that ``follows`` its predecessor when that is not chosen; in document order. Both
    predicates are asked of the sentences the pick reaches only: most never are."""
    chosen: list[int] = []
    budget = words
    for i in np.argsort(-scores, kind="stable"):
        if (count is not None and len(chosen) >= count) or scores[i] == -np.inf:
            break
        if eligible is not None and not eligible(i):
            continue
        if vectors is not None and chosen and _most_similar(vectors, chosen, int(i)) > redundancy:
            continue
        if follows is not None and follows(i) and i - 1 not in chosen:
            continue
        length = len(sentences[i].text.split())
        if budget is not None:
            if length > budget and chosen:
                continue
            budget -= length
        chosen.append(int(i))
        if budget is not None and budget <= 0:
            break
    return tuple(Extract(sentences[i].start, sentences[i].end, sentences[i].text, float(scores[i])) for i in sorted(chosen))


def _length(sentences: int | None, words: int | None) -> tuple[int | None, int | None]:
    if sentences is None and words is None:
        return 3, None
    return sentences, words


@dataclass(frozen=True)
class LeadSummarizer(_ArticleOnly):
    """The first sentences: the classic news baseline."""

    name: str = "lead"

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        pool = candidates(document)
        count, budget = _length(sentences, words)
        scores = -np.arange(len(pool), dtype=np.float64)
        return _select(pool, scores, None, count, budget)


def _graph_summary(
    document: Document, sentences: int | None, words: int | None, graph: Callable[[np.ndarray], np.ndarray], damping: float
) -> tuple[Extract, ...]:
    """PageRank over a sentence graph built from TF-IDF cosine similarity, one graph per
    GRAPH_BLOCK sentences, each block's ranks scaled to its share of the sentences."""
    pool = candidates(document)
    if not pool:
        return ()
    rows = tfidf_rows([s.text for s in pool])
    ranks = []
    for start in range(0, len(pool), GRAPH_BLOCK):
        block = rows.dense_block(start, min(start + GRAPH_BLOCK, len(pool)))
        weights = graph(block @ block.T)
        np.fill_diagonal(weights, 0.0)
        ranks.append(_pagerank(weights, damping) * (len(block) / len(pool)))
    vectors = block if len(block) == len(pool) else rows  # the dense rows, when already made for all
    return _select(pool, np.concatenate(ranks), vectors, *_length(sentences, words))


GRAPH_BLOCK = 1_000
"""Sentences in one similarity graph: a whole news article, while a longer document's graphs stay
the size of this many, so that time and memory grow with its length (one graph of the 5,000
sentences of 0.5 MB held 925 MB)."""


@dataclass(frozen=True)
class TextRankSummarizer(_ArticleOnly):
    """PageRank over weighted sentence similarity (Mihalcea & Tarau 2004)."""

    name: str = "textrank"
    damping: float = 0.85

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        return _graph_summary(document, sentences, words, lambda similarity: similarity.copy(), self.damping)


@dataclass(frozen=True)
class LexRankSummarizer(_ArticleOnly):
    """Centrality over a thresholded similarity graph (Erkan & Radev 2004)."""

    name: str = "lexrank"
    threshold: float = 0.1

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        graph = lambda similarity: (similarity > self.threshold).astype(np.float64)  # noqa: E731
        return _graph_summary(document, sentences, words, graph, 0.85)


def _pagerank(weights: np.ndarray, damping: float, iterations: int = 50) -> np.ndarray:
    n = weights.shape[0]
    totals = weights.sum(axis=1, keepdims=True)
    transition = np.where(totals > 0, weights / np.where(totals == 0, 1, totals), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * transition.T @ rank
    return rank


def _any_word(words: str, before: str = "") -> re.Pattern:
    """``before`` or one of the ``|``-separated words, case-insensitive. The look-ahead for the
    words' first letters lets the engine skip most positions without trying every alternative
    (the same matches, at twice the speed)."""
    initials = "".join(sorted({word[0] for word in words.split("|")}))
    return re.compile(rf"{before}\b(?=[{initials}])(?:{words})\b", re.IGNORECASE)


_SPEECH = _any_word("said|says|say|told|tells|added|adds|according to|stated|asked|explained|insisted")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’(?!\w)")
"""A quotation: from an opening mark to the next closing one, unless another opening comes first
(then from that one): each character is read from one opening at most, where a mark never closed
read the rest of the sentence from every opening (a sentence of 20,000 was quadratic)."""
_NUMBER = _any_word(
    "january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday"
    "|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|hundred|thousand|million|billion",
    before="\\d|",
)
_CAPTION = _any_word(
    "scroll down|click here|for video|published:|updated:|daily mail reporter|getty images|sign up|subscribe",
    before=r"\((?:pictured|left|right|centre|center|above|below|top|bottom|inset|file)[^)]*\)|",
)


def _lower_case_twin(pattern: re.Pattern) -> re.Pattern:
    """A case-insensitive ``pattern`` written in lower case, made case-sensitive: matched in ASCII
    text lower-cased once, it finds the same matches for some 30% fewer instructions (a
    case-insensitive scan folds the case of every character that it tries)."""
    letters = re.sub(r"\\[A-Z]", "", pattern.pattern)  # a class such as \W is no letter to fold
    assert letters == letters.lower()
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


@dataclass(frozen=True)
class _CaseFolding:
    """Case-insensitive patterns asked of one text, and their ``_lower_case_twin``s."""

    any_case: tuple[re.Pattern, ...]
    lower_case: tuple[re.Pattern, ...]

    @classmethod
    def of(cls, *patterns: re.Pattern) -> _CaseFolding:
        return cls(patterns, tuple(map(_lower_case_twin, patterns)))

    def __call__(self, text: str) -> tuple[str, tuple[re.Pattern, ...]]:
        """The text to match in, with the patterns to match: for ASCII text (most news) the text
        lower-cased and the twins."""
        return (text.lower(), self.lower_case) if text.isascii() else (text, self.any_case)


_SENTENCE_MARKS = _CaseFolding.of(_NUMBER, _SPEECH, _CAPTION)


_NAME = re.compile(r"[A-Z](?<=[\w,;:)] [A-Z])[\w'’.-]*")
"""A capital after a word and a space; the capital first (the look-behind then checks it too), so
that the engine jumps from capital to capital: the same matches at twice the speed."""

FEATURES = (
    "position", "position_inverse", "position_relative", "first", "length", "long", "centrality", "centroid", "headline",
    "term_weight", "names", "numbers", "quoted", "speech", "short", "caption", "opens_quote", "bare_quote",
    "question", "dangling",
)  # fmt: skip
"""What the learned scorer reads of a sentence: see ``sentence_features``."""


def _text_features(text: str, length: int) -> list[float]:
    """Per-sentence features that need nothing but the sentence (and its ``length`` in words,
    counted once for the length features): named-entity-like capitalised words, numbers and
    dates, how much is quotation and whether someone is said to speak, and the marks of a
    sentence that cannot stand alone."""
    stripped = text.strip()
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(text)) / max(1, len(text))
    opens_quote = stripped[:1] in "“\"‘'"
    folded, (number, speech, caption) = _SENTENCE_MARKS(text)
    return [
        math.log1p(len(_NAME.findall(text))),
        math.log1p(len(number.findall(folded))),
        quoted,
        float(bool(speech.search(_QUOTED.sub(" ", folded)))),
        float(length < 8),
        float(bool(caption.search(folded))),
        float(opens_quote),
        float(opens_quote and stripped[-1:] in "”\"’'"),
        float(stripped.rstrip("”\"’' ").endswith("?")),
        float(points_back(text)),
    ]


@remembering_the_last
def sentence_features(document: Document, pool: Sequence[Sentence], statistics: TermStatistics) -> tuple[np.ndarray, TermRows]:
    """One row of ``FEATURES`` per sentence of ``pool`` and the sentences' TF-IDF vectors; linear
    in the number of sentences (centrality by suffix sums, as PacSum's directed graph)."""
    headline = document.headline.text if document.headline else (document.article.title or "")
    found = [sentence_terms(s.text) for s in pool]
    vectors = TermRows.of([Counter(f) for f in (*found, terms(headline))], statistics)
    sentence_vectors, headline_vector = vectors.split_last()
    centrality = sentence_vectors.with_later()
    centroid = sentence_vectors.dot(sentence_vectors.total())
    n = len(pool)
    position = np.arange(n, dtype=np.float64)
    counts = [len(s.text.split()) for s in pool]
    lengths = np.array(counts, dtype=np.float64)
    weights = np.array([sum(statistics.idfs(f)) / len(f) if f else 0.0 for f in found])
    columns = [
        np.minimum(position, 30.0),
        1 / (1 + position),
        position / max(1, n - 1),
        (position == 0).astype(np.float64),
        np.log1p(lengths),
        np.maximum(0.0, lengths - 25) / 25,
        centrality / max(1e-9, centrality.max()),
        centroid / max(1e-9, centroid.max()),
        sentence_vectors.dot(headline_vector),
        weights,
    ]
    text = np.array([_text_features(s.text, count) for s, count in zip(pool, counts)], dtype=np.float64).reshape(n, -1)
    return np.column_stack([*columns, text]), sentence_vectors


SCORER_PATH = ("data", "summary", "sentence_scorer.json")


@dataclass(frozen=True)
class SentenceScorer:
    """A linear score over standardised ``features`` (``FEATURES`` for article sentences),
    learned by ``scripts/train_summary.py`` from BBC extractive labels and CNN/DM oracle labels;
    ``redundancy`` is the cosine above which a sentence repeats one already chosen (chosen by
    cross-validation with the weights)."""

    means: np.ndarray
    scales: np.ndarray
    weights: np.ndarray
    redundancy: float
    features: tuple[str, ...] = FEATURES

    def __call__(self, features: np.ndarray) -> np.ndarray:
        return ((features - self.means) / self.scales) @ self.weights

    def record(self) -> dict:
        return {
            "features": list(self.features),
            "means": self.means.round(6).tolist(),
            "scales": self.scales.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "redundancy": self.redundancy,
        }

    @classmethod
    def from_record(cls, record: Mapping, features: tuple[str, ...] = FEATURES) -> SentenceScorer:
        if list(record["features"]) != list(features):
            raise ValueError("the scorer was trained on other features: run scripts/train_summary.py")
        arrays = (np.array(record[key], dtype=np.float64) for key in ("means", "scales", "weights"))
        return cls(*arrays, float(record["redundancy"]), features)


@cache
def default_scorer() -> SentenceScorer:
    return SentenceScorer.from_record(shipped_record(SCORER_PATH))


def shipped_record(path: tuple[str, ...]) -> dict:
    """A JSON record of the package's data (learned weights)."""
    return json.loads((resources.files("nato_digest") / "/".join(path)).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class NewsSummarizer:
    """Learned sentence scores for news, redundancy-blocked, every sentence able to stand alone.

    Scores come from ``scorer`` (the shipped ``SentenceScorer`` unless given) over
    ``sentence_features``; terms are weighted by ``statistics``: the shipped background alone, or
    with the corpus at hand (``for_corpus``). Sentences that cannot stand alone (see
    ``stands_alone``) are never chosen, so a short article may get a shorter summary.
    """

    name: str = "news"
    scorer: SentenceScorer | None = None
    statistics: TermStatistics | None = None

    def for_corpus(self, statistics: TermStatistics) -> NewsSummarizer:
        return replace(self, statistics=statistics)

    def scores(self, document: Document, pool: Sequence[Sentence]) -> tuple[np.ndarray, TermRows]:
        """Scores and the sentences' TF-IDF vectors."""
        features, vectors = sentence_features(document, pool, self.statistics or background_statistics())
        return (self.scorer or default_scorer())(features), vectors

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        pool = whole_quotations(document)
        if not pool:
            return ()
        scores, vectors = self.scores(document, pool)
        return choose(pool, scores, vectors, *_length(sentences, words), (self.scorer or default_scorer()).redundancy)


def choose(
    pool: Sequence[Sentence], scores: np.ndarray, vectors: np.ndarray | TermRows, count: int | None, words: int | None, redundancy: float
) -> tuple[Extract, ...]:
    """The best-scored sentences that stand alone, a pronoun opener only after its predecessor."""
    return _select(
        pool, scores, vectors, count, words, redundancy=redundancy,
        eligible=lambda i: stands_alone(pool[i].text), follows=lambda i: follows_on(pool[i].text),
    )  # fmt: skip


_WEB_FURNITURE = re.compile(
    # the look-ahead for the phrases' first characters lets the engine skip most positions
    r"\b(?=[abceghilnprstwy(©])(?:tweet with a location|location information to your tweets|tweet location history|switch location on/off"
    r"|story continued below|autoplay|enable javascript|your browser does not support|learn more$"
    r"|wayback machine|internet archive|no more 404|photo credit|photograph:|image copyright|image caption"
    r"|buy photo|\(photo:|when the video has been rented|this video is (?:unavailable|no longer available)"
    r"|breaking news emails|get breaking news alerts|(?:request|capture|enter) (?:your|any) e-?mail address|all rights reserved|©"
    r"|these crawls|broken links on the web|slash pages from every domain|inter-domain link|take our poll|thank you for your interest in"
    r"|this feature is not available|pic\.twitter\.com|https?://"
    # a link's label at the end: "… Read more"
    r"|read more\s*$)"
    # an embedded tweet's signature: "— Name (@handle) June 21, 2015"
    r"|\(@\w+\)\s+\w+\.? \d{1,2}, \d{4}\W*$"
    r"|\((?:ap|afp|reuters|getty|epa|associated press)(?: photo| images)?[^)]*\)$",
    re.IGNORECASE,
)
_WEB_LABEL = re.compile(
    # what opens a line (matched at its start only): a link or widget label: "Related: …", "WATCH: …", "[Updated at …", "Email This"
    r"(?:related(?: \w+)?|also read|see also|watch|video|more)\s*:|read more\b|\[?updated\b|email this\b"
    r"|\(?copyright\b|watch\b.*\b(?:above|below)\W*$|video\s*\(\d|(?:further reading|story highlights)\b"
    r"|\((?:follow|(?:additional )?reporting by|editing by|writing by)\b"
    # a quoted list item or a reply: "> Occupation: …", "* Findings need …", "@handle …", "#82 on …" (a dash opens news lists too)
    r"|[>•*@]|#\d"
    # a photo's caption or credit: "In this Oct. 27, 2012 file photo, …", "| Name/AP …"
    r"|(?:file\s*[-–—:]\s*)?in this\b.{0,60}?\b(?:photo|image|picture)\b|\|",
    re.IGNORECASE,
)
_PAGE_LABEL = re.compile(
    r"^(?:CLOSE|ADVERTISEMENT)\s|^(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*\s*/\s*(?:AP|AFP|EPA|Getty|Reuters|Bloomberg|[A-Z]\w+ Images)\b"
)
"""Case matters here: a video player's "CLOSE" label, and a photo credit "Mike Coppola/Getty" before the caption."""
_FURNITURE = _CaseFolding.of(_CAPTION, _WEB_LABEL, _WEB_FURNITURE)
_PRONOUN_OPENERS = frozenset("he she it they his her its their him them".split())


def _unbalanced_quote(text: str) -> bool:
    """A quotation opened or closed outside the sentence: `…the Turkish government, “- said …`."""
    curly = text.count("“") + text.count("”")
    return text.count('"') % 2 == 1 or (curly % 2 == 1) or text.count("”") > text.count("“")


def _first_word(text: str) -> str:
    words = text.split(maxsplit=1)  # the first word only: splitting all of them cost twice as much
    return words[0].strip("“\"‘'(").lower() if words else ""


def points_back(text: str) -> bool:
    """An opening ("He", "But", "This") that points back to what came before."""
    return _first_word(text) in _DANGLING


_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they)\s+(?:said|says|added|adds|told|tells|asked)\b|\b(?:said|says|added|asked)\s+(?:he|she)\b", re.I)
_SAID = _CaseFolding.of(_SPEECH)
_PRONOUN_SAID = _CaseFolding.of(_PRONOUN_SPEAKER)
_SPEAKERS = (_SAID, _PRONOUN_SAID)
"""The speech patterns asked of a sentence's words outside its quotations."""


def _unquoted_match(speaker: _CaseFolding, text: str) -> bool:
    """Whether one of ``_SPEAKERS`` matches outside the quotations of ``text``."""
    folded, (pattern,) = speaker(_QUOTED.sub(" ", text))
    return bool(pattern.search(folded))


@lru_cache(maxsize=65536)
def follows_on(text: str) -> bool:
    """A personal pronoun first ("He …") or as the speaker ("“…,” he said"): the sentence reads
    only after the one before it, which names the antecedent. (A connective such as "But" is a
    learned feature, ``points_back``.) Remembered, as ``stands_alone``: a document's summary and
    its digest candidates ask about the same sentences."""
    return _first_word(text) in _PRONOUN_OPENERS or _unquoted_match(_PRONOUN_SAID, text)


_CONTRASTS = frozenset("but however yet instead".split())


def needs_context(text: str) -> bool:
    """Whether a sentence cannot open a line of its own, as in a digest where the line before is
    another article's: it ``follows_on`` or opens with a contrast ("But …")."""
    return follows_on(text) or _first_word(text) in _CONTRASTS


def is_furniture(text: str) -> bool:
    """Page furniture that a summary or digest never takes: captions, "Scroll down for video",
    sign-up blocks, photo credits, embedded-tweet and web-archive notices."""
    stripped = text.strip()
    folded, (caption, label, furniture) = _FURNITURE(stripped)
    return bool(caption.search(folded) or label.match(folded) or furniture.search(folded) or _PAGE_LABEL.search(stripped))


@lru_cache(maxsize=65536)
def stands_alone(text: str) -> bool:
    """Whether a sentence can be read with nothing around it: not furniture, no quotation mark
    left dangling, and a quotation of more than a few words only with its attribution."""
    if is_furniture(text) or _unbalanced_quote(text):
        return False
    quoted = " ".join(m.group() for m in _QUOTED.finditer(text))
    opens_quote = text.strip()[:1] in "“\"‘'"
    if len(quoted.split()) > 4 or opens_quote:
        return _unquoted_match(_SAID, text)
    return True


SUMMARIZERS: dict[str, Summarizer] = {
    s.name: s for s in (NewsSummarizer(), LeadSummarizer(), TextRankSummarizer(), LexRankSummarizer())
}
DEFAULT_METHOD = "news"
