"""A real SMTP server on loopback (aiosmtpd) for the notification e-mail tests, and helpers to read what it got.

`smtp_server` starts a server on a free port and points Django's SMTP backend at it; its `answer_data` and
`answer_rcpt` make it refuse (a "451 ..." or "550 ..." reply) and `stop()` takes it down (connection refused).
tests/notifications/conftest.py makes `smtp_server` available to every test of the folder.
"""

from __future__ import annotations

import email
import email.policy
import importlib.util
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from importlib.metadata import distribution

import pytest

from equity.models import EmailDelivery, User
from reports.models import ReportJob


def _aiosmtpd_controller():
    """aiosmtpd's Controller. aiosmtpd imports `public` (the atpublic package), a name the portal's own `public` app
    takes first: atpublic is loaded from its files under that name just while aiosmtpd is imported."""
    init = distribution("atpublic").locate_file("public/__init__.py")
    spec = importlib.util.spec_from_file_location("public", str(init), submodule_search_locations=[str(init.parent)])
    assert spec is not None and spec.loader is not None
    atpublic = importlib.util.module_from_spec(spec)
    ours = sys.modules.get("public")
    sys.modules["public"] = atpublic
    try:
        spec.loader.exec_module(atpublic)
        from aiosmtpd.controller import Controller

        return Controller
    finally:
        if ours is not None:
            sys.modules["public"] = ours
        else:
            sys.modules.pop("public", None)


Controller = _aiosmtpd_controller()
STOP_SECONDS = 5  # the server's thread is stopped within this bound, whatever a test left it doing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    """One message as the server received it: envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes

    def part(self, content_type: str) -> str:
        """The decoded text of the text/plain or text/html part, with the line ends of the text (\n)."""
        found = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        assert found is not None and found.get_content_type() == content_type, f"no {content_type} part"
        return found.get_content().replace("\r\n", "\n")

    def header(self, name: str) -> str:
        """A header's value as sent, unfolded (folding whitespace removed at the start)."""
        value = self.message[name]
        return str(value).strip() if value is not None else ""


@dataclass
class Handler:
    """Keeps what arrives; answers RCPT and DATA as told (None: accept)."""

    received: list[Received] = field(default_factory=list)
    answer_rcpt: str | None = None
    answer_data: str | None = None
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if self.answer_rcpt:
            return self.answer_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.answer_data:
            return self.answer_data
        if self.delay:
            time.sleep(self.delay)  # the test's server thread only: a slow server
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, raw))
        return "250 Message accepted for delivery"


class SmtpServer:
    """An aiosmtpd Controller on 127.0.0.1 and a free port, in a thread of the test process."""

    def __init__(self) -> None:
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=STOP_SECONDS)
        self.controller.start()
        self.running = True

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def stop(self) -> None:
        """Take the server down: connections are refused from now on."""
        if self.running:
            self.running = False
            stopper = threading.Thread(target=self.controller.stop, daemon=True)
            stopper.start()
            stopper.join(timeout=STOP_SECONDS)
            assert not stopper.is_alive(), f"the SMTP server did not stop within {STOP_SECONDS} s"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server the portal's SMTP backend sends to; stopped (bounded in time) after the test."""
    server = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()


def report_job(*, requester: User, title: str = "Roster", failed: bool = True, **fields) -> ReportJob:
    """A finished report job of `requester` (failed: its notification goes by e-mail at once by default)."""
    from django.utils import timezone

    status = ReportJob.Status.FAILED if failed else ReportJob.Status.DONE
    return ReportJob.objects.create(
        kind="department_roster", title=title, requested_by=requester, status=status, queued_at=timezone.now(),
        attempts=1, error="The roster could not be read." if failed else "", **fields,
    )  # fmt: skip


def deliveries(**filters) -> list[EmailDelivery]:
    return list(EmailDelivery.objects.filter(**filters).order_by("pk"))
