"""The command registry: every ``/trust`` command, its options and who may use it.

Adapters read :data:`COMMANDS` to register slash commands (Discord subcommands, Slack's one
``/trust`` command) and use :func:`parse_command_text` when a command arrives as text.
"""

from __future__ import annotations

import difflib
import shlex
from dataclasses import dataclass
from typing import Literal

from core.errors import UserError

__all__ = ["COMMANDS", "CommandSpec", "Option", "find_command", "parse_command_text", "usage"]

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


_CHANNEL = Option("channel", "Channel for the daily prompt", "channel", required=True)
_TZ = Option("timezone", "IANA time zone, e.g. America/New_York", "timezone", required=True)
_TIME = Option("time", "Local time, 24-hour HH:MM", "time", required=True)
_DAYS = Option("days", "daily, weekdays, or days such as mon,wed,fri", "days")

COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(("help",), "What trustbot can do", example="/trust help"),
    CommandSpec(("about",), "Where the guidance comes from; education, not therapy", example="/trust about"),
    CommandSpec(
        ("setup",),
        "Set up daily prompts for this community",
        (_CHANNEL, _TZ, _TIME, _DAYS, Option("role", "Name of the moderator role", max_length=100)),
        audience="moderator",
        example="/trust setup channel:#daily-prompts timezone:America/New_York time:08:00",
    ),
    CommandSpec(("status",), "What is scheduled for the next 7 days", audience="moderator", example="/trust status"),
    CommandSpec(
        ("prompt", "preview"),
        "Show the next prompts in the deck",
        (Option("count", "How many (1-10)", "integer"),),
        audience="moderator",
        example="/trust prompt preview 3",
    ),
    CommandSpec(("prompt", "skip"), "Skip the next prompt in the deck", audience="moderator"),
    CommandSpec(("prompt", "now"), "Post the next prompt now", audience="moderator"),
    CommandSpec(("prompt", "pause"), "Pause the daily prompt", audience="moderator"),
    CommandSpec(("prompt", "resume"), "Resume the daily prompt", audience="moderator"),
    CommandSpec(("streak",), "Your own answer streak (only you see it)", example="/trust streak"),
    CommandSpec(
        ("tip",),
        "A tip on a topic (or a fresh one)",
        (Option("topic", "What is on your mind, e.g. honesty or apology", rest=True, max_length=1000),),
        example="/trust tip apology",
    ),
)


def find_command(name: str) -> CommandSpec | None:
    words = tuple(name.lower().split())
    for spec in COMMANDS:
        if spec.path == words:
            return spec
    return None


def usage(spec: CommandSpec) -> str:
    parts = [f"/trust {spec.name}"]
    for opt in spec.options:
        parts.append(f"{opt.name}:<{opt.kind}>" if opt.required else f"[{opt.name}:<{opt.kind}>]")
    return " ".join(parts)


def _suggest(words: list[str]) -> str:
    names = [spec.name for spec in COMMANDS]
    guess = difflib.get_close_matches(" ".join(words), names, n=1, cutoff=0.5)
    return f" Did you mean `/trust {guess[0]}`?" if guess else ""


def parse_command_text(text: str) -> tuple[CommandSpec, dict[str, str]]:
    """Parse what follows ``/trust`` into a command and its options.

    Options are ``name:value`` or ``name=value``; bare words fill options in order. Quote
    values that contain spaces. Examples::

        setup channel:#daily timezone:Europe/London time:07:30 days:weekdays
        prompt preview 5
        tip "how do I apologise"
    """
    try:
        tokens = shlex.split(text)
    except ValueError as exc:
        raise UserError(f"I could not read that command ({exc}). Check your quotes.") from exc
    if not tokens:
        spec = find_command("help")
        assert spec is not None
        return spec, {}
    spec = None
    used = 0
    for size in (2, 1):
        candidate = find_command(" ".join(tokens[:size]))
        if candidate is not None:
            spec, used = candidate, size
            break
    if spec is None:
        raise UserError(f"I don't know the command `/trust {' '.join(tokens[:2])}`.{_suggest(tokens[:2])} Try `/trust help`.")
    args: dict[str, str] = {}
    positional: list[str] = []
    rest = tokens[used:]
    for index, token in enumerate(rest):
        key, sep, value = token.partition(":") if ":" in token else token.partition("=")
        if sep and spec.option(key.lower()) is not None and not positional:
            args[key.lower()] = value
            continue
        if sep and key.isidentifier() and not positional and spec.option(key.lower()) is None and key.isalpha():
            known = ", ".join(o.name for o in spec.options) or "none"
            raise UserError(f"`/trust {spec.name}` has no option '{key}'. Its options: {known}.")
        waiting = [o for o in spec.options if o.name not in args][len(positional) :]
        if waiting and waiting[0].rest:
            args[waiting[0].name] = " ".join(rest[index:])
            break
        positional.append(token)
    free = [o for o in spec.options if o.name not in args]
    if len(positional) > len(free):
        raise UserError(f"Too many words for `/trust {spec.name}`. Usage: `{usage(spec)}`")
    for opt, value in zip(free, positional, strict=False):
        args[opt.name] = value
    return spec, args
