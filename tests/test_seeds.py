"""The seed corpus must come out right: every quote with its speaker, every country in play and
no other, one actor per person."""

from __future__ import annotations

from nato_digest.aggregate import Corpus
from tests.conftest import SEED_000, SEED_002

EXPECTED_QUOTES = {
    SEED_000: [
        ("Jens Stoltenberg", "partial", "escalating of Russian military activities"),
        ("Jens Stoltenberg", "direct", "We have seen air strikes"),
        ("Jens Stoltenberg", "partial", "NATO is ready to defend all allies."),
    ],
    SEED_002: [
        ("Jens Stoltenberg", "direct", "We have to do both at the same time"),
        ("Jens Stoltenberg", "partial", "is key to reducing risks"),
        ("Ahmet Davutoglu", "direct", "We have no intention whatsoever"),
        ("Ahmet Davutoglu", "partial", "moderate opposition"),
        ("Ahmet Davutoglu", "partial", "creating new waves of refugees"),
        ("Ahmet Davutoglu", "direct", "Turkey is a country paying the price"),
        ("Jens Stoltenberg", "direct", "The situation alongside NATO’s southeastern border"),
        ("Jens Stoltenberg", "direct", "Russian actions in Ukraine"),
        ("Jens Stoltenberg", "direct", "We have seen a substantial Russian military buildup"),
    ],
}


def test_every_seed_quote_with_its_speaker(seed_analyses):
    for doc, expected in EXPECTED_QUOTES.items():
        analysis = seed_analyses[doc]
        got = [(q.speaker, q.kind, q.text) for q in analysis.quotes]
        assert len(got) == len(expected), got
        for (speaker, kind, text), (want_speaker, want_kind, start) in zip(got, expected):
            assert (speaker, kind) == (want_speaker, want_kind), text
            assert text.startswith(start)
        for q in analysis.quotes:
            assert analysis.document.text[q.start : q.end] == q.text
            assert not q.text.startswith(("“", '"')) and not q.text.endswith(("”", '"', ",", "“"))


def test_malformed_closing_mark_and_role_and_pronoun_speakers(seed_analyses):
    quotes = seed_analyses[SEED_000].quotes
    assert quotes[1].text.endswith("remain in close contact with the Turkish government")
    assert (quotes[1].speaker_mention, quotes[1].cue) == ("the Secretary General", "said")
    assert (quotes[2].speaker_mention, quotes[2].cue) == ("He", "said")
    last = seed_analyses[SEED_002].quotes[-1]
    assert (last.speaker_mention, last.cue) == ("He", "added")


def test_headline_is_not_a_quote(seed_analyses):
    texts = [q.text for a in seed_analyses.values() for q in a.quotes]
    assert not any("NATO ready to defend all allies" in t for t in texts)


def corpus(seed_analyses) -> Corpus:
    aggregate = Corpus()
    for analysis in seed_analyses.values():
        aggregate.add(analysis)
    return aggregate


def test_every_country_in_play_and_no_other(seed_analyses):
    rows = corpus(seed_analyses).countries()
    assert {r["code"] for r in rows} == {"RU", "TR", "SY", "US", "DE", "GB", "FR", "QA", "SA", "UA", "IQ", "AF"}
    russia = next(r for r in rows if r["code"] == "RU")
    assert rows[0] is russia and {"Russia", "Russian", "Russians", "Moscow"} <= set(russia["forms"])
    turkey = next(r for r in rows if r["code"] == "TR")
    assert {"Hatay", "Ankara", "Turkish"} <= set(turkey["forms"])
    assert "Crimea Peninsula" in next(r for r in rows if r["code"] == "UA")["forms"]


def test_one_actor_per_person_and_nato_on_top(seed_analyses):
    rows = corpus(seed_analyses).actors()
    people = [r for r in rows if r["type"] == "PER"]
    for surname in ("Stoltenberg", "Davutoglu", "Erdogan", "Putin", "Assad", "Kerry", "Hollande", "Cameron"):
        assert len([r for r in people if r["name"].endswith(surname)]) == 1, surname
    putin = next(r for r in people if r["name"].endswith("Putin"))
    assert "Putin" in putin["aliases"] and putin["mentions"] == 3 and putin["country"] == "RU"
    stoltenberg = next(r for r in people if r["name"] == "Jens Stoltenberg")
    assert stoltenberg["docs"] == 2 and any("Secretary" in role for role in stoltenberg["roles"])
    organisations = [r for r in rows if r["type"] == "ORG"]
    assert organisations[0]["name"] == "NATO"
    assert next(r for r in organisations if r["name"] == "Islamic State")["aliases"] == ["ISIS"]


def test_the_seed_digest_reads_as_a_person_would_write_it(seed_analyses):
    """Five lines from both articles, each standing alone: no fragment, no dangling mark, no
    pronoun or contrast pointing at a line of the other article, no furniture, no repeat."""
    from nato_digest.summarize import is_furniture, needs_context, stands_alone

    items = corpus(seed_analyses).digest(5)
    assert len(items) == 5 and {item.doc for item in items} == {SEED_000, SEED_002}
    for item in items:
        assert stands_alone(item.text) and not needs_context(item.text) and not is_furniture(item.text), item.text
        assert len(item.text.split()) >= 6 and item.doc in item.docs
        assert seed_analyses[item.doc].document.text[item.start : item.end] == item.text
    assert len({item.text for item in items}) == 5
