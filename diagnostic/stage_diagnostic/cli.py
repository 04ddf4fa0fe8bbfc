"""`stage-diagnostic` (or `python -m stage_diagnostic`): the diagnostic in a terminal.

    stage-diagnostic                         ask the questionnaire (Enter skips a question)
    stage-diagnostic --text "We met ..."     describe the relationship (--text - reads stdin)
    stage-diagnostic --answers FILE.json     answers from a file: {"answers": {...}} or a mapping
    stage-diagnostic ... --partner FILE.json compare with the other person's answers and/or text
    stage-diagnostic ... --json              one JSON object instead of readable text
    stage-diagnostic ... --model model.json  the compiled model to use (the site ships one)
    stage-diagnostic --batch FILE.csv        every row of a survey export, as the cohort page

Bad input exits with status 2 and one line saying what to fix; output that cannot be written (a
closed pipe, a full disk) with status 1 and one line.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import date
from typing import Any, NoReturn

from . import batch_cli
from .compare import compare
from .engine import InputError, diagnose
from .model import Model, ModelError, load_model
from .terminal import guarded, read_limited

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
        today = _today(arguments.today)
        if arguments.batch is not None:
            return batch_cli.run(arguments, model, today)
        text = _read_text(arguments.text)
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
        raise UsageError(f"cannot read the model {path}: {_why(error)}") from None
    except ModelError as error:
        raise UsageError(f"the model {path or '(given)'} is not usable: {error}") from None


def _today(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value!r} is not a date written YYYY-MM-DD") from None


def _read_text(text: str | None) -> str | None:
    if text != "-":
        return text
    if sys.stdin is None:
        raise UsageError("--text - reads standard input, which is closed")
    try:
        # Strictly UTF-8, whatever the terminal's locale.
        return read_limited(sys.stdin.buffer).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            f"cannot read the description from standard input: {_why(error)}"
        ) from None


def _read_answers(model: Model, path: str | None) -> tuple[dict[str, Any], Any]:
    """Answers (and an optional "text") from a JSON file; options may be given by id or number."""
    if path is None:
        return {}, None
    try:
        with open(path, "rb") as file:
            data = json.loads(read_limited(file).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {_why(error)}") from None
    except ValueError as error:
        raise UsageError(f"{path} is not valid JSON: {error}") from None
    except RecursionError:
        raise UsageError(f"{path} nests lists or objects too deeply to hold answers") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path} should hold a JSON object of answers")
    text = data.get("text")
    if "answers" in data or "text" in data:
        extra = sorted(set(data) - {"answers", "text"})
        if extra:
            raise UsageError(f"{path}: unknown field '{extra[0]}'; use 'answers' and 'text'")
        data = data.get("answers", {})
        if not isinstance(data, dict):
            raise UsageError(f"{path}: 'answers' should be an object")
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
        raise UsageError(
            f"answer {number} to '{question_id}' is out of range; "
            f"choose 1 to {len(question.options)}"
        )
    return question.options[number - 1].id


def _why(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def _ask(model: Model) -> dict[str, str]:
    """The questionnaire, one question at a time. Enter skips; end of input stops asking."""
    if sys.stdin is None:
        raise UsageError("standard input is closed, so no question can be answered; "
                         "use --text or --answers")
    print("Answer what you can; press Enter to skip a question.\n")
    answers: dict[str, str] = {}
    for number, question in enumerate(model.questions, start=1):
        print(f"{number}/{len(model.questions)} {question.text}")
        if question.help:
            print(_wrap(question.help, "    "))
        for index, option in enumerate(question.options, start=1):
            print(f"  {index}) {option.label}")
        choice = _choose(len(question.options))
        if choice is None:
            break
        if choice:
            answers[question.id] = question.options[choice - 1].id
        print()
    if not answers:
        raise UsageError("no questions answered; answer at least one, or use --text")
    return answers


TYPED_LIMIT = 1000
"""The longest line the questionnaire reads: an option's number takes a few characters."""


def _choose(count: int) -> int | None:
    """The option number typed, 0 for a skip, None at the end of input."""
    while True:
        print("> ", end="", flush=True)
        try:
            # A line at a time, within a limit: standard input may be /dev/zero, with no line end.
            line = sys.stdin.readline(TYPED_LIMIT)
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read standard input: {_why(error)}") from None
        if not line:
            print()
            return None
        if len(line) == TYPED_LIMIT and not line.endswith("\n"):
            raise UsageError(f"a line of input is longer than {TYPED_LIMIT} characters; "
                             "type the number of an option")
        typed = line.strip()
        if not typed:
            return 0
        if typed.isdigit() and 1 <= int(typed) <= count:
            return int(typed)
        print(f"  Type a number from 1 to {count}, or press Enter to skip.")


def render(model: Model, result: dict[str, Any], text: str = "") -> str:
    """The result as text for a terminal, every word of it about the relationship from the
    model."""
    levels = model.levels
    lines = [f"Where the relationship probably is ({levels[result['level']]}):"]
    for framework in model.frameworks:
        found = result["frameworks"][framework.id]
        if found["stage"] is None:
            lines.append(f"  {framework.name}: {levels['none']}")
            continue
        stage = framework.stage(found["stage"]).name
        between = (
            f" / {framework.stage(found['between']).name}" if found["between"] is not None else ""
        )
        lines.append(
            f"  {framework.name}: {stage}{between} "
            f"({levels[found['level']]}, {found['confidence']:.0%})"
        )
    if result["evidence"]:
        lines += ["", "What this rests on:"]
        for item in result["evidence"]:
            question = model.question(item["question"])
            assert question is not None
            option = question.option(item["option"])
            assert option is not None
            said = f'"{item["quote"]}": ' if item["quote"] else ""
            lines.append(_wrap(f"{said}{option.reason}", "  - ", "    "))
    if result["wording"]:
        if not result["evidence"]:
            lines += ["", "What this rests on:"]
        words = ", ".join(f'"{quote["quote"]}"' for quote in result["wording"]["quotes"])
        lines.append(
            _wrap(
                f"The wording of the description counted too, most of all {words} (the site's own "
                "reading, learned from example descriptions).",
                "  - ",
                "    ",
            )
        )
    if result["ask_next"]:
        lines += ["", "To be surer, answer next:"]
        for question_id in result["ask_next"][:3]:
            question = model.question(question_id)
            assert question is not None
            lines.append(_wrap(question.text, "  - ", "    "))
    for raised in result["flags"]:
        lines += ["", *_render_flag(model, raised)]
    first = next(
        (f for f in model.frameworks if result["frameworks"][f.id]["stage"] is not None), None
    )
    if first is not None:
        shown = first.stage(result["frameworks"][first.id]["stage"])
        lines += ["", f"Next steps in {first.name} ({shown.name}); --json lists every framework's:"]
        steps = {step.id: step for step in shown.next_steps}
        for step_id in result["frameworks"][first.id]["next_steps"]:
            step = steps[step_id]
            lines.append(_wrap(f"[{step.kind}] {step.text}", "  - ", "    "))
    if "comparison" in result:
        lines += ["", _render_comparison(model, result["comparison"])]
    return "\n".join(lines)


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
    mark = "!" if raised["status"] == "raised" else "?"  # "?": read from the text, to confirm
    return [_wrap(f"{mark} {flag.title}", ""), _wrap(f"{flag.advice} {cited}".strip(), "  ")]


def _render_comparison(model: Model, comparison: dict[str, Any]) -> str:
    if comparison["agree"]:
        return "You and your partner place the relationship in the same stages."
    lines = ["Where you and your partner differ:"]
    for difference in comparison["differences"]:
        framework = next(f for f in model.frameworks if f.id == difference["framework"])
        lines.append(
            f"  {framework.name}: {framework.stage(difference['a']).name} / "
            f"{framework.stage(difference['b']).name}"
        )
    lines.append(_wrap(model.comparison_advice, ""))
    return "\n".join(lines)


def _wrap(text: str, first: str, rest: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
    )
