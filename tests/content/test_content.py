"""Checks on the guidance content in ``content/``: valid, complete, safe, and in our own words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.content import ContentError, default_content_dir, load_content
from core.content.schema import Content

SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"

SMALLEY = "Greg Smalley"
ABRAMSON = "Ashley Abramson"
SMALLEY_TITLE = "Regaining Trust"
ABRAMSON_TITLE = "What Building Trust In A Marriage Really Requires"

FOUNDATION_IDS = {"safe-to-be-open", "commit-to-trustworthiness", "do-not-demand-trust", "safe-harbour"}
STEP_IDS = {
    1: "align-words-and-actions",
    2: "show-respect",
    3: "honour-both-values",
    4: "be-honest",
    5: "say-sorry",
    6: "focus-on-connection",
    7: "have-a-conversation",
    8: "create-emotional-safety",
    9: "attend-therapy",
}

# Every phone number the bot may show. Verified by hand; never add one without checking it.
ALLOWED_PHONES = {
    "911",
    "988",
    "1-800-799-7233",
    "999",
    "116 123",
    "0808 2000 247",
    "000",
    "13 11 14",
    "1800 737 732",
    "112",
    # Added with issue 9 (services in Spanish, Portuguese and French), each checked against the service's
    # own or a government page: CA SOS violence conjugale; ES Línea 024 and 016; MX Línea de la Vida;
    # AR Línea 144; FR 3114 and 3919; BE Centre de Prévention du Suicide; BR CVV 188, Ligue 180 and the
    # military police 190; PT SNS 24 and the CIG line for victims of domestic violence.
    "1-800-363-9010",
    "024",
    "016",
    "800 911 2000",
    "144",
    "3114",
    "3919",
    "0800 32 123",
    "188",
    "180",
    "190",
    "808 24 24 24",
    "800 202 148",
}
ALLOWED_URLS = {
    "https://988lifeline.org",
    "https://www.thehotline.org",
    "https://www.samaritans.org",
    "https://www.nationaldahelpline.org.uk",
    "https://www.lifeline.org.au",
    "https://www.1800respect.org.au",
    "https://findahelpline.com",
    "https://sosviolenceconjugale.ca",
    "https://3114.fr",
    "https://cvv.org.br",
}

COPY_RUN = 8  # words in a row that may not match the seed articles


@pytest.fixture(scope="module")
def content() -> Content:
    try:
        return load_content()
    except ContentError as exc:
        pytest.fail(str(exc))


def test_every_content_file_is_valid() -> None:
    try:
        load_content()
    except ContentError as exc:
        pytest.fail(str(exc))


def test_counts(content: Content) -> None:
    assert len(content.deck) >= 60
    assert len(content.tips) >= 50
    assert len(content.challenges) >= 3
    for theme in content.themes:
        assert len(theme.tips) >= 5, theme.id
        assert len(theme.prompts) >= 5, theme.id
        assert len(theme.reflection_questions) >= 2, theme.id


def test_foundations_and_steps(content: Content) -> None:
    foundations = [t for t in content.themes if t.kind == "foundation"]
    steps = [t for t in content.themes if t.kind == "step"]
    assert {t.id for t in foundations} == FOUNDATION_IDS
    assert len(foundations) == 4
    assert {t.step: t.id for t in steps} == STEP_IDS
    assert len(steps) == 9
    for theme in foundations:
        assert theme.source.author == SMALLEY, theme.id
        assert theme.source.title == SMALLEY_TITLE, theme.id
    for theme in steps:
        assert theme.source.author == ABRAMSON, theme.id
        assert theme.source.title == ABRAMSON_TITLE, theme.id


def test_required_challenges_and_checkins(content: Content) -> None:
    theme_ids = {t.id for t in content.themes}
    expected_days = {"nine-steps": 9, "words-and-actions-week": 7, "repair-and-apology": 5}
    for challenge_id, days in expected_days.items():
        challenge = content.challenge(challenge_id)
        assert len(challenge.days) == days, challenge_id
        assert all(day.theme in theme_ids for day in challenge.days), challenge_id
    nine = content.challenge("nine-steps")
    assert [day.theme for day in nine.days] == [STEP_IDS[n] for n in range(1, 10)]
    questions = {q.id: q for q in content.checkin_questions}
    for scale in ("safe-to-open", "words-match-actions", "felt-connected"):
        assert questions[scale].kind == "scale"
    assert questions["note"].kind == "note"
    assert questions["note"].max_length == 280


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_broken_overlay_reports_every_problem(tmp_path: Path) -> None:
    _write(tmp_path / "themes" / "bad.yaml", "id: bad-theme\nkind: foundation\ntitle: Missing almost everything\n")
    _write(
        tmp_path / "challenges" / "bad.yaml",
        "\n".join(
            [
                "id: bad-challenge",
                "title: Days out of order",
                "summary: A challenge whose days are numbered wrongly.",
                "sources:",
                "  - title: Regaining Trust",
                "    author: Greg Smalley",
                "days:",
                "  - day: 2",
                "    title: Second",
                "    text: This day should have come second, not first.",
                "  - day: 1",
                "    title: First",
                "    text: This day should have come first, not second.",
                "",
            ]
        ),
    )
    with pytest.raises(ContentError) as caught:
        load_content(default_content_dir(), tmp_path)
    problems = caught.value.problems
    theme_problems = [p for p in problems if "bad.yaml" in p and "themes" in p]
    challenge_problems = [p for p in problems if "bad.yaml" in p and "challenges" in p]
    assert theme_problems, problems
    assert any("summary" in p for p in theme_problems), theme_problems
    assert any("days must be numbered" in p for p in challenge_problems), challenge_problems


def _prompts_overlay(tmp_path: Path, mode: str) -> Path:
    _write(
        tmp_path / "prompts.yaml",
        "\n".join(
            [
                f"mode: {mode}",
                "prompts:",
                "  - id: local-prompt-1",
                "    text: What is one kind thing someone did for you this week?",
                "    theme: focus-on-connection",
                "  - id: local-prompt-2",
                "    text: What helps you keep a promise when you are tired?",
                "",
            ]
        ),
    )
    return tmp_path


def test_prompts_overlay_replace(tmp_path: Path) -> None:
    content = load_content(default_content_dir(), _prompts_overlay(tmp_path, "replace"))
    assert [item.id for item in content.deck] == ["local-prompt-1", "local-prompt-2"]


def test_prompts_overlay_add(tmp_path: Path) -> None:
    base = load_content()
    content = load_content(default_content_dir(), _prompts_overlay(tmp_path, "add"))
    ids = [item.id for item in content.deck]
    assert len(ids) == len(base.deck) + 2
    assert ids[: len(base.deck)] == [item.id for item in base.deck]
    assert ids[-2:] == ["local-prompt-1", "local-prompt-2"]


def test_the_deck_is_built_once() -> None:
    content = load_content()
    first = content.deck
    assert content.deck is first  # the same list on every access: the daily prompt does not rebuild it
    assert len(first) == len(content.prompts)


def test_safety_resources_are_the_verified_ones(content: Content) -> None:
    resources = content.safety.resources
    for resource in resources:
        assert resource.country, resource.id
        assert resource.phone or resource.sms or resource.url, resource.id
    phones = {r.phone for r in resources if r.phone}
    assert phones == ALLOWED_PHONES, "phone numbers differ from the verified allow-list"
    urls = {r.url for r in resources if r.url}
    assert urls <= ALLOWED_URLS, f"unverified links: {sorted(urls - ALLOWED_URLS)}"
    countries = {r.country for r in resources}
    assert {"US", "GB", "CA", "AU", "INTL"} <= countries


def _words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_no_copying_from_the_seed_articles(content: Content) -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS_DIR}; cannot check for copied text")
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    if not seeds:
        pytest.skip(f"seed articles not found at {SEEDS_DIR} (no .txt files); cannot check for copied text")
    runs: set[tuple[str, ...]] = set()
    for seed in seeds:
        words = _words(seed.read_text(encoding="utf-8"))
        runs.update(tuple(words[i : i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1))
    # Citing an article by its title is fine; check the text around the title.
    titles = {SMALLEY_TITLE, ABRAMSON_TITLE} | {t.source.title for t in content.themes}
    copied: list[str] = []
    for text in _strings(content.model_dump()):
        parts = [text]
        for title in titles:
            parts = [piece for part in parts for piece in part.split(title)]
        for part in parts:
            words = _words(part)
            for i in range(len(words) - COPY_RUN + 1):
                if tuple(words[i : i + COPY_RUN]) in runs:
                    copied.append(f"{' '.join(words[i : i + COPY_RUN])!r} in {text[:80]!r}")
    assert not copied, "text copied from the seed articles:\n" + "\n".join(copied)
