"""Progress for uploads and job waits: a live rich bar on a terminal, plain lines otherwise.

Both draw on stderr, so stdout holds only the result. `transient=False` leaves the finished bar
on screen (the person sees it reached 100 %); when piped, a line at each quarter is enough for
a CI log.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .output import fancy, note, size

QUARTERS = (25, 50, 75, 100)


def _start(live: Progress) -> None:
    """Start a live display; a Ctrl-C while it starts stops it again (the `with` that would
    have stopped it has not begun), so the terminal gets its line back."""
    try:
        live.start()
    except BaseException:
        live.stop()
        raise


class BinarySpeedColumn(ProgressColumn):
    """The transfer rate in the unit of every other size (rich's own column is decimal)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("?" if speed is None else f"{size(speed)}/s", style="progress.data.speed")


class UploadProgress:
    """The `progress(bytes_sent, total)` callback of `create_plugin_release`, drawn."""

    def __init__(self, name: str, *, enabled: bool = True) -> None:
        self.name = name
        self.enabled = enabled
        self._live: Progress | None = None
        self._task: TaskID | None = None
        self._next_quarter = 0
        self.sent = 0
        self.total: int | None = None

    def __enter__(self) -> UploadProgress:
        if self.enabled and fancy():
            self._live = Progress(
                TextColumn("{task.description}", style="bold", markup=False),
                BarColumn(),
                TaskProgressColumn(),
                DownloadColumn(binary_units=True),  # KiB/MiB, as the plain lines and `size`
                BinarySpeedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            _start(self._live)
            self._task = self._live.add_task(f"uploading {self.name}", total=None)
        elif self.enabled:
            note(f"uploading {self.name}")
        return self

    def __call__(self, sent: int, total: int | None) -> None:
        self.sent, self.total = sent, total
        if not self.enabled:
            return
        if self._live is not None and self._task is not None:
            self._live.update(self._task, completed=sent, total=total)
            return
        if total:
            percent = sent * 100 // total
            while self._next_quarter < len(QUARTERS) and percent >= QUARTERS[self._next_quarter]:
                note(f"uploaded {QUARTERS[self._next_quarter]}% ({size(sent)} of {size(total)})")
                self._next_quarter += 1

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._live is not None:
            self._live.stop()  # leaves the last frame: 100 % after success, where it stopped on Ctrl-C


class JobProgress:
    """`on_update(job)` of `wait_for_job`: the job's status and progress as it changes."""

    def __init__(self, pk: str, *, enabled: bool = True) -> None:
        self.pk = pk
        self.enabled = enabled
        self._live: Progress | None = None
        self._task: TaskID | None = None
        self._last: tuple[Any, Any] | None = None

    def __enter__(self) -> JobProgress:
        if self.enabled and fancy():
            self._live = Progress(
                SpinnerColumn(),
                # markup=False: a status is the server's text, never rich markup.
                TextColumn("job {task.fields[pk]} {task.fields[status]}", style="bold", markup=False),
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            _start(self._live)
            self._task = self._live.add_task("job", total=100, pk=self.pk, status="waiting")
        return self

    def __call__(self, job: Any) -> None:
        if not self.enabled:
            return
        status, progress = job.get("status"), job.get("progress")
        if self._live is not None and self._task is not None:
            self._live.update(
                self._task, status=str(status), completed=progress if isinstance(progress, int | float) else 0
            )
        elif (status, progress) != self._last:
            suffix = f" {progress}%" if progress is not None else ""
            note(f"job {self.pk}: {status}{suffix}")
        self._last = (status, progress)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._live is not None:
            self._live.stop()
