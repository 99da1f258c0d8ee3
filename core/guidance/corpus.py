"""The labelled messages the guidance models learn from (``content/training/*.yaml``), checked on load."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from core.content.loader import default_content_dir

__all__ = ["TrainingMessage", "load_training", "training_dir"]

# libyaml's safe loader when PyYAML was built with it: the same rows, read about ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TrainingMessage(BaseModel):
    """One labelled message: ``label`` is ``danger``, ``safe``, ``topical``, ``unclear`` or a theme id."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    text: str = Field(min_length=1, max_length=4000)
    label: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    category: str | None = None
    lang: str = Field(default="en", pattern=r"^[a-z]{2,3}$")

    @property
    def theme(self) -> str | None:
        """The theme this message is about, when it is an ordinary (topical) message."""
        if self.label in ("danger", "safe", "unclear"):
            return None
        return self.category if self.label == "topical" else self.label


def training_dir() -> Path:
    return default_content_dir() / "training"


@cache
def load_training(folder: Path | None = None) -> tuple[tuple[TrainingMessage, ...], str]:
    """Every training message (duplicates once) and a digest of them all, for caching what was learned."""
    root = folder or training_dir()
    messages: list[TrainingMessage] = []
    seen: set[str] = set()
    digest = hashlib.sha256()
    for path in sorted(root.glob("*.yaml")):
        rows = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []
        if not isinstance(rows, list):
            raise ValueError(f"{path}: expected a list of labelled messages")
        for index, row in enumerate(rows):
            try:
                message = TrainingMessage.model_validate(row)
            except ValueError as exc:
                raise ValueError(f"{path}: item {index}: {exc}") from exc
            key = message.text.strip().lower()
            if key in seen:
                continue
            seen.add(key)
            messages.append(message)
            digest.update(f"{message.label}|{message.category}|{message.lang}|{message.text}\n".encode())
    return tuple(messages), digest.hexdigest()[:16]
