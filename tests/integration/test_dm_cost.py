"""A returning member's DM is one transaction, writes nothing about the member, and pings no connection."""

from __future__ import annotations

from datetime import timedelta

from harness.db_cost import count_db_cost
from sqlalchemy import func, select

from conftest import CoreFactory
from core.clock import VirtualClock
from core.models import MessageEvent, Place
from core.storage.tables import members
from fakes import member

__all__: list[str] = []

# a known member's tip: read the member, their recent tips and preferences, record the tip shown
STATEMENT_BUDGET = 4


async def test_a_known_members_dm_is_one_transaction_without_a_member_write(
    make_core: CoreFactory, db_url: str, clock: VirtualClock
) -> None:
    core = await make_core(db_url)
    alice = member("alice")

    async def dm(text: str) -> str:
        replies = await core.handle(MessageEvent(None, alice, Place.dm(), text))
        assert [r.visibility for r in replies] == ["private"]
        return replies[0].message.title

    await dm("how do I apologise after I lied")  # the first DM registers alice and shows the notice
    for text in ("how do I apologise after I lied", "we keep arguing about money", "how do I rebuild trust"):
        clock.advance(timedelta(minutes=5))
        with count_db_cost(core.store.db.engine) as cost:
            title = await dm(text)
        assert title.startswith("Tip")
        assert cost.transactions == 1, cost.statements
        assert cost.checkouts == 1
        assert cost.pings == 0  # a connection used moments ago is not pinged
        assert not {"members", "communities", "community_members"} & set(cost.writes), cost.statements
        assert len(cost.statements) <= STATEMENT_BUDGET, cost.statements


async def test_a_failed_dm_leaves_nothing_half_done(make_core: CoreFactory, db_url: str) -> None:
    """The DM's transaction is all or nothing: a new member whose DM fails is not left registered."""
    core = await make_core(db_url)

    async def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise RuntimeError("ranking failed")

    core.guidance.handle_text = broken  # type: ignore[method-assign]
    try:
        await core.handle(MessageEvent(None, member("zoe"), Place.dm(), "hello"))
    except RuntimeError:
        pass
    else:
        raise AssertionError("the failure should reach the caller")
    async with core.store.db.begin() as conn:
        count = (await conn.execute(select(func.count()).select_from(members))).scalar()
    assert count == 0
