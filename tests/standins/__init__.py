"""Local stand-ins for the chat platforms' APIs, used by adapter tests and benchmarks."""

__all__: list[str] = []
