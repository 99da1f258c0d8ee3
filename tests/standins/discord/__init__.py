"""A local Discord stand-in (REST + gateway) that the real discord.py client talks to over loopback."""

from .interactions import InteractionRecord
from .server import ApiError, DiscordStandIn, GuildHandle, RequestRecord
from .spec import SpecValidator

__all__ = ["ApiError", "DiscordStandIn", "GuildHandle", "InteractionRecord", "RequestRecord", "SpecValidator"]
