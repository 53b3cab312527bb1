"""``Switches``: the failure switches of a running local backend, from Python, over ``/_dev/``.

Works the same for ``DevServer`` (``server.switches``), ``DevServerProcess`` and a server
started from the command line (``Switches("http://127.0.0.1:8000/api/")``)::

    server.switches.status(503, "jobs/*/", times=2)        # the next two GET/PATCH jobs/<id>/: 503
    server.switches.cut("jobs/*/tail_console_logs/", after=2)
    server.switches.fail_job(790)
"""

from __future__ import annotations

from typing import Any

import httpx

from .faults import API_PREFIX, Fault, FaultError, Kind


class Switches:
    """Sets, lists and clears failure switches; ``url`` is the server's API or root URL."""

    def __init__(self, url: str, *, timeout: float = 10.0) -> None:
        root = url if url.endswith("/") else url + "/"
        if root.endswith(API_PREFIX):
            root = root[: -len(API_PREFIX) + 1]
        self.control_url = root + "_dev/"
        self.timeout = timeout

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        with httpx.Client(timeout=self.timeout) as http:
            reply = http.request(method, self.control_url + path, json=body)
        if reply.status_code == 400:
            raise FaultError(_detail(reply))
        if reply.status_code == 404:
            found = _detail(reply)
            if not found.startswith(("No job", "No fault", "No switch")):  # not our control endpoint
                raise LookupError(f"no local backend's switches at {self.control_url}: check the URL")
            raise LookupError(found)
        reply.raise_for_status()
        return reply.json() if reply.content else None

    def add(self, fault: Fault | str) -> Fault:
        """Set a switch: a ``Fault``, or a spec as on the command line (``"GET jobs/*/ 503 times=2"``)."""
        body = {"spec": fault} if isinstance(fault, str) else _fields(fault)
        return Fault(**self._call("POST", "faults/", body))

    def _add(self, kind: Kind, path: str, method: str, times: int | None, **options: Any) -> Fault:
        return self.add(Fault(kind, method=method, path=path, times=times, **options))

    def status(
        self,
        status: int,
        path: str = "**",
        *,
        method: str = "*",
        times: int | None = 1,
        retry_after: int | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """Answer ``status`` to the next ``times`` matching requests (None: until cleared), unprocessed."""
        return self._add("status", path, method, times, status=status, retry_after=retry_after, seconds=delay)

    def delay(self, seconds: float, path: str = "**", *, method: str = "*", times: int | None = 1) -> Fault:
        """Answer the next matching requests normally, ``seconds`` late."""
        return self._add("delay", path, method, times, seconds=seconds)

    def drop(self, path: str = "**", *, method: str = "*", times: int | None = 1) -> Fault:
        """Close the connection of the next matching requests without answering (unprocessed)."""
        return self._add("drop", path, method, times)

    def cut(self, path: str = "**", *, method: str = "*", after: int = 0, times: int | None = 1) -> Fault:
        """Cut the next matching replies: a stream after ``after`` events, another reply half-way."""
        return self._add("cut", path, method, times, after=after)

    def list(self) -> list[Fault]:
        """The switches in force, each with ``hits``: how many requests it has met."""
        return [Fault(**item) for item in self._call("GET", "faults/")]

    def remove(self, fault: Fault | int) -> None:
        self._call("DELETE", f"faults/{fault if isinstance(fault, int) else fault.id}/")

    def clear(self) -> None:
        """Remove every switch."""
        self._call("DELETE", "faults/")

    def fail_job(self, pk: int | str) -> dict[str, Any]:
        """End a job now as ``failed``; returns the job."""
        result: dict[str, Any] = self._call("POST", f"jobs/{pk}/fail/")
        return result

    def stop_job(self, pk: int | str) -> dict[str, Any]:
        """End a job now as ``STOPPED``; returns the job."""
        result: dict[str, Any] = self._call("POST", f"jobs/{pk}/stop/")
        return result

    def succeed_job(self, pk: int | str) -> dict[str, Any]:
        """End a job now as ``completed`` at 100 %; returns the job."""
        result: dict[str, Any] = self._call("POST", f"jobs/{pk}/succeed/")
        return result


def _fields(fault: Fault) -> dict[str, Any]:
    data = fault.to_json()
    del data["id"], data["hits"]
    return data


def _detail(reply: httpx.Response) -> str:
    try:
        body = reply.json()
    except ValueError:
        return reply.text[:200]
    return str(body.get("detail", body)) if isinstance(body, dict) else str(body)
