"""The list of features the core runs, in the order their commands appear in help."""

from __future__ import annotations

from core.challenges.feature import ChallengesFeature
from core.checkins.feature import CheckinsFeature
from core.community.feature import CommunityFeature
from core.feature import Feature
from core.guidance.feature import GuidanceFeature
from core.mydata.feature import MyDataFeature
from core.prompts.feature import PromptsFeature
from core.reflections.feature import ReflectionsFeature

__all__ = ["FEATURE_CLASSES"]

FEATURE_CLASSES: tuple[type[Feature], ...] = (
    CommunityFeature,
    PromptsFeature,
    GuidanceFeature,
    ChallengesFeature,
    CheckinsFeature,
    ReflectionsFeature,
    MyDataFeature,
)
