"""Where the sandbox keeps its files beside the database: attachments it was sent, and the line history."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import overload

from core.models import Attachment
from core.storage.db import database_url

__all__ = ["SandboxFiles"]

_DEFAULT = Path("data")  # for a database that is not a file


class SandboxFiles:
    """A folder beside the SQLite file (``data/`` for the default ``data/trustbot.db``; ``./data`` otherwise)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @overload
    @classmethod
    def beside(cls, url: str) -> SandboxFiles: ...

    @overload
    @classmethod
    def beside(cls, url: str, fallback: None) -> SandboxFiles | None: ...

    @classmethod
    def beside(cls, url: str, fallback: Path | None = _DEFAULT) -> SandboxFiles | None:
        """The folder of the SQLite file ``url`` names; ``fallback`` for any other database."""
        parsed = database_url(url)
        name = parsed.database or ""
        if parsed.get_backend_name() == "sqlite" and name and name != ":memory:" and not name.startswith("file:"):
            return cls(Path(name).expanduser().resolve().parent)
        return cls(fallback.resolve()) if fallback is not None else None

    @property
    def attachments(self) -> Path:
        return self.folder / "attachments"

    @property
    def log(self) -> Path:
        """Tracebacks of errors that the transcript notes in one line."""
        return self.folder / "sandbox.log"

    @property
    def history(self) -> Path:
        """The interactive shell's line history (arrow keys and Ctrl-R reach earlier runs too)."""
        return self.folder / "sandbox-history"

    def save(self, attachment: Attachment, when: datetime) -> str:
        """Write ``attachment`` under ``attachments/``, named by the virtual time; return a path to open it by."""
        self.attachments.mkdir(parents=True, exist_ok=True)
        stem, dot, ext = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(attachment.filename).name).strip(".-").rpartition(".")
        if not dot:
            stem, ext = ext, ""
        base = f"{when:%Y%m%d-%H%M}-{stem or 'attachment'}"
        suffix = f".{ext}" if ext else ""
        path = self.attachments / f"{base}{suffix}"
        number = 1
        while path.exists():
            number += 1
            path = self.attachments / f"{base}-{number}{suffix}"
        path.write_bytes(attachment.data)
        return _shown(path)


def _shown(path: Path) -> str:
    """The path relative to the working folder when it is inside it (shorter to read), else absolute."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return os.fspath(path)
