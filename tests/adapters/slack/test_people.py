"""Who is an admin or a moderator on Slack: users.info and user groups, cached for a minute, then looked up again."""

from __future__ import annotations

from harness.slack_world import SlackWorld, setup

from bots.slack.events import TTL, People


class Ticker:
    """A monotonic clock the test moves (the cache's time is injected; nothing sleeps)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_cache_is_brief() -> None:
    assert TTL <= 60  # "cached briefly": a role given or taken away counts within a minute


async def _told(slack: SlackWorld, user: str, words: str, seen: int) -> bool:
    return await slack.settle(lambda: any(words in t for t in slack.answers(user)[seen:]))


async def test_a_user_group_change_counts_once_the_cache_expires(slack: SlackWorld) -> None:
    ticker = Ticker()
    slack.bot.people = People(monotonic=ticker)
    group = slack.standin.add_usergroup(slack.team, "mods", [])
    await setup(slack)  # role:mods
    seen = len(slack.answers(slack.bob))
    await slack.command(slack.bob, "prompt pause")
    assert await _told(slack, slack.bob, "Only moderators", seen)

    slack.standin.set_usergroup_users(group, [slack.bob])  # an admin adds bob to @mods in Slack
    ticker.now += TTL / 2
    seen = len(slack.answers(slack.bob))
    await slack.command(slack.bob, "prompt pause")
    assert await _told(slack, slack.bob, "Only moderators", seen)  # still the cached groups
    ticker.now += TTL / 2 + 1
    seen = len(slack.answers(slack.bob))
    await slack.command(slack.bob, "prompt pause")
    assert await _told(slack, slack.bob, "daily prompt is paused", seen)

    slack.standin.set_usergroup_users(group, [])  # and takes him out again
    ticker.now += TTL + 1
    seen = len(slack.answers(slack.bob))
    await slack.command(slack.bob, "prompt resume")
    assert await _told(slack, slack.bob, "Only moderators", seen)


async def test_a_new_workspace_admin_counts_once_the_cache_expires(slack: SlackWorld) -> None:
    ticker = Ticker()
    slack.bot.people = People(monotonic=ticker)
    await setup(slack)
    seen = len(slack.answers(slack.alice))
    await slack.command(slack.alice, "setup time:09:00")
    assert await _told(slack, slack.alice, "Only", seen)
    slack.standin.set_admin(slack.alice)  # the owner makes alice a workspace admin
    ticker.now += TTL + 1
    seen = len(slack.answers(slack.alice))
    await slack.command(slack.alice, "setup time:09:00")
    assert await _told(slack, slack.alice, "Daily prompts go to #daily-prompts at 09:00", seen)
    users_info = [c for c in slack.standin.calls_of("users.info") if c.params.get("user") == slack.alice]
    assert len(users_info) == 2  # looked up once per minute, not on every command
