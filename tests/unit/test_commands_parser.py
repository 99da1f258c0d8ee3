"""The /trust text parser shared by Slack and the sandbox."""

from __future__ import annotations

import pytest

from core.commands import (
    COMMANDS,
    GROUPS,
    command_help,
    find_command,
    group_help,
    parse_command_text,
    unknown_topic,
)
from core.errors import UserError


def test_named_and_positional_options() -> None:
    spec, args = parse_command_text("setup channel:#daily timezone:Europe/London time:07:30 days=weekdays")
    assert spec.name == "setup"
    assert args == {"channel": "#daily", "timezone": "Europe/London", "time": "07:30", "days": "weekdays"}
    spec, args = parse_command_text("prompt preview 5")
    assert (spec.name, args) == ("prompt preview", {"count": "5"})


def test_rest_of_line_option_keeps_colons() -> None:
    _, args = parse_command_text("tip how do I say sorry: really")
    assert args == {"topic": "how do I say sorry: really"}


def test_empty_is_help() -> None:
    assert parse_command_text("")[0].name == "help"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("promt skip", "Did you mean `/trust prompt skip`"),
        ("setup colour:red", "has no option 'colour'"),
        ("streak now please", "Too many words"),
        ("prompt", "needs one more word"),
    ],
)
def test_clear_errors(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_command_text(text)


def test_no_command_is_both_a_leaf_and_a_group() -> None:
    names = {spec.path for spec in COMMANDS}
    for path in names:
        for size in range(1, len(path)):
            assert path[:size] not in names, f"/trust {' '.join(path[:size])} is a command and a group"
    assert all(len(path) <= 2 for path in names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tip I don't know how to say sorry", {"topic": "I don't know how to say sorry"}),
        ('tip "unclosed', {"topic": '"unclosed'}),  # an unbalanced quote is just a character (it was an error)
        ("tip “how do I apologise”", {"topic": "how do I apologise"}),
        ("tip 💔 it’s hard", {"topic": "💔 it’s hard"}),
        (
            'safety add name:"Women\'s Aid" country:GB phone:"0808 2000 247"',
            {"name": "Women's Aid", "country": "GB", "phone": "0808 2000 247"},
        ),
        (
            "setup channel:<#C0123|daily-prompts> timezone:Europe/London role:<!subteam^S1|mods>",
            {"channel": "<#C0123|daily-prompts>", "timezone": "Europe/London", "role": "<!subteam^S1|mods>"},
        ),
        ("setup\u00a0time:08:00", {"time": "08:00"}),
    ],
)
def test_text_as_people_and_slack_type_it(text: str, expected: dict[str, str]) -> None:
    assert parse_command_text(text)[1] == expected


@pytest.mark.parametrize(
    ("text", "topic"),
    [("help checkin start", "checkin start"), ("help checkin", "checkin"), ("help challenge join", "challenge join")],
)
def test_help_takes_a_group_or_a_command_of_several_words(text: str, topic: str) -> None:
    assert parse_command_text(text) == (find_command("help"), {"topic": topic})


def test_an_unknown_word_in_a_group_is_named_with_the_valid_ones() -> None:
    with pytest.raises(UserError) as refused:
        parse_command_text("checkin frobnicate")
    text = str(refused.value)
    assert "`/trust checkin` has no command 'frobnicate'." in text and "needs one more word" not in text
    assert "Its commands: start, time, pause, resume, stop, history, quiet, today." in text
    with pytest.raises(UserError, match=r"Did you mean `/trust checkin start`\?"):
        parse_command_text("checkin strat")


def test_every_command_has_help_with_options_and_an_example() -> None:
    for spec in COMMANDS:
        text = command_help(spec)
        assert text.startswith(f"`/trust {spec.name}") and f"Example: `/trust {spec.name}" in text, spec.name
        assert all(f"• {opt.name}" in text for opt in spec.options), spec.name
    assert "• role (required" not in command_help(find_command("setup"))  # type: ignore[arg-type]
    assert "• role (owners and admins only): " in command_help(find_command("setup"))  # type: ignore[arg-type]


def test_a_group_lists_its_commands_one_line_each() -> None:
    for group, specs in GROUPS.items():
        lines = group_help(group).splitlines()
        assert [line for line in lines if line.startswith("• ")] == [
            line for spec in specs for line in lines if line.startswith(f"• `/trust {spec.name}` — ")
        ]
        assert len([line for line in lines if line.startswith("• ")]) == len(specs)
    assert "(moderators and admins)" in group_help("prompt")


def test_help_on_nothing_known_names_the_groups() -> None:
    assert "Groups of commands: prompt, safety, challenge, checkin" in str(unknown_topic("frobnicate"))
    assert "`/trust checkin` has no command 'frob'" in str(unknown_topic("checkin frob"))
