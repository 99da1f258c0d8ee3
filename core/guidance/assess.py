"""Reads a message once: its language, whether it suggests danger (clearly or possibly), and if we understood it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from core.content.schema import Content
from core.guidance.cues import foreign_danger_cue
from core.guidance.dated import told_long_ago
from core.guidance.language import Language, detect_language
from core.guidance.model import (
    DANGER_CLEAR,
    DANGER_CONCERN,
    DANGER_DOUBT,
    DANGER_VETO,
    GuidanceModel,
    guidance_model,
    prepare,
)
from core.guidance.safety import detect_danger

__all__ = ["MIN_WORDS_CLEAR", "WORD", "Assessment", "Level", "assess", "assess_soon", "is_dangerous", "overruled"]

Level = Literal["danger", "concern", "none"]

WORD: Final = re.compile(r"[^\W\d_]{2,}")
# The classifier alone is not trusted on a few words ("my answer", "no"): the rules still are.
MIN_WORDS_CLEAR: Final = 4
_MIN_WORDS_CONCERN: Final = 3
# Rule shapes people also use in jest ("she's going to kill me when she sees my haircut", "he threatened to
# tickle me"): when the classifier is sure a message of some length is not danger, such a match gives the
# tip with the help line instead of resources alone. Weapons, turning up and bruises joined them on 2026-12-01
# (a hunting rifle in a locked safe, a partner who turns up with coffee, a bruise from salsa class): in 5-fold on
# the 29,399 training messages of that day, none of the 390 danger messages these three caught scored below
# DANGER_VETO, while 20 look-alikes did; so did the bare word "overdose" (a friend who is recovering: none of the
# 15 danger messages it alone caught in 5-fold on 32,655 scored below 0). The bare word "suicide" did not: two
# sarcastic danger messages scored below DANGER_VETO. Other rules (suicide, self-harm, hitting, strangling) give
# way only when the classifier is far surer (DANGER_DOUBT).
_HYPERBOLE_PRONE: Final = frozenset(
    "threat/threat-to-kill threat/threatens threat/said-they-would-harm threat/threat-said threat/threat-to-children "
    "violence/physical-violence abuse/abuse coercion/phone-and-tracking coercion/unsafe-at-home "
    "coercion/afraid-of-partner threat/weapon coercion/stalked violence/injuries self_harm/overdose-word".split()
)
# Words that ask for "a tip" without naming a topic, and greetings: a random fresh tip is the answer.
_META: Final = frozenset(
    "tip tips another more next new different random advice idea ideas suggestion suggestions something "
    "anything give send share show one any other else please pls plz surprise hi hello hey hiya yo "
    "morning evening thanks thank thx ok okay the and for".split()
)


@dataclass(frozen=True)
class Assessment:
    """What one message is.

    Attributes:
        level: ``danger`` (send safety resources only), ``concern`` (a tip, plus a gentle line on
            where to get help: a middling score, or a joke-shaped rule match the classifier overrules)
            or ``none``.
        language: the detected language.
        cue: what flagged danger (a rule's name, ``model`` or a language code), never the text.
        understood: an English message we can match to the guidance themes.
        asks_for_any_tip: the message only asks for a tip ("tip", "hi", "another one").
        danger_score: the classifier's score (higher is more likely danger).
    """

    level: Level
    language: Language
    cue: str | None
    understood: bool
    asks_for_any_tip: bool
    danger_score: float


def assess(content: Content, text: str, *, model: GuidanceModel | None = None, today: date | None = None) -> Assessment:
    """Read ``text``: rules first (English patterns, phrases in es/pt/fr), then the trained classifier.

    ``today`` (the core's clock) lets a past told with its years ("in 2011 my ex...") be weighed as a past.
    """
    language = detect_language(text)
    model = model or guidance_model(content)
    words = WORD.findall(text.lower())
    asks_for_any_tip = all(word in _META for word in words)
    score = model.danger_score(text)
    rule = detect_danger(text)
    foreign = foreign_danger_cue(text) if rule is None and language.code != "en" else None
    matched = f"{rule.category}/{rule.cue}" if rule is not None else None
    if matched is None and foreign is not None:
        matched = f"phrase-{foreign}"
    if asks_for_any_tip and rule is None:
        score = min(score, DANGER_CONCERN - 1.0)  # "tip", "hi": nothing to read danger from
    level: Level
    cue: str | None
    if matched is not None:
        dated = today is not None and told_long_ago(text, today)  # only a rule's match can give way to it
        level, cue = ("concern" if overruled(matched, score, len(words), dated=dated) else "danger"), matched
    elif score >= DANGER_CLEAR and len(words) >= MIN_WORDS_CLEAR:
        level, cue = "danger", "model"
    elif score >= DANGER_CONCERN and len(words) >= _MIN_WORDS_CONCERN:
        level, cue = "concern", "model"
    else:
        level, cue = "none", None
    understood = language.code == "en" and model.knows(words) and not asks_for_any_tip
    return Assessment(level, language, cue, understood, asks_for_any_tip, score)


def overruled(cue: str, score: float, words: int, *, dated: bool = False) -> bool:
    """True when a rule or phrase matched but the classifier is sure the message is not danger.

    A hyperbole-prone rule gives way below ``DANGER_VETO``; every other rule and phrase only below the far
    lower ``DANGER_DOUBT`` ("I've never once thought about hurting myself"). A message ``dated`` long ago
    ("in 2011 my ex choked me; I left that week and I'm remarried") gives way wherever the classifier alone
    would not even add the help line (below ``DANGER_CONCERN``). Either way the member still
    gets the help line with the tip.
    """
    if words < MIN_WORDS_CLEAR:
        return False
    if dated and score < DANGER_CONCERN:
        return True
    return score < (DANGER_VETO if cue in _HYPERBOLE_PRONE else DANGER_DOUBT)


async def assess_soon(content: Content, text: str, *, today: date | None = None) -> Assessment:
    """:func:`assess`, first waiting off the event loop for the model if it is still training."""
    await prepare(content)
    return assess(content, text, today=today)


async def is_dangerous(content: Content, text: str, *, today: date | None = None) -> bool:
    """True when ``text`` clearly suggests danger (what thread replies and check-in notes are checked for)."""
    return (await assess_soon(content, text, today=today)).level == "danger"
