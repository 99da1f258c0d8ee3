"""Guidance in the sandbox, as a member would DM it: each kind of danger in each language, idioms, tips, buttons."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bots.sandbox.app import open_sandbox
from core.content.schema import Content

__all__: list[str] = []

# Written for these tests from the situations (not taken from the evaluation data), one per kind of danger.
DANGER_EN = {
    "physical-violence": "last night he pinned me to the wall by my neck until i nearly passed out",
    "sexual-violence": "he keeps having sex with me when i'm asleep even though i told him i hate it",
    "threat-to-kill-or-harm": "she said if i ever leave she will kill me and then herself",
    "threat-children": "he says if i go to my sister's he'll take the kids abroad and i'll never see them again",
    "threat-expose": "my ex says he'll send my nudes to my boss unless i come back",
    "coercive-monitoring": "he put a tracking app on my phone and goes through all my messages every night",
    "coercive-isolation": "she won't let me see my friends or family anymore and gets furious if i try",
    "coercive-money-work": "he takes my whole paycheck and gives me twenty dollars a week for everything",
    "coercive-humiliation": "he tells me i'm worthless and no one else would ever want me",
    "stalking": "my ex keeps following me home from work and waits outside my flat at night",
    "suicide-direct": "i want to kill myself, i can't do this anymore",
    "suicide-indirect": "everyone would be better off if i just wasn't here anymore",
    "suicide-method": "i've been looking up ways to die that wouldn't hurt",
    "suicide-goodbye": "this is my goodbye. i've written letters for everyone and given my dog to my brother",
    "self-harm": "i started cutting myself again after our fight",
    "own-urge-to-harm": "i'm scared i'm going to hurt my wife, i almost hit her last night",
    "child-at-risk": "my partner hits our son with a belt when he cries",
}
DANGER_OTHER = {
    "es": ("mi marido me pega cuando bebe y tengo miedo de volver a casa", "Mereces estar a salvo"),
    "pt": ("meu namorado me bateu de novo e disse que me mata se eu contar", "Você merece estar em segurança"),
    "fr": ("j'ai envie de mourir, je n'en peux plus de cette relation", "Tu mérites d'être en sécurité"),
}


async def _say(tmp_path: Path, content: Content, lines: list[str]) -> str:
    out = io.StringIO()
    url = f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}"
    async with open_sandbox(url, content, out, start=datetime(2027, 3, 7, 17, 0, tzinfo=UTC)) as shell:
        for line in lines:
            await shell.run_line(line)
    return out.getvalue()


@pytest.mark.parametrize("category", sorted(DANGER_EN))
async def test_each_kind_of_danger_gets_resources_only(tmp_path: Path, content: Content, category: str) -> None:
    said = await _say(tmp_path, content, [":as alice", ":go dm", DANGER_EN[category]])
    reply = said.split(DANGER_EN[category], 1)[1]
    assert "You deserve to be safe" in reply, reply
    assert "Tip ·" not in reply and "[1:" not in reply  # no tip, no buttons


@pytest.mark.parametrize("language", sorted(DANGER_OTHER))
async def test_danger_in_other_languages_is_answered_in_that_language(
    tmp_path: Path, content: Content, language: str
) -> None:
    words, title = DANGER_OTHER[language]
    said = await _say(tmp_path, content, [":as bruno", ":go dm", words])
    reply = said.split(words, 1)[1]
    assert title in reply and "Tip ·" not in reply


async def test_idioms_get_tips_and_a_london_community_sees_uk_services_first(tmp_path: Path, content: Content) -> None:
    said = await _say(
        tmp_path,
        content,
        [
            "/trust setup channel:#daily-prompts timezone:Europe/London time:08:00",
            ":as cara",
            ":go #daily-prompts",
            "/trust streak",
            ":go dm",
            "I could kill him for eating my leftovers, how do I bring it up without a fight",
            "/trust help safety",
        ],
    )
    idiom = said.split("eating my leftovers", 1)[1].split("/trust help safety", 1)[0]
    assert "Tip ·" in idiom and "You deserve to be safe" not in idiom
    resources = said.rsplit("People who can help right now", 1)[1]
    assert resources.index("trustbot: GB") < resources.index("trustbot: International")
    assert "trustbot: US" not in resources  # a known country: its services and the international ones


async def test_more_on_buttons_and_something_different(tmp_path: Path, content: Content) -> None:
    said = await _say(
        tmp_path,
        content,
        [":as dev", ":go dm", "how do I apologise so she actually believes me", ":click Something different"],
    )
    first = said.split("believes me", 1)[1].split(":click", 1)[0]
    assert "Tip · Step 5: Say sorry" in first and "More on: " in first
    different = said.split("(clicks [Something different])", 1)[1].splitlines()[1]
    assert "Tip ·" in different and "Say sorry" not in different


async def test_help_safety_works_everywhere_privately_and_numbers_what_safety_remove_takes(
    tmp_path: Path, content: Content
) -> None:
    said = await _say(
        tmp_path,
        content,
        [
            "/trust setup channel:#daily-prompts timezone:Europe/London time:08:00 role:moderators",
            '/trust safety add name:"Women\'s Aid" country:GB url:https://www.womensaid.org.uk',
            ":as mona +moderators",
            "/trust safety show",
            ":as eve",
            ":go #daily-prompts",
            "/trust help safety",
            ":jump 2027-03-08 08:30",
            ":go thread",
            "/trust help safety",
            ":go dm",
            "help safety",
            ":as mona +moderators",
            ":go #general",
            "/trust safety remove number:1",
            "/trust safety show",
        ],
    )
    assert "(only mona sees this): 1. Women's Aid" in said
    for where in ("#daily-prompts | trustbot (only eve sees this)", "> thread", "DM eve | trustbot"):
        shown = [line for line in said.splitlines() if where in line and "People who can help right now" in line]
        assert shown, where
    assert "#daily-prompts | trustbot: == People who can help" not in said  # never public
    assert "Removed Women's Aid." in said
    assert said.rsplit("People who can help right now", 1)[1].count("Women's Aid") == 0
