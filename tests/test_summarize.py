"""Summarizers, length options and the corpus digest."""

from __future__ import annotations

import math
from dataclasses import replace
from collections import Counter

import numpy as np
import pytest

from hypothesis import given
from hypothesis import strategies as st

from nato_digest.aggregate import (
    DIGEST_FEATURES,
    Corpus,
    DigestItem,
    default_digest_scorer,
    digest_candidates,
    digest_features,
    digest_vectors,
)
from nato_digest.load import iter_articles
from nato_digest.model import Article
from nato_digest.pipeline import Digesting, Pipeline
from nato_digest import summarize
from nato_digest.segment import segment
from nato_digest.summarize import (
    FEATURES,
    SUMMARIZERS,
    TermRows,
    background_statistics,
    corpus_statistics,
    default_scorer,
    follows_on,
    is_furniture,
    stands_alone,
    terms,
)

STORY = (
    "NATO Warns Russia Over Airspace\n\n"
    "NATO foreign ministers agreed on Tuesday to send more surveillance aircraft to Turkey after a Russian jet "
    "crossed into Turkish airspace near the Syrian border.\n\n"
    "The decision came after hours of talks in Brussels between the 28 allies.\n\n"
    "Secretary General Jens Stoltenberg said the alliance stood ready to defend every member.\n\n"
    "“We will not accept this,” he said.\n\n"
    "Russia denied that its jet had entered Turkish airspace and said the aircraft had stayed over Syria.\n\n"
    "But the dispute has raised fears of a wider confrontation between Moscow and the alliance.\n\n"
    "The aircraft, pictured above (left), patrol the border. Scroll down for video.\n\n"
    "Turkey has asked NATO for more air defence systems along its southern border with Syria."
)


def document(text: str = STORY):
    return segment(Article("t", text))


def test_lead_takes_the_first_sentences_but_never_the_headline():
    extracts = SUMMARIZERS["lead"](document(), 2)
    assert [e.text[:30] for e in extracts] == ["NATO foreign ministers agreed ", "The decision came after hours "]


@pytest.mark.parametrize("method", sorted(SUMMARIZERS))
def test_every_method_returns_sentences_in_document_order(method):
    extracts = SUMMARIZERS[method](document(), 3)
    assert len(extracts) == 3
    assert [e.start for e in extracts] == sorted(e.start for e in extracts)
    for e in extracts:
        assert STORY[e.start : e.end] == e.text


def test_news_summarizer_skips_captions_quotes_and_dangling_openers():
    texts = [e.text for e in SUMMARIZERS["news"](document(), 4)]
    assert texts[0].startswith("NATO foreign ministers agreed")
    assert not any(t.startswith("The aircraft, pictured") for t in texts)
    if "“We will not accept this,” he said." in texts:  # its speaker is named just before
        assert texts[texts.index("“We will not accept this,” he said.") - 1].startswith("Secretary General Jens Stoltenberg")


def test_length_by_words():
    extracts = SUMMARIZERS["news"](document(), words=40)
    assert sum(len(e.text.split()) for e in extracts) <= 40 + 25
    assert len(extracts) >= 1


def test_headline_only_and_empty_articles():
    assert SUMMARIZERS["news"](document("NATO ministers meet in Brussels"), 3) == ()
    assert SUMMARIZERS["textrank"](document("NATO ministers meet in Brussels"), 3) == ()


def test_a_long_report_is_summarised():
    import random

    rng = random.Random(5)
    vocabulary = [f"topic{k}" for k in range(400)]
    paragraphs = [" ".join(["The", *rng.sample(vocabulary, 8), "were discussed", f"in round {i}."]) for i in range(2000)]
    report = document("\n\n".join(paragraphs))  # about 22,000 words
    for method in ("news", "lead"):
        assert len(SUMMARIZERS[method](report, 3)) == 3


def test_a_sentence_stands_alone_only_with_its_quotation_whole_and_attributed():
    assert stands_alone("NATO foreign ministers agreed on Tuesday to send more aircraft to Turkey.")
    assert stands_alone("“We will not accept this, not now and not ever,” Stoltenberg said in Brussels.")
    assert stands_alone('The alliance said it was "ready to defend" every member.')
    assert not stands_alone("“We have seen air strikes, use of cruise missiles, the invasion into Turkish airspace.")
    assert not stands_alone("We remain in close contact with the Turkish government, “- said the Secretary General.")
    assert not stands_alone("'Which is remarkable when you consider what it is she does.'")
    assert not stands_alone("“We will not accept this, not now and not ever.”")


@pytest.mark.parametrize(
    "text",
    [
        "Tweet with a location",
        "You can add location information to your Tweets, such as your city or precise location.",
        "Learn more",
        "(Associated Press)",
        "The aircraft, pictured above (left), patrol the border.",
        "Sign up for our daily newsletter to receive the best stories.",
        "Related: Ministers meet in Brussels to discuss the air patrols",
        "WATCH: The defence minister explains the new patrols",
        "Why the alliance is sending more aircraft to the border Read more",
        "In this Oct. 27, 2015 file photo, the defence minister speaks to reporters in Brussels.",
        "CLOSE The alliance will send more surveillance aircraft to the Turkish border.",
        "| Jane Smith/AP The minister arrives for the talks in Brussels on Tuesday",
        "[Updated at 10:49 a.m.: In a statement, the ministry said the patrols would start in May.]",
        "Breaking News Emails Get breaking news alerts and special reports.",
    ],
)
def test_web_furniture_never_enters_a_summary(text):
    assert is_furniture(text)
    article = "NATO Warns Russia\n\n" + STORY.split("\n\n", 1)[1] + "\n\n" + text
    assert all(not is_furniture(e.text) for e in SUMMARIZERS["news"](document(article), 20))


_FURNITURE_WORDS = "tweet with a location read more (pictured left) sign up watch: related: in this file photo (ap) © getty images the minister said".split()


@given(st.lists(st.sampled_from(_FURNITURE_WORDS), max_size=8), st.lists(st.booleans(), min_size=8, max_size=8))
def test_furniture_is_found_in_lower_case_ascii_as_in_any_case(words, upper):
    """ASCII text is matched lower-cased, by case-sensitive twins of the patterns: the same answer."""
    from nato_digest.summarize import _FURNITURE, _PAGE_LABEL

    text = " ".join(w.upper() if up else w.title() for w, up in zip(words, upper))
    stripped = text.strip()
    caption, label, furniture = _FURNITURE.any_case
    expected = bool(caption.search(stripped) or label.match(stripped) or furniture.search(stripped) or _PAGE_LABEL.search(stripped))
    assert is_furniture(text) == expected


_SPEECH_WORDS = "he she they said says added Told asked according to “quoted he said,” \" it stood ready".split()


@given(st.lists(st.sampled_from(_SPEECH_WORDS), max_size=10), st.lists(st.booleans(), min_size=10, max_size=10))
def test_speech_is_found_in_lower_case_ascii_as_in_any_case(words, upper):
    """Speech outside quotations is matched in ASCII text lower-cased, by case-sensitive twins: the
    same answer as the case-insensitive patterns give."""
    from nato_digest.summarize import _PRONOUN_OPENERS, _PRONOUN_SPEAKER, _QUOTED, _SPEAKERS, _unquoted_match

    text = " ".join(w.upper() if up else w.title() for w, up in zip(words, upper))
    for speaker in _SPEAKERS:
        assert _unquoted_match(speaker, text) == bool(speaker.any_case[0].search(_QUOTED.sub(" ", text)))
    opener = text.split()[0].strip("“\"‘'(").lower() if text.split() else ""
    assert follows_on(text) == (opener in _PRONOUN_OPENERS or bool(_PRONOUN_SPEAKER.search(_QUOTED.sub(" ", text))))


@pytest.mark.parametrize(
    "text",
    [
        "Close to 500 people joined the rally in Ankara on Sunday.",
        "Related talks on the pipeline will resume in Vienna next week.",
        "Watch lists of suspects were shared with Ankara, officials said.",
        "In this week's meeting, the ministers agreed on new air patrols.",
        "More than 30 aircraft took part, an ABC News/AP count found.",
        "The ministry updated its figures on Monday.",
    ],
)
def test_news_that_looks_like_a_label_is_not_furniture(text):
    assert not is_furniture(text)


def test_a_pronoun_opens_a_summary_sentence_only_after_the_sentence_before_it():
    assert follows_on("He said the alliance stood ready.") and follows_on("“We will not accept this,” he said.")
    assert not follows_on("NATO said it stood ready.")
    story = document()
    starts = [s.start for s in story.sentences if s is not story.headline]
    for count in range(1, 8):
        extracts = SUMMARIZERS["news"](story, count)
        chosen = {e.start for e in extracts}
        for e in extracts:
            if follows_on(e.text):
                assert starts[starts.index(e.start) - 1] in chosen


def test_a_quotation_over_several_sentences_is_taken_whole_with_its_speaker_or_not_at_all():
    text = (
        "NATO Concerned\n\n"
        "NATO is concerned about Russian air strikes in Syria, its Secretary General said on Thursday in Brussels.\n\n"
        "“We have seen air strikes, use of cruise missiles, the invasion into Turkish airspace. "
        "We express our concern and remain in close contact with the Turkish government,” said Jens Stoltenberg.\n\n"
        "Ministers will meet again in February to review the alliance's air defences in Turkey."
    )
    for count in (1, 2, 3):
        for extract in SUMMARIZERS["news"](document(text), count):
            assert stands_alone(extract.text) and text[extract.start : extract.end] == extract.text
            if extract.text.startswith("“We have seen"):
                assert extract.text.endswith("said Jens Stoltenberg.")


def test_a_short_article_gets_a_shorter_summary_not_furniture():
    short = "NATO Meets\n\nNATO ministers met in Brussels on Tuesday to discuss the Russian jet.\n\nTweet with a location\n\n(Associated Press)"
    assert [e.text for e in SUMMARIZERS["news"](document(short), 3)] == ["NATO ministers met in Brussels on Tuesday to discuss the Russian jet."]


def test_the_shipped_scorer_weighs_every_feature_and_prefers_the_lead():
    scorer = default_scorer()
    assert scorer.weights.shape == (len(FEATURES),)
    assert scorer.weights[FEATURES.index("position")] < 0


def test_term_weights_come_from_news_at_large_and_then_from_the_corpus_at_hand():
    background = background_statistics()
    [common] = terms("government")
    [rare] = terms("Stoltenberg")
    assert background.idf(rare) > background.idf(common)
    corpus = corpus_statistics([STORY, STORY.replace("Stoltenberg", "Jens Stoltenberg, who")] * 20)
    assert corpus.documents == background.documents + 40
    assert corpus.idf(rare) < background.idf(rare)  # in every article of this corpus: less telling
    assert corpus.idf(common) > background.idf(common)  # in none of them: more telling here


def test_only_term_weighting_methods_change_with_the_corpus():
    statistics = corpus_statistics([STORY])
    assert SUMMARIZERS["news"].for_corpus(statistics).statistics is statistics
    assert SUMMARIZERS["lead"].for_corpus(statistics) is SUMMARIZERS["lead"]
    pipeline = Pipeline().for_corpus([Article("t", STORY)])
    assert pipeline.summarizer.statistics.documents == background_statistics().documents + 1


def test_sparse_term_rows_give_the_dense_centrality_centroid_and_similarity():
    """The summarizer's TF-IDF rows are sparse (memory linear in the document); what it reads of
    them equals the dense matrix's figures."""
    sentences = [s for s in STORY.split("\n\n") if s]
    rows = TermRows.of([Counter(terms(s)) for s in sentences], background_statistics())
    dense = rows.dense()
    later = np.cumsum(dense[::-1], axis=0)[::-1] - dense
    assert np.allclose(rows.with_later(), np.einsum("ij,ij->i", dense, later))
    assert np.allclose(rows.dot(rows.total()), dense @ dense.sum(axis=0))
    assert np.allclose(np.linalg.norm(dense, axis=1), 1.0)
    assert rows.most_similar([0, 2], 4) == pytest.approx(float((dense[[0, 2]] @ dense[4]).max()))
    head, last = rows.split_last()
    assert np.allclose(head.dense(), dense[:-1, :]) and np.allclose(last, dense[-1])


def test_a_long_document_dense_with_names_is_summarised_in_little_memory():
    """Thousands of sentences, nearly every word a distinct name: a dense sentences × terms matrix
    grows with their product; the sparse rows hold one entry per term of each sentence."""
    text = " ".join(f"Anna Surname{i} met Boris Name{i * 7 % 1000} and Carla Third{i % 97}." for i in range(3000))
    document = segment(Article("names", text))
    pool = [s for s in document.sentences if s is not document.headline]
    features, vectors = SUMMARIZERS["news"].scores(document, pool)
    assert len(features) == len(pool) > 2000
    assert vectors.values.size <= sum(len(terms(s.text)) for s in pool)
    assert len(SUMMARIZERS["news"](document)) == 3


@pytest.mark.parametrize("method", ["lexrank", "textrank"])
def test_a_long_document_is_ranked_in_graphs_of_bounded_size(method, monkeypatch):
    """A sentence graph over the whole of a long document grows with the square of its sentences
    (925 MB for 0.5 MB of news); graphs of GRAPH_BLOCK sentences keep the work linear."""
    sizes = []
    original = summarize._pagerank
    monkeypatch.setattr(summarize, "_pagerank", lambda weights, damping: sizes.append(len(weights)) or original(weights, damping))
    text = " ".join(f"Anna Surname{i} met Boris Name{i * 7 % 1000} and Carla Third{i % 97}." for i in range(2500))
    assert len(SUMMARIZERS[method](segment(Article("long", text)), 3)) == 3
    assert sum(sizes) > 2 * summarize.GRAPH_BLOCK and max(sizes) <= summarize.GRAPH_BLOCK


def test_a_block_of_term_rows_is_their_dense_rows_over_the_terms_they_hold():
    sentences = [s for s in STORY.split("\n\n") if s]
    rows = TermRows.of([Counter(terms(s)) for s in sentences], background_statistics())
    dense = rows.dense()
    assert np.array_equal(rows.dense_block(0, len(sentences)), dense)
    held = np.flatnonzero(dense[1:3].any(axis=0))
    assert np.array_equal(rows.dense_block(1, 3), dense[1:3][:, held])


def test_digest_merges_what_several_outlets_reported_alike_and_orders_by_date():
    pipeline = Pipeline()
    corpus = Corpus()
    lede = "NATO foreign ministers agreed on Tuesday to send more surveillance aircraft to Turkey after a Russian jet crossed into Turkish airspace."
    corpus.add(pipeline(Article("b", lede + "\n\nThe talks in Brussels lasted six hours and ended late at night.", date="2015-12-02")))
    corpus.add(pipeline(Article("a", lede.replace("agreed", "decided") + "\n\nRussia denied that its jet had entered Turkish airspace at all.", date="2015-12-01")))
    items = corpus.digest(5)
    merged = [item for item in items if len(item.docs) == 2]
    assert len(merged) == 1 and set(merged[0].docs) == {"a", "b"}
    assert [item.date for item in items] == sorted(item.date for item in items)
    assert len({item.text for item in items}) == len(items)




def test_a_pipeline_without_a_recognizer_summarises_as_the_whole_one():
    """No recognizer: no names, countries, actors or quotes, and the same summaries and digest
    candidates (what summary and digest records carry)."""
    whole, bare = Pipeline(), Pipeline(recognizer=None)
    for article in iter_articles([], on_problem=print):  # the seed corpus
        analysis, summarised = whole(article), bare(article)
        assert analysis.mentions and analysis.quotes and analysis.actors
        assert (summarised.mentions, summarised.actors, summarised.quotes, summarised.margin_mentions) == ((), (), (), ())
        assert summarised.summary == analysis.summary and summarised.document == analysis.document
        assert digest_candidates(summarised.document, 0) == digest_candidates(analysis.document, 0)


def test_a_digest_alone_skips_the_article_summaries_and_is_the_same_digest():
    articles = list(iter_articles([], on_problem=print))  # the seed corpus
    digests = []
    for pipeline in (Pipeline(), Pipeline(summarising=False)):
        corpus = Corpus()
        analyses = [pipeline(article) for article in articles]
        for analysis in analyses:
            corpus.add(analysis)
        digests.append([(item.text, item.docs) for item in corpus.digest(5)])
    assert all(analysis.summary == () for analysis in analyses) and digests[0] == digests[1] and len(digests[0]) == 5
def _cluster_digest(size=None, words=None):
    pipeline = Pipeline()
    corpus = Corpus()
    furniture = "Tweet with a location\n\nYou can add location information to your Tweets, such as your city or precise location.\n\n"
    texts = {
        "reuters": "Russian jet downed\n\n" + furniture + "Turkey shot down a Russian warplane near the Syrian border on Tuesday, the Turkish military said. "
        "The pilots ejected from the burning jet before it crashed in the mountains. He was later found alive. "
        "But the second pilot was killed by ground fire, the rebels said.",
        "ap": "Turkey downs jet\n\nTurkish fighter jets shot down a Russian warplane near the Syrian border on Tuesday. "
        "Moscow called the downing a stab in the back and warned of serious consequences for relations. (Associated Press)",
        "bbc": "NATO meets\n\nNATO ambassadors held an emergency meeting in Brussels after Turkey shot down the Russian warplane. "
        "The alliance called for calm and for talks between Ankara and Moscow to avoid any escalation.",
    }
    for doc, text in texts.items():
        corpus.add(pipeline(Article(doc, text)))
    return corpus.digest(size, words)


def test_digest_puts_the_fact_every_outlet_reported_in_one_line_with_all_its_sources():
    items = _cluster_digest(3)
    assert len(items) == 3
    shared = [item for item in items if "near the Syrian border on Tuesday" in item.text]
    assert len(shared) == 1 and set(shared[0].docs) >= {"reuters", "ap"}
    assert all(not item.text.startswith(("He ", "But ", "Tweet", "You can")) and "Associated Press" not in item.text for item in items)


def test_digest_fits_a_word_budget():
    items = _cluster_digest(words=40)
    assert 0 < sum(len(item.text.split()) for item in items) <= 40
    assert len(_cluster_digest(words=1000)) > len(items)


def test_the_cli_digest_fits_its_word_budget_and_names_every_source():
    import json

    from typer.testing import CliRunner

    from nato_digest.cli import app
    from nato_digest.load import seed_files

    seeds = [str(path) for _, path in seed_files()]
    result = CliRunner().invoke(app, ["summarize", *seeds, "--corpus", "--format", "jsonl", "--digest-words", "60"])
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(items) >= 2 and sum(len(item["text"].split()) for item in items) <= 60
    assert all(item["doc"] in item["docs"] for item in items)


def test_the_digest_pool_stays_bounded_and_keeps_the_fact_every_article_reports(monkeypatch):
    """Past twice ``DIGEST_POOL`` candidates the pool is cut to the best: a long stream of
    articles holds a bounded number of candidates, and the fact a third of them report survives
    the cuts, one line naming its sources."""
    from nato_digest import aggregate
    from nato_digest.load import seed_files

    monkeypatch.setattr(aggregate, "DIGEST_POOL", 12)
    pipeline = Pipeline()
    locals_ = [s.text for _, path in seed_files() for s in segment(Article("seed", path.read_text(encoding="utf-8"))).sentences]
    locals_ = [text for text in locals_ if len(text.split()) > 8 and "“" not in text][:30]
    shared = "Villagers in the far north reported a meteorite that lit up the night sky over the lake on Tuesday."
    corpus = Corpus()
    sizes = []
    for i, local in enumerate(locals_):
        corpus.add(pipeline(Article(f"a{i}", f"{local}\n\n{shared if i % 3 == 0 else ''}")))
        sizes.append(len(corpus._candidates))
    assert len(locals_) == 30 and max(sizes) <= 2 * aggregate.DIGEST_POOL and min(sizes[-10:]) >= aggregate.DIGEST_POOL
    top = corpus.digest(1)[0]
    assert top.text == shared and len(top.docs) == 10


def test_digest_features_from_corpus_totals_are_what_comparing_every_pair_gives():
    """Support, shared term pairs and shared terms are read from corpus-level totals (linear in
    the candidates); each must equal what comparing the candidate with every other article's
    candidates gives."""
    texts = {
        "a": "Turkey shot down a Russian warplane near the Syrian border on Tuesday. The pilots ejected before the jet crashed in the mountains of Latakia.",
        "b": "Turkish jets shot down a Russian warplane near the Syrian border. Moscow warned of serious consequences for its relations with Ankara.",
        "c": "NATO ambassadors met in Brussels after the Russian warplane was downed. The alliance called for calm between Ankara and Moscow.",
    }
    items = [c for order, (doc, text) in enumerate(texts.items(), 1) for c in digest_candidates(segment(Article(doc, text)), order)]
    vectors = digest_vectors(items)
    rows = digest_features(items, vectors)
    assert rows.shape == (len(items), len(DIGEST_FEATURES)) == (6, len(DIGEST_FEATURES))
    column = {name: k for k, name in enumerate(DIGEST_FEATURES)}
    as_dicts = _vector_dicts(vectors)
    for item, vector, row in zip(items, as_dicts, rows):
        others = [(o, v) for o, v in zip(items, as_dicts) if o.doc != item.doc]
        centroid = Counter()
        for _, v in others:
            centroid.update(v)
        support = sum(w * centroid[t] for t, w in vector.items()) / np.sqrt(sum(w * w for w in centroid.values()))
        assert row[column["support"]] == pytest.approx(support)
        words = terms(item.text)
        pairs = list(zip(words, words[1:]))
        other_pairs = {p for o, _ in others for p in zip(terms(o.text), terms(o.text)[1:])}
        assert row[column["shared_pairs"]] == pytest.approx(sum(p in other_pairs for p in pairs) / len(pairs))
        shared = [len({o.doc for o, _ in others if t in o.terms}) for t in words]
        assert row[column["shared_terms"]] == pytest.approx(sum(shared) / len(shared))
    lead = next(k for k, item in enumerate(items) if item.text.startswith("Turkey shot down"))
    assert rows[lead, column["shared_pairs"]] > 0.5 and rows[lead, column["support"]] > rows[-1, column["support"]]
    assert default_digest_scorer().lines.features == DIGEST_FEATURES


def test_digest_candidates_cross_to_the_command_whole():
    """Workers pickle their candidates compactly (the features as bytes): what arrives is the
    candidate, its terms, features and metadata included, and the pool scores it alike."""
    import pickle

    text = "Turkey shot down a Russian warplane near the Syrian border on Tuesday. Moscow warned of serious consequences for Ankara."
    items = [replace(c, about={"title": "Jet"}) for c in digest_candidates(segment(Article("a", text)), 1)]
    back = pickle.loads(pickle.dumps(items))
    assert back == items and len(items) == 2
    for mine, theirs in zip(items, back):
        assert (theirs.terms, theirs.about, theirs.order) == (mine.terms, {"title": "Jet"}, 1)
        assert theirs.features.dtype == np.float32 and np.array_equal(theirs.features, mine.features)
    assert np.array_equal(digest_features(back, digest_vectors(back)), digest_features(items, digest_vectors(items)))


def _vector_dicts(vectors) -> list[dict[str, float]]:
    """Each candidate's vector as a dict, term by term in its own order."""
    found, names = vectors.found, list(vectors.found.ids)
    spans = zip(found.starts[:-1].tolist(), found.starts[1:].tolist())
    return [dict(zip(map(names.__getitem__, found.term[a:b].tolist()), vectors.value[a:b].tolist())) for a, b in spans]


def _reference_unit_vectors(items) -> list[dict[str, float]]:
    """Unit TF-IDF vectors a dict at a time, as the digest weighs terms (log counts, the corpus's IDF)."""
    articles: dict[str, set[str]] = {}
    for item in items:
        articles.setdefault(item.doc, set()).update(item.terms)
    statistics = background_statistics().including_counts(Counter(t for found in articles.values() for t in found), len(articles))
    vectors = []
    for item in items:
        vector = {t: (1 + math.log(n)) * statistics.idf(t) for t, n in Counter(item.terms).items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


_WORDS = st.sampled_from(["nato", "russia", "jet", "border", "talks", "syria", "ankara"])


@given(st.lists(st.tuples(st.sampled_from("abc"), st.lists(_WORDS, max_size=9)), min_size=1, max_size=12))
def test_candidate_vectors_sum_in_the_order_a_loop_over_dicts_adds(drawn):
    """The pool's arrays give each vector and each dot product to the last bit as a loop over
    dicts does (a dot product over the shorter vector's terms, in its order): the digest's choice
    among near-equal lines cannot depend on how its sums are made."""
    items = [
        DigestItem(doc, 0, 1, " ".join(words), 0.0, rank, None, (doc,), 1, tuple(words))
        for rank, (doc, words) in enumerate(drawn)
    ]
    vectors = digest_vectors(items)
    expected = _reference_unit_vectors(items)
    assert _vector_dicts(vectors) == expected
    for k, theirs in enumerate(expected):
        dots = vectors.dots(k).tolist()
        for i, mine in enumerate(expected):
            shorter, longer = (theirs, mine) if len(mine) > len(theirs) else (mine, theirs)
            assert dots[i] == sum(v * longer.get(t, 0.0) for t, v in shorter.items())


def test_a_documents_summary_and_digest_candidates_share_one_computation_of_its_features():
    from nato_digest.summarize import background_statistics, sentence_features, whole_quotations

    document = segment(Article("d", "NATO met in Brussels on Tuesday. Russia said no. Turkey asked for more jets."))
    pool = whole_quotations(document)
    assert whole_quotations(document) is pool
    statistics = background_statistics()
    first = sentence_features(document, pool, statistics)
    assert sentence_features(document, pool, statistics) is first
    other = statistics.including([document.article.text])
    again = sentence_features(document, pool, other)
    assert again is not first and np.allclose(again[0][:, 0], first[0][:, 0])


@given(st.text(alphabet="“”‘’\"ab ", max_size=60))
def test_a_quotation_is_matched_from_the_last_opening_before_its_close(text):
    """No match holds a second opening mark of its kind: the scan from an opening stops at the next
    one, so a sentence of thousands of marks never closed is read once, not once per mark."""
    from nato_digest.summarize import _QUOTED

    for match in _QUOTED.finditer(text):
        quoted = match.group()
        opening = quoted[0]
        assert opening in "“‘\"" and opening not in quoted[1:-1]
    assert [m.group() for m in _QUOTED.finditer("He said “we “will” go” and ‘no’.")] == ["“will”", "‘no’"]


def test_a_batch_of_articles_is_analysed_as_each_alone():
    """Pipeline.many tags the batch together; each analysis is the one of the article alone, and
    Digesting.many gives the same digest candidates."""
    articles = [*iter_articles([], on_problem=print), Article("short", "Jens Stoltenberg visited Ankara on Monday.")]
    pipeline = Pipeline()
    assert list(pipeline.many(articles)) == [pipeline(article) for article in articles]
    digesting = Digesting(pipeline)
    assert list(digesting.many(articles)) == [digesting(article) for article in articles]


def test_a_batch_holds_a_bounded_length_of_text_at_once(monkeypatch):
    """Pipeline.many segments and tags at most BATCH_CHARACTERS of articles together (a long one
    alone), so a batch of long documents holds the memory of a few, not of all of them; the
    analyses are those of the articles alone."""
    segmented, analysed = [], []
    segmenter = Pipeline().segmenter

    def counting(article):
        segmented.append(article.doc)
        return segmenter(article)

    monkeypatch.setattr(Pipeline, "BATCH_CHARACTERS", 250)
    pipeline = Pipeline(segmenter=counting)
    sentence = "Jens Stoltenberg met Ahmet Davutoglu in Ankara on Monday, officials said. "
    articles = [Article(f"d{n}", sentence * (12 if n == 3 else 1)) for n in range(7)]
    ahead = []
    for analysis in pipeline.many(articles):
        analysed.append(analysis.doc)
        ahead.append(len(segmented) - len(analysed))
        assert analysis == Pipeline()(articles[int(analysis.doc[1:])])
    assert analysed == [a.doc for a in articles] and max(ahead) == 2  # three short ones fit in 250 characters
    assert segmented.index("d3") == analysed.index("d3")  # the long one alone


def test_the_background_is_every_row_of_its_table_scaled():
    import gzip
    from importlib import resources

    text = gzip.decompress((resources.files("nato_digest") / "/".join(summarize.TERM_STATISTICS_PATH)).read_bytes()).decode("utf-8")
    rows = [line.split("\t") for line in text.splitlines()]
    scale = summarize.BACKGROUND_DOCUMENTS / float(rows[0][1])
    background = summarize.background_statistics()
    assert list(background.frequencies.items()) == [(stem, int(count) * scale) for stem, count in rows[1:]]
    assert background.documents == summarize.BACKGROUND_DOCUMENTS
