"""The Slack bot: slack-bolt commands, events, buttons and modals in; core replies out, acknowledged within 3 s."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bots.adapter import AdapterBot
from bots.slack.events import People, member_id, place_of, unescape_groups
from bots.slack.port import PLATFORM, ClientFor, SlackPort
from bots.slack.render import FORM_CALLBACK, action_of, form_of, modal_for, render
from core.commands import parse_command_text
from core.errors import DeliveryError, UserError
from core.models import (
    ActionEvent,
    Actor,
    Attachment,
    CommandEvent,
    Event,
    FormEvent,
    Message,
    MessageEvent,
    Place,
    Reply,
)

__all__ = ["SlackBot"]

logger = logging.getLogger(__name__)

_ANY = re.compile(".*")


class SlackBot(AdapterBot):
    """Registers trustbot's listeners on a slack-bolt ``AsyncApp`` for one core.

    Example::

        bot = SlackBot(app, client_for)
        core = TrustCore(store, content, clock, {"slack": bot.port})
        bot.attach(core)
    """

    platform = PLATFORM

    def __init__(self, app: AsyncApp, client_for: ClientFor) -> None:
        super().__init__()
        self.app = app
        self.client_for = client_for
        self.port = SlackPort(client_for, self._dm_lookup, self._dm_remember, on_workspace_gone=self._workspace_gone)
        self.people = People()
        self._home_viewers: set[str] = set()  # people who opened App Home: it is refreshed after their changes
        app.command("/trust")(self.on_command)
        app.event("message")(self.on_message)
        app.event("app_uninstalled")(self.on_uninstalled)
        app.event("tokens_revoked")(self.on_tokens_revoked)
        app.event("app_home_opened")(self.on_home_opened)
        app.event("member_joined_channel")(self.on_member_joined)
        app.action(_ANY)(self.on_action)
        app.view(FORM_CALLBACK)(self.on_view)

    async def _first_time(self, body: dict[str, Any]) -> bool:
        """A retried event (``X-Slack-Retry-Num``, a redelivered envelope) keeps its event id: handle it once."""
        event_id = body.get("event_id")
        return True if not event_id else await self.core.first_time(f"slack-event:{event_id}")

    # ------------------------------------------------------------------ commands

    async def on_command(self, ack: Any, body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
        await ack()  # within 3 s; the work follows
        team, user, channel = str(body.get("team_id")), str(body.get("user_id")), str(body.get("channel_id", ""))
        try:
            spec, args = parse_command_text(unescape_groups(str(body.get("text", ""))))
        except UserError as exc:
            await respond(text=str(exc), response_type="ephemeral")
            return
        actor = await self.people.actor(client, team, user, str(body.get("user_name", "")))
        event = CommandEvent(team, actor, place_of(channel), spec.name, args)
        await self._deliver(event, client, respond=respond, trigger_id=body.get("trigger_id"), channel=channel)

    # ------------------------------------------------------------------ events

    async def on_message(self, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("bot_id") or event.get("subtype") or not event.get("user"):
            return  # the bot's own posts, edits, joins: nothing to do
        if not await self._first_time(body):
            return
        team = str(body.get("team_id") or event.get("team", ""))
        channel = str(event.get("channel", ""))
        actor = await self.people.actor(client, team, str(event["user"]))
        place = place_of(channel, event.get("thread_ts"), event.get("ts"))
        text = str(event.get("text", ""))
        if place.kind == "dm":
            if self.port.remember_dm(actor.user_id, channel):
                await self._dm_remember(actor.user_id, channel)
            replies = await self.core.handle(MessageEvent(None, actor, place, text, event.get("ts")))
        elif place.kind == "thread":
            replies = await self.core.handle(MessageEvent(team, actor, place, text, event.get("ts")))
        else:
            return
        for reply in replies:
            await self._send(reply, actor.user_id, team, client, place=place)
        if place.kind == "thread":
            await self._refresh_home(actor)  # an answer in a prompt thread moves the streak

    async def flush_alerts(self) -> None:
        """After a tick: tell each workspace's owners, once, by DM, about schedules Slack refused (as /trust status)."""
        for team in await self.core.communities_with_alerts(PLATFORM):
            alerts = await self.core.pending_alerts(PLATFORM, team)
            if not alerts:
                continue
            message = Message("\n\n".join(alerts), "trustbot needs a moderator", footer="Also shown in /trust status.")
            try:
                for owner in await self.port.owners(team):
                    await self.port.send_dm(member_id(team, owner), message)
            except DeliveryError as exc:
                logger.warning("could not tell the owners of Slack workspace %s: %s", team, exc)

    async def _workspace_gone(self, team: str) -> None:
        self.forget_workspace(team)
        if await self.core.community_left(PLATFORM, team):
            logger.error(
                "Slack workspace %s refused trustbot's token: its schedules stop until it is installed again", team
            )

    async def on_uninstalled(self, body: dict[str, Any]) -> None:
        team = str(body.get("team_id", ""))
        self.forget_workspace(team)
        if await self.core.community_left(PLATFORM, team):
            logger.info("trustbot was removed from Slack workspace %s: its data goes after the grace period", team)

    async def on_tokens_revoked(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        """Only the bot's own token matters: a revoked user token (trustbot asks for none) changes nothing."""
        if (event.get("tokens") or {}).get("bot"):
            await self.on_uninstalled(body)

    async def installed(self, team: str) -> None:
        """A workspace installed trustbot (again): a pending removal is cancelled, the new token used."""
        self.forget_workspace(team)  # forget the client that held the old token
        await self.core.community_seen(PLATFORM, team)

    def forget_workspace(self, team: str) -> None:
        """Forget what this process cached about a workspace whose token changed or stopped working."""
        forget = getattr(self.client_for, "forget", None)
        if forget is not None:
            forget(team)
        self.people.forget(team)

    async def on_member_joined(self, body: dict[str, Any], event: dict[str, Any], context: Any) -> None:
        """The bot itself added to a channel proves it is installed there: a pending removal is cancelled.

        A person joining a channel gets nothing: a public welcome in a channel about trust in
        relationships would single them out, and an unasked-for DM is noise.
        """
        bot_user = context.get("bot_user_id")
        if bot_user and event.get("user") == bot_user:
            await self.core.community_seen(PLATFORM, str(body.get("team_id") or event.get("team", "")))

    async def on_home_opened(self, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        team, user = str(body.get("team_id", "")), str(event.get("user", ""))
        actor = await self.people.actor(client, team, user)
        self._home_viewers.add(actor.user_id)
        await self._publish_home(actor)

    async def _refresh_home(self, actor: Actor) -> None:
        """App Home is re-published after a change by someone who has opened it (in this process)."""
        if actor.user_id in self._home_viewers:
            await self._publish_home(actor)

    async def _publish_home(self, actor: Actor) -> None:
        try:
            await self.port.publish_home(actor.user_id, render(await self.core.home(actor))[0].blocks)
        except DeliveryError as exc:  # App Home is a convenience: a refusal must not break the reply
            logger.info("could not refresh App Home for %s: %s", actor.user_id, exc)

    # ------------------------------------------------------------------ buttons and forms

    async def on_action(self, ack: Any, body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
        await ack()
        action = (body.get("actions") or [{}])[0]
        core_id, value = action_of(str(action.get("action_id", "")), str(action.get("value", "")))
        team = str((body.get("team") or {}).get("id") or body.get("team_id", ""))
        user = str((body.get("user") or {}).get("id", ""))
        channel = str((body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id") or "")
        actor = await self.people.actor(client, team, user)
        if (body.get("view") or {}).get("type") == "home":
            self._home_viewers.add(actor.user_id)  # pressed on App Home (perhaps opened through another process)
        place = place_of(channel or None)
        event = ActionEvent(team if place.kind != "dm" else None, actor, place, core_id, value)
        await self._deliver(event, client, respond=respond, trigger_id=body.get("trigger_id"), channel=channel)

    async def on_view(self, ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        form_id, form_context, channel, values = form_of(dict(body.get("view") or {}))
        team = str((body.get("team") or {}).get("id", ""))
        user = str((body.get("user") or {}).get("id", ""))
        actor = await self.people.actor(client, team, user)
        community = team if channel and not channel.startswith("D") else None
        replies = await self.core.handle(FormEvent(community, actor, form_id, values, form_context))
        problems = [
            r for r in replies if r.visibility == "private" and r.message.title is None and not r.message.buttons
        ]
        if problems and len(replies) == len(problems) and values:
            field = next(iter(values))
            await ack(response_action="errors", errors={field: problems[0].message.text[:150]})  # shown in the modal
            return
        await ack()
        for reply in replies:
            await self._send(reply, actor.user_id, team, client, place=place_of(channel or None), channel=channel)
        await self._refresh_home(actor)

    # ------------------------------------------------------------------ replies

    async def _deliver(
        self, event: Event, client: AsyncWebClient, *, respond: Any, trigger_id: Any, channel: str
    ) -> None:
        replies = await self.core.handle(event)
        actor = event.actor
        team = actor.user_id.partition(":")[0]
        for reply in replies:
            if reply.message.form is not None and trigger_id:
                await client.views_open(trigger_id=trigger_id, view=modal_for(reply.message.form, context=channel))
                continue
            await self._send(
                reply, actor.user_id, team, client, place=place_of(channel or None), respond=respond, channel=channel
            )
        await self._refresh_home(actor)

    async def _send(
        self,
        reply: Reply,
        person: str,
        team: str,
        client: AsyncWebClient,
        *,
        place: Place,
        respond: Any = None,
        channel: str = "",
    ) -> None:
        message = reply.message
        try:
            if message.attachments:
                await self._upload(person, message.attachments, client)
            if reply.visibility == "dm" or place.kind == "dm" or (reply.visibility == "private" and respond is None):
                await self.port.send_dm(person, message)
            elif reply.visibility == "private":
                for piece in render(message):
                    await respond(
                        text=piece.text, blocks=piece.blocks, response_type="ephemeral", replace_original=False
                    )
            elif place.kind == "thread" and place.thread:
                await self.port.post_in_thread(team, place.thread, message)
            else:
                await self.port.post(team, channel, message)
        except DeliveryError as exc:
            logger.info("could not answer %s on Slack: %s", person, exc)

    async def _upload(self, person: str, attachments: tuple[Attachment, ...], client: AsyncWebClient) -> None:
        """Charts and exports go to the member's DM (files.uploadV2), where only they see them."""
        _, channel = await self.port.dm_channel(person)
        for attachment in attachments:
            await client.files_upload_v2(channel=channel, content=attachment.data, filename=attachment.filename)
