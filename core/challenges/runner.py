"""Runs due challenges: opens each thread, posts each day once, DMs who asked, then posts the summary."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.challenges.dates import day_at, day_date, phase_at
from core.challenges.messages import day_message, dm_message, intro_message, summary_message, thread_title
from core.challenges.store import ACTIVE, ChallengeRepo, ChallengeRunRecord
from core.errors import DeliveryError
from core.formatting import format_local
from core.ports import ChatPort
from core.storage.records import CommunityRecord

if TYPE_CHECKING:
    from core.feature import Deps

__all__ = ["ChallengeRunner", "day_key", "dm_key"]

logger = logging.getLogger(__name__)

_RETRY = timedelta(minutes=2)
_MIN_RETRY = timedelta(seconds=30)
_ERROR_BACKOFF = timedelta(minutes=15)
_MAX_ALERTS = 5


def day_key(run_id: int, part: int | str) -> str:
    """The claim of one post of a run: ``challenge:{run}:{day}`` (or ``intro``, ``thread``, ``summary``)."""
    return f"challenge:{run_id}:{part}"


def dm_key(run_id: int, day: int, member_id: int) -> str:
    return f"challenge-dm:{run_id}:{day}:{member_id}"


def _retry_delay(exc: DeliveryError) -> timedelta:
    wait = timedelta(seconds=exc.retry_after) if exc.retry_after else _RETRY
    return max(wait, _MIN_RETRY)


def _problem(exc: DeliveryError | str) -> str:
    if isinstance(exc, str):
        return exc
    if exc.reason == "not_found":
        return "its channel or thread no longer exists."
    if exc.reason == "forbidden":
        return "I no longer have permission to post there."
    return f"the platform kept refusing ({exc.reason})."


@dataclass(frozen=True)
class _Step:
    sent: int = 0
    again: bool = False  # something else may be due right away (a skipped day, a caught-up step)


class ChallengeRunner:
    """Moves every due run on by one step at a time, each send claimed first.

    A run's ``next_run_at`` says when it next needs attention: its next day, its summary, or an
    earlier retry. Steps missed by more than the grace window are skipped with a log line. A
    deleted channel or thread stops the run and leaves an alert for ``/trust status``.
    """

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    @property
    def _owner(self) -> str:
        return self.deps.settings.instance_id

    async def tick(self, now: datetime) -> int:
        repo = self.deps.store.repo(ChallengeRepo)
        sent = 0
        for run in await repo.due(now):
            try:
                sent += await self._process(run.id, now)
            except Exception:
                logger.exception("challenge run %s failed; trying again in %s", run.id, _ERROR_BACKOFF)
                fresh = await repo.get(run.id)
                if fresh is not None and fresh.active:
                    await repo.update(fresh.id, fresh.version, now, next_run_at=now + _ERROR_BACKOFF)
        return sent

    async def next_due(self) -> datetime | None:
        return await self.deps.store.repo(ChallengeRepo).next_due()

    async def _process(self, run_id: int, now: datetime) -> int:
        repo = self.deps.store.repo(ChallengeRepo)
        sent = 0
        for _ in range(128):
            run = await repo.get(run_id)
            if run is None or not run.active or run.next_run_at is None or run.next_run_at > now:
                break
            step = await self._step(run, now)
            sent += step.sent
            if not step.again:
                break
        return sent

    async def _step(self, run: ChallengeRunRecord, now: datetime) -> _Step:
        store = self.deps.store
        community = await store.communities.get(run.community_id)
        if community is None:
            return _Step()
        port = self.deps.ports.get(community.platform)
        if port is None:
            logger.warning("challenge run %s waits: no %s adapter in this process", run.id, community.platform)
            await store.repo(ChallengeRepo).update(run.id, run.version, now, next_run_at=now + _ERROR_BACKOFF)
            return _Step()
        step = run.next_step
        due = phase_at(run, step)
        if due > now:  # woken early to retry the DMs of the last posted day
            sent, retry = await self._send_dms(port, community, run, step - 1, now) if step > 1 else (0, None)
            await self._move_on(run, now, step, retry)
            return _Step(sent)
        if step > run.days:
            return _Step(await self._finish(port, community, run, due, now))
        if now - due > self.deps.settings.grace:
            logger.warning(
                "skipped day %s of challenge run %s: %s late, beyond the %s grace window",
                step, run.id, now - due, self.deps.settings.grace,
            )  # fmt: skip
            await store.repo(ChallengeRepo).record_day(run.id, step, day_date(run, step), due, "skipped", None)
            await self._move_on(run, now, step + 1)
            return _Step(again=True)
        if run.thread_ref is None:
            opened = await self._open(port, community, run, now)
            if opened is None:
                return _Step()
            run = opened
        posted, retry = await self._post_day(port, community, run, step, due, now)
        if retry is not None:
            await store.repo(ChallengeRepo).update(run.id, run.version, now, next_run_at=now + retry)
            return _Step(posted)
        fresh = await store.repo(ChallengeRepo).get(run.id)
        if fresh is None or not fresh.active:  # stopped: the thread is gone
            return _Step(posted)
        dms, dm_retry = await self._send_dms(port, community, fresh, step, now)
        await self._move_on(fresh, now, step + 1, dm_retry)
        return _Step(posted + dms, again=True)

    async def _move_on(
        self, run: ChallengeRunRecord, now: datetime, next_step: int, retry: timedelta | None = None
    ) -> None:
        at = phase_at(run, next_step)
        if retry is not None:
            at = min(at, now + retry)
        await self.deps.store.repo(ChallengeRepo).update(run.id, run.version, now, next_step=next_step, next_run_at=at)

    # ------------------------------------------------------------------ opening

    async def _open(
        self, port: ChatPort, community: CommunityRecord, run: ChallengeRunRecord, now: datetime
    ) -> ChallengeRunRecord | None:
        """Post the intro and open its thread (each claimed once); None when not ready yet or stopped."""
        store = self.deps.store
        scheduled_for = run.next_run_at or now
        if run.message_ref is None:
            key = day_key(run.id, "intro")
            claimed = await store.deliveries.claim(
                key, kind="challenge", scheduled_for=scheduled_for, owner=self._owner, now=now,
                community_id=run.community_id, lease=self.deps.settings.claim_lease,
            )  # fmt: skip
            if not claimed:
                return await self._wait_for_opening(community, run, key, now)
            try:
                ref = await port.post(
                    community.external_id,
                    run.channel_ref,
                    intro_message(self.deps.content, run),
                    key=key,
                    maybe_sent=claimed.maybe_sent,
                )
            except DeliveryError as exc:
                await self._opening_failed(community, run, key, exc, now)
                return None
            await store.repo(ChallengeRepo).set_ref(run.id, "message_ref", ref, now)
            await store.deliveries.mark_sent(key, self.deps.clock.now(), ref)
            run = await store.repo(ChallengeRepo).get(run.id) or run
        if run.thread_ref is None:
            key = day_key(run.id, "thread")
            claimed = await store.deliveries.claim(
                key, kind="challenge", scheduled_for=scheduled_for, owner=self._owner, now=now,
                community_id=run.community_id, lease=self.deps.settings.claim_lease,
            )  # fmt: skip
            if not claimed or run.message_ref is None:
                return await self._wait_for_opening(community, run, key, now)
            try:
                thread = await port.open_thread(
                    community.external_id, run.channel_ref, run.message_ref, thread_title(run), key=key
                )
            except DeliveryError as exc:
                await self._opening_failed(community, run, key, exc, now)
                return None
            await store.repo(ChallengeRepo).set_ref(run.id, "thread_ref", thread, now)
            await store.deliveries.mark_sent(key, self.deps.clock.now(), thread)
            logger.info("challenge run %s opened thread %s in community %s", run.id, thread, community.id)
        await store.repo(ChallengeRepo).mark_running(run.id, now)
        return await store.repo(ChallengeRepo).get(run.id)

    async def _opening_failed(
        self, community: CommunityRecord, run: ChallengeRunRecord, key: str, exc: DeliveryError, now: datetime
    ) -> None:
        store = self.deps.store
        await store.deliveries.release(key, str(exc), permanent=not exc.retryable)
        if exc.retryable:
            logger.warning("%s will be retried: %s", key, exc)
            await store.repo(ChallengeRepo).update(run.id, run.version, now, next_run_at=now + _retry_delay(exc))
        else:
            await self._stop(community, run, exc, now)

    async def _wait_for_opening(
        self, community: CommunityRecord, run: ChallengeRunRecord, key: str, now: datetime
    ) -> ChallengeRunRecord | None:
        """Another process holds the opening claim: look again shortly, or give up when it never finished."""
        store = self.deps.store
        fresh = await store.repo(ChallengeRepo).get(run.id)
        if fresh is None or not fresh.active:
            return None
        delivery = await store.deliveries.get(key)
        exhausted = delivery is not None and delivery.status in ("failed", "abandoned")
        started = phase_at(fresh, fresh.next_step)
        if exhausted or now - started > self.deps.settings.grace:
            await self._stop(community, fresh, "I could not open its thread.", now)
            return None
        await store.repo(ChallengeRepo).update(fresh.id, fresh.version, now, next_run_at=now + _MIN_RETRY)
        return None

    # ------------------------------------------------------------------ days

    async def _post_day(
        self, port: ChatPort, community: CommunityRecord, run: ChallengeRunRecord, day: int, due: datetime,
        now: datetime,
    ) -> tuple[int, timedelta | None]:  # fmt: skip
        """Post one day's step in the thread; (1 if sent here, a retry delay when it should be tried again)."""
        store = self.deps.store
        key = day_key(run.id, day)
        claimed = await store.deliveries.claim(
            key,
            kind="challenge",
            scheduled_for=due,
            owner=self._owner,
            now=now,
            community_id=run.community_id,
            lease=self.deps.settings.claim_lease,
        )
        if not claimed:
            delivery = await store.deliveries.get(key)
            if delivery is not None and delivery.status in ("failed", "abandoned"):
                logger.warning(
                    "gave up on day %s of challenge run %s after %s attempts", day, run.id, delivery.attempts
                )
                await store.repo(ChallengeRepo).record_day(run.id, day, day_date(run, day), due, "failed", None)
            elif claimed.busy_until is not None:  # another sender holds it: look again when its lease runs out
                return 0, claimed.busy_until - now
            return 0, None
        assert run.thread_ref is not None
        try:
            ref = await port.post_in_thread(
                community.external_id,
                run.thread_ref,
                day_message(self.deps.content, run, day),
                key=key,
                maybe_sent=claimed.maybe_sent,
            )
        except DeliveryError as exc:
            await store.deliveries.release(key, str(exc), permanent=not exc.retryable)
            if exc.retryable:
                logger.warning("%s will be retried: %s", key, exc)
                return 0, _retry_delay(exc)
            if exc.reason in ("not_found", "forbidden"):
                await self._stop(community, run, exc, now)
            else:
                logger.warning("%s was refused for good: %s", key, exc)
                await store.repo(ChallengeRepo).record_day(run.id, day, day_date(run, day), due, "failed", None)
            return 0, None
        await store.deliveries.mark_sent(key, self.deps.clock.now(), ref)
        await store.repo(ChallengeRepo).record_day(run.id, day, day_date(run, day), due, "posted", ref)
        logger.info("challenge run %s posted day %s in community %s", run.id, day, community.id)
        return 1, None

    async def _send_dms(
        self, port: ChatPort, community: CommunityRecord, run: ChallengeRunRecord, day: int, now: datetime
    ) -> tuple[int, timedelta | None]:
        """DM the day's step to each participant who asked; a refusal turns their DMs off, never a public post."""
        store = self.deps.store
        due = day_at(run, day)
        if day < 1 or due > now or now - due > self.deps.settings.grace:
            return 0, None
        sent = 0
        retry: timedelta | None = None
        message = dm_message(self.deps.content, run, day)
        for person in await store.repo(ChallengeRepo).dm_recipients(run.id):
            if person.dm_blocked:
                continue
            key = dm_key(run.id, day, person.member_id)
            claimed = await store.deliveries.claim(
                key, kind="challenge-dm", scheduled_for=due, owner=self._owner, now=now,
                community_id=run.community_id, member_id=person.member_id, lease=self.deps.settings.claim_lease,
            )  # fmt: skip
            if not claimed:
                continue
            try:
                ref = await (self.deps.ports.get(person.platform) or port).send_dm(
                    person.external_id, message, key=key, maybe_sent=claimed.maybe_sent
                )
            except DeliveryError as exc:
                await store.deliveries.release(key, str(exc), permanent=not exc.retryable)
                if exc.reason == "forbidden":
                    await store.members.set_dm_blocked(person.member_id, True)
                    await store.repo(ChallengeRepo).set_dm(run.id, person.member_id, False)
                    logger.info("member %s refused DMs; their challenge DMs are off", person.member_id)
                elif exc.retryable:
                    delay = _retry_delay(exc)
                    retry = delay if retry is None else min(retry, delay)
                else:
                    logger.warning("%s was refused: %s", key, exc)
                continue
            await store.deliveries.mark_sent(key, self.deps.clock.now(), ref)
            sent += 1
        return sent, retry

    # ------------------------------------------------------------------ the end

    async def _finish(
        self, port: ChatPort, community: CommunityRecord, run: ChallengeRunRecord, due: datetime, now: datetime
    ) -> int:
        store = self.deps.store
        if run.thread_ref is None:
            if await store.repo(ChallengeRepo).end(run.id, "finished", now):
                logger.warning("challenge run %s ended without ever starting: every day was missed", run.id)
                await self._alert(
                    community, f"The challenge “{run.title}” (#{run.id}) ended before it could start: trustbot was "
                    "offline for all of its days. Schedule it again with `/trust challenge schedule`.",
                )  # fmt: skip
            return 0
        if now - due > self.deps.settings.grace:
            logger.warning("skipped the summary of challenge run %s: %s late", run.id, now - due)
            await store.repo(ChallengeRepo).end(run.id, "finished", now)
            return 0
        key = day_key(run.id, "summary")
        claimed = await store.deliveries.claim(
            key,
            kind="challenge",
            scheduled_for=due,
            owner=self._owner,
            now=now,
            community_id=run.community_id,
            lease=self.deps.settings.claim_lease,
        )
        if not claimed:  # another process posts it (or gave up): the run is over either way
            await store.repo(ChallengeRepo).end(run.id, "finished", now)
            return 0
        counts = await store.repo(ChallengeRepo).done_counts(run.id)
        message = summary_message(run, counts, self.deps.settings.min_group_size)
        try:
            ref = await port.post_in_thread(
                community.external_id, run.thread_ref, message, key=key, maybe_sent=claimed.maybe_sent
            )
        except DeliveryError as exc:
            await store.deliveries.release(key, str(exc), permanent=not exc.retryable)
            if exc.retryable:
                await store.repo(ChallengeRepo).update(run.id, run.version, now, next_run_at=now + _retry_delay(exc))
                return 0
            logger.warning("the summary of challenge run %s was refused for good: %s", run.id, exc)
            await store.repo(ChallengeRepo).end(run.id, "finished", now)
            return 0
        await store.deliveries.mark_sent(key, self.deps.clock.now(), ref)
        await store.repo(ChallengeRepo).end(run.id, "finished", now)
        logger.info("challenge run %s finished with %d participants", run.id, len(counts))
        return 1

    async def channel_gone(self, community: CommunityRecord, channel: str) -> list[str]:
        """Stop the community's active runs that post in ``channel`` (or whose thread it was)."""
        stopped = []
        now = self.deps.clock.now()
        for run in await self.deps.store.repo(ChallengeRepo).for_community(community.id, ACTIVE):
            if channel in (run.channel_ref, run.thread_ref):
                await self._stop(community, run, DeliveryError("not_found", f"channel {channel} was deleted"), now)
                stopped.append(f"The challenge “{run.title}” (#{run.id}) was stopped: its channel was deleted.")
        return stopped

    async def _stop(
        self, community: CommunityRecord, run: ChallengeRunRecord, problem: DeliveryError | str, now: datetime
    ) -> None:
        """A permanent failure: stop the run and tell moderators in ``/trust status``."""
        if not await self.deps.store.repo(ChallengeRepo).end(run.id, "stopped", now):
            return
        logger.warning("challenge run %s stopped: %s", run.id, problem)
        await self._alert(
            community,
            f"The challenge “{run.title}” (#{run.id}) in #{run.channel_name} was stopped on "
            f"{format_local(now, community.zone)}: {_problem(problem)} Schedule it again with "
            "`/trust challenge schedule` in a channel I can post in.",
        )

    async def _alert(self, community: CommunityRecord, text: str) -> None:
        await self.deps.store.communities.add_alert(community.id, text, keep=_MAX_ALERTS)
