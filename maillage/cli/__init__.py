"""The ``maillage`` command: one click group, commands registered by topic modules."""
from __future__ import annotations

import sys

import click

from maillage.errors import MaillageError


class FrenchErrorGroup(click.Group):
    """Turn every :class:`MaillageError` into one French line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MaillageError as exc:
            click.echo(f"Erreur : {exc}", err=True)
            sys.exit(1)


@click.group(cls=FrenchErrorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="maillage")
def main() -> None:
    """maillage : la base de connaissances des acteurs de l'économie territoriale."""


def _register() -> None:
    """Import the topic modules; each adds its commands to ``main``."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


_register()
