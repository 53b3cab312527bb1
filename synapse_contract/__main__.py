"""`python -m synapse_contract OLD NEW` / `--base REF`: the same as scripts/contract_diff.py."""

import sys

from synapse_contract.cli import main

sys.exit(main())
