"""Summarizers, length options and the corpus digest."""

from __future__ import annotations

import pytest

from nato_digest.aggregate import Corpus
from nato_digest.model import Article
from nato_digest.pipeline import Pipeline
from nato_digest.segment import segment
from nato_digest.summarize import SUMMARIZERS, background_statistics, corpus_statistics, stand_alone_penalty, terms

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
    assert not any(t.startswith(("“", "But", "The aircraft, pictured")) for t in texts)


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


def test_stand_alone_penalty():
    assert stand_alone_penalty("NATO foreign ministers agreed on Tuesday to send more aircraft to Turkey.") == 0
    assert stand_alone_penalty("But the dispute has raised fears of a wider confrontation in the region.") > 0
    assert stand_alone_penalty("“We will not accept this, not now and not ever,” he said firmly.") > 0
    assert stand_alone_penalty("Too short.") > 0
    assert stand_alone_penalty("We remain in close contact with the Turkish government, “- said the Secretary General.") > 0


def test_a_quotation_with_no_one_saying_it_reads_worse_than_one_with_its_speaker():
    attributed = stand_alone_penalty("“We will not accept this, not now and not ever,” Stoltenberg said in Brussels.")
    bare = stand_alone_penalty("'Which is remarkable when you consider what it is she does.'")
    assert bare > attributed > 0


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
