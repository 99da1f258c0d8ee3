"""The command registry: every ``/trust`` command from every feature, and the text parser.

Adapters read :data:`COMMANDS` to register slash commands (Discord subcommands, Slack's one
``/trust`` command) and use :func:`parse_command_text` when a command arrives as text.
"""

from __future__ import annotations

import difflib
import re

from core.commandspec import CommandSpec, Option
from core.errors import UserError
from core.registry import FEATURE_CLASSES

__all__ = [
    "BASE_COMMANDS",
    "COMMANDS",
    "GROUPS",
    "command_help",
    "find_command",
    "group_help",
    "parse_command_text",
    "split_words",
    "unknown_command",
    "unknown_topic",
    "usage",
]

BASE_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        ("help",),
        "What trustbot can do (`/trust help safety` for people who can help now)",
        (Option("topic", "A command or group, e.g. checkin or checkin start (or safety)", max_length=60, rest=True),),
        example="/trust help checkin start",
    ),
    CommandSpec(("about",), "Where the guidance comes from; education, not therapy", example="/trust about"),
)

COMMANDS: tuple[CommandSpec, ...] = BASE_COMMANDS + tuple(spec for cls in FEATURE_CLASSES for spec in cls.SPECS)

_names = [spec.name for spec in COMMANDS]
if len(set(_names)) != len(_names):  # pragma: no cover - a programming error caught at import
    raise RuntimeError(f"duplicate command names: {sorted(n for n in _names if _names.count(n) > 1)}")

GROUPS: dict[str, tuple[CommandSpec, ...]] = {
    first: tuple(s for s in COMMANDS if s.path[0] == first)
    for first in dict.fromkeys(s.path[0] for s in COMMANDS if len(s.path) > 1)
}  # "checkin" -> its commands, in registry order

_WHO = {"moderator": "moderators and admins", "admin": "owners and admins"}
_SAMPLES = {"integer": "1", "time": "21:00", "timezone": "Europe/London", "channel": "#general", "days": "mon,wed,fri"}


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


def _example(spec: CommandSpec) -> str:
    """The spec's own example, else one made from its required options."""
    if spec.example:
        return spec.example
    parts = [f"/trust {spec.name}"]
    for opt in spec.options:
        if opt.required:
            sample = opt.choices[0] if opt.choices else _SAMPLES.get(opt.kind, opt.name)
            parts.append(f"{opt.name}:{sample}")
    return " ".join(parts)


def command_help(spec: CommandSpec) -> str:
    """One command's help: usage, what it does, who may use it, each option, and an example."""
    lines = [f"`{usage(spec)}`", spec.description + "."]
    if spec.audience in _WHO:
        lines.append(f"For {_WHO[spec.audience]}.")
    if spec.options:
        lines.append("Options:")
    for opt in spec.options:
        notes = ["required"] if opt.required else []
        if opt.audience in _WHO:
            notes.append(f"{_WHO[opt.audience]} only")
        detail = f" ({', '.join(notes)})" if notes else ""
        lines.append(f"• {opt.name}{detail}: {opt.description}")
    lines.append(f"Example: `{_example(spec)}`")
    return "\n".join(lines)


def group_help(group: str) -> str:
    """A group's commands, one line each (``/trust help checkin``)."""
    lines = [f"`/trust {group} ...` has these commands:"]
    for spec in GROUPS[group]:
        who = f" ({_WHO[spec.audience]})" if spec.audience in _WHO else ""
        lines.append(f"• `/trust {spec.name}` — {spec.description}{who}")
    lines.append(f"`/trust help {GROUPS[group][0].name}` shows a command's options and an example.")
    return "\n".join(lines)


def unknown_command(words: list[str]) -> UserError:
    """The refusal for words that name no command: a group's valid words, or a close guess."""
    first = words[0].lower() if words else ""
    if first in GROUPS:
        valid = ", ".join(spec.path[1] for spec in GROUPS[first])
        if len(words) == 1:
            names = ", ".join(f"`/trust {s.name}`" for s in GROUPS[first])
            return UserError(f"`/trust {first}` needs one more word: {names}.")
        guess = difflib.get_close_matches(words[1].lower(), [spec.path[1] for spec in GROUPS[first]], n=1, cutoff=0.6)
        hint = f" Did you mean `/trust {first} {guess[0]}`?" if guess else ""
        return UserError(
            f"`/trust {first}` has no command '{words[1][:40]}'.{hint} Its commands: {valid}. "
            f"`/trust help {first}` says what each does."
        )
    shown = " ".join(words[:2])[:60]
    return UserError(f"I don't know the command `/trust {shown}`.{_suggest(words[:2])} Try `/trust help`.")


def unknown_topic(topic: str) -> UserError:
    """The refusal of ``/trust help <topic>`` when the topic is no command or group."""
    words = topic.split()
    if len(words) > 1 and words[0] in GROUPS:
        return unknown_command(words)
    groups = ", ".join(GROUPS)
    return UserError(
        f"There is no help on '{topic[:40]}'.{_suggest(words[:2])} Groups of commands: {groups}. "
        "`/trust help` lists every command."
    )


def _suggest(words: list[str]) -> str:
    guess = difflib.get_close_matches(" ".join(words), _names, n=1, cutoff=0.5)
    if not guess and words:
        guess = difflib.get_close_matches(words[0], _names, n=1, cutoff=0.6)
    return f" Did you mean `/trust {guess[0]}`?" if guess else ""


_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»"}  # opening -> closing ('don't' keeps its apostrophe)
_SLACK_ESCAPE = re.compile(r"<([#@!][^<>]*)>")


def split_words(text: str) -> list[str]:
    """Words as people type them: apostrophes are letters, "double" or “smart” quotes group words
    (an unbalanced quote is just a character), and Slack's ``<#C123|name>`` / ``<@U123>`` stay whole.
    """
    words: list[str] = []
    current: list[str] = []
    closing: str | None = None
    index = 0
    text = text.replace("\u00a0", " ")
    while index < len(text):
        char = text[index]
        if closing is None and char == "<" and (match := _SLACK_ESCAPE.match(text, index)):
            current.append(match.group(0))
            index = match.end()
            continue
        if closing is not None:
            if char == closing or (closing == "”" and char == '"'):
                closing = None
            else:
                current.append(char)
        elif char in _QUOTES and _QUOTES[char] in text[index + 1 :].replace('"', _QUOTES[char]):
            closing = _QUOTES[char]
        elif char.isspace():
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(char)
        index += 1
    if current:
        words.append("".join(current))
    return words


def parse_command_text(text: str) -> tuple[CommandSpec, dict[str, str]]:
    """Parse what follows ``/trust`` into a command and its options.

    Options are ``name:value`` or ``name=value``; bare words fill options in order. Quote
    values that contain spaces. Examples::

        setup channel:#daily timezone:Europe/London time:07:30 days:weekdays
        prompt preview 5
        tip "how do I apologise"
    """
    tokens = split_words(text)
    if not tokens:
        spec = find_command("help")
        assert spec is not None
        return spec, {}
    spec = None
    used = 0
    for size in (3, 2, 1):
        candidate = find_command(" ".join(tokens[:size])) if len(tokens) >= size else None
        if candidate is not None:
            spec, used = candidate, size
            break
    if spec is None:
        raise unknown_command(tokens)
    args: dict[str, str] = {}
    positional: list[str] = []
    rest = tokens[used:]
    for index, token in enumerate(rest):
        key, sep, value = token.partition(":") if ":" in token else token.partition("=")
        if sep and spec.option(key.lower()) is not None and not positional:
            args[key.lower()] = value
            continue
        if sep and key.replace("_", "").isalpha() and not positional and spec.option(key.lower()) is None:
            known = ", ".join(o.name for o in spec.options) or "none"
            raise UserError(f"`/trust {spec.name}` has no option '{key[:40]}'. Its options: {known}.")
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
