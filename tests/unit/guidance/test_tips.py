"""The tip ranker: right theme for the topic, no repeats, variety for a bare "tip"."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.content import Content, load_content
from core.guidance import TipRanker, detect_danger
from core.guidance.tips import stem

__all__: list[str] = []

DATA = Path(__file__).resolve().parents[2] / "data" / "tip_messages.yaml"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="module")
def ranker(content: Content) -> TipRanker:
    return TipRanker(content)


@pytest.mark.parametrize(
    "words",
    [
        ["apologise", "apologize", "apologies", "apology", "sorry", "apologising"],
        ["lie", "lying", "lied", "liar", "lies"],
        ["respect", "respectful", "disrespect", "disrespected"],
        ["honest", "honesty", "honestly", "dishonest"],
        ["counselling", "counseling", "therapist", "therapy"],
        ["honour", "honor", "honoured"],
        ["promise", "promises", "promised"],
        ["boundary", "boundaries"],
    ],
)
def test_stemming_groups_word_families(words: list[str]) -> None:
    assert len({stem(w) for w in words}) == 1, {w: stem(w) for w in words}


@pytest.mark.parametrize(
    ("text", "theme_id"),
    [
        ("how do I apologise properly", "say-sorry"),
        ("what's the best way to apologize after a big fight", "say-sorry"),
        ("I owe her an apology", "say-sorry"),
        ("i keep lying to him about small things", "be-honest"),
        ("how can I be more honest with her", "be-honest"),
        ("he caught me in a lie", "be-honest"),
        ("she says I don't respect her", "show-respect"),
        ("he is so disrespectful when we argue", "show-respect"),
        ("we should see a couples counsellor", "attend-therapy"),
        ("I keep breaking my promises", "align-words-and-actions"),
    ],
)
def test_rank_puts_topic_first(ranker: TipRanker, text: str, theme_id: str) -> None:
    ranked = ranker.rank(text)
    assert ranked, text
    assert ranked[0].theme.id == theme_id, [(r.theme.id, r.score) for r in ranked[:3]]


def test_rank_is_sorted_and_positive(ranker: TipRanker) -> None:
    ranked = ranker.rank("I lied and I want to say sorry and be honest from now on")
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)


@pytest.mark.parametrize("text", ["", "   ", "tip", "another", "more", "hi", "another tip please", "?!"])
def test_no_topic_gives_no_ranking(ranker: TipRanker, text: str) -> None:
    assert ranker.rank(text) == []


def test_empty_text_still_gives_a_tip(ranker: TipRanker, content: Content) -> None:
    choice = ranker.choose("", [], seed=7)
    assert (choice.theme, choice.tip) in content.tips
    assert choice.score == 0.0


def test_topical_choice_comes_from_best_theme(ranker: TipRanker) -> None:
    choice = ranker.choose("how do I apologise without making excuses", [], seed=1)
    assert choice.theme.id == "say-sorry"
    assert choice.tip in choice.theme.tips
    assert choice.score > 0


def test_choice_is_deterministic_for_a_seed(ranker: TipRanker) -> None:
    first = ranker.choose("tip", ["say-sorry-tip-1"], seed=42)
    again = ranker.choose("tip", ["say-sorry-tip-1"], seed=42)
    assert first == again


@pytest.mark.parametrize("text", ["how do I say sorry", "tip", "we never spend time together"])
def test_never_repeats_the_last_ten(ranker: TipRanker, text: str) -> None:
    history: list[str] = []
    for seed in range(60):
        recent = history[-10:]
        choice = ranker.choose(text, recent, seed=seed)
        assert choice.tip.id not in recent
        history.append(choice.tip.id)


def test_falls_back_to_next_theme_when_best_is_used_up(ranker: TipRanker) -> None:
    text = "I lied to her and I need to apologise"
    ranked = ranker.rank(text)
    assert len(ranked) >= 2
    best = ranked[0].theme
    seen = [tip.id for tip in best.tips]
    choice = ranker.choose(text, seen, seed=3)
    assert choice.theme.id != best.id
    assert choice.tip.id not in seen
    assert choice.theme.id == ranked[1].theme.id


def test_least_recently_seen_when_everything_is_seen(ranker: TipRanker, content: Content) -> None:
    everything = [tip.id for _, tip in content.tips]
    history = list(reversed(everything))  # oldest first: the last tip of the content was seen longest ago
    for text in ["tip", "how do I apologise"]:
        choice = ranker.choose(text, history, seed=5)
        assert choice.tip.id == history[0]


def test_bare_tip_varies_theme_with_seed(ranker: TipRanker) -> None:
    themes = {ranker.choose("tip", [], seed=seed).theme.id for seed in range(30)}
    assert len(themes) >= 5


def test_labelled_set_quality(ranker: TipRanker) -> None:
    with DATA.open(encoding="utf-8") as handle:
        messages = yaml.safe_load(handle)["messages"]
    topical = [m for m in messages if m["expected"] != "safety"]
    assert len(messages) >= 80
    top3 = 0
    false_alarms = 0
    for message in topical:
        if detect_danger(message["text"]) is not None:
            false_alarms += 1
            continue
        ranked = [r.theme.id for r in ranker.rank(message["text"])]
        top3 += message["expected"] in ranked[:3]
    assert top3 / len(topical) >= 0.85
    assert false_alarms / len(topical) <= 0.05
