"""Benchmarks of the Synapse SDK against raw httpx on a loopback server: `python -m benchmarks`.

Every figure is measured in the same run as its raw-httpx reference, against the same server
(`benchmarks.server`, a separate process), and printed with its goal. The shared harness's own
scripts run too, from where they live (`../shared/bench`), against their own server
(`harness.py`).
`--quick` uses small sizes to prove everything works (its figures mean nothing); `--json PATH`
also writes the results.
"""
