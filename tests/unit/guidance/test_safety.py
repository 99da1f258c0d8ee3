"""Danger detection: plain and indirect signs are caught, harmless idioms are not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from core.guidance.safety import DangerSignal, _either, detect_danger, normalise

__all__: list[str] = []

DATA = Path(__file__).resolve().parents[2] / "data" / "tip_messages.yaml"

DANGER = [
    # the member's own acts, attempts, finding a way round a block, a child shut in
    ("i had my hands around his neck last night", "violence"),
    ("i threw a glass at her during the fight", "violence"),
    ("i broke her wrist when we argued", "violence"),
    ("it scares me how badly i want to hurt him", "violence"),
    ("i attempted last spring and i think about trying again", "self_harm"),
    ("i am not safe with myself right now", "self_harm"),
    ("i dont feel safe from myself tonight", "self_harm"),
    ("i wrote down the songs i want at my funeral", "self_harm"),
    ("found my old razor blades and i want to use them", "self_harm"),
    ("he keeps making new accounts to message me after i block him", "coercion"),
    ("my stepdad locks my little brother in the basement", "abuse"),
    # past words beside a present threat, sport beside a denial, agreement absent
    ("my partner says he'll hurt my son from my first marriage if i go", "threat"),
    ("she thinks the bruises on my arms are from rugby. they aren't", "violence"),
    ("he tracks my phone all day and gets angry if i switch it off", "coercion"),
    # violence
    ("he hit me last night", "violence"),
    ("My husband has been hitting me for months", "violence"),
    ("she slapped me across the face in front of the kids", "violence"),
    ("he choked me during a fight", "violence"),
    ("He pushed me into the wall when I tried to leave the room", "violence"),
    ("he strangled me", "violence"),
    ("I have bruises on my arms again", "violence"),
    ("he punched a hole in the wall next to my head", "violence"),
    ("he dragged me by my hair", "violence"),
    ("he grabbed my wrist so hard it left marks", "violence"),
    ("she gets violent when she drinks", "violence"),
    ("he's never hit me until last night", "violence"),
    ("I never thought I would be hurting myself again", "self_harm"),
    ("I never once thought about hurting myself until last week", "self_harm"),
    ("this is my goodbye to the world", "self_harm"),
    ("this will be my last message. thank you for everything", "self_harm"),
    ("he promised he would never hurt me again", "violence"),
    # fear and coercive control
    ("I'm afraid of him", "coercion"),
    ("honestly im scared of my husband", "coercion"),
    ("I'm scared to go home tonight", "coercion"),
    ("I'm afraid of what he might do if I say no", "coercion"),
    ("he wont let me see my friends anymore", "coercion"),
    ("my bf doesn't let me see my family", "coercion"),
    ("he controls all the money and I have to ask for everything", "coercion"),
    ("she takes my phone every night", "coercion"),
    ("he tracks my location 24/7", "coercion"),
    ("he forced me", "coercion"),
    ("he makes me do things I don't want to do", "coercion"),
    ("i'm not allowed to see my sister", "coercion"),
    ("he locked me in the bedroom", "coercion"),
    ("my partner scares me", "coercion"),
    # threats
    ("he threatens to take the kids if I leave", "threat"),
    ("she threatened to post my photos online", "threat"),
    ("he said he'd kill me if I left", "threat"),
    ("He has a gun in the house", "threat"),
    ("he waved a knife at me", "threat"),
    ("he said he'd hurt the kids", "threat"),
    ("if i leave he says he'll find me", "threat"),
    ("she says she'll kill herself if I go", "threat"),
    # abuse
    ("he's emotionally abusive", "abuse"),
    ("he made me have sex when i didn't want to", "abuse"),
    ("he calls me worthless every day", "abuse"),
    # self-harm
    ("I want to die", "self_harm"),
    ("i just want to kill myself", "self_harm"),
    ("sometimes I think I should end it all", "self_harm"),
    ("i'm ending things tonight, I've written the letters", "self_harm"),
    ("we argued again and I want to end it all with the pills I kept", "self_harm"),
    ("ending things with the rope in the garage tonight", "self_harm"),
    ("honestly I just want to disappear and stop being everyone's problem", "self_harm"),
    ("I don't want to be here anymore", "self_harm"),
    ("everyone would be better off without me", "self_harm"),
    ("i hurt myself again last night", "self_harm"),
    ("I've been self-harming", "self_harm"),
    ("i started cutting again", "self_harm"),
    ("there's no reason to live", "self_harm"),
    ("dont want to live anymore", "self_harm"),
    ("what's the point in living", "self_harm"),
    ("nothing to live for", "self_harm"),
    ("i took a bunch of pills", "self_harm"),
    ("honestly i'm done with living", "self_harm"),
    ("is there a way to do it painlessly", "self_harm"),
    ("sh'd twice this week, don't tell my wife", "self_harm"),
    ("i daydream about my husband dying and it scares me how calm i feel", "violence"),
    ("how would you make a death look like an accident", "violence"),
    ("her boyfriend fractured her cheekbone and she went back to him", "violence"),
    ("he slammed her into the fridge while the baby watched", "violence"),
    ("only noticed last week that the car he bought me sends my location to his phone", "coercion"),
    ("my ex has been going through my mail again", "coercion"),
    ("i don't want to hurt myself anymore but i keep doing it", "self_harm"),
    ("that was the last christmas i fake a smile through. thank you all, it's been nice knowing you", "self_harm"),
    ("she swore she'd 'finish me' if I ever told my mum what goes on", "threat"),
    # A denial undone after a comma by a time word, or after "but": renewed, not denied.
    ("he never laid a hand on me, not until yesterday", "violence"),
    ("I've never hurt myself, until this week", "self_harm"),
    ("he never hit me but last night he did", "violence"),
    ("i've been cutting my arms again", "self_harm"),
    # A past named beside it does not make it over when the day it happened is named.
    ("I had an affair four years ago. On Saturday she hit me with a belt because my phone was on silent", "violence"),
]

HARMLESS = [
    "I'm killing myself laughing at his dad jokes",
    "we're ending things after three years but we still have to share the car until March",
    "thinking of ending things with my boyfriend, how do I tell him without being cruel",
    "some days I just want to disappear for a couple of days, phone off, long walks, then come home",
    "she stabbed me in the back in mario kart",
    "I could strangle him sometimes, he left the heating on all weekend",
    "my ex used to hit me but it's been years, I'm 41 now and healing",
    "I left an abusive relationship ages ago, I'm safe and just started dating again",
    "he has never forced me into anything, we just want different things",
    "Just so you know, I have never once thought about hurting myself. We just keep bickering about the dishes.",
    "finally moving in with my partner in germany!! this is my goodbye to the long distance channel",
    "This is the last time you'll hear from me for a while - we're moving to Australia on Friday",
    "Non, je ne pense pas du tout au suicide, je suis juste déçue de notre couple en ce moment.",
    "i dont want to hurt myself, i'm just sad she works abroad now",
    "I'm not going to hurt myself, I just need to vent about the wedding",
    "she doesn't track me or read my texts, and I'm not used to that much trust",
    "he shares his location with me because I asked him to when he drives at night",
    "the bruises are from roller derby, nobody is hurting me",
    "we watched a play where the husband threatens to take the kids",
    "I attempted a apology dinner and burnt the rice",
    "I attempted to talk to her about money last night",
    "I attempted when I was 19. I'm 35 now, still in therapy and doing well",
    "I threw a pillow at him when he told that awful pun",
    "she broke her wrist skiing and I've been doing all the chores",
    "she broke her nose at hockey practice and he drove her to hospital",
    "how do I tell him I want to break up, is there a way to do it without hurting him",
    "I locked myself out of the car again",
    "we picked songs for our wedding, not my funeral, relax",
    "I'm dying to know how to apologise better",
    "this apology killed me lol",
    "I hit the gym to clear my head after we argued",
    "we fight about dishes constantly",
    "he hurt my feelings when he forgot our anniversary",
    "I'm afraid to tell him I lied about the money",
    "I'm killing it at work but neglecting her",
    "my wife is going to kill me lol I forgot to book the restaurant",
    "she hurt me so much when she cheated",
    "it really hit me how much I'd hurt her",
    "I've been beating myself up about lying",
    "She jumped the gun and assumed I was cheating",
    "he abused my trust",
    "I feel threatened by his friendship with his coworker",
    "she uses my past as a weapon in every argument",
    "I kicked him out after I found the texts",
    "we hit a rough patch after the baby",
    "she dragged me to couples therapy",
    "i'm afraid of her finding out I lied",
    "he's not violent at all just distant",
    # A renewal word ("anymore", "lately", "since") in a later clause does not undo the denial.
    "i'm not scared of her at all, we just don't really talk anymore. where do we start",
    "he's never laid a hand on me or the kids, he's just so distant lately",
    "I'm not going to hurt myself, promise, I'm just really low since the layoff",
    "he would never hurt me, I just don't trust him",
    "I'm scared of losing her",
    "cutting back on drinking to show her i'm serious",
    "the silence is killing me",
    "i felt like i could die of embarrassment",
    "I need to cut myself some slack",
    "she's threatening to leave if I don't go to therapy",
    "she's gun-shy about opening up again",
    "he always says he'd take a bullet for me, how do I show him I would too",
    "we bit the bullet and booked couples counselling",
    "trying her famous five-alarm chilli tonight, been nice knowing you all lol",
    "he said he'd finish the shelves this weekend and he actually did",
    "honestly I dodged a bullet with my ex, now how do I trust again",
    "I'm scared he'll leave me",
    "I track my spending now to be transparent",
    "she forced me to look at my own behaviour",
    "our marriage is in danger of falling apart",
    "nonviolent communication might help us",
    "I'd rather die than admit I was wrong, which is the problem",
    "she bit my head off this morning because I ate her leftovers",
    "my wife got kicked by a cow, she's ok but won't rest",
    "sorry for the slow replies, burned my hand on the oven making her birthday dinner",
    "my girlfriend's been cutting up my food for me since the bike crash",
    "i'm killing myself at the gym for the wedding and he keeps eating pizza in front of me",
    "he hit me once, years ago, when we were both drinking. we've been sober for a decade",
    "",
    "   ",
]


@pytest.mark.parametrize(("text", "category"), DANGER)
def test_catches_danger(text: str, category: str) -> None:
    signal = detect_danger(text)
    assert signal is not None, text
    assert signal.category == category, (text, signal)


@pytest.mark.parametrize("text", HARMLESS)
def test_ignores_harmless_wording(text: str) -> None:
    assert detect_danger(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I burned my hand on the stove on purpose yesterday to stop thinking about the affair",
        "burned my wrist on the oven tray again, it's the only thing that calms me down",
        "he burned my arm on the stove when I talked back",
    ],
)
def test_a_burn_that_was_meant_or_given_is_not_a_kitchen_accident(text: str) -> None:
    assert detect_danger(text) is not None


def test_cue_never_contains_the_message() -> None:
    text = "he said he'd kill me if I told anyone about the bruises"
    signal = detect_danger(text)
    assert isinstance(signal, DangerSignal)
    assert signal.cue not in normalise(text)
    assert " " not in signal.cue


def test_normalises_curly_quotes_case_and_spacing() -> None:
    assert normalise("He  WON\u2019T\n let me") == "he won't let me"
    assert normalise("dont   wanna") == "don't want to"
    assert detect_danger("He WON\u2019T let me see my FRIENDS") is not None


def test_every_labelled_safety_message_is_caught() -> None:
    with DATA.open(encoding="utf-8") as handle:
        messages = yaml.safe_load(handle)["messages"]
    safety = [m["text"] for m in messages if m["expected"] == "safety"]
    assert len(safety) >= 20
    missed = [text for text in safety if detect_danger(text) is None]
    assert missed == []


def test_the_factored_patterns_match_exactly_what_joined_alternatives_would() -> None:
    alternatives = [r"\bdying to\b", r"(?:^|[.!?,;] )beats me\b", r"\bkill(?:ing)? it\b|\bnailed it\b", r"\bdead\b"]
    joined, either = re.compile("|".join(alternatives)), _either(alternatives)
    for text in (
        "i'm dying to know",
        "beats me, honestly",
        "ok. beats me",
        "killing it at work, we nailed it",
        "xkilling it undying to",
        "dead tired, not undead",
    ):
        assert [m.span() for m in either.finditer(text)] == [m.span() for m in joined.finditer(text)], text


@pytest.mark.parametrize(
    "text",
    [
        "Goodbye everyone! I'm stepping down as mod because of my new job. I'll still be around as a regular member.",
        "goodbye all, off for my knee op tomorrow. see you all next week, be nice to the new mods",
    ],
)
def test_a_goodbye_from_someone_who_stays_is_no_farewell(text: str) -> None:
    assert detect_danger(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "goodbye everyone. i'm sorry for everything",
        "goodbye everyone. i'm back in hospital and i can't do this anymore",
        "goodbye all. i won't be back",
    ],
)
def test_a_goodbye_with_no_sign_of_staying_is_still_a_farewell(text: str) -> None:
    signal = detect_danger(text)
    assert signal is not None and signal.category == "self_harm", text
