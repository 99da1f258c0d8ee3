"""How trustbot on Slack copes when Slack refuses, slows down, or a member's DMs are closed; files and App Home."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from harness.slack_world import EIGHT, SlackWorld, setup
from standins.slack.payloads import app_home_opened


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
async def test_a_lost_channel_pauses_the_prompt_and_tells_the_owners_once(slack: SlackWorld, error: str) -> None:
    await setup(slack)
    slack.standin.fail_next("chat.postMessage", error)
    slack.clock.set(EIGHT)
    assert await slack.core.tick() == 0
    await slack.bot.flush_alerts()  # after each tick (bots/platforms.py)
    await slack.bot.flush_alerts()
    dm = slack.standin.im_channel(slack.team.id, slack.owner)
    told = [t for t in slack.bot_texts(dm) if "needs a moderator" in t]
    assert len(told) == 1 and "paused" in told[0]  # once, by DM to the workspace's owner
    await slack.command(slack.owner, "status")
    assert await slack.settle(lambda: any("paused" in t for t in slack.answers(slack.owner)))
    slack.clock.set(EIGHT.replace(day=2))
    assert await slack.core.tick() == 0  # paused: never retried in a loop
    assert len([c for c in slack.standin.calls_of("chat.postMessage") if c.error == error]) == 1


async def test_a_429_is_waited_out_and_the_prompt_posts_once(slack: SlackWorld) -> None:
    await setup(slack)
    slack.standin.fail_next("chat.postMessage", "ratelimited", retry_after=1)
    slack.clock.set(EIGHT)
    assert await slack.core.tick() == 1
    assert len([t for t in slack.bot_texts(slack.prompts) if "Daily prompt" in t]) == 1


@pytest.mark.parametrize("error", ["cannot_dm_bot", "user_not_found", "user_disabled"])
async def test_a_refused_dm_pauses_that_members_checkins(slack: SlackWorld, error: str) -> None:
    await setup(slack)
    await slack.command(slack.alice, "checkin start time:21:00 timezone:America/New_York")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.alice)))
    slack.standin.fail_next("conversations.open", error)
    slack.clock.set(datetime(2027, 3, 2, 2, 0, tzinfo=UTC))
    assert await slack.core.tick() == 0
    member = await slack.store.members.ensure("slack", f"{slack.team.id}:{slack.alice}", "", slack.clock.now())
    assert member.dm_blocked
    slack.clock.set(datetime(2027, 3, 3, 2, 0, tzinfo=UTC))
    await slack.core.tick()
    assert not [
        c for c in slack.standin.calls_of("chat.postMessage") if c.ok and c.params.get("channel", "").startswith("D")
    ]


async def test_the_export_is_uploaded_to_the_members_dm(slack: SlackWorld) -> None:
    await slack.command(slack.bob, "mydata export")
    assert await slack.settle(lambda: any(f.completed and f.channels for f in slack.standin.files))
    dm = slack.standin.im_channel(slack.team.id, slack.bob)
    stored = list(slack.standin.files)
    assert stored[0].filename.endswith(".json") and dm in stored[0].channels and stored[0].data


async def test_app_home_shows_the_members_own_page(slack: SlackWorld) -> None:
    dm = slack.standin.im_channel(slack.team.id, slack.alice)
    await slack.send_event(app_home_opened(slack.alice, dm), team_id=slack.team.id)
    assert await slack.settle(lambda: slack.standin.home(slack.alice) is not None)
    home = slack.standin.home(slack.alice)
    assert home is not None and "Your trustbot" in str(home["blocks"][0])


async def test_app_home_is_refreshed_after_a_change(slack: SlackWorld) -> None:
    dm = slack.standin.im_channel(slack.team.id, slack.alice)
    await slack.send_event(app_home_opened(slack.alice, dm), team_id=slack.team.id)
    assert await slack.settle(lambda: slack.standin.home(slack.alice) is not None)
    before = str(slack.standin.home(slack.alice))
    await slack.command(slack.alice, "checkin start time:21:00 timezone:Europe/London")
    assert await slack.settle(lambda: str(slack.standin.home(slack.alice)) != before)
    assert "21:00" in str(slack.standin.home(slack.alice)) or "check-in" in str(slack.standin.home(slack.alice)).lower()


@pytest.mark.parametrize("error", ["token_revoked", "invalid_auth", "account_inactive"])
async def test_a_dead_token_stops_that_workspace_cleanly(
    slack: SlackWorld, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    await setup(slack)
    if error == "token_revoked":
        slack.standin.revoke_team(slack.team.id)
    else:
        slack.standin.fail_next("chat.postMessage", error)
    slack.clock.set(EIGHT)
    assert await slack.core.tick() == 0
    community = await slack.store.communities.find("slack", slack.team.id)
    assert community is not None and community.removed_at is not None  # its data goes after the grace period
    calls = len(slack.standin.calls)
    slack.clock.set(EIGHT.replace(day=2))
    assert await slack.core.tick() == 0
    assert len(slack.standin.calls) == calls  # nothing more is sent with a dead token
    assert any(error in r.getMessage() and "installed again" in r.getMessage() for r in caplog.records)


async def test_app_home_buttons_do_the_common_actions(slack: SlackWorld) -> None:
    dm = slack.standin.im_channel(slack.team.id, slack.alice)
    await slack.send_event(app_home_opened(slack.alice, dm), team_id=slack.team.id)
    assert await slack.settle(lambda: slack.standin.home(slack.alice) is not None)
    home = slack.standin.home(slack.alice)
    assert home is not None
    buttons = {e["text"]["text"]: e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert set(buttons) == {"A tip", "Your trend", "People who can help"}
    safety = buttons["People who can help"]
    view_id = next(v["id"] for v in slack.standin.views if v["method"] == "views.publish")
    await slack.send_block_action(
        user_id=slack.alice, action_id=safety["action_id"], value=safety["value"], view_id=view_id,
        team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: any("People who can help" in t for t in slack.bot_texts(dm)))
