"""Reading problems from a description: phrases in general words, who a clause is about, one
trouble told from two sides, and flags that agree with the headline.

The sentences here are written for the tests, not taken from the corpus: the corpus measures how
well the reading generalises (bench/diagnostic.py), these pin down what each rule does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from stage_diagnostic import Model, diagnose
from stage_diagnostic.model import phrase_problem
from stage_diagnostic.reading import candidates
from stage_diagnostic.text import Description, phrase_stems

TODAY = date(2026, 12, 1)


def flag_ids(result: dict[str, Any]) -> list[str]:
    return sorted({flag["id"] for flag in result["flags"]})


def alarm_ids(result: dict[str, Any]) -> list[str]:
    """The flags that alarm: every one but a move back, which is normal."""
    return [flag for flag in flag_ids(result) if flag != "move-back"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She keeps rescheduling our calls.", True),
        ("My mentor constantly postpones.", True),
        ("My manager keeps rescheduling.", False),  # not a word of {mentor}
        ("She keeps smiling.", False),  # not a word of {cancelling}
    ],
)
def test_a_word_class_stands_for_each_of_its_words(text: str, found: bool) -> None:
    matches = Description(text).find_all(phrase_stems("{mentor} {keeps} {cancelling}"))
    assert bool(matches) == found


def test_a_gap_reaches_to_the_end_of_its_clause_and_no_further() -> None:
    phrase = phrase_stems("{ended} ... before i was ready")
    (match,) = Description("She ended the mentoring last week before I was ready").find_all(
        phrase
    )
    assert match.words == 5  # the gap's words are not the phrase's
    assert not Description("She ended the mentoring. I was ready before that.").find_all(phrase)


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("{nonsense} here", "names no word class 'nonsense'"),
        ("... ready", "has no words a description could match"),
        ("{mentor} never {reply}", None),
    ],
)
def test_a_phrase_with_word_classes_is_checked(phrase: str, problem: str | None) -> None:
    found = phrase_problem(phrase)
    assert (found is None) if problem is None else (problem in str(found))


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("My mentor rarely replies to my emails and we've only met once since March.",
         "mentor-unavailable"),
        ("He never gets back to me; I've sent four messages.", "mentor-unavailable"),
        ("I can never get hold of my mentor.", "mentor-unavailable"),
        ("Our mentoring has stalled: we keep postponing and nothing gets done.", "stalled"),
        ("We haven't met for months and neither of us has rebooked.", "stalled"),
        ("Our scheme is closing next month and I feel cut loose; I still needed her.",
         "premature-separation"),
        ("My mentor is leaving the firm at Christmas, halfway through my plan, and I'm gutted.",
         "premature-separation"),
        ("Two years in, my first goals are done, so we are setting new goals.", "move-back"),
    ],
)
def test_problems_are_read_in_general_words(real_model: Model, text: str, flag: str) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert flag_ids(result) == [flag], result["evidence"]


@pytest.mark.parametrize(
    "text",
    [
        "We meet every fortnight on my goals. The buses are always late, so I walk.",
        "My mentor replies the same day; my landlord never replies.",
        "An agent I wrote to in May still hasn't got back to me. My mentor and I meet monthly "
        "on my portfolio.",
        "A parent's complaint upset her, but she has done what she came for and we finish in "
        "June.",
        "We skipped last month by agreement because there was little left to discuss.",
        "My mentor is very busy but always makes time for me.",
    ],
)
def test_healthy_pairs_with_hardships_get_no_flag(real_model: Model, text: str) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert flag_ids(result) == [], result["evidence"]


def test_what_the_mentor_is_names_nobody_else(real_model: Model) -> None:
    text = "My mentor is a director and his diary is always full. We have met once since May."
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == ["mentor-unavailable"]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # missed on both sides: a stall, not a mentor out of reach
        ("I've postponed twice, she's postponed twice, and now neither of us is chasing.",
         "stalled"),
        # the mentor's doing explains the meetings missed
        ("Our catch-ups never happen. She keeps cancelling on me.", "mentor-unavailable"),
    ],
)
def test_one_trouble_told_from_two_sides_is_one_flag(
    real_model: Model, text: str, flag: str
) -> None:
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == [flag]


def test_a_question_told_tells_nothing(real_model: Model) -> None:
    result = diagnose(real_model, None, "She wondered whether I still needed her.", TODAY)
    assert "mentor-needed" not in result["answers"]


def test_a_quoted_question_is_reported_not_asked(real_model: Model) -> None:
    text = "We are fifteen months in and my goals are done. She asked 'so what now?'"
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"]["goals"] == "met-setting-new"


def test_a_move_back_holds_against_a_later_answer_that_says_no_more(real_model: Model) -> None:
    text = ("Two years in, my first goals are done. So we sat down with a blank page. We're "
            "mapping out what I want over the next few sessions.")
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"]["goals"] == "met-setting-new"
    assert "move-back" in flag_ids(result)


def test_a_separation_too_soon_shows_once_the_headline_is_winding_down(real_model: Model) -> None:
    # Seven months of a twelve-month scheme, ending with the mentee hurt: Kram's durations alone
    # would keep it in initiation, but an ending is the change of structure that separation is.
    answers = {"time-together": "six-to-twelve-months", "formal-arrangement": "ending-soon",
               "feelings": "hurt"}
    result = diagnose(real_model, answers, None, TODAY)
    assert result["frameworks"]["clutterbuck"]["stage"] == "winding-down"
    assert [(f["id"], f["status"]) for f in result["flags"]] == [
        ("premature-separation", "raised")
    ]


def test_a_mentee_who_still_needs_a_lot_is_let_go_too_soon_only_at_an_ending(
    real_model: Model,
) -> None:
    ending = {"formal-arrangement": "ending-soon", "goals": "mostly-met", "mentor-needed": "a-lot"}
    assert "premature-separation" in flag_ids(diagnose(real_model, ending, None, TODAY))
    early = {"formal-arrangement": "just-started", "goals": "not-yet", "mentor-needed": "a-lot"}
    assert flag_ids(diagnose(real_model, early, None, TODAY)) == []


def test_a_stall_is_no_alarm_for_a_pair_winding_down(real_model: Model) -> None:
    answers = {"missed-meetings": "often", "goals": "all-met", "formal-arrangement": "ending-soon"}
    result = diagnose(real_model, answers, None, TODAY)
    assert result["frameworks"]["clutterbuck"]["stage"] == "winding-down"
    assert flag_ids(result) == []
    working = {"missed-meetings": "often", "goals": "agreed-working"}
    assert flag_ids(diagnose(real_model, working, None, TODAY)) == ["stalled"]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # the writer mentors: "she" is the mentee, whose cancelling is a stall
        ("I've mentored Dana since May. She keeps cancelling and her plan hasn't moved.",
         "stalled"),
        ("My mentee is lovely. She keeps cancelling, and our sessions are going nowhere.",
         "stalled"),
        # the writer is mentored: "she" is the mentor, out of reach
        ("My mentor is lovely. She keeps cancelling, and we have met once since March.",
         "mentor-unavailable"),
    ],
)
def test_she_is_whoever_the_writer_is_not(real_model: Model, text: str, flag: str) -> None:
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == [flag]


def test_a_gap_does_not_pass_someone_else() -> None:
    phrase = phrase_stems("mentee ... {cancelling} ... {every}")
    assert Description("My mentee has cancelled every session.").find_all(phrase)
    assert not Description("Mentee says her mentor has cancelled every session.").find_all(phrase)


def test_a_length_of_time_that_did_not_happen_is_not_time_together(real_model: Model) -> None:
    text = "We haven't been mentor and mentee for six months; she left and that was that."
    result = diagnose(real_model, None, text, TODAY)
    assert "time-together" not in result["answers"]


def test_hurt_alone_is_no_separation_too_soon(real_model: Model) -> None:
    # The hurt pulls towards a separation; the flag needs the other answers to place it there.
    text = "A client was furious with me last week and I was upset."
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == []
    ending = "Our scheme is closing next month and I was upset; I still needed her."
    assert flag_ids(diagnose(real_model, None, ending, TODAY)) == ["premature-separation"]


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # one meeting missed is no pattern; one missed again and again is
        ("The bus strike meant I missed our session, but we rebooked it.", None),
        ("Our meeting keeps getting cancelled.", "often"),
        # ...also when a word between says which one
        ("I missed the Friday session with a fever and we moved it to Monday.", None),
        ("She missed our March meeting; we met the week after instead.", None),
        ("We keep missing sessions and nobody rebooks.", "often"),
    ],
)
def test_a_meeting_named_once_is_a_single_event(
    real_model: Model, text: str, answer: str | None
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("missed-meetings") == answer


def test_a_phrase_may_go_on_past_but() -> None:
    # "busy but ..." is a mentor who is busy and still available: "but" starts a new clause,
    # and a phrase that says "but" goes on into it
    (match,) = Description("She is busy but always finds time.").find_all(phrase_stems("busy but"))
    assert match.words == 2
    assert not Description("She is busy. But always finds time.").find_all(phrase_stems("busy but"))


@pytest.mark.parametrize(
    "text",
    [
        "She relies on me a lot less now, and we finish the programme in June.",  # a comparison
        "Things have stalled at work, but my mentor and I meet monthly on my goals.",  # elsewhere
    ],
)
def test_what_is_compared_or_elsewhere_raises_nothing(real_model: Model, text: str) -> None:
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == []


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # a mentor owning up: the writer's own cancelling is the mentor out of reach...
        ("I'm matched with a new graduate, and I'm afraid I've been a poor mentor: I've "
         "cancelled on her three times since we met in June.", ["mentor-unavailable"]),
        # ...but a mentee's own cancelling is no mentor out of reach
        ("I've cancelled on her three times since we met in June, my fault entirely.", []),
    ],
)
def test_the_writer_as_mentor_counts_only_in_the_mentors_voice(
    real_model: Model, text: str, flags: list[str]
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert "mentor-unavailable" not in flags or result["answers"].get(
        "mentor-availability") == "hardly-ever"
    assert [f for f in flag_ids(result) if f == "mentor-unavailable"] == flags


def test_i_have_been_a_mentor_makes_the_writer_the_mentor() -> None:
    assert Description("I've been a rubbish mentor this term.").writer_is_mentor
    assert Description("I'm a new mentor in the scheme.").writer_is_mentor
    assert not Description("I've been given a mentor this term.").writer_is_mentor


@pytest.mark.parametrize(
    "text",
    [
        # a clause that goes on from someone else's doing ("which", "about that")
        "Two years in, my goals are done and we finish at Easter. My best friend at work is "
        "leaving too, which I'm more upset about.",
        "We meet monthly and her plan is nearly done. The hall we use is closing, the venue "
        "we love, gutted about that.",
        # a pronoun right after someone else starts a clause about them
        "We meet every month on my goals. Half the people she introduces me to never reply.",
        # "not by either of us"
        "Our first meeting kept getting moved, but not by either of us: the rail strike.",
    ],
)
def test_a_trouble_that_is_someone_elses_raises_nothing(real_model: Model, text: str) -> None:
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == [], diagnose(
        real_model, None, text, TODAY)["evidence"]


def test_he_or_she_never_stands_for_many_people() -> None:
    text = "She gave me two people to shadow. Then she moved jobs and never replies."
    description = Description(text)
    she = max(i for i, t in enumerate(description.tokens) if t.word == "she")
    assert not description.outside(she, she + 3, strict=True)
    plural = Description("The recruiters keep ghosting me.")
    assert plural.outside(2, 3, strict=True)


def test_a_separation_too_soon_is_no_side_of_an_absent_mentor(real_model: Model) -> None:
    # The mentor out of reach (after the end) and the hurt are two troubles; only the one the
    # result agrees with shows, instead of the absent mentor hiding the hurt.
    text = ("The scheme closed a year ago and our mentoring ended with it. I've not heard from "
            "my mentor since, and I was nowhere near standing on my own two feet.")
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"]["feelings"] == "hurt"


def test_no_alarm_from_a_hedged_reading_of_a_text_that_shows_no_stage(real_model: Model) -> None:
    text = "I'd like a mentor. Nobody on my ward seems to have time. How do I find one?"
    result = diagnose(real_model, None, text, TODAY)
    assert result["headline"] is None
    assert flag_ids(result) == []
    # said plainly, it still alarms
    plain = diagnose(real_model, None, "He never gets back to me; I've sent four messages.", TODAY)
    assert flag_ids(plain) == ["mentor-unavailable"]
    # the same answer given (not read) still alarms
    given = diagnose(real_model, {"mentor-availability": "hardly-ever"}, None, TODAY)
    assert flag_ids(given) == ["mentor-unavailable"]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("My mentor is always somewhere else; five months in we have talked once.",
         "mentor-unavailable"),
        ("Four months in, our sessions get moved from both ends and nothing moves on my goals.",
         "stalled"),
        ("Three years in, all my goals are done, so now we're setting next targets.",
         "move-back"),
        ("The scheme ends this month, six months in. I feel binned; I still needed her.",
         "premature-separation"),
    ],
)
def test_more_problems_in_general_words(real_model: Model, text: str, flag: str) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert flag_ids(result) == [flag], result["evidence"]


def test_the_wording_denies_as_far_as_the_phrases_do() -> None:
    from stage_diagnostic.text import NEGATION_WINDOW
    from stage_diagnostic.wording import features

    words = ["apple", "bread", "cheese", "dates", "eggs", "figs", "grapes", "honey", "icing"]
    description = Description("not " + " ".join(words[: NEGATION_WINDOW + 1]))
    names = {feature.name for feature in features(description)}
    last_denied, first_not = (description.tokens[i].stem for i in (NEGATION_WINDOW,
                                                                    NEGATION_WINDOW + 1))
    assert f"not_{last_denied}" in names
    assert first_not in names


def test_advice_is_not_yet_done(real_model: Model) -> None:
    # "books time" (a mentor usually available) is only advised: the cancelling still says it
    text = ("Pair 7: the mentee's mentor has cancelled three sessions running. They have not got "
            "past introductions; I've suggested she books time with him.")
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"]["mentor-availability"] == "hardly-ever"
    assert flag_ids(result) == ["mentor-unavailable"]


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # met once in all the months since matching: a mentor out of reach...
        ("We were matched in June and have met exactly once.", ["mentor-unavailable"]),
        ("A single coffee in four months, and I couldn't tell you much about her.",
         ["mentor-unavailable"]),
        # ...but not once so far, in a new pair, nor once a month
        ("We were matched last week and have met once, over lunch.", []),
        ("We have met once a month since June on my goals.", []),
        # and when the text says why, that reading wins: both let it slide
        ("We were matched in June and have met once; neither of us chases the dates.",
         ["stalled"]),
    ],
)
def test_met_only_once_in_months_is_a_problem(
    real_model: Model, text: str, flags: list[str]
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert alarm_ids(result) == flags, result["evidence"]


def test_months_given_counts_a_span_after_in() -> None:
    from stage_diagnostic.text import months_given

    assert months_given(Description("One coffee in four months."), TODAY) == 4.0
    assert months_given(Description("Her HR has not replied for three months."), TODAY) == 0.0


def test_a_count_per_week_is_a_rate_not_time_together() -> None:
    from stage_diagnostic.text import time_together

    assert time_together(Description("I swim 40 lengths a week."), TODAY) is None
    assert time_together(Description("We send three emails a month."), TODAY) is None
    mention = time_together(Description("We've been meeting for a month."), TODAY)
    assert mention is not None and mention.months == 1.0


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # the time of something the writer or a group has is not the pair's
        ("My handicap has been stuck at twelve for two years.", 0.0),
        ("Our allotment has been waterlogged for three months.", 0.0),
        # ...but the time of the pair, their meetings, or the mentor's things is
        ("Our meetings have run for two years.", 24.0),
        ("His status has said busy for three months.", 3.0),
    ],
)
def test_the_time_of_a_thing_is_not_the_pairs(text: str, months: float) -> None:
    from stage_diagnostic.text import months_given

    assert months_given(Description(text), TODAY) == months


def test_time_since_the_pair_began_is_time_together() -> None:
    from stage_diagnostic.text import time_together

    mention = time_together(Description("Nine months since the programme matched us."), TODAY)
    assert mention is not None and mention.months == 9.0
    # ...but the length of the programme is not
    assert time_together(Description("It is a nine-month programme."), TODAY) is None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # the scheme that brought the pair together does not make their time its length...
        ("She's been my mentor through the orchestra's young players scheme for two years.", 24.0),
        ("Matched with a mentor via the pilot three weeks ago.", 3 * 12 / 52),
        # ...but a scheme's own length is not time together, nor a season's running
        ("The scheme runs for two years.", None),
        ("He got me through my first season running the place.", None),
    ],
)
def test_a_scheme_the_pair_came_through_leaves_their_time(text: str, months: float | None) -> None:
    from stage_diagnostic.text import time_together

    mention = time_together(Description(text), TODAY)
    assert (None if mention is None else mention.months) == months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # an ordinal unit that opens its clause with the other of the pair is the pair's time...
        ("First month with my mentor. We talk about expectations.", 0.5),
        ("Second week with my department mentor.", 1.5 * 12 / 52),
        # ...but not one that opens a clause about something else
        ("First month was hard.", None),
    ],
)
def test_an_ordinal_unit_with_the_pair_is_time_together(text: str, months: float | None) -> None:
    from stage_diagnostic.text import time_together

    mention = time_together(Description(text), TODAY)
    assert (None if mention is None else mention.months) == pytest.approx(months)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # the writer named by a trade first: the time just after "my mentor" is still the pair's
        ("Apprentice plumber, with my mentor since September. We work on my goals.",
         "three-to-six-months"),
        ("Junior nurse, been with my mentor for two years now.", "two-to-five-years"),
        # ...but not a length the writer's pair does not own, nor one put down to someone else
        ("The programme pairs each participant with a senior mentor for nine months.", None),
        ("My mentor is retiring six months early because the firm offered a package.", None),
    ],
)
def test_time_just_after_my_mentor_is_the_pairs(
    real_model: Model, text: str, answer: str | None
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("time-together") == answer


@pytest.mark.parametrize(
    ("text", "flags", "ended"),
    [
        # a brew or a pint is a meeting: one in months is a mentor out of reach...
        ("Ten months since the scheme paired us and we've had one pint together.",
         ["mentor-unavailable"], False),
        # ...and "since the scheme" is when it began, not that it has ended
        ("We've got on well since the scheme started in May.", [], False),
        ("The scheme ended in June and we still meet for a cuppa.", [], True),
    ],
)
def test_since_the_scheme_began_and_an_informal_meeting(
    real_model: Model, text: str, flags: list[str], ended: bool
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert alarm_ids(result) == flags, result["evidence"]
    assert (result["answers"].get("formal-arrangement") == "ended-in-touch") == ended


@pytest.mark.parametrize(
    ("text", "arrangement"),
    [
        # starting to do something is not the start of the pairing...
        ("We were six months in and I was just starting to lead the meetings myself.", None),
        # ...the pairing's start is
        ("We've just started with our mentor.", "just-started"),
        # the last of the meetings, had, is an ending; the last one before now is not
        ("The programme was cut and we had our last session on Monday.", "ending-soon"),
        ("Our last session was about my portfolio.", None),
    ],
)
def test_a_start_and_a_last_meeting_are_the_pairings_only_when_they_say_so(
    real_model: Model, text: str, arrangement: str | None
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("formal-arrangement") == arrangement


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # the same meeting over and over, for months, is a stall
        ("We were paired in May. It's been the same chat since July: how's it going, fine.",
         ["stalled"]),
        ("We were paired in May and have had the same conversation for three months now.",
         ["stalled"]),
        # ...but not the same meeting slot
        ("We were paired in May and have kept the same meeting slot since June, working "
         "through my goals.", []),
    ],
)
def test_the_same_meeting_for_months_is_a_stall(
    real_model: Model, text: str, flags: list[str]
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert alarm_ids(result) == flags, result["evidence"]


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # replies counted, few in months: a mentor out of reach
        ("I was allocated a mentor in March and she has answered one text out of eight.",
         ["mentor-unavailable"]),
        ("We were matched in April. I've had one reply since June.", ["mentor-unavailable"]),
        # ...but not in a pair barely begun
        ("We were matched last week and I've had one reply since Monday.", []),
    ],
)
def test_replies_counted_out_of_many(real_model: Model, text: str, flags: list[str]) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert alarm_ids(result) == flags, result["evidence"]


def test_one_call_is_no_absent_mentor_when_the_only_months_are_a_things(
    real_model: Model,
) -> None:
    text = (
        "We've had one call so far about what I'm after. My golf handicap has been stuck for a "
        "year."
    )
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == []


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # a feeling aimed at someone or something outside the pair is no separation too soon
        ("Our mentoring finished as planned last spring and we still swap emails. I'm furious "
         "with the landlord for raising the rent.", []),
        ("We wrapped up as agreed two years ago and are friends now. Gutted the club's closing "
         "its youth section.", []),
        # ...but one aimed at the mentor, or at nobody named, is
        ("My mentor ended our mentoring after three months. I'm angry with my mentor.",
         ["premature-separation"]),
        ("My mentor ended our mentoring after three months and I'm angry about it.",
         ["premature-separation"]),
    ],
)
def test_a_feeling_aimed_at_an_outsider_raises_nothing(
    real_model: Model, text: str, flags: list[str]
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert alarm_ids(result) == flags, result["evidence"]


def test_the_other_of_the_pair_may_be_named_by_what_they_do() -> None:
    paired = Description("I've been mentoring a junior doctor since May. She felt let down.")
    other = Description("My doctor retired in May. She felt let down.")
    for description, outside in ((paired, False), (other, True)):
        she = max(i for i, t in enumerate(description.tokens) if t.word == "she")
        assert description.outside(she + 1, she + 3, strict=True) == outside


@pytest.mark.parametrize(
    "text", ["Our farewell call is next week.", "Two sessions remaining, then that's it."]
)
def test_the_last_of_the_meetings_is_an_ending(real_model: Model, text: str) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("formal-arrangement") == "ending-soon", result["evidence"]


def test_what_the_writer_or_we_do_is_the_pairs_whoever_was_named_before(
    real_model: Model,
) -> None:
    # The department named just before does not make the mentor's own cancelling someone else's
    text = ("I'm a mentor in the scheme. What with the audit and the department reshuffle I've "
            "cancelled every session with my mentee since June.")
    result = diagnose(real_model, None, text, TODAY)
    assert flag_ids(result) == ["mentor-unavailable"], result["evidence"]


def test_what_was_only_tried_says_nothing_of_how_things_go(real_model: Model) -> None:
    # "tried booking time" is no mentor usually available: the earlier silence still says it
    text = ("My mentor hasn't replied to anything since March. I tried booking time in her "
            "calendar last week.")
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"]["mentor-availability"] == "hardly-ever", result["evidence"]
    assert flag_ids(result) == ["mentor-unavailable"]
    # said as how things go, it is
    usual = diagnose(real_model, None, "We meet monthly; I book time in her calendar.", TODAY)
    assert usual["answers"]["mentor-availability"] == "usually"


def test_nobody_names_nobody_outside_the_pair(real_model: Model) -> None:
    text = ("We agreed my goals in spring, nine months ago. Nobody cancels as such, our "
            "meetings just never happen.")
    result = diagnose(real_model, None, text, TODAY)
    assert flag_ids(result) == ["stalled"], result["evidence"]


@pytest.mark.parametrize(
    "text",
    [
        # who did it, after "by", before the feeling...
        "Our last session is next month; my goals are met. She was shouted at by a referee "
        "last week and was upset about it for days.",
        # ...or after "when": a person by the ending of the word, though no list names them
        "We finish in May with my goals met. I was hurt when a columnist wrote about my show.",
    ],
)
def test_a_feeling_someone_else_caused_is_no_separation_too_soon(
    real_model: Model, text: str
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert flag_ids(result) == [], result["evidence"]


def test_someone_by_reads_people_not_the_pair_nor_its_meetings() -> None:
    description = Description("hurt by a coach, by my coach, by a session, by a surveyor")
    bys = [i for i, t in enumerate(description.tokens) if t.word == "by"]
    assert [description._someone_by(i + 1) for i in bys] == [True, False, False, True]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Five months in, we set a date, one of us shifts it, and so on.", "stalled"),
        ("Matched in May. Three unreturned calls to my mentor since.", "mentor-unavailable"),
        ("Matched in May. My meeting requests to her were all declined.", "mentor-unavailable"),
        ("We agreed goals a year ago and the plan is just sitting there.", "stalled"),
        ("We set targets in March; since June the action plan has been in the drawer.",
         "stalled"),
        ("She's stopping our sessions at the end of the month, five months in. It feels like I'm "
         "being sent packing.", "premature-separation"),
        ("Eight months in, the agreed plan has not been looked at.", "stalled"),
        ("My first target is met, so the old plan is history and there's a new one on the table.",
         "move-back"),
        ("My mentor is stopping at the end of the month, five months in. I feel stung.",
         "premature-separation"),
        ("Matched in April. My mentor has been incommunicado since.", "mentor-unavailable"),
        ("Matched in April; I ring, she doesn't pick.", "mentor-unavailable"),
        ("Six months matched and we never find a slot that suits him.", "mentor-unavailable"),
        ("Matched in April. She replies every five weeks or so.", "mentor-unavailable"),
        ("We get on; seven meetings since May and still no targets.", "stalled"),
        ("Five months of chats and still nothing pinned down.", "stalled"),
        ("We always run out of time before we reach my aims.", "stalled"),
        ("My mentor is leaving in May, six months in, and I have not completed my plan.",
         "premature-separation"),
        ("Her last session is Friday, seven months in. I'm feeling pretty low about it.",
         "premature-separation"),
        ("The scheme ends next month, eight months in. It feels like I'm being left to it.",
         "premature-separation"),
        ("Seven months in, she stopped it in May when we were just getting somewhere.",
         "premature-separation"),
        ("Two years in, my portfolio is signed off; now we're on to a follow-on cycle.",
         "move-back"),
        ("A year in and the exam is passed, so we went back to the old target-setting routine.",
         "move-back"),
    ],
)
def test_problems_in_word_classes(real_model: Model, text: str, flag: str) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert flag_ids(result) == [flag], result["evidence"]


def test_a_coast_is_a_place_not_coasting(real_model: Model) -> None:
    place = diagnose(real_model, None, "We're meeting at the coast for our session.", TODAY)
    assert flag_ids(place) == []
    coasting = diagnose(real_model, None, "Two years in, we've been coasting for months.", TODAY)
    assert flag_ids(coasting) == ["stalled"]


def test_an_ending_that_went_well_may_be_sad_without_an_alarm(real_model: Model) -> None:
    text = "We finish this month, two years in, with my goals met. I'm sad to see it end."
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == []


def test_out_of_reach_is_the_mentors_only_when_the_mentor_is(real_model: Model) -> None:
    # the mentee told the mentor they would be out of reach: no absent mentor
    text = ("Matched in March. I was in exam season for six weeks and told him I'd be "
            "unreachable until June; he was fine with it.")
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == []


def test_goals_not_yet_decided_are_no_stall(real_model: Model) -> None:
    text = "Three calls in, we get on well. We haven't decided what I'm aiming for: next month."
    assert flag_ids(diagnose(real_model, None, text, TODAY)) == []


def test_ill_admit_says_something_now(real_model: Model) -> None:
    text = "The scheme stopped at month five. I'll admit I'm still bitter about it."
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("feelings") == "hurt", result["evidence"]
    # "I'll" before anything else still looks ahead
    ahead = diagnose(real_model, None, "The scheme stopped at month five. I'll be bitter.", TODAY)
    assert ahead["answers"].get("feelings") != "hurt"


def test_not_in_touch_is_no_work_left_untouched(real_model: Model) -> None:
    text = "Our mentoring ended well two years ago; we haven't been in touch since."
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("feelings") != "stuck", result["evidence"]
    untouched = diagnose(real_model, None, "Two years in, we haven't touched the plan since May.",
                         TODAY)
    assert flag_ids(untouched) == ["stalled"]


@pytest.mark.parametrize(
    ("text", "moves_back"),
    [
        # goals said done in a clause of their own, then what comes next worked out later
        ("Two years together. We hit both of our targets in the spring. Since then we have been "
         "drafting a second plan for the year.", True),
        ("Two years together. We finished the list in May. Now we are asking what the autumn "
         "is for.", True),
        # ...or an answer that says they were all met, then the next ones sought
        ("Two years with my mentor and we achieved everything we set out to. She asked me what I "
         "want now, so we are working out whether I go for the diploma.", True),
        # ...asked where to go from here, or weighed up, in any of the usual words
        ("Two years together. We hit both of our targets in the spring. Last time she asked "
         "where I go from here.", True),
        ("Two years together. We hit both of our targets in the spring. So we are kicking "
         "around whether I stand for the board.", True),
        ("Two years together. We hit both of our targets in the spring. She said 'right, what "
         "now?'", True),
        # ...the goals told as "both" of them, or as done twice over, in no word for goals
        ("Two years together. She has nailed both by the spring. Now we are asking what the "
         "autumn is for.", True),
        ("Two years together. Exam passed, promotion landed: done and done. So we are kicking "
         "around whether I stand for the board.", True),
        # ...the goal told as the thing itself, then named as the goal, or as everything or all
        # of them done
        ("Two years together. I got my licence in June, which was the aim we set at the start. "
         "Now she asked where I go from here.", True),
        ("Two years together. Made foreman in June. That was the goal. So we are kicking "
         "around whether I stand for the board.", True),
        ("Two years together. Everything we wrote down at the start is done. Now we are asking "
         "what the autumn is for.", True),
        ("Two years together. She has done all four by the spring. Now we are asking what the "
         "autumn is for.", True),
        # ...and the next ones sought as where to now, or which next thing, in any words
        ("Two years together. We hit both of our targets in the spring. Then she said 'so, "
         "where do we point you now?'", True),
        ("Two years together. We hit both of our targets in the spring. We keep debating "
         "whether the next step is the MBA.", True),
        ("Two years together. We achieved everything we set out to. That is what we are "
         "working out now.", True),
        # the goals not done: nothing to move back from
        ("Two years together. We have not hit our targets yet. We are drafting a second plan.",
         False),
        ("Two years together. We have not hit our targets yet. She asked where I stand now.",
         False),
        ("Two years together. I got the licence, which was not the aim. She asked where I go "
         "from here.", False),
        ("Two years together. We get on and both of us like it. Now we are asking what the "
         "autumn is for.", False),
        ("Two years together. We have not hit our targets yet. She asked where I go from here.",
         False),
        # what comes next said before the goals were done, or not at all
        ("Two years together. We are drafting a second plan. We hit both targets in May.", False),
        ("Two years together. We hit both of our targets in the spring and it felt great.", False),
    ],
)
def test_goals_done_then_the_next_sought_is_a_move_back(
    real_model: Model, text: str, moves_back: bool
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert ("move-back" in flag_ids(result)) == moves_back
    assert (result["answers"].get("goals") == "met-setting-new") == moves_back


@pytest.mark.parametrize(
    "text",
    [
        "We decided to stop the regular meetings after the summer.",
        "This is our last season of regular sessions.",
        "We agreed to stop our regular catch-ups at Easter.",
    ],
)
def test_stopping_the_regular_meetings_is_an_ending(real_model: Model, text: str) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("formal-arrangement") == "ending-soon"


def test_next_time_is_an_occasion_not_what_comes_next(real_model: Model) -> None:
    def options_read(text: str) -> set[str]:
        found = candidates(real_model, Description(text), TODAY).get("goals", [])
        return {candidate.option.id for candidate in found}

    assert "met-setting-new" in options_read("She asked what next.")
    assert "met-setting-new" not in options_read(
        "She made me a tea and we talked through what I'd say next time."
    )


def test_the_next_step_is_no_move_back(real_model: Model) -> None:
    text = "Two years in, all my goals are met and I'm ready for the next step on my own."
    assert "move-back" not in flag_ids(diagnose(real_model, None, text, TODAY))


def test_months_since_matching_with_a_mentor_out_of_reach_are_no_time_together(
    real_model: Model,
) -> None:
    absent = diagnose(real_model, None, "We were matched eighteen months ago and my mentor is "
                      "never available; we barely know each other.", TODAY)
    assert "time-together" not in absent["answers"]
    assert absent["frameworks"]["kram"]["stage"] == "initiation"
    # a few months are kept: they fit the first stage either way
    recent = diagnose(real_model, None, "Matched four months ago; my mentor is never available.",
                      TODAY)
    assert recent["answers"]["time-together"] == "three-to-six-months"
    # and without the absent mentor, the months are time together
    together = diagnose(real_model, None, "We were matched eighteen months ago and work on "
                        "my goals every month.", TODAY)
    assert together["answers"]["time-together"] == "one-to-two-years"


@pytest.mark.parametrize(
    "text",
    ["My mentor is stepping away from the scheme after June.",
     "My mentor says he is handing me on to a colleague in March."],
)
def test_giving_up_the_mentoring_is_an_ending(real_model: Model, text: str) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert result["answers"].get("formal-arrangement") == "ending-soon", result["evidence"]


@pytest.mark.parametrize(
    "text",
    [
        "Matched last month; we had a good first chat. Separately, hostel administration is not "
        "responding to my room change request and I am fed up.",
        "First call with my mentor on Sunday, went well. Partner support still hasn't answered my "
        "ticket from a month ago though.",
        "We met twice since October and like each other. My HOD never replies to anything.",
    ],
)
def test_not_replying_named_by_a_common_noun_is_someone_elses(
    real_model: Model, text: str
) -> None:
    assert "mentor-unavailable" not in flag_ids(diagnose(real_model, None, text, TODAY))


@pytest.mark.parametrize(
    "text",
    [
        "Matched in September. Sarah never replies to my emails.",  # a name may be the mentor's
        "Matched in September. Her PA never replies to my emails.",  # the mentor's
        "Matched in September. My mentor's PA never replies.",
        "Matched in September. Admin never replies.",  # one word starting a sentence: a name?
    ],
)
def test_not_replying_by_the_mentor_or_theirs_stays_an_alarm(
    real_model: Model, text: str
) -> None:
    assert "mentor-unavailable" in flag_ids(diagnose(real_model, None, text, TODAY))


def test_not_replying_done_to_a_thing_is_not_by_it() -> None:
    description = Description("Since March my messages are never answered.")
    never = [token.word for token in description.tokens].index("never")
    assert not description.outside(never, never + 1, strict=True)
    description = Description("Since March the registry is never answering.")
    never = [token.word for token in description.tokens].index("never")
    assert description.outside(never, never + 1, strict=True)


def test_what_i_want_from_the_mentor_is_expectations_not_goals(real_model: Model) -> None:
    result = diagnose(real_model, None, "Allotted a mentor last month; at our first sitting she "
                      "asked what I want from her.", TODAY)
    assert result["answers"].get("expectations") == "discussing"
    assert "goals" not in result["answers"]


@pytest.mark.parametrize(
    ("text", "goals_read"),
    [
        # what waits for something yet to come is not so yet
        ("First meeting yesterday; we agreed to meet again once we've each thought about what "
         "we want from this.", False),
        ("He says we will meet monthly, once he knows me better we work out what I want to "
         "achieve.", False),
        # ...but after a past it was so
        ("Once we'd agreed what I want to achieve we met monthly.", True),
        # "before": what comes first is under way ("working that out before we agree what to
        # focus on")
        ("We are working out what I want to achieve before we agree what to focus on.", True),
    ],
)
def test_what_waits_for_once_is_not_so_yet(
    real_model: Model, text: str, goals_read: bool
) -> None:
    result = diagnose(real_model, None, text, TODAY)
    assert ("goals" in result["answers"]) == goals_read, result["evidence"]


THE_PAIR_WORKS = "We have met every month since March and are working through my goals. "


@pytest.mark.parametrize(
    ("trouble", "asked"),
    [
        ("My boss keeps cancelling on me and I feel stuck.", True),
        ("Separately, my boss keeps cancelling on me and I feel stuck.", False),
        ("My boss keeps cancelling on me and I feel stuck, but that is nothing to do with her.",
         False),
        ("My boss keeps cancelling on me and I feel stuck, but not because of her.", False),
        ("My boss keeps cancelling on me and I feel stuck: not a mentoring issue.", False),
        ("My boss keeps cancelling on me and I feel stuck, but she is not the problem.", False),
        ("My boss keeps cancelling on me and I feel stuck; she's not the issue.", False),
        # a bare "that's not the problem" leads into the trouble as often as away from it
        ("My boss keeps cancelling on me and I feel stuck, that's not the problem.", True),
        # the writer's own part is no disclaimer: "nothing to do with me"
        ("My boss keeps cancelling on me and I feel stuck, but that is nothing to do with me.",
         True),
    ],
)
def test_a_trouble_said_not_to_be_the_pairs_is_not_asked_about(
    real_model: Model, trouble: str, asked: bool
) -> None:
    result = diagnose(real_model, None, THE_PAIR_WORKS + trouble, TODAY)
    assert result["answers"]["feelings"] == "stuck"  # read either way
    assert ("stalled" in alarm_ids(result)) == asked


def test_a_disclaimer_never_overrules_what_the_visitor_answered(real_model: Model) -> None:
    text = THE_PAIR_WORKS + "Separately, my boss keeps cancelling on me."
    result = diagnose(real_model, {"feelings": "stuck"}, text, TODAY)
    assert {flag["id"]: flag["status"] for flag in result["flags"]} == {"stalled": "raised"}


@pytest.mark.parametrize(
    ("text", "just_started"),
    [
        ("She ended it last week, when I had just started trusting her with the hard questions.",
         False),
        ("Our sessions stop next month; we had only just started on my portfolio.", False),
        ("I was just beginning to enjoy the sessions.", False),
        ("We have just started meeting, two sessions so far.", True),
        ("We've just started and I like her.", True),
    ],
)
def test_starting_to_do_something_is_not_the_pairing_just_started(
    real_model: Model, text: str, just_started: bool
) -> None:
    answers = diagnose(real_model, None, text, TODAY)["answers"]
    assert (answers.get("formal-arrangement") == "just-started") is just_started


def test_an_ending_just_as_the_work_had_started_is_too_soon(real_model: Model) -> None:
    result = diagnose(
        real_model, None, "Our sessions stop next month, four months in; we had only just "
        "started on my portfolio and I am not ready.", TODAY
    )
    assert result["headline"]["stage"] == "winding-down"
    assert "premature-separation" in flag_ids(result)
    # the words that tell an ending too soon still count when what was started follows them
    told = diagnose(real_model, None, "He says I don't need him now. We'd only just started on "
                    "the thesis plan. One more meeting and that's it.", TODAY)
    assert told["answers"].get("feelings") == "hurt"


@pytest.mark.parametrize(
    ("text", "just_started"),
    [
        ("She leaves next month. We'd only just got to the part I actually signed up for, "
         "and now it ends.", False),
        ("Fine by me: that is what I signed up for.", False),
        ("We signed up for the scheme last week and have met once.", True),
    ],
)
def test_a_clause_ending_with_its_preposition_tells_what_a_thing_is(
    real_model: Model, text: str, just_started: bool
) -> None:
    answers = diagnose(real_model, None, text, TODAY)["answers"]
    assert (answers.get("formal-arrangement") == "just-started") is just_started


@pytest.mark.parametrize(
    ("text", "hardly_ever"),
    [
        ("Six months with my mentor. We work through our goals every other Thursday. The "
         "partner I work for never responds to my drafts.", False),
        ("Six months with my mentor. We work through our goals every other Thursday. The "
         "registrar we report to never replies.", False),
        ("Six months with my mentor. We set goals in May. The mentor I was given never "
         "responds to my emails.", True),
    ],
)
def test_someone_named_before_a_clause_of_who_they_are_to_the_writer_is_who_does_it(
    real_model: Model, text: str, hardly_ever: bool
) -> None:
    answers = diagnose(real_model, None, text, TODAY)["answers"]
    assert (answers.get("mentor-availability") == "hardly-ever") is hardly_ever


@pytest.mark.parametrize(
    ("text", "hardly_ever"),
    [
        ("I was matched with a young farmer and had him out twice. It's been dry and I've "
         "been flat out, but I made both visits.", False),
        ("Harvest has me swamped, yet we kept every session this month.", False),
        ("I was matched with a young farmer and had him out twice. It's been dry and I've "
         "been flat out, and I missed both visits.", True),
    ],
)
def test_a_trouble_with_the_meetings_kept_all_the_same_keeps_nobody_apart(
    real_model: Model, text: str, hardly_ever: bool
) -> None:
    answers = diagnose(real_model, None, text, TODAY)["answers"]
    assert (answers.get("mentor-availability") == "hardly-ever") is hardly_ever


@pytest.mark.parametrize(
    ("text", "question", "option"),
    [
        ("She has taken a job abroad, so our mentoring finishes in June.", "formal-arrangement",
         "ending-soon"),
        ("He told me he is finishing with me at Easter.", "formal-arrangement", "ending-soon"),
        ("I was just getting going when he dropped it.", "feelings", "hurt"),
        ("Matched in spring, and we've never had a proper sit-down.", "mentor-availability",
         "hardly-ever"),
    ],
)
def test_an_ending_or_a_pair_never_met_told_in_general_words_is_read(
    real_model: Model, text: str, question: str, option: str
) -> None:
    assert diagnose(real_model, None, text, TODAY)["answers"].get(question) == option


@pytest.mark.parametrize(
    ("text", "option"),
    [
        # a past marker ("last year") does not undo an ending: being over is past by nature
        ("We closed our mentoring last year.", "ended-in-touch"),
        ("We finished our mentoring last year.", "ended-in-touch"),
        # ...while what it puts in the past of a relationship under way is still not now
        ("Last year we were still in our first few meetings; we work through my plan now.",
         None),
    ],
)
def test_an_ending_told_in_the_past_still_tells_the_relationship_is_over(
    real_model: Model, text: str, option: str | None
) -> None:
    answers = diagnose(real_model, None, text, TODAY)["answers"]
    assert answers.get("formal-arrangement") == option


@pytest.mark.parametrize(
    "text",
    [
        "They've moved to meeting every two months and will close in March.",
        "We'll formally finish in the summer.",
        "We've agreed this season is our last as mentor and mentee.",
    ],
)
def test_an_ending_still_to_come_is_read_as_coming_to_an_end(real_model: Model, text: str) -> None:
    assert diagnose(real_model, None, text, TODAY)["answers"].get("formal-arrangement") == (
        "ending-soon"
    )


@pytest.mark.parametrize(
    ("text", "question", "option"),
    [
        ("Pair 12 are in month 11; the closing review is set for the 28th.", "formal-arrangement",
         "ending-soon"),
        ("I'm ending my mentoring with Ravi because of a secondment.", "formal-arrangement",
         "ending-soon"),
        ("Mentor pulled the pin on our arrangement last week.", "formal-arrangement",
         "ending-soon"),
        ("We are finalising her three goals for the year.", "goals", "working-them-out"),
        ("We listed five possible targets and cut them to two.", "goals", "working-them-out"),
    ],
)
def test_goals_still_being_chosen_and_an_ending_announced_are_read(
    real_model: Model, text: str, question: str, option: str
) -> None:
    assert diagnose(real_model, None, text, TODAY)["answers"].get(question) == option


def outsider_clauses(text: str) -> list[str]:
    """The clauses of `text` that Description.told_of_outsider says are someone else's."""
    description = Description(text)
    clauses: dict[int, list[str]] = {}
    for index, token in enumerate(description.tokens):
        if description.told_of_outsider(index):
            clauses.setdefault(token.clause, []).append(token.word)
    return [" ".join(words) for words in clauses.values()]


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        # a possessive and a role: the boss's clause, and the one that goes on with its verb
        ("My boss, on the other hand, is impossible to get hold of and I'm not sure why.",
         ["my boss", "is impossible to get hold of and"]),
        ("My supervising partner never replies to my emails.",
         ["my supervising partner never replies to my emails"]),
        ("The bank manager's been impossible to get hold of for weeks.",
         ["the bank manager's been impossible to get hold of for weeks"]),
        # a body named with capitals after "the"
        ("The Nursing Council never answers the phone.",
         ["the nursing council never answers the phone"]),
        # "he" or "she" is whoever the clause before was about
        ("The hostel warden, he is not giving permission.",
         ["the hostel warden", "he is not giving permission"]),
        # what is put down to someone else after it ("that's about the committee")
        ("I've been hurt and angry lately, but that's about the club's committee dropping me.",
         ["i've been hurt and angry lately"]),
        # the pair's, even where someone else is named: the mentor's boss, their mentoring, him
        ("My mentor's boss keeps pulling him onto other projects.", []),
        ("The council has cut the funding for our mentoring scheme.", []),
        ("The club moved him up to coach the firsts.", []),
        # a thing of the pair's work, not a person ("-er" is no person's ending here)
        ("The accreditation folder hasn't been opened.", []),
        # someone who may be the mentor by their role, and "she" after the mentor
        ("My old pupil supervisor dropped me.", []),
        ("My mentor is the president, and she has no time for me.", []),
        # a verb goes on only from a subject left without one ("but is this normal")
        ("My cat had surgery last week, but is this normal", ["my cat had surgery last week"]),
    ],
)
def test_a_clause_told_of_someone_outside_the_pair_is_theirs(
    text: str, theirs: list[str]
) -> None:
    assert outsider_clauses(text) == theirs


def test_a_trouble_told_of_someone_outside_the_pair_is_not_asked_about(
    real_model: Model,
) -> None:
    # the same trouble, of the mentor and of a named body: asked only where it is the pair's
    told = THE_PAIR_WORKS + "My {} never replies to my emails, which makes work hard."
    mine = diagnose(real_model, None, told.format("mentor"), TODAY)
    theirs = diagnose(real_model, None, told.format("supervising partner"), TODAY)
    assert "mentor-unavailable" in alarm_ids(mine)
    assert "mentor-unavailable" not in alarm_ids(theirs)


def test_a_friend_as_well_as_a_mentor_is_not_a_mentoring_over(real_model: Model) -> None:
    # the friendship is alongside the mentoring ("but we still work on my goals"), not instead
    text = "She's more a friend now as well as my mentor, but we still work on my career goals."
    answers = diagnose(real_model, None, text, TODAY)["answers"]
    assert "mentor-needed" not in answers and answers["goals"] == "agreed-working"
    assert diagnose(real_model, None, "She's more a friend now.", TODAY)["answers"][
        "mentor-needed"
    ] == "not-as-mentor"


@pytest.mark.parametrize(
    ("text", "reached"),
    [
        # the thing told, then named as the aim in the past: the goal reached
        ("Got onto the senior squad, which was what we were working towards.", True),
        ("He's landed the contract, which is what we aimed for.", True),
        ("She passed her finals, that's what we'd been working towards.", True),
        # the aim still ahead, or agreed and worked on, is no goal reached
        ("I want to run my own team, which is what we're working towards.", False),
        ("We go through my match footage, which is what we agreed to work on.", False),
    ],
)
def test_a_thing_named_as_the_aim_in_the_past_is_a_goal_reached(
    real_model: Model, text: str, reached: bool
) -> None:
    goals = diagnose(real_model, None, text, TODAY)["answers"]["goals"]
    assert (goals == "all-met") == reached


def test_an_aim_reached_and_the_sessions_tapering_is_a_winding_down(real_model: Model) -> None:
    text = ("Made the first team, which was what we were working towards. My mentor and I are "
            "tapering off the sessions now.")
    frameworks = diagnose(real_model, None, text, TODAY)["frameworks"]
    assert frameworks["clutterbuck"]["stage"] == "winding-down"
    assert frameworks["kram"]["stage"] == "separation"


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("I was introduced to my mentor at the dinner last week.", False),  # passive: the pairing
        ("I was matched with my mentor in May.", False),
        ("She was my mentor for three years.", True),
    ],
)
def test_was_made_passive_by_a_verb_is_no_mentoring_over(
    real_model: Model, text: str, ended: bool
) -> None:
    answers = diagnose(real_model, None, text, TODAY)["answers"]
    assert (answers.get("formal-arrangement") == "ended-in-touch") == ended
