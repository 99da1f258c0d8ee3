"""The list of features the core runs, in the order their commands appear in help."""

from __future__ import annotations

from core.features.base import Feature
from core.features.challenges import ChallengesFeature
from core.features.checkins import CheckinsFeature
from core.features.community import CommunityFeature
from core.features.guidance import GuidanceFeature
from core.features.mydata import MyDataFeature
from core.features.prompts import PromptsFeature
from core.features.reflections import ReflectionsFeature

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
