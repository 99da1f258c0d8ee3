"""Benchmark: safety detection and tip ranking on the held-out test messages (prints figures, exits 0).

    python tests/benchmarks/tip_accuracy.py            # figures on the test part (and the training part, for contrast)
    python tests/benchmarks/tip_accuracy.py --tune     # 5-fold figures on the training messages; picks thresholds
    python tests/benchmarks/tip_accuracy.py --misses   # also list what the held-out sets got wrong

Thresholds are chosen with ``--tune`` on the training messages only (content/training/); the test
part (tests/data/guidance/test.yaml) is never used for a tuning decision.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from core.content import Content, load_content  # noqa: E402
from core.guidance.assess import Assessment, assess  # noqa: E402
from core.guidance.corpus import TrainingMessage, load_training  # noqa: E402
from core.guidance.model import DANGER_CLEAR, DANGER_CONCERN, DANGER_DOUBT, GuidanceModel, guidance_model  # noqa: E402

__all__ = ["Figures", "evaluate", "load_test", "main"]

TEST = ROOT / "tests" / "data" / "guidance" / "test.yaml"
# A second held-out set, written later by two more writers in everyday voices (danger and look-alikes only).
FRESH = ROOT / "tests" / "data" / "guidance" / "fresh.yaml"
# A third, written last by two more writers: mostly everyday messages (trust troubles, heavy lives, look-alikes) in all
# four languages, with some danger: what false alarms look like where members write about ordinary things.
EVERYDAY = ROOT / "tests" / "data" / "guidance" / "everyday.yaml"
# A fourth, written on 2026-12-02 by four more writers after the clear threshold's rule last changed (danger,
# look-alikes and ordinary trust questions in all four languages): it measures that change.
FRESH2 = ROOT / "tests" / "data" / "guidance" / "fresh2.yaml"
# Every labelled message was written in November and December 2026, so they are read as on that day: "in 2011"
# is long ago, "in 2025" is not (the core passes its clock's date the same way).
WRITTEN = date(2026, 12, 1)


def load_test(path: Path = TEST) -> list[TrainingMessage]:
    return [TrainingMessage.model_validate(row) for row in yaml.safe_load(path.read_text(encoding="utf-8"))]


@dataclass
class Figures:
    """What one split measured."""

    topical: int = 0
    top1: int = 0
    top3: int = 0
    danger: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    reached: Counter[str] = field(default_factory=Counter)
    not_danger: int = 0
    false_alarms: int = 0
    not_danger_by_language: Counter[str] = field(default_factory=Counter)
    false_alarms_by_language: Counter[str] = field(default_factory=Counter)
    concern_lines: int = 0
    not_understood: int = 0
    confident_tips_to_unclear: int = 0
    misses: list[str] = field(default_factory=list)


def evaluate(content: Content, messages: list[TrainingMessage], model: GuidanceModel | None = None) -> Figures:
    """Score every message as the core would read it."""
    model = model or guidance_model(content)
    fig = Figures()
    for message in messages:
        found: Assessment = assess(content, message.text, model=model, today=WRITTEN)
        if message.label == "danger":
            for key in (f"category {message.category}", f"language {message.lang}", "all"):
                fig.danger[key] += 1
                fig.caught[key] += found.level == "danger"
                fig.reached[key] += found.level != "none"
            if found.level != "danger":
                fig.misses.append(
                    f"[danger -> {found.level} {found.danger_score:+.2f}] {message.category}: {message.text}"
                )
            continue
        fig.not_danger += 1
        fig.not_danger_by_language[message.lang] += 1
        if found.level == "danger":
            fig.false_alarms += 1
            fig.false_alarms_by_language[message.lang] += 1
            fig.misses.append(f"[false alarm {found.cue} {found.danger_score:+.2f}] {message.label}: {message.text}")
        elif found.level == "concern":
            fig.concern_lines += 1
        if message.label == "unclear" or (message.label == "topical" and message.lang != "en"):
            fig.not_understood += 1
            fig.confident_tips_to_unclear += found.understood
            if found.understood:
                fig.misses.append(f"[confident tip to {message.lang}] {message.text}")
        theme = message.theme
        if theme is None or message.lang != "en":
            continue
        fig.topical += 1
        ranked = [t for t, _ in model.rank_themes(message.text)] if found.level != "danger" else []
        fig.top1 += ranked[:1] == [theme]
        fig.top3 += theme in ranked[:3]
        if ranked[:1] != [theme]:
            fig.misses.append(
                f"[{'top-3' if theme in ranked[:3] else 'miss'}] {theme} got {ranked[:3]}: {message.text}"
            )
    return fig


def _pct(num: int, den: int) -> str:
    return f"{num / den:6.1%} ({num}/{den})" if den else "   n/a"


def report(name: str, fig: Figures, *, misses: bool) -> None:
    print(f"\n== {name}")
    print(f"tip top-1 (first answer fits):            {_pct(fig.top1, fig.topical)}   target >= 80%")
    print(f"tip top-3 (first answer or its 2 buttons): {_pct(fig.top3, fig.topical)}   target >= 95%")
    print(f"safety recall, resources only (all):       {_pct(fig.caught['all'], fig.danger['all'])}   target 100%")
    print(f"safety recall, resources or help line:     {_pct(fig.reached['all'], fig.danger['all'])}")
    print(f"false alarms (non-danger given resources): {_pct(fig.false_alarms, fig.not_danger)}   target <= 3%")
    print(f"help line added to a non-danger tip:       {_pct(fig.concern_lines, fig.not_danger)}")
    by_language = [
        f"{lang} {_pct(fig.false_alarms_by_language[lang], count).strip()}"
        for lang, count in sorted(fig.not_danger_by_language.items())
        if lang in ("en", "es", "pt", "fr")
    ]
    print(f"false alarms by language: {', '.join(by_language)}")
    print(f"confident tip to other language/gibberish: {_pct(fig.confident_tips_to_unclear, fig.not_understood)}")
    print("recall by category and language (resources only | resources or help line):")
    for key in sorted(k for k in fig.danger if k != "all"):
        print(f"  {key:38} {_pct(fig.caught[key], fig.danger[key])} | {_pct(fig.reached[key], fig.danger[key])}")
    if misses:
        print(f"what went wrong ({len(fig.misses)}):")
        for line in fig.misses:
            print(f"  {line[:220]}")


def time_per_dm(content: Content, texts: list[str]) -> tuple[float, float]:
    """p50 and p99 (ms) of the core handling one DM end to end on SQLite (tips, safety, history writes)."""
    from core.app import TrustCore
    from core.clock import VirtualClock
    from core.feature import CoreSettings
    from core.models import Actor, MessageEvent, Place
    from core.store import Store

    sys.path.insert(0, str(ROOT / "tests"))
    from fakes import FakeChat

    async def run() -> list[float]:
        with tempfile.TemporaryDirectory() as folder:
            store = await Store.open(f"sqlite+aiosqlite:///{folder}/bench.db")
            clock = VirtualClock(datetime(2027, 3, 1, 12, tzinfo=UTC))
            core = TrustCore(store, content, clock, {"fake": FakeChat()}, CoreSettings())
            actor = Actor(platform="fake", user_id="bench", display_name="Bench")
            place = Place(kind="dm", channel="dm-bench")
            await core.handle(MessageEvent(actor=actor, place=place, text="hello", community=None))
            timings = []
            kinds: Counter[str] = Counter()
            for text in texts:
                started = time.perf_counter()
                replies = await core.handle(MessageEvent(actor=actor, place=place, text=text, community=None))
                timings.append((time.perf_counter() - started) * 1000)
                kinds[str(replies[0].message.title).split(" · ")[0] if replies else "(nothing)"] += 1
            print(f"replies: {dict(kinds.most_common(6))}")
            await store.close()
            return timings

    timings = asyncio.run(run())
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def tune(content: Content, folds: int = 5) -> None:
    """k-fold figures on the training messages, and the thresholds that meet the aims there.

    Every training message is scored by a model that did not learn it. CLEAR is chosen on the
    development part (``dev.yaml``: written by the same writers as the test part, split from it by
    hash before any tuning), where it keeps false alarms at 2.5%, half way from the 2% aim to the 3%
    limit. The later training files hold many deliberate look-alikes; their figures are printed beside
    it, as the harder case.
    """
    from sklearn.model_selection import StratifiedKFold

    from core.guidance.assess import MIN_WORDS_CLEAR, WORD
    from core.guidance.corpus import training_dir

    messages, _ = load_training()
    development = {
        str(row["text"]).strip().lower()
        for row in yaml.safe_load((training_dir() / "dev.yaml").read_text(encoding="utf-8"))
    }
    strata = [f"{m.label if m.label in ('danger', 'safe', 'unclear') else 'topic'}-{m.lang}" for m in messages]
    counts = Counter(strata)
    strata = [s if counts[s] >= folds else "rare" for s in strata]
    scores: dict[int, float] = {}
    ranks: dict[int, list[str]] = {}
    ruled: set[int] = set()  # clear danger by a rule or phrase (not overruled), whatever the threshold
    matched: set[int] = set()  # a rule or phrase matched, overruled or not
    for number, (train, held) in enumerate(
        StratifiedKFold(folds, shuffle=True, random_state=0).split(messages, strata), start=1
    ):
        model = GuidanceModel.train([messages[i] for i in train], content)
        for i in held:
            found = assess(content, messages[i].text, model=model, today=WRITTEN)
            scores[i] = found.danger_score
            if found.level == "danger" and found.cue != "model":
                ruled.add(i)
            if found.cue not in (None, "model"):
                matched.add(i)
            ranks[i] = [t for t, _ in model.rank_themes(messages[i].text)]
        print(f"fold {number}/{folds} done")
    short = {i for i, m in enumerate(messages) if len(WORD.findall(m.text.lower())) < MIN_WORDS_CLEAR}
    dev = {i for i, m in enumerate(messages) if m.text.strip().lower() in development}

    def cleared(i: int, cut: float) -> bool:
        """Resources alone for message ``i`` with the clear threshold at ``cut``."""
        return i in ruled or (scores[i] >= cut and i not in short)

    def figures(cut: float, only: set[int] | None = None) -> str:
        chosen = [i for i in range(len(messages)) if only is None or i in only]
        clear = {i for i in chosen if cleared(i, cut)}
        danger = [i for i in chosen if messages[i].label == "danger"]
        other = [i for i in chosen if messages[i].label != "danger"]
        caught = sum(i in clear for i in danger)
        alarms = sum(i in clear for i in other)
        recall, alarm_rate = caught / len(danger), alarms / len(other)
        return f"recall {recall:.1%} of {len(danger)}, false alarms {alarm_rate:.1%} of {len(other)}"

    print(f"\n== {folds}-fold on the training messages ({len(messages)}; development part {len(dev)})")
    dev_other = [i for i in dev if messages[i].label != "danger"]
    free = sorted(scores[i] for i in dev_other if i not in ruled and i not in short)
    fixed = sum(1 for i in dev_other if i in ruled)
    for fa in (0.01, 0.015, 0.02, 0.025, 0.03):
        allowed = int(fa * len(dev_other)) - fixed
        cut = free[len(free) - allowed] if 0 < allowed <= len(free) else free[-1] + 1e-6
        print(f"clear at {cut:+.3f}: development part {figures(cut, dev)}; all training {figures(cut)}")
    danger = [i for i, m in enumerate(messages) if m.label == "danger"]
    other = [i for i, m in enumerate(messages) if m.label != "danger"]
    model_only = sorted(scores[i] for i in danger if i not in ruled)
    for share in (0.90, 0.95, 0.97):
        cut = model_only[int(len(model_only) * (1 - share))] if model_only else 0.0
        reached = sum(1 for i in danger if i in ruled or scores[i] >= cut)
        lines = sum(1 for i in other if i not in ruled and scores[i] >= cut)
        print(
            f"concern at {cut:+.3f}: reached {reached / len(danger):.1%},"
            f" help line on {lines / len(other):.1%} of others"
        )
    lowest = min((scores[i] for i in matched if messages[i].label == "danger"), default=0.0)
    spared = sum(1 for i in matched if messages[i].label != "danger" and i not in ruled)
    looks = sum(1 for i in matched if messages[i].label != "danger")
    print(
        f"rules and phrases: lowest-scoring danger message they caught {lowest:+.2f} (DANGER_DOUBT is set half a"
        f" point below it); {spared} of the {looks} look-alikes they flag are overruled at the thresholds in use"
    )
    topical = [i for i, m in enumerate(messages) if m.lang == "en" and m.theme]
    top1 = sum(1 for i in topical if ranks[i][:1] == [messages[i].theme])
    top3 = sum(1 for i in topical if messages[i].theme in ranks[i][:3])
    print(f"themes: top-1 {top1 / len(topical):.1%}, top-3 {top3 / len(topical):.1%} ({len(topical)} messages)")
    print(
        f"in use: DANGER_CLEAR {DANGER_CLEAR:+.3f}, DANGER_CONCERN {DANGER_CONCERN:+.3f},"
        f" DANGER_DOUBT {DANGER_DOUBT:+.1f}"
    )
    print(f"with DANGER_CLEAR: development part {figures(DANGER_CLEAR, dev)}; all training {figures(DANGER_CLEAR)}")
    print("per category and language at the thresholds in use (resources alone / with the help line):")
    groups: dict[str, list[int]] = {}
    for i in danger:
        groups.setdefault(f"category {messages[i].category}", []).append(i)
        groups.setdefault(f"language {messages[i].lang}", []).append(i)
    for key, members in sorted(groups.items(), key=lambda item: item[0]):
        clear = sum(1 for i in members if cleared(i, DANGER_CLEAR))
        line = sum(1 for i in members if i in matched or scores[i] >= DANGER_CONCERN)
        print(f"  {key:<38} {clear / len(members):6.1%} / {line / len(members):6.1%} of {len(members)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="k-fold figures on the training messages")
    parser.add_argument("--misses", action="store_true", help="list every miss on the held-out sets")
    args = parser.parse_args(argv)
    content = load_content()
    if args.tune:
        tune(content)
        return 0
    started = time.perf_counter()
    model = guidance_model(content)
    print(f"trained in {time.perf_counter() - started:.1f} s on {len(load_training()[0])} messages")
    test = load_test()
    held_out = (
        ("TEST part", test),
        ("FRESH set", load_test(FRESH)),
        ("EVERYDAY set", load_test(EVERYDAY)),
        ("SECOND FRESH set", load_test(FRESH2)),
    )
    for name, messages in held_out:
        figures = evaluate(content, messages, model)
        report(f"{name} ({len(messages)} messages, never tuned on)", figures, misses=args.misses)
    training, _ = load_training()
    report(
        f"training part ({len(training)} messages; the model learned these: not a measure)",
        evaluate(content, list(training), model),
        misses=False,
    )
    texts = [m.text for m in test]
    p50, p99 = time_per_dm(content, texts)
    print(
        f"\ncore time per DM over {len(texts)} test messages (SQLite):"
        f" p50 {p50:.1f} ms, p99 {p99:.1f} ms   target p99 <= 25 ms"
    )
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
