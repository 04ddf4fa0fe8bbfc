"""The fitted flag reading: its features, its fitting, loading it, and how the engine combines it
with the rules' flags."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from mentoring_stages import shipped
from mentoring_stages.diagnostic_model import FLAG_WORDING_FILE
from stage_diagnostic import ModelError, diagnose, flag_wording, load_model
from stage_diagnostic.engine import (
    ALONE_NEEDS_WORDS,
    CONFIRM,
    DOUBT_NEEDS_WORDS,
    KEEP_NEEDS_WORDS,
    RAISED,
)
from stage_diagnostic.flag_wording import (
    FLAG_FEATURES_VERSION,
    FLAG_WORDING_FORMAT,
    MIN_AUTHORS,
    fit,
    flag_features,
)
from stage_diagnostic.model import MOVE_BACK_FLAG
from stage_diagnostic.text import Description

TODAY = date(2026, 12, 1)
STALL = "Our sessions keep getting cancelled and we are going nowhere with my goals."
# Words about nothing in particular, to make a description long without saying more.
FILLER = (
    " We meet in the library on Tuesdays after lunch. She works in finance and I work in"
    " logistics, two floors apart. The coffee in that library is fine and the chairs are"
    " comfortable enough for an hour or so."
)
# ...and one whose trouble the rules do not read (the tests give "grey" its weight).
GREY = (
    "We were matched in the spring and met in the library on Tuesdays after lunch. She works"
    " in finance and I work in logistics. Lately our talks feel grey and I am not sure why."
)


def words(text: str) -> int:
    return len(Description(text).tokens)


def rules_only(data: dict[str, Any]) -> Any:
    return load_model({key: value for key, value in data.items() if key != "flag_wording"})


def with_reading(data: dict[str, Any], flags: dict[str, Any]) -> Any:
    document = copy.deepcopy(data)
    document["flag_wording"] = {
        "format": FLAG_WORDING_FORMAT, "features_version": FLAG_FEATURES_VERSION, "flags": flags,
    }
    return load_model(document)


def flags_of(result: dict[str, Any]) -> dict[str, str]:
    return {flag["id"]: flag["status"] for flag in result["flags"]}


def test_features_say_who_does_what() -> None:
    names = {f.name for f in flag_features(Description("She cancels. We drifted apart."))}
    assert {"M>cancel", "W>drift"} <= names
    assert "I>cancel" not in names


def test_features_say_the_word_classes_a_text_holds() -> None:
    # Two ways of saying the mentor cannot be reached give one class feature, so a weight learnt
    # from one author's words carries to another's.
    for text in ("She has gone dark since May.", "She went silent since May."):
        names = {f.name for f in flag_features(Description(text))}
        assert {"{gone}", "M>{gone}"} <= names
    # a class entry of several words counts only when all of them are there, in one clause
    assert "{gone}" not in {f.name for f in flag_features(Description("She has gone, dark."))}
    denied = {f.name for f in flag_features(Description("She never replies to my emails."))}
    assert "not_{reply}" in denied and "{reply}" not in denied


def test_fitting_keeps_only_features_that_enough_authors_use() -> None:
    authors = [f"author {n}" for n in range(MIN_AUTHORS)]
    examples = [
        example for author in authors for example in (
            ("We have stalled, nothing moves.", ["stalled"], author),
            ("Lovely meetings, real progress.", [], author),
        )
    ]
    # ...and one word, however telling, that all but one of them use
    examples += [("Stalled like a zeppelin.", ["stalled"], author) for author in authors[1:]]
    fitted = fit(examples, ["stalled"])
    weights = fitted["flags"]["stalled"]["weights"]
    assert weights["stall"] > 0 and weights["progress"] < 0
    assert "zeppelin" not in weights
    assert fit(examples, ["stalled"]) == fitted  # the same examples, the same digits


def test_fitting_trusts_a_word_few_authors_use_less(monkeypatch: pytest.MonkeyPatch) -> None:
    # two words in as many problem texts each: "treacle" from six authors, "zeppelin" from three
    authors = [f"author {n}" for n in range(6)]
    examples = [
        example for author in authors for example in (
            ("We have stalled, nothing moves.", ["stalled"], author),
            ("Lovely meetings, real progress.", [], author),
            ("Meetings like treacle.", ["stalled"], author),
        )
    ]
    examples += [("Meetings like a zeppelin.", ["stalled"], a) for a in authors[:3] * 2]

    def weights(spread: int) -> dict[str, float]:
        monkeypatch.setattr(flag_wording, "SPREAD_AUTHORS", spread)
        return dict(fit(examples, ["stalled"])["flags"]["stalled"]["weights"])

    alike, spread = weights(0), weights(6)
    assert abs(alike["treacl"] - alike["zeppelin"]) < 0.1
    assert spread["treacl"] - spread["zeppelin"] > 0.1


def test_a_read_alarm_in_a_long_text_with_none_of_its_words_is_not_asked(
    real_model_data: dict[str, Any],
) -> None:
    long_text = STALL + FILLER
    assert words(long_text) >= KEEP_NEEDS_WORDS > words(STALL)
    rules = rules_only(real_model_data)
    assert flags_of(diagnose(rules, None, long_text, TODAY)) == {"stalled": CONFIRM}
    doubting = with_reading(real_model_data, {"stalled": {"bias": -9.0, "weights": {}}})
    assert "stalled" not in flags_of(diagnose(doubting, None, long_text, TODAY))
    # ...while a short text says too little either way, and an answer given is never doubted
    assert flags_of(diagnose(doubting, None, STALL, TODAY)) == {"stalled": CONFIRM}
    given = diagnose(doubting, {"feelings": "stuck"}, long_text, TODAY)
    assert flags_of(given)["stalled"] == RAISED
    agreeing = with_reading(real_model_data, {"stalled": {"bias": -9.0, "weights": {"session": 9}}})
    assert flags_of(diagnose(agreeing, None, long_text, TODAY)) == {"stalled": CONFIRM}


def test_a_read_alarm_in_a_middling_text_is_doubted_only_if_the_reading_heard_none_of_it(
    real_model_data: dict[str, Any],
) -> None:
    middling = STALL + " We meet in the library on Tuesdays after lunch, two floors apart."
    assert KEEP_NEEDS_WORDS > words(middling) >= DOUBT_NEEDS_WORDS > words(STALL)
    deaf = with_reading(real_model_data, {"stalled": {"bias": -9.0, "weights": {}}})
    assert "stalled" not in flags_of(diagnose(deaf, None, middling, TODAY))
    assert flags_of(diagnose(deaf, None, STALL, TODAY)) == {"stalled": CONFIRM}
    # ...a reading that heard something of it, even against it, says too little to doubt it
    hearing = with_reading(real_model_data, {"stalled": {"bias": -9.0, "weights": {"library": -1}}})
    assert flags_of(diagnose(hearing, None, middling, TODAY)) == {"stalled": CONFIRM}


def test_the_reading_alone_asks_to_confirm_quoting_its_most_telling_phrase(
    real_model_data: dict[str, Any],
) -> None:
    assert words(GREY) >= ALONE_NEEDS_WORDS
    rules = rules_only(real_model_data)
    assert "stalled" not in flags_of(diagnose(rules, None, GREY, TODAY))
    sure = with_reading(real_model_data, {"stalled": {"bias": -1.0, "weights": {"grey": 5.0}}})
    result = diagnose(sure, None, GREY, TODAY)
    stalled = next(flag for flag in result["flags"] if flag["id"] == "stalled")
    assert stalled["status"] == CONFIRM  # never raised from a reading of the text alone
    [cited] = stalled["evidence"]
    assert cited["from"] == "text" and "grey" in cited["quote"]
    assert GREY[cited["start"] : cited["end"]] == cited["quote"]
    option = next(
        o for q in sure.questions if q.id == cited["question"] for o in q.options
        if o.id == cited["option"]
    )
    assert "stalled" in option.flags  # confirming it gives the answer that raises the flag
    # Not in a short text, not against an answer the visitor gave, not below its threshold.
    short = "Lately our talks feel grey."
    assert "stalled" not in flags_of(diagnose(sure, None, short, TODAY))
    answered = diagnose(sure, {cited["question"]: "at-ease"}, GREY, TODAY)
    assert "stalled" not in flags_of(answered)
    unsure = with_reading(real_model_data, {"stalled": {"bias": -9.0, "weights": {"grey": 5.0}}})
    assert "stalled" not in flags_of(diagnose(unsure, None, GREY, TODAY))


def test_the_thresholds_that_join_the_reading_to_the_rules(
    real_model_data: dict[str, Any],
) -> None:
    # A read alarm in a long text is asked from a score of -2.5 (not at -2.7, which -3.0 asked);
    # the reading alone asks from -0.75 (at -0.7, which -0.5 did not ask).
    long_text = STALL + FILLER
    doubting = with_reading(real_model_data, {"stalled": {"bias": -2.7, "weights": {}}})
    assert "stalled" not in flags_of(diagnose(doubting, None, long_text, TODAY))
    agreeing = with_reading(real_model_data, {"stalled": {"bias": -2.4, "weights": {}}})
    assert flags_of(diagnose(agreeing, None, long_text, TODAY)) == {"stalled": CONFIRM}
    fairly_sure = with_reading(
        real_model_data, {"stalled": {"bias": -1.0, "weights": {"grey": 0.3}}}
    )
    assert flags_of(diagnose(fairly_sure, None, GREY, TODAY)) == {"stalled": CONFIRM}
    less_sure = with_reading(
        real_model_data, {"stalled": {"bias": -1.0, "weights": {"grey": 0.2}}}
    )
    assert "stalled" not in flags_of(diagnose(less_sure, None, GREY, TODAY))


def test_the_reading_alone_never_contradicts_the_headline(
    real_model_data: dict[str, Any],
) -> None:
    # An ending that came too soon is no alarm for a pair that is only starting.
    sure = with_reading(
        real_model_data,
        {"premature-separation": {"bias": 5.0, "weights": {"grey": 5.0}}},
    )
    text = "We only met for the first time last week, just getting to know each other. " + GREY
    result = diagnose(sure, None, text, TODAY)
    assert result["headline"]["stage"] == "rapport-building"
    assert "premature-separation" not in flags_of(result)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda r: r["flags"].update({"no-such-flag": {"bias": 0, "weights": {}}}),
         r"model\.flag_wording\.flags\.no-such-flag"),
        (lambda r: r["flags"].update({MOVE_BACK_FLAG: {"bias": 0, "weights": {}}}),
         r"model\.flag_wording\.flags\.move-back"),
        (lambda r: r["flags"]["stalled"]["weights"].update({"stall": "high"}),
         r"model\.flag_wording\.flags\.stalled\.weights\.stall"),
        (lambda r: r.update({"features_version": 0}), r"model\.flag_wording\.features_version"),
    ],
)
def test_a_malformed_flag_reading_is_refused_with_its_path(
    real_model_data: dict[str, Any], change: Any, path: str
) -> None:
    document = copy.deepcopy(real_model_data)
    change(document["flag_wording"])
    with pytest.raises(ModelError, match=path):
        load_model(document)


def test_the_shipped_reading_is_loaded_small_and_for_the_alarms_only(
    real_model_data: dict[str, Any],
) -> None:
    path = shipped.content_dir() / FLAG_WORDING_FILE
    assert len(path.read_bytes()) <= 40_000  # the page's first visit has a bytes budget
    shipped_reading = json.loads(path.read_text(encoding="utf-8"))
    assert real_model_data["flag_wording"] == shipped_reading
    alarms = {f["id"] for f in real_model_data["flags"]} - {MOVE_BACK_FLAG}
    assert set(shipped_reading["flags"]) == alarms
    assert load_model(real_model_data).flag_wording is not None


def test_the_reading_asks_where_what_the_rules_read_does_not_carry_the_alarm(
    real_model_data: dict[str, Any],
) -> None:
    # The rules read a stall here, hedged, in a text that shows no stage, which is too little for
    # them to ask about; the wording, read as a whole, may still be sure enough to ask.
    text = (
        "Maybe our meetings keep slipping, I am not sure. Lately our talks feel grey. She works"
        " in finance and I work in logistics, two floors apart, and the coffee there is fine and"
        " the chairs are comfortable enough."
    )
    assert words(text) >= ALONE_NEEDS_WORDS
    rules = rules_only(real_model_data)
    read = diagnose(rules, None, text, TODAY)
    assert read["answers"].get("missed-meetings") == "often"  # read, but not carried
    assert "stalled" not in flags_of(read)
    sure = with_reading(real_model_data, {"stalled": {"bias": -1.0, "weights": {"grey": 5.0}}})
    assert flags_of(diagnose(sure, None, text, TODAY)) == {"stalled": CONFIRM}
    unsure = with_reading(real_model_data, {"stalled": {"bias": -9.0, "weights": {"grey": 5.0}}})
    assert "stalled" not in flags_of(diagnose(unsure, None, text, TODAY))


def test_features_leave_out_a_clause_told_of_someone_outside_the_pair() -> None:
    names = {f.name for f in flag_features(Description("My boss never replies. She cancels."))}
    assert "M>cancel" in names and "not_{reply}" not in names
    names = {f.name for f in flag_features(Description("My mentor never replies."))}
    assert "not_{reply}" in names
