"""The questionnaire as a survey: what a form tool needs to ask it, and how its export maps back.

A programme puts the questions into its form tool from `survey_text` (or starts a spreadsheet from
`survey_header`); the tool's export then maps onto the questionnaire without editing. A column is
matched by question id or question text, an answer by option id or label, whatever case, spacing,
quotes, hyphens or numbering ("3. How often ...") the tool added (`match_key`). Besides the
questions a file may hold a pair column (which pair the row is about), a date column (when it was
answered: form tools add one, "Timestamp" or "Completion time") and a description column.

The titles of those three columns, the other headers that mean them and the survey's own lines are
the model's words (`survey_...`), in the site's language (`role_names`); a column is also matched by
the role's id ("pair", "date", "description") in any language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Model, Question
from .spreadsheet import csv_text

# Targets a column can map to besides a question ("question:<id>").
PAIR = "pair"
DATE = "date"
DESCRIPTION = "description"
ROLES = (PAIR, DATE, DESCRIPTION)
QUESTION_PREFIX = "question:"


def role_names(model: Model) -> dict[str, tuple[str, tuple[str, ...]]]:
    """role -> (the title the survey gives its column, other headers that mean it), from the
    model's words (`survey_<role>_title`, and `survey_<role>_names` separated by semicolons)."""
    words = model.words
    names = {role: words[f"survey_{role}_names"].split(";") for role in ROLES}
    return {
        role: (words[f"survey_{role}_title"], tuple(n.strip() for n in names[role] if n.strip()))
        for role in ROLES
    }


_NUMBERING = re.compile(r"^(?:q(?:uestion)?\s*)?\d{1,3}\s*[.):\-]\s+")
# Quotation marks as English and German write them, dashes and underscores: as plain as typed.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"',
                         "\u201e": '"', "`": "'",
                         "-": " ", "_": " ", "\u2013": " ", "\u2014": " ", "\u00a0": " "})
_EDGES = " \t\"'*:?.!()[]"


def match_key(text: str) -> str:
    """What a header or an answer is matched by: "3. How often do you meet?" and "how-often do
    you meet" give the same key."""
    key = " ".join(text.translate(_QUOTES).casefold().split())
    return _NUMBERING.sub("", key).strip(_EDGES)


def question_target(question_id: str) -> str:
    return QUESTION_PREFIX + question_id


@dataclass(frozen=True)
class Survey:
    """The model's questionnaire, indexed for matching a file's headers and answers."""

    model: Model
    # header key -> target ("question:<id>" or a role) and what matched it ("id", "text", "name")
    headers: dict[str, tuple[str, str]]
    # question id -> answer key -> option id, or None where a key names two options
    answers: dict[str, dict[str, str | None]]

    @classmethod
    def of(cls, model: Model) -> Survey:
        headers: dict[str, tuple[str, str]] = {}
        for role, (title, others) in role_names(model).items():
            for name in (role, title, *others):
                headers.setdefault(match_key(name), (role, "name"))
        for question in model.questions:
            headers[match_key(question.id)] = (question_target(question.id), "id")
            headers.setdefault(match_key(question.text), (question_target(question.id), "text"))
        return cls(model, headers, {q.id: _answer_keys(q) for q in model.questions})

    def header_target(self, header: str) -> tuple[str, str] | None:
        """(target, matched by) for a header, or None when it matches nothing."""
        return self.headers.get(match_key(header))

    def option(self, question_id: str, answer: str) -> str | None:
        """The option id an answer gives, or None when it is none of the question's options (or
        could be more than one)."""
        return self.answers[question_id].get(match_key(answer))

    def question(self, target: str) -> Question | None:
        if not target.startswith(QUESTION_PREFIX):
            return None
        return self.model.question(target.removeprefix(QUESTION_PREFIX))


def _answer_keys(question: Question) -> dict[str, str | None]:
    keys: dict[str, str | None] = {}
    for option in question.options:
        for key in {match_key(option.id), match_key(option.label)}:
            keys[key] = option.id if keys.get(key, option.id) == option.id else None
    return keys


def survey_header(model: Model) -> list[str]:
    """The columns of a survey export that maps without editing: pair, date, every question's
    text, the description. Question texts, not ids, so the sheet reads as the form did."""
    titles = {role: title for role, (title, _) in role_names(model).items()}
    return [
        titles[PAIR],
        titles[DATE],
        *(question.text for question in model.questions),
        titles[DESCRIPTION],
    ]


def survey_text(model: Model) -> str:
    """The questionnaire as plain text to paste into a form tool: each field's title as the export
    should name it, and each question's options, one per line, as the answers should read."""
    words = model.words
    lines = [words["survey_title"], "", words["survey_pair_title"],
             f"    {_line(words['survey_pair_help'])}", ""]
    for number, question in enumerate(model.questions, start=1):
        lines.append(f"{number}. {question.text}")
        if question.help:
            lines.append(f"    {_line(question.help)}")
        lines.append(f"    {words['survey_choose_one']}")
        lines += [f"    - {option.label}" for option in question.options]
        lines.append("")
    lines += [words["survey_description_title"],
              f"    {_line(words['survey_description_help'])}", "",
              _line(words["survey_date_note"]), ""]
    return "\n".join(lines)


def _line(text: str) -> str:
    return " ".join(text.split())


def survey_files(model: Model) -> dict[str, str]:
    """The files a site offers for its survey, by name: the header, and the text to paste."""
    return {"survey.csv": csv_text([survey_header(model)]), "survey.txt": survey_text(model)}
