"""The /trust text parser shared by Slack and the sandbox."""

from __future__ import annotations

import pytest

from core.commands import COMMANDS, parse_command_text
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
