"""The pytest plugin of synapse-sdk-integration (entry point `synapse_sdk`): the fixtures of
`synapse_sdk.testing`.

A top-level module of its own, because `synapse_sdk` may be another distribution's: where the
production `synapse-sdk` is installed too, `import synapse_sdk` finds its package (see README,
"Coexistence"). Then pytest would stop at start-up on a bare ModuleNotFoundError; this says why
and leaves the fixtures out instead.
"""

from __future__ import annotations

import warnings

try:
    from synapse_sdk.testing import (
        pytest_addoption,
        pytest_configure,
        synapse_devserver,
        synapse_devserver_url,
    )
except ModuleNotFoundError as error:
    if error.name not in ("synapse_sdk", "synapse_sdk.testing"):
        raise
    warnings.warn(
        "synapse-sdk-integration: the synapse_devserver fixtures are not loaded, because "
        "`import synapse_sdk` finds another distribution's package (the production synapse-sdk). "
        "Both install `synapse_sdk`; use one per virtual environment (README: Coexistence).",
        stacklevel=1,
    )
else:
    __all__ = ["pytest_addoption", "pytest_configure", "synapse_devserver", "synapse_devserver_url"]
