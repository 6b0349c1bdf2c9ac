"""``maillage dashboard``: the Streamlit dashboard over a database.

Before anything is announced, the command checks the base, that the port is free, and that a
dashboard reachable from the network has a password; then it says where the dashboard is and hands
the process over to Streamlit, whose own English start and stop lines go to ``/dev/null``.
"""
from __future__ import annotations

import errno
import ipaddress
import os
import socket

import click

from maillage.cli import main
from maillage.cli._options import store_options
from maillage.errors import InputError
from maillage.reasons import os_reason

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (``localhost``, ``127.0.0.1``, ``::1``)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, published: str | None, password: str) -> None:
    """Refuse a dashboard reachable from the network without ``MAILLAGE_PASSWORD``.

    ``published`` is the address the dashboard is reachable on from outside when it differs from the
    listening ``host`` (a container listens on 0.0.0.0 and is published by docker on ``MAILLAGE_BIND``).
    """
    exposed_on = published or host
    if not password and not is_loopback(exposed_on):
        raise InputError(f"le tableau de bord serait accessible depuis le réseau ({exposed_on}) sans mot de passe : "
                         "définissez MAILLAGE_PASSWORD, ou écoutez sur 127.0.0.1 derrière un proxy inverse "
                         "qui authentifie")


def check_port_free(host: str, port: int) -> None:
    """Raise a French :class:`InputError` when ``port`` is already taken on ``host`` (or cannot be opened)."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise InputError(f"adresse d'écoute inconnue : {host}") from None
    failures = []
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                failures.append(exc)
    if any(exc.errno == errno.EADDRINUSE for exc in failures):
        raise InputError(f"le port {port} est déjà utilisé sur {host} : arrêtez l'autre programme ou choisissez "
                         "un autre port (--port N, ou make demo PORT=N)")
    if failures and len(failures) == len(addresses):
        raise InputError(f"impossible d'écouter sur {host}:{port} : {os_reason(failures[0])}")


def open_dashboard(db: str, store: str, port: int, host: str = "localhost", published: str | None = None) -> None:
    """Check the base, the exposure and the port, announce the address, then become the Streamlit server."""
    from maillage.dashboard import server

    server.dashboard_env(db, store)
    check_exposure(host, published, os.environ.get("MAILLAGE_PASSWORD", ""))
    check_port_free(host, port)
    click.echo(f"Tableau de bord sur http://{'localhost' if host in ('0.0.0.0', '::') else host}:{port} "
               f"(base : {db}). Ctrl+C pour arrêter.")
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "warning")  # no English "server started" line
    _silence_stdout()
    server.run(db, store, port, host)


def _silence_stdout() -> None:
    """Send the standard output of the process (and so of Streamlit, which replaces it) to /dev/null."""
    import sys

    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


@main.command("dashboard")
@store_options
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535),
              help="Port HTTP du tableau de bord.")
@click.option("--host", default="localhost", show_default=True,
              help="Adresse d'écoute ; hors localhost ou 127.0.0.1 (0.0.0.0 dans un conteneur), "
                   "MAILLAGE_PASSWORD est exigé.")
@click.option("--adresse-publiee", "published", envvar="MAILLAGE_BIND", default=None,
              help="Adresse sur laquelle le tableau de bord est publié quand elle diffère de --host "
                   "(conteneur publié par docker) ; hors 127.0.0.1, MAILLAGE_PASSWORD est exigé.")
def dashboard(db: str, store: str, port: int, host: str, published: str | None) -> None:
    """Ouvre le tableau de bord (http://localhost:8501 par défaut) sur la base.

    Un tableau de bord accessible depuis le réseau (--host autre que localhost ou 127.0.0.1) ne
    démarre qu'avec un mot de passe (MAILLAGE_PASSWORD).
    """
    open_dashboard(db, store, port, host, published)
