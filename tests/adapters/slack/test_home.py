"""Slack App Home through the real slack-bolt app: the member's streak, trend, challenges and settings, kept fresh."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from harness.slack_world import EIGHT, SlackWorld, setup
from standins.slack.payloads import app_home_opened, message_event

from bots.slack.port import KEY_EVENT

NINE_PM = datetime(2027, 3, 2, 2, 0, tzinfo=UTC)  # Mon 21:00 in New York


def home_text(slack: SlackWorld, user: str) -> str:
    """What the member reads on their Home tab (every text in the published view)."""
    view = slack.standin.home(user) or {}
    parts: list[str] = []
    for block in view.get("blocks", []):
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(str(text.get("text", "")))
        parts += [str(e.get("text", "")) for e in block.get("elements", []) if isinstance(e, dict) and "text" in e]
    return "\n".join(parts)


async def open_home(slack: SlackWorld, user: str) -> None:
    dm = slack.standin.im_channel(slack.team.id, user)
    publishes = len(slack.standin.calls_of("views.publish"))
    await slack.send_event(app_home_opened(user, dm), team_id=slack.team.id)
    assert await slack.settle(lambda: len(slack.standin.calls_of("views.publish")) > publishes)


async def republished(slack: SlackWorld, user: str, words: str) -> bool:
    return await slack.settle(lambda: words in home_text(slack, user))


def button(message: dict[str, Any], label: str) -> dict[str, Any]:
    return next(
        e
        for b in message.get("blocks") or []
        if b["type"] == "actions"
        for e in b["elements"]
        if label in e["text"]["text"]
    )


async def answer_todays_prompt(slack: SlackWorld, user: str) -> None:
    slack.clock.set(EIGHT)
    assert await slack.core.tick() == 1
    post = next(
        m for m in slack.standin.messages(slack.prompts) if (m.get("metadata") or {}).get("event_type") == KEY_EVENT
    )
    reply = message_event(
        slack.prompts, user, "I told him the truth about the bill.", team=slack.team.id, channel_type="channel",
        thread_ts=post["ts"],
    )  # fmt: skip
    await slack.send_event(reply, team_id=slack.team.id)
    community = await slack.store.communities.find("slack", slack.team.id)
    assert community is not None
    record = await slack.store.prompts.by_message(community.id, post["ts"])
    assert record is not None
    for _ in range(250):  # the answer is recorded after its ack
        if await slack.store.prompts.answer_count(record.id):
            return
        await slack.settle(lambda: False, within=0.02)
    raise AssertionError("the thread answer was not recorded")


async def test_home_shows_the_streak_the_trend_and_the_settings(slack: SlackWorld) -> None:
    await setup(slack)
    await slack.command(slack.alice, "checkin start time:21:00 timezone:America/New_York cadence:weekdays")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.alice)))
    await answer_todays_prompt(slack, slack.alice)
    await open_home(slack, slack.alice)
    text = home_text(slack, slack.alice)
    assert "Your streak" in text and "Your settings" in text and "Your check-in history" in text
    assert "Check-ins: weekdays at 21:00 (America/New_York)" in text
    assert "Daily prompt: #daily-prompts at 08:00 (America/New_York), every day." in text
    assert "DMs from trustbot: on" in text
    assert "1 prompt in a row (longest 1, 1 answered in all)." in text


async def test_home_is_republished_after_a_thread_answer_moves_the_streak(slack: SlackWorld) -> None:
    await setup(slack)
    await slack.command(slack.alice, "streak")  # alice is a member of the workspace's community
    assert await slack.settle(lambda: any("streak" in t.lower() for t in slack.answers(slack.alice)))
    await open_home(slack, slack.alice)
    assert "No answers yet" in home_text(slack, slack.alice)
    await answer_todays_prompt(slack, slack.alice)
    assert await republished(slack, slack.alice, "1 prompt in a row")


async def test_home_is_republished_after_a_check_in_setting_changes(slack: SlackWorld) -> None:
    await slack.command(slack.alice, "checkin start time:21:00 timezone:Europe/London")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.alice)))
    await open_home(slack, slack.alice)
    assert "Check-ins: every day at 21:00 (Europe/London)" in home_text(slack, slack.alice)
    await slack.command(slack.alice, "checkin time time:07:30 cadence:weekdays")
    assert await republished(slack, slack.alice, "Check-ins: weekdays at 07:30 (Europe/London)")
    await slack.command(slack.alice, "checkin stop")
    assert await republished(slack, slack.alice, "Check-ins: off")


async def test_home_is_republished_after_a_check_in_answer_and_its_note(slack: SlackWorld) -> None:
    await slack.command(slack.alice, "checkin start time:21:00 timezone:America/New_York")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.alice)))
    await open_home(slack, slack.alice)
    assert "No answered check-ins yet" in home_text(slack, slack.alice)
    slack.clock.set(NINE_PM)
    await slack.core.tick()
    dm = slack.standin.im_channel(slack.team.id, slack.alice)
    checkin = next(m for m in slack.standin.messages(dm) if m.get("bot_id"))
    four = button(checkin, "4")
    await slack.send_block_action(
        user_id=slack.alice, action_id=four["action_id"], value=four["value"], channel_id=dm,
        message_ts=checkin["ts"], team_id=slack.team.id,
    )  # fmt: skip
    assert await republished(slack, slack.alice, "avg 4.0")
    note = button(checkin, "note")
    await slack.send_block_action(
        user_id=slack.alice, action_id=note["action_id"], value=note["value"], channel_id=dm,
        message_ts=checkin["ts"], team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: any(v["method"] == "views.open" for v in slack.standin.views))
    opened = next(v for v in slack.standin.views if v["method"] == "views.open")
    await slack.send_view_submission(
        user_id=slack.alice, values={"note": {"note": "A calm evening together."}}, view_id=opened["id"],
        team_id=slack.team.id,
    )  # fmt: skip
    assert await republished(slack, slack.alice, "A calm evening together.")


async def test_home_is_republished_after_a_challenge_join(slack: SlackWorld) -> None:
    slack.standin.add_usergroup(slack.team, "mods", [slack.bob])
    await setup(slack)
    schedule = f"challenge schedule challenge:nine-steps start:2027-03-02 channel:<#{slack.general}>"
    await slack.command(slack.bob, schedule)
    assert await slack.settle(lambda: any("Nine steps" in t for t in slack.answers(slack.bob)))
    slack.clock.set(datetime(2027, 3, 2, 14, 0, tzinfo=UTC))
    await slack.core.tick()
    await open_home(slack, slack.alice)
    assert "You haven't joined a challenge" in home_text(slack, slack.alice)
    intro = next(m for m in slack.standin.messages(slack.general) if m.get("bot_id") and "Join" in str(m.get("blocks")))
    join = button(intro, "Join")
    await slack.send_block_action(
        user_id=slack.alice, action_id=join["action_id"], value=join["value"], channel_id=slack.general,
        message_ts=intro["ts"], team_id=slack.team.id,
    )  # fmt: skip
    assert await republished(slack, slack.alice, "Day 1 of 9")


async def test_a_button_pressed_on_home_refreshes_it_in_a_process_that_did_not_see_it_opened(
    slack: SlackWorld,
) -> None:
    await open_home(slack, slack.alice)
    slack.bot._home_viewers.clear()  # as if App Home was opened through another process
    home = slack.standin.home(slack.alice)
    assert home is not None
    trend = next(
        e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"] if "trend" in e["text"]["text"]
    )
    view_id = next(v["id"] for v in slack.standin.views if v["method"] == "views.publish")
    publishes = len(slack.standin.calls_of("views.publish"))
    await slack.send_block_action(
        user_id=slack.alice, action_id=trend["action_id"], value=trend["value"], view_id=view_id,
        team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: len(slack.standin.calls_of("views.publish")) > publishes)


async def test_someone_who_never_opened_home_costs_no_views_publish(slack: SlackWorld) -> None:
    await slack.command(slack.bob, "checkin start time:21:00 timezone:Europe/London")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.bob)))
    await slack.settle(lambda: False, within=0.3)
    assert slack.standin.calls_of("views.publish") == []
