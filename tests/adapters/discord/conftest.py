"""Fixtures for the Discord adapter tests (the harness lives in tests_discord_helpers.py)."""

from harness.discord_world import world

__all__ = ["world"]
