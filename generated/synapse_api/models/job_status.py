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

    @classmethod
    def _missing_(cls, value: object) -> "JobStatus | None":
        # synapse: the vocabulary grows over time; keep a value this client does not know yet
        # (as a pseudo-member whose .value is the string sent) instead of failing to parse.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
