"""`stage-diagnostic` (or `python -m stage_diagnostic`): the diagnostic in a terminal.

    stage-diagnostic                         ask the questionnaire (Enter skips a question)
    stage-diagnostic --text "We met ..."     describe the relationship (--text - reads stdin)
    stage-diagnostic --answers FILE.json     answers from a file: {"answers": {...}} or a mapping
    stage-diagnostic ... --partner FILE.json compare with the other person's answers and/or text
    stage-diagnostic ... --json              one JSON object instead of readable text
    stage-diagnostic ... --model model.json  the compiled model to use (the site ships one)
    stage-diagnostic --batch FILE.csv        every row of a survey export, as the cohort page

Bad input exits with status 2 and one line saying what to fix, in the model's words (its
language): only a model that cannot be read, and argparse's own complaints, are told in English;
output that cannot be written (a closed pipe, a full disk) exits with status 1 and one line.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Mapping
from datetime import date
from typing import Any, NoReturn

from . import batch_cli
from .compare import compare
from .engine import InputError, diagnose
from .model import Model, ModelError, load_model
from .terminal import guarded, read_limited, reason
from .words import fill

WIDTH = 88
BAD_INPUT = 2


class UsageError(Exception):
    """Something the person running the command can fix; the message says what."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        self.exit(BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def main(argv: list[str] | None = None, model_json: str | None = None) -> int:
    """Run the command. `model_json` is the model to use when no --model is given: an installed
    command passes the model its site ships (see `MODEL_HINT`)."""
    return guarded("stage-diagnostic", lambda: _run(argv, model_json))


def _run(argv: list[str] | None, model_json: str | None) -> int:
    parser = _Parser(
        prog="stage-diagnostic",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[1:]),
    )
    parser.add_argument("--text", help="a few sentences about the relationship ('-' reads stdin)")
    parser.add_argument("--answers", metavar="FILE.json", help="answers to the questionnaire")
    parser.add_argument("--partner", metavar="FILE.json", help="the other person's answers or text")
    parser.add_argument("--model", metavar="FILE", help="the compiled model (model.json)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="the date 'since March' counts to")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    batch_cli.add_arguments(parser)
    arguments = parser.parse_args(argv)
    try:
        model = _load_model(arguments.model, model_json)
        today = _today(model.words, arguments.today)
        if arguments.batch is not None:
            return batch_cli.run(arguments, model, today)
        text = _read_text(model.words, arguments.text)
        if arguments.answers is None and text is None:
            answers = _ask(model)
        else:
            answers, file_text = _read_answers(model, arguments.answers)
            text = text if text is not None else file_text
        result = diagnose(model, answers, text, today)
        if arguments.partner is not None:
            partner_answers, partner_text = _read_answers(model, arguments.partner)
            result["comparison"] = compare(
                result, diagnose(model, partner_answers, partner_text, today)
            )
    except (UsageError, InputError) as error:
        print(f"stage-diagnostic: {error}", file=sys.stderr)
        return BAD_INPUT
    if arguments.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(render(model, result, text or ""))
    return 0


MODEL_HINT = "pass --model FILE (write one with: mentoring-stages model -o model.json)"


def _load_model(path: str | None, model_json: str | None) -> Model:
    if path is None and model_json is None:
        raise UsageError(f"no model to diagnose with; {MODEL_HINT}")
    try:
        if path is None:
            assert model_json is not None
            text = model_json
        else:
            with open(path, "rb") as file:
                text = read_limited(file).decode("utf-8")
        return load_model(text)
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the model {path}: {reason(None, error)}") from None
    except ModelError as error:
        raise UsageError(f"the model {path or '(given)'} is not usable: {error}") from None


def _today(words: Mapping[str, str], value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(fill(words["terminal_bad_today"], value=value)) from None


def _read_text(words: Mapping[str, str], text: str | None) -> str | None:
    if text != "-":
        return text
    if sys.stdin is None:
        raise UsageError(words["terminal_text_stdin_closed"])
    try:
        # Strictly UTF-8, whatever the terminal's locale.
        return read_limited(sys.stdin.buffer).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            fill(words["terminal_cannot_read_text"], why=reason(words, error))
        ) from None


def _read_answers(model: Model, path: str | None) -> tuple[dict[str, Any], Any]:
    """Answers (and an optional "text") from a JSON file; options may be given by id or number."""
    if path is None:
        return {}, None
    words = model.words
    try:
        with open(path, "rb") as file:
            data = json.loads(read_limited(file).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(fill(words["terminal_cannot_read"], path=path,
                              why=reason(words, error))) from None
    except ValueError as error:
        raise UsageError(fill(words["terminal_not_json"], path=path, why=error)) from None
    except RecursionError:
        raise UsageError(fill(words["terminal_too_deep"], path=path)) from None
    if not isinstance(data, dict):
        raise UsageError(fill(words["terminal_not_an_object"], path=path))
    text = data.get("text")
    if "answers" in data or "text" in data:
        extra = sorted(set(data) - {"answers", "text"})
        if extra:
            raise UsageError(fill(words["terminal_unknown_field"], path=path, field=extra[0]))
        data = data.get("answers", {})
        if not isinstance(data, dict):
            raise UsageError(fill(words["terminal_answers_not_an_object"], path=path))
    return {
        question_id: _option_id(model, question_id, value) for question_id, value in data.items()
    }, text


def _option_id(model: Model, question_id: str, value: Any) -> Any:
    """An option given by its number (1 is the first) becomes its id; anything else is left for
    diagnose() to check."""
    question = model.question(question_id)
    is_number = isinstance(value, int) and not isinstance(value, bool)
    if question is None or not (is_number or (isinstance(value, str) and value.isdigit())):
        return value
    number = int(value)
    if not 1 <= number <= len(question.options):
        raise UsageError(fill(model.words["terminal_out_of_range"], number=number,
                              question=question_id, count=len(question.options)))
    return question.options[number - 1].id


def _ask(model: Model) -> dict[str, str]:
    """The questionnaire, one question at a time. Enter skips; end of input stops asking."""
    if sys.stdin is None:
        raise UsageError(model.words["terminal_stdin_closed"])
    print(model.words["terminal_intro"] + "\n")
    answers: dict[str, str] = {}
    for number, question in enumerate(model.questions, start=1):
        print(f"{number}/{len(model.questions)} {question.text}")
        if question.help:
            print(_wrap(question.help, "    "))
        for index, option in enumerate(question.options, start=1):
            print(f"  {index}) {option.label}")
        choice = _choose(model, len(question.options))
        if choice is None:
            break
        if choice:
            answers[question.id] = question.options[choice - 1].id
        print()
    if not answers:
        raise UsageError(model.words["terminal_nothing"])
    return answers


TYPED_LIMIT = 1000
"""The longest line the questionnaire reads: an option's number takes a few characters."""


def _choose(model: Model, count: int) -> int | None:
    """The option number typed, 0 for a skip, None at the end of input."""
    while True:
        print("> ", end="", flush=True)
        try:
            # A line at a time, within a limit: standard input may be /dev/zero, with no line end.
            line = sys.stdin.readline(TYPED_LIMIT)
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(fill(model.words["terminal_cannot_read_stdin"],
                                  why=reason(model.words, error))) from None
        if not line:
            print()
            return None
        if len(line) == TYPED_LIMIT and not line.endswith("\n"):
            raise UsageError(fill(model.words["terminal_line_too_long"], limit=TYPED_LIMIT))
        typed = line.strip()
        if not typed:
            return 0
        if typed.isdigit() and 1 <= int(typed) <= count:
            return int(typed)
        print("  " + fill(model.words["terminal_choose"], count=count))


def render(model: Model, result: dict[str, Any], text: str = "") -> str:
    """The result as text for a terminal, every word of it from the model: its content and its
    sentences (`words`), in the site's language."""
    words = model.words
    lines = [_headline(model, result), ""]
    lines.append(fill(words["terminal_frameworks"], level=_level(model, result["level"])))
    apart = []
    for framework in model.frameworks:
        found = result["frameworks"][framework.id]
        if found["stage"] is None:
            lines.append(f"  {framework.name}: {words['level_none']}")
            continue
        stage = framework.stage(found["stage"]).name
        between = (
            f" / {framework.stage(found['between']).name}" if found["between"] is not None else ""
        )
        lines.append(
            f"  {framework.name}: {stage}{between} "
            f"({_level(model, found['level'])}, {found['confidence']:.0%})"
        )
        if found["apart"] == "durations":
            apart.append(fill(words["apart_durations"], framework=framework.name, stage=stage))
    lines += [_wrap(sentence, "  ") for sentence in apart]
    reasons = [_evidence(model, item) for item in result["evidence"]]
    if result["wording"]:
        reasons.append(f"{_wording(model, result['wording'])} ({words['own_reading']})")
    if reasons:
        lines += ["", words["terminal_rests_on"], *(_wrap(r, "  - ", "    ") for r in reasons)]
    if result["ask_next"]:
        lines += ["", words["terminal_ask_next"]]
        for question_id in result["ask_next"][:3]:
            question = model.question(question_id)
            assert question is not None
            lines.append(_wrap(question.text, "  - ", "    "))
    to_check = [f for f in result["flags"] if f["status"] == "confirm"]
    if to_check:
        lines += ["", words["terminal_check"]]
        lines += [_wrap(_confirm(model, flag), "  ? ", "    ") for flag in to_check]
    for raised in result["flags"]:
        if raised["status"] == "raised":
            lines += ["", *_render_flag(model, raised)]
    first = next(
        (f for f in model.frameworks if result["frameworks"][f.id]["stage"] is not None), None
    )
    if first is not None:
        shown = first.stage(result["frameworks"][first.id]["stage"])
        lines += ["", fill(words["terminal_next_steps"], framework=first.name, stage=shown.name)]
        for step in shown.next_steps:
            lines.append(_wrap(f"[{words[f'who_{step.kind}']}] {step.text}", "  - ", "    "))
    if "comparison" in result:
        lines += ["", _render_comparison(model, result["comparison"])]
    return "\n".join(lines)


def _level(model: Model, level: str) -> str:
    return model.words[f"level_{level}"]


def _headline(model: Model, result: dict[str, Any]) -> str:
    """The one stage the result leads with, or what would help most when it cannot tell."""
    words = model.words
    headline = result["headline"]
    if headline is None:
        if not result["ask_next"]:
            return f"{words['level_none']}."
        question = model.question(result["ask_next"][0])
        assert question is not None
        return f"{words['level_none']}. " + fill(words["headline_ask"], question=question.text)
    framework = next(f for f in model.frameworks if f.id == headline["framework"])
    return fill(
        words["announce_stage"],
        stage=framework.stage(headline["stage"]).name,
        framework=framework.name,
        level=_level(model, headline["level"]),
    )


def _quote(model: Model, text: str) -> str:
    return fill(model.words["quote"], text=text)


def _option_label(model: Model, question_id: str, option_id: str) -> tuple[str, str, str]:
    """(question text, option label, option reason)."""
    question = model.question(question_id)
    assert question is not None
    option = question.option(option_id)
    assert option is not None
    return question.text, option.label, option.reason


def _evidence(model: Model, item: dict[str, Any]) -> str:
    _, label, reason = _option_label(model, item["question"], item["option"])
    if item["from"] != "text":
        return f"{reason} ({fill(model.words['evidence_given'], answer=label)})"
    said = "evidence_read_hedged" if item["hedged"] else "evidence_read"
    source = fill(model.words[said], quote=_quote(model, item["quote"]), answer=label)
    return f"{reason} ({source})"


def _wording(model: Model, wording: dict[str, Any]) -> str:
    """What the wording model concluded, with its most telling phrases."""
    words = model.words
    quotes = [_quote(model, item["quote"]) for item in wording["quotes"]]
    listed = fill(
        words["list_pair"], first=words["list_separator"].join(quotes[:-1]), second=quotes[-1]
    ) if len(quotes) > 1 else "".join(quotes)
    if wording["stage"] is None:
        return fill(words["wording_no_stage"], quotes=listed)
    framework = next(f for f in model.frameworks if f.id == wording["stage"]["framework"])
    return fill(
        words["wording_stage"],
        stage=framework.stage(wording["stage"]["stage"]).name,
        framework=framework.name,
        quotes=listed,
    )


def _confirm(model: Model, flag: dict[str, Any]) -> str:
    """A flag read from a description alone, as the question the visitor is asked first."""
    asked = []
    for item in flag["evidence"]:
        question, label, _ = _option_label(model, item["question"], item["option"])
        asked.append(
            fill(model.words["confirm"], answer=label, question=question,
                 quote=_quote(model, item["quote"] or ""))
        )
    return " ".join(asked)


def _render_flag(model: Model, raised: dict[str, Any]) -> list[str]:
    if "framework" in raised:
        framework = next(f for f in model.frameworks if f.id == raised["framework"])
        move = next(
            m for m in framework.moves_back
            if m.from_stage == raised["from"] and m.to_stage == raised["to"]
        )
        title = (
            f"{framework.name}: {framework.stage(move.from_stage).name} -> "
            f"{framework.stage(move.to_stage).name}"
        )
        return [_wrap(f"! {title}", ""), _wrap(move.text, "  ")]
    flag = model.flag(raised["id"])
    cited = " ".join(f"[{model.sources[s]}]" for s in flag.sources if s in model.sources)
    return [_wrap(f"! {flag.title}", ""), _wrap(f"{flag.advice} {cited}".strip(), "  ")]


def _render_comparison(model: Model, comparison: dict[str, Any]) -> str:
    words = model.words
    if comparison["agree"]:
        return words["terminal_same"]
    lines = [words["terminal_differ"]]
    for difference in comparison["differences"]:
        framework = next(f for f in model.frameworks if f.id == difference["framework"])
        lines.append(
            f"  {framework.name}: {framework.stage(difference['a']).name} / "
            f"{framework.stage(difference['b']).name}"
        )
    lines.append(_wrap(words["comparison_advice"], ""))
    return "\n".join(lines)


def _wrap(text: str, first: str, rest: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
    )
