#!/usr/bin/env python3
"""Report every change to the API contract between two versions of the OpenAPI document.

    scripts/contract_diff.py OLD NEW                 two entry files (JSON or YAML, bundled or split)
    scripts/contract_diff.py --base REF [--head REF]  openapi/openapi.yaml at REF vs the working tree

The command lives in the `synapse_contract` package (`python -m synapse_contract` is the same);
`--help` and docs/contract-review.md say the rest.
"""

import sys

from synapse_contract.cli import main

if __name__ == "__main__":
    sys.exit(main())
