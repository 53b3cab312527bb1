"""The differ against oasdiff's verdicts on ../shared/contract-corpus (cases from oasdiff's checker
tests), at --level wire: every case agrees except the written-down policy differences.

Runs each case in-process (the same entry point as `run_corpus.py -- python scripts/contract_diff.py
--level wire`, without 152 interpreter start-ups) and prints the score in the runner's words.
"""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

import pytest

from tests.contract.common import CORPUS, ROOT, main

# Each with its reason in docs/contract-review.md and the differ's docstring.
POLICY = {
    "op-deprecated-path-removed": "removing a deprecated operation still breaks the clients that call it",
    "op-deprecated-removed": "removing a deprecated operation still breaks the clients that call it",
    "sec-global-security-added": "calls without credentials are rejected",
    "sec-operation-security-added": "calls without credentials are rejected",
    "sec-scope-added": "tokens without the new scope are rejected",
    "resp-max-length-increased": "relaxed response bounds do not break a client",
    "resp-min-decreased": "relaxed response bounds do not break a client",
    "resp-min-length-decreased": "relaxed response bounds do not break a client",
    "resp-any-of-added": "a response may now have a shape clients do not know",
    "resp-xml-type-loosely-compatible": "an XML body's type change is judged like JSON's",
    "body-required-undeclared-property": "a required property is required whether or not it is described",
    "body-pattern-added": "a readOnly property is not sent by clients",
    "body-anyof-property-became-required": "`required` does not apply to a `type: array` value",
    "body-all-of-added": "an allOf member that adds no constraint changes nothing accepted",
}


# Warn cases (oasdiff: "potentially breaking", unscored) where the differ takes a written-down side.
WARN_POLICY = {
    "resp-enum-value-added": ("breaking", "the document keeps the enum closed: clients may reject the value"),
}


def _verdict(case: dict[str, Any]) -> str:
    argv = ["--level", "wire", str(CORPUS / case["base"]), str(CORPUS / case["revision"])]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = main(argv)
    return {0: "non-breaking", 1: "breaking"}.get(status, "refused")


@pytest.mark.skipif(not (CORPUS / "manifest.json").exists(), reason=f"no contract corpus at {CORPUS}")
def test_corpus_agrees_with_oasdiff_except_policy() -> None:
    cases = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    scored = [case for case in cases if case["expected"] in ("breaking", "non-breaking")]
    results = {case["id"]: _verdict(case) for case in cases}
    right = [case for case in scored if results[case["id"]] == case["expected"]]
    misses = {case["id"] for case in scored} - {case["id"] for case in right}
    breaking = [case for case in scored if case["expected"] == "breaking"]
    benign = [case for case in scored if case["expected"] == "non-breaking"]
    caught = sum(results[c["id"]] == "breaking" for c in breaking)
    alarms = sum(results[c["id"]] == "breaking" for c in benign)
    warn = [case for case in cases if case["expected"] == "warn"]
    print(
        f"\ncontract corpus: {len(right)}/{len(scored)} classified right (breaking caught {caught}/{len(breaking)}, "
        f"false alarms {alarms}/{len(benign)}, warn cases {len(warn)}); "
        f"policy differences: {len(misses & set(POLICY))}/{len(POLICY)}"
    )
    refused = [case_id for case_id, got in results.items() if got == "refused"]
    assert not refused, f"refused corpus cases: {refused}"
    for case_id, (verdict, _why) in WARN_POLICY.items():
        assert results[case_id] == verdict, (
            f"{case_id}: {results[case_id]}, the written-down policy says {verdict}"
        )
    unexplained = sorted(misses - set(POLICY))
    assert not unexplained, f"disagreements with oasdiff that are no written-down policy: {unexplained}"
    assert len(right) >= len(scored) - len(POLICY)


def test_every_policy_difference_is_documented() -> None:
    docs = (ROOT / "docs" / "contract-review.md").read_text(encoding="utf-8")
    for case_id in [*POLICY, *WARN_POLICY]:
        assert f"`{case_id}`" in docs, f"{case_id} is not listed in docs/contract-review.md"
