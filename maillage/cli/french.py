"""click in French: its messages translated, French metavars, and one handler for every error.

click builds its messages with ``gettext`` (``_`` and ``ngettext`` imported in each of its
modules); :func:`install_click_translation` points those names at the catalogue below, so usage
lines, errors, prompts and help come out in French. A message missing from the catalogue stays
English, and the test of every command with bad values fails on it.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

import click
from click import core, decorators, exceptions, formatting, parser, termui, types

from maillage.errors import MaillageError
from maillage.reasons import os_error_line

#: click's messages (``gettext`` ids of click 8.x) -> French.
CLICK_MESSAGES: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Aborted!": "Interrompu.",
    "Missing command.": "Commande manquante.",
    "deprecated": "obsolète",
    "env var: {var}": "variable d'environnement : {var}",
    "default: {default}": "défaut : {default}",
    "required": "obligatoire",
    "(dynamic)": "(calculé)",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirme l'action sans la demander.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "unknown error": "erreur inconnue",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir le fichier {filename!r} : {message}",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "Invalid start character for option ({option})": "Caractère de début d'option invalide ({option})",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "Choose from:\n\t{choices}": "Valeurs possibles :\n\t{choices}",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} n'est pas un booléen. Valeurs reconnues : {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    "{name} {filename!r} is a file.": "{name} {filename!r} : c'est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} : c'est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} : lecture non permise.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} : écriture non permise.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} : exécution non permise.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
}

#: click's plural messages: (singular, plural) -> French (singular, plural).
CLICK_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Argument en trop ({args})", "Arguments en trop ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Attend {nargs} valeurs, 1 donnée.", "Attend {nargs} valeurs, {len} données."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Vouliez-vous dire {possibility} ?", "(Vouliez-vous dire : {possibilities} ?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("L'option {name!r} attend une valeur.", "L'option {name!r} attend {nargs} valeurs."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} n'est pas {choice}.", "{value!r} n'est pas une valeur possible ({choices})."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} ne suit pas le format {format}.", "{value!r} ne suit aucun des formats {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("{len_type} valeurs attendues, {len_value} donnée.", "{len_type} valeurs attendues, {len_value} données."),
}

#: Names of click's parameter types, shown as metavars (``--k ENTIER``) and in "is not a valid ..." errors.
TYPE_NAMES: dict[type, str] = {
    types.StringParamType: "texte",
    types.IntParamType: "entier",
    types.IntRange: "entier",
    types.FloatParamType: "nombre",
    types.FloatRange: "nombre",
    types.BoolParamType: "booléen",
    types.File: "fichier",
    types.DateTime: "date",
}

#: Names of positional arguments declared without a metavar -> French metavar.
ARGUMENT_NAMES: dict[str, str] = {
    "paths": "CHEMIN", "path": "CHEMIN", "document": "DOCUMENT", "file": "FICHIER", "files": "FICHIER",
    "actors": "ACTEURS.CSV", "links": "LIENS.CSV", "action": "ACTION", "source": "SOURCE",
    "target": "CIBLE", "person": "PERSONNE", "name": "NOM",
}

EXIT_ERROR = 1
EXIT_UNEXPECTED = 2
EXIT_INTERRUPTED = 130


def french(message: str) -> str:
    """click's ``gettext``: the French text of one of its messages."""
    return CLICK_MESSAGES.get(message, message)


def french_plural(singular: str, plural: str, count: int) -> str:
    """click's ``ngettext``: the French text of one of its plural messages."""
    one, many = CLICK_PLURALS.get((singular, plural), (singular, plural))
    return one if count == 1 else many


def install_click_translation() -> None:
    """Point click's ``_`` and ``ngettext`` at the French catalogue and give its types French names."""
    for module in (core, decorators, exceptions, formatting, parser, termui, types):
        if hasattr(module, "_"):
            module._ = french
        if hasattr(module, "ngettext"):
            module.ngettext = french_plural
    for cls, name in TYPE_NAMES.items():
        cls.name = name


def log_dir() -> Path:
    """Where the details of unexpected errors go: ``$XDG_STATE_HOME/maillage`` (``~/.local/state/maillage``)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "maillage"


def write_error_log(exc: BaseException) -> Path:
    """Write the command line and the traceback of ``exc`` to a new log file and return its path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"commande : {' '.join(sys.argv)}\n\n" + "".join(traceback.format_exception(exc))
    for folder in (log_dir(), Path(tempfile.gettempdir()) / "maillage"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"erreur-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path(os.devnull)


def _fail(line: str, code: int) -> None:
    click.echo(line, err=True)
    sys.exit(code)


class KnownOptions:
    """An unknown option is refused with the list of the command's options."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            options = sorted({opt for param in self.get_params(ctx) if isinstance(param, click.Option)
                              for opt in [*param.opts, *param.secondary_opts] if opt.startswith("--")})
            raise click.UsageError(f"Option inconnue : {exc.option_name!r} (options : {', '.join(options)}).",
                                   ctx) from None


class FrenchCommand(KnownOptions, click.Command):
    """A command whose positional arguments get French metavars (``CHEMIN...`` rather than ``PATHS...``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Argument) and param.metavar is None and param.name in ARGUMENT_NAMES:
                metavar = ARGUMENT_NAMES[param.name] + ("..." if param.nargs != 1 else "")
                param.metavar = metavar if param.required else f"[{metavar}]"


class FrenchGroup(KnownOptions, click.Group):
    """The ``maillage`` group: French usage line, and no error ever shown as a traceback.

    A :class:`MaillageError` prints ``Erreur : <line>`` (exit 1); an OS error prints the file and a
    French reason (exit 1); Ctrl+C prints ``Interrompu.`` (exit 130); any other exception prints one
    French line with the path of a log file holding the traceback (exit 2). click's own errors are
    translated by :func:`install_click_translation` (exit 2 for usage errors).
    """

    command_class = FrenchCommand
    group_class = type

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "COMMANDE [ARGUMENTS]...")
        super().__init__(*args, **kwargs)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """The subcommand named by ``args[0]``; an unknown name is refused with the list of commands."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = [n for n in self.list_commands(ctx) if not self.get_command(ctx, n).hidden]
            ctx.fail(f"Commande inconnue : {name!r} (commandes : {', '.join(known)}).")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _fail("Interrompu.", EXIT_INTERRUPTED)

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # only outside standalone mode, for the caller to handle
        except MaillageError as exc:
            _fail(f"Erreur : {exc}", EXIT_ERROR)
        except OSError as exc:
            log = write_error_log(exc)
            _fail(f"Erreur : {os_error_line(exc)} (détails : {log})", EXIT_ERROR)
        except Exception as exc:  # noqa: BLE001 - the last resort: no traceback reaches the user
            log = write_error_log(exc)
            _fail(f"Erreur inattendue ({type(exc).__name__}) : la commande s'est arrêtée. "
                  f"Détails dans {log}", EXIT_UNEXPECTED)
