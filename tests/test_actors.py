"""Actor linking within an article and across a corpus, on news-style text."""

from __future__ import annotations

from nato_digest.actors import ENDING_WORDS, _longest_ending, link_actors
from nato_digest.aggregate import Corpus
from nato_digest.model import Article, Mention
from nato_digest.pipeline import Pipeline
from nato_digest.segment import segment

pipeline = Pipeline()


def actors_of(*texts: str) -> dict[str, dict]:
    corpus = Corpus()
    for number, text in enumerate(texts):
        corpus.add(pipeline(Article(f"d{number}", text)))
    return {row["name"]: row for row in corpus.actors()}


def test_full_name_surname_title_and_role_phrase_are_one_person():
    rows = actors_of(
        "Turkish Prime Minister Ahmet Davutoglu arrived in Brussels on Monday. Davutoglu met allies. "
        "Later the Turkish prime minister said Ankara would not apologise. Mr. Davutoglu then left."
    )
    davutoglu = rows["Ahmet Davutoglu"]
    assert davutoglu["mentions"] == 4  # three names and "the Turkish prime minister"
    assert davutoglu["roles"] == ["Turkish Prime Minister"] and davutoglu["country"] == "TR"
    assert [name for name in rows if "Davutoglu" in name] == ["Ahmet Davutoglu"]


def test_apposition_gives_the_role():
    rows = actors_of("Jens Stoltenberg, NATO’s secretary general, said the allies were ready. The alliance met in Brussels.")
    assert rows["Jens Stoltenberg"]["roles"] == ["NATO’s secretary general"]


def test_a_deputy_keeps_the_rank_and_is_not_the_office_holder():
    text = (
        "Attorney General Loretta Lynch spoke in Washington. Several women lead the department, including "
        "Deputy Attorney General Sally Yates. People do not say those things to the attorney general, Lynch said."
    )
    rows = actors_of(text)
    assert rows["Sally Yates"]["roles"] == ["Deputy Attorney General"]
    assert rows["Loretta Lynch"]["mentions"] == 3  # two names and "the attorney general"


def test_mr_and_mrs_are_two_people():
    rows = actors_of(
        "Conservative leader Michael Howard spoke in London. Mrs Howard will make solo visits to target seats. "
        "Mr Howard said his wife was a great asset. Mrs Howard declined to comment."
    )
    assert rows["Michael Howard"]["mentions"] == 2 and rows["Mrs Howard"]["mentions"] == 2


def test_bare_surname_goes_to_the_principal():
    rows = actors_of(
        "Hillary Clinton left the event early. Hillary Clinton had pneumonia, her doctor said. "
        "Chelsea Clinton was not there. Clinton will return to the campaign on Thursday."
    )
    assert rows["Hillary Clinton"]["mentions"] == 3 and rows["Chelsea Clinton"]["mentions"] == 1


def test_acronyms_introduced_by_the_article_and_curated_ones():
    rows = actors_of(
        "The Kurdish People's Protection Units (YPG) took the town. YPG fighters then moved south. "
        "ISIS withdrew. The Islamic State group had held it since 2014."
    )
    ypg = next(row for name, row in rows.items() if name.startswith("Kurdish People"))
    assert ypg["mentions"] == 2 and "YPG" in ypg["aliases"]
    assert rows["Islamic State"]["mentions"] == 2


def test_the_alliance_is_nato_only_where_nato_is_named():
    with_nato = actors_of("NATO ministers met on Tuesday. The alliance agreed to send more troops.")
    assert with_nato["NATO"]["mentions"] == 2
    without = actors_of("The alliance between the two parties collapsed on Tuesday.")
    assert "NATO" not in without


def test_spelling_variants_merge_across_articles():
    rows = actors_of(
        "Russian President Valdimir Putin met Turkish President Recep Tayyip Erdogan.",
        "Vladimir Putin said on Friday that Moscow would respond. Putin did not elaborate.",
    )
    putin = [row for name, row in rows.items() if name.endswith("Putin")]
    assert len(putin) == 1 and putin[0]["docs"] == 2 and putin[0]["mentions"] == 3


def test_sentence_openers_are_not_part_of_names():
    rows = actors_of("Meanwhile Trump said he would win. Donald Trump spoke in Ohio.")
    assert rows["Donald Trump"]["mentions"] == 2
    assert not any(name.startswith("Meanwhile") for name in rows)


def test_affixed_organisation_names_link_to_the_organisation():
    text = "France stepped up counter-Islamic State operations. Islamic State lost ground."
    document = segment(Article("t", text))
    mentions = [
        Mention(text.index("counter"), text.index(" operations"), "counter-Islamic State", "ORG", sentence=0),
        Mention(text.rindex("Islamic"), text.rindex(" lost"), "Islamic State", "ORG", sentence=1),
    ]
    index = link_actors(document, mentions)
    assert [(a.name, a.mentions) for a in index.actors] == [("Islamic State", 2)]


def test_quotes_resolve_role_phrases_to_the_actor():
    text = (
        "NATO Secretary General Jens Stoltenberg met ministers on Monday. "
        "“We will defend every ally,” the Secretary General told reporters."
    )
    (quote,) = pipeline(Article("q", text)).quotes
    assert (quote.speaker, quote.speaker_mention) == ("Jens Stoltenberg", "the Secretary General")


def test_a_surname_the_tagger_read_as_an_organisation_is_the_person_named_in_full():
    text = (
        "Retired U.S. Air Force Gen. Norman Ham is speaking out ahead of the presidential election.\n\n"
        "In an interview with Rusty Humphries, Ham made it clear he had major misgivings about the armed forces.\n\n"
        "Ham went on to explain how he believes cuts to military spending left generals' hands tied."
    )
    actors = {a.name: a for a in pipeline(Article("t", text)).actors}
    assert actors["Norman Ham"].mentions == 3
    assert "Ham" not in actors


def test_a_shorter_name_finds_the_longest_organisation_that_ends_with_it():
    def org(text):
        return Mention(0, len(text), text, "ORG")

    found = _longest_ending([org("Foreign Ministry"), org("Turkish Foreign Ministry"), org("Ministry")])
    assert found == {"Ministry": "Turkish Foreign Ministry", "Foreign Ministry": "Turkish Foreign Ministry"}
    endless = " ".join(["United States of America"] * 5_000)  # a tagger's run of capitals, 20,000 words
    assert len(_longest_ending([org(endless)])) == ENDING_WORDS


def test_the_top_actors_are_the_first_of_all_ranked():
    """A table of the top actors makes only their records, in the order of the whole ranking (ties
    of mentions and articles included: most names here are mentioned once, in one article)."""
    corpus = Corpus()
    for number, text in enumerate(["Jens Stoltenberg met Ahmet Davutoglu. NATO and the EU met. Stoltenberg left.",
                                   "Ahmet Davutoglu said Turkey would not apologise. Vladimir Putin and Sergei Lavrov spoke.",
                                   "The EU, NATO, Angela Merkel and Francois Hollande met in Brussels."]):
        corpus.add(pipeline(Article(f"d{number}", text)))
    ranked = corpus.actors()
    assert len(ranked) >= 8 and len({(r["mentions"], r["docs"]) for r in ranked}) < len(ranked)
    assert all(corpus.actors(limit=n) == ranked[:n] for n in range(len(ranked) + 2))


def test_a_linked_mention_is_replace_of_its_entity_and_country_alone():
    from dataclasses import fields, replace

    from nato_digest.model import Mention

    mention = Mention(*(f"value {field.name}" for field in fields(Mention)))
    assert mention.linked("Entity", "XX") == replace(mention, entity="Entity", country="XX")
