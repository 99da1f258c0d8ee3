"""Discord facts as core facts: who acted (owner, admin, roles) and where (channel, thread, DM) (pure functions)."""

from __future__ import annotations

import discord

from bots.discord.port import PLATFORM
from core.models import Actor, Place

__all__ = ["actor_of", "place_of"]


def actor_of(user: discord.User | discord.Member, permissions: discord.Permissions | None = None) -> Actor:
    """Facts only: the owner, Administrator or Manage Server make an admin; roles by name. The core decides."""
    name = user.display_name or user.name
    if not isinstance(user, discord.Member):
        return Actor(PLATFORM, str(user.id), name)
    perms = permissions or user.guild_permissions
    owner = user.guild.owner_id == user.id
    roles = frozenset(role.name for role in user.roles if not role.is_default())
    return Actor(PLATFORM, str(user.id), name, roles, is_admin=owner or perms.administrator or perms.manage_guild)


def place_of(channel: object) -> Place:
    """A DM, a thread (with its parent channel) or a channel."""
    if isinstance(channel, discord.Thread):
        return Place("thread", channel=str(channel.parent_id), thread=str(channel.id))
    if isinstance(channel, discord.DMChannel) or getattr(channel, "type", None) == discord.ChannelType.private:
        return Place.dm()
    channel_id = getattr(channel, "id", None)
    return Place("channel", channel=str(channel_id) if channel_id is not None else None)
