"""``craftdesk sandbox``: run the demo sevDesk in the foreground."""

from __future__ import annotations

import argparse
import sys
import time

from ..context import AppContext


def run_sandbox(ctx: AppContext, args: argparse.Namespace) -> int:
    from ..sandbox import DEMO_TOKEN, Sandbox, build_demo_data

    token = args.token or DEMO_TOKEN
    real = bool(getattr(args, "real_categories", False))
    # The account with real-like categories keeps its own state next to the default one.
    state = ctx.data_dir / ("sandbox-state-real.json" if real else "sandbox-state.json")
    data = None if state.exists() else build_demo_data(real_categories=real)
    sandbox = Sandbox(data=data, token=token, port=args.port, state_file=state)
    sandbox.start()
    print(f"Demo-sevDesk läuft: {sandbox.url}", flush=True)
    print(f"Token: {token}", flush=True)
    print("Beenden mit Strg+C.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
        sys.stdout.flush()
    return 0
