"""Processes the fault tests start and stop themselves, always by PID: a private redis-server on a free port, a TCP
server that accepts and never answers (a hung Redis), and Celery workers on the test database."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Stop one process we started (by its PID), escalating to SIGKILL after `timeout` seconds."""
    if process.poll() is None:
        os.kill(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def children(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


class RedisServer:
    """A redis-server of our own on a free port, without persistence; `pause()` makes it hang (SIGSTOP)."""

    available = shutil.which("redis-server") is not None

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def pause(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.resume()
        stop(self.process)


class SilentServer:
    """Accepts TCP connections and never answers: a Redis that hangs. Runs in a thread of the test process."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(conn)  # held open, never read or written

    def stop(self) -> None:
        self.listener.close()
        for conn in self.accepted:
            conn.close()


class Worker:
    """A `celery worker` subprocess on the test database, with the test-only report kinds, stopped by its PID."""

    def __init__(self, *, broker_url: str, media_root: str, queue: str, name: str, log_dir: Path,
                 pool: str = "solo", env: dict | None = None) -> None:  # fmt: skip
        from django.db import connection

        db = connection.settings_dict
        environ = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "REDIS_URL": broker_url,
            "TEST_REDIS_WORKER": os.environ.get("PYTEST_XDIST_WORKER", ""),  # the URL is ours: not moved per worker
            "TEST_MEDIA_ROOT": media_root,
            "REPORTS_QUEUE": queue,
            **(env or {}),
        }
        self.log = log_dir / f"{name}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "equity", "worker", "--pool", pool, "--concurrency", "1",
             "-Q", queue, "--hostname", f"{name}@%h", "--loglevel", "INFO",
             "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=environ, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    @staticmethod
    def kill_pid(pid: int) -> None:
        """SIGKILL one process of a worker we started (a pool process: what the OOM killer does)."""
        os.kill(pid, signal.SIGKILL)

    def pool_children(self) -> list[int]:
        return children(self.process.pid)

    def kill_all(self) -> None:
        """SIGKILL the worker and its pool processes (a machine or container lost at once)."""
        pool = self.pool_children()
        stop(self.process, signal.SIGKILL)
        for pid in pool:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def stop(self) -> None:
        pool = self.pool_children()
        stop(self.process)
        for pid in pool:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]
