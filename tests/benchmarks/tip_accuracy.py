"""Benchmark: tip-theme accuracy and safety recall over the labelled DMs (prints figures, always exits 0)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from core.content import load_content  # noqa: E402
from core.guidance import TipRanker, detect_danger  # noqa: E402

__all__ = ["DATA", "Figures", "evaluate", "load_messages", "main"]

DATA = ROOT / "tests" / "data" / "tip_messages.yaml"
SAFETY = "safety"


@dataclass
class Figures:
    """What the benchmark measured."""

    messages: int = 0
    topical: int = 0
    safety: int = 0
    top1: int = 0
    top3: int = 0
    caught: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def top1_accuracy(self) -> float:
        return self.top1 / self.topical if self.topical else 0.0

    @property
    def top3_accuracy(self) -> float:
        return self.top3 / self.topical if self.topical else 0.0

    @property
    def safety_recall(self) -> float:
        return self.caught / self.safety if self.safety else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.topical if self.topical else 0.0


def load_messages(path: Path = DATA) -> list[tuple[str, str]]:
    """The labelled messages as ``(text, expected)`` pairs."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return [(str(item["text"]), str(item["expected"])) for item in data["messages"]]


def evaluate(ranker: TipRanker, messages: list[tuple[str, str]]) -> Figures:
    """Score every message: safety first, then the theme ranking."""
    figures = Figures(messages=len(messages))
    for text, expected in messages:
        signal = detect_danger(text)
        if expected == SAFETY:
            figures.safety += 1
            if signal is not None:
                figures.caught += 1
            else:
                figures.misses.append(f"[safety missed] {text}")
            continue
        figures.topical += 1
        if signal is not None:
            figures.false_alarms += 1
            figures.misses.append(f"[false alarm: {signal.category}/{signal.cue}] expected {expected}: {text}")
            continue
        ranked = [entry.theme.id for entry in ranker.rank(text)]
        if ranked[:1] == [expected]:
            figures.top1 += 1
        if expected in ranked[:3]:
            figures.top3 += 1
        if ranked[:1] != [expected]:
            got = ", ".join(ranked[:3]) or "(nothing)"
            where = "top-3" if expected in ranked[:3] else "miss"
            figures.misses.append(f"[{where}] expected {expected}, got {got}: {text}")
    return figures


def main() -> int:
    """Print the figures; always returns 0."""
    ranker = TipRanker(load_content())
    figures = evaluate(ranker, load_messages())
    print(f"messages:          {figures.messages} ({figures.topical} topical, {figures.safety} safety)")
    print(f"top-1 accuracy:    {figures.top1_accuracy:.1%} ({figures.top1}/{figures.topical})")
    print(f"top-3 accuracy:    {figures.top3_accuracy:.1%} ({figures.top3}/{figures.topical})  target >= 85%")
    print(f"safety recall:     {figures.safety_recall:.1%} ({figures.caught}/{figures.safety})  target 100%")
    print(f"false-alarm rate:  {figures.false_alarm_rate:.1%} ({figures.false_alarms}/{figures.topical})  target <= 5%")
    print(f"not top-1 ({len(figures.misses)}):")
    for line in figures.misses:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
