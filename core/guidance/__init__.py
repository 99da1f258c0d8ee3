"""Guidance by DM: spot danger first, then rank themes and pick a fresh tip."""

from core.guidance.safety import DangerCategory, DangerSignal, detect_danger
from core.guidance.tips import ThemeScore, TipChoice, TipRanker

__all__ = ["DangerCategory", "DangerSignal", "ThemeScore", "TipChoice", "TipRanker", "detect_danger"]
