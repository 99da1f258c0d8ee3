"""Real ``trustbot`` processes on the stand-in: killed mid fan-out and restarted; two processes on one PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from harness.discord_fleet import TOKEN, bot_env, kill, make_fleet, start_bot, stop, wait_until
from standins.discord import DiscordStandIn

from conftest import fresh_pg_database

SERVERS = 40


def assert_exactly_once(fleet: object) -> None:
    posted = fleet.prompts()  # type: ignore[attr-defined]
    threads = fleet.threads_by_channel()  # type: ignore[attr-defined]
    assert sorted({len(v) for v in posted.values()}) == [1], {c: len(v) for c, v in posted.items() if len(v) != 1}
    assert set(threads.values()) == {1}


async def test_a_process_killed_mid_fanout_restarts_and_finishes_each_prompt_once(tmp_path: Path) -> None:
    async with DiscordStandIn(token=TOKEN, latency=(0.05, 0.15)) as standin:
        url = f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}"
        fleet = await make_fleet(standin, url, SERVERS)
        env = bot_env(standin, url, TRUSTBOT_CLAIM_LEASE_SECONDS="2")
        first = await start_bot(env, tmp_path / "bot.log")
        assert await wait_until(lambda: fleet.finished() >= 8, 60), (tmp_path / "bot.log").read_text()[-3000:]
        await kill(first)  # kill -9 in the middle of the fan-out
        halfway = fleet.finished()
        assert halfway < SERVERS, "the fan-out finished before the kill; the test proves nothing"
        second = await start_bot(env, tmp_path / "bot.log")
        try:
            assert await wait_until(lambda: fleet.finished() == SERVERS, 90), (tmp_path / "bot.log").read_text()[-3000:]
        finally:
            assert await stop(second) == 0  # SIGTERM: a clean shutdown
        assert_exactly_once(fleet)
        assert standin.violations == []
        assert standin.stats["429"].total() == 0


async def test_two_processes_on_one_postgresql_share_the_work_without_double_posts(tmp_path: Path) -> None:
    async with DiscordStandIn(token=TOKEN, latency=(0.05, 0.15), recommended_shards=2) as standin:
        async with fresh_pg_database() as url:
            fleet = await make_fleet(standin, url, SERVERS)
            processes = [
                await start_bot(
                    bot_env(standin, url, TRUSTBOT_DISCORD_SHARDS=f"{shard}/2"), tmp_path / f"bot{shard}.log"
                )
                for shard in (0, 1)
            ]
            try:
                done = await wait_until(lambda: fleet.finished() == SERVERS, 90)
                assert done, (tmp_path / "bot0.log").read_text()[-3000:]
            finally:
                for process in processes:
                    await stop(process)
            assert_exactly_once(fleet)
            assert standin.violations == []
            assert standin.stats["429"].total() == 0
            shards = sorted(identify["shard"][0] for identify in standin.identifies)
            assert shards == [0, 1]
