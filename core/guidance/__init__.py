"""Tips by DM, safety first: read the message (language, danger), send resources privately, else a fitting fresh tip."""

from core.guidance.assess import Assessment, assess, is_dangerous
from core.guidance.messages import safety_message
from core.guidance.safety import DangerCategory, DangerSignal, detect_danger
from core.guidance.tips import ThemeScore, TipChoice, TipRanker

__all__ = [
    "Assessment",
    "DangerCategory",
    "DangerSignal",
    "ThemeScore",
    "TipChoice",
    "TipRanker",
    "assess",
    "detect_danger",
    "is_dangerous",
    "safety_message",
]
