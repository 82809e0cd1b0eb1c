"""Count in how many news articles each content-word stem occurs: the background document
frequencies the default summarizer weighs terms by.

    python scripts/build_term_statistics.py [--data ../shared/data]

Text: BBC News Summary articles, PolNeAR train+dev articles and the documents of CoNLL-2003
eng.train (Reuters), about 2,900 articles of general and political news. Stems seen in a single
article are left out: unseen stems get the highest weight anyway. Writes
nato_digest/data/term_frequencies.tsv.gz (``stem<TAB>documents``, a first ``#documents`` line).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nato_digest.summarize import TERM_STATISTICS_PATH, terms  # noqa: E402
from scripts.conll import read_documents  # noqa: E402

OUT = ROOT / "nato_digest" / "/".join(TERM_STATISTICS_PATH)


def articles(data: Path) -> Iterator[str]:
    paths = sorted((data / "summaries/bbc/articles").glob("*/*.txt"))
    for split in ("train", "dev"):
        paths += sorted((data / f"quotes/polnear/{split}/text").glob("*.txt"))
    for path in paths:
        yield path.read_bytes().decode("utf-8", errors="replace")
    for document in read_documents(data / "ner/conll2003/eng.train"):
        yield " ".join(word for sentence in document for word in sentence.words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    frequencies: Counter = Counter()
    documents = 0
    for text in articles(args.data):
        frequencies.update(set(terms(text)))
        documents += 1
    kept = sorted((stem, count) for stem, count in frequencies.items() if count > 1)
    with gzip.open(OUT, "wt", encoding="utf-8") as out:
        out.write(f"#documents\t{documents}\n")
        out.writelines(f"{stem}\t{count}\n" for stem, count in kept)
    print(f"{documents} articles, {len(kept)} stems -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
