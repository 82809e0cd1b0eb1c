from __future__ import annotations

import pytest

from nato_digest.model import Article
from nato_digest.segment import segment, tokenize


def sentences(text: str) -> list[str]:
    return [s.text for s in segment(Article("t", text)).sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "NATO met on Monday, Nov. 30, 2015. Allies also are expected to discuss Afghanistan.",
            ["NATO met on Monday, Nov. 30, 2015.", "Allies also are expected to discuss Afghanistan."],
        ),
        (
            "U.S. and allies accused Russia. The U.S. plans to keep 5,500 troops.",
            ["U.S. and allies accused Russia.", "The U.S. plans to keep 5,500 troops."],
        ),
        ("Gen. Philip Breedlove and Lt. Col. Smith met Sen. John McCain at 10 a.m. on Tuesday.",
         ["Gen. Philip Breedlove and Lt. Col. Smith met Sen. John McCain at 10 a.m. on Tuesday."]),
        (
            "“We are ready to talk at every level.” Davutoglu spoke in Brussels.",
            ["“We are ready to talk at every level.”", "Davutoglu spoke in Brussels."],
        ),
        ("“Is it over?” he asked. “No,” she said.", ["“Is it over?” he asked.", "“No,” she said."]),
        (
            "Japan called it “an outlaw nation.” Russia insisted that Pyongyang “stop its escapades.”",
            ["Japan called it “an outlaw nation.”", "Russia insisted that Pyongyang “stop its escapades.”"],
        ),
        (
            "Seoul accused Kim of “fanatic recklessness.” South Korean President Park Geun-hye said his state is "
            "“spiraling out of control.”",
            ["Seoul accused Kim of “fanatic recklessness.”", "South Korean President Park Geun-hye said his state is "
             "“spiraling out of control.”"],
        ),
        ("“We will hold the line.” Stoltenberg said on Monday.", ["“We will hold the line.” Stoltenberg said on Monday."]),
        ("\"We have to do both,\" Stoltenberg said. Russia said it did not.",
         ["\"We have to do both,\" Stoltenberg said.", "Russia said it did not."]),
        ("It was backed by Russian air strikes.NATO met later.", ["It was backed by Russian air strikes.", "NATO met later."]),
        ("J. Smith of Acme Corp. said No. 10 agreed.", ["J. Smith of Acme Corp. said No. 10 agreed."]),
    ],
)
def test_sentence_boundaries_on_news(text, expected):
    assert sentences(text) == expected


def test_sentences_never_cross_paragraphs_and_headlines_stand_alone():
    text = "Jens Stoltenberg: NATO ready to defend all allies\n\nRussia has been conducting airstrikes\nin Syria since September. It denies it.\n\nTurkey protested"
    assert sentences(text) == [
        "Jens Stoltenberg: NATO ready to defend all allies",
        "Russia has been conducting airstrikes\nin Syria since September.",
        "It denies it.",
        "Turkey protested",
    ]


def test_offsets_point_into_the_original_text():
    text = "\ufeffBRUSSELS — NATO’s allies met.\r\n\r\nThey “agreed.”\r\n"
    document = segment(Article("t", text))
    for sentence in document.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
    assert document.dateline and text[document.dateline[0] : document.dateline[1]] == "BRUSSELS"
    assert document.sentences[0].text == "NATO’s allies met."


def test_page_furniture_is_kept_out(seed_analyses):
    from tests.conftest import SEED_000, SEED_002

    joinfo = seed_analyses[SEED_000].document
    kinds = [p.kind for p in joinfo.paragraphs]
    assert kinds[:4] == ["furniture", "headline", "body", "furniture"]  # breadcrumb, title, lede, repeated title
    assert joinfo.headline.text == "Jens Stoltenberg: NATO ready to defend all allies"
    stripes = seed_analyses[SEED_002].document
    texts = " ".join(s.text for s in stripes.sentences)
    for furniture in ("Courtesy of NATO", "right, meets with", "author picture", "Sign up", "graduate of the University of Delaware"):
        assert furniture not in texts
    assert stripes.sentences[0].text.startswith("NATO allies must not lose sight")


def test_tokens_follow_treebank_conventions():
    words = [t.text for t in tokenize("Assad’s regime didn't stop U.S.-led Secretary-General F-16S at 5,500 ft. (Joinfo.ua)")]
    assert words == ["Assad", "’s", "regime", "did", "n't", "stop", "U.S.", "-", "led", "Secretary-General", "F-16S", "at", "5,500", "ft.", "(", "Joinfo.ua", ")"]


@pytest.mark.parametrize(
    "abbreviation",
    ["Gen.", "Lt. Col.", "Sen.", "Rep.", "Gov.", "Mr.", "Mrs.", "Dr.", "Prof.", "St.", "Capt.", "Adm.", "Maj. Gen."],
)
def test_titles_never_end_a_sentence_before_a_name(abbreviation):
    # "Cruz", "Trump" and "Sanders" often start sentences in political news; the title still binds.
    for name in ("Cruz", "Trump", "Sanders", "John Smith"):
        text = f"On Monday {abbreviation} {name} met reporters. Nothing was agreed."
        assert sentences(text) == [f"On Monday {abbreviation} {name} met reporters.", "Nothing was agreed."]


@pytest.mark.parametrize(
    "text",
    [
        "Troops arrived on Jan. 5 and left in Feb. 2016 with the U.K. and the U.N. in charge.",
        "The E.U. fined Acme Inc. and Globex Corp. and Initech Co. and Hooli Ltd. on Tuesday.",
        "It ended at 10 p.m. on Sept. 30 and resumed at 6 a.m. in the U.S. capital.",
        "He lives at No. 10 and works for Smith & Co. in St. Louis.",
    ],
)
def test_news_abbreviations_inside_a_sentence(text):
    assert sentences(text) == [text]


def test_sentence_final_abbreviation_before_a_new_sentence():
    assert sentences("The troops are from the U.S. They arrived on Monday.") == [
        "The troops are from the U.S.",
        "They arrived on Monday.",
    ]


def test_malformed_and_straight_quotation_marks():
    assert sentences("He said the allies were ready.“ Then he left.") == ["He said the allies were ready.“", "Then he left."]
    text = "“We express our concern, “- said the Secretary General. He also spoke."
    assert sentences(text) == ["“We express our concern, “- said the Secretary General.", "He also spoke."]
    assert sentences("'We will stay,' he said. 'No.'") == ["'We will stay,' he said.", "'No.'"]


def test_tokens_of_quotes_and_dashes_keep_offsets():
    text = "“We have to do both,” NATO’s chief said — again."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["“", "We", "have", "to", "do", "both", ",", "”", "NATO", "’s", "chief", "said", "—", "again", "."]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_middle_initials_do_not_end_a_sentence():
    assert sentences("Donald J. Trump, the presumptive nominee, spoke. George W. Bush did not.") == [
        "Donald J. Trump, the presumptive nominee, spoke.",
        "George W. Bush did not.",
    ]
    assert sentences("He picked option B. Trump agreed.") == ["He picked option B.", "Trump agreed."]
    assert sentences("George H.W. Bush met them.") == ["George H.W. Bush met them."]


def test_dotted_initials_before_a_surname_do_not_end_a_sentence():
    text = "Mr Hardy, 89, studied English with J.R.R. Tolkien at Oxford. He played in the N.F.L. The league fined him."
    assert sentences(text) == [
        "Mr Hardy, 89, studied English with J.R.R. Tolkien at Oxford.",
        "He played in the N.F.L.",
        "The league fined him.",
    ]


def test_caption_glued_before_a_or_it_is_split_but_not_group_a():
    text = (
        "Gaioz Nigalidze was expelled when he was found using his smartphone in the middle of a match "
        "A chess grandmaster has been thrown out of a tournament. Ghana qualified from Group A on Saturday."
    )
    assert sentences(text) == [
        "Gaioz Nigalidze was expelled when he was found using his smartphone in the middle of a match",
        "A chess grandmaster has been thrown out of a tournament.",
        "Ghana qualified from Group A on Saturday.",
    ]


def test_a_line_of_zero_width_characters_after_a_lone_quotation_mark():
    # found by hypothesis: the line trims to nothing, and nothing may be read past it
    text = "“\n\u200b"
    document = segment(Article("t", text))
    assert [s.text for s in document.sentences] == ["“"]


def test_blank_edges_are_every_whitespace_and_invisible_character():
    """The trimmed edges are what str.isspace() says (the list _trim strips by is written out, so
    that the import does not scan every code point) and the zero-width characters."""
    import sys

    from nato_digest.segment import _WHITESPACE, _trim

    assert set(_WHITESPACE) == {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()}
    text = "\u200b\u3000 NATO\xa0met.\ufeff\n"
    start, end = _trim(text, 0, len(text))
    assert text[start:end] == "NATO\xa0met."
    assert _trim(text, 0, 2) == (2, 2)  # blanks alone: nothing left


class _CountedText(str):
    """A text that counts the characters copied out of it by slicing."""

    copied = 0

    def __getitem__(self, index):
        part = super().__getitem__(index)
        type(self).copied += len(part)
        return part


def test_a_paragraph_of_many_full_stops_is_not_copied_once_per_stop():
    """Each candidate full stop once copied the rest of its paragraph (3.2 MB of "A. B. C. …"
    took 92 s); the work grows with the paragraph, not with its square."""
    from nato_digest.segment import SentenceSplitter, punkt_model

    splitter = SentenceSplitter(punkt_model())

    def copied(count):
        text = _CountedText(" ".join(f"{chr(65 + i % 26)}x b{i % 7}." for i in range(count)))
        _CountedText.copied = 0
        cuts = splitter.boundaries(text, 0, len(text))
        assert len(cuts) > count // 2 and cuts[-1] == len(text)
        return _CountedText.copied

    assert copied(8000) <= 4.4 * copied(2000)


def test_the_orthographic_context_is_every_row_of_its_table():
    from importlib import resources

    from nato_digest.segment import _ortho_context

    lines = (resources.files("nato_digest") / "data" / "punkt" / "ortho_context.tab").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert list(_ortho_context().items()) == [(word, int(flags)) for word, flags in rows]
