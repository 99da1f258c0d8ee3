"""Who may do what: owners and admins always; moderators through the community's role."""

from __future__ import annotations

from core.commandspec import Audience, CommandSpec, Option
from core.errors import UserError
from core.models import Actor
from core.storage.records import CommunityRecord

__all__ = ["allowed", "is_moderator", "require", "require_options"]


def is_moderator(actor: Actor, community: CommunityRecord | None) -> bool:
    if actor.is_admin:
        return True
    if community is None or not community.moderator_role:
        return False
    role = community.moderator_role.lower().lstrip("@")
    return any(r.lower().lstrip("@") == role for r in actor.roles)


def allowed(audience: Audience, actor: Actor, community: CommunityRecord | None) -> bool:
    """Whether ``actor`` belongs to ``audience`` in ``community`` (None: a DM, where no one's roles are known)."""
    if audience == "anyone":
        return True
    if community is None:
        return False
    return actor.is_admin if audience == "admin" else is_moderator(actor, community)


def require(audience: Audience, actor: Actor, community: CommunityRecord | None, what: str) -> None:
    """Raise a clear :class:`UserError` when ``actor`` may not do ``what``."""
    if allowed(audience, actor, community):
        return
    if community is None:
        raise UserError(
            f"To {what}, run it in your server or workspace, not in a DM: only there can I see whether you are "
            f"{'an owner or admin' if audience == 'admin' else 'a moderator'}."
        )
    if audience == "admin":
        raise UserError(f"Only server owners and admins can {what}.")
    if not community.moderator_role:
        raise UserError(f"Only server owners and admins can {what} until a moderator role is set in `/trust setup`.")
    raise UserError(f"Only moderators (role '{community.moderator_role}') and admins can {what}.")


def require_options(spec: CommandSpec, args: dict[str, str], actor: Actor, community: CommunityRecord | None) -> None:
    """Refuse the whole command when it gives an option its actor may not give (``setup role:``)."""
    refused: list[Option] = [
        option
        for name, value in args.items()
        if (option := spec.option(name)) is not None
        and value.strip()
        and not allowed(option.audience, actor, community)
    ]
    if refused:
        option = refused[0]
        who = "server owners and admins" if option.audience == "admin" else "moderators and admins"
        raise UserError(
            f"Only {who} can set `{option.name}:` in `/trust {spec.name}` ({option.description.lower()}). "
            f"Nothing was changed; run it again without `{option.name}:` to change the rest."
        )
