"""Attachment renderers: named functions the worker calls to build an email's attachment
from stored data (for example the PDF of a submitted bid), so the request that queues the
email does no rendering. Feature apps register theirs in AppConfig.ready():

    attachments.register("bid_pdf", render_bid_pdf)

A renderer takes the message's `attachment_args` as keyword arguments and returns
(filename, content bytes, MIME type).
"""

from collections.abc import Callable

Renderer = Callable[..., tuple[str, bytes, str]]
_renderers: dict[str, Renderer] = {}


class UnknownAttachment(LookupError):
    pass


def register(name: str, renderer: Renderer) -> None:
    _renderers[name] = renderer


def is_registered(name: str) -> bool:
    return name in _renderers


def render(name: str, args: dict) -> tuple[str, bytes, str]:
    try:
        renderer = _renderers[name]
    except KeyError:
        raise UnknownAttachment(f"No attachment renderer is registered as {name!r}") from None
    return renderer(**(args or {}))
