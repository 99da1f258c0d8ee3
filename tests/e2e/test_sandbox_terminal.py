"""End-to-end: the sandbox at a real terminal (a pseudo-terminal): long lines arrive whole, arrow keys recall lines."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

__all__: list[str] = []

pty = pytest.importorskip("pty")
ROOT = Path(__file__).resolve().parents[2]
UP = "\x1b[A"
TERMINAL_LIMIT = 4095  # what a terminal's own line editing keeps of a line


def _own_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pseudo-terminal (so Ctrl-C is a signal)."""
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """``trustbot`` on a pseudo-terminal: type into it, read what it shows."""

    def __init__(self, tmp_path: Path) -> None:
        master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
        env.update(PYTHONPATH=str(ROOT), TERM="xterm", COLUMNS="100", LINES="40")
        self.db = tmp_path / "term" / "sandbox.db"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bots",
                "--database",
                f"sqlite+aiosqlite:///{self.db}",
                "--start",
                "2027-03-08 12:00",
            ],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=tmp_path,
            env=env,
            close_fds=True,
            preexec_fn=_own_terminal,
        )
        self.slave = slave  # kept open to read the terminal's settings
        self.master = master
        self.shown = b""

    def _pump(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                self.shown += os.read(self.master, 65536)
            except OSError:  # the child closed the terminal
                pass

    def wait_for(self, text: str, timeout: float = 60, *, since: int = 0) -> None:
        """Wait until ``text`` is shown (after the first ``since`` bytes of the screen)."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.shown[since:]:
            if time.monotonic() > deadline or (self.process.poll() is not None and not self._ready()):
                raise AssertionError(f"{text!r} never shown; the screen ends: {self.shown[-600:]!r}")
            self._pump(0.2)

    def wait_exit(self, timeout: float) -> int | None:
        """The child's exit status, reading what it shows meanwhile (a full terminal would block its last words)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._pump(0.1)
        return self.process.poll()

    def _ready(self) -> bool:
        return bool(select.select([self.master], [], [], 0)[0])

    def type(self, text: str) -> None:
        """Type ``text`` a piece at a time, reading the echo meanwhile (so neither side blocks)."""
        data = text.encode()
        while data:
            _, writable, _ = select.select([], [self.master], [], 0.5)
            if writable:
                written = os.write(self.master, data[:512])
                data = data[written:]
            self._pump(0)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def terminal(tmp_path: Path) -> Terminal:
    term = Terminal(tmp_path)
    yield term  # type: ignore[misc]
    term.close()


def transcript_lines(term: Terminal) -> list[str]:
    return [line for line in term.shown.decode(errors="replace").replace("\r", "").split("\n") if line.startswith("[")]


def test_a_long_line_arrives_whole_and_arrow_keys_recall_earlier_lines(terminal: Terminal) -> None:
    terminal.wait_for("owner @ #general> ")
    terminal.type(":as alice\r")
    terminal.wait_for("you are now alice")
    terminal.type(":go dm\r")
    terminal.wait_for("alice @ DM alice> ")  # the prompt: the line editor is reading now
    long = ("I keep thinking about what happened last week and I want to say it all. " * 140) + "LAST-SENTENCE."
    assert len(long) > 2 * TERMINAL_LIMIT
    terminal.type(long + "\r")
    # The first reply waits for the guidance model when no process has cached it yet (about 45 s to train).
    terminal.wait_for("DM alice | trustbot: == ", timeout=180)
    said = [line for line in transcript_lines(terminal) if "DM alice | alice: I keep thinking" in line]
    assert len(said) == 1 and said[0].endswith("LAST-SENTENCE."), said[0][-80:]
    assert len(said[0].split("| alice: ", 1)[1]) == len(long)  # every character, none cut at the terminal's limit
    # the up arrow brings back the line typed before (readline), not the characters ^[[A
    mark = len(terminal.shown)
    terminal.type(":now\r")
    terminal.wait_for("-- it is Monday", since=mark)
    terminal.wait_for("alice @ DM alice> ", since=terminal.shown.index(b"-- it is Monday", mark))
    terminal.type(UP + "\r")
    deadline = time.monotonic() + 60
    while sum("-- it is Monday" in line for line in transcript_lines(terminal)) < 2:
        assert time.monotonic() < deadline, terminal.shown[-600:]
        terminal._pump(0.2)
    terminal.type(":quit\r")
    terminal.process.wait(timeout=60)
    screen = "\n".join(transcript_lines(terminal))
    assert "unknown sandbox command" not in screen and "^[[A" not in screen
    history = terminal.db.parent / "sandbox-history"
    assert history.exists() and ":now" in history.read_text()


def test_ctrl_c_ends_the_sandbox_at_once_and_gives_the_terminal_back(terminal: Terminal) -> None:
    import termios

    terminal.wait_for("owner @ #general> ")
    terminal.type("half a line, never finished")
    terminal.type("\x03")  # Ctrl-C while the line editor waits
    assert terminal.wait_exit(20) == 130, terminal.shown[-600:]
    modes = termios.tcgetattr(terminal.slave)[3]
    assert modes & termios.ICANON and modes & termios.ECHO  # the terminal's own editing and echo are back


def test_a_piped_line_of_ten_thousand_characters_is_read_whole(tmp_path: Path) -> None:
    long = "x" * 9_990 + " LAST-WORDS"
    script = f":as alice\n:go dm\n{long}\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bots", "--database", f"sqlite+aiosqlite:///{tmp_path / 'p.db'}"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
        env=env,
    )
    said = [line for line in result.stdout.splitlines() if "DM alice | alice: " in line]
    assert len(said) == 1 and said[0].split("| alice: ", 1)[1] == long
