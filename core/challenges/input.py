"""Reads what moderators and members type for challenges: steps, titles, dates, ids, day numbers and yes/no."""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.content.schema import Challenge, Content
from core.errors import UserError
from core.scheduling.recurrence import local_to_utc
from core.storage.records import CommunityRecord

__all__ = [
    "MAX_DAYS",
    "MAX_DAYS_AHEAD",
    "STEP_LENGTH",
    "TITLE_LENGTH",
    "community_zone",
    "first_day",
    "from_library",
    "parse_date",
    "parse_day_number",
    "parse_run_id",
    "parse_steps",
    "parse_title",
    "parse_yes_no",
    "short_title",
]

MAX_DAYS = 30
STEP_LENGTH = (10, 700)
TITLE_LENGTH = (3, 80)
MAX_DAYS_AHEAD = 366
_YES = ("yes", "y", "true", "on", "1")
_NO = ("no", "n", "false", "off", "0")


def parse_steps(text: str) -> list[str]:
    """A custom challenge's steps: one per day, separated by ``|`` or new lines (blank ones are ignored)."""
    steps = [part.strip() for part in re.split(r"\||\n", text) if part.strip()]
    if not steps:
        raise UserError('Give at least one step, e.g. days:"Say thank you for one thing | Ask about their day".')
    if len(steps) > MAX_DAYS:
        raise UserError(f"A challenge has at most {MAX_DAYS} days; you gave {len(steps)} steps. Nothing was saved.")
    low, high = STEP_LENGTH
    for number, step in enumerate(steps, 1):
        if len(step) < low:
            raise UserError(
                f"Day {number} is too short ({len(step)} characters; at least {low}). Describe one small action. "
                "Nothing was saved."
            )
        if len(step) > high:
            raise UserError(
                f"Day {number} is too long ({len(step)} characters; the limit is {high}). Nothing was saved."
            )
    return steps


def parse_title(text: str) -> str:
    """A custom challenge's title, with runs of white space made single."""
    title = " ".join(text.split())
    low, high = TITLE_LENGTH
    if not low <= len(title) <= high:
        raise UserError(f"The title must be {low} to {high} characters (it has {len(title)}). Nothing was saved.")
    return title


def parse_yes_no(value: str, name: str) -> bool:
    """A yes/no option called ``name``."""
    word = value.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise UserError(f"The {name} option takes yes or no (you gave '{value.strip()[:20]}'). Nothing was saved.")


def parse_run_id(value: str) -> int:
    """A challenge run's id as shown by ``/trust challenge list`` (``3`` or ``#3``)."""
    text = value.strip().lstrip("#")
    if not text.isdigit() or len(text) > 9:
        raise UserError(
            f"'{value.strip()[:20]}' is not a challenge id. Use the number shown by `/trust challenge list`, e.g. id:3."
        )
    return int(text)


def parse_day_number(value: str) -> int:
    """The day option of ``/trust challenge done``."""
    text = value.strip()
    if not text.isdigit() or len(text) > 4:
        raise UserError(f"'{text[:20]}' is not a day number. Use e.g. day:3, or leave it out for today.")
    return int(text)


def parse_date(value: str, today: date) -> date:
    """``YYYY-MM-DD``, ``today`` or ``tomorrow``."""
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    example = (today + timedelta(days=1)).isoformat()
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        raise UserError(
            f"'{value.strip()[:30]}' is not a date. Use YYYY-MM-DD, e.g. {example} (or today/tomorrow). "
            "Nothing was saved."
        )
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        raise UserError(
            f"{value.strip()} is not a real date. Use YYYY-MM-DD, e.g. {example}. Nothing was saved."
        ) from None


def community_zone(community: CommunityRecord) -> ZoneInfo:
    """The community's time zone, refused while it has none (challenge days go out at local times)."""
    if not community.timezone:
        raise UserError(
            "Set the community's time zone first, e.g. `/trust setup timezone:America/New_York`, so challenge "
            "days go out at the right local time. Nothing was saved."
        )
    return community.zone


def first_day(now: datetime, zone: ZoneInfo, text: str, at: time) -> tuple[date, datetime]:
    """The first day's date and instant, refused when in the past or too far ahead."""
    local_now = now.astimezone(zone)
    today = local_now.date()
    first = parse_date(text, today)
    if first < today:
        raise UserError(
            f"{first.isoformat()} is in the past (today is {today.isoformat()} in {zone.key}). "
            "Choose today or a later date. Nothing was saved."
        )
    if first > today + timedelta(days=MAX_DAYS_AHEAD):
        raise UserError(
            f"Schedule challenges at most a year ahead ({first.isoformat()} is further). Nothing was saved."
        )
    instant = local_to_utc(first, at, zone)
    if instant <= now:
        raise UserError(
            f"{at:%H:%M} on {first.isoformat()} has already passed (it is now {local_now:%H:%M} in {zone.key}). "
            "Choose a later time or day. Nothing was saved."
        )
    return first, instant


def from_library(content: Content, text: str) -> Challenge:
    """The library challenge named by its id or title, with a close guess when there is none."""
    wanted = text.strip().lower()
    for challenge in content.challenges:
        if wanted in (challenge.id, challenge.title.lower()):
            return challenge
    ids = [c.id for c in content.challenges]
    guess = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.5)
    hint = f" Did you mean `{guess[0]}`?" if guess else ""
    raise UserError(
        f"There is no challenge '{text.strip()[:60]}' in the library.{hint} Its ids: {', '.join(ids)} "
        "(`/trust challenge library` describes them). Nothing was saved."
    )


def short_title(text: str, limit: int = 48) -> str:
    """A custom step's title: its first sentence, or its first words, within ``limit`` characters."""
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!?")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0] if " " in sentence[: limit - 1] else sentence[: limit - 1]
    return cut.rstrip(",;:") + "…"
