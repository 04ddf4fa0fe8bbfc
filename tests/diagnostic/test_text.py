"""Reading a description: stems, phrases, negation and time expressions."""

from __future__ import annotations

import pytest
from stage_diagnostic.text import Description, find_durations, phrase_stems, stem, tokenize


@pytest.mark.parametrize(
    "words",
    [
        ("agree", "agreeing", "agrees"),
        ("meet", "meets", "meeting", "met"),
        ("goal", "goals"),
        ("set", "sets", "setting"),
        ("plan", "plans", "planned", "planning"),
        ("story", "stories"),
        ("outgrow", "outgrown", "outgrowing"),
        ("match", "matches", "matched"),
        ("mentee", "mentees"),
        ("close", "closed", "closing"),
    ],
)
def test_forms_of_a_word_share_a_stem(words: tuple[str, ...]) -> None:
    assert len({stem(word) for word in words}) == 1, {word: stem(word) for word in words}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("weekly", "week"),  # a frequency is not a length of time
        ("monthly", "month"),
        ("ended", "ends"),  # a programme that ended is not one that ends next month
        ("finished", "finishes"),
        ("agreed", "agreeing"),  # goals agreed are not goals still being agreed
        ("notes", "not"),
    ],
)
def test_words_that_mean_different_things_keep_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other)


def test_contractions_and_curly_apostrophes() -> None:
    assert stem("haven't") == stem("cannot") == stem("not") == "n't"
    assert [token.word for token in tokenize("We\u2019ve met; she\u2019s GREAT")] == [
        "we've",
        "met",
        "she's",
        "great",
    ]


def test_a_phrase_matches_other_forms_and_small_gaps() -> None:
    description = Description("We finally agreeD on some goals last week.")
    match = description.find(phrase_stems("agreed goals"))
    assert match is not None
    assert description.excerpt(match.first, match.last) == "agreeD on some goals"


def test_a_phrase_does_not_match_across_a_wide_gap_or_a_sentence() -> None:
    assert (
        Description("We agreed to meet weekly and then talk about goals").find(
            phrase_stems("agreed goals")
        )
        is None
    )
    assert (
        Description("That was agreed. Goals came later.").find(phrase_stems("agreed goals")) is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "We haven't agreed goals yet.",
        "We have not really agreed any goals.",
        "We never agreed goals.",
        "There are no agreed goals.",
        "We no longer have agreed goals.",
        "I think we still need agreed goals.",
        "We can't find agreed goals.",
    ],
)
def test_negation_before_a_phrase_is_noticed(text: str) -> None:
    match = Description(text).find(phrase_stems("agreed goals"))
    assert match is not None and match.negator is not None


@pytest.mark.parametrize(
    "text",
    [
        "We agreed goals last month.",
        "We did not meet often, but we agreed goals.",  # the negation belongs to another clause
        "Not everything went well at first. Later we agreed goals.",
    ],
)
def test_a_phrase_without_negation_is_plain(text: str) -> None:
    match = Description(text).find(phrase_stems("agreed goals"))
    assert match is not None and match.negator is None


def test_a_negating_word_inside_the_phrase_is_its_meaning() -> None:
    match = Description("My mentor is never available.").find(phrase_stems("never available"))
    assert match is not None and match.negator is None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("We met three weeks ago.", [12 / 52 * 3]),
        ("We have worked together for two years.", [24]),
        ("It has been 12 months now.", [12]),
        ("We're about a year in.", [12]),
        ("After two and a half years I am ready.", [30]),
        ("For a year and a half now.", [18]),
        ("Half a year ago we were matched.", [6]),
        ("A couple of months in, we set goals.", [2]),
        ("a few months", [3]),
        ("twenty four months", [24]),
        ("We meet every two weeks.", []),
        ("We meet once a month and twice a year we review.", []),
        ("It is a 12-month programme.", []),
        ("The scheme ends in a few weeks.", []),
        ("We will look at it again next year.", []),
        ("The formal mentoring ended two years ago.", []),
    ],
)
def test_time_expressions(text: str, months: list[float]) -> None:
    found = [mention.months for mention in find_durations(tokenize(text))]
    assert found == pytest.approx(months)


def test_excerpts_keep_the_visitors_own_spelling_even_around_unusual_letters() -> None:
    text = "\u0130stanbul team: We AGREED our Goals."
    description = Description(text)
    match = description.find(phrase_stems("agreed goals"))
    assert match is not None
    assert description.excerpt(match.first, match.last) == "AGREED our Goals"
