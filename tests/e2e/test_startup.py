"""End-to-end: starting trustbot from the command line: quick, and one clear line when the database is wrong."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest

from conftest import PG_ADMIN_URL

__all__: list[str] = []

ROOT = Path(__file__).resolve().parents[2]


def trustbot(tmp_path: Path, *args: str, stdin: str = ":quit\n") -> subprocess.CompletedProcess[str]:
    """``python -m bots`` with piped input, in an empty folder (no ``.env``), no token set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bots", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env=env,
    )


def one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("trustbot: ")
    assert result.stdout == ""  # no sandbox was started
    return lines[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_url_that_is_not_a_url(tmp_path: Path) -> None:
    line = one_line_refusal(trustbot(tmp_path, "--database", "data/trustbot.db:secret"))
    assert "is not a URL" in line and "sqlite+aiosqlite:///" in line and "postgresql+asyncpg://" in line
    assert "secret" not in line


def test_a_database_trustbot_does_not_support(tmp_path: Path) -> None:
    line = one_line_refusal(trustbot(tmp_path, "--database", "mysql://bob:secret@db/trust"))
    assert "cannot use 'mysql' databases" in line and "secret" not in line


def test_postgresql_that_is_not_running(tmp_path: Path) -> None:
    port = free_port()
    line = one_line_refusal(trustbot(tmp_path, "--database", f"postgresql+asyncpg://bob:secret@127.0.0.1:{port}/x"))
    assert f"cannot reach PostgreSQL at 127.0.0.1:{port} (connection refused); is it running?" in line
    assert "secret" not in line


def test_the_setting_is_read_the_same_way(tmp_path: Path) -> None:
    port = free_port()
    env_file = tmp_path / ".env"
    env_file.write_text(f"TRUSTBOT_DATABASE_URL=postgresql://127.0.0.1:{port}/x\n")
    line = one_line_refusal(trustbot(tmp_path))
    assert f"cannot reach PostgreSQL at 127.0.0.1:{port}" in line and "TRUSTBOT_DATABASE_URL" in line


def test_a_sqlite_file_in_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("not a folder")
    line = one_line_refusal(trustbot(tmp_path, "--database", f"sqlite+aiosqlite:///{tmp_path}/plain-file/db.sqlite"))
    assert f"cannot create the folder {tmp_path}/plain-file for the SQLite file" in line


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("these are my notes, not a database\n" * 200)
    line = one_line_refusal(trustbot(tmp_path, "--database", f"sqlite+aiosqlite:///{tmp_path}/notes.txt"))
    assert f"cannot open the SQLite file {tmp_path}/notes.txt" in line and "not a database" in line
    assert (tmp_path / "notes.txt").read_text().startswith("these are my notes")  # nothing lost


async def test_a_postgresql_database_that_does_not_exist(tmp_path: Path) -> None:
    try:
        admin = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({exc})")
    await admin.close()
    name = f"trustbot_missing_{uuid.uuid4().hex[:8]}"
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"  # postgresql:// is read as postgresql+asyncpg://
    line = one_line_refusal(trustbot(tmp_path, "--database", url))
    assert f"has no database '{name}'; create it (createdb {name})" in line


def test_plain_sqlite_urls_are_read_with_the_async_driver(tmp_path: Path) -> None:
    result = trustbot(tmp_path, "--database", f"sqlite:///{tmp_path}/plain.db", "--start", "2027-03-08 12:00")
    assert result.returncode == 0, result.stderr
    assert "trustbot sandbox on sqlite+aiosqlite:///" in result.stdout
    assert (tmp_path / "plain.db").exists()


def test_help_and_the_composition_root_start_without_alembic_or_pillow(tmp_path: Path) -> None:
    probe = (
        "import sys, bots.__main__; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'PIL', 'discord', 'slack_bolt'}))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()
    assert imported == "[]"
    timed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bots", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "TRUSTBOT_DATABASE_URL" in timed.stdout
    modules = {line.rsplit("|", 1)[-1].strip() for line in timed.stderr.splitlines() if "|" in line}
    assert "argparse" in modules  # the import-time report was read
    # --help answers before the database, the settings and the content are even imported
    assert not {m for m in modules if m.split(".")[0] in ("alembic", "PIL", "sqlalchemy", "pydantic", "yaml")}
