"""Python client for the Synapse ML platform's integration API."""

__version__ = "0.1.0"
