"""The trained guidance model on disk: loaded when nothing it was made from changed, retrained otherwise."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bots.settings import Settings
from core.content.loader import load_content
from core.guidance.cache import cache_key, default_cache_dir, load_or_train
from core.guidance.corpus import load_training
from core.guidance.model import GuidanceModel, theme_documents

CONTENT = load_content()
MESSAGES = load_training()[0]
# A small model trains in well under a second and is a real GuidanceModel all the same.
SMALL = [m for m in MESSAGES if m.label == "danger"][:150] + [m for m in MESSAGES if m.label != "danger"][:250]


class Trainer:
    """Trains the small model and counts how often it was asked to."""

    def __init__(self, digest: str = "digest-1") -> None:
        self.digest = digest
        self.calls = 0

    def __call__(self) -> GuidanceModel:
        self.calls += 1
        return GuidanceModel.train(SMALL, CONTENT, self.digest)


def test_a_second_start_loads_the_model_and_scores_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    train = Trainer()
    first = load_or_train(folder, "k" * 64, "digest-1", train)
    assert train.calls == 1
    assert len(list(folder.glob("guidance-*.pickle"))) == 1
    assert folder.stat().st_mode & 0o077 == 0  # private to this user
    second = load_or_train(folder, "k" * 64, "digest-1", train)
    assert train.calls == 1, "the cached model should have been loaded, not trained again"
    for text in ("he choked me last night and took my phone", "how do we plan a date night", "hola"):
        assert second.danger_score(text) == pytest.approx(first.danger_score(text))
        assert second.rank_themes(text) == first.rank_themes(text)


def test_a_changed_key_trains_again_and_keeps_only_the_new_file(tmp_path: Path) -> None:
    train = Trainer()
    load_or_train(tmp_path, "a" * 64, "digest-1", train)
    load_or_train(tmp_path, "b" * 64, "digest-1", train)
    assert train.calls == 2
    assert [p.name for p in tmp_path.glob("guidance-*.pickle")] == [f"guidance-{'b' * 32}.pickle"]


def test_a_model_of_other_messages_is_not_used(tmp_path: Path) -> None:
    load_or_train(tmp_path, "a" * 64, "digest-1", Trainer("digest-1"))
    other = Trainer("digest-2")
    model = load_or_train(tmp_path, "a" * 64, "digest-2", other)
    assert other.calls == 1 and model.digest == "digest-2"


def test_a_damaged_file_is_trained_over(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    train = Trainer()
    load_or_train(tmp_path, "a" * 64, "digest-1", train)
    (path,) = tmp_path.glob("guidance-*.pickle")
    path.write_bytes(path.read_bytes()[:1000])  # cut off, as by a full disk
    with caplog.at_level(logging.WARNING):
        model = load_or_train(tmp_path, "a" * 64, "digest-1", train)
    assert train.calls == 2 and isinstance(model, GuidanceModel)
    assert "unreadable" in caplog.text
    assert load_or_train(tmp_path, "a" * 64, "digest-1", train) is not None and train.calls == 2  # rewritten whole


def test_a_folder_others_can_write_to_is_never_read(tmp_path: Path) -> None:
    train = Trainer()
    load_or_train(tmp_path, "a" * 64, "digest-1", train)
    tmp_path.chmod(0o777)
    try:
        load_or_train(tmp_path, "a" * 64, "digest-1", train)
    finally:
        tmp_path.chmod(0o700)
    assert train.calls == 2


def test_no_folder_means_nothing_on_disk(tmp_path: Path) -> None:
    train = Trainer()
    load_or_train(None, "a" * 64, "digest-1", train)
    load_or_train(None, "a" * 64, "digest-1", train)
    assert train.calls == 2


def test_a_read_only_folder_still_gives_a_model(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        model = load_or_train(blocked / "cache", "a" * 64, "digest-1", Trainer())
    assert isinstance(model, GuidanceModel)
    assert "could not cache" in caplog.text


def test_the_key_follows_the_messages_and_the_content() -> None:
    texts, labels = theme_documents(CONTENT)
    key = cache_key("digest-1", texts, labels)
    assert key == cache_key("digest-1", texts, labels)
    assert key != cache_key("digest-2", texts, labels)
    assert key != cache_key("digest-1", [*texts[:-1], texts[-1] + " changed"], labels)


def test_the_setting_names_a_folder_the_default_or_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "trustbot"
    assert Settings(TRUSTBOT_MODEL_CACHE="").model_cache_dir() == tmp_path / "trustbot"
    assert Settings(TRUSTBOT_MODEL_CACHE="off").model_cache_dir() is None
    assert Settings(TRUSTBOT_MODEL_CACHE=str(tmp_path / "x")).model_cache_dir() == tmp_path / "x"
