"""Train the shipped named-entity tagger on CoNLL-2003.

    python scripts/train_ner.py [--data ../shared/data] [--epochs 12] [--dropout 0.3]

An averaged structured perceptron over the features of nato_digest.entities (Collins 2002), BILOU
labels, Viterbi decoding. Trains on eng.train; in every pass each token loses its word-identity
features (IDENTITY_PREFIXES) with probability ``--dropout``, so that shape, frequency, gazetteer
and cluster features carry weight of their own for the names 1996 news never printed. After each
epoch it scores entity F1 on eng.testa (1996) and on the given half of CoNLL++ 2023 (2020) and
keeps the epoch with the best mean of the two. It trains once per seed of ``--seeds`` and averages
the runs' weights, prunes near-zero features and writes nato_digest/data/ner/conll2003.tsv.gz.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nato_digest.entities import (  # noqa: E402
    IDENTITY_PREFIXES,
    LABELS,
    MODEL_PATH,
    TITLE_CASE_LOWER,
    DocumentContext,
    SentenceView,
    TaggerModel,
    _forbidden_transitions,
    sentence_features,
    to_bilou,
    viterbi,
)
from scripts.conll import Sentence, SpanScore, read_documents  # noqa: E402

LABEL_ID = {label: i for i, label in enumerate(LABELS)}
FEATURE_GROUPS = {
    "frequency": r"zfc?=",
    "names": r"(gn|sn)([-+]\d)?$|name-pair",
    "places": r"pl([-+]\d)?$|g([-+]1)?=pl:",
    "clusters": r"c(\d+|[-+]\d)?=",
    "calendar": r"cal([-+]\d)?$",
    "document": r"doc-cap=|agg|run=|pro=",
    "runs": r"run=",
    "pronouns": r"pro=",
    "misc-words": r"mw([-+]\d)?$",
}
"""Feature groups by the pattern their names start with (entities.py), for ``--without``."""


def title_cased(sentence: Sentence) -> Sentence:
    """The sentence as a Title Case headline: every word but the function words capitalised, no
    closing full stop. CoNLL-2003 has all-caps headlines but hardly any in Title Case, which
    today's sites print ("Elizabeth Warren Hammers Wells Fargo")."""
    words, labels = list(sentence.words), list(sentence.labels)
    if words and words[-1] == ".":
        words, labels = words[:-1], labels[:-1]
    words = [w if w in TITLE_CASE_LOWER or not w[:1].isalpha() else w[0].upper() + w[1:] for w in words]
    return Sentence(tuple(words), tuple(labels))


def upper_cased(sentence: Sentence) -> Sentence:
    """The sentence in capitals, as captions and bylines print names ("AVRIL HAINES, director of
    national intelligence"): CoNLL-2003's capitals are nearly all sports headlines, where every
    name is a team or a country."""
    return Sentence(tuple(w.upper() for w in sentence.words), sentence.labels)


def featurise(path: Path, title_case: float = 0.0, capitals: float = 0.0) -> list[tuple[list[list[str]], list[int]]]:
    """Feature strings and label ids of every sentence; with ``title_case`` (``capitals``), that
    share of the sentences of several words is added again as a Title Case headline (in capitals)."""
    data = []
    variants = [(title_cased, title_case, random.Random(7)), (upper_cased, capitals, random.Random(11))]
    for document in read_documents(path):
        views = [SentenceView.of(s.words) for s in document]
        context = DocumentContext.of(views)
        for sentence, view in zip(document, views):
            copies = [(sentence, view)]
            for transform, share, chance in variants:
                if share and len(sentence.words) > 4 and chance.random() < share:
                    variant = transform(sentence)
                    copies.append((variant, SentenceView.of(variant.words)))
            for copy, copy_view in copies:
                labels = to_bilou(copy.labels)
                data.append((sentence_features(copy_view, context), [LABEL_ID[label] for label in labels]))
    return data


class Trainer:
    """Averaged perceptron with the lazy-averaging trick: w_avg = w - u / c."""

    def __init__(self, index: dict[str, int]):
        size = len(LABELS)
        self.index = index
        self.w = np.zeros((len(index), size), dtype=np.float32)
        self.u = np.zeros_like(self.w)
        self.t = np.zeros((size, size), dtype=np.float32)
        self.tu = np.zeros_like(self.t)
        self.s = np.zeros(size, dtype=np.float32)
        self.su = np.zeros_like(self.s)
        self.c = 1.0
        self.constraint_t, self.constraint_s, self.constraint_e = _forbidden_transitions()

    def rows(self, features: list[list[str]]) -> list[np.ndarray]:
        return [np.array([self.index[f] for f in token if f in self.index], dtype=np.int64) for token in features]

    def decode(self, rows: list[np.ndarray], w, t, s) -> list[int]:
        emission = np.stack([w[r].sum(axis=0) for r in rows])
        return viterbi(emission, t + self.constraint_t, s + self.constraint_s, self.constraint_e)

    def update(self, rows: list[np.ndarray], gold: list[int]) -> None:
        predicted = self.decode(rows, self.w, self.t, self.s)
        if predicted != gold:
            for i, (g, p) in enumerate(zip(gold, predicted)):
                if g != p:
                    self.w[rows[i], g] += 1
                    self.w[rows[i], p] -= 1
                    self.u[rows[i], g] += self.c
                    self.u[rows[i], p] -= self.c
            for sequence, sign in ((gold, 1), (predicted, -1)):
                self.s[sequence[0]] += sign
                self.su[sequence[0]] += sign * self.c
                for a, b in zip(sequence, sequence[1:]):
                    self.t[a, b] += sign
                    self.tu[a, b] += sign * self.c
        self.c += 1

    def averaged(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.w - self.u / self.c, self.t - self.tu / self.c, self.s - self.su / self.c


def evaluate(trainer: Trainer, data, weights) -> SpanScore:
    score = SpanScore.empty()
    for features, gold in data:
        predicted = trainer.decode(trainer.rows(features), *weights)
        score.add([LABELS[g] for g in gold], [LABELS[p] for p in predicted])
    return score


def prune(index: dict[str, int], weights: np.ndarray, threshold: float) -> tuple[dict[str, int], np.ndarray]:
    keep = np.abs(weights).max(axis=1) >= threshold
    kept = {}
    rows = []
    for feature, row in index.items():
        if keep[row]:
            kept[feature] = len(rows)
            rows.append(row)
    return kept, weights[rows]


def fit(train, devs, args) -> tuple[Trainer, tuple[np.ndarray, np.ndarray, np.ndarray], float]:
    """A tagger trained on ``train`` once per seed of ``args.seeds``, and the mean over the seeds
    of the averaged weights of each run's epoch with the best mean F1 over ``devs``: runs differ
    by about 0.5 F1 on the 2020 half, and their mean is steadier than any one of them."""
    runs = [fit_one(train, devs, args, seed) for seed in args.seeds]
    trainer = runs[0][0]
    weights = tuple(np.mean([run[1][k] for run in runs], axis=0) for k in range(3))
    if len(runs) == 1:
        return runs[0]
    scores = {name: evaluate(trainer, dev, weights).prf()[2] for name, dev in devs.items()}
    print("mean of the runs: " + ", ".join(f"{name} F1 {100 * v:.2f}" for name, v in scores.items()), flush=True)
    return trainer, weights, sum(scores.values()) / len(scores)


def fit_one(train, devs, args, seed: int) -> tuple[Trainer, tuple[np.ndarray, np.ndarray, np.ndarray], float]:
    """A tagger trained on ``train`` for ``args.epochs`` passes, shuffled and dropped out by
    ``seed``, and the averaged weights of the epoch with the best mean F1 over ``devs``."""
    began = time.time()
    index: dict[str, int] = {}
    for features, _ in train:
        for token in features:
            for feature in token:
                index.setdefault(feature, len(index))
    print(f"{len(train)} sentences, {len(index)} features", flush=True)
    trainer = Trainer(index)
    train_rows = [(trainer.rows(f), gold) for f, gold in train]
    identity = np.array([f.startswith(IDENTITY_PREFIXES) for f in index], dtype=bool)
    best = (-1.0, None)
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(train_rows)
        for rows, gold in train_rows:
            if args.dropout:
                rows = [r[~(identity[r] & (noise.random(len(r)) < args.dropout))] for r in rows]
            trainer.update(rows, gold)
        weights = trainer.averaged()
        scores = {name: evaluate(trainer, dev, weights).prf()[2] for name, dev in devs.items()}
        f1 = sum(scores.values()) / len(scores)
        shown = ", ".join(f"{name} F1 {100 * v:.2f}" for name, v in scores.items())
        print(f"epoch {epoch}: {shown} ({time.time() - began:.0f}s)", flush=True)
        if f1 > best[0]:
            best = (f1, tuple(w.copy() for w in weights))
    return trainer, best[1], best[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--prune", type=float, default=0.05)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--title-case", type=float, default=0.1, help="share of training sentences added in Title Case")
    parser.add_argument("--capitals", type=float, default=0.05, help="share of training sentences added in capitals")
    parser.add_argument("--without", default="", help="comma-separated feature groups to leave out, for ablations: " + ", ".join(FEATURE_GROUPS))
    parser.add_argument("--seeds", type=lambda text: [int(v) for v in text.split(",")], default=[13, 1, 2, 3], help="comma-separated seeds of the shuffling and dropout: one run each, their weights averaged")
    parser.add_argument("--out", type=Path, default=ROOT.joinpath("nato_digest", *MODEL_PATH))
    args = parser.parse_args()
    conll = args.data / "ner" / "conll2003"
    train = featurise(conll / "eng.train", args.title_case, args.capitals)
    devs = {"testa": featurise(conll / "eng.testa"), "2020": featurise(args.data / "ner" / "conllpp2023" / "dev.txt")}
    if args.without:
        left_out = re.compile("|".join(FEATURE_GROUPS[g] for g in args.without.split(",")))
        train, *dev_sets = ([([[f for f in token if not left_out.match(f)] for token in x], y) for x, y in data] for data in (train, *devs.values()))
        devs = dict(zip(devs, dev_sets))
    trainer, (emission, transition, start), f1 = fit(train, devs, args)
    index = trainer.index
    kept, pruned = prune(index, emission, args.prune)
    model = TaggerModel(kept, pruned, transition, start)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"best mean F1 {100 * f1:.2f}; kept {len(kept)} of {len(index)} features; "
          f"{args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
