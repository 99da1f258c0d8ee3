"""Tips by DM and the community's safety resources, through the core."""

from __future__ import annotations

from core.app import TrustCore
from core.models import ActionEvent, CommandEvent, MessageEvent, Reply
from fakes import CHANNEL, DM, admin, member

GUILD = "guild-1"


def text(replies: list[Reply]) -> str:
    return "\n".join(r.message.plain() for r in replies)


async def dm(core: TrustCore, who: str, words: str) -> list[Reply]:
    return await core.handle(MessageEvent(None, member(who), DM, words))


async def test_a_topic_gets_a_cited_tip_and_another_never_repeats(core: TrustCore) -> None:
    first = await dm(core, "alice", "how do I apologise properly")
    assert first[0].message.title == "Tip · Step 5: Say sorry"
    assert "Ashley Abramson" in (first[0].message.footer or "")
    assert "education" in (first[0].message.footer or "")  # the notice, the first time only
    seen = {first[0].message.text}
    for _ in range(5):
        again = first[0].message.buttons[0]
        reply = await core.handle(ActionEvent(None, member("alice"), DM, again.action_id, again.value))
        assert reply[0].message.text not in seen
        assert "education" not in (reply[0].message.footer or "")
        seen.add(reply[0].message.text)


async def test_danger_gets_safety_resources_and_nothing_else(core: TrustCore) -> None:
    replies = await dm(core, "bob", "she threatens to hurt me if I leave")
    assert len(replies) == 1 and replies[0].visibility == "private"
    assert replies[0].message.title == "You deserve to be safe"
    assert "Tip" not in text(replies) and not replies[0].message.buttons
    assert await core.store.tips.recent(1) == []


async def test_asking_for_safety_resources_is_not_treated_as_an_emergency(core: TrustCore) -> None:
    replies = await dm(core, "carol", "help safety")
    assert replies[0].message.title == "People who can help right now"
    help_reply = await core.handle(CommandEvent(GUILD, member("carol"), CHANNEL, "help", {"topic": "safety"}))
    assert help_reply[0].message.title == "People who can help right now"


async def test_communities_add_their_own_resources_with_checks(core: TrustCore) -> None:
    add = {"name": "City Line", "country": "US", "phone": "555 0100"}
    refused = await core.handle(CommandEvent(GUILD, member("alice"), CHANNEL, "safety add", add))
    assert "Only" in text(refused)
    for bad, message in (
        ({**add, "country": "USA"}, "two-letter code"),
        ({"name": "x", "country": "US"}, "at least a phone, url or sms"),
        ({**add, "url": "http://insecure.example"}, "must start with https://"),
        ({**add, "phone": "call me"}, "digits"),
    ):
        assert message in text(await core.handle(CommandEvent(GUILD, admin(), CHANNEL, "safety add", bad)))
    assert "Added City Line" in text(await core.handle(CommandEvent(GUILD, admin(), CHANNEL, "safety add", add)))
    shown = text(await core.handle(CommandEvent(GUILD, member("alice"), CHANNEL, "safety show", {})))
    assert shown.index("City Line") < shown.index("National Domestic Violence Hotline")
    gone = await core.handle(CommandEvent(GUILD, admin(), CHANNEL, "safety remove", {"number": "1"}))
    assert "Removed City Line" in text(gone)
    assert "no community resource number 1" in text(
        await core.handle(CommandEvent(GUILD, admin(), CHANNEL, "safety remove", {"number": "1"}))
    )
