"""The measurements behind scripts/evaluate.py, one function per data set."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from nato_digest.aggregate import Corpus, counts_for_country
from nato_digest.countries import assign_countries, country_of
from nato_digest.entities import EntityRecognizer, spans_from_labels
from nato_digest.model import Article, Document, Paragraph, Sentence, Token
from nato_digest.pipeline import Digesting, Pipeline
from nato_digest.segment import Segmenter, default_segmenter
from nato_digest.summarize import SUMMARIZERS, candidates, corpus_statistics
from scripts import summary_data
from scripts.conll import SpanScore, read_documents


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pct(value: float) -> float:
    return round(100 * value, 2)


# ---------------------------------------------------------------------------------------------
# Sentences: UD English Web Treebank, dev


def ud_documents(path: Path) -> list[tuple[str, set[int]]]:
    """Documents rebuilt from `# text =` lines (sentences joined by a space, paragraphs by a blank
    line) with the gold boundary offsets."""
    documents: list[tuple[str, set[int]]] = []
    paragraphs: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            if paragraphs:
                documents.append(_ud_document(paragraphs))
            paragraphs = []
        elif line.startswith("# newpar") or (line.startswith("# text = ") and not paragraphs):
            paragraphs.append([])
        if line.startswith("# text = "):
            paragraphs[-1].append(line[len("# text = ") :])
    if paragraphs:
        documents.append(_ud_document(paragraphs))
    return documents


def _ud_document(paragraphs: list[list[str]]) -> tuple[str, set[int]]:
    text = ""
    boundaries: set[int] = set()
    for paragraph in (p for p in paragraphs if p):
        if text:
            text += "\n\n"
        for k, sentence in enumerate(paragraph):
            if k:
                text += " "
            text += sentence
            boundaries.add(len(text.rstrip()))
    return text, boundaries


def sentences(data: Path) -> dict[str, float]:
    segmenter = default_segmenter()
    tp = predicted = gold = 0
    for text, boundaries in ud_documents(data / "sentences/ud-ewt/en_ewt-ud-dev.conllu"):
        ends = {len(text[:end].rstrip()) for _, end in segmenter.sentence_spans(text)}
        tp += len(ends & boundaries)
        predicted += len(ends)
        gold += len(boundaries)
    p, r, f = _prf(tp, predicted, gold)
    return {"precision": _pct(p), "recall": _pct(r), "f1": _pct(f)}


# ---------------------------------------------------------------------------------------------
# Named entities: CoNLL-2003 testa


NER_SETS = {"": "ner/conll2003/eng.testa", "2020_": "ner/conllpp2023/dev.txt"}
"""CoNLL-2003 testa (Reuters 1996) and the given half of CoNLL++ 2023 (Reuters 2020, same guidelines)."""


def ner(data: Path) -> dict[str, float]:
    """The whole recognizer (tagger and document-level passes) on CoNLL's own tokens, on 1996 and
    on 2020 news; figures of the 2020 half carry the prefix ``2020_``."""
    figures: dict[str, float] = {}
    for prefix, path in NER_SETS.items():
        score = ner_score(data / path)
        for key, value in zip(("precision", "recall", "f1"), score.prf()):
            figures[prefix + key] = _pct(value)
        for kind in ("PER", "ORG", "LOC", "MISC"):
            figures[f"{prefix}f1_{kind}"] = _pct(score.prf(kind)[2])
    figures["2020_text_f1"] = _pct(ner_text_score(data / NER_SETS["2020_"]).prf()[2])
    return figures


def ner_score(path: Path, recognizer: EntityRecognizer | None = None) -> SpanScore:
    recognizer = recognizer or EntityRecognizer()
    score = SpanScore.empty()
    for number, conll in enumerate(read_documents(path)):
        document = conll_document(f"{path.stem}-{number}", conll)
        predicted: dict[int, list[str]] = {k: ["O"] * len(s.words) for k, s in enumerate(conll)}
        for mention in recognizer(document):
            tokens = document.sentences[mention.sentence].tokens
            inside = [k for k, t in enumerate(tokens) if mention.start <= t.start and t.end <= mention.end]
            labels = predicted[mention.sentence]
            for k in inside:
                labels[k] = ("B-" if k == inside[0] else "I-") + mention.label
        for k, sentence in enumerate(conll):
            score.add(sentence.labels, predicted[k])
    return score


_NO_SPACE_BEFORE = frozenset(",.:;!?)]}%'’”") | {"'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$“‘")


def detokenized(conll: list) -> tuple[str, list[list[tuple[int, int]]]]:
    """An article as a reader sees it, rebuilt from CoNLL tokens (no space before a comma, one
    paragraph per sentence), with every token's character span."""
    parts: list[str] = []
    spans: list[list[tuple[int, int]]] = []
    offset = 0
    for sentence in conll:
        if parts:
            parts.append("\n\n")
            offset += 2
        row = []
        for k, word in enumerate(sentence.words):
            if k and word not in _NO_SPACE_BEFORE and sentence.words[k - 1] not in _NO_SPACE_AFTER:
                parts.append(" ")
                offset += 1
            row.append((offset, offset + len(word)))
            parts.append(word)
            offset += len(word)
        spans.append(row)
    return "".join(parts), spans


def ner_text_score(path: Path) -> SpanScore:
    """Entity spans by character offsets when the recognizer reads running text through the
    segmenter, as a user's article is read: tokenisation and sentence errors count too."""
    pipeline = Pipeline()
    score = SpanScore.empty()
    for number, conll in enumerate(read_documents(path)):
        text, spans = detokenized(conll)
        document = pipeline.segmenter(Article(f"{path.stem}-{number}", text))
        gold = Counter()
        for sentence, row in zip(conll, spans):
            for first, end, kind in spans_from_labels(sentence.labels):
                gold[(row[first][0], row[end - 1][1], kind)] += 1
        body, margins = pipeline.recognizer.recognize(document)
        predicted = Counter((m.start, m.end, m.label) for m in body + margins)
        score.add_spans(set(gold), set(predicted))
    return score


# ---------------------------------------------------------------------------------------------
# Countries per document: CoNLL-2003 testa


def conll_document(doc_id: str, sentences_: list) -> Document:
    """A Document whose sentences and tokens are CoNLL's own, joined by spaces and newlines."""
    text_parts: list[str] = []
    built: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for number, sentence in enumerate(sentences_):
        tokens = []
        start = offset
        for k, word in enumerate(sentence.words):
            if k:
                text_parts.append(" ")
                offset += 1
            tokens.append(Token(offset, offset + len(word), word))
            text_parts.append(word)
            offset += len(word)
        line = " ".join(sentence.words)
        built.append(Sentence(start, offset, line, number, tuple(tokens)))
        paragraphs.append(Paragraph(number, start, offset, "body"))
        text_parts.append("\n")
        offset += 1
    article = Article(doc_id, "".join(text_parts))
    return Document(article, tuple(paragraphs), tuple(built), None)


def gold_countries(gold_sentences: list) -> set[str]:
    """Countries named by gold LOC spans or implied by gold MISC demonyms, through the lexicon."""
    found = set()
    for sentence in gold_sentences:
        for first, end, kind in spans_from_labels(sentence.labels):
            hit = country_of(" ".join(sentence.words[first:end])) if kind in ("LOC", "MISC") else None
            if hit and hit[0]:
                found.add(hit[0])
    return found


def countries(data: Path) -> dict[str, float]:
    recognizer = EntityRecognizer()
    tp = predicted_total = gold_total = 0
    for number, conll in enumerate(read_documents(data / "ner/conll2003/eng.testa")):
        document = conll_document(f"testa-{number}", conll)
        gold = gold_countries(conll)
        predicted = {m.country for m in assign_countries(document, recognizer(document)) if counts_for_country(m)}
        tp += len(gold & predicted)
        predicted_total += len(predicted)
        gold_total += len(gold)
    p, r, f = _prf(tp, predicted_total, gold_total)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# ---------------------------------------------------------------------------------------------
# Quotes: PolNeAR dev

_PRONOUNS = frozenset("he she they it him her them his hers their its i we you".split())
# Capitalised only because they open the sentence: "The woman", "Only 52 percent" name nobody.
_NOT_NAME_WORDS = frozenset("the a an this that these those only some many most another other his her their its our".split())
_QUOTE_EDGES = "\"'“”‘’ \n\t"


def _capitalised_words(text: str | None) -> set[str]:
    """Capitalised words, a possessive ending split off as a tokenizer does ("Clinton’s campaign"
    names Clinton; "O'Brien" stays whole)."""
    words = (re.sub(r"['’]s?$", "", w) for w in re.findall(r"[A-Z][\w'’.-]+", text or ""))
    return {w for w in words if w.lower() not in _PRONOUNS and w.lower() not in _NOT_NAME_WORDS}


def polnear_gold(data: Path, split: str = "dev") -> dict[str, list[dict]]:
    """Gold quotes per document: quoted segments inside primary-annotator contents with quote
    marks. Each carries the speaker words to credit: the Source's capitalised name words, or for
    a pronoun Source those of the nearest earlier named Source (`speaker`, the rule as written);
    `speaker_extended` also resolves other unnamed Sources ("the mayor", "the agency") that way."""
    records = [json.loads(line) for line in (data / f"quotes/polnear/{split}/attributions.jsonl").open(encoding="utf-8")]
    by_doc: dict[str, list[dict]] = {}
    for record in records:
        if record["is_primary_annotator"]:
            by_doc.setdefault(record["doc_id"], []).append(record)
    gold: dict[str, list[dict]] = {}
    for doc, items in by_doc.items():
        text = (data / f"quotes/polnear/{split}/text/{doc}.txt").read_text(encoding="utf-8")
        named_sources = sorted(
            (r["source"][0]["start"], r["source_text"]) for r in items if r["source"] and _capitalised_words(r["source_text"])
        )
        quotes = []
        for record in items:
            if not record["content_has_quote_marks"]:
                continue
            lo = min(span["start"] for span in record["content"])
            hi = max(span["end"] for span in record["content"])
            source = record["source_text"]
            source_start = record["source"][0]["start"] if record["source"] else lo
            earlier = [name for start, name in named_sources if start < source_start]
            nearest = _capitalised_words(earlier[-1]) if earlier else set()
            words = _capitalised_words(source)
            pronoun = bool(source) and source.lower().split()[0] in _PRONOUNS
            strict = nearest if pronoun and not words else words
            extended = nearest if source and not words else words
            kind = "none" if not source else "pronoun" if pronoun else "name" if words else "description"
            for segment in record["quoted_segments"]:
                found = text.find(segment, lo, hi + 1)
                if found < 0:
                    found = text.find(segment)
                if found < 0:
                    continue
                start, end = found, found + len(segment)
                while start < end and text[start] in _QUOTE_EDGES:
                    start += 1
                while end > start and text[end - 1] in _QUOTE_EDGES:
                    end -= 1
                if start < end:
                    quotes.append({"start": start, "end": end, "speaker": strict, "speaker_extended": extended, "named": bool(source), "mention_kind": kind})
        gold[doc] = quotes
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared * 2 >= a[1] - a[0] and shared * 2 >= b[1] - b[0]


def _speaker_right(predicted: str | None, gold_words: set[str], named: bool) -> bool:
    if not named:
        return predicted is None
    return bool(_capitalised_words(predicted) & gold_words)


def quotes(data: Path) -> dict[str, float]:
    pipeline = Pipeline()
    gold = polnear_gold(data)
    tp = predicted_total = gold_total = 0
    right, by_kind = Counter(), Counter()
    pronouns = pronouns_right = 0
    for doc, gold_quotes in sorted(gold.items()):
        text = (data / f"quotes/polnear/dev/text/{doc}.txt").read_text(encoding="utf-8")
        predicted = pipeline(Article(doc, text)).quotes
        predicted_total += len(predicted)
        gold_total += len(gold_quotes)
        used: set[int] = set()
        for g in gold_quotes:
            match = next(
                (i for i, q in enumerate(predicted) if i not in used and _overlap((q.start, q.end), (g["start"], g["end"]))), None
            )
            if match is None:
                continue
            used.add(match)
            tp += 1
            q = predicted[match]
            strict = _speaker_right(q.speaker, g["speaker"], g["named"])
            right["strict"] += strict
            right["extended"] += _speaker_right(q.speaker, g["speaker_extended"], g["named"])
            by_kind[g["mention_kind"]] += 1
            right[g["mention_kind"]] += strict
            if q.speaker_mention and q.speaker_mention.lower() in ("he", "she", "they"):
                pronouns += 1
                pronouns_right += strict
    p, r, f = _prf(tp, predicted_total, gold_total)
    return {
        "quote_precision": round(p, 4),
        "quote_recall": round(r, 4),
        "quote_f1": round(f, 4),
        "speaker_accuracy": round(right["strict"] / tp if tp else 0.0, 4),
        "speaker_accuracy_extended": round(right["extended"] / tp if tp else 0.0, 4),
        "pronoun_speakers": pronouns,
        "pronoun_speakers_right": pronouns_right,
        **{f"speaker_accuracy_{kind}": round(right[kind] / by_kind[kind] if by_kind[kind] else 0.0, 4) for kind in ("name", "pronoun", "description", "none")},
        "end_to_end_f1": round(_prf(right["strict"], predicted_total, gold_total)[2], 4),
        "end_to_end_f1_extended": round(_prf(right["extended"], predicted_total, gold_total)[2], 4),
    }


# ---------------------------------------------------------------------------------------------
# Summaries: CNN / Daily Mail, BBC News Summary, Multi-News


def _rouge():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def _mean_rouge(pairs: list[tuple[str, str]], prefix: str) -> dict[str, float]:
    """Mean ROUGE F1 in points over (reference, summary) pairs, sentences on lines of their own."""
    scorer = _rouge()
    totals: Counter = Counter()
    for reference, summary in pairs:
        for key, value in scorer.score(reference, summary).items():
            totals[key] += value.fmeasure
    return {f"{prefix}_{key}": round(100 * totals[key] / max(1, len(pairs)), 2) for key in ("rouge1", "rouge2", "rougeLsum")}


def _article_summaries(stories: list, methods: dict) -> dict[str, float]:
    """Each method's 3-sentence summaries of ``stories`` against their references."""
    segmenter = default_segmenter()
    documents = [segmenter(story.article) for story in stories]
    references = ["\n".join(story.reference) for story in stories]
    figures: dict[str, float] = {}
    for method, summarizer in methods.items():
        pairs = [(r, "\n".join(e.text for e in summarizer(d, 3))) for r, d in zip(references, documents)]
        figures.update(_mean_rouge(pairs, method))
    return figures


def _methods(stories: list) -> dict:
    statistics = corpus_statistics(story.article.text for story in stories)
    return {
        "news": SUMMARIZERS["news"].for_corpus(statistics),  # as `summarize` runs on a corpus
        "news_alone": SUMMARIZERS["news"],  # one article at a time, background statistics only
        "lead": SUMMARIZERS["lead"],
    }


def summaries(data: Path) -> dict[str, float]:
    """CNN/DM with the shipped scorer (fitted on these 75 stories), then 5-fold cross-validated
    (each story summarised by weights fitted without it, as train_summary.py chooses them), and
    BBC News Summary against its extractive references."""
    from scripts import train_summary

    stories = summary_data.cnndm(data)
    figures = _article_summaries(stories, _methods(stories))
    setting = train_summary.shipped_settings()
    background = train_summary.examples(train_summary.bbc_sample(data)) if setting[0] else []
    cross = train_summary.cross_validate(train_summary.examples(stories), background, setting)
    figures.update({f"news_cv_{key}": value for key, value in cross.items()})
    bbc = summary_data.bbc(data)
    bbc_methods = _methods(bbc)
    figures.update({f"bbc_{key}": value for key, value in _article_summaries(bbc, {m: bbc_methods[m] for m in ("news", "lead")}).items()})
    return figures


def cut(texts: list[str], words: int) -> str:
    """The texts, one a line, cut at ``words`` words."""
    lines, left = [], words
    for text in texts:
        if left <= 0:
            break
        tokens = text.split()
        lines.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return "\n".join(lines)


def summary_lines(summary: str, segmenter: Segmenter) -> str:
    """A human summary with a sentence a line, as ROUGE-Lsum reads it."""
    return "\n".join(s.text for s in segmenter(Article("summary", summary)).sentences)


def _round_robin(documents: list[Document]) -> list[str]:
    """Sentence 1 of every article, then sentence 2, …: the multi-document lead baseline."""
    pools = [candidates(d) for d in documents]
    return [pool[k].text for k in range(max(map(len, pools), default=0)) for pool in pools if k < len(pool)]


def digest(data: Path) -> dict[str, float]:
    """Multi-News dev: the corpus digest of each cluster against the round-robin lead and LexRank
    over the cluster's articles, every one cut to the human summary's word count."""
    segmenter = default_segmenter()
    pairs: dict[str, list[tuple[str, str]]] = {"digest": [], "round_robin": [], "lexrank": []}
    for cluster in summary_data.multinews(data):
        words = len(cluster.summary.split())
        reference = summary_lines(cluster.summary, segmenter)
        pipeline = Pipeline().for_corpus(cluster.articles)
        corpus = Corpus()
        for article in cluster.articles:
            digested = Digesting(pipeline)(article)  # as `summarize` runs: candidates weighed by the corpus
            corpus.add(digested.analysis, digested.candidates)
        documents = [segmenter(article) for article in cluster.articles]
        together = segmenter(Article(cluster.id, "\n\n".join(article.text for article in cluster.articles)))
        outputs = {
            "digest": [item.text for item in corpus.digest(None, words=words)],
            "round_robin": _round_robin(documents),
            "lexrank": [e.text for e in SUMMARIZERS["lexrank"](together, words=words)],
        }
        for method, texts in outputs.items():
            pairs[method].append((reference, cut(texts, words)))
    figures: dict[str, float] = {}
    for method, found in pairs.items():
        figures.update(_mean_rouge(found, method))
    return figures
