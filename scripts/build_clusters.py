"""Learn word clusters from unlabelled news for the entity tagger.

    python scripts/build_clusters.py [--data ../shared/data]

Words are represented by their left and right neighbours (positive PMI over the most frequent
context words), reduced by truncated SVD and grouped by k-means at three granularities, in the
spirit of the Brown clusters of Ratinov & Roth (2009): unseen names fall in the cluster of names
that share their contexts. Text: BBC News Summary and PolNeAR train+dev articles, and the words of
CoNLL-2003 eng.train (its labels unused). Writes nato_digest/data/ner/clusters.tsv.gz.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import svds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nato_digest.entities import CLUSTER_SIZES, normalise  # noqa: E402
from nato_digest.model import Article  # noqa: E402
from nato_digest.segment import default_segmenter  # noqa: E402
from scripts.conll import read_documents  # noqa: E402

OUT = ROOT / "nato_digest/data/ner/clusters.tsv.gz"


def sentences(data: Path) -> Iterator[list[str]]:
    segmenter = default_segmenter()
    paths = sorted((data / "summaries/bbc/articles").glob("*/*.txt"))
    for split in ("train", "dev"):
        paths += sorted((data / f"quotes/polnear/{split}/text").glob("*.txt"))
    for path in paths:
        document = segmenter(Article(str(path), path.read_bytes().decode("utf-8", errors="replace")))
        for sentence in document.sentences:
            yield [normalise(t.text) for t in sentence.tokens]
    for document in read_documents(data / "ner/conll2003/eng.train"):
        for sentence in document:
            yield list(sentence.words)


def embeddings(corpus: list[list[str]], min_count: int, contexts: int, dimensions: int) -> tuple[list[str], np.ndarray]:
    counts = Counter(w for s in corpus for w in s)
    vocabulary = [w for w, c in counts.most_common() if c >= min_count]
    word_id = {w: i for i, w in enumerate(vocabulary)}
    context_counts = Counter(w.lower() for s in corpus for w in s)
    context_id = {w: i for i, (w, _) in enumerate(context_counts.most_common(contexts))}
    pairs: Counter = Counter()
    for s in corpus:
        padded = ["<s>", *s, "</s>"]
        for i in range(1, len(padded) - 1):
            row = word_id.get(padded[i])
            if row is None:
                continue
            for side, neighbour in ((0, padded[i - 1]), (1, padded[i + 1])):
                column = context_id.get(neighbour.lower(), context_id.get(neighbour))
                if column is not None:
                    pairs[row, side * contexts + column] += 1
    rows, columns = np.array([k[0] for k in pairs]), np.array([k[1] for k in pairs])
    values = np.array(list(pairs.values()), dtype=np.float64)
    total = values.sum()
    row_sums = np.bincount(rows, weights=values, minlength=len(vocabulary))
    column_sums = np.bincount(columns, weights=values, minlength=2 * contexts) ** 0.75
    column_sums *= total / column_sums.sum()
    pmi = np.log(values * total / (row_sums[rows] * column_sums[columns]))
    keep = pmi > 0
    matrix = coo_matrix((pmi[keep], (rows[keep], columns[keep])), shape=(len(vocabulary), 2 * contexts)).tocsr()
    u, sigma, _ = svds(matrix, k=dimensions, random_state=7)
    vectors = u * np.sqrt(sigma)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return vocabulary, vectors.astype(np.float32)


def kmeans(vectors: np.ndarray, k: int, iterations: int = 25, seed: int = 7) -> np.ndarray:
    """Spherical k-means with k-means++ seeding."""
    rng = np.random.default_rng(seed)
    centres = [vectors[rng.integers(len(vectors))]]
    distance = 1 - vectors @ centres[0]
    for _ in range(k - 1):
        probabilities = np.maximum(distance, 0) ** 2
        centres.append(vectors[rng.choice(len(vectors), p=probabilities / probabilities.sum())])
        distance = np.minimum(distance, 1 - vectors @ centres[-1])
    centre_matrix = np.array(centres)
    for _ in range(iterations):
        assignment = (vectors @ centre_matrix.T).argmax(axis=1)
        for c in range(k):
            members = vectors[assignment == c]
            if len(members):
                centre = members.sum(axis=0)
                centre_matrix[c] = centre / max(np.linalg.norm(centre), 1e-9)
    return (vectors @ centre_matrix.T).argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--contexts", type=int, default=2000)
    parser.add_argument("--dimensions", type=int, default=100)
    args = parser.parse_args()
    corpus = list(sentences(args.data))
    print(f"{len(corpus)} sentences, {sum(map(len, corpus))} tokens", flush=True)
    vocabulary, vectors = embeddings(corpus, args.min_count, args.contexts, args.dimensions)
    print(f"{len(vocabulary)} words embedded", flush=True)
    assignments = [kmeans(vectors, k) for k in CLUSTER_SIZES]
    with gzip.open(OUT, "wt", encoding="utf-8") as out:
        out.write(f"# word\tcluster ids at k = {', '.join(map(str, CLUSTER_SIZES))} (scripts/build_clusters.py)\n")
        for i, word in enumerate(vocabulary):
            out.write(word + "\t" + "\t".join(str(a[i]) for a in assignments) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
