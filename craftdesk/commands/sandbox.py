"""``craftdesk sandbox``: run the demo sevDesk in the foreground."""

from __future__ import annotations

import argparse
import errno
import sys
import time

from ..context import AppContext
from ..errors import PreconditionError
from ..fsutil import os_reason


def run_sandbox(ctx: AppContext, args: argparse.Namespace) -> int:
    from ..sandbox import DEMO_TOKEN, Sandbox, build_demo_data

    token = args.token or DEMO_TOKEN
    real = bool(getattr(args, "real_categories", False))
    # The account with real-like categories keeps its own state next to the default one.
    state = ctx.data_dir / ("sandbox-state-real.json" if real else "sandbox-state.json")
    data = None if state.exists() else build_demo_data(real_categories=real)
    sandbox = Sandbox(data=data, token=token, port=args.port, state_file=state)
    try:
        sandbox.start()
    except OSError as exc:  # the port is taken, or not ours to take
        why = "er ist schon belegt" if exc.errno == errno.EADDRINUSE else os_reason(exc)
        raise PreconditionError(f"Der Demo-sevDesk kann Port {args.port} nicht öffnen ({why}).") from None
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
