"""Extractive summaries: one small class per method behind one interface, as in sumy.

Every summarizer maps a document and a length to extracts in document order. The default,
``NewsSummarizer``, scores sentences by position (news puts the essential first), directed
centrality over TF-IDF similarity (PacSum: being echoed by later sentences counts more than echoing
earlier ones), overlap with the headline, and penalties for sentences that cannot stand alone; then
it picks greedily while blocking redundant sentences.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
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
_stemmer = PorterStemmer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stem(word)


def terms(text: str) -> list[str]:
    """Content-word stems of a sentence."""
    return [stem(w) for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in STOPWORDS and len(w) > 1]


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

    def idf(self, term: str) -> float:
        return math.log((1 + self.documents) / (1 + self.frequencies.get(term, 0.0))) + 1

    def including(self, texts: Iterable[str]) -> TermStatistics:
        """These statistics plus the articles ``texts``."""
        counts: Counter = Counter()
        documents = 0
        for text in texts:
            counts.update(set(terms(text)))
            documents += 1
        frequencies = dict(self.frequencies)
        for term, count in counts.items():
            frequencies[term] = frequencies.get(term, 0.0) + count
        return TermStatistics(frequencies, self.documents + documents)


@cache
def background_statistics() -> TermStatistics:
    resource = resources.files("nato_digest") / "/".join(TERM_STATISTICS_PATH)
    with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
        rows = [line.rstrip("\n").split("\t") for line in stream]
    documents = float(rows[0][1])
    scale = BACKGROUND_DOCUMENTS / documents
    return TermStatistics({stem: int(count) * scale for stem, count in rows[1:]}, BACKGROUND_DOCUMENTS)


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


def tfidf_matrix(texts: Sequence[str], statistics: TermStatistics | None = None) -> np.ndarray:
    """L2-normalised TF-IDF rows; IDF from ``statistics`` when given, else from the texts themselves."""
    bags = [Counter(terms(t)) for t in texts]
    if statistics is None:
        statistics = TermStatistics(Counter(term for bag in bags for term in bag), len(bags))
    vocabulary = {term: i for i, term in enumerate(sorted({t for bag in bags for t in bag}))}
    matrix = np.zeros((len(bags), max(1, len(vocabulary))), dtype=np.float64)
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            matrix[row, vocabulary[term]] = (1 + math.log(count)) * statistics.idf(term)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _select(
    sentences: Sequence[Sentence], scores: np.ndarray, vectors: np.ndarray | None, count: int | None, words: int | None,
    redundancy: float = 0.5,
) -> tuple[Extract, ...]:
    """Greedy pick by score, skipping a sentence too similar (cosine of the L2-normalised
    ``vectors``; no check without them) to one already chosen; in document order."""
    chosen: list[int] = []
    budget = words
    for i in np.argsort(-scores, kind="stable"):
        if count is not None and len(chosen) >= count:
            break
        if vectors is not None and chosen and float((vectors[chosen] @ vectors[i]).max()) > redundancy:
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
    """PageRank over a sentence graph built from TF-IDF cosine similarity."""
    pool = candidates(document)
    if not pool:
        return ()
    vectors = tfidf_matrix([s.text for s in pool])
    similarity = vectors @ vectors.T
    weights = graph(similarity)
    np.fill_diagonal(weights, 0.0)
    return _select(pool, _pagerank(weights, damping), vectors, *_length(sentences, words))


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


@dataclass(frozen=True)
class NewsSummarizer:
    """Lead-aware scoring for news, redundancy-blocked.

    A sentence's score: its position (each earlier rank is worth ``1 / position_slope``), minus a
    penalty for length beyond ``length_cap`` words (long sentences cost ROUGE precision and
    reader time), plus directed centrality (similarity to the sentences after it, PacSum) and
    overlap with the headline, minus penalties for sentences that do not stand alone: fragments,
    captions, pure quotes, questions, a dangling pronoun or connective. Terms are weighted by
    ``statistics``: the shipped background alone, or with the corpus at hand (``for_corpus``).
    Tuned on CNN/Daily Mail against Lead-3 and checked on BBC News Summary (see MODEL_CARD.md).
    """

    name: str = "news"
    position_slope: float = 3.0
    length_cap: int = 25
    length_weight: float = 1.0
    centrality_weight: float = 0.25
    headline_weight: float = 0.3
    redundancy: float = 0.6
    statistics: TermStatistics | None = None

    def for_corpus(self, statistics: TermStatistics) -> NewsSummarizer:
        return replace(self, statistics=statistics)

    def scores(self, document: Document, pool: Sequence[Sentence]) -> tuple[np.ndarray, np.ndarray]:
        """Scores and the sentences' TF-IDF vectors; linear in the number of sentences."""
        headline = document.headline.text if document.headline else (document.article.title or "")
        vectors = tfidf_matrix([*(s.text for s in pool), headline], self.statistics or background_statistics())
        sentence_vectors, headline_vector = vectors[:-1], vectors[-1]
        after = np.cumsum(sentence_vectors[::-1], axis=0)[::-1] - sentence_vectors  # Σ of later vectors
        centrality = np.einsum("ij,ij->i", sentence_vectors, after)
        if centrality.max() > 0:
            centrality = centrality / centrality.max()
        lengths = np.array([len(s.text.split()) for s in pool], dtype=np.float64)
        scores = (
            -np.arange(len(pool)) / self.position_slope
            - self.length_weight * np.maximum(0.0, lengths - self.length_cap) / self.length_cap
            + self.centrality_weight * centrality
            + self.headline_weight * (sentence_vectors @ headline_vector)
            - np.array([stand_alone_penalty(s.text) for s in pool])
        )
        return scores, sentence_vectors

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        pool = candidates(document)
        if not pool:
            return ()
        scores, vectors = self.scores(document, pool)
        return _select(pool, scores, vectors, *_length(sentences, words), redundancy=self.redundancy)


_CAPTION = re.compile(
    r"\((?:pictured|left|right|centre|center|above|below|top|bottom|inset|file)[^)]*\)"
    r"|\b(?:scroll down|click here|for video|published:|updated:|daily mail reporter|getty images|sign up|subscribe)\b",
    re.IGNORECASE,
)


def _unbalanced_quote(text: str) -> bool:
    """A quotation opened or closed outside the sentence: `…the Turkish government, “- said …`."""
    curly = text.count("“") + text.count("”")
    return text.count('"') % 2 == 1 or (curly % 2 == 1) or text.count("”") > text.count("“")


def stand_alone_penalty(text: str) -> float:
    """How badly a sentence would read alone in a digest: a fragment, a caption, a bare quote,
    a question, or an opening that points back ("He", "But")."""
    words = text.split()
    first = words[0].strip("“\"‘'(").lower() if words else ""
    stripped = text.strip()
    penalty = 0.0
    if len(words) < 8:
        penalty += 1.0
    if _CAPTION.search(text):
        penalty += 1.0
    opens_quote = stripped[:1] in "“\"‘'"
    if opens_quote or _unbalanced_quote(stripped):
        penalty += 0.5  # speech, or part of a quotation that needs the sentence around it
    if opens_quote and stripped[-1:] in "”\"’'":
        penalty += 0.5  # nothing but the quotation: no one says it
    if stripped.rstrip("”\"’' ").endswith("?"):
        penalty += 0.5
    if first in _DANGLING:
        penalty += 0.3
    return penalty


SUMMARIZERS: dict[str, Summarizer] = {
    s.name: s for s in (NewsSummarizer(), LeadSummarizer(), TextRankSummarizer(), LexRankSummarizer())
}
DEFAULT_METHOD = "news"
