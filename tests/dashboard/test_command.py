"""``maillage dashboard``: the command line it runs, and its French error on a missing database."""
from __future__ import annotations

from click.testing import CliRunner

from maillage.cli import main
from maillage.dashboard import server


def test_missing_database_is_one_french_line(tmp_path):
    result = CliRunner().invoke(main, ["dashboard", "--db", str(tmp_path / "absente.lbug")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Erreur : base introuvable : {tmp_path / 'absente.lbug'} "
        "(créez-la avec « maillage demo » ou « maillage import »)")


def test_server_runs_the_packaged_app_headless_on_the_port(tmp_path):
    db = tmp_path / "base.lbug"
    db.write_bytes(b"")
    command = server.streamlit_command(port=8600, host="0.0.0.0")
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4] == str(server.APP)
    assert {"--server.headless=true", "--server.port=8600", "--server.address=0.0.0.0",
            "--browser.gatherUsageStats=false"} <= set(command)
    env = server.dashboard_env(str(db), "ladybug")
    assert env["MAILLAGE_DB"] == str(db.resolve()) and env["MAILLAGE_STORE"] == "ladybug"
