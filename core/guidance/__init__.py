"""Tips by DM, safety first: spot danger, send resources privately, otherwise rank themes and pick a fresh tip."""

from core.guidance.messages import safety_message
from core.guidance.safety import DangerCategory, DangerSignal, detect_danger
from core.guidance.tips import ThemeScore, TipChoice, TipRanker

__all__ = ["DangerCategory", "DangerSignal", "ThemeScore", "TipChoice", "TipRanker", "detect_danger", "safety_message"]
