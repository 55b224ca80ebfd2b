"""A throw-away PostgreSQL server for the team-mode tests and the benchmark.

It uses the server programs of the installed PostgreSQL (Debian's ``postgresql`` package
puts them in /usr/lib/postgresql/<version>/bin, which is not on PATH): ``initdb`` a
cluster in a temp folder, ``pg_ctl start`` it on 127.0.0.1 with a free port and a unix
socket in the same folder, and ``pg_ctl stop`` it at the end. PostgreSQL refuses to run
as root, so as root the cluster belongs to the ``postgres`` system user that the Debian
package creates. Durability settings are off: the data is thrown away anyway.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "craftdesk"


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server programs on this machine."""


def find_bindir() -> Path:
    """The folder with initdb/pg_ctl: $PG_BINDIR, then PATH, then the newest Debian version."""
    explicit = os.environ.get("PG_BINDIR")
    if explicit and (Path(explicit) / "initdb").exists():
        return Path(explicit)
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return Path(candidates[-1]).parent
    raise ServerUnavailable("no PostgreSQL server programs (initdb, pg_ctl) found")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url(dbname)`` for clients."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.base = Path(tempfile.mkdtemp(prefix="craftdesk-pg-"))
        self.datadir = self.base / "data"
        self.port = _free_port()
        self._user: str | None = None
        self._counter = 0
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError as exc:
                raise ServerUnavailable("running as root without a 'postgres' user") from exc
            self._user = "postgres"
            shutil.chown(self.base, user="postgres")
        os.chmod(self.base, 0o755)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            check=True,
            user=self._user,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=self.base,
            timeout=120,
        )

    def start(self) -> PostgresServer:
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100 -c shared_buffers=32MB"
        )
        self._run(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(self.datadir),
            "-l",
            str(self.base / "server.log"),
            "-o",
            options,
        )
        return self

    def halt(self) -> None:
        """Stop the server as a crash or power loss would (the data folder stays)."""
        self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.datadir))

    def resume(self) -> None:
        """Start a halted server again on the same port."""
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(self.datadir),
            "-l",
            str(self.base / "server.log"),
            "-o",
            options,
        )

    def stop(self) -> None:
        try:
            if (self.datadir / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.datadir))
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database; returns its URL."""
        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
