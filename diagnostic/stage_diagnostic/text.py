"""Reading a description: words and their stems, cue phrases with negation, and time expressions.

Everything works on tokens, so a phrase from the model matches the visitor's words whatever their
ending ("set goals" matches "setting our goals") and whatever their case or apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,;:!?()\"]", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_CLAUSE_BREAKS = frozenset('.,;:!?()"')

# A phrase's words may be this many other words apart ("agreed some clear goals").
MAX_GAP = 2
# A negating word this many words before a phrase (in the same clause) negates it.
NEGATION_WINDOW = 8
NOT = "n't"
# Words that deny what follows ("we haven't agreed goals")...
NEGATORS = frozenset(
    {"not", "no", "never", "without", "hardly", "barely", "nor", "neither", "cannot"}
)
# ...and words that only wish for it ("she needs help to set goals"): either way, it is not so yet.
NOT_YET = frozenset(
    {"need", "needs", "want", "wants", "hope", "hopes", "wish", "wishes", "should", "must"}
)

# Past forms that suffix stripping cannot reach.
# fmt: off
_IRREGULAR = {
    "met": "meet", "felt": "feel", "grew": "grow", "grown": "grow", "outgrew": "outgrow",
    "outgrown": "outgrow", "began": "begin", "begun": "begin", "got": "get", "gotten": "get",
    "knew": "know", "known": "know", "said": "say", "went": "go", "gone": "go", "made": "make",
    "children": "child", "sought": "seek", "thought": "think", "taught": "teach", "led": "lead",
}
# fmt: on
# Past forms kept whole because the tense is the point: a programme that "ended" is not one that
# "ends" next month, and goals "agreed" are not goals still being agreed.
_TENSE_MATTERS = frozenset({"ended", "finished", "agreed"})
# No "-ly": it would make "weekly" the same word as "week" and "monthly" as "month".
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@dataclass(frozen=True)
class Token:
    word: str  # lower case, as written
    stem: str
    start: int  # character offsets into the original text
    end: int
    clause: int  # tokens in different clauses never combine into one phrase or negation


def stem(word: str) -> str:
    """A small suffix-stripping stemmer: crude, but it treats the model's phrases and the visitor's
    words alike, which is all that matching needs."""
    word = word.lower()
    if word.endswith("n't") or word in {"not", "cannot"}:
        return NOT  # so "can't", "cannot" and "not" are one word, and "notes" is not among them
    word = word.split("'")[0]  # he's, we'll, mentor's -> he, we, mentor
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _TENSE_MATTERS:
        return word
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and _can_strip(word, suffix):
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiouylsz":
        word = word[:-1]  # sett(ing) -> set, plann(ed) -> plan
    while len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # agree, agrees and agreeing all become agr
    return word


def _can_strip(word: str, suffix: str) -> bool:
    rest = word[: -len(suffix)]
    if suffix == "ing":
        return len(rest) >= 2 and any(vowel in rest for vowel in "aeiouy")  # going, not bring
    if suffix == "es":
        return rest.endswith(("s", "x", "z", "ch", "sh"))  # matches, not notes
    if suffix == "s":
        return not word.endswith(("ss", "us", "is"))
    return len(rest) >= 3  # needed -> need, but need stays need


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    clause = 0
    # Lower-case word by word: lowering the whole text could change its length and so the offsets.
    for match in _WORD.finditer(text.translate(_APOSTROPHES)):
        word = match.group().lower()
        if word in _CLAUSE_BREAKS:
            clause += 1
            continue
        if word == "but":  # "we met, but never agreed goals": what follows is a new thought
            clause += 1
        tokens.append(Token(word, stem(word), match.start(), match.end(), clause))
    return tokens


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(token.stem for token in tokenize(phrase))


def is_negator(token: Token) -> bool:
    return token.word in NEGATORS or token.word in NOT_YET or token.word.endswith("n't")


@dataclass(frozen=True)
class PhraseMatch:
    first: int  # indexes of the phrase's first and last token
    last: int
    negator: int | None  # index of the negating word, if any


class Description:
    """A visitor's text, tokenized once and indexed by stem so that looking up each of the model's
    phrases costs only the places where its first word occurs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self._places: dict[str, list[int]] = {}
        for index, token in enumerate(self.tokens):
            self._places.setdefault(token.stem, []).append(index)

    def excerpt(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def find(self, stems: tuple[str, ...]) -> PhraseMatch | None:
        """The first place where the phrase's stems occur in order, each within `MAX_GAP` words of
        the one before and all in one clause. Negation is looked for just before it and in its
        gaps, but not in the phrase itself ("never available" means what it says)."""
        for first in self._places.get(stems[0], ()):
            positions = self._follow(stems, first)
            if positions is None:
                continue
            clause = self.tokens[first].clause
            window = range(max(first - NEGATION_WINDOW, 0), positions[-1] + 1)
            negators = [
                i
                for i in window
                if i not in positions
                and self.tokens[i].clause == clause
                and is_negator(self.tokens[i])
            ]
            return PhraseMatch(first, positions[-1], negators[0] if negators else None)
        return None

    def _follow(self, stems: tuple[str, ...], first: int) -> list[int] | None:
        tokens = self.tokens
        positions = [first]
        for wanted in stems[1:]:
            previous = positions[-1]
            found = next(
                (
                    i
                    for i in range(previous + 1, min(previous + 2 + MAX_GAP, len(tokens)))
                    if tokens[i].stem == wanted and tokens[i].clause == tokens[first].clause
                ),
                None,
            )
            if found is None:
                return None
            positions.append(found)
        return positions


# -- time expressions ------------------------------------------------------------------------------

_UNIT_MONTHS = {"day": 1 / 30, "week": 12 / 52, "fortnight": 12 / 26, "month": 1.0, "year": 12.0}
# fmt: off
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "thirty": 30, "few": 3, "couple": 2, "several": 4,
}
# fmt: on
# Words before an amount that make it a frequency or a future ("every two weeks", "in a month").
_NOT_DURATION_BEFORE = frozenset(
    {"every", "each", "per", "once", "twice", "times", "next", "another", "within", "in"}
)
# Words after it that make it the length of something else ("a 12-month programme").
_NOT_DURATION_AFTER = frozenset(
    {"programme", "program", "scheme", "contract", "course", "placement", "time", "later"}
)
# "ended two years ago" measures the time since the end, not the time together.
_ENDING_STEMS = frozenset({"end", "ended", "finish", "finished", "stop", "clos", "wrap"})


@dataclass(frozen=True)
class TimeMention:
    months: float
    first: int  # indexes of its first and last token
    last: int


def find_durations(tokens: list[Token]) -> list[TimeMention]:
    """Amounts of time such as "three weeks ago", "for two years", "12 months", "two and a half
    years" or "half a year", leaving out frequencies, futures and lengths of other things."""
    mentions = []
    for index, token in enumerate(tokens):
        unit = _UNIT_MONTHS.get(token.stem)
        if unit is None:
            continue
        amount = _amount_before(tokens, index)
        if amount is None:
            continue
        count, first = amount
        last = index
        if _word(tokens, index + 1) == "and" and _word(tokens, index + 3) == "half":
            count, last = count + 0.5, index + 3  # a year and a half
        if not _is_duration(tokens, first, last):
            continue
        mentions.append(TimeMention(count * unit, first, last))
    return mentions


def _amount_before(tokens: list[Token], unit_index: int) -> tuple[float, int] | None:
    """The number in front of a unit and the index where it starts, or None."""
    i = unit_index - 1
    if _word(tokens, i) == "of":  # a couple of years
        i -= 1
    if _word(tokens, i) in {"a", "an"} and _word(tokens, i - 1) == "half":
        return 0.5, i - 1  # half a year
    if _word(tokens, i) == "half" and _word(tokens, i - 1) == "a" and _word(tokens, i - 2) == "and":
        whole = _number(tokens, i - 3)  # two and a half years
        return (whole + 0.5, i - 3) if whole is not None else None
    count = _number(tokens, i)
    if count is None:
        return None
    if _word(tokens, i - 1) in {"twenty", "thirty"} and count < 10:
        return _NUMBERS[_word(tokens, i - 1)] + count, i - 1  # twenty four months
    if _word(tokens, i) in {"few", "couple"} and _word(tokens, i - 1) in {"a", "an"}:
        return count, i - 1
    return count, i


def _number(tokens: list[Token], index: int) -> float | None:
    word = _word(tokens, index)
    if word.isdigit():
        return float(word)
    value = _NUMBERS.get(word)
    return None if value is None else float(value)


def _word(tokens: list[Token], index: int) -> str:
    return tokens[index].word if 0 <= index < len(tokens) else ""


def _is_duration(tokens: list[Token], first: int, last: int) -> bool:
    before = _word(tokens, first - 1)
    if before in _NOT_DURATION_BEFORE or _word(tokens, last + 1) in _NOT_DURATION_AFTER:
        return False
    if _word(tokens, last + 1) == "ago":
        clause = tokens[first].clause
        return not any(
            t.stem in _ENDING_STEMS for t in tokens[max(first - 8, 0) : first] if t.clause == clause
        )
    return True
