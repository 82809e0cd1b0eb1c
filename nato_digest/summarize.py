"""Extractive summaries: one small class per method behind one interface, as in sumy.

Every summarizer maps a document and a length to extracts in document order. The default,
``NewsSummarizer``, scores sentences by position (news puts the essential first), directed
centrality over TF-IDF similarity (PacSum: being echoed by later sentences counts more than echoing
earlier ones), overlap with the headline, and penalties for sentences that cannot stand alone; then
it picks greedily while blocking redundant sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
from nltk.stem.porter import PorterStemmer

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


class Summarizer(Protocol):
    name: str

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        """Extracts in document order: ``sentences`` of them, or as many as fit in ``words``."""
        ...


def candidates(document: Document) -> list[Sentence]:
    """The sentences a summary may use: body sentences, not the headline."""
    return [s for s in document.sentences if s is not document.headline]


def tfidf_matrix(texts: Sequence[str], document_frequency: Counter | None = None, documents: int = 0) -> np.ndarray:
    """L2-normalised TF-IDF rows; IDF from the corpus when given, else from the sentences."""
    bags = [Counter(terms(t)) for t in texts]
    if document_frequency is None:
        document_frequency = Counter(term for bag in bags for term in bag)
        documents = len(bags)
    vocabulary = {term: i for i, term in enumerate(sorted({t for bag in bags for t in bag}))}
    matrix = np.zeros((len(bags), max(1, len(vocabulary))), dtype=np.float64)
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            idf = math.log((1 + documents) / (1 + document_frequency.get(term, 0))) + 1
            matrix[row, vocabulary[term]] = (1 + math.log(count)) * idf
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
class LeadSummarizer:
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
class TextRankSummarizer:
    """PageRank over weighted sentence similarity (Mihalcea & Tarau 2004)."""

    name: str = "textrank"
    damping: float = 0.85

    def __call__(self, document: Document, sentences: int | None = None, words: int | None = None) -> tuple[Extract, ...]:
        return _graph_summary(document, sentences, words, lambda similarity: similarity.copy(), self.damping)


@dataclass(frozen=True)
class LexRankSummarizer:
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
    captions, pure quotes, questions, a dangling pronoun or connective. Tuned on CNN/Daily Mail
    against Lead-3 and checked on BBC News Summary (see MODEL_CARD.md).
    """

    name: str = "news"
    position_slope: float = 3.0
    length_cap: int = 25
    length_weight: float = 1.0
    centrality_weight: float = 0.1
    headline_weight: float = 0.3
    redundancy: float = 0.5

    def scores(self, document: Document, pool: Sequence[Sentence]) -> tuple[np.ndarray, np.ndarray]:
        """Scores and the sentences' TF-IDF vectors; linear in the number of sentences."""
        headline = document.headline.text if document.headline else (document.article.title or "")
        vectors = tfidf_matrix([*(s.text for s in pool), headline])
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
    if stripped[:1] in "“\"‘'" or _unbalanced_quote(stripped):
        penalty += 0.5  # speech, or part of a quotation that needs the sentence around it
    if stripped.rstrip("”\"’' ").endswith("?"):
        penalty += 0.5
    if first in _DANGLING:
        penalty += 0.3
    return penalty


SUMMARIZERS: dict[str, Summarizer] = {
    s.name: s for s in (NewsSummarizer(), LeadSummarizer(), TextRankSummarizer(), LexRankSummarizer())
}
DEFAULT_METHOD = "news"
