"""One module per noun of the API; `integration.py` composes their mixins."""
