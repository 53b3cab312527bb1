"""One module per noun of the API; `integration.py` composes their mixins.

Each module holds its noun's request builders (`<method>_operation`: check the inputs, build the
request with the generated code's public `request_kwargs`) and a sync and an async mixin whose
methods send them through the client's one boundary (`_base`). Adding an endpoint means the
document and one module here. (`releases` keeps its builders beside it, in `_release_requests`.)
"""
