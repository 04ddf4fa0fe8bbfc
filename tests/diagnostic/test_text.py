"""Reading a description: stems, phrases, negation, plans, the past, and time together."""

from __future__ import annotations

from datetime import date

import pytest
from stage_diagnostic.text import (
    Description,
    is_phrase,
    phrase_stems,
    stem,
    time_together,
    tokenize,
)

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    "words",
    [
        ("agree", "agreeing", "agrees"),
        ("meet", "meets", "meeting"),
        ("goal", "goals"),
        ("set", "sets", "setting"),
        ("plan", "plans", "planned", "planning"),
        ("outgrow", "outgrown", "outgrowing"),
        ("match", "matches", "matched"),
        ("close", "closes", "closing"),
        ("prioritise", "prioritize", "prioritised", "prioritized"),  # British and American
        ("programme", "program", "programs"),
        ("practise", "practising", "practicing", "practiced"),
        ("not", "never", "no", "n't", "don't", "haven't", "can't", "cannot", "without"),
        ("week", "weeks", "wks", "wk"),
        ("month", "months", "mths", "mos"),
        ("year", "years", "yrs"),
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
        ("closed", "closes"),  # nor one that "closes in January"
        ("agreed", "agreeing"),  # goals agreed are not goals still being agreed
        ("achieved", "achieve"),
        ("met", "meet"),  # goals met are not meetings
        ("notes", "not"),
        ("practice", "practising"),  # "in practice" is no practising
        ("retired", "retiring"),  # a mentor who retired in 2015 is not one retiring next month
    ],
)
def test_words_that_mean_different_things_keep_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other)


def test_tokens_keep_offsets_and_split_digits_from_units() -> None:
    text = "We\u2019ve met for 3wks."
    tokens = tokenize(text)
    assert [t.word for t in tokens] == ["we've", "met", "for", "3", "wks"]
    assert all(text[t.start : t.end].lower().replace("\u2019", "'") == t.word for t in tokens)


def test_a_phrase_matches_other_forms_and_small_gaps() -> None:
    description = Description("We are setting some clear goals.")
    [match] = description.find_all(phrase_stems("set goals"))
    assert description.quote(match.first, match.last)[0] == "setting some clear goals"


def test_a_phrase_does_not_match_across_a_wide_gap_or_a_clause() -> None:
    wide = Description("We set out our hopes and wider goals.")
    assert not wide.find_all(phrase_stems("set goals"))
    assert not Description("We set dates. Goals come next.").find_all(phrase_stems("set goals"))


@pytest.mark.parametrize(
    "text",
    [
        "We haven't set any goals yet.",
        "We have never set goals.",
        "There are no goals set.",
        "We met without setting goals.",
    ],
)
def test_a_denying_word_before_a_phrase_is_found(text: str) -> None:
    matches = Description(text).find_all(phrase_stems("set goals")) or Description(
        text
    ).find_all(phrase_stems("goals set"))
    assert matches and matches[0].negator is not None


@pytest.mark.parametrize(
    "text", ["We need to set goals.", "Next time we will set goals.", "We're going to set goals."]
)
def test_plans_are_not_facts_yet(text: str) -> None:
    [match] = Description(text).find_all(phrase_stems("set goals"))
    assert match.ahead and match.negator is None


def test_a_plain_phrase_is_neither_denied_nor_ahead() -> None:
    [match] = Description("We set goals and work on them.").find_all(phrase_stems("set goals"))
    assert match.negator is None and not match.ahead and not match.past


def test_the_past_is_marked_until_now() -> None:
    description = Description(
        "At first we mostly got to know each other; now we work on my goals. Goals are good."
    )
    [early] = description.find_all(phrase_stems("get to know"))
    [late] = description.find_all(phrase_stems("work on"))
    assert early.past and not late.past


def test_hedges_are_noticed() -> None:
    [match] = Description("I think we have agreed goals.").find_all(phrase_stems("agreed goals"))
    assert match.hedged


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("We met three weeks ago.", 12 / 52 * 3),
        ("We have worked together for eighteen months.", 18),
        ("We have been meeting for a couple of years.", 24),
        ("It's been 3 wks.", 12 / 52 * 3),
        ("We've known each other two and a half years.", 30),
        ("She has mentored me for a year and a half.", 18),
        ("Half a year now.", 6),
        ("Twenty-four months on, we still meet.", 24),
        ("Three weeks in, we are still working out how to talk.", 12 / 52 * 3),
        ("Pair 18, month 11 of 12: goals achieved.", 10.5),
        ("Now, into our third year, we work on my plan.", 30),
        ("He has coached me for two seasons.", 24),
        # a year or a school term counted from the start of the clause says where the pair are
        ("First term with my mentor. She watches a lesson every fortnight.", 2),
        ("First year apprentice. Me and my mentor go through my targets.", 6),
        ("Pair 7 (second year): monthly sessions kept.", 18),
        ("Two terms in, we review my targets.", 8),
        # "in month seven" is where they are now, after a verb of being
        ("We're in month seven and working through the plan.", 6.5),
        ("We've been meeting since March.", 9 + 1 / 30),
        ("We were matched in September 2025.", 15 + 1 / 30),
        ("Matched since the spring before last.", 20 + 1 / 30),
    ],
)
def test_time_together_in_words_and_digits(text: str, months: float) -> None:
    mention = time_together(Description(text), TODAY)
    assert mention is not None and mention.months == pytest.approx(months, abs=0.05), text


@pytest.mark.parametrize(
    "text",
    [
        "We joined our nine-month programme and have met twice so far.",  # a programme's length
        "The scheme runs for twelve months.",
        "I was on leave for six months, and before that we had only met twice.",
        "We meet every two weeks and once a month by phone.",  # frequencies
        "We now meet every two or three months, just to check in.",
        "We will meet again in two weeks.",  # the future
        "I have twenty years of experience in finance.",  # something else
        "I've been in my job for five years.",
        "Our mentoring ended two years ago.",  # time since the end
        "She has taught chemistry for thirty years.",  # a career, longer than mentoring lasts
        "First week back after the holidays, and we meet on Friday.",  # a week: not the pair's
        "We set goals in month two.",  # when something happened, not where they are
        "He mentored me through my first years coaching.",  # a stretch in the plural: no count
        "We're in week 20 of the year-long programme.",  # the programme's week
        "We think long term about my career.",
    ],
)
def test_other_lengths_of_time_are_not_time_together(text: str) -> None:
    assert time_together(Description(text), TODAY) is None, text


def test_the_longest_time_together_wins() -> None:
    text = "We've met every month for two years; the last three months were about my promotion."
    mention = time_together(Description(text), TODAY)
    assert mention is not None and mention.months == 24


@pytest.mark.parametrize(
    ("quote", "phrase"),
    [
        ("outgrown", True),  # one word that means something on its own
        ("get on well", True),
        ("yet", False),
        ("What", False),
        ("really", False),
        ("whether", False),
    ],
)
def test_a_phrase_is_two_words_or_one_that_means_something(quote: str, phrase: bool) -> None:
    assert is_phrase(quote) is phrase


@pytest.mark.parametrize(
    ("text", "word", "phrase"),
    [
        ("Honestly, she has outgrown me, so we are stopping.", "outgrown", "she has outgrown me"),
        ("We are still feeling each other out.", "feeling", "We are still feeling each other out"),
        ("Parminder has been working with her mentor.", "working", "working with her mentor"),
        ("Awkward.", "awkward", "Awkward"),  # nothing else in its clause
    ],
)
def test_a_word_is_quoted_as_the_phrase_around_it(text: str, word: str, phrase: str) -> None:
    description = Description(text)
    index = next(i for i, token in enumerate(description.tokens) if token.word == word)
    assert description.quote(*description.phrase(index, index))[0] == phrase


@pytest.mark.parametrize(
    ("text", "words", "outside"),
    [
        ("The trains keep getting cancelled.", "keep getting cancelled", True),
        ("My line manager never replies to me.", "never replies", True),
        ("My manager he is always busy and never answers.", "always busy", True),  # he: manager
        ("The supplier's been hopeless, never answers the phone.", "never answers", True),
        ("Mentee was upset by a customer's complaint.", "upset", True),
        ("The team's targets are forty accounts.", "targets", True),
        ("I've been seeing a therapist and we've set goals.", "set goals", True),  # we: therapist
        ("My coach has given me homework.", "homework", True),  # "me" is not who it is about
        ("Pairs meet monthly.", "monthly", True),  # many pairs: a programme's rules
        ("My mentor keeps cancelling.", "keeps cancelling", False),
        ("My mentor in the company is always busy.", "always busy", False),  # not the company
        ("Her manager's peer and we meet monthly.", "monthly", False),  # a possessive: the peer
        ("We keep cancelling because of the snow.", "keep cancelling", True),  # its cause
        ("She keeps cancelling because of her workload.", "keeps cancelling", False),
    ],
)
def test_words_about_someone_outside_the_pair_are_told_apart(
    text: str, words: str, outside: bool
) -> None:
    description = Description(text)
    (match,) = description.find_all(phrase_stems(words))
    assert description.outside(match.first, match.last) is outside


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("She has achieved nearly everything.", True),
        ("She has achieved almost everything.", True),
        ("She has achieved everything.", False),
    ],
)
def test_nearly_and_most_of_make_a_phrase_partial(text: str, partial: bool) -> None:
    (match,) = Description(text).find_all(phrase_stems("achieved everything"))
    assert match.partial is partial


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("Mostly just getting to know each other so far.", False),
        ("We are largely getting to know each other.", False),
        ("We are nearly getting to know each other.", True),
    ],
)
def test_mostly_before_doing_says_what_is_done_most(text: str, partial: bool) -> None:
    (match,) = Description(text).find_all(phrase_stems("getting to know"))
    assert match.partial is partial


def test_one_time_is_a_single_event() -> None:
    (once,) = Description("I missed one session.").find_all(phrase_stems("missed sessions"))
    (often,) = Description("I missed sessions.").find_all(phrase_stems("missed sessions"))
    assert once.once and not often.once


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Where do I start?", True),
        ("How much time does it take each month?", True),
        ("It's kind of fizzled?", False),  # said with a rising tone, not asked
        ("We meet each month.", False),
    ],
)
def test_a_question_is_told_from_a_statement(text: str, asked: bool) -> None:
    description = Description(text)
    assert (description.tokens[-1].clause in description.asked) is asked


def test_a_text_that_never_speaks_of_the_pair_is_noticed() -> None:
    assert not Description("It's been raining for three weeks.").mentions_pair
    assert Description("We met three weeks ago.").mentions_pair
    assert Description("My mentor is great.").mentions_pair
    assert Description("Rapport's good; goals next.").mentions_pair  # what only a pair has


@pytest.mark.parametrize(
    ("text", "may_be"),
    [
        ("Stuck on the same crossword clue for a fortnight.", False),
        ("Grandma died in May and I feel lost.", False),
        ("She never gets back to me.", True),  # one other person: likely the other of the pair
        ("Five months of coffees and nothing decided.", True),  # their meetings, by any name
        ("Our sessions are stuck.", True),
    ],
)
def test_a_text_that_may_be_of_the_pair_is_told_from_one_that_is_anyone_s(
    text: str, may_be: bool
) -> None:
    assert Description(text).may_be_of_the_pair is may_be


@pytest.mark.parametrize(
    "text",
    [
        "It has been 18 months since our mentoring formally ended.",  # the time since the end
        "We're picking goals for my first year as a team leader.",  # a role's time
    ],
)
def test_time_that_is_not_together_since_an_end_or_in_a_role(text: str) -> None:
    assert time_together(Description(text), TODAY) is None


def test_nearly_a_year_is_just_under_a_year() -> None:
    mention = time_together(Description("It is nearly one year since we were matched."), TODAY)
    assert mention is not None and 11 < mention.months < 12


@pytest.mark.parametrize(
    ("text", "someone_else"),
    [
        ("My line manager and I have one-to-ones every fortnight.", True),
        ("My personal trainer and I agreed my goals.", True),
        ("My mentor and I have one-to-ones every fortnight.", False),
        ("Me and Coach Dee are solid now.", False),  # a coach is often the mentor
        ("We meet every fortnight.", False),
    ],
)
def test_a_text_about_the_writer_and_someone_outside_mentoring(
    text: str, someone_else: bool
) -> None:
    assert Description(text).about_someone_else is someone_else


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("She's more a friend now as well as my mentor.", True),
        ("He is a friend as well as a mentor to me.", True),
        ("We're friends now.", False),
        ("We're friends now, as well as colleagues.", False),  # another role, not the mentoring
    ],
)
def test_a_friend_as_well_as_a_mentor_is_both(text: str, both: bool) -> None:
    description = Description(text)
    last = next(i for i, token in enumerate(description.tokens) if token.stem == "friend")
    assert description.as_well_as_mentor(last) is both


@pytest.mark.parametrize(
    ("text", "feeling", "apart"),
    [
        # its object or cause named as someone or something apart from the pair
        ("I do feel abandoned by the council, who pulled my post.", "abandoned", True),
        ("I do feel abandoned by the deanery, but that's them, not her.", "abandoned", True),
        ("I was furious with myself on the train home.", "furious", True),
        ("Two of my biggest clients stopped paying; I've been angry and hurt about it.",
         "hurt", True),
        ("I've been angry about it, but that's business, not her.", "angry", True),
        ("I'm so angry lol but that's the mods.", "angry", True),
        ("She's upset about the restructure and a friend's redundancy.", "upset", True),
        ("The staff room is furious, but that's a different fight.", "furious", True),
        ("He's been dropped by a recruitment agency that went silent, and he's gutted.",
         "gutted", True),
        # ...not about the mentor, the ending, the mentoring or nothing named
        ("My mentor ended it after three months and I feel abandoned.", "abandoned", False),
        ("She pulled out before I was ready and I'm gutted it's over.", "gutted", False),
        ("I'm angry with her for ending it so suddenly.", "angry", False),
        ("I feel abandoned by my mentor, who just stopped turning up.", "abandoned", False),
        ("Our mentoring finished early. I've been angry and hurt about it.", "hurt", False),
        ("I'm still sore about the whole thing.", "sore", False),
        ("I was hurt at the time, to be honest.", "hurt", False),
        ("The way it ended hurt.", "hurt", False),
    ],
)
def test_a_feeling_about_someone_else_is_told_apart(text: str, feeling: str, apart: bool) -> None:
    description = Description(text)
    (index,) = [i for i, token in enumerate(description.tokens) if token.word == feeling]
    assert description.felt_about_someone_else(index, index) is apart
    assert description.outside(index, index, strict=True) is apart
