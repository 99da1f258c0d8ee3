"""The weekly reflection's check-in figures: anonymous, and hidden below the minimum group size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import CoreFactory
from core.app import TrustCore
from core.checkins.feature import CheckinsFeature
from core.storage.records import CommunityRecord

__all__: list[str] = []

WEEK = datetime(2027, 3, 1, 5, 0, tzinfo=UTC)  # Monday 00:00 in New York
NEXT_WEEK = WEEK + timedelta(days=7)


async def seed(
    core: TrustCore, community: CommunityRecord, week: datetime, scores: dict[str, list[int]], names: list[str]
) -> None:
    """Each named member checks in on the first days of ``week`` with the given scores per question."""
    store = core.store
    for name in names:
        member = await store.members.ensure("fake", name, name, week)
        for day, score in enumerate(scores.get(name, [3])):
            at = week + timedelta(days=day, hours=16)
            checkin = await store.checkins.ensure_checkin(member.id, community.id, at.date(), at, at)
            await store.checkins.save_score(checkin.id, "safe-to-open", score, at)
            if name != names[-1]:  # the last member skips one question
                await store.checkins.save_score(checkin.id, "felt-connected", 4, at)


async def community_of(core: TrustCore, external: str = "guild") -> CommunityRecord:
    return await core.store.communities.ensure("fake", external, WEEK, "Guild")


async def test_figures_are_hidden_below_the_minimum_group_size(core: TrustCore) -> None:
    community = await community_of(core)
    await seed(core, community, NEXT_WEEK, {}, ["a", "b", "c", "d"])
    lines = await core.feature(CheckinsFeature).reflection_lines(community, NEXT_WEEK, NEXT_WEEK + timedelta(days=7))
    assert len(lines) == 1
    assert "hidden" in lines[0] and "fewer than 5" in lines[0]
    assert not any(char.isdigit() for char in lines[0].replace("5", ""))  # no count, no average


async def test_nothing_at_all_when_nobody_checked_in(core: TrustCore) -> None:
    community = await community_of(core)
    assert await core.feature(CheckinsFeature).reflection_lines(community, WEEK, NEXT_WEEK) == []


async def test_figures_at_the_minimum_group_size_with_change_from_last_week(core: TrustCore) -> None:
    community = await community_of(core)
    names = ["a", "b", "c", "d", "e"]
    await seed(core, community, WEEK, {n: [2] for n in names}, names)
    # this week: "a" answers twice (1 and 5: mean 3), the others 4 -> member means 3, 4, 4, 4, 4 = 3.8
    await seed(core, community, NEXT_WEEK, {"a": [1, 5], "b": [4], "c": [4], "d": [4], "e": [4]}, names)
    other = await community_of(core, "elsewhere")
    strangers = ["v", "w", "x", "y", "z"]
    await seed(core, other, NEXT_WEEK, {n: [1] for n in strangers}, strangers)  # another community does not count
    lines = await core.feature(CheckinsFeature).reflection_lines(community, NEXT_WEEK, NEXT_WEEK + timedelta(days=7))
    assert lines[0].startswith("Private check-ins: 5 members checked in this week")
    assert "• Safe to be open: 3.8 (up 1.8 from last week)" in lines
    # only four members answered "felt connected": below the minimum, so that question is left out
    assert not any("Felt connected" in line for line in lines)
    assert not any(name in " ".join(lines) for name in ("Alice", "alice"))


async def test_first_week_has_no_comparison(core: TrustCore) -> None:
    community = await community_of(core)
    names = ["a", "b", "c", "d", "e", "f"]
    await seed(core, community, WEEK, {n: [5] for n in names}, names)
    lines = await core.feature(CheckinsFeature).reflection_lines(community, WEEK, NEXT_WEEK)
    assert "• Safe to be open: 5.0" in lines
    assert "• Felt connected: 4.0" in lines  # five of six answered it


async def test_minimum_never_drops_below_three(make_core: CoreFactory, sqlite_url: str) -> None:
    core = await make_core(sqlite_url, min_group_size=1)
    community = await community_of(core)
    await seed(core, community, WEEK, {}, ["a", "b"])
    lines = await core.feature(CheckinsFeature).reflection_lines(community, WEEK, NEXT_WEEK)
    assert len(lines) == 1 and "fewer than 3" in lines[0]
    await seed(core, community, WEEK, {}, ["c"])
    lines = await core.feature(CheckinsFeature).reflection_lines(community, WEEK, NEXT_WEEK)
    assert lines[0].startswith("Private check-ins: 3 members")
