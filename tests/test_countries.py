"""Countries as a reader means them, and the ambiguous names."""

from __future__ import annotations

import pytest

from nato_digest.aggregate import Corpus, countries_by_doc
from nato_digest.model import Article
from nato_digest.pipeline import Pipeline

pipeline = Pipeline()


def codes(text: str) -> set[str]:
    corpus = Corpus()
    corpus.add(pipeline(Article("t", text)))
    return {row["code"] for row in corpus.countries()}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian jets flew over Syria, and Moscow denied it. The Kremlin said nothing.", {"RU", "SY"}),
        ("Georgia's president met officials in Tbilisi after the war with Russia.", {"GE", "RU"}),
        ("Voters in Atlanta, Georgia, backed the Democrats; Georgia's governor conceded.", {"US"}),
        ("Michael Jordan scored 40 points for Chicago.", {"US"}),
        ("King Abdullah of Jordan met the Iraqi prime minister in Amman.", {"JO", "IQ"}),
        ("Chad Smith said he would retire.", set()),
        ("Families ate turkey and cranberry sauce on Thursday.", set()),
        ("Troops from Niger and Nigeria patrolled the border.", {"NE", "NG"}),
        ("Papua New Guinea and Guinea signed the accord, as did South Sudan.", {"PG", "GN", "SS"}),
        ("Fighting resumed in eastern Congo near Goma.", {"CD"}),
        ("Europe, the Baltics and the Middle East were discussed by ministers in Brussels.", set()),
        ("Washington and Moscow traded accusations over Crimea.", {"US", "RU", "UA"}),
        ("The U.S.-led coalition and Russian-backed forces clashed near Hatay.", {"US", "RU", "TR"}),
        ("Britain's prime minister spoke in Downing Street about the Ivory Coast.", {"GB", "CI"}),
    ],
)
def test_countries_in_play(text, expected):
    assert codes(text) == expected


def test_a_country_inside_an_organisation_name_shows_only_by_document():
    analysis = pipeline(Article("t", "The Turkish Foreign Ministry summoned the ambassador. The Syrian Armed Forces advanced."))
    corpus = Corpus()
    corpus.add(analysis)
    assert corpus.countries() == []
    by_doc = {row["code"]: row for row in countries_by_doc(analysis)}
    assert by_doc["TR"]["mentions"] == 0 and by_doc["TR"]["forms"] == ["Turkish Foreign Ministry"]
    assert by_doc["SY"]["forms"] == ["Syrian Armed Forces"]


def test_language_and_manner_compounds_are_not_the_country():
    assert codes("The English-language edition and a Paris-style attack were discussed in Ankara.") == {"TR"}
