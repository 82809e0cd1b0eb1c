"""Train the shipped Punkt sentence model on raw news text.

    python scripts/train_punkt.py [--data ../shared/data] [--out nato_digest/data/punkt]

Unsupervised (NLTK's PunktTrainer) on the article texts of BBC News Summary and PolNeAR, then
merged with the curated abbreviations in nato_digest/data/abbreviations.txt. Writes the four
tables of NLTK's punkt_tab layout, sorted so that a retrain gives a readable diff.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

from nltk.tokenize.punkt import PunktTrainer

ROOT = Path(__file__).resolve().parent.parent


def news_texts(data: Path) -> Iterator[str]:
    """Raw article texts: BBC News Summary articles and PolNeAR train and dev articles."""
    for path in sorted((data / "summaries/bbc/articles").glob("*/*.txt")):
        yield path.read_bytes().decode("utf-8", errors="replace")
    for split in ("train", "dev"):
        for path in sorted((data / f"quotes/polnear/{split}/text").glob("*.txt")):
            yield path.read_text(encoding="utf-8")


def curated_abbreviations() -> set[str]:
    lines = (ROOT / "nato_digest/data/abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0].strip() for line in lines if line.strip() and not line.startswith("#")}


# Learned abbreviations are kept only when they have the shape of one (c.i.a, a.k.a, d-n.y): on
# news, Punkt also "learns" surnames and slang that happen to precede periods often.
_ABBREVIATION_SHAPE = re.compile(r"(?:[dr]-)?[a-z]{1,3}(?:\.[a-z&]{1,3})+|[dr]-[a-z]{2,4}")


def train(data: Path) -> PunktTrainer:
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    for text in news_texts(data):
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    return trainer


def write_tables(trainer: PunktTrainer, out: Path) -> dict[str, int]:
    params = trainer.get_params()
    learned = {a for a in params.abbrev_types if _ABBREVIATION_SHAPE.fullmatch(a)}
    abbreviations = learned | curated_abbreviations()
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "abbrev_types.txt": sorted(abbreviations),
        "collocations.tab": sorted(f"{a}\t{b}" for a, b in params.collocations),
        "sent_starters.txt": sorted(params.sent_starters),
        "ortho_context.tab": sorted(f"{word}\t{flags}" for word, flags in params.ortho_context.items() if flags),
    }
    for name, lines in tables.items():
        (out / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    (out / "learned_abbreviations.txt").write_text(
        "".join(a + "\n" for a in sorted(learned - curated_abbreviations())), encoding="utf-8"
    )
    return {name: len(lines) for name, lines in tables.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "nato_digest" / "data" / "punkt")
    args = parser.parse_args()
    counts = write_tables(train(args.data), args.out)
    for name, count in counts.items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
