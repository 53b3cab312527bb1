"""The same app with mistakes a type checker must catch (each line is expected in mypy's output)."""

from synapse_sdk.clients.backend import BackendClient


def main(client: BackendClient) -> None:
    plugin = client.get_plugin(123)
    print(plugin["nmae"])  # E: misspelled key
    jobs, total = client.list_jobs()
    print(jobs[0]["stauts"])  # E: misspelled key
    count: str = total  # E: total is an int
    storage = client.get_storage(123)
    print(storage["provder"])  # E: misspelled key
    version: int = plugin["version"]  # E: version is a str
