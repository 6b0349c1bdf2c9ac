"""``maillage dashboard`` and ``maillage demo`` check the port and the exposure before announcing anything."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from maillage.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy_port():
    """A port on which another program listens (on every interface)."""
    with socket.socket() as holder:
        holder.bind(("0.0.0.0", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.fixture
def base(tmp_path) -> Path:
    path = tmp_path / "base"
    path.write_bytes(b"")
    return path


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Tableau de bord sur" not in result.output, result.output
    return lines[0]


def test_busy_port_is_said_before_anything_is_announced(busy_port, base, monkeypatch):
    monkeypatch.delenv("MAILLAGE_PASSWORD", raising=False)
    line = one_error_line(CliRunner().invoke(main, ["dashboard", "--db", str(base), "--port", str(busy_port)]))
    assert line == (f"Erreur : le port {busy_port} est déjà utilisé sur localhost : arrêtez l'autre programme "
                    "ou choisissez un autre port (--port N, ou make demo PORT=N)")


def test_demo_checks_the_port_before_building(busy_port, tmp_path):
    result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "base"), "--port", str(busy_port)])
    assert one_error_line(result).startswith(f"Erreur : le port {busy_port} est déjà utilisé")
    assert not (tmp_path / "base").exists()


def test_network_exposure_needs_a_password(busy_port, base, monkeypatch):
    monkeypatch.delenv("MAILLAGE_PASSWORD", raising=False)
    monkeypatch.delenv("MAILLAGE_BIND", raising=False)
    args = ["dashboard", "--db", str(base), "--host", "0.0.0.0", "--port", str(busy_port)]
    assert "accessible depuis le réseau (0.0.0.0) sans mot de passe" in one_error_line(CliRunner().invoke(main, args))
    # published on the loopback only (docker-compose's default), or with a password: it goes on to the port check
    for env in ({"MAILLAGE_BIND": "127.0.0.1"}, {"MAILLAGE_PASSWORD": "sésame"}):
        assert "déjà utilisé" in one_error_line(CliRunner().invoke(main, args, env=env))


def test_compose_publishes_on_the_loopback_and_passes_the_password():
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert '- "${MAILLAGE_BIND:-127.0.0.1}:8501:8501"' in compose
    assert 'MAILLAGE_PASSWORD: "${MAILLAGE_PASSWORD:-}"' in compose
    assert 'MAILLAGE_BIND: "${MAILLAGE_BIND:-127.0.0.1}"' in compose
    assert "./donnees:/data:ro" in compose
