"""Named-entity mentions (PER, ORG, LOC, MISC) from an averaged-perceptron sequence tagger.

The tagger is first-order: emission scores are sums of feature weights (numpy, a whole sentence at
once), and Viterbi decoding over BIO labels adds label-transition weights. It is trained on
CoNLL-2003 by ``scripts/train_ner.py``; the weights ship as gzipped TSV (see MODEL_CARD.md).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

import numpy as np

from .gazetteers import country_table, organisation_table, title_table
from .model import Document, Mention

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"', "—": "--", "–": "-"})


# ---------------------------------------------------------------------------------------------
# Features


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
    """What the rest of the article says about a word: seen capitalised mid-sentence, or lower case."""

    capitalised: frozenset[str]
    lowercase: frozenset[str]

    @classmethod
    def of(cls, sentences: Iterable[Sequence[str]]) -> DocumentContext:
        capitalised, lowercase = set(), set()
        for words in sentences:
            shouting = _all_caps(words)
            for i, word in enumerate(words):
                if i == 0 or shouting or not word[:1].isalpha():
                    continue
                (capitalised if word[0].isupper() else lowercase).add(word.lower())
        return cls(frozenset(capitalised), frozenset(lowercase))


def _all_caps(words: Sequence[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    return len(letters) >= 3 and all(w.isupper() for w in letters)


def _gazetteer_tags(words: Sequence[str]) -> list[list[str]]:
    tags: list[list[str]] = [[] for _ in words]
    for table, name in ((country_table(), "cty"), (organisation_table(), "org"), (title_table(), "ttl")):
        for match in table.matches(words):
            kind = match.value[1] if name == "cty" else name
            for i in range(match.start, match.end):
                tags[i].append(f"{kind}:{'B' if i == match.start else 'I'}")
    return tags


def sentence_features(words: Sequence[str], context: DocumentContext) -> list[list[str]]:
    """The feature strings of every token of a sentence."""
    words = [w.translate(_QUOTE_MAP) for w in words]
    lower = [w.lower() for w in words]
    shapes = [word_shape(w) for w in words]
    gaz = _gazetteer_tags(words)
    shouting = _all_caps(words)
    n = len(words)

    def at(seq: Sequence[str], i: int) -> str:
        return seq[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    features = []
    for i, word in enumerate(words):
        low = lower[i]
        f = [
            "b",
            "w=" + word,
            "l=" + low,
            "s=" + shapes[i],
            "p3=" + low[:3],
            "x2=" + low[-2:],
            "x3=" + low[-3:],
            "x4=" + low[-4:],
            "l-1=" + at(lower, i - 1),
            "l+1=" + at(lower, i + 1),
            "l-2=" + at(lower, i - 2),
            "l+2=" + at(lower, i + 2),
            "s-1=" + at(shapes, i - 1),
            "s+1=" + at(shapes, i + 1),
            "s3=" + at(shapes, i - 1) + "|" + shapes[i] + "|" + at(shapes, i + 1),
            "b-=" + at(lower, i - 1) + "|" + low,
            "b+=" + low + "|" + at(lower, i + 1),
            "w-1=" + at(words, i - 1),
            "w+1=" + at(words, i + 1),
        ]
        if len(word) > 1 and word.isupper():
            f.append("caps-len=" + str(min(len(word), 5)))
        if i == 0:
            f.append("first")
            f.append("first-s=" + shapes[i])
        if shouting:
            f.append("shout")
            f.append("shout-l=" + low)
        if (i == 0 or shouting) and word[:1].isupper():
            f.append("doc-cap=" + str(low in context.capitalised) + str(low in context.lowercase))
        for tag in gaz[i]:
            f.append("g=" + tag)
        for tag in gaz[i - 1] if i > 0 else ():
            f.append("g-1=" + tag)
        for tag in gaz[i + 1] if i + 1 < n else ():
            f.append("g+1=" + tag)
        features.append(f)
    return features


# ---------------------------------------------------------------------------------------------
# Model


def viterbi(emission: np.ndarray, transition: np.ndarray, start: np.ndarray) -> list[int]:
    """Best label sequence for per-token ``emission`` scores (n × L) under first-order weights."""
    n = emission.shape[0]
    score = start + emission[0]
    back = np.zeros((n, emission.shape[1]), dtype=np.int32)
    for i in range(1, n):
        total = score[:, None] + transition
        back[i] = total.argmax(axis=0)
        score = total.max(axis=0) + emission[i]
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def _forbidden_transitions() -> tuple[np.ndarray, np.ndarray]:
    """BIO constraints as -inf: I-X only after B-X or I-X."""
    size = len(LABELS)
    transition = np.zeros((size, size), dtype=np.float32)
    start = np.zeros(size, dtype=np.float32)
    for j, label in enumerate(LABELS):
        if label.startswith("I-"):
            start[j] = -np.inf
            for i, previous in enumerate(LABELS):
                if previous[2:] != label[2:]:
                    transition[i, j] = -np.inf
    return transition, start


@dataclass
class TaggerModel:
    """Feature index, emission weights (features × labels) and transition weights."""

    index: dict[str, int]
    emission: np.ndarray
    transition: np.ndarray
    start: np.ndarray

    def scores(self, features: list[list[str]]) -> np.ndarray:
        get = self.index.get
        rows = [[r for r in map(get, f) if r is not None] for f in features]
        offsets = np.cumsum([0] + [len(r) for r in rows[:-1]])
        flat = np.fromiter((r for row in rows for r in row), dtype=np.int64)
        if flat.size == 0:
            return np.zeros((len(features), len(LABELS)), dtype=np.float32)
        sums = np.add.reduceat(self.emission[flat], offsets, axis=0)
        empty = [i for i, r in enumerate(rows) if not r]
        sums[empty] = 0.0
        return sums

    def tag(self, features: list[list[str]]) -> list[str]:
        if not features:
            return []
        constraint_t, constraint_s = _forbidden_transitions_cached()
        best = viterbi(self.scores(features), self.transition + constraint_t, self.start + constraint_s)
        return [LABELS[j] for j in best]

    def save(self, path: Path) -> None:
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write("#labels\t" + " ".join(LABELS) + "\n")
            out.write("#transition\t" + " ".join(f"{v:.4g}" for v in self.transition.ravel()) + "\n")
            out.write("#start\t" + " ".join(f"{v:.4g}" for v in self.start) + "\n")
            for feature, row in sorted(self.index.items(), key=lambda item: item[1]):
                out.write(feature + "\t" + " ".join(f"{v:.4g}" for v in self.emission[row]) + "\n")

    @classmethod
    def read(cls, stream: IO[str]) -> TaggerModel:
        index: dict[str, int] = {}
        rows: list[list[float]] = []
        transition = start = None
        for line in stream:
            key, _, values = line.rstrip("\n").rpartition("\t")
            if key == "#labels":
                if tuple(values.split()) != LABELS:
                    raise ValueError("model labels differ from this version's")
            elif key == "#transition":
                transition = np.array(values.split(), dtype=np.float32).reshape(len(LABELS), len(LABELS))
            elif key == "#start":
                start = np.array(values.split(), dtype=np.float32)
            else:
                index[key] = len(rows)
                rows.append(values.split())
        if transition is None or start is None:
            raise ValueError("model file lacks transition weights")
        return cls(index, np.array(rows, dtype=np.float32), transition, start)


@cache
def _forbidden_transitions_cached() -> tuple[np.ndarray, np.ndarray]:
    return _forbidden_transitions()


MODEL_PATH = ("data", "ner", "conll2003.tsv.gz")


@cache
def default_model() -> TaggerModel:
    resource = resources.files("nato_digest") / "/".join(MODEL_PATH)
    with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
        return TaggerModel.read(stream)


# ---------------------------------------------------------------------------------------------
# Recognizer

_SPAN_CLEAN = re.compile(r"^[\"'“”‘’(\[]+|[\"'“”‘’)\],:;]+$")


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, type) of every BIO chunk."""
    spans = []
    begin, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        if begin >= 0 and not (label.startswith("I-") and label[2:] == kind):
            spans.append((begin, i, kind))
            begin = -1
        if label.startswith("B-") or (label.startswith("I-") and begin < 0):
            begin, kind = i, label[2:]
    return spans


class EntityRecognizer:
    """Document → named-entity mentions, with offsets into the article text."""

    def __init__(self, model: TaggerModel | None = None):
        self.model = model or default_model()

    def __call__(self, document: Document) -> tuple[Mention, ...]:
        words = [[t.text for t in s.tokens] for s in document.sentences]
        context = DocumentContext.of(words)
        text = document.text
        mentions = []
        for number, (sentence, sentence_words) in enumerate(zip(document.sentences, words)):
            labels = self.model.tag(sentence_features(sentence_words, context))
            for first, end, kind in spans_from_labels(labels):
                start, stop = sentence.tokens[first].start, sentence.tokens[end - 1].end
                span_text = text[start:stop]
                cleaned = _SPAN_CLEAN.sub("", span_text)
                if not cleaned:
                    continue
                start += span_text.index(cleaned)
                stop = start + len(cleaned)
                mentions.append(Mention(start, stop, cleaned, kind, sentence=number))  # type: ignore[arg-type]
        return tuple(mentions)


@cache
def default_recognizer() -> EntityRecognizer:
    return EntityRecognizer()
