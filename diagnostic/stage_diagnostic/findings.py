"""What the visitor told us, as findings: evidence for the timeline plus the reason to show.

Answers and descriptions end up in the same shape, so the engine weighs them the same way and a
visitor can give both.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Evidence, Model, Signal
from .text import Description, PhraseMatch, find_durations
from .timeline import position_for


@dataclass(frozen=True)
class Finding:
    kind: str  # "answer", "phrase" or "duration"
    source: str  # the question id, or the visitor's own words
    reason: str
    evidence: tuple[Evidence, ...]
    position: float | None  # where the time together puts the pair, if it says
    flags: tuple[str, ...]


def from_answers(model: Model, answers: dict[str, str]) -> list[Finding]:
    """One finding per answered question, in the questionnaire's order (answers are checked)."""
    findings = []
    for question in model.questions:
        if question.id not in answers:
            continue
        option = question.option(answers[question.id])
        assert option is not None  # the engine checks answers before asking for findings
        position = (
            None if option.months is None else position_for(option.months, model.duration_scale)
        )
        findings.append(
            Finding("answer", question.id, option.reason, option.evidence, position, option.flags)
        )
    return findings


def from_text(model: Model, text: str) -> list[Finding]:
    """Findings from a description, in the order they occur in the text, then the time together.

    Each signal counts once (its earliest phrase), so repeating yourself adds nothing. When several
    frameworks list the same cue, each adds its own evidence: sources that agree are stronger
    evidence, and their spans together narrow down where the pair is.
    """
    description = Description(text)
    matches = [
        (match, signal)
        for signal in model.signals
        if (match := _earliest_match(description, signal)) is not None
        and (match.negator is None or signal.negated_evidence)  # "not X" where not-X means nothing
    ]
    matches.sort(key=lambda pair: pair[0].first)  # stable: ties keep the model's order
    findings = [_phrase_finding(description, match, signal) for match, signal in matches]
    durations = find_durations(description.tokens)
    if durations:
        # The time together is the longest stretch mentioned: anything inside it is shorter.
        longest = max(durations, key=lambda mention: mention.months)
        words = description.excerpt(longest.first, longest.last)
        findings.append(
            Finding(
                "duration",
                words,
                f'"{words}" together: about {round(longest.months, 1):g} months.',
                (),
                position_for(longest.months, model.duration_scale),
                (),
            )
        )
    return findings


def _earliest_match(description: Description, signal: Signal) -> PhraseMatch | None:
    found = [match for stems in signal.patterns if (match := description.find(stems)) is not None]
    return min(found, key=lambda match: (match.first, -match.last), default=None)


def _phrase_finding(description: Description, match: PhraseMatch, signal: Signal) -> Finding:
    if match.negator is None:
        words = description.excerpt(match.first, match.last)
        return Finding("phrase", words, signal.reason, signal.evidence, None, signal.flags)
    words = description.excerpt(min(match.negator, match.first), match.last)
    return Finding(
        "phrase", words, f"The opposite of: {signal.reason}", signal.negated_evidence, None, ()
    )
