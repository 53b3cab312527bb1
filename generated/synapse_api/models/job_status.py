from enum import StrEnum


class JobStatus(StrEnum):
    COMPLETED = "completed"
    FAILED = "failed"
    FAILED_UPPERCASE = "FAILED"
    PENDING = "PENDING"
    QUEUED = "queued"
    RUNNING = "running"
    RUNNING_UPPERCASE = "RUNNING"
    STOPPED = "STOPPED"
    SUCCEEDED = "SUCCEEDED"

    def __str__(self) -> str:
        return str(self.value)
