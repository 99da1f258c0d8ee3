"""The composition root: read settings, build the core, run the sandbox or the platform adapters."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

__all__ = ["main"]

_EPILOG = """\
modes:
  sandbox   a terminal community on a real SQLite file, with a virtual clock (default when no
            platform token is set). Piped input runs one action per line and prints a transcript.
  discord   run the Discord adapter (needs DISCORD_TOKEN); see the README for the application and invite
  slack     run the Slack adapter: Socket Mode (SLACK_BOT_TOKEN + SLACK_APP_TOKEN) or HTTP (SLACK_SIGNING_SECRET,
            with SLACK_CLIENT_ID/SECRET for OAuth install); an early release, see the README

settings (environment variables or a .env file; see .env.example):
  TRUSTBOT_DATABASE_URL   sqlite+aiosqlite:///data/trustbot.db (default) or postgresql+asyncpg://user@host/db
  TRUSTBOT_CONTENT_DIRS   extra content folders layered over the built-in content (':'-separated)
  TRUSTBOT_GRACE_HOURS    how late a missed delivery may still go out after downtime (default 6)
  TRUSTBOT_MIN_GROUP_SIZE smallest group whose figures are shown (default 5, never below 3)
  TRUSTBOT_TICK_SECONDS   how often the scheduler wakes the core (default 20)
  TRUSTBOT_LOG_LEVEL      DEBUG, INFO, WARNING (default), ERROR
  TRUSTBOT_SANDBOX_START  sandbox clock start on a new database, "YYYY-MM-DD HH:MM" UTC
  TRUSTBOT_CLAIM_LEASE_SECONDS how long a send may be in flight before another process finishes it (default 45)
  TRUSTBOT_REMOVAL_GRACE_DAYS  days a community's data is kept after the bot is removed (default 7)
  TRUSTBOT_MODEL_CACHE    folder for the trained guidance model (default ~/.cache/trustbot; off: train each start)
  DISCORD_TOKEN           Discord bot token
  TRUSTBOT_DISCORD_MESSAGE_CONTENT  true: read thread answers' text (a privileged intent) for safety signposting
  TRUSTBOT_DISCORD_DEV_GUILD   sync /trust to this one server (instant) instead of globally
  TRUSTBOT_DISCORD_SHARDS      shards of this process, e.g. 0,1/4 (several processes on one PostgreSQL)
  SLACK_BOT_TOKEN, SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)

examples:
  trustbot                                   # the sandbox, interactive
  printf '/trust help\\n' | trustbot           # the sandbox, as a transcript
  trustbot --database sqlite+aiosqlite:///demo.db --start "2027-03-08 07:00"
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trustbot",
        description="trustbot: a community bot that helps members build and regain trust in their relationships.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--mode", choices=["auto", "sandbox", "discord", "slack"], default="auto",
                        help="what to run (auto: the platforms whose tokens are set, else the sandbox)")  # fmt: skip
    parser.add_argument("--database", metavar="URL", help="database URL (overrides TRUSTBOT_DATABASE_URL)")
    parser.add_argument("--content", metavar="DIR", action="append", default=[],
                        help="an extra content folder layered over the built-in one (repeatable)")  # fmt: skip
    parser.add_argument("--start", metavar="'YYYY-MM-DD HH:MM'",
                        help="sandbox: start the virtual clock here (UTC) on a new database")  # fmt: skip
    parser.add_argument("--realtime", action="store_true",
                        help="sandbox: the clock follows the wall clock; the scheduler wakes trustbot")  # fmt: skip
    parser.add_argument("--log-level", metavar="LEVEL", help="overrides TRUSTBOT_LOG_LEVEL")
    return parser


def _parse_start(text: str) -> datetime:
    try:
        return datetime.strptime(text.strip().replace("T", " "), "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("UTC"))
    except ValueError:
        raise SystemExit(f"trustbot: --start must look like 2027-03-08 07:00 (UTC), not {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # --help ends here, before the heavy imports below
    from pydantic import ValidationError

    from bots.settings import Settings
    from core.content import ContentError, default_content_dir, load_content
    from core.feature import CoreSettings
    from core.storage.db import DatabaseUnavailable

    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"trustbot: bad setting:\n{exc}", file=sys.stderr)
        return 2
    log_level = (args.log_level or settings.log_level).upper()
    if not isinstance(logging.getLevelName(log_level), int):
        print(f"trustbot: the log level must be DEBUG, INFO, WARNING or ERROR, not {log_level[:20]!r}", file=sys.stderr)
        return 2
    url = args.database or settings.database_url
    try:
        content = load_content(default_content_dir(), *settings.content_paths(), *map(_path, args.content))
    except ContentError as exc:
        print(f"trustbot: {exc}", file=sys.stderr)
        return 2
    core_settings = CoreSettings(
        grace=timedelta(hours=settings.grace_hours),
        min_group_size=settings.min_group_size,
        removal_grace=timedelta(days=settings.removal_grace_days),
        claim_lease=timedelta(seconds=settings.claim_lease_seconds),
        concurrency=settings.concurrency,
        model_cache=settings.model_cache_dir(),
    )
    mode = args.mode
    platforms = settings.platforms() if mode == "auto" else [mode] if mode != "sandbox" else []
    if "slack" in platforms and not (settings.slack_bot_token or settings.slack_client_id):
        print(
            "trustbot: --mode slack needs SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET).",
            file=sys.stderr,
        )
        return 2
    if platforms:
        if "discord" in platforms and settings.discord_token is None:
            print("trustbot: --mode discord needs DISCORD_TOKEN (see the README).", file=sys.stderr)
            return 2
        logging.basicConfig(
            level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
        )
        from bots.platforms import run_platforms

        try:
            return asyncio.run(run_platforms(settings, content, core_settings, url, platforms))
        except KeyboardInterrupt:
            return 130
        except DatabaseUnavailable as exc:
            print(f"trustbot: {exc}", file=sys.stderr)
            return 2
    from bots.sandbox.app import run_sandbox

    start_text = args.start or settings.sandbox_start
    start = _parse_start(start_text) if start_text else None
    try:
        asyncio.run(
            run_sandbox(
                url,
                content,
                settings=core_settings,
                start=start,
                realtime=args.realtime,
                tick_seconds=settings.tick_seconds,
                log_level=log_level,  # log records are transcript notes at the virtual time
            )
        )
    except KeyboardInterrupt:
        return 130
    except DatabaseUnavailable as exc:
        print(f"trustbot: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


def _path(text: str) -> Path:
    return Path(text).expanduser()


if __name__ == "__main__":
    sys.exit(main())
