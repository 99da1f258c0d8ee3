"""Loads the content folder (and optional overlay folders) and reports every problem at once."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from core.content.schema import (
    Challenge,
    CheckinQuestion,
    Content,
    CustomPrompts,
    Notices,
    Safety,
    Theme,
)

__all__ = ["ContentError", "default_content_dir", "load_content"]

logger = logging.getLogger(__name__)

_M = TypeVar("_M", bound=BaseModel)


class ContentError(Exception):
    """Raised with the full list of problems found in the content folders."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} content problem(s):\n" + "\n".join(f"- {p}" for p in problems))


def default_content_dir() -> Path:
    """The ``content/`` folder shipped beside the ``core`` package."""
    here = Path(__file__).resolve().parent.parent.parent / "content"
    return here


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path}: cannot read: {exc}")
        return None


def _validate(model: type[_M], data: Any, path: Path, problems: list[str]) -> _M | None:
    if data is None:
        problems.append(f"{path}: file is empty")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(part) for part in err["loc"]) or "(top)"
            problems.append(f"{path}: {where}: {err['msg']}")
        return None


def load_content(*folders: Path) -> Content:
    """Load the built-in content, then each overlay folder in order.

    An overlay file replaces the item with the same id (a theme, a challenge, a check-in
    question list, the safety or notice file); new ids are added. An overlay's
    ``prompts.yaml`` adds prompts to the daily deck (``mode: add``) or replaces the deck
    (``mode: replace``).

    Raises:
        ContentError: listing every problem in every file, not only the first.
    """
    roots = list(folders) or [default_content_dir()]
    problems: list[str] = []
    themes: dict[str, Theme] = {}
    challenges: dict[str, Challenge] = {}
    checkins: list[CheckinQuestion] | None = None
    safety: Safety | None = None
    notices: Notices | None = None
    custom: CustomPrompts | None = None
    for root in roots:
        if not root.is_dir():
            problems.append(f"{root}: content folder does not exist")
            continue
        for path in sorted((root / "themes").glob("*.yaml")):
            theme = _validate(Theme, _read_yaml(path, problems), path, problems)
            if theme is not None:
                themes[theme.id] = theme
        for path in sorted((root / "challenges").glob("*.yaml")):
            challenge = _validate(Challenge, _read_yaml(path, problems), path, problems)
            if challenge is not None:
                challenges[challenge.id] = challenge
        path = root / "checkins.yaml"
        if path.exists():
            data = _read_yaml(path, problems)
            items = data.get("questions") if isinstance(data, dict) else None
            if not isinstance(items, list):
                problems.append(f"{path}: expected a mapping with a 'questions' list")
            else:
                parsed = [_validate(CheckinQuestion, item, path, problems) for item in items]
                checkins = [q for q in parsed if q is not None]
        path = root / "safety.yaml"
        if path.exists():
            safety = _validate(Safety, _read_yaml(path, problems), path, problems) or safety
        path = root / "notices.yaml"
        if path.exists():
            notices = _validate(Notices, _read_yaml(path, problems), path, problems) or notices
        path = root / "prompts.yaml"
        if path.exists():
            custom = _validate(CustomPrompts, _read_yaml(path, problems), path, problems) or custom
    if not themes:
        problems.append("no themes found (themes/*.yaml)")
    if checkins is None:
        problems.append("no check-in questions found (checkins.yaml)")
    if safety is None:
        problems.append("no safety text found (safety.yaml)")
    if notices is None:
        problems.append("no notices found (notices.yaml)")
    if problems:
        raise ContentError(problems)
    assert checkins is not None and safety is not None and notices is not None
    try:
        content = Content(
            themes=sorted(themes.values(), key=_theme_order),
            checkin_questions=checkins,
            challenges=sorted(challenges.values(), key=lambda c: c.id),
            safety=safety,
            notices=notices,
            custom_prompts=custom,
        )
    except ValidationError as exc:
        raise ContentError([f"content: {err['msg']}" for err in exc.errors()]) from exc
    logger.info(
        "loaded %d themes, %d prompts, %d challenges", len(content.themes), len(content.deck), len(content.challenges)
    )
    return content


def _theme_order(theme: Theme) -> tuple[int, int, int, str]:
    return (0 if theme.kind == "foundation" else 1, theme.order, theme.step or 0, theme.id)
