"""Permissions through the core: where moderator commands run, and who may change who the moderators are."""

from __future__ import annotations

import pytest

from core.app import TrustCore
from core.community.permissions import allowed
from core.models import ActionEvent, Actor, CommandEvent, Place, Reply
from core.storage.records import CommunityRecord
from fakes import CHANNEL, DM, admin, member, moderator

__all__: list[str] = []

SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}


def text(replies: list[Reply]) -> str:
    return "\n".join(reply.message.plain() for reply in replies)


async def run(core: TrustCore, actor: Actor, name: str, place: Place = CHANNEL, **args: str) -> str:
    community = None if place.kind == "dm" else "guild"
    return text(await core.handle(CommandEvent(community, actor, place, name, dict(args))))


async def community(core: TrustCore) -> CommunityRecord:
    found = await core.store.communities.find("fake", "guild")
    assert found is not None
    return found


@pytest.mark.parametrize("actor", [moderator("mona"), admin()], ids=["moderator", "admin"])
@pytest.mark.parametrize("name", ["status", "prompt skip", "challenge list", "community remove"])
async def test_a_moderator_command_in_a_dm_says_to_run_it_in_the_community(
    core: TrustCore, actor: Actor, name: str
) -> None:
    await run(core, admin(), "setup", **SETUP)
    said = await run(core, actor, name, DM)
    assert f"To use `/trust {name}`, run it in your server or workspace, not in a DM" in said
    assert "moderator role is set" not in said and "Only" not in said


async def test_a_moderators_button_pressed_in_a_dm_says_the_same(core: TrustCore) -> None:
    replies = await core.handle(ActionEvent(None, admin(), DM, "community:remove", "yes"))
    assert "run it in your server or workspace, not in a DM" in text(replies)


async def test_a_moderator_may_not_change_the_moderator_role_and_nothing_else_is_changed(core: TrustCore) -> None:
    await run(core, admin(), "setup", **SETUP)
    said = await run(core, moderator("mona"), "setup", role="everyone", time="09:00")
    assert "Only server owners and admins can set `role:` in `/trust setup`" in said
    assert "Nothing was changed" in said
    found = await community(core)
    assert found.moderator_role == "moderators"
    schedule = await core.store.schedules.get(found.id, "prompt")
    assert schedule is not None and f"{schedule.local_time:%H:%M}" == "08:00"


async def test_a_moderator_may_change_the_rest_of_the_setup(core: TrustCore) -> None:
    await run(core, admin(), "setup", **SETUP)
    said = await run(core, moderator("mona"), "setup", time="09:30", days="weekdays", timezone="Europe/London")
    assert "Daily prompts go to #daily-prompts at 09:30 (Europe/London), weekdays." in said
    assert (await community(core)).moderator_role == "moderators"


async def test_owners_and_admins_change_who_the_moderators_are(core: TrustCore) -> None:
    await run(core, admin(), "setup", **SETUP)
    assert "Moderator role: mods." in await run(core, admin(), "setup", role="mods")
    assert (await community(core)).moderator_role == "mods"
    refused = await run(core, moderator("mona"), "status")  # mona's role is no longer the moderator role
    assert "Only moderators (role 'mods') and admins" in refused
    assert "Community status" in await run(core, moderator("max", "mods"), "status")


async def test_an_empty_role_option_is_not_a_change(core: TrustCore) -> None:
    await run(core, admin(), "setup", **SETUP)
    said = await run(core, moderator("mona"), "setup", role=" ", time="10:00")
    assert "Only server owners" not in said and "at 10:00" in said


def test_allowed_knows_no_roles_without_a_community() -> None:
    assert allowed("anyone", member("alice"), None)
    assert not allowed("moderator", admin(), None) and not allowed("admin", admin(), None)
