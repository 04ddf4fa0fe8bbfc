"""Where on the common relationship timeline (0..100) the pair probably is, as a probability spread.

The timeline is cut into equal bins that start out equally likely. Each piece of evidence
multiplies the bins inside its span by a factor that grows with its weight and leaves the others as
they are, so no bin ever reaches zero and later evidence can always change the picture.

The same answers must give the same digits in CPython and in Pyodide (another Python version,
another libm), so this module uses only + - * / and math.fsum: no exp or pow, whose last bits
differ between C libraries, and no built-in sum of floats, whose rounding changed in Python 3.12.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from .model import TIMELINE_END, TIMELINE_START, Evidence

BIN_WIDTH = 5.0
BIN_COUNT = round((TIMELINE_END - TIMELINE_START) / BIN_WIDTH)
# Evidence of weight w multiplies the bins inside its span by 1 + BOOST * w.
BOOST = 2.0
# How much a month count moves the spread, and how far either side of its position it reaches:
# time together says less than what the pair does (a year can be early or late), so it is soft.
DURATION_WEIGHT = 2.0
DURATION_REACH = 24.0


class Timeline:
    def __init__(self) -> None:
        self.bins = [1.0 / BIN_COUNT] * BIN_COUNT

    def weigh(self, evidence: Evidence) -> None:
        self._multiply(
            [
                1.0 + BOOST * evidence.weight * self._overlap(i, evidence.start, evidence.end)
                for i in range(BIN_COUNT)
            ]
        )

    def weigh_duration(self, position: float) -> None:
        """A smooth bump centred on the position that the time together maps to, falling to nothing
        DURATION_REACH either side (the biweight curve: (1 - d²)², arithmetic only)."""
        factors = []
        for i in range(BIN_COUNT):
            distance = (self._centre(i) - position) / DURATION_REACH
            closeness = max(0.0, 1.0 - distance * distance)
            factors.append(1.0 + DURATION_WEIGHT * closeness * closeness)
        self._multiply(factors)

    def mass(self, start: float, end: float) -> float:
        """The probability that the pair is between start and end (bins cut by the span count in
        proportion to the part inside)."""
        return math.fsum(p * self._overlap(i, start, end) for i, p in enumerate(self.bins))

    def mean(self) -> float:
        return math.fsum(p * self._centre(i) for i, p in enumerate(self.bins))

    def quantile(self, fraction: float) -> float:
        """The position below which `fraction` of the probability lies (linear within a bin)."""
        below = 0.0
        for i, p in enumerate(self.bins):
            if below + p >= fraction and p > 0:
                return TIMELINE_START + BIN_WIDTH * (i + (fraction - below) / p)
            below += p
        return TIMELINE_END

    def _multiply(self, factors: Sequence[float]) -> None:
        weighted = [p * factor for p, factor in zip(self.bins, factors, strict=True)]
        total = math.fsum(weighted)
        self.bins = [p / total for p in weighted]

    @staticmethod
    def _centre(i: int) -> float:
        return TIMELINE_START + BIN_WIDTH * (i + 0.5)

    @staticmethod
    def _overlap(i: int, start: float, end: float) -> float:
        low = TIMELINE_START + BIN_WIDTH * i
        return max(0.0, min(end, low + BIN_WIDTH) - max(start, low)) / BIN_WIDTH


def position_for(months: float, scale: Sequence[tuple[float, float]]) -> float:
    """Months together mapped onto the timeline by the model's piecewise-linear duration scale."""
    if months <= scale[0][0]:
        return scale[0][1]
    for (m0, p0), (m1, p1) in itertools.pairwise(scale):
        if months <= m1:
            return p0 + (p1 - p0) * (months - m0) / (m1 - m0)
    return scale[-1][1]


def duration_window(position: float) -> tuple[float, float]:
    """The part of the timeline a duration mostly points to (where its bump is over half height),
    for explaining it."""
    half = DURATION_REACH / 2
    return max(TIMELINE_START, position - half), min(TIMELINE_END, position + half)
