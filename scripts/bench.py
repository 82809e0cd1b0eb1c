"""Speed of each stage on one core, on the BBC articles of ../shared/data (or the seeds).

    python scripts/bench.py [--data ../shared/data] [--limit N]

Reports segmentation + tokenization words per second (next to NLTK's sent_tokenize +
word_tokenize when its punkt data happens to be installed), entity tagging tokens per second and
model load time, summarization words per second, and the whole pipeline in articles per second.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nato_digest.entities import EntityRecognizer, default_model  # noqa: E402
from nato_digest.gazetteers import first_names, given_names, organisation_words, places, surnames, word_zipf  # noqa: E402
from nato_digest.load import seed_files  # noqa: E402
from nato_digest.model import Article  # noqa: E402
from nato_digest.pipeline import Pipeline  # noqa: E402
from nato_digest.segment import Segmenter, punkt_model  # noqa: E402
from nato_digest.summarize import SUMMARIZERS, corpus_statistics  # noqa: E402


def articles(data: Path, limit: int) -> list[Article]:
    paths = sorted((data / "summaries/bbc/articles").glob("*/*.txt"))[:limit]
    if paths:
        return [Article(str(p), p.read_bytes().decode("utf-8", errors="replace")) for p in paths]
    return [Article(doc, path.read_text(encoding="utf-8")) for doc, path in seed_files()]


def timed(function, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in seconds, with the garbage collector paused as timeit does."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            began = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - began)
        finally:
            gc.enable()
    return best


def load_tagger() -> None:
    """Everything the tagger reads before its first sentence, from disk."""
    lexicons = (word_zipf, given_names, surnames, places, first_names, organisation_words)
    for loader in (default_model, *lexicons):
        loader.cache_clear()
        loader()


def nltk_words_per_second(texts: list[str], words: int) -> float | None:
    """NLTK's sent_tokenize + word_tokenize, when its punkt data is installed."""
    try:
        from nltk import sent_tokenize, word_tokenize

        sent_tokenize("Punkt data? Yes.")
    except LookupError:
        return None
    return words / timed(lambda: [word_tokenize(s) for t in texts for s in sent_tokenize(t)], repeat=1)


def nltk_same_model_words_per_second(texts: list[str], words: int) -> float:
    """What sent_tokenize + word_tokenize do (Punkt, then Punkt again and the Treebank-style
    tokenizer per sentence), run by NLTK with our shipped parameters: no download needed."""
    from collections import defaultdict

    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    model = punkt_model()
    params = PunktParameters()
    params.abbrev_types = set(model.abbreviations)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sentence_starters)
    params.ortho_context = defaultdict(int, model.ortho_context)
    punkt, words_of = PunktSentenceTokenizer(params), NLTKWordTokenizer()

    def word_tokenize(sentence: str) -> list[str]:
        return [w for s in punkt.tokenize(sentence) for w in words_of.tokenize(s)]

    return words / timed(lambda: [word_tokenize(s) for t in texts for s in punkt.tokenize(t)], repeat=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()
    corpus = articles(args.data, args.limit)
    words = sum(len(a.text.split()) for a in corpus)
    print(f"{len(corpus)} articles, {words} words")

    segmenter = Segmenter()
    seconds = timed(lambda: [segmenter(a) for a in corpus])
    print(f"segment+tokenize      {words / seconds:>12,.0f} words/s")
    reference = nltk_words_per_second([a.text for a in corpus], words)
    if reference is None:
        print("nltk sent+word_tokenize          (punkt data not installed: skipped)")
    else:
        print(f"nltk sent+word_tokenize {reference:>10,.0f} words/s  (ours is {words / seconds / reference:.1f}x)")
    same = nltk_same_model_words_per_second([a.text for a in corpus], words)
    print(f"  same, our Punkt model {same:>10,.0f} words/s  (ours is {words / seconds / same:.1f}x)")

    load = timed(load_tagger, repeat=3)
    print(f"ner model load        {load:>12.3f} s  (weights and word lists)")
    documents = [segmenter(a) for a in corpus]
    tokens = sum(len(s.tokens) for d in documents for s in d.sentences + d.margins)
    recognizer = EntityRecognizer(default_model())
    seconds = timed(lambda: [recognizer(d) for d in documents])
    print(f"ner tagging           {tokens / seconds:>12,.0f} tokens/s")

    def summaries() -> list:
        """As `summarize` does: term statistics of the corpus first, then each summary."""
        summarizer = SUMMARIZERS["news"].for_corpus(corpus_statistics(a.text for a in corpus))
        return [summarizer(d, 3) for d in documents]

    seconds = timed(summaries)
    print(f"summarize             {words / seconds:>12,.0f} words/s  (corpus statistics included)")

    pipeline = Pipeline()
    seconds = timed(lambda: [pipeline(a) for a in corpus], repeat=1)
    print(f"whole pipeline        {len(corpus) / seconds:>12,.1f} articles/s ({words / seconds:,.0f} words/s)")


if __name__ == "__main__":
    main()
