from __future__ import annotations

import gzip
import io
import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nato_digest import entities
from nato_digest.entities import (
    LABELS,
    MODEL_PATH,
    DocumentContext,
    SentenceView,
    TaggerModel,
    _forbidden_transitions,
    _like_lengths,
    _pronoun_from,
    _pronouns_after,
    consistent_spans,
    default_model,
    default_recognizer,
    sentence_features,
    spans_from_labels,
    to_bilou,
    viterbi,
    viterbi_batch,
)
from nato_digest.aggregate import counts_for_country
from nato_digest.gazetteers import given_names, places, surnames, word_zipf
from nato_digest.load import iter_articles
from nato_digest.model import Article
from nato_digest.pipeline import Pipeline
from nato_digest.segment import segment


def mentions(text: str) -> list[tuple[str, str]]:
    document = segment(Article("t", text))
    found = default_recognizer()(document)
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "NATO Secretary-General Jens Stoltenberg met Turkish Prime Minister Ahmet Davutoglu in Brussels on Monday.",
            [("NATO", "ORG"), ("Jens Stoltenberg", "PER"), ("Turkish", "MISC"), ("Ahmet Davutoglu", "PER"), ("Brussels", "LOC")],
        ),
        (
            "“We will not leave,” said Mr. Kerry after talks with Russian President Vladimir Putin in Moscow.",
            [("Kerry", "PER"), ("Russian", "MISC"), ("Vladimir Putin", "PER"), ("Moscow", "LOC")],
        ),
        (
            "Mr Howard told the BBC that Labour would lose.",
            [("Howard", "PER"), ("BBC", "ORG"), ("Labour", "ORG")],
        ),
        (
            "The European Union and the United Nations condemned the attack on Aleppo.",
            [("European Union", "ORG"), ("United Nations", "ORG"), ("Aleppo", "LOC")],
        ),
    ],
)
def test_mentions_on_real_sentences(text, expected):
    assert mentions(text) == expected


def test_all_caps_headline():
    found = dict(mentions("RUSSIA WARNS TURKEY OVER DOWNED JET\n\nMoscow said on Tuesday that Ankara would pay."))
    assert found["RUSSIA"] == "LOC" and found["TURKEY"] == "LOC" and found["Moscow"] == "LOC"


def test_one_type_per_name_in_an_article():
    text = " ".join(["Petofi beat Vasas 2-1 on Sunday."] * 3 + ["Coach Kovacs praised Petofi."])
    labels = {label for name, label in mentions(text) if name == "Petofi"}
    assert len(labels) == 1


def test_bilou_and_spans():
    bio = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "I-LOC", "O", "B-ORG"]
    bilou = to_bilou(bio)
    assert bilou == ["B-PER", "L-PER", "O", "U-LOC", "B-LOC", "I-LOC", "L-LOC", "O", "U-ORG"]
    assert spans_from_labels(bilou) == spans_from_labels(bio) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 7, "LOC"), (8, 9, "ORG")]


def test_viterbi_never_breaks_bilou_constraints():
    rng = np.random.default_rng(0)
    transition, start, end = _forbidden_transitions()
    for _ in range(50):
        emission = rng.normal(size=(7, len(LABELS))).astype(np.float32)
        path = [LABELS[j] for j in viterbi(emission, transition, start, end)]
        assert path[0][0] in "OBU" and path[-1][0] in "OLU"
        for a, b in zip(path, path[1:]):
            assert (a[0] in "BI") == (b[0] in "IL")
            if b[0] in "IL":
                assert a[2:] == b[2:]


def test_shipped_model_is_small_text():
    from importlib import resources

    resource = resources.files("nato_digest") / "/".join(MODEL_PATH)
    data = resource.read_bytes()
    assert data[:2] == b"\x1f\x8b" and len(data) < 10_000_000


def test_a_title_case_headline_is_not_one_long_name():
    found = mentions("Elizabeth Warren Hammers Wells Fargo Over Fake Accounts\n\nSen. Elizabeth Warren criticised Wells Fargo on Tuesday.")
    assert ("Elizabeth Warren Hammers Wells Fargo", "PER") not in found
    assert [name for name, _ in found[:2]] == ["Elizabeth Warren", "Wells Fargo"]


def test_a_given_name_before_a_surname_is_a_person_not_a_place():
    assert mentions("Chad Smith said he would retire.") == [("Chad Smith", "PER")]


def test_washington_dc_is_one_place():
    assert mentions("Thousands rallied in Washington, D.C. on Saturday.") == [("Washington, D.C.", "LOC")]


def test_a_surname_after_the_full_name_is_the_same_person_everywhere():
    text = "Jeb Bush attacked Donald Trump.\n\n“Jeb wants to be a tough guy tonight,” Trump shot back."
    assert ("Trump", "PER") in mentions(text)


def test_dateline_and_caption_names_are_margin_mentions_kept_out_of_the_analyses():
    text = (
        "FILE PHOTO: Britain's Prime Minister Boris Johnson speaks in London, Britain, December 2, 2020.\n\n"
        "LONDON, Dec 7 (Reuters) - Britain said on Monday that talks with the European Union would go on."
    )
    analysis = Pipeline()(Article("t", text))
    margins = {(m.text, m.label) for m in analysis.margin_mentions}
    assert {("Boris Johnson", "PER"), ("LONDON", "LOC"), ("Reuters", "ORG")} <= margins
    assert all(m.sentence == -1 and text[m.start : m.end] == m.text for m in analysis.margin_mentions)
    assert {m.text for m in analysis.mentions} == {"Britain", "European Union"}
    assert "Reuters" not in {a.name for a in analysis.actors}


def test_a_results_table_names_teams_not_countries():
    analysis = Pipeline()(Article("t", "NHL results on Saturday:\n\nNEW YORK 4 BOSTON 2\n\nTORONTO 3 MONTREAL 1"))
    assert not [m.text for m in analysis.mentions if counts_for_country(m)]


def test_the_lexicons_ship_with_the_package():
    assert word_zipf()["the"] == "7" and "christmas" in word_zipf()
    assert {"Avril", "Jens"} <= given_names() and {"Haines", "Stoltenberg"} & surnames()
    single, phrases = places()
    assert "sapporo" in single and phrases.matches(["in", "Buenos", "Aires"])


def _training_view_scores(model: TaggerModel, views: list[SentenceView], context: DocumentContext) -> list[np.ndarray]:
    """Emission scores summed feature by feature from the strings training sees."""
    return [
        np.array([sum((model.emission[model.index[f]] for f in token if f in model.index), np.zeros(len(LABELS))) for token in sentence_features(view, context)])
        for view in views
    ]


def test_cached_scoring_equals_the_features_training_sees():
    text = (
        "NATO CHIEF WARNS RUSSIA OVER SYRIA\n\n"
        "Stoltenberg Meets Erdogan In Ankara\n\n"
        "Secretary General Jens Stoltenberg told reporters in Brussels that Russia must stop. "
        "Stoltenberg, who met Turkish Prime Minister Ahmet Davutoglu, said shares of Energean rose."
    )
    document = segment(Article("t", text))
    views = [SentenceView.of([t.text for t in s.tokens]) for s in document.sentences + document.margins]
    context = DocumentContext.of(views)
    model = TaggerModel(default_model().index, default_model().emission, default_model().transition, default_model().start)
    expected = _training_view_scores(model, views, context)
    model._CACHE_LIMIT = 40  # smaller than the document: every look-up starts the caches afresh
    model.__post_init__()
    for _ in range(2):  # cold caches, then warm ones
        for got, want in zip(model.document_scores(views, context), expected):
            np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


def test_a_long_document_is_tagged_block_by_block_as_it_would_be_whole(monkeypatch):
    """Blocks bound the memory of scoring a long document; the labels are those of one block."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] * 8
    text = "\n\n".join(f"Jens Stoltenberg met Ahmet Davutoglu in Ankara on {day}. NATO said Russia must stop." for day in days)
    document = segment(Article("long", text))
    views = [SentenceView.of([t.text for t in s.tokens]) for s in document.sentences + document.margins]
    context = DocumentContext.of(views)
    model = default_model()
    whole = model.tag_document(views, context)
    monkeypatch.setattr(TaggerModel, "BLOCK", 7)
    assert model.tag_document(views, context) == whole and len(views) == 80
    assert whole[0][:2] == ["B-PER", "L-PER"] and whole[1][0] == "U-ORG"


def test_batched_viterbi_finds_each_sentences_best_path():
    rng = np.random.default_rng(1)
    transition, start, end = _forbidden_transitions()
    transition = transition + rng.normal(size=transition.shape).astype(np.float32)
    emissions = [rng.normal(size=(n, len(LABELS))).astype(np.float32) for n in (3, 1, 2, 3)]

    def score(emission, path):
        total = start[path[0]] + end[path[-1]] + sum(emission[t, j] for t, j in enumerate(path))
        return total + sum(transition[a, b] for a, b in zip(path, path[1:]))

    for emission, path in zip(emissions, viterbi_batch(emissions, transition, start, end)):
        best = max(itertools.product(range(len(LABELS)), repeat=len(emission)), key=lambda p: score(emission, p))
        assert len(path) == len(emission)
        assert score(emission, path) == pytest.approx(score(emission, best))


@given(st.lists(st.integers(1, 30), min_size=1, max_size=25), st.integers(0, 2**32 - 1))
def test_a_sentences_path_is_the_same_whichever_sentences_share_its_batch(lengths, seed):
    rng = np.random.default_rng(seed)
    transition, start, end = _forbidden_transitions()
    transition = transition + rng.normal(size=transition.shape).astype(np.float32)
    emissions = [rng.normal(size=(n, len(LABELS))).astype(np.float32) for n in lengths]
    alone = [viterbi_batch([emission], transition, start, end)[0] for emission in emissions]
    assert viterbi_batch(emissions, transition, start, end) == alone
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entities, "VITERBI_CELLS", 8)  # batches cut by length, not by the budget
        assert viterbi_batch(emissions, transition, start, end) == alone


def _viterbi_keeping_every_predecessor(emission, transition, start, end):
    """The textbook Viterbi, one sentence at a time, each cell's best predecessor kept (argmax:
    the lowest label among ties)."""
    score, back = start + emission[0], []
    for t in range(1, len(emission)):
        total = score[:, None] + transition  # [from, to]
        back.append(total.argmax(axis=0))
        score = total.max(axis=0) + emission[t]
    label = int((score + end).argmax())
    path = [label]
    for pointers in reversed(back):
        label = int(pointers[label])
        path.append(label)
    return path[::-1]


@given(st.lists(st.integers(1, 30), min_size=1, max_size=25), st.integers(0, 2**32 - 1))
def test_ties_go_to_the_lowest_label_as_when_every_predecessor_was_kept(lengths, seed):
    """Small whole-number weights tie often: the batch's paths break ties as the textbook does."""
    rng = np.random.default_rng(seed)
    transition, start, end = _forbidden_transitions()
    transition = transition + rng.integers(-1, 2, size=transition.shape).astype(np.float32)
    emissions = [rng.integers(-2, 3, size=(n, len(LABELS))).astype(np.float32) for n in lengths]
    expected = [_viterbi_keeping_every_predecessor(emission, transition, start, end) for emission in emissions]
    assert viterbi_batch(emissions, transition, start, end) == expected


@given(st.lists(st.integers(1, 100_000), min_size=1, max_size=300))
def test_sentences_are_padded_to_within_twice_their_tokens_or_the_budget(lengths):
    """A sentence of 60,000 words among a thousand of two once padded them all to its length (5 GB)."""
    order = sorted(range(len(lengths)), key=lambda k: -lengths[k])
    batches = list(_like_lengths(order, lengths))
    assert [k for batch in batches for k in batch] == order
    for batch in batches:
        cells, tokens = lengths[batch[0]] * len(batch), sum(lengths[k] for k in batch)
        assert cells <= max(entities.VITERBI_CELLS, 2 * tokens)
    assert sum(lengths[batch[0]] for batch in batches) <= sum(lengths)  # steps: at most one per token


class _CountedReads(list):
    """A list that counts the items read from it."""

    reads = 0

    def __getitem__(self, index):
        type(self).reads += 1
        return super().__getitem__(index)


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["he", "it", "they", "said", "x"])), max_size=40))
def test_the_pronoun_after_each_name_is_the_one_after_its_run_of_capitals(words):
    upper, lower = [u for u, _ in words], [w for _, w in words]
    names = [i for i, u in enumerate(upper) if u]

    def after(i):  # the rest of the name first, then the words after it
        end = i + 1
        while end < len(upper) and upper[end]:
            end += 1
        return _pronoun_from(upper, lower, end, 6)

    assert _pronouns_after(upper, lower, names, 6) == {i: after(i) for i in names}


def test_a_run_of_thousands_of_capitals_is_read_once_for_the_pronoun_after_it():
    def reads(count):
        _CountedReads.reads = 0
        upper = _CountedReads([True] * count + [False, False])
        found = _pronouns_after(upper, ["nato"] * count + ["said", "it"], range(count), 6)
        assert set(found.values()) == {"N"}
        return _CountedReads.reads

    assert reads(4000) <= 4.4 * reads(1000)  # each name reading the run after it is quadratic


def test_a_saved_model_reads_back_the_same(tmp_path):
    rng = np.random.default_rng(2)
    emission = np.where(rng.random((4, len(LABELS))) < 0.3, rng.normal(size=(4, len(LABELS))), 0).astype(np.float32)
    emission[0, 3] = 1.5  # every row keeps a weight, as pruning leaves them
    emission[:, 0] += 0.25
    model = TaggerModel({"w=NATO": 0, "l=nato": 1, "b-=the|alliance": 2, "s3=Xx|x|x": 3}, emission, rng.normal(size=(len(LABELS),) * 2).astype(np.float32), rng.normal(size=len(LABELS)).astype(np.float32))
    model.save(tmp_path / "model.tsv.gz")
    with gzip.open(tmp_path / "model.tsv.gz", "rt", encoding="utf-8") as stream:
        read = TaggerModel.read(stream)
    assert read.index == model.index
    np.testing.assert_array_equal(read.emission, model.emission)  # the weights' own bits
    for got, want in ((read.transition, model.transition), (read.start, model.start)):
        np.testing.assert_allclose(got, want, rtol=1e-3)


def test_the_shipped_model_is_a_line_per_feature_after_its_header():
    from importlib import resources

    text = gzip.decompress((resources.files("nato_digest") / "/".join(MODEL_PATH)).read_bytes()).decode("utf-8")
    lines = text.rstrip("\n").split("\n")
    header = [line.partition("\t")[0] for line in lines if line.startswith("#")]
    assert header == ["#labels", "#transition", "#start", "#counts", "#columns", "#weights"]
    assert lines[len(header) :] == list(default_model().index) and "\t" not in text.partition("\n#weights\t")[2]


def test_every_bigram_reads_the_weights_of_its_two_features():
    model = default_model()
    bigrams = [feature for feature in model.index if feature.startswith(("b-=", "b+="))]
    assert len(bigrams) > 10_000
    zero = np.zeros(len(LABELS), dtype=np.float32)
    for feature in bigrams:
        left, _, right = feature[3:].partition("|")
        vectors = model._bigram_vectors[model._bigram_keys[left, right]]
        np.testing.assert_array_equal(vectors[int(feature[1] == "+")], model.emission[model.index[feature]])
        other = ("b+=" if feature[1] == "-" else "b-=") + feature[3:]
        np.testing.assert_array_equal(vectors[int(feature[1] == "-")], model.emission[model.index[other]] if other in model.index else zero)
    np.testing.assert_array_equal(model._bigram_vectors[-1], [zero, zero])  # a bigram never seen


def test_a_model_file_without_its_weights_is_refused():
    with pytest.raises(ValueError, match="lacks weights"):
        TaggerModel.read(io.StringIO("#labels\t" + " ".join(LABELS) + "\n#transition\t0\n#start\t0\nw=NATO\n"))


def test_a_name_opening_a_sentence_takes_the_type_the_prose_gives_it_mid_sentence():
    views = [SentenceView.of(s.split()) for s in ("Energean shares rose .", "Analysts said Energean would grow .", "Fans cheered Japan .", "Talks in Japan ended .")]
    tagged = [[(0, 1, "PER")], [(2, 3, "ORG")], [(2, 3, "ORG")], [(2, 3, "LOC")]]
    # mid-sentence, a name keeps the tagger's type (a team in one line, the country in the next)
    assert consistent_spans(views, tagged) == [[(0, 1, "ORG")], [(2, 3, "ORG")], [(2, 3, "ORG")], [(2, 3, "LOC")]]
    # where the prose never names it mid-sentence, the tagger's reading stands
    assert consistent_spans(views[:1], tagged[:1]) == [[(0, 1, "PER")]]


def test_a_one_word_name_that_is_the_surname_of_a_person_named_in_full_is_that_person():
    views = [SentenceView.of(s.split()) for s in ("Former President Barack Obama spoke .", "She served under Obama , officials said .")]
    tagged = [[(2, 4, "PER")], [(3, 4, "LOC")]]
    assert consistent_spans(views, tagged) == [[(2, 4, "PER")], [(3, 4, "PER")]]


def test_a_name_opening_a_quotation_is_typed_as_the_prose_types_it():
    views = [SentenceView.of(s.split()) for s in ('He said " Energean will grow " .', "Analysts said Energean would grow .")]
    tagged = [[(3, 4, "PER")], [(2, 3, "ORG")]]
    assert consistent_spans(views, tagged) == [[(3, 4, "ORG")], [(2, 3, "ORG")]]


def test_the_article_says_whether_a_name_ever_stands_beside_another_name():
    views = [SentenceView.of(s.split()) for s in (
        "Linde said Avril Haines would visit .",
        "The Trojans met Haines , and Linde grew .",
    )]
    context = DocumentContext.of(views)
    # a person is named in full once; a one-word company stands alone; "The" opens a sentence and joins nothing
    assert (context.runs["Avril"], context.runs["Haines"], context.runs["Linde"], context.runs["Trojans"]) == ("L", "R", "", "")
    features = sentence_features(views[1], context)
    assert "run=R" in features[3] and "run=" in features[6]


def test_the_article_says_which_pronouns_follow_a_name():
    views = [SentenceView.of(s.split()) for s in (
        "Energean said it would grow , and Rihanna , who sang , agreed .",
        "In Charlotte , Mayor Jennifer Roberts said that she and the Trojans , and their fans , met .",
    )]
    context = DocumentContext.of(views)
    # the nearest name before a pronoun takes it (every word of that name): not "Charlotte"
    assert (context.pronouns["Energean"], context.pronouns["Rihanna"], context.pronouns["Jennifer"], context.pronouns["Roberts"]) == ("N", "P", "P", "P")
    assert "Charlotte" not in context.pronouns
    assert context.pronouns["Trojans"] == "G"
    features = sentence_features(views[0], context)
    assert "pro=N" in features[0] and "pro=P" in features[7]


def test_the_words_that_end_events_and_laws_are_a_word_class_of_their_own():
    view = SentenceView.of("The Internal Market Bill passed before the Chicago Marathon and the WORLD CUP .".split())
    features = sentence_features(view, DocumentContext.of([view]))
    assert ("mw" in features[3], "mw+1" in features[2], "mw" in features[8], "mw" in features[12]) == (True, True, True, True)
    assert not any("mw" in f for f in features[1]) and "mw" not in features[0]


def test_months_and_weekdays_are_a_word_class_of_their_own():
    view = SentenceView.of("OTTAWA , Dec 7 ( Reuters ) - Talks end on Sept. 3 , a Tuesday .".split())
    features = sentence_features(view, DocumentContext.of([view]))
    for i in (2, 11, 15):
        assert "cal" in features[i]
    assert "cal" not in features[0]


def test_a_holiday_that_dates_the_news_is_no_name():
    """1996 Reuters never printed Christmas; as a calendar word it is tagged as months are."""
    pipeline = Pipeline()
    for text in ("Ski resorts in Austria will stay closed over the Christmas and Easter holidays, the government said.",
                 "Shops in Oslo will stay open longer over Christmas and in January."):
        names = {m.text for m in pipeline(Article("h", text)).mentions}
        assert not names & {"Christmas", "Easter"} and names & {"Austria", "Oslo"}


def test_new_words_are_summed_a_bounded_batch_at_a_time():
    """A document of 10,000 new words builds the features of ADD_AT_ONCE of them at a time, not of
    all at once (a long run of new names held millions of feature strings)."""
    from nato_digest.entities import _VectorCache

    summed = []

    def sums(groups):
        summed.append(len(groups))
        return np.ones((len(groups), len(LABELS)), dtype=np.float32)

    cache = _VectorCache(lambda word: [[word], ["+" + word]], sums, 100_000)
    words = [f"w{i}" for i in range(10_000)]
    assert cache.rows(words).tolist() == list(range(10_000))
    assert max(summed) <= 2 * _VectorCache.ADD_AT_ONCE and sum(summed) == 2 * len(words)
    assert cache.rows(["w5", "new", "w5"]).tolist() == [5, 10_000, 5]


BATCH = [
    "Michael Jordan scored 40 points for Chicago. Jordan said he was tired.",
    "King Abdullah of Jordan met NATO officials in Amman. Jordan said it would help.",
    "",
    "ANKARA - Jens Stoltenberg told reporters that Turkey and Russia must talk.\n\nPhoto: Reuters",
]


def _batch_documents():
    seeds = [a for a in iter_articles([], on_problem=print)]  # the seed corpus
    return [segment(a) for a in seeds] + [segment(Article(str(k), text)) for k, text in enumerate(BATCH)]


def test_documents_recognized_together_find_what_each_finds_alone():
    """Each document keeps its own context ("Jordan" the player, "Jordan" the country)."""
    documents = _batch_documents()
    recognizer = default_recognizer()
    alone = [recognizer.recognize(d) for d in documents]
    assert recognizer.recognize_many(documents) == alone
    assert ("Jordan", "PER") in {(m.text, m.label) for m in alone[2][0]} and ("Jordan", "LOC") in {(m.text, m.label) for m in alone[3][0]}


def test_a_batch_of_documents_is_decoded_in_the_viterbi_steps_of_its_longest_sentence(monkeypatch):
    """The steps of Viterbi (one numpy pass per position of the longest sentence decoded together)
    are paid once for the batch, not once for each document."""
    steps = []
    decode = entities._viterbi_longest_first

    def counted(emissions, *weights):
        steps.append(len(emissions[0]))
        return decode(emissions, *weights)

    monkeypatch.setattr(entities, "_viterbi_longest_first", counted)
    documents = _batch_documents()
    recognizer = default_recognizer()
    for document in documents:
        recognizer.recognize(document)
    alone, steps[:] = list(steps), []
    recognizer.recognize_many(documents)
    assert steps == [max(alone)] and len(alone) == len(documents) - 1  # the empty one is not decoded
