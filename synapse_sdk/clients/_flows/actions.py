"""What a flow asks its driver to do. The driver sends back what came of it: the result of a
`Call`, the bytes of a `Read`; an error is thrown into the flow at the `yield`."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, TypeVar

from .._operation import Operation
from ..exceptions import ClientError

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Call:
    """Send `operation` through the boundary; the reply is its result. With `headers`, the reply
    is `(result, response headers)`. `deadline` (a `time.monotonic()` value) bounds the call,
    retries included."""

    operation: Operation[Any]
    headers: bool = False
    deadline: float | None = None


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


@dataclass(frozen=True, slots=True)
class Emit:
    """Give these items to the caller of an iterator method."""

    items: list[Any]


@dataclass(frozen=True, slots=True)
class Open:
    """Open `operation` as a stream through the boundary (limiter slot held while it is open);
    the reply is the response's content type. A status that is not a success is thrown in as
    its `ClientError`."""

    operation: Operation[Any]


@dataclass(frozen=True, slots=True)
class Read:
    """The next bytes of the open stream; `b""` at its end. The stream closes at the next
    `Open` or when the flow ends."""


READ = Read()

Action = Call | Sleep | Emit | Open | Read
Flow = Generator[Action, Any, R]


class Steps:
    """A flow being driven: the next action it asks for, given the reply (or error) to the last."""

    __slots__ = ("error", "flow", "reply", "result")

    def __init__(self, flow: Flow[Any]) -> None:
        self.flow = flow
        self.reply: Any = None
        self.error: ClientError | None = None
        self.result: Any = None

    def next(self) -> Call | Sleep | Emit | Open | None:
        """The next action, or None once the flow has returned (its value in `result`)."""
        try:
            action = self.flow.throw(self.error) if self.error is not None else self.flow.send(self.reply)
        except StopIteration as stop:
            self.result = stop.value
            return None
        self.reply, self.error = None, None
        return action  # type: ignore[return-value]  # Read is handled as "not the others"
