"""The guidance evaluation data: dev and test are the fixed split of the raw messages, and never overlap."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[2] / "data" / "guidance"
DEV = Path(__file__).resolve().parents[3] / "content" / "training" / "dev.yaml"


def _split_rule():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("guidance_split", DATA / "split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.in_test


def test_dev_and_test_follow_the_one_split_and_cover_the_raw_messages() -> None:
    in_test = _split_rule()
    dev = yaml.safe_load(DEV.read_text(encoding="utf-8"))
    test = yaml.safe_load((DATA / "test.yaml").read_text(encoding="utf-8"))
    assert all(not in_test(row["text"]) for row in dev)
    assert all(in_test(row["text"]) for row in test)
    dev_texts = {row["text"].strip().lower() for row in dev}
    test_texts = {row["text"].strip().lower() for row in test}
    assert not dev_texts & test_texts
    raw = {
        row["text"].strip().lower()
        for path in (DATA / "raw").glob("*.yaml")
        for row in yaml.safe_load(path.read_text(encoding="utf-8"))
    }
    assert dev_texts | test_texts == raw


def test_the_corpus_meets_the_minimums_of_issue_9() -> None:
    rows = [row for path in (DEV, DATA / "test.yaml") for row in yaml.safe_load(path.read_text(encoding="utf-8"))]
    danger = [r for r in rows if r["label"] == "danger"]
    assert len(danger) >= 400
    for lang in ("es", "pt", "fr"):
        assert len([r for r in danger if r["lang"] == lang]) >= 40
    categories = {r["category"] for r in danger}
    assert all(len([r for r in danger if r["category"] == c]) >= 25 for c in categories)
    assert len([r for r in rows if r["label"] == "safe"]) >= 150
    themes = {r["label"] for r in rows if r["lang"] == "en" and r["label"] not in ("danger", "safe", "unclear")}
    assert len(themes) == 13 and len([r for r in rows if r["label"] in themes]) >= 600


def test_no_training_file_repeats_a_held_out_message() -> None:
    test = {
        row["text"].strip().lower()
        for name in ("test.yaml", "fresh.yaml", "everyday.yaml", "fresh2.yaml")
        for row in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    }
    for path in DEV.parent.glob("*.yaml"):
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        assert not {row["text"].strip().lower() for row in rows} & test, path.name
