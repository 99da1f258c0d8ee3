"""Who may do what: owners and admins always; moderators through the community's role."""

from __future__ import annotations

from core.commandspec import Audience
from core.errors import UserError
from core.models import Actor
from core.storage.records import CommunityRecord

__all__ = ["is_moderator", "require"]


def is_moderator(actor: Actor, community: CommunityRecord | None) -> bool:
    if actor.is_admin:
        return True
    if community is None or not community.moderator_role:
        return False
    role = community.moderator_role.lower().lstrip("@")
    return any(r.lower().lstrip("@") == role for r in actor.roles)


def require(audience: Audience, actor: Actor, community: CommunityRecord | None, what: str) -> None:
    """Raise a clear :class:`UserError` when ``actor`` may not do ``what``."""
    if audience == "anyone":
        return
    if audience == "admin" and not actor.is_admin:
        raise UserError(f"Only server owners and admins can {what}.")
    if audience == "moderator" and not is_moderator(actor, community):
        if community is None or not community.moderator_role:
            raise UserError(
                f"Only server owners and admins can {what} until a moderator role is set in `/trust setup`."
            )
        raise UserError(f"Only moderators (role '{community.moderator_role}') and admins can {what}.")
