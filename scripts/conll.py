"""Read CoNLL-2003 files and score entity spans the way conlleval does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    labels: tuple[str, ...]  # BIO


def to_bio(tags: Sequence[str]) -> list[str]:
    """IOB1 (I-X throughout, B-X only between two adjacent X) → BIO."""
    out = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        previous = tag
    return out


def read_documents(path: Path) -> Iterator[list[Sentence]]:
    """Documents (split at -DOCSTART-) of sentences, labels in BIO."""
    document: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            document.append(Sentence(tuple(words), tuple(to_bio(tags))))
            words.clear()
            tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            if document:
                yield document
            document = []
            continue
        if not line.strip():
            flush()
            continue
        columns = line.split()
        words.append(columns[0])
        tags.append(columns[-1])
    flush()
    if document:
        yield document


def chunks(labels: Sequence[str]) -> set[tuple[int, int, str]]:
    from nato_digest.entities import spans_from_labels

    return set(spans_from_labels(labels))


@dataclass
class SpanScore:
    true_positives: Counter
    predicted: Counter
    gold: Counter

    @classmethod
    def empty(cls) -> SpanScore:
        return cls(Counter(), Counter(), Counter())

    def add(self, gold: Sequence[str], predicted: Sequence[str]) -> None:
        self.add_spans(chunks(gold), chunks(predicted))

    def add_spans(self, g: set[tuple[int, int, str]], p: set[tuple[int, int, str]]) -> None:
        """Score (start, end, type) spans: tokens or characters alike."""
        for span in g:
            self.gold[span[2]] += 1
        for span in p:
            self.predicted[span[2]] += 1
        for span in g & p:
            self.true_positives[span[2]] += 1

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        tp = self.true_positives[kind] if kind else sum(self.true_positives.values())
        pred = self.predicted[kind] if kind else sum(self.predicted.values())
        gold = self.gold[kind] if kind else sum(self.gold.values())
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1
