"""Fixtures for the Slack adapter tests (the harness lives in harness/slack_world.py)."""

from harness.slack_world import slack

__all__ = ["slack"]
