"""Two bot processes on one PostgreSQL database post each prompt exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

from core.models import CommandEvent
from fakes import CHANNEL, FakeChat, admin

SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}


async def test_two_cores_on_one_postgres_post_each_prompt_once(make_core, pg_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    chat_a, chat_b = FakeChat(), FakeChat()
    core_a = await make_core(pg_url, instance="process-a", port=chat_a)
    core_b = await make_core(pg_url, instance="process-b", port=chat_b)
    await core_a.handle(CommandEvent("guild-1", admin(), CHANNEL, "setup", SETUP))
    start = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)  # the week of the DST change
    for step in range(7 * 24 * 4):  # every 15 minutes for a week, both processes at once
        clock.set(start + timedelta(minutes=15 * step))
        await asyncio.gather(core_a.tick(), core_b.tick(), core_a.tick())
    prompts = [s for s in chat_a.sent + chat_b.sent if s.kind == "post" and s.message and s.message.title
               and s.message.title.startswith("Daily prompt")]  # fmt: skip
    assert len(prompts) == 7
    texts = Counter(s.message.text for s in prompts if s.message)
    assert max(texts.values()) == 1  # seven different prompts
