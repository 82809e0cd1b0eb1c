"""Draw the MinHash functions' coefficients once and ship them.

    python scripts/build_minhash.py

Writes nato_digest/data/minhash.json: the multiply-shift hash functions of duplicates.py, ``a``
(odd) and ``b`` for each of its PERMUTATIONS, as numpy's generator seeded with 15 draws them. The
tool reads them rather than drawing them, since numpy's random module takes longer to import than
the numbers take to read.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from nato_digest.duplicates import MINHASH_PATH, PERMUTATIONS

OUT = Path(__file__).resolve().parent.parent / "nato_digest" / "/".join(MINHASH_PATH)


def coefficients() -> dict[str, list[int]]:
    """``a`` and ``b`` of every hash function, from the generator seeded with 15."""
    generator = np.random.default_rng(15)
    a = generator.integers(0, 2**64, PERMUTATIONS, dtype=np.uint64, endpoint=False) | np.uint64(1)
    b = generator.integers(0, 2**64, PERMUTATIONS, dtype=np.uint64, endpoint=False)
    return {"a": a.tolist(), "b": b.tolist()}


def main() -> None:
    OUT.write_text(json.dumps(coefficients()) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
