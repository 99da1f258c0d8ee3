"""Guidance content: the schema and the loader for the data files in ``content/``."""

from core.content.loader import ContentError, default_content_dir, load_content
from core.content.schema import (
    Challenge,
    ChallengeDay,
    CheckinQuestion,
    Content,
    Prompt,
    SafetyResource,
    Source,
    Theme,
    Tip,
)

__all__ = [
    "Challenge",
    "ChallengeDay",
    "CheckinQuestion",
    "Content",
    "ContentError",
    "Prompt",
    "SafetyResource",
    "Source",
    "Theme",
    "Tip",
    "default_content_dir",
    "load_content",
]
