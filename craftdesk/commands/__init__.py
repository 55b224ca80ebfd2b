"""Handlers of the CLI subcommands. Each is ``run_x(ctx, args) -> int`` and stays thin:
parse, call a service, print."""
