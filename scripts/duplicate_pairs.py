"""How similar separate reports of one story are, next to the copy threshold (duplicates.THRESHOLD).

Exact shingle Jaccard similarity for every pair of articles in Multi-News dev clusters (several
outlets' reports of one story) and in PolNeAR (train and dev; several outlets, 2015-16). Prints how
many pairs reach the threshold; the model card quotes the figures.

    python scripts/duplicate_pairs.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nato_digest.duplicates import THRESHOLD, shingles  # noqa: E402


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b)


def shingle_set(text: str) -> set[int]:
    return set(shingles(text).tolist())


def report(name: str, scores: list[float]) -> None:
    above = sum(score >= THRESHOLD for score in scores)
    print(f"{name}: {len(scores)} pairs, {above} at or above {THRESHOLD}, highest below it {max((s for s in scores if s < THRESHOLD), default=0):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    data = parser.parse_args().data
    clusters = [json.loads(line)["documents"] for line in (data / "summaries/multinews/dev.jsonl").open(encoding="utf-8")]
    report("Multi-News dev, pairs within a cluster", [
        jaccard(shingle_set(a), shingle_set(b)) for cluster in clusters for a, b in itertools.combinations([d for d in cluster if d.strip()], 2)
    ])
    texts = [shingle_set(p.read_text(encoding="utf-8")) for p in sorted(data.glob("quotes/polnear/*/text/*.txt"))]
    report("PolNeAR train+dev, pairs sharing a shingle", [jaccard(a, b) for a, b in itertools.combinations(texts, 2) if a & b])


if __name__ == "__main__":
    main()
