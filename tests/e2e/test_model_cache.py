"""End-to-end: the first start trains the guidance model and keeps it; the next start loads it and answers alike."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__: list[str] = []

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ":go dm\nhow do I apologise properly for forgetting our anniversary\n"


def _sandbox(tmp_path: Path, cache: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
    env.update(PYTHONPATH=str(ROOT), TRUSTBOT_MODEL_CACHE=cache, TRUSTBOT_LOG_LEVEL="INFO")
    result = subprocess.run(
        [sys.executable, "-m", "bots", "--database", f"sqlite+aiosqlite:///{tmp_path / 'cache.db'}"],
        input=SCRIPT,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
        cwd=tmp_path,
        env=env,
    )
    return result.stdout


def _tip(transcript: str) -> list[str]:
    return [line.split("| trustbot: ", 1)[1] for line in transcript.splitlines() if "| trustbot: == Tip" in line]


def test_a_second_start_loads_the_kept_model_and_gives_the_same_tip(tmp_path: Path) -> None:
    cache = tmp_path / "model-cache"
    first = _sandbox(tmp_path, str(cache))
    assert "guidance models trained on" in first
    (kept,) = cache.glob("guidance-*.pickle")
    second = _sandbox(tmp_path, str(cache))
    assert f"guidance model loaded from {kept}" in second
    assert "guidance models trained on" not in second
    assert _tip(first) and _tip(first) == _tip(second)
    assert "Say sorry" in _tip(first)[0]


def test_off_keeps_nothing(tmp_path: Path) -> None:
    transcript = _sandbox(tmp_path, "off")
    assert "guidance models trained on" in transcript
    assert not list(tmp_path.rglob("guidance-*.pickle"))
