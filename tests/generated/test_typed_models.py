"""Typed models read what the dicts hold, field for field, on replies that stretch the document
(unknown fields, nulls, new enum values, UUID ids, offsets in date-times, fields left out), and
the lazy reading behind `from_dict` behaves as an attrs class built at once would."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
import uuid
from typing import Any

import attrs
import pytest
from synapse_api.models import ConsoleLogEntry, Job, JobStatus, PaginatedJobList, Plugin, Storage
from synapse_api.types import UNSET, Unset

from synapse_sdk.clients.backend import BackendClient
from tests.canned import Canned, CannedServer

JOB_ID = "3f1c2a9e-8b7d-4c21-9e0f-5a6b7c8d9e0f"
ODD_JOBS: list[dict[str, Any]] = [
    {  # every field, a status no document lists, unknown fields at two levels
        "id": 789,
        "plugin": 123,
        "status": "ARCHIVED",
        "progress": 40,
        "result": {"output": "s3://x", "nested": {"a": [1, 2]}},
        "metadata": {"current_step": "processing", "attempt": 2},
        "metrics": {"loss": 0.25},
        "logs": [
            {"id": 1, "timestamp": "2025-01-15T09:30:00.5Z", "level": "INFO", "message": "시작", "host": "a"},
            {"timestamp": "2025-01-15T18:30:00+09:00", "level": "TRACE", "message": ""},
        ],
        "user": 456,
        "created": "2025-01-15T09:30:00Z",
        "modified": "2025-01-15T09:31:00.000Z",
        "priority": 5,
        "tags": ["a", None],
    },
    {  # a UUID id, offsets of every kind, null where the document allows it
        "id": JOB_ID,
        "plugin": 1,
        "status": "running",
        "progress": 0,
        "metadata": {},
        "user": None,
        "created": "2025-01-15T18:30:00.123456+09:00",
        "modified": "2025-01-15T04:00:00-05:30",
    },
    {  # null where the document allows none, a naive date-time, an upper-case status
        "id": 7,
        "plugin": 2,
        "status": "SUCCEEDED",
        "progress": 100,
        "metadata": None,
        "result": None,
        "logs": None,
        "user": 3,
        "created": "2025-01-15T09:30:00",
        "modified": None,
    },
    {"id": 8, "status": "queued"},  # an older server that leaves required fields out
]


def _serve(canned: CannedServer, body: object) -> None:
    canned.reply = Canned(body=json.dumps(body).encode())


def _plain(value: Any) -> Any:
    """A typed value as the JSON it stands for."""
    if isinstance(value, JobStatus):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


NEVER_NULL = {"metadata", "result", "metrics", "logs", "created", "modified", "status"}


def _agree(typed: Job, reply: dict[str, Any]) -> None:
    names = {field.name for field in attrs.fields(Job)} - {"additional_properties"}
    for name in names:
        value = getattr(typed, name)
        if name not in reply or (reply[name] is None and name in NEVER_NULL):
            assert value is UNSET, (name, value)  # absent, or null where it may not be: absent
        else:
            assert _plain(value) == reply[name], name
    assert typed.additional_properties == {key: reply[key] for key in reply.keys() - names}
    expected = {key: value for key, value in reply.items() if not (value is None and key in NEVER_NULL)}
    assert typed.to_dict() == expected


@pytest.mark.parametrize("reply", ODD_JOBS, ids=["full", "uuid-offsets", "nulls", "left-out"])
def test_typed_job_agrees_with_the_dict_field_for_field(canned: CannedServer, reply: dict[str, Any]) -> None:
    _serve(canned, reply)
    with BackendClient(canned.url) as client:
        as_dict = client.get_job(789)
    assert as_dict == reply  # the dict path passes the reply through unchanged
    typed = Job.from_dict(as_dict)
    _agree(typed, reply)
    if reply["id"] == JOB_ID:
        assert typed.id == uuid.UUID(JOB_ID)
    if isinstance(typed.created, datetime.datetime):
        assert typed.created == datetime.datetime.fromisoformat(reply["created"])
    assert isinstance(typed.status, JobStatus) and typed.status.value == reply["status"]


def test_a_typed_page_agrees_with_the_dict_page(canned: CannedServer) -> None:
    page = {"count": 4, "next": None, "previous": None, "results": ODD_JOBS}
    _serve(canned, page)
    with BackendClient(canned.url) as client:
        jobs, total = client.list_jobs()
    assert (jobs, total) == (ODD_JOBS, 4)
    for typed, reply in zip([Job.from_dict(job) for job in jobs], ODD_JOBS, strict=True):
        _agree(typed, reply)
    typed_page = PaginatedJobList.from_dict(page)
    assert typed_page.count == 4 and typed_page.next_ is None
    for typed, reply in zip(typed_page.results, ODD_JOBS, strict=True):
        _agree(typed, reply)
    log = typed_page.results[0].logs
    assert not isinstance(log, Unset) and isinstance(log[0], ConsoleLogEntry)
    assert log[0].additional_properties == {"host": "a"} and log[1].id is UNSET


def test_from_dict_never_changes_the_mapping_and_reads_it_once() -> None:
    reply = copy.deepcopy(ODD_JOBS[0])
    snapshot = copy.deepcopy(reply)
    job = Job.from_dict(reply)
    assert job.status == "ARCHIVED"
    assert reply == snapshot  # nothing popped, nothing added
    reply["status"] = "changed after the first read"
    assert job.status == "ARCHIVED" and job.progress == 40


def test_a_lazy_model_equals_one_built_at_once() -> None:
    reply = ODD_JOBS[1]
    lazy = Job.from_dict(reply)
    built = Job(
        id=uuid.UUID(JOB_ID),
        plugin=1,
        status=JobStatus.RUNNING,
        progress=0,
        metadata=Job.from_dict(reply).metadata,
        user=None,
        created=datetime.datetime.fromisoformat(reply["created"]),
        modified=datetime.datetime.fromisoformat(reply["modified"]),
    )
    assert lazy == built and Job.from_dict(reply) == lazy
    assert repr(Job.from_dict(reply)) == repr(lazy)
    assert attrs.asdict(Job.from_dict(reply))["progress"] == 0
    assert pickle.loads(pickle.dumps(Job.from_dict(reply))) == lazy
    assert copy.copy(Job.from_dict(reply)) == lazy
    evolved = attrs.evolve(Job.from_dict(reply), progress=50)
    assert evolved.progress == 50 and evolved.created.isoformat() == reply["created"]
    built.progress = 10  # a model built at once has no pending mapping and plain attributes
    assert built.progress == 10
    with pytest.raises(AttributeError, match="no attribute 'stauts'"):
        built.stauts  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(AttributeError, match="no attribute 'stauts'"):
        Job.from_dict(reply).stauts  # type: ignore[attr-defined]  # noqa: B018


def test_a_field_set_before_the_first_read_is_kept() -> None:
    job = Job.from_dict(ODD_JOBS[0])
    job.progress = 99
    assert job.progress == 99 and job.status == "ARCHIVED"


def test_a_value_that_does_not_fit_raises_on_first_read_naming_the_model() -> None:
    job = Job.from_dict({**ODD_JOBS[0], "created": "not a date"})
    with pytest.raises(ValueError, match=r"Job\.from_dict: the data does not fit the document"):
        _ = job.progress
    with pytest.raises(ValueError, match="not a date"):  # still pending: every read says so
        _ = job.created
    with pytest.raises(ValueError, match=r"Plugin\.from_dict"):
        _ = Plugin.from_dict(["not", "a", "mapping"]).name  # type: ignore[arg-type]


def test_other_reply_models_are_lazy_too_and_keep_unknown_fields() -> None:
    storage = Storage.from_dict(
        {"id": 1, "name": "nas", "provider": "backblaze_b2", "category": "external", "zone": "kr"}
    )
    assert storage.name == "nas" and storage.provider == "backblaze_b2"
    assert storage.additional_properties == {"zone": "kr"}


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("run_plugin", (123, {"parameters": "not an object"})),
        ("update_job", (1, {"metadata": 5})),
        ("create_plugin", ({"name": "n", "configuration": [1]},)),
    ],
)
def test_a_request_bodys_nested_models_are_checked_before_sending(method: str, args: tuple[Any, ...]) -> None:
    """Request bodies are read at once, nested (lazy) models included: a part that does not fit
    is a ValidationError before any request (port 9 refuses: sending would be a connection error)."""
    from synapse_sdk.clients.exceptions import ValidationError

    client = BackendClient("http://127.0.0.1:9/", access_token="t", max_retries=0)
    with pytest.raises(ValidationError, match=r"not sent: data: .*does not fit the document"):
        getattr(client, method)(*args)


# Forms python-dateutil's isoparse (the stock generator's parser) reads and Python 3.11's
# fromisoformat refuses: they reach the fallback, and still round-trip byte for byte.
ISOPARSE_ONLY = {
    "2025-01-15T09:30:00z": datetime.datetime(2025, 1, 15, 9, 30, tzinfo=datetime.UTC),
    "2025-01": datetime.datetime(2025, 1, 1),
    "2025": datetime.datetime(2025, 1, 1),
    "2025-015T09:30": datetime.datetime(2025, 1, 15, 9, 30),
    "2025-01-15T24:00:00Z": datetime.datetime(2025, 1, 16, tzinfo=datetime.UTC),
}
# Forms both read (the fast path): RFC 3339 and the ISO 8601 variants a server may send.
FROMISOFORMAT = {
    "2025-01-15T09:30:00Z": datetime.datetime(2025, 1, 15, 9, 30, tzinfo=datetime.UTC),
    "20250115T093000Z": datetime.datetime(2025, 1, 15, 9, 30, tzinfo=datetime.UTC),
    "2025-W03-3T09:30": datetime.datetime(2025, 1, 15, 9, 30),
    "2025-01-15T09:30:00,5+0900": datetime.datetime(
        2025, 1, 15, 9, 30, 0, 500000, tzinfo=datetime.timezone(datetime.timedelta(hours=9))
    ),
    "2025-01-15T09:30:00.1234567Z": datetime.datetime(2025, 1, 15, 9, 30, 0, 123456, tzinfo=datetime.UTC),
    "2025-01-15": datetime.datetime(2025, 1, 15),
}


@pytest.mark.parametrize("wire", [*ISOPARSE_ONLY, *FROMISOFORMAT])
def test_every_date_time_form_isoparse_read_still_parses(canned: CannedServer, wire: str) -> None:
    from dateutil.parser import isoparse

    _serve(canned, {**ODD_JOBS[1], "created": wire})
    with BackendClient(canned.url) as client:
        job = Job.from_dict(client.get_job(789))
    expected = {**ISOPARSE_ONLY, **FROMISOFORMAT}[wire]
    assert job.created == expected == isoparse(wire)
    assert isinstance(job.created, datetime.datetime) and job.created.utcoffset() == expected.utcoffset()
    assert job.created.isoformat() == wire and job.to_dict()["created"] == wire
    assert job.created.isoformat(timespec="seconds") == expected.isoformat(timespec="seconds")


@pytest.mark.parametrize(
    ("wire", "message"),
    [
        ("yesterday", r"Invalid isoformat string: 'yesterday'"),
        ("2025-13-45T09:30:00Z", r"month must be in 1\.\.12"),
    ],
)
def test_a_date_time_neither_parser_reads_keeps_pythons_message(wire: str, message: str) -> None:
    job = Job.from_dict({**ODD_JOBS[1], "created": wire})
    with pytest.raises(ValueError, match=message):
        _ = job.created


def test_enum_values_read_as_the_members_and_unknown_ones_as_before() -> None:
    jobs = [Job.from_dict({**ODD_JOBS[1], "status": status}) for status in ("running", "ARCHIVED", "")]
    assert jobs[0].status is JobStatus.RUNNING
    assert isinstance(jobs[1].status, JobStatus) and jobs[1].status.value == "ARCHIVED"
    assert jobs[1].status not in list(JobStatus)  # an unknown value is not made a member
    assert isinstance(jobs[2].status, JobStatus) and jobs[2].status == ""
    storage = Storage.from_dict({"id": 1, "name": "n", "provider": 5, "category": "external"})
    assert storage.provider == 5  # not a string: kept as sent, as the parse function always did


def test_a_free_form_object_is_copied_at_once_and_a_bad_one_still_fails_on_read() -> None:
    reply = copy.deepcopy(ODD_JOBS[0])
    job = Job.from_dict(reply)
    metadata = job.metadata
    reply["metadata"]["attempt"] = 99  # after the job's first read: the model has its own copy
    assert metadata.additional_properties == {"current_step": "processing", "attempt": 2}
    assert metadata.to_dict() == ODD_JOBS[0]["metadata"]
    metadata["attempt"] = 3  # and changing the model leaves the reply alone
    assert reply["metadata"]["attempt"] == 99
    bad = Job.from_dict({**ODD_JOBS[1], "metadata": "not an object"})
    with pytest.raises(ValueError, match=r"JobMetadata\.from_dict: the data does not fit"):
        _ = bad.metadata.additional_properties


@pytest.mark.parametrize(
    ("sent", "read"),
    [(JOB_ID, uuid.UUID(JOB_ID)), (789, 789), ("job-789", "job-789"), (None, UNSET)],
    ids=["uuid", "int", "other-string", "null"],
)
def test_a_union_reads_its_converting_member_and_keeps_anything_else(sent: object, read: object) -> None:
    job = Job.from_dict({**ODD_JOBS[1], "id": sent})
    assert job.id == read and type(job.id) is type(read)
    assert job.to_dict().get("id", UNSET) == (UNSET if sent is None else sent)


def test_a_union_with_a_model_member_reads_it_or_keeps_the_id() -> None:
    from synapse_api.models import PluginRelease

    expanded = PluginRelease.from_dict({"id": 3, "plugin": {"id": 1, "name": "p"}, "version": "1"})
    assert isinstance(expanded.plugin, Plugin) and expanded.plugin.name == "p"
    assert PluginRelease.from_dict({"id": 3, "plugin": 1, "version": "1"}).plugin == 1
