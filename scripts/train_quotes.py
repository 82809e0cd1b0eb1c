"""Train the speaker re-ranker on PolNeAR's training split, and cross-validate it there.

    python scripts/train_quotes.py [--data ../shared/data] [--epochs 10] [--folds 5]

Runs the pipeline's rules on every training article; for each quote that matches a gold quote,
the candidates whose name shares a capitalised word with the gold speaker are the right ones.
An averaged perceptron learns to rank a right candidate first (Collins 2002). First the whole
procedure is cross-validated over folds of training articles: each fold's quotes are attributed
by a ranker trained without them and scored as `make eval` scores dev (quote F1, speaker
accuracy, by kind of gold mention, end-to-end F1). Then it reports speaker accuracy on dev with
and without the ranker, and writes nato_digest/data/quotes/speaker_ranker.json. Two minutes or so.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nato_digest.actors import ActorIndex, link_actors  # noqa: E402
from nato_digest.countries import assign_countries  # noqa: E402
from nato_digest.entities import default_recognizer  # noqa: E402
from nato_digest.model import Article, Document, Quote  # noqa: E402
from nato_digest.quotes import Candidate, QuoteAttributor, SpeakerRanker  # noqa: E402
from nato_digest.segment import default_segmenter  # noqa: E402
from scripts.eval_sections import _capitalised_words, _overlap, _speaker_right, polnear_gold  # noqa: E402

OUT = ROOT / "nato_digest/data/quotes/speaker_ranker.json"
KINDS = ("name", "pronoun", "description", "none")

Prepared = list[tuple[str, Document, ActorIndex, list[dict]]]
Matched = list[tuple[Quote, list[Candidate], dict]]


def prepare(data: Path, split: str) -> Prepared:
    """Every article of a split segmented, tagged and its actors linked, with its gold quotes."""
    segmenter, recognizer = default_segmenter(), default_recognizer()
    prepared = []
    for doc, gold_quotes in sorted(polnear_gold(data, split).items()):
        text = (data / f"quotes/polnear/{split}/text/{doc}.txt").read_text(encoding="utf-8")
        document = segmenter(Article(doc, text))
        prepared.append((doc, document, link_actors(document, assign_countries(document, recognizer(document))), gold_quotes))
    return prepared


def attribute(prepared: Prepared, ranker: SpeakerRanker | None) -> tuple[Matched, int, int]:
    """The quotes found that match a gold quote (with their candidates and the gold), the number
    of quotes found and the number of gold quotes."""
    attributor = QuoteAttributor(ranker=ranker or False)
    matched: Matched = []
    found = gold_total = 0
    for _, document, actors, gold_quotes in prepared:
        attributed = list(attributor.attribute(document, actors))
        found += len(attributed)
        gold_total += len(gold_quotes)
        used: set[int] = set()
        for gold in gold_quotes:
            match = next(
                (i for i, (q, _) in enumerate(attributed) if i not in used and _overlap((q.start, q.end), (gold["start"], gold["end"]))),
                None,
            )
            if match is not None:
                used.add(match)
                matched.append((*attributed[match], gold))
    return matched, found, gold_total


def examples(prepared: Prepared, ranker: SpeakerRanker | None = None) -> list[tuple[list[Candidate], set[str]]]:
    """(candidates, names of the right ones) for every matched quote with a right candidate.
    With a ranker, the last-speaker features are those the ranker's own choices produce."""
    found = []
    for _, candidates, gold in attribute(prepared, ranker)[0]:
        right = {c.name for c in candidates if _capitalised_words(c.name) & gold["speaker_extended"]}
        if candidates and right:
            found.append((candidates, right))
    return found


def train(data: list[tuple[list[Candidate], set[str]]], epochs: int) -> dict[str, float]:
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    step = 0
    rng = random.Random(7)

    def score(candidate: Candidate) -> float:
        return sum(weights[f] for f in candidate.features)

    def update(feature: str, delta: float) -> None:
        totals[feature] += (step - stamps[feature]) * weights[feature]
        stamps[feature] = step
        weights[feature] += delta

    for _ in range(epochs):
        rng.shuffle(data)
        for candidates, right in data:
            step += 1
            guess = max(candidates, key=score)
            if guess.name in right:
                continue
            target = max((c for c in candidates if c.name in right), key=score)
            for feature in target.features:
                update(feature, 1.0)
            for feature in guess.features:
                update(feature, -1.0)
    for feature in list(weights):
        totals[feature] += (step - stamps[feature]) * weights[feature]
    return {f: round(totals[f] / step, 5) for f in sorted(totals) if abs(totals[f] / step) > 1e-4}


def fit(prepared: Prepared, epochs: int, rounds: int) -> SpeakerRanker:
    """Each round retrains on candidates made with the last round's ranker."""
    ranker = None
    for _ in range(rounds):
        ranker = SpeakerRanker(train(examples(prepared, ranker), epochs))
    return ranker  # type: ignore[return-value]


def accuracy(data: list[tuple[list[Candidate], set[str]]], ranker: SpeakerRanker | None) -> float:
    right = 0
    for candidates, names in data:
        if ranker is None:
            choice = next((c.name for c in candidates if "rule" in c.features), None)
        else:
            choice = ranker.choose(candidates).name  # type: ignore[union-attr]
        right += choice in names
    return right / len(data) if data else 0.0


def cross_validate(prepared: Prepared, folds: int, epochs: int, rounds: int) -> dict[str, float]:
    """The whole training procedure over folds of articles, each fold scored end to end as
    `make eval` scores dev, by a ranker trained on the other folds."""
    right: Counter = Counter()
    matched = found = gold_total = 0
    for fold in range(folds):
        held_out = [p for i, p in enumerate(prepared) if i % folds == fold]
        ranker = fit([p for i, p in enumerate(prepared) if i % folds != fold], epochs, rounds)
        quotes, predicted, gold = attribute(held_out, ranker)
        matched, found, gold_total = matched + len(quotes), found + predicted, gold_total + gold
        for quote, _, g in quotes:
            ok = _speaker_right(quote.speaker, g["speaker"], g["named"])
            right["all"] += ok
            right[g["mention_kind"]] += ok
            right["quotes_" + g["mention_kind"]] += 1
    figures = {"quote_f1": 2 * matched / (found + gold_total), "speaker_accuracy": right["all"] / matched}
    figures |= {f"speaker_accuracy_{k}": right[k] / right["quotes_" + k] for k in KINDS if right["quotes_" + k]}
    figures["end_to_end_f1"] = 2 * right["all"] / (found + gold_total)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2, help="retrain on candidates made with the last round's ranker")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds of training articles (0: none)")
    args = parser.parse_args()
    training = prepare(args.data, "train")
    if args.folds > 1:
        figures = cross_validate(training, args.folds, args.epochs, args.rounds)
        print(f"{args.folds}-fold CV on train: " + ", ".join(f"{k} {v:.4f}" for k, v in figures.items()))
    ranker = fit(training, args.epochs, args.rounds)
    development = examples(prepare(args.data, "dev"), ranker)
    print(f"dev, among quotes with a right candidate: rules {accuracy(development, None):.3f}, ranker {accuracy(development, ranker):.3f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "PolNeAR train (Newell et al. 2018)", "weights": ranker.weights}, indent=1) + "\n", encoding="utf-8")
    print(f"{len(ranker.weights)} weights written to {OUT}")


if __name__ == "__main__":
    main()
