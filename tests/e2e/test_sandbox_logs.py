"""End-to-end: log records in the sandbox are transcript notes at the virtual time, not wall-clock lines."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bots.sandbox.app import open_sandbox
from core.content import Content

__all__: list[str] = []

ROOT = Path(__file__).resolve().parents[2]
SETUP = "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators"
WALL_CLOCK = re.compile(r"\b20\d\d-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\b")  # logging's default asctime


def test_a_warning_is_a_note_at_the_virtual_time(tmp_path: Path) -> None:
    script = "\n".join(
        [SETUP, ":as alice", "/trust checkin start time:20:00 timezone:America/New_York", ":dms off", ":advance 1d"]
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
    env["PYTHONPATH"] = str(ROOT)
    database = f"sqlite+aiosqlite:///{tmp_path / 'logs.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "bots", "--database", database, "--start", "2027-03-08 12:00"],
        input=script + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
        env=env,
    )
    assert result.stderr == ""  # nothing beside the transcript, so nothing lands in the middle of it
    assert not WALL_CLOCK.search(result.stdout)
    notes = [line for line in result.stdout.splitlines() if "-- note: " in line]
    assert notes == [
        "[Mon 2027-03-08 20:00 EST] -- note: DMs to member 2 refused (forbidden): check-ins paused until they "
        "resume (warning, core.checkins.delivery)"
    ]


async def test_an_error_is_one_note_and_its_traceback_goes_to_a_file(sqlite_url: str, content: Content) -> None:
    out = io.StringIO()
    start = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)
    async with open_sandbox(sqlite_url, content, out, start=start, log_level="INFO") as shell:
        logging.getLogger("core.example").debug("not shown below the level")
        try:
            raise ValueError("the reason")
        except ValueError:
            logging.getLogger("core.example").exception("something failed")
        assert shell.chat.files is not None
        details = shell.chat.files.log
    transcript = out.getvalue()
    assert "not shown below the level" not in transcript
    assert (
        f"[Mon 2027-03-08 12:00 UTC] -- note: something failed (error, core.example): ValueError: the reason "
        f"(details in {details})"
    ) in transcript
    assert "Traceback" not in transcript
    written = details.read_text()
    assert "something failed" in written and "Traceback (most recent call last)" in written
    logging.getLogger("core.example").warning("after the sandbox closed")
    assert "after the sandbox closed" not in out.getvalue()  # the handler went with the sandbox
