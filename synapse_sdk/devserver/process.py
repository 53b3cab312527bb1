"""``DevServerProcess``: the local backend in a child process, for tests that want process isolation."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from .app import DEFAULT_HEARTBEAT
from .server import LISTENING


class DevServerProcess:
    """Runs ``python -m synapse_sdk.devserver``; same arguments as ``DevServer``."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        db: str = ":memory:",
        tokens: Iterable[str] | None = None,
        readonly_tokens: Iterable[str] = (),
        job_duration: float = 3.0,
        *,
        quiet: bool = True,
        heartbeat: float = DEFAULT_HEARTBEAT,
        startup_timeout: float = 30.0,
        dialect: str = "documented",
    ) -> None:
        self.args = ["--host", host, "--port", str(port), "--db", db, "--job-duration", str(job_duration)]
        self.args += ["--heartbeat", str(heartbeat), "--dialect", dialect]
        for token in tokens or ():
            self.args += ["--token", token]
        for token in readonly_tokens:
            self.args += ["--readonly-token", token]
        if quiet:
            self.args.append("--quiet")
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[str] | None = None
        self._url: str | None = None

    @property
    def url(self) -> str:
        if self._url is None:
            raise RuntimeError("the server is not running; call start() first")
        return self._url

    def start(self) -> DevServerProcess:
        """Start the child and wait for its listening line."""
        if self.process is not None:
            return self
        env = dict(os.environ)
        # Make this very package importable in the child even when it is not installed.
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        env["PYTHONUNBUFFERED"] = "1"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "synapse_sdk.devserver", *self.args],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        lines: queue.Queue[str] = queue.Queue()
        stdout = self.process.stdout
        assert stdout is not None
        # A thread reads the pipe: portable, and the wait can time out.
        threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=self.startup_timeout)
        except queue.Empty:
            self.stop()
            raise RuntimeError(f"the devserver did not start within {self.startup_timeout} s") from None
        if not line.startswith(LISTENING):
            code = self.process.wait(timeout=5) if line == "" else None
            self.stop()
            raise RuntimeError(f"the devserver failed to start (exit code {code}): {line.strip()!r}")
        self._url = line[len(LISTENING) :].strip()
        return self

    def stop(self) -> None:
        """Terminate (SIGTERM) and wait; kill if it does not exit in time."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None
        self._url = None

    def __enter__(self) -> DevServerProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
