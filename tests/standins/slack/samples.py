"""Shape checks of Web API answers against Slack's sample responses (keys we send must exist in the sample)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["SAMPLES_DIR", "shape_problems"]

SAMPLES_DIR = Path(__file__).resolve().parents[4] / "shared" / "specs" / "slack" / "samples"


_OPAQUE = frozenset({"blocks", "attachments", "event_payload", "state", "title", "submit", "close"})
"""Keys whose contents come from the app (Block Kit, metadata), not from Slack's answer shape."""


@lru_cache(maxsize=64)
def _sample(method: str) -> dict[str, Any] | None:
    path = SAMPLES_DIR / "api" / f"{method}.json"
    if not path.is_file():
        return None
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return data if isinstance(data, dict) else None


def _walk(ours: Any, sample: Any, where: str, depth: int, out: list[str]) -> None:
    if depth > 2 or not isinstance(ours, dict) or not isinstance(sample, dict) or not sample:
        return
    for key, value in ours.items():
        if key in _OPAQUE:
            continue
        if key not in sample:
            out.append(f"{where}.{key}: not in Slack's sample")
            continue
        inner = sample[key]
        if isinstance(value, list) and value and isinstance(inner, list) and inner:
            _walk(value[0], inner[0], f"{where}.{key}[0]", depth + 1, out)
        else:
            _walk(value, inner, f"{where}.{key}", depth + 1, out)


def shape_problems(method: str, response: dict[str, Any]) -> list[str]:
    """Keys in an ok answer that Slack's sample for the method does not have (none when there is no sample)."""
    sample = _sample(method)
    if sample is None:
        return []
    out: list[str] = []
    _walk(response, sample, method, 0, out)
    return out
