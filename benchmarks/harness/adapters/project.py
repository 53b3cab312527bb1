"""Adapter: this project's synapse_sdk BackendClient (generated httpx client + mixin).

Run with the project's own venv python (its .venv), from anywhere.
Contract: see adapters/upstream_v1.py.
"""
from __future__ import annotations

DESCRIPTION = 'project synapse_sdk BackendClient (openapi-python-client + mixin)'


def describe():
    from importlib.metadata import PackageNotFoundError, version

    def v(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return '?'
    return {'adapter': 'project', 'httpx': v('httpx'), 'attrs': v('attrs')}


def auth_headers(token, tenant):
    h = {}
    if token:
        h['Synapse-Access-Token'] = f'Token {token}'
    if tenant:
        h['Synapse-Tenant'] = f'Token {tenant}'
    return h


def make_client(base_url, token, tenant):
    from synapse_sdk.clients.backend import BackendClient
    return BackendClient(base_url, access_token=token, tenant=tenant)


def get_plugin(client, plugin_id):
    return client.get_plugin(plugin_id)


def list_jobs(client, params):
    jobs, _total = client.list_jobs(params=params)
    return list(jobs)


def create_plugin_release(client, data, file_path):
    # Keys the document does not name (the harness sends `config` and `requirements`) go through
    # the SDK's one explicit way for extra fields, `extra_body`; the SDK refuses them otherwise.
    documented = {'plugin', 'version', 'changelog', 'is_stable'}
    fields = {k: v for k, v in data.items() if k in documented}
    extra = {k: v for k, v in data.items() if k not in documented}
    with open(file_path, 'rb') as f:
        return client.create_plugin_release({**fields, 'file': f}, extra_body=extra or None)


def close(client):
    close = getattr(client, 'close', None)
    if close:
        close()
