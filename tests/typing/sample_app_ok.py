"""A small app that uses the client as documented; mypy --strict must accept it."""

from synapse_api.models import Job as JobModel

from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from synapse_sdk.clients.exceptions import ClientError, NotFoundError
from synapse_sdk.clients.types import Job, Plugin


def describe(plugin: Plugin) -> str:
    name: str = plugin["name"]
    return f"{name} {plugin.get('version', '?')}"


def main(client: BackendClient) -> None:
    plugin = client.get_plugin(123)
    print(describe(plugin), plugin["id"] + 1)
    jobs, total = client.list_jobs({"status": "running"})
    first: Job = jobs[0]
    print(first["id"], total + 1, JobModel.from_dict(dict(first)).status)
    for entry in client.list_job_console_logs(789):
        print((entry["timestamp"] or "-").upper(), entry["level"], entry["message"], entry.get("line"))
    for storage in client.list_storages():
        print(storage["name"], storage["provider"])
    try:
        client.health_check_agent("agent-token-123")
    except NotFoundError as error:
        print(error.status_code, error.response)
    except ClientError as error:
        print(error.detail)


async def main_async(client: AsyncBackendClient) -> None:
    job = await client.get_job(789, params={"expand": "logs"})
    print(job["status"], job.get("logs", []))
    async for other in client.iter_jobs({"plugin": 123}):
        print(other["id"])
