"""The Discord bot: gateway events and interactions in, core replies out, within Discord's 3-second rule."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord

from bots.adapter import AdapterBot
from bots.discord.commands import ROOT, command_payload, interaction_args, payload_hash
from bots.discord.events import actor_of, place_of
from bots.discord.port import PLATFORM, DiscordPort, delivery_error
from bots.discord.render import ACTION_PREFIX, FORM_PREFIX, decode_custom_id, modal_for, modal_values, render
from core.commands import COMMANDS
from core.errors import DeliveryError
from core.models import ActionEvent, CommandEvent, Event, FormEvent, Message, MessageEvent, Place, Reply

__all__ = ["DEFER_AFTER", "DiscordBot", "intents"]

logger = logging.getLogger(__name__)

DEFER_AFTER = 2.0  # seconds: answer on time or defer (Discord allows 3)
_SYNC_KEY = "discord:commands:{app}:{scope}"


def intents(message_content: bool = False) -> discord.Intents:
    """Guilds, guild messages (thread answers for streaks) and DMs; message content only when opted in."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.guild_messages = True
    chosen.dm_messages = True
    chosen.message_content = message_content
    return chosen


class DiscordBot(AdapterBot):
    """Owns the discord.py client's events for one core. Build, attach the core, then ``client.start``.

    Example::

        bot = DiscordBot(client)
        core = TrustCore(store, content, clock, {"discord": bot.port})
        bot.attach(core)
        await client.start(token)
    """

    platform = PLATFORM

    def __init__(self, client: discord.Client, *, dev_guild: int | None = None) -> None:
        super().__init__()
        self.client = client
        self.dev_guild = dev_guild
        self.port = DiscordPort(client, self._dm_lookup, self._dm_remember)
        self._synced = False
        self.ready = asyncio.Event()  # set once commands are synced and the servers are known to the core
        for handler in (
            self.on_ready,
            self.on_interaction,
            self.on_message,
            self.on_guild_join,
            self.on_guild_available,
            self.on_guild_remove,
            self.on_guild_channel_delete,
        ):
            client.event(handler)

    # ------------------------------------------------------------------ life cycle

    async def on_ready(self) -> None:
        user = self.client.user
        logger.info("connected to Discord as %s in %d servers", user, len(self.client.guilds))
        if not self._synced:
            self._synced = True
            await self.sync_commands()
        await self.core.communities_seen(PLATFORM, {str(g.id): g.shard_id for g in self.client.guilds})
        self.ready.set()

    async def sync_commands(self) -> bool:
        """Register ``/trust`` globally (or on the development server), only when the command set changed."""
        app_id = self.client.application_id
        if app_id is None:
            logger.warning("no application id yet: commands not synced")
            return False
        payload = command_payload(COMMANDS)
        scope = f"guild:{self.dev_guild}" if self.dev_guild else "global"
        key = _SYNC_KEY.format(app=app_id, scope=scope)
        digest = payload_hash(payload)
        if await self.core.store.kv.get(key) == digest:
            logger.info("Discord commands unchanged (%s): not synced", scope)
            return False
        http = self.client.http
        if self.dev_guild:
            await http.bulk_upsert_guild_commands(app_id, self.dev_guild, payload)
        else:
            await http.bulk_upsert_global_commands(app_id, payload)
        await self.core.store.kv.set(key, digest)
        logger.info("Discord commands synced (%s)", scope)
        return True

    # ------------------------------------------------------------------ server events

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.core.community_seen(PLATFORM, str(guild.id), partition=guild.shard_id)

    async def on_guild_available(self, guild: discord.Guild) -> None:
        if self.ready.is_set():  # back after an outage; at start-up on_ready notes every server at once
            await self.core.community_seen(PLATFORM, str(guild.id), partition=guild.shard_id)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        if await self.core.community_left(PLATFORM, str(guild.id)):
            logger.info("removed from server %s: its data goes after the grace period", guild.id)

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        lines = await self.core.channel_gone(PLATFORM, str(channel.guild.id), str(channel.id))
        if lines:
            await self.tell_moderators(channel.guild)

    async def tell_moderators(self, guild: discord.Guild) -> None:
        """Alerts not yet told: once, in the server's system channel, else by DM to the owner."""
        alerts = await self.core.pending_alerts(PLATFORM, str(guild.id))
        if not alerts:
            return
        message = Message("\n\n".join(alerts), "trustbot needs a moderator", footer="Also shown in /trust status.")
        system = guild.system_channel
        try:
            if system is not None and system.permissions_for(guild.me).send_messages:
                await self.port.post(str(guild.id), str(system.id), message)
            elif guild.owner_id is not None:
                await self.port.send_dm(str(guild.owner_id), message)
        except DeliveryError as exc:
            logger.warning("could not tell the moderators of server %s: %s", guild.id, exc)

    async def flush_alerts(self) -> None:
        """After a tick: tell moderators, once, about schedules the platform refused (one query when there are none)."""
        for external_id in await self.core.communities_with_alerts(PLATFORM):
            guild = self.client.get_guild(int(external_id)) if external_id.isdigit() else None
            if guild is not None:
                await self.tell_moderators(guild)

    # ------------------------------------------------------------------ messages

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or (self.client.user is not None and message.author.id == self.client.user.id):
            return
        place = place_of(message.channel)
        actor = actor_of(message.author)
        if place.kind == "dm":
            if self.port.learn_dm_channel(str(message.author.id), str(message.channel.id)):
                await self._dm_remember(str(message.author.id), str(message.channel.id))
            replies = await self.core.handle(MessageEvent(None, actor, place, message.content, str(message.id)))
            await self._answer_in_dm(str(message.author.id), replies)
        elif place.kind == "thread" and message.guild is not None:
            event = MessageEvent(str(message.guild.id), actor, place, message.content, str(message.id))
            replies = await self.core.handle(event)
            public = [r for r in replies if r.visibility == "public"]
            for reply in public:
                try:
                    await self.port.post_in_thread(str(message.guild.id), str(message.channel.id), reply.message)
                except DeliveryError as exc:
                    logger.info("could not answer in thread %s: %s", message.channel.id, exc.reason)
            # a message has no ephemeral reply: private and DM replies go by DM (never a public echo)
            await self._answer_in_dm(str(message.author.id), [r for r in replies if r.visibility != "public"])

    async def _answer_in_dm(self, user_id: str, replies: list[Reply]) -> None:
        for reply in replies:
            try:
                await self.port.send_dm(user_id, reply.message)
            except DeliveryError as exc:
                logger.info("could not DM member %s: %s", user_id, exc.reason)

    # ------------------------------------------------------------------ interactions

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        try:
            if interaction.type == discord.InteractionType.autocomplete:
                await self._autocomplete(interaction)
                return
            event = self._event(interaction)
            if event is None:
                await interaction.response.send_message("That no longer works. Run the command again.", ephemeral=True)
                return
            await self._answer(interaction, event)
        except discord.HTTPException as exc:
            logger.warning("answering an interaction failed: %s", delivery_error(exc))

    def _event(self, interaction: discord.Interaction) -> Event | None:
        data: dict[str, Any] = dict(interaction.data or {})
        community = str(interaction.guild_id) if interaction.guild_id else None
        actor = actor_of(interaction.user, interaction.permissions if interaction.guild_id else None)
        place = place_of(interaction.channel) if interaction.guild_id else Place.dm()
        if interaction.type == discord.InteractionType.application_command and data.get("name") == ROOT:
            name, args, _ = interaction_args(data)
            return CommandEvent(community, actor, place, name, args)
        decoded = decode_custom_id(str(data.get("custom_id", "")))
        if decoded is None:
            return None
        prefix, name, value = decoded
        if interaction.type == discord.InteractionType.component and prefix == ACTION_PREFIX:
            return ActionEvent(community, actor, place, name, value)
        if interaction.type == discord.InteractionType.modal_submit and prefix == FORM_PREFIX:
            return FormEvent(community, actor, name, modal_values(data), value)
        return None

    async def _autocomplete(self, interaction: discord.Interaction) -> None:
        name, args, focused = interaction_args(dict(interaction.data or {}))
        found: list[tuple[str, str]] = []
        if focused is not None:
            community = str(interaction.guild_id) if interaction.guild_id else None
            found = await self.core.suggest(PLATFORM, community, name, focused, args.get(focused, ""))
        integer = any(o.kind == "integer" and o.name == focused for s in COMMANDS if s.name == name for o in s.options)
        choices = [
            discord.app_commands.Choice(name=label[:100], value=int(value) if integer else value[:100])
            for label, value in found
            if not integer or value.isdigit()
        ]
        await interaction.response.autocomplete(choices[:25])

    async def _answer(self, interaction: discord.Interaction, event: Event) -> None:
        """Answer within 3 s: directly when the core is quick, else defer and follow up."""
        work = asyncio.ensure_future(self.core.handle(event))
        done, _ = await asyncio.wait({work}, timeout=DEFER_AFTER)
        if not done:
            await interaction.response.defer(ephemeral=True, thinking=True)
        replies = await work
        await self._deliver(interaction, replies)

    async def _deliver(self, interaction: discord.Interaction, replies: list[Reply]) -> None:
        response = interaction.response
        for reply in replies:
            form = reply.message.form
            if form is not None:
                if not response.is_done():
                    await response.send_modal(modal_for(form))
                else:
                    await interaction.followup.send("Run the command again to open the form.", ephemeral=True)
                continue
            if reply.visibility == "dm":
                try:
                    await self.port.send_dm(str(interaction.user.id), reply.message)
                except DeliveryError:
                    await self._respond(
                        interaction, Message("I couldn't DM you: your DMs with this server are closed.")
                    )
                continue
            await self._respond(interaction, reply.message, ephemeral=reply.visibility == "private")
        if not response.is_done():
            if interaction.type == discord.InteractionType.component:
                await response.defer()  # nothing to say: the press is acknowledged quietly
            else:
                await response.send_message("Done.", ephemeral=True)

    async def _respond(self, interaction: discord.Interaction, message: Message, *, ephemeral: bool = True) -> None:
        for piece in render(message):
            kwargs = piece.kwargs()
            if not interaction.response.is_done():
                await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
            elif ephemeral or interaction.channel_id is None:
                await interaction.followup.send(ephemeral=ephemeral, **kwargs)
            else:
                await self.port.post(str(interaction.guild_id or ""), str(interaction.channel_id), message)
                return
