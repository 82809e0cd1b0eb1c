"""Train the speaker re-ranker on PolNeAR's training split.

    python scripts/train_quotes.py [--data ../shared/data] [--epochs 10]

Runs the pipeline's rules on every training article; for each quote that matches a gold quote,
the candidates whose name shares a capitalised word with the gold speaker are the right ones.
An averaged perceptron learns to rank a right candidate first (Collins 2002). Reports speaker
accuracy on dev with and without the ranker, and writes nato_digest/data/quotes/speaker_ranker.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nato_digest.actors import link_actors  # noqa: E402
from nato_digest.countries import assign_countries  # noqa: E402
from nato_digest.entities import default_recognizer  # noqa: E402
from nato_digest.model import Article  # noqa: E402
from nato_digest.quotes import Candidate, QuoteAttributor, SpeakerRanker  # noqa: E402
from nato_digest.segment import default_segmenter  # noqa: E402
from scripts.eval_sections import _capitalised_words, _overlap, polnear_gold  # noqa: E402

OUT = ROOT / "nato_digest/data/quotes/speaker_ranker.json"


def examples(data: Path, split: str, ranker: SpeakerRanker | None = None) -> list[tuple[list[Candidate], set[str]]]:
    """(candidates, names of the right ones) for every matched quote with a right candidate.
    With a ranker, the last-speaker features are those the ranker's own choices produce."""
    attributor = QuoteAttributor(ranker=ranker)
    segmenter, recognizer = default_segmenter(), default_recognizer()
    found = []
    for doc, gold_quotes in sorted(polnear_gold(data, split).items()):
        text = (data / f"quotes/polnear/{split}/text/{doc}.txt").read_text(encoding="utf-8")
        document = segmenter(Article(doc, text))
        actors = link_actors(document, assign_countries(document, recognizer(document)))
        attributed = attributor.attribute(document, actors)
        used: set[int] = set()
        for gold in gold_quotes:
            match = next(
                (i for i, (q, _) in enumerate(attributed) if i not in used and _overlap((q.start, q.end), (gold["start"], gold["end"]))),
                None,
            )
            if match is None:
                continue
            used.add(match)
            candidates = attributed[match][1]
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


def accuracy(data: list[tuple[list[Candidate], set[str]]], ranker: SpeakerRanker | None) -> float:
    right = 0
    for candidates, names in data:
        if ranker is None:
            choice = next((c.name for c in candidates if "rule" in c.features), None)
        else:
            choice = ranker.choose(candidates).name  # type: ignore[union-attr]
        right += choice in names
    return right / len(data) if data else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2, help="retrain on candidates made with the last round's ranker")
    args = parser.parse_args()
    ranker = None
    for round_ in range(1, args.rounds + 1):
        training = examples(args.data, "train", ranker)
        weights = train(training, args.epochs)
        ranker = SpeakerRanker(weights)
        print(f"round {round_}: {len(training)} training quotes with a right candidate")
    development = examples(args.data, "dev", ranker)
    print(f"dev, among quotes with a right candidate: rules {accuracy(development, None):.3f}, ranker {accuracy(development, ranker):.3f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "PolNeAR train (Newell et al. 2018)", "weights": weights}, indent=1) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights written to {OUT}")


if __name__ == "__main__":
    main()
