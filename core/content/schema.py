"""The schema every content file must satisfy (pydantic models, strict: unknown keys are errors)."""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "Challenge",
    "ChallengeDay",
    "CheckinQuestion",
    "Content",
    "CustomPrompt",
    "CustomPrompts",
    "DeckItem",
    "Notices",
    "Prompt",
    "Safety",
    "SafetyResource",
    "Source",
    "Theme",
    "Tip",
]

_ID = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    """The article an idea comes from."""

    title: str = Field(min_length=3)
    author: str = Field(min_length=3)

    def cite(self) -> str:
        return f'"{self.title}" by {self.author}'


class Tip(_Strict):
    id: str = Field(pattern=_ID)
    text: str = Field(min_length=20, max_length=400)


class Prompt(_Strict):
    id: str = Field(pattern=_ID)
    text: str = Field(min_length=15, max_length=300)


class Theme(_Strict):
    """One foundation (from "Regaining Trust") or one of the nine steps."""

    id: str = Field(pattern=_ID)
    kind: Literal["foundation", "step"]
    step: int | None = Field(default=None, ge=1, le=9)
    order: int = Field(default=0, ge=0, le=99, description="position among the foundations")
    title: str = Field(min_length=3, max_length=80)
    source: Source
    summary: str = Field(min_length=40, max_length=600)
    why: str = Field(min_length=40, max_length=600)
    keywords: list[str] = Field(min_length=5)
    tips: list[Tip] = Field(min_length=5)
    prompts: list[Prompt] = Field(min_length=5)
    reflection_questions: list[str] = Field(min_length=2)

    @model_validator(mode="after")
    def _step_matches_kind(self) -> Theme:
        if self.kind == "step" and self.step is None:
            raise ValueError("a step theme needs its step number (1-9)")
        if self.kind == "foundation" and self.step is not None:
            raise ValueError("a foundation theme has no step number")
        return self

    @field_validator("keywords")
    @classmethod
    def _lower_keywords(cls, value: list[str]) -> list[str]:
        return [word.lower() for word in value]

    @property
    def label(self) -> str:
        return f"Step {self.step}: {self.title}" if self.step else self.title


class CheckinQuestion(_Strict):
    id: str = Field(pattern=_ID)
    kind: Literal["scale", "note"]
    text: str = Field(min_length=10, max_length=200)
    short: str = Field(min_length=3, max_length=40, description="label for charts and history")
    low_label: str | None = None
    high_label: str | None = None
    max_length: int | None = Field(default=None, ge=20, le=1000)

    @model_validator(mode="after")
    def _fields_for_kind(self) -> CheckinQuestion:
        if self.kind == "scale" and (self.low_label is None or self.high_label is None):
            raise ValueError("a scale question needs low_label and high_label")
        if self.kind == "note" and self.max_length is None:
            raise ValueError("a note question needs max_length")
        return self


class ChallengeDay(_Strict):
    day: int = Field(ge=1)
    title: str = Field(min_length=3, max_length=80)
    theme: str | None = Field(default=None, description="id of the theme this day draws on")
    text: str = Field(min_length=20, max_length=700)


class Challenge(_Strict):
    id: str = Field(pattern=_ID)
    title: str = Field(min_length=3, max_length=80)
    summary: str = Field(min_length=20, max_length=400)
    sources: list[Source] = Field(min_length=1)
    days: list[ChallengeDay] = Field(min_length=1, max_length=60)

    @model_validator(mode="after")
    def _days_in_order(self) -> Challenge:
        numbers = [d.day for d in self.days]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"days must be numbered 1..{len(numbers)} in order, got {numbers}")
        return self


class SafetyResource(_Strict):
    """A real service, labelled by country. Never invent a number, address or link."""

    id: str = Field(pattern=_ID)
    country: str = Field(pattern=r"^([A-Z]{2}|INTL)$", description="ISO 3166 alpha-2, or INTL")
    name: str
    kind: Literal["emergency", "crisis", "domestic_violence", "directory"]
    phone: str | None = None
    sms: str | None = None
    url: str | None = Field(default=None, pattern=r"^https://")
    hours: str | None = None
    languages: list[str] = Field(default_factory=lambda: ["en"], description="ISO 639-1 codes it answers in")

    @model_validator(mode="after")
    def _reachable(self) -> SafetyResource:
        if not (self.phone or self.sms or self.url):
            raise ValueError("a resource needs a phone, sms or url")
        return self


class SafetyText(_Strict):
    """What the safety replies say, in one language."""

    intro: str = Field(min_length=20)
    asked_intro: str = Field(min_length=20)
    title: str
    asked_title: str
    community_heading: str
    international: str
    when_heading: str
    footer: str
    when_to_seek_help: list[str] = Field(min_length=2)
    concern_line: str = Field(min_length=20, max_length=300)
    unclear_reply: str = Field(min_length=20, max_length=400)


class Safety(SafetyText):
    """The English texts, the resources, and the texts in other languages."""

    resources: list[SafetyResource] = Field(min_length=1)
    translations: dict[str, SafetyText] = Field(default_factory=dict)

    def text(self, language: str) -> SafetyText:
        """The texts in ``language``, or English when there are none in it."""
        return self.translations.get(language, self)


class Notices(_Strict):
    education_not_therapy: str = Field(min_length=20, max_length=500)
    welcome: str = Field(min_length=20, max_length=800)


class CustomPrompt(_Strict):
    """A community's own daily prompt, from an overlay folder's ``prompts.yaml``."""

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=15, max_length=300)
    theme: str | None = None


class CustomPrompts(_Strict):
    """``prompts.yaml`` in an overlay folder: add to the deck, or replace it."""

    mode: Literal["add", "replace"] = "add"
    prompts: list[CustomPrompt] = Field(min_length=1)


class DeckItem(_Strict):
    """One card of the daily-prompt deck."""

    id: str
    text: str
    theme_id: str | None


class Content(_Strict):
    """Everything the bot says, loaded and validated."""

    themes: list[Theme]
    checkin_questions: list[CheckinQuestion]
    challenges: list[Challenge]
    safety: Safety
    notices: Notices
    custom_prompts: CustomPrompts | None = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Content:
        seen: set[str] = set()
        dupes: list[str] = []
        ids = [t.id for t in self.themes]
        ids += [f"tip:{tip.id}" for t in self.themes for tip in t.tips]
        ids += [f"prompt:{p.id}" for t in self.themes for p in t.prompts]
        ids += [f"challenge:{c.id}" for c in self.challenges]
        ids += [f"checkin:{q.id}" for q in self.checkin_questions]
        if self.custom_prompts is not None:
            ids += [f"prompt:{p.id}" for p in self.custom_prompts.prompts]
        for item in ids:
            if item in seen:
                dupes.append(item)
            seen.add(item)
        if dupes:
            raise ValueError(f"duplicate ids: {', '.join(sorted(set(dupes)))}")
        theme_ids = {t.id for t in self.themes}
        for challenge in self.challenges:
            for day in challenge.days:
                if day.theme is not None and day.theme not in theme_ids:
                    raise ValueError(f"challenge {challenge.id} day {day.day}: unknown theme {day.theme!r}")
        if self.custom_prompts is not None:
            for custom in self.custom_prompts.prompts:
                if custom.theme is not None and custom.theme not in theme_ids:
                    raise ValueError(f"prompt {custom.id}: unknown theme {custom.theme!r}")
        return self

    @cached_property
    def deck(self) -> list[DeckItem]:
        """The daily-prompt deck, interleaved so that consecutive days draw on different themes (built once)."""
        items: list[DeckItem] = []
        if self.custom_prompts is None or self.custom_prompts.mode == "add":
            width = max((len(t.prompts) for t in self.themes), default=0)
            for i in range(width):
                for t in self.themes:
                    if i < len(t.prompts):
                        items.append(DeckItem(id=t.prompts[i].id, text=t.prompts[i].text, theme_id=t.id))
        if self.custom_prompts is not None:
            items += [DeckItem(id=p.id, text=p.text, theme_id=p.theme) for p in self.custom_prompts.prompts]
        return items

    @property
    def prompts(self) -> list[tuple[Theme, Prompt]]:
        return [(t, p) for t in self.themes for p in t.prompts]

    @property
    def tips(self) -> list[tuple[Theme, Tip]]:
        return [(t, tip) for t in self.themes for tip in t.tips]

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def challenge(self, challenge_id: str) -> Challenge:
        for c in self.challenges:
            if c.id == challenge_id:
                return c
        raise KeyError(challenge_id)
