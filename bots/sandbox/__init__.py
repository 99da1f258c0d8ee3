"""The sandbox: a terminal community that runs the real core with no platform at all."""

from bots.sandbox.shell import SandboxShell

__all__ = ["SandboxShell"]
