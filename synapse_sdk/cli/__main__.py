"""`python -m synapse_sdk.cli`, the same as the `synapse` command."""

from . import main

main()
