"""Quote spans and speakers, one pattern per test, on news-style text."""

from __future__ import annotations

import random

import pytest

from nato_digest.model import Article
from nato_digest.pipeline import Pipeline
from nato_digest.quotes import QuoteAttributor, find_quote_spans
from nato_digest.segment import segment

pipeline = Pipeline()
rules_alone = Pipeline(attributor=QuoteAttributor(ranker=False))  # the rules without the learned re-ranker


def quotes(text: str) -> list[tuple[str, str | None, str]]:
    found = pipeline(Article("t", text)).quotes
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.speaker, q.kind) for q in found]


INTRO = "NATO Secretary General Jens Stoltenberg met Turkish Prime Minister Ahmet Davutoglu in Brussels on Monday.\n\n"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“We will defend every ally,” Stoltenberg said.", "Jens Stoltenberg"),
        ("“We will defend every ally,” said Stoltenberg.", "Jens Stoltenberg"),
        ("Stoltenberg said: “We will defend every ally.”", "Jens Stoltenberg"),
        ("Davutoglu added, “Turkey will defend its airspace.”", "Ahmet Davutoglu"),
        ("“We will defend every ally” – Jens Stoltenberg", "Jens Stoltenberg"),
        ("“We will defend every ally, “- said the Secretary General.", "Jens Stoltenberg"),
        ("According to Davutoglu, “Turkey will defend its airspace.”", "Ahmet Davutoglu"),
        ("“Turkey will defend its airspace,” the Turkish prime minister told reporters.", "Ahmet Davutoglu"),
        ("\"We will defend every ally,\" Stoltenberg wrote on Twitter.", "Jens Stoltenberg"),
        ("“We will defend every ally,” Stoltenberg said in a statement.", "Jens Stoltenberg"),
        ("“We will defend every ally,” he warned.", "Jens Stoltenberg"),
    ],
)
def test_attribution_in_every_position(text, speaker):
    found = quotes(INTRO + text)
    assert found and found[-1][1] == speaker


def test_speaker_announced_at_the_end_of_the_previous_paragraph():
    text = INTRO + "Davutoglu said during a joint news conference:\n\n“We have no intention whatsoever to escalate this situation.”"
    assert quotes(text)[-1][1] == "Ahmet Davutoglu"


def test_split_quote_and_a_paragraph_that_only_continues_the_speaker():
    text = INTRO + (
        "“Turkey is a country paying the price,” Davutoglu said. “It cannot be blamed for defending its airspace.”\n\n"
        "“We are ready to talk at every level.”"
    )
    assert [speaker for _, speaker, _ in quotes(text)] == ["Ahmet Davutoglu"] * 3


def test_multi_paragraph_quote_each_paragraph_opens_only_the_last_closes():
    text = INTRO + (
        "Stoltenberg said:\n\n“The alliance is ready to defend all allies.\n\n"
        "“We have seen a substantial Russian military buildup over a long period of time.”\n\nThe meeting ended."
    )
    found = quotes(text)
    assert [t[:20] for t, _, _ in found] == ["The alliance is read", "We have seen a subst"]
    assert {s for _, s, _ in found} == {"Jens Stoltenberg"}


def test_an_unclosed_mark_does_not_shift_later_pairs():
    text = INTRO + "He called it “a disaster.\n\n“Turkey will defend its airspace,” Davutoglu said.\n\n“We will defend every ally,” Stoltenberg said."
    found = quotes(text)
    assert [(t, s) for t, s, _ in found][-2:] == [
        ("Turkey will defend its airspace", "Ahmet Davutoglu"),
        ("We will defend every ally", "Jens Stoltenberg"),
    ]


def test_apostrophes_and_nested_single_quotes_are_not_quotes_of_their_own():
    text = INTRO + "“The opposition’ facilities were hit, and we call it ‘reckless’ behaviour,” Davutoglu said of Russia’s strikes."
    found = quotes(text)
    assert len(found) == 1 and found[0][0].startswith("The opposition’ facilities") and found[0][1] == "Ahmet Davutoglu"


def test_a_double_quote_nested_in_a_double_quote_stays_inside_it():
    text = INTRO + "“I would rather live in what he calls “hell” than under his rule,” Davutoglu said."
    assert quotes(text) == [("I would rather live in what he calls “hell” than under his rule", "Ahmet Davutoglu", "direct")]


def test_nicknames_and_titles_of_works_are_not_speech():
    text = INTRO + (
        "Scott's niece, state Del. Marcia “Cia” Price, shouted to the crowd.\n\n"
        "The trailer for DuVernay’s documentary, “13th,” is below. Davutoglu has read Trump's new book, "
        "“Crippled America: How to Make America Great Again,” and the column, “Turkey, tell your own story,” twice.\n\n"
        "He appeared on the reality TV show “The Apprentice” in 2004."
    )
    assert quotes(text) == []


def test_attribute_values_of_markup_left_in_scraped_text_are_not_quotes():
    text = INTRO + (
        '<tweet tweet-author="@PolitiFact" tweet-date="we rate it Mostly True">Stoltenberg said the alliance '
        'was “ready to defend every ally.”'
    )
    assert quotes(text) == [("ready to defend every ally.", "Jens Stoltenberg", "partial")]


def test_scare_quotes_and_titles_are_not_speech_but_governed_terms_are_partial():
    text = INTRO + (
        "The so-called “moderate opposition” met in a hall. Stoltenberg spoke on CNN's “State of the Union.”\n\n"
        "Davutoglu took calls on his “Keepin' It Real” radio show and said he would attend a “Commander-in-Chief Forum” "
        "on NBC’s “Today” next week.\n\n"
        "Davutoglu said Russia targets “moderate opposition” and civilians."
    )
    found = quotes(text)
    assert found == [("moderate opposition", "Ahmet Davutoglu", "partial")]


def test_long_descriptions_are_cut_to_the_person():
    text = "“We will win Ohio,” Clinton campaign spokesman Brian Fallon said on Tuesday."
    assert quotes(text)[0][1] == "Brian Fallon"


def test_subject_not_object_and_never_i_or_we():
    text = INTRO + "Davutoglu told Stoltenberg: “We will not apologise, and I will not resign.”"
    assert quotes(text)[-1][1] == "Ahmet Davutoglu"


def test_the_subject_characterises_the_object_as_a_quoted_term():
    text = (
        "Former President Bill Clinton criticized the Affordable Care Act as a “crazy system” on Monday. "
        "In recent weeks, Senate Minority Leader Harry Reid has gone after Donald Trump as a “human leech.”"
    )
    assert [(q, s) for q, s, _ in quotes(text)] == [("crazy system", "Bill Clinton"), ("human leech.", "Harry Reid")]


def test_a_relative_clause_between_subject_and_cue_does_not_lend_its_pronoun():
    text = (
        "New Jersey Gov. Chris Christie spoke on Wednesday. Christie, who has campaigned for Donald Trump since "
        "he suspended his own campaign, blasted Hillary Clinton as a “disgrace” on a radio show."
    )
    assert quotes(text)[0][:2] == ("disgrace", "Chris Christie")


def test_a_participle_cue_shares_the_subject_of_its_clause_not_the_nearest_name():
    text = (
        "Sen. Bernie Sanders visited NBC’s “Today” to discuss his remarks about his rival, Hillary Clinton, "
        "saying “on her worst day” she would be a better president than any Republican.\n\n"
        "Donald Trump attacked Marco Rubio on Tuesday. However, he held his fire on Ben Carson, calling him a “nice guy” "
        "and a gentleman."
    )
    assert [(q, s) for q, s, _ in quotes(text)] == [("on her worst day", "Bernie Sanders"), ("nice guy", "Donald Trump")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "President Barack Obama responded to a Gold Star mother Wednesday night by saying his refusal to use "
            "the words “Islamic terrorism” was a “manufactured” issue.",
            "Barack Obama",
        ),
        (
            "Hillary Clinton will visit Charlotte on Sunday. Donald Trump, her Republican opponent, bemoaned the unrest "
            "in Charlotte and said he thought that drugs were a “very, very big factor” in the violence.",
            "Donald Trump",
        ),
        (
            "In her 2003 book, Clinton noted the clot. After saying her right foot was “so swollen I could barely get "
            "my shoe on,” she was taken to hospital.",
            "Clinton",
        ),
    ],
)
def test_a_cue_after_by_or_and_speaks_for_the_subject_of_its_clause(text, speaker):
    assert {s for _, s, _ in quotes(text)} == {speaker}


def test_a_verb_coordinated_after_the_quote_speaks_for_the_clause_subject_not_its_object():
    text = (
        "Donald Trump spoke in Ohio. Trump has used the phrase “Islamic terrorism” often in his campaign, "
        "and criticized Barack Obama for not doing so."
    )
    for analyse in (pipeline, rules_alone):
        assert [(q.text, q.speaker) for q in analyse(Article("t", text)).quotes] == [("Islamic terrorism", "Donald Trump")]


def test_a_noun_of_saying_after_a_possessive_name_is_a_cue_where_no_verb_is():
    text = (
        "Donald Trump spoke about crime on Tuesday.\n\n"
        "Politifact seized on Trump’s claim that there have been “thousands of shootings” in Chicago this year."
    )
    assert quotes(text) == [("thousands of shootings", "Donald Trump", "partial")]


def test_according_to_after_the_quote_governs_even_a_single_term():
    text = (
        "More than 100,000 people took part in a nationwide “walk-in” at more than 2,000 schools, "
        "according to the American Federation of Teachers."
    )
    assert quotes(text)[0][:2] == ("walk-in", "American Federation of Teachers")


def test_a_day_of_the_week_is_never_the_speaker():
    text = (
        "“Is President Obama going to finally mention the words radical Islamic terrorism?” "
        "the presumptive Republican nominee tweeted Sunday after the attack."
    )
    assert quotes(text)[0][1] != "Sunday"


def test_pronouns_follow_gender_and_the_last_speaker():
    text = (
        "German Chancellor Angela Merkel met Russian President Vladimir Putin in Berlin.\n\n"
        "“We need a ceasefire now,” Merkel said.\n\n"
        "Putin disagreed. “Russia will not accept conditions,” he said.\n\n"
        "“Then we will talk again next week,” she said."
    )
    assert [s for _, s, _ in quotes(text)] == ["Angela Merkel", "Vladimir Putin", "Angela Merkel"]


def test_a_pronoun_knows_more_womens_names_and_leaves_shared_ones_open():
    women = "Susan Collins followed Hillary Clinton to the podium on Monday.\n\n“We had a frank talk,” she said."
    shared = "Kelly Ayotte followed Hillary Clinton to the podium on Monday.\n\n“We had a frank talk,” she said."
    assert [s for _, s, _ in quotes(women)] == ["Susan Collins"]
    assert [s for _, s, _ in quotes(shared)] == ["Kelly Ayotte"]


def test_a_pronoun_passes_over_a_name_in_an_opening_clause_of_its_own_sentence_for_the_last_speaker():
    text = (
        "“That is a legitimate concern,” Susan Sarandon told MSNBC on Monday.\n\n"
        "Asked about her own vote in the event that Hillary Clinton faces Donald Trump, she replied: “I don’t know.”"
    )
    for analyse in (pipeline, rules_alone):
        assert [q.speaker for q in analyse(Article("t", text)).quotes] == ["Susan Sarandon"] * 2


def test_a_pronoun_reaches_past_the_sentences_of_a_long_quote():
    text = (
        "“He is not fit to lead,” Gov. Chris Christie said on Monday.\n\n"
        "On a radio show on Tuesday, Hillary Clinton criticized police officer Betty Shelby for the shooting.\n\n"
        "“How many times do we have to see this? In Tulsa, a man had his hands in the air. "
        "This is just unbearable,” she said."
    )
    for analyse in (pipeline, rules_alone):
        assert [q.speaker for q in analyse(Article("t", text)).quotes] == ["Chris Christie", "Hillary Clinton"]


def test_a_pronoun_prefers_the_main_clause_to_an_opening_subordinate_one():
    text = (
        "“They are not energised,” said Bryan Anderson, a voter in Miami.\n\n"
        "While Barack Obama had artists writing songs about him, that has not happened for Clinton, "
        "which concerns Henry Crespo, president of a Florida caucus.\n\n"
        "“No one is writing songs for Hillary. Obama had will.i.am,” he said."
    )
    assert quotes(text)[-1][1] == "Henry Crespo"


def test_a_paper_or_an_agency_speaks_through_its_article_or_memo():
    text = (
        "The New York Times covered Donald Trump for decades. Twenty-two years ago, a Times article hailed "
        "Trump as “The Comeback Kid” for the business success he brought to the city.\n\n"
        "“Though there are still four years to go in the 90’s, business is booming,” the article read.\n\n"
        "“Mr. Trump came to epitomize opulent wealth,” it added."
    )
    assert [s for _, s, _ in quotes(text)] == ["New York Times"] * 3


def test_as_x_put_it_attributes_before_and_after_the_quote():
    text = (
        "The main requirement of the visa program is a “lawful source of investment income,” as a Homeland Security "
        "memo put it.\n\nHis aides kept him from being seen, as The New Yorker put it in a long profile, “the operator.”"
    )
    (memo, profile) = quotes(text)
    assert memo[:2] == ("lawful source of investment income", "Homeland Security")
    assert profile[0] == "the operator." and profile[1].endswith("New Yorker")


@pytest.mark.parametrize(
    "text, speakers",
    [
        pytest.param(
            "The ad ends with footage of Donald Trump saying, “That makes me smart,” when Hillary Clinton blasted him "
            "for not paying taxes. Chris Christie described Clinton as a “disgrace” after she attacked the police.",
            ["Donald Trump", "Chris Christie"],
            id="a-cue-in-a-subordinate-clause-after-the-quote-is-not-its-attribution",
        ),
        pytest.param(
            "Donald Trump attacked Jeb Bush on Monday. Then he cut into Bush, calling him a “stiff” and a loser.",
            ["Donald Trump"],
            id="an-adverb-opening-the-clause-is-not-its-subject",
        ),
        pytest.param(
            "Donald Trump spoke at the forum on Wednesday.\n\n"
            "“We need change,” the New York businessman said, arguing that he will bring a “common-sense” approach.",
            ["Donald Trump", "Donald Trump"],
            id="a-participle-after-a-cue-shares-its-speaker-not-a-word-of-the-quote",
        ),
        pytest.param(
            "Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security Council, said "
            "North Korea’s latest “provocation cannot be left without consequences.”\n\n"
            "Even China, Pyongyang’s only ally and its economic lifeline to the outside world, said it was "
            "“resolutely opposed” to the test.\n\n"
            "South Korea accused the North’s leader, Kim Jong Un, of “fanatic recklessness.” South Korean President "
            "Park Geun-hye said Kim’s mental state is “spiraling out of control.”",
            ["Jean-Marc Ayrault", "China", "South Korea", "Park Geun-hye"],
            id="appositions-between-subject-and-cue-are-skipped-however-many",
        ),
        pytest.param(
            "Turkey shot down a Russian warplane on Tuesday. Russia said the downing was “a stab in the back” "
            "and Turkey insisted that the jet had “violated our airspace ten times.” "
            "Japan branded North Korea an “outlaw nation in the neighborhood.” "
            "Russia insisted that Pyongyang “stop its dangerous escapades.”",
            ["Russia", "Turkey", "Japan", "Russia"],
            id="countries-as-speakers-each-with-their-own-clause",
        ),
        pytest.param(
            "Kevin Swanson, who is a pastor at the Reformation Church of Elizabeth, Colorado, slammed the group "
            "for promoting “values our children should never learn.”",
            ["Kevin Swanson"],
            id="a-relative-clause-with-commas-of-its-own-is-skipped",
        ),
        pytest.param(
            "Contrast that with Donald Trump, who has called the pact “insanity,” and Bernie Sanders, who says it is "
            "“a disaster.”",
            ["Donald Trump", "Bernie Sanders"],
            id="a-relative-pronoun-before-the-cue-points-back-to-its-own-conjunct",
        ),
        pytest.param(
            "Amid reports that the group would publish a list, Matt Walsh of The Blaze offered a defence of it, "
            "saying it is necessary to “remember their names.”",
            ["Matt Walsh"],
            id="an-opening-phrase-is-not-the-subject-and-reports-after-amid-is-a-noun",
        ),
        pytest.param(
            "Japanese Defense Minister Gen Nakatani said the patrols were lawful. A Chinese official responded by "
            "saying Japan should be careful “not to stir up problems” in the waterway.",
            [None],
            id="by-saying-takes-the-subject-of-its-clause-never-the-words-it-reports",
        ),
        pytest.param(
            "Paul Ryan spoke on Monday. One operative inside Trump Tower tried to play down Ryan’s comments, "
            "saying they were “not a big deal around here.”",
            [None],
            id="an-unnamed-subject-of-a-participle-gives-no-speaker",
        ),
        pytest.param(
            "“Do some kind of executive order,” said Stephen Loomis, president of the police union. John Kasich "
            "resisted: “Ohio governors do not have the power to suspend the law.”\n\n"
            "Pollsters agree - Carl Bialik: “One lesson was a simple one.”",
            ["Stephen Loomis", "John Kasich", "Carl Bialik"],
            id="a-clause-or-a-name-that-introduces-the-quote-with-a-colon",
        ),
        pytest.param(
            "Responding to Donald Trump’s plan to bar Muslims from entering the United States, Huma Abedin rallied "
            "supporters, saying: “We have to be ready to stop him.”\n\n"
            "Hillary Clinton spoke at the debate on Saturday. First, she refused to say the words “radical Islam.”",
            ["Huma Abedin", "Hillary Clinton"],
            id="united-states-is-no-cue-and-first-opens-no-name",
        ),
        pytest.param(
            "Jeb Bush attacked Donald Trump over eminent domain.\n\n"
            "“Jeb wants to be a tough guy tonight,” Trump shot back. “Let me talk.”",
            ["Donald Trump", "Donald Trump"],
            id="shot-back-is-a-cue",
        ),
    ],
)
def test_each_quote_takes_the_speaker_of_its_own_clause(text, speakers):
    assert [s for _, s, _ in quotes(text)] == speakers


@pytest.mark.parametrize(
    "text, speakers",
    [
        (
            "Contrast that with Donald Trump, who has called the pact “insanity,” and Bernie Sanders, who says it is "
            "“a disaster.”",
            ["Donald Trump", "Bernie Sanders"],
        ),
        (
            "Amid reports that the group would publish a list, Matt Walsh of The Blaze offered a defence of it, "
            "saying it is necessary to “remember their names.”",
            ["Matt Walsh"],
        ),
        ("Jeb Bush attacked Donald Trump.\n\n“Jeb wants to be a tough guy tonight,” Trump shot back.", ["Donald Trump"]),
        (
            "Alex Castellanos, a veteran media consultant who earlier in the season had tried without success to "
            "organize a campaign against the front-runner, said, “It was a fantasy effort.”",
            ["Alex Castellanos"],
        ),
    ],
)
def test_the_rules_alone_find_the_subject_past_long_or_relative_clauses(text, speakers):
    assert [q.speaker for q in rules_alone(Article("t", text)).quotes] == speakers


def test_an_unnamed_source_gives_no_speaker_rather_than_someone_else():
    text = (
        "Cheryl Mills, a former Clinton aide, was granted immunity, the committee said.\n\n"
        "“Republicans are in a frenzy that is disorganized,” said one Democratic source on the panel.\n\n"
        "Marc Morial, the chief executive of the National Urban League, forcefully told a young woman who suggested "
        "that people may not vote that “not voting is not a viable strategy.”\n\n"
        "“We live in Satan's kingdom,” my father often said."
    )
    found = pipeline(Article("t", text)).quotes
    assert [(q.speaker, q.speaker_mention) for q in found] == [
        (None, "one Democratic source"),
        ("Marc Morial", "Marc Morial"),
        (None, "my father"),
    ]


def test_organisations_as_speakers():
    text = "“The jet never left Syrian airspace,” the Kremlin said.\n\n“Allies are united,” NATO said in a statement."
    assert [s for _, s, _ in quotes(text)] == ["Kremlin", "NATO"]


def test_transcript_lines_take_their_label():
    text = (
        "Vice presidential candidate Mike Pence spoke to Chris Wallace on Sunday.\n\n"
        "\"WALLACE: Will Gennifer Flowers be there?\n\n\"PENCE: Gennifer Flowers will not be attending the debate.\""
    )
    assert [(t[:9], s) for t, s, _ in quotes(text)] == [("Will Genn", "Chris Wallace"), ("Gennifer ", "Mike Pence")]


def test_odd_and_unbalanced_marks_never_raise():
    rng = random.Random(3)
    alphabet = ["“", "”", '"', "‘", "’", "'", "„", "«", "»", " ", "\n\n", "said", "he", "NATO", ",", ".", "-", "Stoltenberg", "x"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        quotes(text)
        for span in find_quote_spans(segment(Article("t", text))):
            assert 0 <= span.start <= span.end <= len(text)


def test_the_speaker_carries_its_type_a_person_an_organisation_or_a_country_code():
    text = (
        "Russia denied the charge on Monday. “We have never violated Turkish airspace,” Russia said in a statement. "
        "“The alliance is ready,” NATO said. “We will defend every ally,” Jens Stoltenberg said."
    )
    found = [(q.speaker, q.speaker_type) for q in pipeline(Article("t", text)).quotes]
    assert found == [("Russia", "RU"), ("NATO", "ORG"), ("Jens Stoltenberg", "PER")]


def test_reported_quotes_with_a_limit_keep_the_first_and_still_gather_their_sources():
    from nato_digest.aggregate import ReportedQuotes

    reported = ReportedQuotes(limit=3)
    for number in range(10):
        reported.add({"quote": f"We will meet again in week {number}.", "speaker": "Jens Stoltenberg"}, [f"d{number}"])
    reported.add({"quote": "We will meet again in week 1!", "speaker": None}, ["late"])
    records = reported.records()
    assert [r["quote"] for r in records] == [f"We will meet again in week {n}." for n in range(3)]
    assert records[1]["docs"] == ["d1", "late"]
