"""The trained guidance model kept on disk, so a new process loads it in a second instead of training it again.

A cached model is used only when everything it was made from is unchanged: the training messages, the
content's own words, the code that reads messages into features, and the versions of Python, NumPy, SciPy
and scikit-learn. Anything else trains afresh and replaces it. The file is a pickle, so it is only read from a
folder this user owns and nobody else can write to; one file is kept, written whole or not at all, so
processes starting together on one machine never read half of one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.guidance.model import GuidanceModel

__all__ = ["cache_key", "default_cache_dir", "load_or_train"]

logger = logging.getLogger(__name__)

_PREFIX = "guidance-"
_SOURCES = ("model.py", "safety.py", "corpus.py", "cache.py")


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/trustbot``, or ``~/.cache/trustbot``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "trustbot"


def cache_key(digest: str, extra_texts: Sequence[str], extra_labels: Sequence[str]) -> str:
    """What a trained model depends on, as one hash."""
    import numpy
    import scipy
    import sklearn

    key = hashlib.sha256()
    for part in (digest, sys.version, numpy.__version__, scipy.__version__, sklearn.__version__):
        key.update(part.encode() + b"\0")
    for text, label in zip(extra_texts, extra_labels, strict=True):
        key.update(f"{label}|{text}\n".encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        key.update((here / name).read_bytes())
    return key.hexdigest()


def _private(path: Path) -> bool:
    """True when ``path`` belongs to this user and no one else may write to it."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _load(path: Path, digest: str) -> GuidanceModel | None:
    from core.guidance.model import GuidanceModel

    if not path.is_file() or not (_private(path.parent) and _private(path)):
        return None
    try:
        with path.open("rb") as handle:
            model = pickle.load(handle)  # our own file, in a folder only this user can write
    except Exception as exc:  # a truncated or foreign file: train instead
        logger.warning("guidance model cache %s unreadable (%s); training instead", path, exc)
        return None
    if not isinstance(model, GuidanceModel) or model.digest != digest:
        return None
    return model


def _save(folder: Path, path: Path, model: GuidanceModel) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private(folder):
        logger.warning("guidance model cache %s is writable by others; not using it", folder)
        return
    handle, temporary = tempfile.mkstemp(prefix=".partial-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(model, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # whole or not at all
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    for old in folder.glob(f"{_PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def load_or_train(folder: Path | None, key: str, digest: str, train: Callable[[], GuidanceModel]) -> GuidanceModel:
    """The model cached under ``key`` in ``folder``, or a freshly trained one (then cached); no folder: train."""
    if folder is None:
        return train()
    path = folder / f"{_PREFIX}{key[:32]}.pickle"
    model = _load(path, digest)
    if model is not None:
        logger.info("guidance model loaded from %s", path)
        return model
    model = train()
    try:
        _save(folder, path, model)
    except OSError as exc:  # a read-only or full disk: the trained model still serves this process
        logger.warning("could not cache the guidance model in %s: %s", folder, exc)
    return model
