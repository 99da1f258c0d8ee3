"""A database made by trustbot before the one-folder-per-capability reshape opens, unchanged, with today's code.

``tests/data/legacy/`` holds two dumps (SQLite and PostgreSQL) written by the code as it stood at
revision 0005, before core/ was reshaped: the schema and the rows of the two-week sandbox scenario.
Each test loads a dump, opens it with the reshaped code and checks that nothing needed changing.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url

import core.store  # noqa: F401  (every capability's tables join the one metadata)
from bots.sandbox.app import open_sandbox
from conftest import fresh_pg_database
from core.content import Content
from core.storage.tables import metadata
from core.store import Store

LEGACY = Path(__file__).resolve().parents[2] / "data" / "legacy"


async def _load(url: str) -> None:
    """Writes the legacy dump for ``url``'s dialect into that (empty) database."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(make_url(url).database or "")
        conn.executescript((LEGACY / "trustbot-0005.sqlite.sql").read_text(encoding="utf-8"))
        conn.close()
        return
    dsn = url.replace("postgresql+asyncpg://", "postgresql://")
    pg = await asyncpg.connect(dsn)
    try:
        await pg.execute((LEGACY / "trustbot-0005.postgres.sql").read_text(encoding="utf-8"))
    finally:
        await pg.close()


@pytest.fixture
async def legacy_url(db_url: str) -> AsyncIterator[str]:
    await _load(db_url)
    yield db_url


def _schema(conn: Connection) -> dict[str, Any]:
    """Tables, columns (name, type, nullability), indexes, unique constraints and foreign keys."""
    insp = inspect(conn)
    schema: dict[str, Any] = {}
    for table in sorted(insp.get_table_names()):
        schema[table] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)],
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table)),
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], (f.get("options") or {}).get("ondelete"))
                for f in insp.get_foreign_keys(table)
            ),
        }
    return schema


async def _read_schema(store: Store) -> dict[str, Any]:
    async with store.db.begin() as conn:
        return await conn.run_sync(_schema)


async def _fresh_schema_at(url: str, revision: str) -> dict[str, Any]:
    store = await Store.open(url, migrate=False)
    try:
        await store.db.migrate(revision)
        return await _read_schema(store)
    finally:
        await store.close()


async def test_the_legacy_schema_is_what_todays_migrations_build(legacy_url: str, tmp_path: Path) -> None:
    """Today's migrations, stopped at the legacy revision, build exactly the legacy schema (one linear history)."""
    legacy = await Store.open(legacy_url, migrate=False)
    try:
        before = await _read_schema(legacy)
        async with legacy.db.begin() as conn:
            version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    finally:
        await legacy.close()
    assert version == "0005"
    if legacy_url.startswith("sqlite"):
        after = await _fresh_schema_at(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}", "0005")
    else:
        async with fresh_pg_database() as url:
            after = await _fresh_schema_at(url, "0005")
    assert after == before


async def test_the_one_metadata_matches_the_migrated_schema(legacy_url: str) -> None:
    """No drift: the tables the capabilities define are exactly what the migrations made."""
    store = await Store.open(legacy_url)
    try:
        async with store.db.begin() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), metadata)
            )
    finally:
        await store.close()
    assert diff == []


async def test_the_reshaped_code_reads_and_keeps_the_legacy_data(legacy_url: str) -> None:
    store = await Store.open(legacy_url)  # applies migrations: nothing to do at head
    try:
        community = await store.communities.find("sandbox", "sandbox")
        assert community is not None and community.moderator_role == "moderators"
        assert community.settings["safety_resources"][0]["name"] == "Riverside Counselling Line"
        start = datetime(2027, 3, 1, tzinfo=UTC)
        posted = await store.prompts.posted_ids(community.id, start, datetime(2027, 3, 15, tzinfo=UTC))
        assert len(posted) == 14 and len(set(posted)) == 14
        runs = await store.challenges.for_community(community.id)
        assert [r.challenge_id for r in runs] == ["nine-steps"]
        assert len(await store.reflections.for_community(community.id)) == 2
        bob = await store.members.ensure("sandbox", "bob", "bob", start)
        assert (await store.checkins.subscription(bob.id)) is not None
    finally:
        await store.close()


async def test_the_sandbox_carries_on_where_the_legacy_database_stopped(legacy_url: str, content: Content) -> None:
    """Opened through the sandbox: the next prompt, check-ins and history go on with no repeat and no loss."""
    out = io.StringIO()
    async with open_sandbox(legacy_url, content, out) as shell:
        for line in (":jump 2027-03-15 22:00", ":as bob", "/trust checkin history", ":as owner", "/trust status"):
            assert await shell.run_line(line)
    transcript = out.getvalue()
    assert "[Mon 2027-03-15 08:00 EDT] #daily-prompts | trustbot: == Daily prompt" in transcript
    assert "[Mon 2027-03-15 21:00 EDT] DM bob | trustbot: == Your check-in ==" in transcript
    assert "DM bob" in transcript and "Safe to be open" in transcript
    store = await Store.open(legacy_url)
    try:
        community = await store.communities.find("sandbox", "sandbox")
        assert community is not None
        ids = await store.prompts.posted_ids(
            community.id, datetime(2027, 3, 1, tzinfo=UTC), datetime(2027, 3, 16, tzinfo=UTC)
        )
        assert len(ids) == 15 and len(set(ids)) == 15  # the deck went on without repeating a card
    finally:
        await store.close()


def test_the_slack_tables_are_slack_sdks_own_layout() -> None:
    """Our migration makes the tables slack_sdk's SQLAlchemy stores build, column for column."""
    from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
    from sqlalchemy import MetaData

    from core.storage.platform_tables import slack_bots, slack_installations, slack_oauth_states

    theirs = MetaData()
    expected = [
        AsyncSQLAlchemyInstallationStore.build_installations_table(theirs, "slack_installations"),
        AsyncSQLAlchemyInstallationStore.build_bots_table(theirs, "slack_bots"),
        AsyncSQLAlchemyOAuthStateStore.build_oauth_states_table(theirs, "slack_oauth_states"),
    ]

    def shape(table: Any) -> tuple[Any, ...]:
        columns = [(c.name, repr(c.type), c.nullable, c.primary_key) for c in table.columns]
        indexes = sorted((i.name, tuple(c.name for c in i.columns), i.unique) for i in table.indexes)
        return table.name, columns, indexes

    assert [shape(t) for t in (slack_installations, slack_bots, slack_oauth_states)] == [shape(t) for t in expected]


async def test_slack_sdks_installation_store_works_on_our_database(db_url: str) -> None:
    from slack_sdk.oauth.installation_store import Installation
    from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore

    store = await Store.open(db_url)
    try:
        installations = AsyncSQLAlchemyInstallationStore(client_id="111.222", engine=store.db.engine)
        await installations.async_save(
            Installation(app_id="A1", team_id="T1", user_id="U1", bot_token="xoxb-1", bot_id="B1", bot_user_id="UB1")
        )
        bot = await installations.async_find_bot(enterprise_id=None, team_id="T1")
        assert bot is not None and bot.bot_token == "xoxb-1"
    finally:
        await store.close()
