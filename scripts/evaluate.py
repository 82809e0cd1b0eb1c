"""Measure nato-digest on the annotated data in ../shared/data, and hold the recorded floors.

    python scripts/evaluate.py [--data ../shared/data] [SECTION ...]

Sections: sentences (UD EWT boundaries), ner (CoNLL-2003 testa, and Reuters 2020 from CoNLL++ on its
tokens and as running text), countries (per-document country sets on testa), quotes (PolNeAR dev),
summaries (ROUGE on CNN/DM, also 5-fold cross-validated, and on BBC News Summary), digest (ROUGE of
the corpus digest on Multi-News dev against the round-robin lead and LexRank). Each prints its figures; the run
fails (exit 1) when a figure falls below its floor in scripts/eval_floors.json. Raise a floor
there when a score improves.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import eval_sections  # noqa: E402

FLOORS = ROOT / "scripts" / "eval_floors.json"
SECTIONS: dict[str, Callable[[Path], dict[str, float]]] = {
    "sentences": eval_sections.sentences,
    "ner": eval_sections.ner,
    "countries": eval_sections.countries,
    "quotes": eval_sections.quotes,
    "summaries": eval_sections.summaries,
    "digest": eval_sections.digest,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("sections", nargs="*", choices=[[], *SECTIONS], default=[], metavar="SECTION")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}: nothing to evaluate")
        return 0
    floors = json.loads(FLOORS.read_text())
    failures = []
    for name in args.sections or SECTIONS:
        began = time.time()
        print(f"== {name}", flush=True)
        figures = SECTIONS[name](args.data)
        for key, value in figures.items():
            floor = floors.get(name, {}).get(key)
            verdict = ""
            if floor is not None:
                verdict = f"  (floor {floor})" if value >= floor else f"  BELOW FLOOR {floor}"
                if value < floor:
                    failures.append(f"{name}.{key} = {value} < {floor}")
            print(f"  {key:<32} {value}{verdict}")
        print(f"  ({time.time() - began:.1f}s)", flush=True)
    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    print("all figures at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
