"""Splits the raw labelled messages once into a development part and a test part (run once; never re-split).

Each message goes to the test part when the SHA-256 of its text falls in the lowest 30% of the
hash space: a fixed rule that no tuning decision can move, and close to stratified for every
label, category and language. Run::

    python tests/data/guidance/split.py   # writes content/training/dev.yaml and tests/data/guidance/test.yaml
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[2] / "content" / "training" / "dev.yaml"  # the model trains on it at run time
TEST_SHARE = 0.30


def in_test(text: str) -> bool:
    digest = int.from_bytes(hashlib.sha256(text.strip().lower().encode()).digest()[:8], "big")
    return digest < TEST_SHARE * 2**64


def main() -> None:
    rows: list[dict[str, str]] = []
    for path in sorted((HERE / "raw").glob("*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")):
            rows.append({**row, "source": path.stem})
    seen: set[str] = set()
    unique = []
    for row in rows:
        key = row["text"].strip().lower()
        if key not in seen:
            seen.add(key)
            unique.append(row)
    parts: dict[str, list[dict[str, str]]] = {"dev": [], "test": []}
    for row in unique:
        parts["test" if in_test(row["text"]) else "dev"].append(row)
    for name, part in parts.items():
        (DEV if name == "dev" else HERE / "test.yaml").write_text(
            yaml.safe_dump(part, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
        )
        counts = Counter((r["label"], r.get("lang", "en")) for r in part)
        print(name, len(part), dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
