"""Any text, however odd, is analysed without an error, and every offset points at its own text;
actor linking does work linear in the number of mentions, and corpus tables in the number of names."""

from __future__ import annotations

import random
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nato_digest import actors
from nato_digest.countries import assign_countries
from nato_digest.aggregate import Corpus
from nato_digest.model import Actor, Analysis, Article, Mention, Token
from nato_digest.pipeline import Pipeline

PIPELINE = Pipeline()

PIECES = [
    '"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", ".", "...", "\u2026", " ", "  ",
    "\n", "\n\n", "\r\n", "\t", "-", "\u2013", "\u2014", "\x00", "\x07", "\x1b", "\u200b", "\u200d", "\ufeff",
    "Mr.", "U.S.", "Dr.", "NATO", "Jens", "Stoltenberg", "Mrs", "Putin", "said", "he said", ":", ",",
    "A", "B", "C", "the", "of", "Brussels", "Russia", "(", ")",
]  # fmt: skip
odd_text = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


def spans(analysis) -> list[tuple[str, int, int, str]]:
    """Every (what, start, end, text) the analysis claims about the article's text."""
    document = analysis.document
    found = [("sentence", s.start, s.end, s.text) for s in (*document.sentences, *document.margins)]
    found += [("token", t.start, t.end, t.text) for s in document.sentences for t in s.tokens]
    found += [("mention", m.start, m.end, m.text) for m in (*analysis.mentions, *analysis.margin_mentions, *analysis.references)]
    found += [("quote", q.start, q.end, q.text) for q in analysis.quotes]
    found += [("speaker", q.speaker_start, q.speaker_end, q.speaker_mention) for q in analysis.quotes if q.speaker_start is not None]
    found += [("summary", e.start, e.end, e.text) for e in analysis.summary]
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_text)
def test_odd_text_never_raises_and_every_offset_points_at_its_text(text):
    analysis = PIPELINE(Article("odd", text))
    for what, start, end, claimed in spans(analysis):
        assert text[start:end] == claimed, (what, start, end, claimed)


def spelt_apart(number: int) -> str:
    """A given name at least three edits from that of every other number (each letter written thrice)."""
    return "".join(3 * "abcdefghijklmnoprstv"[number // 20**k % 20] for k in range(3)).title()


def people(count: int) -> list[Mention]:
    """``count`` people named in full, then each by surname, then ``count`` people of one surname,
    each followed by the bare surname: the mentions of a long document."""
    full = [Mention(i * 40, i * 40 + 14, f"Anna Surname{i}", "PER") for i in range(count)]
    short = [Mention(count * 40 + i * 20, count * 40 + i * 20 + 9, f"Surname{i}", "PER") for i in range(count)]
    namesakes = [Mention(count * 60 + i * 40, count * 60 + i * 40 + 15, f"{spelt_apart(i)} Smith", "PER") for i in range(count)]
    bare = [Mention(count * 60 + i * 40 + 20, count * 60 + i * 40 + 25, "Smith", "PER") for i in range(count)]
    return sorted(full + short + namesakes + bare, key=lambda m: m.start)


def comparisons(count: int, monkeypatch) -> int:
    """The persons a name is weighed against (their genders compared) while linking ``people``."""
    calls = []
    original = actors.compatible
    monkeypatch.setattr(actors, "compatible", lambda a, b: calls.append(1) or original(a, b))
    linked = actors.link_actors(PIPELINE.segmenter(Article("d", "")), people(count))
    assert len(linked.actors) == 2 * count  # each surname found its own person, and each Smith
    monkeypatch.setattr(actors, "compatible", original)
    return len(calls)


def test_actor_linking_compares_a_name_only_with_persons_it_can_be(monkeypatch):
    small, large = comparisons(200, monkeypatch), comparisons(800, monkeypatch)
    assert large <= 4 * small + 10  # four times the mentions, four times the work (pairwise: sixteen)


def organisation_lookups(count: int, monkeypatch) -> int:
    """Organisation mentions looked at while linking ``count`` mentions of one organisation."""
    looked = []
    original = actors._longest_ending
    monkeypatch.setattr(actors, "_longest_ending", lambda mentions: looked.append(len(mentions)) or original(mentions))
    mentions = [Mention(i * 10, i * 10 + 3, "Yes", "ORG") for i in range(count)]
    linked = actors.link_actors(PIPELINE.segmenter(Article("d", "")), mentions)
    assert [(a.name, a.mentions) for a in linked.actors] == [("Yes", count)]
    return sum(looked)


def test_organisation_linking_reads_the_mentions_once(monkeypatch):
    assert organisation_lookups(2000, monkeypatch) == 2000  # once, not once per mention


def test_a_country_word_is_checked_against_the_mentions_without_reading_them_all():
    from nato_digest.countries import _Spans

    spans = _Spans([(0, 5), (10, 30), (12, 14), (40, 41)])
    assert [spans.overlap(s, e) for s, e in [(5, 10), (4, 6), (29, 35), (30, 40), (41, 50), (13, 13)]] == [False, True, True, False, False, True]



def reads_while(kind: type, monkeypatch, work: Callable[[], object]) -> tuple[object, int]:
    """``work()``'s result and how many attributes of objects of ``kind`` (Mention, Token) it read:
    work counted, not timed."""
    reads = []
    original = kind.__getattribute__
    monkeypatch.setattr(kind, "__getattribute__", lambda item, name: reads.append(1) or original(item, name))
    try:
        return work(), len(reads)
    finally:
        monkeypatch.undo()


def role_lookups(count: int, monkeypatch) -> int:
    """Attributes of mentions read while linking ``count`` people, each named with a role in
    apposition after a Turkish organisation: what a long document's roles cost."""
    text = " ".join(f"The Turkish ministry met Anna Surname{i}, the Turkish prime minister, on Monday." for i in range(count))
    document = PIPELINE.segmenter(Article("d", text))
    mentions = assign_countries(document, PIPELINE.recognizer.recognize(document)[0])
    assert sum(m.label == "PER" for m in mentions) == count
    linked, reads = reads_while(Mention, monkeypatch, lambda: actors.link_actors(document, mentions))
    assert all(a.roles for a in linked.actors if a.type == "PER")
    return reads


def test_roles_are_found_by_position_not_by_a_pass_over_every_mention(monkeypatch):
    small, large = role_lookups(100, monkeypatch), role_lookups(400, monkeypatch)
    assert large <= 4 * small + 100  # four times the mentions, four times the reads (pairwise: sixteen)


def title_reads(count: int, monkeypatch) -> int:
    """Attributes of tokens read while linking ``count`` people named after their titles in one
    sentence that never stops: what looking behind a name for its title costs."""
    text = " and ".join(f"Prime Minister Anna Surname{i}" for i in range(count)) + " met on Monday."
    document = PIPELINE.segmenter(Article("d", text))
    mentions = assign_countries(document, PIPELINE.recognizer.recognize(document)[0])
    assert len(document.sentences) == 1
    linked, reads = reads_while(Token, monkeypatch, lambda: actors.link_actors(document, mentions))
    assert [a.roles for a in linked.actors if a.type == "PER"] == [("Prime Minister",)] * count
    return reads


def test_a_title_is_looked_for_just_before_the_name_not_over_the_whole_sentence(monkeypatch):
    small, large = title_reads(100, monkeypatch), title_reads(400, monkeypatch)
    assert large <= 4.4 * small  # each name reading every word before it in its sentence is quadratic


def quote_reads(count: int, monkeypatch) -> int:
    """Attributes of tokens read while attributing ``count`` quotes, each with its speaker, in
    one sentence that never stops: what each quote's look around its sentence costs."""
    text = " and ".join(f"“Yes {i},” Anna Surname{i} said" for i in range(count)) + "."
    document = PIPELINE.segmenter(Article("d", text))
    linked = actors.link_actors(document, assign_countries(document, PIPELINE.recognizer.recognize(document)[0]))
    assert len(document.sentences) == 1
    quotes, reads = reads_while(Token, monkeypatch, lambda: PIPELINE.attributor(document, linked))
    assert [q.speaker for q in quotes] == [f"Anna Surname{i}" for i in range(count)]
    return reads


def test_a_quote_reads_a_bounded_stretch_of_its_sentence(monkeypatch):
    small, large = quote_reads(100, monkeypatch), quote_reads(400, monkeypatch)
    assert large <= 4.4 * small  # each quote reading its whole sentence is quadratic (15x)


def news(count: int) -> str:
    """``count`` paragraphs of a long report, each with a new person, a role, an organisation
    and quotes attributed by name, by pronoun, by role and by a description that names no
    organisation of the article (the commission)."""
    return "\n\n".join(
        f"The Turkish Foreign Ministry summoned Anna Surname{i}, the ambassador, on Monday. "
        f"“We will not accept this,” she said. The ministry said it would protest. "
        f"“Talks go on,” the ambassador told reporters, as Boris Name{i} of the Times watched. "
        f"“Nothing has changed since week {i},” the commission said."
        for i in range(count)
    )


def analysis_reads(count: int, monkeypatch) -> int:
    """Attributes of mentions read while analysing ``count`` paragraphs of ``news``."""
    analysis, reads = reads_while(Mention, monkeypatch, lambda: PIPELINE(Article("d", news(count))))
    assert len(analysis.quotes) >= count
    return reads


def test_analysis_work_grows_linearly_with_the_document(monkeypatch):
    small, large = analysis_reads(50, monkeypatch), analysis_reads(200, monkeypatch)
    assert large <= 4.4 * small  # four times the text, about four times the work


def unanswered_reads(count: int, monkeypatch) -> int:
    """Attributes of mentions read while analysing ``count`` paragraphs that each name two
    people and quote an "it" that no organisation of the article can be: each search back for an
    organisation finds none."""
    text = "\n\n".join(f"Anna Surname{i} met Boris Name{i} in Paris. “Week {i} was calm,” it said." for i in range(count))
    analysis, reads = reads_while(Mention, monkeypatch, lambda: PIPELINE(Article("d", text)))
    assert len(analysis.quotes) >= count and not any(a.type == "ORG" for a in analysis.actors)
    return reads


def test_a_search_back_walks_only_the_mentions_of_the_kind_it_looks_for(monkeypatch):
    small, large = unanswered_reads(50, monkeypatch), unanswered_reads(200, monkeypatch)
    assert large <= 4.4 * small  # linear: walking back through every person for each quote is quadratic


GIVEN_NAMES = [
    "J.", "J", "John", "Jon", "Jhon", "Johnn", "Jonathan", "Jonathon", "Jonatan", "Ann", "Anna", "Anne", "Á.", "Ánna",
    "Christopher", "Kristopher", "Christophe", ".", "Ab", "Abcdefghijklmno", "Abcdefghijklmnop", "Abcdefghijklmnopq",
    "Bcdefghijklmnopq", "Abcdefghijklmnopqrs",
]  # fmt: skip
"""Given names one or two edits apart, initials, accents and dots, and long names either side of LONG_GIVEN_NAME."""
names_of_one_surname = st.lists(st.lists(st.sampled_from(GIVEN_NAMES), max_size=2).map(lambda given: (*given, "Smith")), max_size=14)


@settings(max_examples=300, deadline=None)
@given(names_of_one_surname, st.sampled_from([1, 5, actors.Namesakes.INDEX_FROM]))
def test_namesakes_are_the_persons_same_person_accepts(names, index_from):
    namesakes, persons = actors.Namesakes(), []
    namesakes.INDEX_FROM = index_from  # found by comparing every given name, then by their keys
    for words in names:
        expected = [p for p, known in enumerate(persons) if any(actors.same_person(k, words) for k in known)]
        assert namesakes.named(words) == expected
        joined = expected[0] if expected and len(words) % 2 else len(persons)  # joins some, opens others
        persons.append([]) if joined == len(persons) else None
        persons[joined].append(words)
        namesakes.add(joined, words)


def corpus_of_namesakes(count: int) -> Corpus:
    """``count`` people of one surname (spelt_apart), each in an article of their own, with a gender or none."""
    corpus, draw = Corpus(), random.Random(count)
    for number in range(count):
        actor = Actor(f"{spelt_apart(number)} Smith", "PER", 1, (), (), gender=draw.choice([None, "m", "f"]))
        corpus.add(Analysis(PIPELINE.segmenter(Article(f"d{number}", "")), (), (actor,), (), ()), ())
    return corpus


def name_comparisons(count: int, monkeypatch) -> int:
    calls = []
    original = actors.similar_given_names
    monkeypatch.setattr(actors, "similar_given_names", lambda a, b: calls.append(1) or original(a, b))
    rows = corpus_of_namesakes(count).actors()
    monkeypatch.setattr(actors, "similar_given_names", original)
    assert len(rows) == count  # each name a person of its own
    return len(calls)


def test_corpus_tables_compare_a_name_with_the_few_namesakes_spelt_like_it(monkeypatch):
    small, large = name_comparisons(300, monkeypatch), name_comparisons(1200, monkeypatch)
    assert large <= 4 * small + 100  # four times the people, four times the work (pairwise: sixteen)
