"""End-to-end through the sandbox: help for every command, permissions that say the right thing, times as typed."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bots.sandbox.app import open_sandbox
from core.commands import COMMANDS, GROUPS
from core.content import Content

__all__: list[str] = []

START = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)  # Mon 07:00 EST
SETUP = "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators"


async def run(url: str, content: Content, lines: list[str]) -> str:
    out = io.StringIO()
    async with open_sandbox(url, content, out, start=START) as shell:
        for line in lines:
            assert await shell.run_line(line)
    return out.getvalue()


def replies_to(transcript: str, command: str) -> str:
    """The bot's lines that answer ``command`` (up to the next line that is not the bot's)."""
    kept: list[str] = []
    for line in transcript.split(f": {command}\n", 1)[1].splitlines():
        if line.startswith("[") and "| trustbot" not in line:
            break
        kept.append(line)
    return "\n".join(kept)


async def test_help_for_a_group_and_for_a_command(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [":as alice", "/trust help checkin start", "/trust help checkin", "/trust checkin frobnicate", "/trust help"],
    )
    command = replies_to(transcript, "/trust help checkin start")
    assert "== /trust checkin start ==" in command
    assert "`/trust checkin start time:<time> timezone:<timezone> [cadence:<text>]`" in command
    assert "• time (required): Your local time, 24-hour HH:MM" in command
    assert "• cadence: daily (default)" in command
    assert "Example: `/trust checkin start time:21:00 timezone:Europe/London cadence:daily`" in command
    assert "Too many words" not in transcript

    group = replies_to(transcript, "/trust help checkin")
    assert "== /trust checkin ==" in group
    for spec in GROUPS["checkin"]:
        assert sum(f"• `/trust {spec.name}` — " in line for line in group.splitlines()) == 1, spec.name
    assert "There is no help" not in transcript

    unknown = replies_to(transcript, "/trust checkin frobnicate")
    assert "`/trust checkin` has no command 'frobnicate'." in unknown
    assert "Its commands: start, time, pause, resume, stop, history, quiet, today." in unknown
    assert "needs one more word" not in unknown

    overview = replies_to(transcript, "/trust help")
    assert "`/trust help checkin` lists a group's commands" in overview


async def test_every_command_and_group_has_help_with_an_example(sqlite_url: str, content: Content) -> None:
    lines = [SETUP] + [f"/trust help {spec.name}" for spec in COMMANDS] + [f"/trust help {g}" for g in GROUPS]
    transcript = await run(sqlite_url, content, lines)
    for spec in COMMANDS:
        shown = replies_to(transcript, f"/trust help {spec.name}")
        assert f"== /trust {spec.name} ==" in shown, spec.name
        assert "Example: `/trust " + spec.name in shown, spec.name
    for group, specs in GROUPS.items():
        if group == "safety":  # `help safety` gives the people who can help now
            continue
        shown = replies_to(transcript, f"/trust help {group}")
        assert all(f"`/trust {spec.name}`" in shown for spec in specs), group


async def test_moderator_commands_in_a_dm_say_where_to_run_them(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url, content, [SETUP, ":as mona +moderators", ":go dm", "/trust status", "/trust prompt skip"]
    )
    status = replies_to(transcript, "/trust status")
    assert "To use `/trust status`, run it in your server or workspace, not in a DM" in status
    assert "moderator role is set" not in transcript


async def test_only_owners_and_admins_change_who_the_moderators_are(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            ":as mona +moderators",
            "/trust setup role:everyone time:09:00",
            "/trust status",
            "/trust setup time:09:30",
            ":as owner",
            "/trust setup role:mods",
        ],
    )
    refused = replies_to(transcript, "/trust setup role:everyone time:09:00")
    assert "Only server owners and admins can set `role:` in `/trust setup`" in refused
    assert "Nothing was changed" in refused
    status = replies_to(transcript, "/trust status")
    assert "Moderator role: moderators." in status and "at 08:00 America/New_York" in status  # nothing changed
    assert "Daily prompts go to #daily-prompts at 09:30 (America/New_York)" in transcript  # the rest is theirs
    assert "owner: /trust setup role:mods" in transcript and "Moderator role: mods." in transcript


async def test_times_and_zones_as_people_type_them(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            "/trust setup channel:#daily-prompts timezone:EST time:21",
            ":as alice",
            "/trust checkin start time:21:00 timezone:IST",
            "/trust checkin start time:9 timezone:Asia/Kolkata",
            "/trust checkin start time:2130 timezone:PT",
        ],
    )
    setup = replies_to(transcript, "/trust setup channel:#daily-prompts timezone:EST time:21")
    assert "EST was read as America/New_York (US & Canada Eastern time, EDT in summer)" in setup
    assert "Daily prompts go to #daily-prompts at 21:00 (America/New_York), every day." in setup
    ist = replies_to(transcript, "/trust checkin start time:21:00 timezone:IST")
    assert "Did you mean Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)?" in ist
    assert "EST or WET" not in transcript
    assert "'9' is ambiguous: 09:00 or 21:00?" in transcript
    assert "PT was read as America/Los_Angeles" in transcript
    assert "every day at 21:30 (America/Los_Angeles)" in transcript
