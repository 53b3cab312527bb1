"""pytest fixtures for testing code that uses the SDK (placeholder until the local backend lands)."""
