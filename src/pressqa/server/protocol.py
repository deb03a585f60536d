"""uvicorn's h11 protocol with a deadline for request headers.

uvicorn closes a connection that stays idle after a response (``timeout_keep_alive``)
but not one that sends its headers a byte at a time: every byte re-arms nothing
and the connection is held for ever.  Here a connection must finish the headers
of each request within ``$PRESSQA_HEADER_TIMEOUT`` seconds (default 10) of
opening, or of the previous response; else it is closed.  The body has its own
deadline in the application (``--read-timeout``: 408).
"""

from __future__ import annotations

import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_HEADER_TIMEOUT = 10.0


def header_timeout() -> float:
    try:
        return float(os.environ.get("PRESSQA_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT))
    except ValueError:
        return DEFAULT_HEADER_TIMEOUT


class HeaderTimeoutH11Protocol(H11Protocol):
    """Closes connections whose request headers do not arrive in time (see the module docstring)."""

    _header_timer: Any = None

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self._header_timer = self.loop.call_later(header_timeout(), self._headers_overdue)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_overdue(self) -> None:
        self._header_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            return  # the headers came: a request is being served (its body has the app's deadline)
        if not self.transport.is_closing():
            self.transport.close()
