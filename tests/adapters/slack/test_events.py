"""Workspace events through the real slack-bolt app: member_joined_channel, tokens_revoked, app_uninstalled."""

from __future__ import annotations

from harness.slack_world import SlackWorld, setup
from standins.slack.payloads import app_uninstalled, member_joined_channel, tokens_revoked

from core.storage.records import CommunityRecord


async def _community(slack: SlackWorld) -> CommunityRecord:
    found = await slack.store.communities.find("slack", slack.team.id)
    assert found is not None
    return found


async def _removal_is(slack: SlackWorld, pending: bool) -> bool:
    for _ in range(250):  # the event is handled after its ack
        if ((await _community(slack)).removed_at is not None) == pending:
            return True
        await slack.settle(lambda: False, within=0.02)
    return False


async def test_the_bot_added_to_a_channel_after_an_uninstall_keeps_the_workspace(slack: SlackWorld) -> None:
    await setup(slack)
    await slack.send_event(app_uninstalled(), team_id=slack.team.id)
    assert await _removal_is(slack, True)
    # installed again, and someone adds trustbot to a channel: the workspace is there after all
    joined = member_joined_channel(slack.team.bot_user_id, slack.general, slack.team.id, inviter=slack.owner)
    result = await slack.send_event(joined, team_id=slack.team.id)
    assert result.status == 200 and result.in_time
    assert await _removal_is(slack, False)


async def test_a_person_joining_a_channel_is_not_greeted(slack: SlackWorld) -> None:
    await setup(slack)
    await slack.send_event(app_uninstalled(), team_id=slack.team.id)
    assert await _removal_is(slack, True)
    calls = len(slack.standin.calls)
    joined = member_joined_channel(slack.alice, slack.prompts, slack.team.id)
    result = await slack.send_event(joined, team_id=slack.team.id)
    assert result.status == 200 and result.in_time
    await slack.settle(lambda: False, within=0.3)
    posts = [c for c in slack.standin.calls[calls:] if c.method in ("chat.postMessage", "conversations.open")]
    assert posts == []  # no public welcome, no unasked-for DM
    assert (await _community(slack)).removed_at is not None  # a person's join says nothing about the install


async def test_only_a_revoked_bot_token_starts_the_removal_grace(slack: SlackWorld) -> None:
    await setup(slack)
    user_only = tokens_revoked(oauth=[slack.owner])
    result = await slack.send_event(user_only, team_id=slack.team.id)
    assert result.status == 200
    await slack.settle(lambda: False, within=0.3)
    assert (await _community(slack)).removed_at is None  # trustbot holds no user token: nothing changed
    bot = tokens_revoked(bot=[slack.team.bot_user_id])
    await slack.send_event(bot, team_id=slack.team.id)
    assert await _removal_is(slack, True)
