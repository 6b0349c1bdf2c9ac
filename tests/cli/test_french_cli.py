"""The command line speaks French end to end: click's messages, help, errors, and the last-resort handler."""
from __future__ import annotations

import errno
import re

import click
import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.cli.french import FrenchGroup

#: Pieces of click's English messages; none may reach a user.
ENGLISH = ("Usage:", "Error:", "Missing argument", "Missing option", "Invalid value", "is not", "No such",
           "Try '", "Aborted", "[default", "required]", "Show this message", "Got unexpected", "does not",
           "[ARGS]", "Options:\n  --help")
#: click's English metavars.
ENGLISH_METAVARS = re.compile(r"\b(TEXT|INTEGER|FLOAT|PATH|FILENAME|BOOLEAN|RANGE)\b")


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    """(path, command) of every visible command, subcommands included."""
    for name in group.list_commands(click.Context(group)):
        command = group.get_command(click.Context(group), name)
        if command.hidden:
            continue
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


COMMANDS = sorted(all_commands(), key=lambda item: item[0])


def bad_invocations(path: tuple[str, ...], command: click.Command):
    """Argument lists that must each be refused: missing arguments, unknown store, bad numbers, unknown option."""
    required = [p for p in command.params if p.required]
    if required:
        yield [*path]
    fillers = ["x"] * sum(1 for p in command.params if isinstance(p, click.Argument) and p.required)
    names = {opt for p in command.params for opt in getattr(p, "opts", [])}
    if "--store" in names:
        yield [*path, *fillers, "--store", "mongo"]
    for option, value in (("--k", "0"), ("--rayon", "-1"), ("--size", "0"), ("--port", "0"),
                          ("--confiance-min", "beaucoup"), ("--format", "xml")):
        if option in names:
            yield [*path, *fillers, option, value]
    yield [*path, *fillers, "--inconnue"]


def assert_french_refusal(result, args) -> None:
    shown = " ".join(args)
    assert result.exit_code != 0, shown
    assert "Traceback" not in result.output and not isinstance(result.exception, (TypeError, AttributeError)), shown
    for english in ENGLISH:
        assert english not in result.output, f"maillage {shown} : {english!r} dans\n{result.output}"
    assert not ENGLISH_METAVARS.search(result.output), f"maillage {shown}\n{result.output}"
    assert "Erreur" in result.output, shown


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_refuses_bad_values_in_french(path, command, tmp_path):
    runner = CliRunner()
    for args in bad_invocations(path, command):
        assert_french_refusal(runner.invoke(main, [*args, "--db", str(tmp_path / "absente")]), args)


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_help_is_french(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0 and result.output.startswith("Utilisation : ")
    for english in ENGLISH:
        assert english not in result.output, f"{' '.join(path)} --help : {english!r}"
    assert not ENGLISH_METAVARS.search(result.output), result.output


def test_unknown_command_and_range_messages():
    result = CliRunner().invoke(main, ["relais"])
    assert result.exit_code == 2 and "Erreur : Commande inconnue : 'relais'" in result.output
    assert "relays" in result.output  # the accepted commands are listed
    result = CliRunner().invoke(main, ["relays", "--k", "0"])
    assert "Erreur : Valeur invalide pour '--k' : 0 n'est pas dans l'intervalle x>=1." in result.output
    result = CliRunner().invoke(main, ["relays", "--format", "xml"])
    assert "'xml' n'est pas une valeur possible ('table', 'json', 'csv')" in result.output


def _group_raising(exc: BaseException) -> click.Group:
    group = FrenchGroup("essai")

    @group.command("panne")
    def broken() -> None:
        raise exc

    return group


def test_an_unexpected_error_is_one_line_and_a_log(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    result = CliRunner().invoke(_group_raising(RuntimeError("moteur en panne interne")), ["panne"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Erreur inattendue (RuntimeError)")
    log = re.search(r"Détails dans (\S+)", lines[0]).group(1)
    assert log.startswith(str(tmp_path / "maillage"))
    assert "moteur en panne interne" in open(log, encoding="utf-8").read()


def test_an_os_error_gets_a_french_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory", "/nulle/part.txt")
    result = CliRunner().invoke(_group_raising(missing), ["panne"])
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : /nulle/part.txt : fichier ou dossier introuvable")
    assert "No such file" not in result.output


def test_ctrl_c_stops_with_a_french_line_and_130():
    result = CliRunner().invoke(_group_raising(KeyboardInterrupt()), ["panne"])
    assert result.exit_code == 130 and result.output.strip() == "Interrompu."
