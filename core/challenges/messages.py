"""What challenges say: the intro with its Join button, each day's step, DMs, the summary, progress and end states."""

from __future__ import annotations

from collections.abc import Container

from core.challenges.store import ChallengeRunRecord
from core.content.schema import Content
from core.models import Button, Message

__all__ = [
    "DONE_ACTION",
    "ENDED",
    "JOIN_ACTION",
    "cancel_message",
    "day_message",
    "days_label",
    "dm_message",
    "intro_message",
    "progress_bar",
    "summary_message",
    "thread_title",
]

JOIN_ACTION = "challenge:join"
DONE_ACTION = "challenge:done"
ENDED = {"finished": "has finished", "cancelled": "was cancelled", "stopped": "was stopped"}
_NOT_THERAPY = "trustbot is education, not therapy."


def days_label(count: int) -> str:
    """``1 day``, ``7 days``."""
    return f"{count} day{'s' if count != 1 else ''}"


def _sources(content: Content, run: ChallengeRunRecord) -> str:
    if run.challenge_id is None:
        return ""
    try:
        challenge = content.challenge(run.challenge_id)
    except KeyError:
        return ""
    return "; ".join(source.cite() for source in challenge.sources)


def _summary(content: Content, run: ChallengeRunRecord) -> str:
    if run.challenge_id is not None:
        try:
            return content.challenge(run.challenge_id).summary
        except KeyError:
            pass
    return "A challenge your moderators put together for this community."


def thread_title(run: ChallengeRunRecord) -> str:
    return f"Challenge: {run.title}"


def intro_message(content: Content, run: ChallengeRunRecord) -> Message:
    """The post that opens the challenge's thread."""
    sources = _sources(content, run)
    text = (
        f"{_summary(content, run)}\n\n"
        f"For the next {run.days} day{'s' if run.days != 1 else ''} I'll post one small step in this thread at "
        f"{run.local_time:%H:%M} ({run.timezone}). Press **Join** to take part and mark each day done with the button "
        "under it. Your progress is private: only you see it, with `/trust challenge progress`. "
        "Want each step by DM too? Use `/trust challenge join dm:yes`."
    )
    footer = f"Based on {sources}. {_NOT_THERAPY}" if sources else _NOT_THERAPY
    return Message(
        text=text,
        title=f"Challenge · {run.title}",
        footer=footer,
        buttons=(Button(JOIN_ACTION, "Join", str(run.id), "primary"),),
    )


def _theme_footer(content: Content, theme_id: str | None) -> str | None:
    if theme_id is None:
        return None
    try:
        theme = content.theme(theme_id)
    except KeyError:
        return None
    return f"{theme.label} · from {theme.source.cite()}."


def day_message(content: Content, run: ChallengeRunRecord, day: int) -> Message:
    """A day's step, posted in the challenge's thread."""
    step = run.step(day)
    text = f"{step.text}\n\nShare how it went here if you like, only as much as you are comfortable sharing."
    return Message(
        text=text,
        title=f"Day {day} of {run.days} · {step.title}",
        footer=_theme_footer(content, step.theme),
        buttons=(Button(DONE_ACTION, "Mark today done", f"{run.id}:{day}", "primary"),),
    )


def dm_message(content: Content, run: ChallengeRunRecord, day: int) -> Message:
    """A day's step by DM, for a participant who asked for it (neutral wording: others may see a screen)."""
    step = run.step(day)
    return Message(
        text=f"**{step.title}**\n{step.text}",
        title=f"{run.title} · Day {day} of {run.days}",
        footer="You asked for each step by DM. `/trust challenge join dm:no` stops these.",
        buttons=(Button(DONE_ACTION, "Mark today done", f"{run.id}:{day}", "primary"),),
    )


def summary_message(run: ChallengeRunRecord, done_counts: list[int], min_group_size: int) -> Message:
    """The end-of-challenge post: participants and completion, never names; figures only for big enough groups."""
    people = len(done_counts)
    days = f"{run.days} day{'s' if run.days != 1 else ''}"
    if people == 0:
        figures = "Nobody joined this round. The steps stay in this thread for anyone who wants to try them later."
    elif people < min_group_size:
        figures = (
            f"A small group took part (fewer than {min_group_size}), so I keep the figures to myself to protect "
            "everyone's privacy. Each of you can see your own result with `/trust challenge progress`."
        )
    else:
        average = round(100 * sum(done_counts) / (people * run.days))
        everyday = sum(1 for count in done_counts if count >= run.days)
        figures = (
            f"{people} {'person' if people == 1 else 'people'} took part over {days}. On average each of you did "
            f"{average}% of the days, and {everyday} of {people} did every single day."
        )
    closing = (
        f"Thank you for taking part. What is one thing from these {days} you want to keep doing? "
        "Share it here if you like."
    )
    return Message(text=f"{figures}\n\n{closing}", title=f"Challenge complete · {run.title}", footer=_NOT_THERAPY)


def cancel_message(run: ChallengeRunRecord) -> Message:
    return Message(
        text=(
            f"The moderators have cancelled “{run.title}”. No more steps will be posted here. "
            "Thank you to everyone who took part."
        ),
        title="Challenge cancelled",
    )


def progress_bar(days: int, done: Container[int]) -> str:
    """One box per day: ▣ done, □ not (yet) done."""
    return "".join("▣" if day in done else "□" for day in range(1, days + 1))
