"""A local Slack stand-in (Web API, HTTP-mode delivery, Socket Mode) that the real slack_sdk / slack_bolt talk to."""

from .limits import RateLimiter
from .server import CallRecord, DeliveryResult, SlackError, SlackStandIn, TeamHandle
from .socket_mode import SocketAck, SocketEnvelope
from .spec import SpecValidator

__all__ = [
    "CallRecord",
    "DeliveryResult",
    "RateLimiter",
    "SlackError",
    "SlackStandIn",
    "SocketAck",
    "SocketEnvelope",
    "SpecValidator",
    "TeamHandle",
]
