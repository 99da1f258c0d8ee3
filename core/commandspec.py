"""How a command is described: its words, options and audience (adapters render these as slash commands)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Audience", "CommandSpec", "Option"]

Audience = Literal["anyone", "moderator", "admin"]


@dataclass(frozen=True)
class Option:
    """One option of a command. ``kind`` tells adapters which input widget fits."""

    name: str
    description: str
    kind: Literal["text", "channel", "time", "timezone", "integer", "days", "date", "choice"] = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    rest: bool = False  # takes the rest of the line when typed positionally
    max_length: int = 200
    suggest: bool = False  # the core can suggest values as they are typed (``TrustCore.suggest``)
    audience: Audience = "anyone"  # who may give this option (checked by the core, on top of the command's)

    @property
    def suggested(self) -> bool:
        """Whether adapters should offer suggestions (autocomplete) for this option."""
        return self.suggest or self.kind == "timezone"


@dataclass(frozen=True)
class CommandSpec:
    """A command: ``path`` is its words after ``/trust`` (``("prompt", "skip")``)."""

    path: tuple[str, ...]
    description: str
    options: tuple[Option, ...] = ()
    audience: Audience = "anyone"
    example: str = ""

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def option(self, name: str) -> Option | None:
        for opt in self.options:
            if opt.name == name:
                return opt
        return None
