"""The sandbox shell: reads one action per line and runs it against the real core."""

from __future__ import annotations

import logging
import re
import shlex
from datetime import datetime
from zoneinfo import ZoneInfo

from bots.sandbox.port import BOT_NAME, SandboxChat, place_label
from bots.sandbox.transcript import Transcript
from bots.sandbox.world import COMMUNITY_ID, SandboxUser, World
from core.app import TrustCore
from core.clock import VirtualClock
from core.commands import parse_command_text
from core.errors import UserError
from core.models import (
    ActionEvent,
    Actor,
    Button,
    CommandEvent,
    FormEvent,
    Message,
    MessageEvent,
    Place,
    Reply,
)
from core.scheduling.virtual_time import run_until
from core.validation import parse_duration, parse_zone

__all__ = ["SANDBOX_HELP", "SandboxShell"]

logger = logging.getLogger(__name__)

_CLOCK_KEY = "sandbox:clock"

SANDBOX_HELP = """\
Sandbox commands (anything else you type is said where you are):
  /trust <command> [options]   use trustbot, e.g. /trust help
  :as NAME [admin] [+ROLE] [-ROLE]   act as someone (created on first use), e.g. :as mona +moderators
  :go #CHANNEL | :go tN | :go thread | :go dm   move to a channel, thread tN, the newest thread, or your DM with the bot
  :advance DURATION           move the virtual clock (1d, 3h, 30m, 1d3h, 2w), firing everything due on the way
  :jump YYYY-MM-DD HH:MM [ZONE]   move the clock to a local time (default: the community's zone), firing what is due
  :now                        show the virtual time
  :click N | :click LABEL     press button N of the newest message with buttons you can see (yours alone, or
                              posted where you are), or the button with that label, e.g. :click Join
  :form FIELD=VALUE ...       submit the last form you were shown
  :channels | :threads | :who list channels, threads, people
  :channel add NAME | :channel delete NAME   create or delete a channel
  :dms off | :dms on          close or open your DMs (to see how trustbot copes)
  :help | :quit"""


class SandboxShell:
    """One terminal community. All state lives in the database, so a restart continues."""

    def __init__(self, core: TrustCore, chat: SandboxChat, world: World, clock: VirtualClock, transcript: Transcript):
        self.core = core
        self.chat = chat
        self.world = world
        self.clock = clock
        self.transcript = transcript
        self.zone = ZoneInfo("UTC")

    # -------------------------------------------------------------- state

    async def refresh_zone(self) -> None:
        community = await self.core.store.communities.find("sandbox", COMMUNITY_ID)
        self.zone = community.zone if community and community.timezone else ZoneInfo("UTC")

    async def save(self) -> None:
        await self.world.save(self.core.store.kv)
        await self.core.store.kv.set(_CLOCK_KEY, self.clock.now().isoformat())

    @staticmethod
    async def saved_clock(core: TrustCore) -> datetime | None:
        raw = await core.store.kv.get(_CLOCK_KEY)
        return datetime.fromisoformat(raw) if raw else None

    def actor(self) -> Actor:
        user = self.world.users[self.world.me]
        return Actor("sandbox", user.name, user.name, frozenset(user.roles), user.admin)

    def place(self) -> Place:
        if self.world.where_kind == "dm":
            return Place.dm()
        if self.world.where_kind == "thread":
            return Place("thread", self.world.where_channel, self.world.where_thread)
        return Place("channel", self.world.where_channel)

    def here(self) -> str:
        return place_label(
            self.world, self.world.where_kind, self.world.where_channel, self.world.where_thread, self.world.me
        )

    def prompt(self) -> str:
        return f"{self.world.me} @ {self.here()}> "

    # -------------------------------------------------------------- lines

    async def run_line(self, line: str) -> bool:
        """Run one action; return False when the user asked to quit."""
        text = line.rstrip("\n")
        stripped = text.strip()
        if not stripped or stripped.startswith("//"):
            return True
        try:
            if stripped.startswith(":"):
                keep_going = await self._meta(stripped)
            elif stripped.startswith("/trust") or stripped.startswith("/"):
                await self._command(stripped)
                keep_going = True
            else:
                await self._say(stripped)
                keep_going = True
        except UserError as exc:
            self.transcript.note(f"sandbox: {exc}")
            keep_going = True
        await self.save()
        return keep_going

    async def _meta(self, text: str) -> bool:
        try:
            words = shlex.split(text[1:])
        except ValueError as exc:
            raise UserError(f"could not read that line ({exc})") from exc
        if not words:
            raise UserError("empty sandbox command; try :help")
        verb, args = words[0].lower(), words[1:]
        if verb in ("quit", "exit", "q"):
            return False
        if verb == "help":
            self.transcript.note(SANDBOX_HELP)
        elif verb == "as":
            self._as(args)
        elif verb == "go":
            self._go(args)
        elif verb == "advance":
            if not args:
                raise UserError("say how far, e.g. :advance 1d or :advance 3h")
            await self.advance_to(self.clock.now() + parse_duration("".join(args)))
        elif verb == "jump":
            await self.advance_to(self._parse_jump(args))
        elif verb == "now":
            self.transcript.note(
                f"it is {self.clock.now().astimezone(self.zone):%A %Y-%m-%d %H:%M %Z} ({self.zone.key})"
            )
        elif verb == "click":
            await self._click(args)
        elif verb == "form":
            await self._submit_form(args)
        elif verb == "channels":
            self.transcript.note("channels: " + ", ".join(f"#{c}" for c in self.world.channels))
        elif verb == "threads":
            rows = [
                f"{t.ref} in #{t.channel}: {t.title}{' (archived)' if t.archived else ''}"
                for t in self.world.threads.values()
            ]
            self.transcript.note("\n".join(rows) or "no threads yet")
        elif verb == "who":
            rows = [
                f"{u.name}{' (admin)' if u.admin else ''}{' roles: ' + ', '.join(u.roles) if u.roles else ''}"
                for u in self.world.users.values()
            ]
            self.transcript.note("people: " + "; ".join(rows))
        elif verb == "channel":
            self._channel(args)
        elif verb == "dms":
            if args[:1] == ["off"]:
                self.chat.dms_closed.add(self.world.me)
                self.transcript.note(f"{self.world.me} closed their DMs")
            elif args[:1] == ["on"]:
                self.chat.dms_closed.discard(self.world.me)
                self.transcript.note(f"{self.world.me} opened their DMs")
            else:
                raise UserError("use :dms off or :dms on")
        else:
            raise UserError(f"unknown sandbox command ':{verb}'; try :help")
        return True

    def _as(self, args: list[str]) -> None:
        if not args or not re.fullmatch(r"[A-Za-z0-9_.-]{1,32}", args[0]):
            raise UserError("say who, e.g. :as alice or :as mona +moderators (names: letters, digits, _ . -)")
        name = args[0].lower()
        user = self.world.users.setdefault(name, SandboxUser(name))
        for flag in args[1:]:
            if flag.lower() == "admin":
                user.admin = True
            elif flag.startswith("+") and len(flag) > 1:
                if flag[1:] not in user.roles:
                    user.roles.append(flag[1:])
            elif flag.startswith("-") and len(flag) > 1:
                if flag[1:] == "admin":
                    user.admin = False
                elif flag[1:] in user.roles:
                    user.roles.remove(flag[1:])
            else:
                raise UserError(f"'{flag}' is not admin, +ROLE or -ROLE")
        self.world.me = name
        extra = (" (admin)" if user.admin else "") + (f" roles: {', '.join(user.roles)}" if user.roles else "")
        self.transcript.note(f"you are now {name}{extra}")

    def _go(self, args: list[str]) -> None:
        if not args:
            raise UserError("say where: :go #general, :go t3, :go thread (the newest) or :go dm")
        target = args[0].lower()
        if target == "dm":
            self.world.where_kind, self.world.where_thread = "dm", None
        elif target in ("thread", "last") or re.fullmatch(r"t\d+", target):
            if re.fullmatch(r"t\d+", target):
                ref: str | None = target
            elif len(args) > 1:
                ref = "t" + args[1].lstrip("t")
            else:
                ref = list(self.world.threads)[-1] if self.world.threads else None
            if ref is None:
                raise UserError("there are no threads yet")
            info = self.world.threads.get(ref)
            if info is None:
                raise UserError(f"there is no thread {ref}; :threads lists them")
            self.world.where_kind, self.world.where_channel, self.world.where_thread = "thread", info.channel, ref
        else:
            name = target.lstrip("#")
            if name not in self.world.channels:
                raise UserError(f"there is no channel #{name}; :channels lists them")
            self.world.where_kind, self.world.where_channel, self.world.where_thread = "channel", name, None
        self.transcript.note(f"{self.world.me} is now in {self.here()}")

    def _channel(self, args: list[str]) -> None:
        if len(args) != 2 or args[0] not in ("add", "delete"):
            raise UserError("use :channel add NAME or :channel delete NAME")
        name = args[1].lstrip("#").lower()
        if not re.fullmatch(r"[a-z0-9_-]{1,80}", name):
            raise UserError("channel names use lowercase letters, digits, - and _")
        if args[0] == "add":
            if name not in self.world.channels:
                self.world.channels.append(name)
            self.transcript.note(f"channel #{name} exists")
        else:
            if name not in self.world.channels:
                raise UserError(f"there is no channel #{name}")
            self.world.channels.remove(name)
            if self.world.where_channel == name:
                self.world.where_kind, self.world.where_channel, self.world.where_thread = "channel", "general", None
            self.transcript.note(f"channel #{name} was deleted")

    def _parse_jump(self, args: list[str]) -> datetime:
        if not args:
            raise UserError("say when, e.g. :jump 2027-03-08 07:00")
        zone = self.zone
        words = list(args)
        if (len(words) >= 2 and "/" in words[-1]) or words[-1].upper() == "UTC":
            zone = parse_zone(words.pop())
        stamp = " ".join(words).replace("T", " ")
        try:
            naive = datetime.strptime(stamp, "%Y-%m-%d %H:%M")
        except ValueError:
            try:
                naive = datetime.strptime(stamp, "%Y-%m-%d")
            except ValueError:
                raise UserError(f"'{stamp}' is not a date and time; use YYYY-MM-DD HH:MM") from None
        return naive.replace(tzinfo=zone)

    async def advance_to(self, target: datetime) -> None:
        """Move the virtual clock forward, stopping at every due moment on the way."""
        if target < self.clock.now():
            raise UserError("the clock only moves forward")
        await run_until(self.clock, target, [self.core])
        await self.refresh_zone()
        self.transcript.note(f"clock is now {target.astimezone(self.zone):%a %Y-%m-%d %H:%M %Z}")

    # -------------------------------------------------------------- talking to the core

    def _community(self) -> str | None:
        return None if self.world.where_kind == "dm" else COMMUNITY_ID

    async def _command(self, text: str) -> None:
        if not text.startswith("/trust"):
            raise UserError(f"the only bot command is /trust (you typed {text.split()[0]}); try /trust help")
        body = text[len("/trust") :]
        if body and not body[0].isspace():
            raise UserError("the only bot command is /trust; try /trust help")
        self.transcript.emit(self.here(), self.world.me, text)
        try:
            spec, args = parse_command_text(body)
        except UserError as exc:
            self._show([Reply(Message(str(exc)), "private")])
            return
        event = CommandEvent(self._community(), self.actor(), self.place(), spec.name, args)
        self._show(await self.core.handle(event))
        await self.refresh_zone()

    async def _say(self, text: str) -> None:
        self.transcript.emit(self.here(), self.world.me, text)
        event = MessageEvent(self._community(), self.actor(), self.place(), text)
        self._show(await self.core.handle(event))

    async def _click(self, args: list[str]) -> None:
        visible = self.chat.visible_buttons(self.world.me, self.place())
        if not visible:
            raise UserError(
                "there are no buttons here to press: none were shown to you, and none are in this channel or thread"
            )
        choice = " ".join(args).strip()
        found: tuple[Button, Place] | None = None
        newest = visible[0]
        if choice.isdigit() and 1 <= int(choice) <= len(newest.buttons):
            found = newest.buttons[int(choice) - 1], newest.place
        else:  # a label: the newest message you can see that has it
            found = next(((b, s.place) for s in visible for b in s.buttons if b.label.lower() == choice.lower()), None)
        if found is None:
            raise UserError(
                f"no button '{choice}'; buttons: "
                + ", ".join(f"{i}: {b.label}" for i, b in enumerate(newest.buttons, 1))
            )
        button, place = found
        where = f"DM {self.world.me}" if place.kind == "dm" else self.here()
        self.transcript.emit(where, self.world.me, f"(clicks [{button.label}])")
        community = None if place.kind == "dm" else COMMUNITY_ID
        event = ActionEvent(community, self.actor(), place, button.action_id, button.value)
        self._show(await self.core.handle(event), in_dm=place.kind == "dm")

    async def _submit_form(self, args: list[str]) -> None:
        shown = self.chat.forms.get(self.world.me)
        if shown is None:
            raise UserError("you have no open form")
        form, place = shown
        values: dict[str, str] = {}
        for arg in args:
            key, sep, value = arg.partition("=")
            if not sep:
                raise UserError(f"'{arg}' is not FIELD=VALUE")
            values[key] = value
        where = f"DM {self.world.me}" if place.kind == "dm" else self.here()
        summary = ", ".join(f"{k}={v}" for k, v in values.items())
        self.transcript.emit(where, self.world.me, f"(submits {form.title}: {summary})")
        community = None if place.kind == "dm" else COMMUNITY_ID
        del self.chat.forms[self.world.me]
        event = FormEvent(community, self.actor(), form.form_id, values, form.context)
        self._show(await self.core.handle(event), in_dm=place.kind == "dm")

    def _show(self, replies: list[Reply], *, in_dm: bool = False) -> None:
        """Print replies: public where you are, private to you only, DMs (and replies to DM buttons) in your DM."""
        me = self.world.me
        for reply in replies:
            message = reply.message
            if reply.visibility == "public":
                self.transcript.emit(self.here(), BOT_NAME, self.chat.render(message))
                self.chat.remember_public(None, message, self.place())
                continue
            elif reply.visibility == "dm" or self.world.where_kind == "dm" or in_dm:
                if me in self.chat.dms_closed:
                    self.transcript.note(f"(a DM to {me} could not be delivered: DMs closed)")
                    continue
                self.transcript.emit(f"DM {me}", BOT_NAME, self.chat.render(message))
                place = Place.dm()
            else:
                self.transcript.emit(self.here(), f"{BOT_NAME} (only {me} sees this)", self.chat.render(message))
                place = self.place()
            self.chat.remember(me, message, place)
