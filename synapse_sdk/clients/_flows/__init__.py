"""The client's flows, each written once for the sync and async clients (sans-I/O).

A flow is a generator that yields actions (`actions.py`: "call this operation", "sleep this
long", "give the caller these items", "open this stream", "read from it") and is sent what came
of each; it makes every decision and does no I/O. `SyncAPIClient._drive` and
`AsyncAPIClient._drive` (in `_base`) carry the actions out: a few lines each, no decision.

- `pages.py`: walking a list endpoint page by page; a paginated console log.
- `waiting.py`: `wait_for_job`'s polls, their waits and its deadline.
- `following.py`: `follow_job_console_logs`: stream, resume, fall back to polling.
- `frames.py`: a stream's bytes as events (bounded), and what an event means in either dialect.
- `entries.py`: console-log entries from production's plain lines.
"""
