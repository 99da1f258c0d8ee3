"""A member's own page (Slack's App Home) through the core: streak, check-in trend, challenges and settings."""

from __future__ import annotations

from datetime import UTC, datetime

from core.app import TrustCore
from core.clock import VirtualClock
from core.errors import DeliveryError
from core.models import CommandEvent, MessageEvent, Place
from fakes import CHANNEL, FakeChat, admin, member

SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}


async def _answer_prompts(core: TrustCore, chat: FakeChat, clock: VirtualClock, community: str, days: int) -> None:
    for day in range(days):
        clock.set(datetime(2027, 3, 1 + day, 13, 0, tzinfo=UTC))  # 08:00 in New York
        await core.tick()
        thread = Place("thread", "daily-prompts", chat.of_kind("thread")[-1].ref)
        await core.handle(MessageEvent(community, member("alice"), thread, "We kept our word today."))


async def test_a_new_member_sees_how_to_start_and_that_check_ins_are_off(core: TrustCore) -> None:
    page = await core.home(member("alice"))
    text = page.plain()
    assert "Your streak" in text and "start one" in text
    assert "Check-ins: off" in text and "DMs from trustbot: on" in text
    assert [b.label for b in page.buttons] == ["A tip", "Your trend", "People who can help"]


async def test_the_page_shows_the_streak_and_the_check_in_and_community_settings(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await core.handle(CommandEvent("guild-1", admin(), CHANNEL, "setup", dict(SETUP)))
    alice = member("alice")
    start = {"time": "21:00", "timezone": "Europe/London", "cadence": "weekdays"}
    await core.handle(CommandEvent("guild-1", alice, CHANNEL, "checkin start", start))
    await _answer_prompts(core, chat, clock, "guild-1", 2)
    await core.handle(CommandEvent("guild-1", alice, CHANNEL, "checkin pause", {"days": "3"}))
    text = (await core.home(alice)).plain()
    assert "2 prompts in a row (longest 2, 2 answered in all)." in text
    settings = text.split("Your settings", 1)[1]
    assert "Check-ins: weekdays at 21:00 (Europe/London). Paused until" in settings
    assert "Daily prompt: #daily-prompts at 08:00 (America/New_York), every day." in settings
    assert text.count("Check-ins: weekdays at 21:00") == 1  # the trend no longer repeats the setting


async def test_a_refused_dm_and_a_paused_prompt_are_settings_the_member_sees(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await core.handle(CommandEvent("guild-1", admin(), CHANNEL, "setup", dict(SETUP)))
    alice = member("alice")
    await core.handle(CommandEvent("guild-1", alice, CHANNEL, "checkin start", {"time": "07:00", "timezone": "UTC"}))
    chat.fail_next("send_dm", DeliveryError("forbidden", "DMs closed"))
    clock.set(datetime(2027, 3, 2, 7, 0, tzinfo=UTC))
    await core.tick()
    await core.handle(CommandEvent("guild-1", admin(), CHANNEL, "prompt pause"))
    text = (await core.home(alice)).plain()
    assert "DMs from trustbot: off, because my last DM to you was refused" in text
    assert "every day. It is paused now." in text
    assert "No answers yet" in text  # prompts went out, none answered


async def test_each_community_is_named_when_a_member_is_in_several(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await core.handle(CommandEvent("guild-1", admin(), CHANNEL, "setup", dict(SETUP)))
    await _answer_prompts(core, chat, clock, "guild-1", 1)
    await core.handle(CommandEvent("guild-2", admin(), CHANNEL, "setup", dict(SETUP)))
    await core.handle(CommandEvent("guild-2", member("alice"), CHANNEL, "streak"))
    text = (await core.home(member("alice"))).plain()
    assert "guild-1: 1 prompt in a row" in text and "guild-2: No answers yet" in text
    assert "Daily prompt in guild-1: #daily-prompts" in text and "Daily prompt in guild-2" in text
