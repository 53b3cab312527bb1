"""Contract differ for the OpenAPI document: compares two versions and classifies each change.

`diff_documents` is the entry point; `scripts/contract_diff.py` is the command line around it.
"""

from synapse_contract.differ import diff_documents
from synapse_contract.model import Change

__all__ = ["Change", "diff_documents"]
