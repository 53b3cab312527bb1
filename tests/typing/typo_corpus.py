"""Mistakes both type checkers must catch in code that uses the client (checked, never run).

Each line marked `# E: both` must be an error in mypy --strict and in pyright's standard mode;
`# E: pyright` only in pyright (mypy does not check access to keys that may be absent).
"""

from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from synapse_sdk.clients.types import Job


def results(client: BackendClient) -> None:
    plugin = client.get_plugin(123)
    print(plugin["nmae"])  # E: both
    print(plugin["name"] + 1)  # E: both
    job = client.get_job(789)
    print(job["stauts"])  # E: both
    print(job["logs"])  # E: pyright
    print(job["progress"].upper())  # E: both
    with_logs = client.get_job(789, params={"expand": "logs"})
    print(with_logs["logs"][0]["mesage"])  # E: both
    release = client.get_plugin_release(456, params={"expand": "plugin"})
    print(release["plugin"]["nmae"])  # E: both
    storage = client.get_storage(123)
    print(storage["provder"])  # E: both
    jobs, total = client.list_jobs()
    print(total.upper())  # E: both
    print(jobs[0]["creatd"])  # E: both
    for agent in client.list_agents():
        print(agent["last_sen"])  # E: both
    for entry in client.follow_job_console_logs(789):
        print(entry["levl"])  # E: both
    run = client.run_plugin(123, {"parameters": {}})
    print(run["jobid"])  # E: both
    waited: Job = client.wait_for_job(run["job_id"])
    print(waited["stauts"])  # E: both


def arguments(client: BackendClient) -> None:
    client.get_plugin("123", "x")  # E: both
    client.wait_for_job(789, timeout="soon")  # E: both
    client.create_plugin_release({"plugin": 1, "version": "1", "file": b"x"}, progres=print)  # E: both


async def async_results(client: AsyncBackendClient) -> None:
    job = await client.get_job(789, params={"expand": "metrics"})
    print(job["metrics"], job["metrix"])  # E: both
    async for entry in client.follow_job_console_logs(789):
        print(entry["mesage"])  # E: both
