"""`stage-diagnostic` (or `python -m stage_diagnostic`): the diagnostic in a terminal.

    stage-diagnostic                         ask the questionnaire (Enter skips a question)
    stage-diagnostic --text "We met ..."     describe the relationship (--text - reads stdin)
    stage-diagnostic --answers FILE.json     answers from a file: {"answers": {...}} or a mapping
    stage-diagnostic ... --partner FILE.json compare with the other person's answers and/or text
    stage-diagnostic ... --json              one JSON object instead of readable text

Bad input exits with status 2 and one line saying what to fix.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from importlib import resources
from typing import Any, NoReturn

from .compare import compare
from .engine import InputError, diagnose
from .model import Model, ModelError, load_model

WIDTH = 88
BAD_INPUT = 2


class UsageError(Exception):
    """Something the person running the command can fix; the message says what."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        self.exit(BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="stage-diagnostic",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[1:]),
    )
    parser.add_argument("--text", help="a few sentences about the relationship ('-' reads stdin)")
    parser.add_argument("--answers", metavar="FILE.json", help="answers to the questionnaire")
    parser.add_argument("--partner", metavar="FILE.json", help="the other person's answers or text")
    parser.add_argument(
        "--model", metavar="PATH", help="a compiled model (default: the packaged one)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    arguments = parser.parse_args(argv)
    try:
        model = _load_model(arguments.model)
        text = _read_text(arguments.text)
        if arguments.answers is None and text is None:
            answers = _ask(model)
        else:
            answers, file_text = _read_answers(model, arguments.answers)
            text = text if text is not None else file_text
        result = diagnose(model, answers, text)
        if arguments.partner is not None:
            partner_answers, partner_text = _read_answers(model, arguments.partner)
            result["comparison"] = compare(result, diagnose(model, partner_answers, partner_text))
    except (UsageError, InputError) as error:
        print(f"stage-diagnostic: {error}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    print(json.dumps(result, ensure_ascii=False, indent=2) if arguments.json else render(result))
    return 0


def _load_model(path: str | None) -> Model:
    try:
        if path is None:
            text = resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as file:
                text = file.read()
        return load_model(text)
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the model {path or '(packaged)'}: {_why(error)}") from None
    except ModelError as error:
        raise UsageError(f"the model {path or '(packaged)'} is not usable: {error}") from None


def _read_text(text: str | None) -> str | None:
    if text != "-":
        return text
    try:
        return sys.stdin.buffer.read().decode("utf-8")  # strictly, whatever the terminal's locale
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            f"cannot read the description from standard input: {_why(error)}"
        ) from None


def _read_answers(model: Model, path: str | None) -> tuple[dict[str, Any], Any]:
    """Answers (and an optional "text") from a JSON file; options may be given by id or number."""
    if path is None:
        return {}, None
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {_why(error)}") from None
    except ValueError as error:
        raise UsageError(f"{path} is not valid JSON: {error}") from None
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


def _choose(count: int) -> int | None:
    """The option number typed, 0 for a skip, None at the end of input."""
    while True:
        try:
            typed = input("> ").strip()
        except EOFError:
            print()
            return None
        if not typed:
            return 0
        if typed.isdigit() and 1 <= int(typed) <= count:
            return int(typed)
        print(f"  Type a number from 1 to {count}, or press Enter to skip.")


def render(result: dict[str, Any]) -> str:
    """The result as text for a terminal."""
    lines = ["Where the relationship probably is:"]
    for framework in result["frameworks"].values():
        sureness = f"{framework['stage_name']} {framework['confidence']:.0%}"
        if framework["between"]:
            lines.append(f"  {framework['name']}: {framework['confidence_label']} ({sureness})")
        else:
            lines.append(f"  {framework['name']}: {sureness}, {framework['confidence_label']}")
    if result["reasons"]:
        lines += ["", "Why:"]
        lines += [
            _wrap(f"{reason['source']}: {reason['text']}", "  - ", "    ")
            for reason in result["reasons"]
        ]
    for flag in result["flags"]:
        lines += ["", _wrap(f"! {flag['title']}", ""), _wrap(flag["advice"], "  ")]
    first_id, first = next(iter(result["frameworks"].items()))
    steps = result["next_steps"][first_id]
    lines += [
        "",
        f"Next steps in {first['name']} ({first['stage_name']}); --json lists every framework's:",
    ]
    for heading, key in (
        ("For the mentor", "mentor"),
        ("For the mentee", "mentee"),
        ("Questions to ask", "listening_prompts"),
    ):
        if steps[key]:
            lines.append(f"  {heading}:")
            lines += [_wrap(item, "  - ", "    ") for item in steps[key]]
    if "comparison" in result:
        lines += ["", _render_comparison(result["comparison"])]
    return "\n".join(lines)


def _render_comparison(comparison: dict[str, Any]) -> str:
    if comparison["agree"]:
        return "You and your partner place the relationship in the same stages."
    lines = ["Where you and your partner differ:"]
    lines += [
        f"  {d['name']}: {d['a']['stage_name']} / {d['b']['stage_name']}"
        for d in comparison["disagreements"]
    ]
    lines.append(_wrap(comparison["suggestion"], ""))
    return "\n".join(lines)


def _wrap(text: str, first: str, rest: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
    )
