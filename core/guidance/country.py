"""The country an IANA time zone belongs to, from the zone table shipped with tzdata (or the system's)."""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

__all__ = ["zone_country"]

_SYSTEM_TABLE = Path("/usr/share/zoneinfo/zone.tab")


@cache
def _table() -> dict[str, str]:
    try:
        text = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        text = _SYSTEM_TABLE.read_text(encoding="utf-8") if _SYSTEM_TABLE.exists() else ""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            table[fields[2]] = fields[0]
    return table


def zone_country(zone: str | None) -> str | None:
    """ISO 3166 alpha-2 code for ``zone`` ("Europe/London" -> "GB"), or ``None`` (UTC, unknown)."""
    if not zone:
        return None
    return _table().get(zone)
